package content

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"path"
	"sort"

	"github.com/partnership-roadmap/roadmap/internal/diag"
	"github.com/partnership-roadmap/roadmap/internal/msg"
)

// Parsing a language's YAML files is most of the time a command that makes
// one document takes, and the built-in content is the same in every run.
// So each built-in language is also kept as Go code (builtin_<code>.go),
// the Language its files decode to, which TestBuiltinLanguages writes (go
// test ./internal/content -run TestBuiltinLanguages -update) and fails on
// when it no longer matches the files. Bundle.Language uses it when the
// language's files hash to the digest it was made from, so that changed
// files (an edited content folder, --content) are parsed as before.

// builtin is a language kept as Go code.
type builtin struct {
	code string
	// digest is the Digest of the files it was made from.
	digest string
	// make returns a new copy of the language, without Dir and Digest.
	make func() *Language
}

// builtinLanguage returns language code of fsys from the Go code kept of
// it, when its files are those the code was made from; nil otherwise.
func builtinLanguage(fsys fs.FS, code string) *Language {
	for _, b := range builtinLanguages {
		if b.code != code {
			continue
		}
		if d, ok := filesDigest(fsys, code); ok && d == b.digest {
			l := b.make()
			l.Digest = d
			return l
		}
	}
	return nil
}

// filesDigest returns the digest of the files of language folder dir, as
// loadLanguage computes it, reading them without parsing; false when one
// cannot be read.
// Each file is read as loadLanguage reads it (diag.ReadFile: a regular
// file within the size limit, never a device), so that a file it refuses
// is left for loadLanguage to report.
func filesDigest(fsys fs.FS, dir string) (string, bool) {
	h := sha256.New()
	names, _ := fs.Glob(fsys, path.Join(dir, "labels", "*.yaml"))
	sort.Strings(names)
	for _, name := range append([]string{path.Join(dir, "roadmap.yaml")}, names...) {
		data, err := diag.ReadFile(fsys, name, name, msg.New("what.file"))
		if err != nil {
			return "", false
		}
		writeFile(h, name, data)
	}
	return hex.EncodeToString(h.Sum(nil)), true
}

// CheckDigest returns a hash of every file that checking language code
// against the source language reads: the files of the language (its
// Digest, which covers the source language's for a translation), the
// lists of texts that stay the same and the record of the source texts it
// was translated from. The language must have been read without problems.
// A program keeps the digests of languages it has found to check clean, so
// as not to check them again.
func (b *Bundle) CheckDigest(code string) (string, error) {
	l, err := b.Language(code)
	if err != nil {
		return "", err
	}
	h := sha256.New()
	writeFile(h, code, []byte(l.Digest))
	for _, name := range []string{SameFile, path.Join(code, SameFile), SourcesPath(code)} {
		if _, err := fs.Stat(b.fsys, name); errors.Is(err, fs.ErrNotExist) {
			writeFile(h, name+" (none)", nil)
			continue
		}
		data, err := diag.ReadFile(b.fsys, name, b.file(name), msg.New("what.file"))
		if err != nil {
			return "", err
		}
		writeFile(h, name, data)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
