// Package esc makes text safe to print on a terminal: file names and paths,
// and messages that may hold them. A control character (ESC, BEL, a
// carriage return, C1 codes), a bidirectional override or a byte that is
// not UTF-8 is shown as an escape such as \x1b or \u202e, so a file name can
// never set the terminal's title, clear its screen or reorder what is shown.
package esc

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Name returns a file name or path for a message: as it is when every
// character in it is safe to show, else Go-quoted with its unsafe
// characters escaped ("\x1b]0;x\x07.yaml"), so that what is shown can be
// told apart from the name around it.
func Name(s string) string {
	if safe(s, false) {
		return s
	}
	var b strings.Builder
	b.WriteByte('"')
	write(&b, s, false, true)
	b.WriteByte('"')
	return b.String()
}

// Text returns s with every unsafe character escaped in place; newlines and
// tabs are kept, so a message of many lines stays many lines.
func Text(s string) string {
	if safe(s, true) {
		return s
	}
	var b strings.Builder
	write(&b, s, true, false)
	return b.String()
}

// safe reports whether s holds only characters that are shown as
// themselves; lines allows newlines and tabs.
func safe(s string, lines bool) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == 0x7f {
			if !lines || (c != '\n' && c != '\t') {
				return false
			}
		} else if c >= 0x80 {
			return safeRunes(s[i:])
		}
	}
	return true
}

func safeRunes(s string) bool {
	for i, r := range s {
		if r == utf8.RuneError {
			if _, n := utf8.DecodeRuneInString(s[i:]); n == 1 {
				return false
			}
		}
		if r < 0x20 || r == 0x7f || unsafe(r) {
			if r != '\n' && r != '\t' {
				return false
			}
		}
	}
	return true
}

// unsafe reports whether r, above ASCII, changes what a terminal shows:
// C1 controls, and the characters that reorder text or break lines.
func unsafe(r rune) bool {
	switch {
	case r >= 0x80 && r <= 0x9f:
		return true
	case r == 0x061c, r == 0x200e, r == 0x200f, r == 0x2028, r == 0x2029:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

func write(b *strings.Builder, s string, lines, quoted bool) {
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			fmt.Fprintf(b, `\x%02x`, s[i])
		case lines && (r == '\n' || r == '\t'):
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(b, `\x%02x`, r)
		case unsafe(r):
			fmt.Fprintf(b, `\u%04x`, r)
		case quoted && (r == '"' || r == '\\'):
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
}
