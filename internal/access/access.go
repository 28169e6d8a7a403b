// Package access keeps the access links of a served folder: who may open
// which roadmap, read-only or not, until when. The list lives in the
// folder's ".roadmap/access.json", written atomically; a link's secret is
// never stored, only its SHA-256, and a link shown is compared in constant
// time. A running server sees a link made or revoked at once: it reads the
// list again whenever the file changes.
package access

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/partnership-roadmap/roadmap/internal/msg"
)

// Folder is the name of the folder, beside the answers files, that holds
// the access list, the settings, the history and the audit log.
const Folder = ".roadmap"

const (
	listFile     = "access.json"
	settingsFile = "settings.json"
)

// Link is one access link as kept in the list. The secret it was made
// with is not kept: Hash is its SHA-256.
type Link struct {
	// ID names the link in "roadmap access --list" and "--revoke".
	ID string `json:"id"`
	// Hash is the hex SHA-256 of the link's secret.
	Hash string `json:"hash"`
	// Coordinator links open every roadmap, the folder's documents, and
	// make roadmaps; Roadmap is empty then.
	Coordinator bool `json:"coordinator,omitempty"`
	// Roadmap is the answers file (a name in the folder) the link opens.
	Roadmap string `json:"roadmap,omitempty"`
	// ReadOnly links show the roadmap and its downloads, and save nothing.
	ReadOnly bool `json:"read_only,omitempty"`
	// Label says whose link it is; the audit log names it.
	Label string `json:"label,omitempty"`
	// Created is when the link was made.
	Created time.Time `json:"created"`
	// Expires, when not zero, is the moment the link stops working.
	Expires time.Time `json:"expires,omitzero"`
	// Revoked, when not zero, is when the link was withdrawn.
	Revoked time.Time `json:"revoked,omitzero"`
}

// State is whether a link works at a moment.
type State int

// The states of a link.
const (
	Active State = iota
	Expired
	Revoked
)

func (s State) String() string {
	switch s {
	case Expired:
		return "expired"
	case Revoked:
		return "revoked"
	}
	return "active"
}

// State returns the link's state at now.
func (l Link) State(now time.Time) State {
	switch {
	case !l.Revoked.IsZero():
		return Revoked
	case !l.Expires.IsZero() && !now.Before(l.Expires):
		return Expired
	}
	return Active
}

type listDoc struct {
	Links []Link `json:"links"`
}

// Settings are what the folder remembers for "serve" and "access".
type Settings struct {
	// PublicURL is the address people open, such as
	// https://roadmaps.example.lv (no path, no trailing slash).
	PublicURL string `json:"public_url,omitempty"`
}

// Store is the access list of one folder.
type Store struct {
	dir string // the .roadmap folder

	mu    sync.Mutex
	info  fs.FileInfo // of the file last read; nil when none was
	links []Link
}

// Open returns the access list of the answers folder dir. The .roadmap
// folder is made when a link is first added.
func Open(dir string) *Store {
	return &Store{dir: filepath.Join(dir, Folder)}
}

// Links returns the links of the list, in the order they were made.
func (s *Store) Links() ([]Link, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.load(); err != nil {
		return nil, err
	}
	return append([]Link(nil), s.links...), nil
}

// load reads the list again when its file changed since the last read.
func (s *Store) load() error {
	path := filepath.Join(s.dir, listFile)
	fi, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		s.info, s.links = nil, nil
		return nil
	}
	if err != nil {
		return err
	}
	if s.info != nil && os.SameFile(s.info, fi) && s.info.ModTime().Equal(fi.ModTime()) && s.info.Size() == fi.Size() {
		return nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var doc listDoc
	if err := json.Unmarshal(data, &doc); err != nil {
		return msg.New("access.list-unreadable", "file", path, "reason", err)
	}
	s.info, s.links = fi, doc.Links
	return nil
}

// Any reports whether the list holds a link, of any state.
func (s *Store) Any() (bool, error) {
	l, err := s.Links()
	return len(l) > 0, err
}

