package proposal

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxSentence is the longest a sentence is shown, in characters: a longer
// one (a list run together without a full stop) is cut at the last word
// end before it, with "…", so that one sentence cannot fill the handout.
const MaxSentence = 600

// Paragraphs splits an answer into paragraphs (its non-empty lines) and
// each paragraph into sentences.
func Paragraphs(text string) [][]string {
	var out [][]string
	for _, line := range strings.Split(text, "\n") {
		line = strings.Join(strings.Fields(line), " ")
		if line == "" {
			continue
		}
		out = append(out, Sentences(line))
	}
	return out
}

// abbreviations end in a full stop that does not end a sentence, in the
// content's languages: "tel. +371", "e.g. Talsi", "piem. Talsos".
var abbreviations = map[string]bool{
	"tel": true, "e.g": true, "i.e": true, "nr": true, "no": true, "piem": true, "t.sk": true, "u.c": true,
	"apm": true, "dr": true, "mr": true, "mrs": true, "ms": true, "st": true, "prof": true, "vs": true,
	"pvz": true, "t.y": true, "kt": true, "bl.a": true, "t.ex": true, "ca": true, "p.ex": true, "dr.ª": true,
	"sr": true, "sra": true, "κ": true, "π.χ": true, "τηλ": true,
}

// Sentences splits one paragraph into sentences: a sentence ends at ".",
// "!", "?" or "…" (with any closing quotes or brackets after it) followed
// by a space and a capital letter, a digit or an opening quote, unless the
// word before the full stop is a known abbreviation. A sentence longer
// than MaxSentence is cut at a word end, with "…".
func Sentences(p string) []string {
	var out []string
	start := 0
	for i := 0; i < len(p); {
		r, n := utf8.DecodeRuneInString(p[i:])
		i += n
		if !strings.ContainsRune(".!?…", r) {
			continue
		}
		end := i
		for end < len(p) {
			c, m := utf8.DecodeRuneInString(p[end:])
			if !strings.ContainsRune(`"')]”’»`, c) {
				break
			}
			end += m
		}
		if end < len(p) && p[end] != ' ' {
			continue
		}
		if r == '.' && abbreviations[strings.ToLower(lastWord(p[start:i-1]))] {
			continue
		}
		next := strings.TrimLeft(p[end:], " ")
		if next != "" {
			c, _ := utf8.DecodeRuneInString(next)
			if !unicode.IsUpper(c) && !unicode.IsDigit(c) && !strings.ContainsRune(`"'„“«(‘`, c) {
				continue
			}
		}
		out = append(out, shorten(strings.TrimSpace(p[start:end])))
		start = end
		i = end
	}
	if rest := strings.TrimSpace(p[start:]); rest != "" {
		out = append(out, shorten(rest))
	}
	return out
}

// lastWord returns the last space-separated word of s.
func lastWord(s string) string {
	if i := strings.LastIndexByte(s, ' '); i >= 0 {
		return s[i+1:]
	}
	return s
}

// shorten cuts s at the last word end within MaxSentence characters, with
// "…".
func shorten(s string) string {
	if utf8.RuneCountInString(s) <= MaxSentence {
		return s
	}
	cut := string([]rune(s)[:MaxSentence])
	if i := strings.LastIndexByte(cut, ' '); i > 0 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:–-") + "…"
}
