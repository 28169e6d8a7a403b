// Package backup makes a snapshot of a served folder (the answers files
// and the .roadmap folder: access list, settings, history, archive, audit
// log) as a zip file, consistent while "roadmap serve" saves, and restores
// one into an empty folder.
//
// Consistency comes from a lock file, .roadmap/lock: serve holds it shared
// while it changes the folder (a save writes the earlier version, the
// answers file and the audit line under it) and a backup holds it
// exclusively while it reads, so the snapshot falls between two changes.
package backup

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/partnership-roadmap/roadmap/internal/access"
	"github.com/partnership-roadmap/roadmap/internal/msg"
)

const lockFile = "lock"

// Lock is the lock of one folder. Shared is counted: the goroutines of
// one process share one flock, taken by the first and let go by the last.
type Lock struct {
	f      *os.File
	mu     sync.Mutex
	shared int
}

// OpenLock opens the lock of the answers folder dir, making .roadmap/lock
// when missing.
func OpenLock(dir string) (*Lock, error) {
	if err := os.MkdirAll(filepath.Join(dir, access.Folder), 0o700); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(filepath.Join(dir, access.Folder, lockFile), os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, err
	}
	return &Lock{f: f}, nil
}

// Shared takes the lock for a change of the folder; a backup waits. Each
// Shared that returns no error is paired with an Unlock.
func (l *Lock) Shared() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.shared == 0 {
		if err := flock(l.f, false); err != nil {
			return err
		}
	}
	l.shared++
	return nil
}

// Unlock lets go of a Shared lock.
func (l *Lock) Unlock() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.shared == 0 {
		return nil
	}
	if l.shared--; l.shared == 0 {
		return funlock(l.f)
	}
	return nil
}

// Exclusive takes the lock for a backup, until ExclusiveUnlock; changes
// wait.
func (l *Lock) Exclusive() error { return flock(l.f, true) }

// ExclusiveUnlock lets go of an Exclusive lock.
func (l *Lock) ExclusiveUnlock() error { return funlock(l.f) }

// Close closes the lock file.
func (l *Lock) Close() error { return l.f.Close() }