// Find returns the link whose secret is token, and its state at now; ok
// is false when no link has that secret. Every link's hash is compared,
// each in constant time.
func (s *Store) Find(token string, now time.Time) (link Link, state State, ok bool, err error) {
	if token == "" {
		return Link{}, 0, false, nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.load(); err != nil {
		return Link{}, 0, false, err
	}
	sum := sha256.Sum256([]byte(token))
	want := []byte(hex.EncodeToString(sum[:]))
	for _, l := range s.links {
		if subtle.ConstantTimeCompare([]byte(l.Hash), want) == 1 {
			link, ok = l, true
		}
	}
	if !ok {
		return Link{}, 0, false, nil
	}
	return link, link.State(now), true, nil
}

// Add makes a new link like l (its ID, Hash and Created are set here) and
// returns it with its secret, which is shown once and never kept.
func (s *Store) Add(l Link, now time.Time) (Link, string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	unlock, err := s.lock()
	if err != nil {
		return Link{}, "", err
	}
	defer unlock()
	if err := s.load(); err != nil {
		return Link{}, "", err
	}
	secret := make([]byte, 24) // 192 bits
	if _, err := rand.Read(secret); err != nil {
		return Link{}, "", err
	}
	token := base64.RawURLEncoding.EncodeToString(secret)
	sum := sha256.Sum256([]byte(token))
	l.Hash = hex.EncodeToString(sum[:])
	l.Created = now.UTC().Truncate(time.Second)
	for {
		id := make([]byte, 4)
		if _, err := rand.Read(id); err != nil {
			return Link{}, "", err
		}
		l.ID = hex.EncodeToString(id)
		if _, taken := s.index(l.ID); !taken {
			break
		}
	}
	links := append(append([]Link(nil), s.links...), l)
	if err := s.save(links); err != nil {
		return Link{}, "", err
	}
	return l, token, nil
}

// lock takes the list's file lock (.roadmap/access.lock) for a change:
// the list is read, changed and written under it. Closing the file lets
// go of the lock.
func (s *Store) lock() (func(), error) {
	if err := os.MkdirAll(s.dir, 0o700); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(filepath.Join(s.dir, "access.lock"), os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, err
	}
	if err := lockFile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { f.Close() }, nil
}

func (s *Store) index(id string) (int, bool) {
	for i, l := range s.links {
		if l.ID == id {
			return i, true
		}
	}
	return 0, false
}

// ErrNoLink is returned by Revoke for an ID that names no link.
// It is a pointer, so that errors.Is can compare it.
var ErrNoLink error = &errNoLink

var errNoLink = msg.New("access.no-link")

// Revoke withdraws the link id at now; a server refuses it from its next
// request on. Revoking a revoked link changes nothing.
func (s *Store) Revoke(id string, now time.Time) (Link, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	unlock, err := s.lock()
	if err != nil {
		return Link{}, err
	}
	defer unlock()
	if err := s.load(); err != nil {
		return Link{}, err
	}
	i, ok := s.index(id)
	if !ok {
		return Link{}, ErrNoLink
	}
	if !s.links[i].Revoked.IsZero() {
		return s.links[i], nil
	}
	links := append([]Link(nil), s.links...)
	links[i].Revoked = now.UTC().Truncate(time.Second)
	if err := s.save(links); err != nil {
		return Link{}, err
	}
	return links[i], nil
}

func (s *Store) save(links []Link) error {
	data, err := json.MarshalIndent(listDoc{Links: links}, "", "  ")
	if err != nil {
		return err
	}
	if err := WriteFile(s.dir, listFile, append(data, '\n')); err != nil {
		return err
	}
	s.info, s.links = nil, links
	return nil
}

// LoadSettings reads the settings of the answers folder dir; a folder
// without them has the zero Settings.
func LoadSettings(dir string) (Settings, error) {
	var st Settings
	data, err := os.ReadFile(filepath.Join(dir, Folder, settingsFile))
	if errors.Is(err, fs.ErrNotExist) {
		return st, nil
	}
	if err != nil {
		return st, err
	}
	if err := json.Unmarshal(data, &st); err != nil {
		return st, msg.New("access.settings-unreadable", "file", filepath.Join(dir, Folder, settingsFile), "reason", err)
	}
	return st, nil
}

// SaveSettings writes the settings of the answers folder dir.
func SaveSettings(dir string, st Settings) error {
	data, err := json.MarshalIndent(st, "", "  ")
	if err != nil {
		return err
	}
	return WriteFile(filepath.Join(dir, Folder), settingsFile, append(data, '\n'))
}

var tmpSeq atomic.Uint64

// WriteFile replaces dir/name with data so that it is only ever the old
// file or the whole new one: a temporary file beside it, synced, renamed
// over it, and the folder synced. dir is made (0700) when missing.
func WriteFile(dir, name string, data []byte) (err error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	tmp := filepath.Join(dir, "."+name+"."+strconv.Itoa(os.Getpid())+"-"+strconv.FormatUint(tmpSeq.Add(1), 10)+".tmp")
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
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
	if err = os.Rename(tmp, filepath.Join(dir, name)); err != nil {
		return err
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, fs.ErrInvalid) {
		return err
	}
	return nil
}
