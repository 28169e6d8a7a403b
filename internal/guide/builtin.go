package guide

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"

	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/pdf"
)

// The booklet of the built-in content is laid out the same way in every
// process: which chapters are set tighter takes up to four layouts to find,
// and a form needs the whole booklet laid out to print the page of each
// checkpoint's guidance. Both are kept, per language and theme, in
// builtin_table.go, which TestBuiltinTable writes (go test ./internal/guide
// -run TestBuiltinTable -update) and fails on when it no longer matches the
// content, the theme or the layout code. A language is found in it by its
// Digest, a hash of its files, so that other content (--content,
// --templates) is laid out as before.

// builtinEntry is what the table holds for one language in one theme.
type builtinEntry struct {
	// key is layoutKey of the language and theme.
	key string
	// pages are the pages of the whole booklet on which each checkpoint's
	// guidance starts, as Pages returns them.
	pages []checkpointPage
	// tight is, per audience (all, municipality, community), the
	// tightness of each chapter, by step number.
	tight [3][]stepTightness
}

type checkpointPage struct {
	id   string
	page int
}

type stepTightness struct {
	step, tightness int
}

// builtinAudiences are the audiences of builtinEntry.tight, in order.
var builtinAudiences = [3]content.Audience{"all", content.Municipality, content.Community}

// themeKey is the text of every setting of theme th.
func themeKey(th pdf.Theme) string { return fmt.Sprintf("%+v", th) }

// layoutKey identifies the booklet of language digest in theme th.
func layoutKey(digest string, th pdf.Theme) string {
	h := sha256.Sum256([]byte(digest + "\n" + themeKey(th)))
	return hex.EncodeToString(h[:16])
}

// builtinLayout returns the table's entry for lang in theme th, or nil.
func builtinLayout(lang *content.Language, th pdf.Theme) *builtinEntry {
	if lang.Digest == "" {
		return nil
	}
	key := layoutKey(lang.Digest, th)
	for i := range builtinTable {
		if builtinTable[i].key == key {
			return &builtinTable[i]
		}
	}
	return nil
}

// pageMap returns the entry's pages as Pages returns them.
func (e *builtinEntry) pageMap() map[string]int {
	m := make(map[string]int, len(e.pages))
	for _, p := range e.pages {
		m[p.id] = p.page
	}
	return m
}

// tightOf returns the tightness of each chapter of the booklet for aud.
func (e *builtinEntry) tightOf(aud content.Audience) map[int]int {
	m := map[int]int{}
	for i, a := range builtinAudiences {
		if a == aud {
			for _, t := range e.tight[i] {
				m[t.step] = t.tightness
			}
		}
	}
	return m
}
