package fsutil

import "os"

// PathFile is one file written by WriteFiles.
type PathFile struct {
	// Path is where the file is written; files of one call may be in
	// different folders.
	Path string
	Data []byte
}

// WriteFiles writes every file of files so that a failure to write one leaves every file as it was: all
// are first written to temporary files beside them, and only when all are
// written are they renamed over the old ones. A failure removes the
// temporary files. Paths follow WriteFileAtomic's rules (a link is
// written through; a folder or a special file is refused).
func WriteFiles(files []PathFile) error {
	targets := make([]string, 0, len(files))
	tmps := make([]string, 0, len(files))
	undo := func() {
		for _, t := range tmps {
			os.Remove(t)
		}
	}
	for _, f := range files {
		target, err := resolve(f.Path)
		if err != nil {
			undo()
			return err
		}
		tmp, err := writeTemp(target, f.Data, false)
		if err != nil {
			undo()
			return Describe(f.Path, err)
		}
		targets = append(targets, target)
		tmps = append(tmps, tmp)
	}
	for i, tmp := range tmps {
		if err := os.Rename(tmp, targets[i]); err != nil {
			undo()
			return Describe(files[i].Path, err)
		}
	}
	return nil
}
