// Package fsutil writes output files safely: whole or not at all, through
// temporary files of one recognisable pattern (".roadmap-<pid>-<n>.tmp")
// that a later run cleans up when the run that made them was killed. Its
// errors name the user's path, never a temporary one, in plain words.
package fsutil

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/partnership-roadmap/roadmap/internal/esc"
	"github.com/partnership-roadmap/roadmap/internal/msg"
)

// tmpSeq numbers the temporary files of this process.
var tmpSeq atomic.Uint64

// pid is the process id, in temporary names (os.Getpid is a system call).
var pid = strconv.Itoa(os.Getpid())

// tmpPattern matches the temporary files and folders of any roadmap run.
// The name is short, so it fits beside an output name of any length.
var tmpPattern = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^\.roadmap-([0-9]+)-[0-9]+\.tmp$`) })

// staleAge is how old a temporary file of a running process must be before
// it is taken for a leftover (its process id reused by another program).
const staleAge = 24 * time.Hour

// tmpName returns a new temporary name in folder dir.
func tmpName(dir string) string {
	return filepath.Join(dir, ".roadmap-"+pid+"-"+strconv.FormatUint(tmpSeq.Add(1), 10)+".tmp")
}

// WriteFileAtomic writes data to name through a temporary file in the same
// folder, which is then renamed over name, so that name is only ever the old
// file or the whole new one. The file gets mode 0644 (less the umask).
// Missing parent folders are created. A failure removes the temporary file
// and leaves any earlier name intact.
//
// When name is a symbolic link, the file it points to is written (the link
// stays a link); a link to nothing is refused. A folder or another
// non-regular file (a device, a named pipe) under name is refused.
func WriteFileAtomic(name string, data []byte) error {
	return writeFile(name, data, false)
}

// WriteFileDurable writes data to name as WriteFileAtomic does, and makes
// sure it is on the disk when it returns: the temporary file is synced
// before it is renamed, and the folder after, so that a power cut leaves
// the old file or the whole new one. It is for files a person keeps their
// work in (an answers file updated in place), not for documents a run can
// make again.
func WriteFileDurable(name string, data []byte) error {
	return writeFile(name, data, true)
}

func writeFile(name string, data []byte, durable bool) error {
	target, err := resolve(name)
	if err != nil {
		return err
	}
	tmp, err := writeTemp(target, data, durable)
	if err != nil {
		return Describe(name, err)
	}
	if err := os.Rename(tmp, target); err != nil {
		os.Remove(tmp)
		return Describe(name, err)
	}
	if durable {
		if err := syncDir(filepath.Dir(target)); err != nil {
			return Describe(name, err)
		}
	}
	return nil
}

// syncDir makes the entries of folder dir (a rename) durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, fs.ErrInvalid) && !errors.Is(err, syscall.EINVAL) {
		return err
	}
	return nil
}

// resolve returns the file to write for name: name itself, or the file a
// symbolic link points to. It refuses names that are not regular files.
func resolve(name string) (string, error) {
	st, err := os.Lstat(name)
	if errors.Is(err, fs.ErrNotExist) {
		return name, nil
	}
	if err != nil {
		return "", Describe(name, err)
	}
	if st.Mode()&fs.ModeSymlink != 0 {
		target, err := filepath.EvalSymlinks(name)
		if err != nil {
			return "", msg.New("fs.dangling-link", "path", esc.Name(name))
		}
		if st, err = os.Stat(target); err != nil {
			return "", Describe(name, err)
		}
		name = target
	}
	if err := regularOrAbsent(name, st); err != nil {
		return "", err
	}
	return name, nil
}

func regularOrAbsent(name string, st fs.FileInfo) error {
	switch m := st.Mode(); {
	case m.IsDir():
		return msg.New("fs.write-folder", "path", esc.Name(name))
	case !m.IsRegular():
		return msg.New("fs.write-special", "path", esc.Name(name), "kind", KindText(m))
	}
	return nil
}

// writeTemp writes data to a new temporary file beside name and returns
// its name, the file synced to the disk when durable. Missing folders are
// created.
func writeTemp(name string, data []byte, durable bool) (string, error) {
	dir := filepath.Dir(name)
	f, tmp, err := createTemp(dir)
	if errors.Is(err, fs.ErrNotExist) {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return "", err
		}
		f, tmp, err = createTemp(dir)
	}
	if err != nil {
		return "", err
	}
	Clean(dir)
	_, err = f.Write(data)
	if err == nil && durable {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp)
		return "", err
	}
	return tmp, nil
}

func createTemp(dir string) (*os.File, string, error) {
	for range 10000 {
		tmp := tmpName(dir)
		f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, fs.ErrExist) {
			continue // left by an earlier process of the same id
		}
		return f, tmp, err
	}
	return nil, "", errors.New("no free temporary name")
}

// cleaned holds the folders Clean has looked at in this process.
var cleaned sync.Map

// Clean removes, once per process and folder, the temporary files and
// folders that runs killed before they could finish left in dir: those of
// roadmap's own pattern whose process is no longer running, or that are a
// day old. Nothing else is touched.
func Clean(dir string) {
	if _, done := cleaned.LoadOrStore(filepath.Clean(dir), true); done {
		return
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		m := tmpPattern().FindStringSubmatch(e.Name())
		if m == nil || m[1] == pid {
			continue
		}
		if running(m[1]) {
			if info, err := e.Info(); err != nil || time.Since(info.ModTime()) < staleAge {
				continue
			}
		}
		os.RemoveAll(filepath.Join(dir, e.Name()))
	}
}

// Kind names the kind of a non-regular file for a person: "a named pipe".
func Kind(m fs.FileMode) string { return KindText(m).In(msg.Fallback) }

// KindText is Kind in every language.
func KindText(m fs.FileMode) msg.Message {
	switch {
	case m.IsRegular():
		return msg.New("kind.file")
	case m.IsDir():
		return msg.New("kind.folder")
	case m&fs.ModeNamedPipe != 0:
		return msg.New("kind.pipe")
	case m&fs.ModeSocket != 0:
		return msg.New("kind.socket")
	case m&fs.ModeDevice != 0:
		return msg.New("kind.device")
	case m&fs.ModeSymlink != 0:
		return msg.New("kind.link")
	}
	return msg.New("kind.special")
}

// Describe returns err, a failure to write or read path, in plain words
// that name path (the user's name, never a temporary one) once:
// "writing out/a.pdf: the disk is full".
func Describe(path string, err error) error {
	if errors.Is(err, syscall.ENOTDIR) {
		// Name the part of the path that is a file.
		for dir := filepath.Dir(path); dir != "." && dir != filepath.Dir(dir); dir = filepath.Dir(dir) {
			if st, err := os.Stat(dir); err == nil && !st.IsDir() {
				return msg.New("fs.part-not-folder", "path", esc.Name(path), "dir", esc.Name(dir), "kind", KindText(st.Mode()))
			}
		}
	}
	return msg.New("fs.describe", "path", esc.Name(path), "reason", ReasonText(err))
}

// Reason is what went wrong in err, in plain words, without the system
// call or the path it was made with.
func Reason(err error) string { return ReasonText(err).In(msg.Fallback) }

// ReasonText is Reason in every language; a reason the system gives in
// its own words (an error this program does not know) stays as it is.
func ReasonText(err error) msg.Message {
	var errno syscall.Errno
	if errors.As(err, &errno) {
		if key := systemReason(errno); key != "" {
			return msg.New(key)
		}
		switch errno {
		case syscall.ENOSPC, syscall.EDQUOT:
			return msg.New("reason.disk-full")
		case syscall.EACCES, syscall.EPERM:
			return msg.New("reason.permission")
		case syscall.EROFS:
			return msg.New("reason.read-only")
		case syscall.ENOTDIR:
			return msg.New("reason.not-folder")
		case syscall.EISDIR:
			return msg.New("reason.is-folder")
		case syscall.ENAMETOOLONG:
			return msg.New("reason.name-too-long")
		case syscall.ENOENT:
			return msg.New("reason.not-found")
		case syscall.EEXIST:
			return msg.New("reason.exists")
		case syscall.EIO:
			return msg.New("reason.io")
		}
		return msg.New("reason.system", "text", errno.Error())
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return ReasonText(pe.Err)
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return ReasonText(le.Err)
	}
	return msg.New("reason.system", "text", err.Error())
}

// PrepareDir makes sure dir is a folder that can be written to, creating it
// when missing, so that a batch reports one clear problem with its output
// folder rather than one for every file.
func PrepareDir(dir string) error {
	st, err := os.Stat(dir)
	switch {
	case err == nil && !st.IsDir():
		return msg.New("fs.write-into-file", "path", esc.Name(dir), "kind", KindText(st.Mode()))
	case errors.Is(err, fs.ErrNotExist):
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return Describe(dir, err)
		}
	case err != nil:
		return Describe(dir, err)
	}
	f, tmp, err := createTemp(dir)
	if err != nil {
		return Describe(dir, err)
	}
	f.Close()
	os.Remove(tmp)
	Clean(dir)
	return nil
}

// CheckInput says whether path can be read as an input file without
// blocking: nil for a regular file; otherwise what it is, in plain words
// ("is a named pipe, not a file").
func CheckInput(path string) error {
	st, err := os.Stat(path)
	if err != nil {
		return ReasonText(err)
	}
	if !st.Mode().IsRegular() {
		return msg.New("fs.not-a-file", "kind", KindText(st.Mode()))
	}
	return nil
}

// File is one file of a folder written by WriteFolder.
type File struct {
	// Name is the file's name inside the folder, without a path.
	Name string
	Data []byte
}

// WriteFolder writes files into the folder dir so that dir shows all of
// them or, on a failure, none: a new folder is made whole as a temporary
// folder beside it and renamed into place; in a folder that exists already
// every file is first written to a temporary file, and only when all are
// written are they renamed over the old ones. A failure leaves no
// temporary file, no empty folder and every earlier file as it was.
func WriteFolder(dir string, files []File) error {
	for _, f := range files {
		if f.Name == "" || f.Name != filepath.Base(f.Name) {
			return fmt.Errorf("writing %s: %q is not a file name", esc.Name(dir), f.Name)
		}
	}
	st, err := os.Lstat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		err = writeNewFolder(dir, files)
		if !errors.Is(err, fs.ErrExist) && !errors.Is(err, syscall.ENOTEMPTY) {
			return err
		}
		// Another run made the folder meanwhile: write into it.
	case err != nil:
		return Describe(dir, err)
	case !st.IsDir() && st.Mode()&fs.ModeSymlink == 0:
		return msg.New("fs.not-a-folder", "path", esc.Name(dir), "kind", KindText(st.Mode()))
	}
	return writeIntoFolder(dir, files)
}

func writeNewFolder(dir string, files []File) error {
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return Describe(parent, err)
	}
	Clean(parent)
	tmp := tmpName(parent)
	if err := os.Mkdir(tmp, 0o755); err != nil {
		return Describe(dir, err)
	}
	for _, f := range files {
		if err := os.WriteFile(filepath.Join(tmp, f.Name), f.Data, 0o644); err != nil {
			os.RemoveAll(tmp)
			return Describe(filepath.Join(dir, f.Name), err)
		}
	}
	if err := os.Rename(tmp, dir); err != nil {
		os.RemoveAll(tmp)
		if errors.Is(err, fs.ErrExist) || errors.Is(err, syscall.ENOTEMPTY) {
			return err
		}
		return Describe(dir, err)
	}
	return nil
}

func writeIntoFolder(dir string, files []File) error {
	targets := make([]string, len(files))
	tmps := make([]string, 0, len(files))
	undo := func() {
		for _, t := range tmps {
			os.Remove(t)
		}
	}
	for i, f := range files {
		name := filepath.Join(dir, f.Name)
		target, err := resolve(name)
		if err != nil {
			undo()
			return err
		}
		tmp, err := writeTemp(target, f.Data, false)
		if err != nil {
			undo()
			return Describe(name, err)
		}
		targets[i] = target
		tmps = append(tmps, tmp)
	}
	for i, tmp := range tmps {
		if err := os.Rename(tmp, targets[i]); err != nil {
			undo()
			return Describe(filepath.Join(dir, files[i].Name), err)
		}
	}
	return nil
}
