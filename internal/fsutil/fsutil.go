// Package fsutil writes output files safely: whole or not at all.
package fsutil

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"sync/atomic"
)

// tmpSeq numbers the temporary files of this process.
var tmpSeq atomic.Uint64

// pid is the process id, in temporary names (os.Getpid is a system call).
var pid = strconv.Itoa(os.Getpid())

// WriteFileAtomic writes data to name through a temporary file in the same
// folder, which is then renamed over name, so that name is only ever the old
// file or the whole new one. The file gets mode 0644 (less the umask).
// Missing parent folders are created. A failure removes the temporary file
// and leaves any earlier name intact.
//
// It makes as few system calls as it can, since a batch writes thousands of
// files: the temporary file is created with its final mode, and the folder
// is only created when creating the file finds it missing.
func WriteFileAtomic(name string, data []byte) (err error) {
	f, tmp, err := createTemp(name)
	if errors.Is(err, fs.ErrNotExist) {
		dir := filepath.Dir(name)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("creating folder %s: %w", dir, err)
		}
		f, tmp, err = createTemp(name)
	}
	if err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if _, err = f.Write(data); err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	if err = os.Rename(tmp, name); err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	return nil
}

// createTemp creates a new file beside name, named after it, the process
// and a sequence number (".a.pdf.1234-7.tmp").
func createTemp(name string) (*os.File, string, error) {
	prefix := filepath.Join(filepath.Dir(name), "."+filepath.Base(name)+"."+pid+"-")
	for range 10000 {
		tmp := prefix + strconv.FormatUint(tmpSeq.Add(1), 10) + ".tmp"
		f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, fs.ErrExist) {
			continue // left by an earlier process of the same id
		}
		return f, tmp, err
	}
	return nil, "", fmt.Errorf("no free temporary name beside %s", name)
}
