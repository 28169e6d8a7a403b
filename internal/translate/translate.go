// Package translate moves a language's texts to and from the files that
// translators' tools read: gettext PO (Poedit, Weblate, Lokalise) and XLIFF
// 2.0 (memoQ, Trados, OmegaT). Export writes only what a translator
// translates — no ids, audiences, URLs or numbers — each text with a key that
// is the same in every language, its Latvian source and English reference, a
// note on where it appears and how long it may be. Import writes the
// translations back into the language's YAML files, changing only the texts
// that changed and keeping every other byte, comment and layout as it was.
package translate

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/partnership-roadmap/roadmap/internal/content"
)

// Entry is one text to translate.
type Entry struct {
	// Key names the text the same way in every language (content.Unit.Key).
	Key string
	// Source is the Latvian text, English the English reference ("" when the
	// target is English).
	Source, English string
	// Target is the translation, "" when there is none yet.
	Target string
	// Note says where the text appears and what limits it.
	Note string
	// MaxLen is the most characters the text may have, 0 for no limit.
	MaxLen int
	// Outdated reports that the translation was made from an older source
	// text: PO marks it fuzzy, XLIFF gives it state "initial".
	Outdated bool
	// Previous is the source text the outdated translation was made from,
	// when the content keeps it ("" when it does not): PO shows it as
	// "#| msgid", so a translator's tool shows what changed.
	Previous string
}

// State is the XLIFF 2.0 state of the entry's segment.
func (e Entry) State() string {
	switch {
	case e.Target == "" || e.Outdated:
		return "initial"
	}
	return "translated"
}

// Catalog is every text of one language to translate.
type Catalog struct {
	// Lang is the target language's code; SourceLang is lv.
	Lang, SourceLang string
	Entries          []Entry
}

// Build collects the texts of language code from the bundle, in document
// order, with its current translations. untranslated keeps only the texts
// that have no translation yet or an outdated one.
func Build(b *content.Bundle, code string, untranslated bool) (*Catalog, error) {
	if code == content.SourceLanguage {
		return nil, fmt.Errorf("%s is the source language: export a translation (en, lt, sv, pt, el, ...)", code)
	}
	srcUnits, err := b.Units(content.SourceLanguage)
	if err != nil {
		return nil, err
	}
	units, err := b.Units(code)
	if err != nil {
		return nil, err
	}
	var en map[string]content.Unit
	if code != "en" {
		if enUnits, err := b.Units("en"); err == nil {
			en = byKey(enUnits)
		}
	}
	lang, err := b.Language(code)
	if err != nil {
		return nil, err
	}
	src, err := b.Language(content.SourceLanguage)
	if err != nil {
		return nil, err
	}
	sources, err := b.Sources(code)
	if err != nil {
		return nil, err
	}
	texts, err := b.SourceTexts()
	if err != nil {
		return nil, err
	}
	same := b.SameAs(code)
	target := byKey(units)
	c := &Catalog{Lang: code, SourceLang: content.SourceLanguage}
	add := func(e Entry) {
		if !untranslated || e.Target == "" || e.Outdated {
			c.Entries = append(c.Entries, e)
		}
	}
	for _, su := range srcUnits {
		if strings.HasPrefix(su.Key, "labels.") && strings.Contains(su.Key, ":") {
			continue // plural forms: below, in the target language's forms
		}
		e := Entry{Key: su.Key, Source: trim(su.Text), Note: content.Where(su.Key)}
		if u, ok := en[su.Key]; ok {
			e.English = trim(u.Text)
		}
		if u, ok := target[su.Key]; ok {
			e.Target = trim(u.Text)
		}
		// A text left in the source language or in English is not a
		// translation, unless it rightly stays the same (as content check
		// counts it): then it is exported as translated, so the language
		// can be complete in the translator's tool too.
		if e.Target != "" && (e.Target == e.Source || (e.English != "" && e.Target == e.English)) && !same(su.Key, e.Target) {
			e.Target = ""
		}
		if h, ok := sources[su.Key]; sources != nil && e.Target != "" && (!ok || h != content.Hash(su.Text)) {
			e.Outdated = true
			if prev, ok := texts[h]; ok && prev != su.Text {
				e.Previous = trim(prev)
			}
		}
		e.MaxLen, e.Note = limit(strings.TrimPrefix(su.Key, "labels."), e.Note)
		add(e)
	}
	for _, k := range slices.Sorted(maps.Keys(src.Plurals)) {
		for _, cat := range content.PluralCategories(code) {
			e := Entry{Key: "labels." + k + ":" + cat, Note: fmt.Sprintf("%s (plural form %q: %s)", content.Where("labels."+k), cat, examples(code, cat))}
			e.Source = pick(src.Plurals[k], cat)
			if enLang, err := b.Language("en"); err == nil && code != "en" {
				e.English = pick(enLang.Plurals[k], cat)
			}
			e.Target = lang.Plurals[k][cat]
			add(e)
		}
	}
	return c, nil
}

func byKey(units []content.Unit) map[string]content.Unit {
	m := make(map[string]content.Unit, len(units))
	for _, u := range units {
		m[u.Key] = u
	}
	return m
}

// trim drops the line end a YAML block scalar keeps after its last line.
func trim(s string) string { return strings.TrimSuffix(s, "\n") }

// pick returns the plural form cat of forms, or its "other" form.
func pick(forms map[string]string, cat string) string {
	if s, ok := forms[cat]; ok {
		return s
	}
	return forms["other"]
}

// examples names a few counts that take plural form cat in language code.
func examples(code, cat string) string {
	var ns []string
	for n := 0; n <= 200 && len(ns) < 6; n++ {
		if content.PluralCategoryOf(code, n) == cat {
			ns = append(ns, fmt.Sprint(n))
		}
	}
	if len(ns) == 0 {
		return "counts with a fraction, such as 1.5"
	}
	return "for " + strings.Join(ns, ", ") + ", …"
}

// limit returns the documents' limit on label key, and the note with it.
func limit(key, note string) (int, string) {
	for _, l := range content.Limits() {
		if l.Keys.MatchString(key) {
			return l.Max, fmt.Sprintf("%s. At most %d characters: %s", note, l.Max, l.Why)
		}
	}
	if strings.HasPrefix(key, "status.") {
		return 0, fmt.Sprintf("%s. Keep it short: it stands beside a tick mark on the form, %.0f mm wide", note, content.StatusBox)
	}
	return 0, note
}
