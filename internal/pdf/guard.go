package pdf

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Replacement is drawn in place of a character the font cannot draw: a
// question mark between single angle quotes, a mark that reads as "a
// character is missing here" and cannot be mistaken for a form control. A
// box (□, what fonts and fpdf draw for a missing glyph) would read as an
// unticked tick box, so "✅ done" would say "not done".
const Replacement = "‹?›"

// Clean prepares s for drawing in style st: it composes characters (NFC), so
// that a letter typed as "a" plus a combining macron becomes "ā"; turns "\r\n"
// and "\r" into "\n"; removes control characters other than "\n" and "\t" and
// invisible format characters (soft hyphens, zero-width joiners, variation
// selectors); and replaces every other character the font cannot draw,
// including every character above U+FFFF (emoji), with Replacement (or "?"
// where the font lacks it too). It returns the replaced characters, in order
// of first appearance, without repeats.
//
// Doc applies Clean to every string it draws; callers need it only to learn in
// advance what would be replaced.
func Clean(s string, st Style) (string, []rune) {
	s, bad, _ := clean(s, st)
	return s, bad
}

// clean is Clean that also counts the replaced characters.
func clean(s string, st Style) (string, []rune, int) {
	f := mustFace(st)
	if isPlain(s, f) {
		return s, nil, 0
	}
	s = norm.NFC.String(s)
	repl := Replacement
	for _, r := range repl {
		if !f.covers(r) {
			repl = "?"
		}
	}
	var b strings.Builder
	b.Grow(len(s))
	var bad []rune
	count := 0
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch {
		case r == '\n' || r == '\t':
			b.WriteRune(r)
		case r == '\r':
			if i < len(s) && s[i] == '\n' {
				continue
			}
			b.WriteByte('\n')
		case r == '\u2028' || r == '\u2029':
			b.WriteByte('\n')
		case unicode.Is(unicode.Cc, r), unicode.Is(unicode.Cf, r), unicode.Is(unicode.Variation_Selector, r):
			// invisible: dropped
		case r == utf8.RuneError && n == 1:
			b.WriteString(repl)
			bad = addRune(bad, r)
			count++
		case f.covers(r):
			b.WriteRune(r)
		default:
			b.WriteString(repl)
			bad = addRune(bad, r)
			count++
		}
	}
	return b.String(), bad, count
}

// isPlain reports whether s needs no cleaning: printable ASCII, or runes the
// face draws that are neither control nor format characters and need no
// composition. It is the fast path for almost every string.
func isPlain(s string, f *face) bool {
	for _, r := range s {
		if r >= 0x20 && r < 0x7f || r == '\n' || r == '\t' {
			continue
		}
		if r < 0xa0 || r >= 0x300 || !f.covers(r) || r == '\u00ad' {
			return false
		}
	}
	return true
}

func addRune(rs []rune, r rune) []rune {
	for _, x := range rs {
		if x == r {
			return rs
		}
	}
	return append(rs, r)
}

// warnings collects, per place, the characters replaced there.
type warnings struct {
	places []string
	chars  map[string][]rune
	counts map[string]int
}

func (w *warnings) add(place string, rs []rune, count int) {
	if len(rs) == 0 {
		return
	}
	if w.chars == nil {
		w.chars = make(map[string][]rune)
		w.counts = make(map[string]int)
	}
	if _, ok := w.chars[place]; !ok {
		w.places = append(w.places, place)
	}
	for _, r := range rs {
		w.chars[place] = addRune(w.chars[place], r)
	}
	w.counts[place] += count
}

func (w *warnings) list() []string {
	out := make([]string, 0, len(w.places))
	for _, p := range w.places {
		rs := w.chars[p]
		shown := make([]string, len(rs))
		for i, r := range rs {
			if r == utf8.RuneError {
				shown[i] = "invalid UTF-8"
			} else {
				shown[i] = fmt.Sprintf("%c U+%04X", r, r)
			}
		}
		n := w.counts[p]
		noun := "characters"
		if n == 1 {
			noun = "character"
		}
		out = append(out, fmt.Sprintf("%s: replaced %d %s the font cannot draw (%s)", p, n, noun, strings.Join(shown, ", ")))
	}
	return out
}