// answersRE is what an answers file of a served folder may be named: one
// file of the folder, never a path; a name as people and their computers
// make them ("Brīnumiņš – 2027 (1).YAML"); hidden files (the temporary
// files of a save) are not.
var answersRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^[\p{L}\p{N}][\p{L}\p{N}._ ()\x{2013}-]{0,120}\.(?i:ya?ml)$`)
})

// IsAnswersName reports whether name may name an answers file of a served
// folder.
func IsAnswersName(name string) bool {
	return answersRE().MatchString(name) && !strings.Contains(name, "..")
}

// Summary counts what a backup or a restore holds.
type Summary struct {
	Answers int // answers files
	Files   int // every file, the .roadmap folder's too
}

// Create writes a zip of the answers folder dir to w: its answers files
// and the files of its .roadmap folder (not the lock, not temporary
// files), taken under the folder's lock.
func Create(dir string, w io.Writer, now time.Time) (Summary, error) {
	var sum Summary
	lock, err := OpenLock(dir)
	if err != nil {
		return sum, err
	}
	defer lock.Close()
	if err := lock.Exclusive(); err != nil {
		return sum, msg.New("backup.lock", "dir", dir, "reason", err)
	}
	defer lock.ExclusiveUnlock()

	var names []string
	des, err := os.ReadDir(dir)
	if err != nil {
		return sum, err
	}
	for _, de := range des {
		if de.Type().IsRegular() && IsAnswersName(de.Name()) {
			names = append(names, de.Name())
			sum.Answers++
		}
	}
	err = filepath.WalkDir(filepath.Join(dir, access.Folder), func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		top := filepath.Dir(p) == filepath.Join(dir, access.Folder)
		if !d.Type().IsRegular() || strings.HasPrefix(d.Name(), ".") || (top && (d.Name() == lockFile || d.Name() == "access.lock")) {
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		names = append(names, filepath.ToSlash(rel))
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return sum, err
	}
	slices.Sort(names)
	zw := zip.NewWriter(w)
	for _, n := range names {
		if err := addFile(zw, filepath.Join(dir, filepath.FromSlash(n)), n, now); err != nil {
			return sum, msg.New("backup.add", "file", n, "reason", err)
		}
		sum.Files++
	}
	return sum, zw.Close()
}

func addFile(zw *zip.Writer, src, name string, now time.Time) error {
	f, err := os.Open(src)
	if err != nil {
		return err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	hdr := &zip.FileHeader{Name: name, Method: zip.Deflate, Modified: fi.ModTime()}
	if hdr.Modified.IsZero() {
		hdr.Modified = now
	}
	hdr.SetMode(0o600)
	zw2, err := zw.CreateHeader(hdr)
	if err != nil {
		return err
	}
	_, err = io.Copy(zw2, f)
	return err
}

// maxEntry is the largest file a restore takes from a zip (the audit log
// of years of saves fits); maxTotal bounds them all.
const (
	maxEntry = 256 << 20
	maxTotal = 4 << 30
)

// Restore unpacks the backup zipPath into dir, which must be missing or
// empty; every name is checked (an answers file at the top, or a file
// under .roadmap/, never a path out of dir), and each file is written
// whole. check, when not nil, is called with each answers file's name
// and bytes before anything is written; its error stops the restore.
func Restore(zipPath, dir string, check func(name string, data []byte) error) (Summary, error) {
	var sum Summary
	zr, err := zip.OpenReader(zipPath)
	if err != nil {
		return sum, msg.New("backup.not-zip", "file", zipPath, "reason", err)
	}
	defer zr.Close()
	if des, err := os.ReadDir(dir); err == nil && len(des) > 0 {
		return sum, msg.New("backup.not-empty", "dir", dir)
	}
	type entry struct {
		name string
		data []byte
	}
	var entries []entry
	var total int64
	for _, f := range zr.File {
		if f.FileInfo().IsDir() {
			continue
		}
		if !allowedName(f.Name) {
			return sum, msg.New("backup.foreign", "file", zipPath, "name", msg.Value(f.Name), "folder", access.Folder)
		}
		if f.UncompressedSize64 > maxEntry {
			return sum, msg.New("backup.entry-too-big", "file", zipPath, "name", msg.Value(f.Name), "max", maxEntry>>20)
		}
		rc, err := f.Open()
		if err != nil {
			return sum, fmt.Errorf("%s: %s: %w", zipPath, f.Name, err)
		}
		data, err := io.ReadAll(io.LimitReader(rc, maxEntry+1))
		rc.Close()
		if err != nil {
			return sum, fmt.Errorf("%s: %s: %w", zipPath, f.Name, err)
		}
		if total += int64(len(data)); len(data) > maxEntry || total > maxTotal {
			return sum, msg.New("backup.too-big", "file", zipPath, "name", msg.Value(f.Name))
		}
		if !strings.Contains(f.Name, "/") && check != nil {
			if err := check(f.Name, data); err != nil {
				return sum, err
			}
		}
		entries = append(entries, entry{f.Name, data})
	}
	for _, e := range entries {
		d, base := path.Split(e.name)
		if err := access.WriteFile(filepath.Join(dir, filepath.FromSlash(d)), base, e.data); err != nil {
			return sum, err
		}
		sum.Files++
		if d == "" {
			sum.Answers++
		}
	}
	return sum, nil
}

// allowedName reports whether name may be a file of a backup.
func allowedName(name string) bool {
	if !strings.Contains(name, "/") {
		return IsAnswersName(name)
	}
	rest, ok := strings.CutPrefix(name, access.Folder+"/")
	if !ok || rest == "" || strings.Contains(name, "\\") || path.Clean(name) != name {
		return false
	}
	for _, part := range strings.Split(rest, "/") {
		if part == "" || part == "." || part == ".." || strings.HasPrefix(part, ".") {
			return false
		}
	}
	return true
}
