package serve

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/partnership-roadmap/roadmap/internal/backup"
	"github.com/partnership-roadmap/roadmap/internal/fsutil"
	"github.com/partnership-roadmap/roadmap/internal/msg"
	"github.com/partnership-roadmap/roadmap/internal/pack"
)

// store is the folder of answers files. Every access goes through an
// os.Root, so no name, "../" or symbolic link can reach outside the folder.
type store struct {
	root *os.Root
	dir  string
}

// validName reports whether name may name a roadmap of the folder (see
// backup.IsAnswersName).
func validName(name string) bool { return backup.IsAnswersName(name) }

// entry is one answers file of the folder.
type entryInfo struct {
	Name    string
	ModTime time.Time
	// Info is the entry's (Lstat), nil when it could not be read.
	Info fs.FileInfo
}

// list returns the answers files of the folder, sorted by name.
func (s *store) list() ([]entryInfo, error) {
	d, err := s.root.Open(".")
	if err != nil {
		return nil, err
	}
	defer d.Close()
	des, err := d.ReadDir(-1)
	if err != nil {
		return nil, err
	}
	var out []entryInfo
	for _, de := range des {
		// Only regular files and links: a named pipe or a device is never
		// opened, so it cannot block the page.
		if !validName(de.Name()) || (!de.Type().IsRegular() && de.Type()&fs.ModeSymlink == 0) {
			continue
		}
		info := entryInfo{Name: de.Name()}
		if fi, err := de.Info(); err == nil {
			info.ModTime, info.Info = fi.ModTime(), fi
		}
		out = append(out, info)
	}
	slices.SortFunc(out, func(a, b entryInfo) int { return strings.Compare(a.Name, b.Name) })
	return out, nil
}

// maxFile is the largest answers file read; the request limit is the same.
const maxFile = 2 << 20

// errTooBig is returned for a file over maxFile.
var errTooBig error = &tooBigMsg

var tooBigMsg = msg.New("serve.too-big", "max", maxFile>>20)

// read returns the bytes of the answers file name and its modification
// time. A symbolic link out of the folder is an error.
func (s *store) read(name string) ([]byte, time.Time, error) {
	// Opened without waiting, so a named pipe is refused, not waited on.
	f, err := s.root.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, time.Time{}, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, time.Time{}, err
	}
	if !fi.Mode().IsRegular() {
		return nil, time.Time{}, msg.New("serve.not-file", "kind", fsutil.KindText(fi.Mode()))
	}
	// One read of the size the file has (and whatever it grew by since).
	buf := bytes.NewBuffer(make([]byte, 0, min(fi.Size(), maxFile)+512))
	_, err = buf.ReadFrom(io.LimitReader(f, maxFile+1))
	data := buf.Bytes()
	if err != nil {
		return nil, time.Time{}, err
	}
	if len(data) > maxFile {
		return nil, time.Time{}, errTooBig
	}
	return data, fi.ModTime(), nil
}

// tmpSeq numbers the temporary files of this process.
var tmpSeq atomic.Uint64

// write replaces the file name with data so that name is only ever the old
// file or the whole new one, and the new one is on the disk when write
// returns: the data is written to a temporary file beside it, synced,
// renamed over name, and the folder synced so the rename is kept too.
func (s *store) write(name string, data []byte) (err error) {
	return s.writeNew(name, data, false)
}

// create writes a new file name; it fails with fs.ErrExist when name exists.
func (s *store) create(name string, data []byte) error {
	return s.writeNew(name, data, true)
}

// saveError is a failure to write an answers file, in plain words without
// the temporary file's name or the system call ("the disk is full").
type saveError struct{ err error }

func (e saveError) Error() string { return fsutil.Reason(e.err) }
func (e saveError) Unwrap() error { return e.err }

// writeNew writes name, a file of the folder or a path below it in the
// .roadmap folder, with a temporary file in the same folder.
func (s *store) writeNew(name string, data []byte, exclusive bool) (err error) {
	// The temporary name is of fsutil's pattern, so that one left by a
	// server that was killed is cleaned when the next one starts.
	dir, _ := path.Split(name)
	var (
		tmp string
		f   *os.File
	)
	for range 1000 {
		tmp = dir + ".roadmap-" + strconv.Itoa(os.Getpid()) + "-" + strconv.FormatUint(tmpSeq.Add(1), 10) + ".tmp"
		if f, err = s.root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644); !errors.Is(err, fs.ErrExist) {
			break
		}
	}
	if err != nil {
		return saveError{err}
	}
	defer func() {
		if err != nil {
			f.Close()
			s.root.Remove(tmp)
			if !errors.Is(err, fs.ErrExist) {
				err = saveError{err}
			}
		}
	}()
	if _, err = f.Write(data); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	if exclusive {
		// A hard link fails when name exists, where a rename would replace it.
		if err = s.root.Link(tmp, name); err != nil {
			if errors.Is(err, fs.ErrExist) {
				return err
			}
			// A file system without hard links (a FAT memory stick): the
			// callers hold the server's lock, so nothing makes name
			// between this check and the rename.
			if _, serr := s.root.Lstat(name); !errors.Is(serr, fs.ErrNotExist) {
				return fs.ErrExist
			}
			if err = s.root.Rename(tmp, name); err != nil {
				return err
			}
			return s.syncDir(dir)
		}
		if err = s.root.Remove(tmp); err != nil {
			return err
		}
	} else if err = s.root.Rename(tmp, name); err != nil {
		return err
	}
	return s.syncDir(dir)
}

// syncDir makes the entries (a rename) of dir, a folder below the root
// ("" for the root), durable.
func (s *store) syncDir(dir string) error {
	if dir == "" {
		dir = "."
	}
	d, err := s.root.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, fs.ErrInvalid) {
		return err
	}
	return nil
}

// freeName returns base + ".yaml", or base-2.yaml, base-3.yaml, ... for the
// first name not yet taken.
func (s *store) freeName(base string) string {
	// Names are compared without regard to case, as Windows and macOS do:
	// a folder made here must copy to them whole.
	taken := map[string]bool{}
	if entries, err := fs.ReadDir(s.root.FS(), "."); err == nil {
		for _, e := range entries {
			taken[pack.FoldName(e.Name())] = true
		}
	}
	for i := 1; ; i++ {
		name := base + ".yaml"
		if i > 1 {
			name = base + "-" + strconv.Itoa(i) + ".yaml"
		}
		if _, err := s.root.Lstat(name); errors.Is(err, fs.ErrNotExist) && !taken[pack.FoldName(name)] {
			return name
		}
	}
}

// ValidName reports whether name (a file name, not a path) may name a
// roadmap of a served folder.
func ValidName(name string) bool { return validName(name) }
