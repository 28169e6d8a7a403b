package pack

import (
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// maxNameLen is the longest folder name SafeName returns, in bytes.
const maxNameLen = 64

// reserved are names Windows refuses for a file or folder, whatever the
// extension (COM¹, COM², COM³ and the LPT ones become COM1… by NFKD).
var reserved = map[string]bool{
	"con": true, "prn": true, "aux": true, "nul": true,
	"com0": true, "lpt0": true,
	"com1": true, "com2": true, "com3": true, "com4": true, "com5": true, "com6": true, "com7": true, "com8": true, "com9": true,
	"lpt1": true, "lpt2": true, "lpt3": true, "lpt4": true, "lpt5": true, "lpt6": true, "lpt7": true, "lpt8": true, "lpt9": true,
}

// SafeName turns an organisation's name into a folder name that is safe on
// every common system and easy to type: accents are dropped (Brīnumiņš →
// Brinumins), anything but letters and digits becomes a single "-", there
// are no path separators, dots, control characters or reserved names, and
// the length is bounded. A name with nothing usable becomes fallback.
func SafeName(name, fallback string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFKD.String(name) {
		switch {
		case unicode.Is(unicode.Mn, r):
			// A combining accent: drop it, keep the letter it was on.
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(specialLetters(r))
		default:
			dash = true
		}
		if b.Len() >= maxNameLen {
			break
		}
	}
	s := b.String()
	if len(s) > maxNameLen {
		s = s[:maxNameLen]
		for !utf8ValidEnd(s) {
			s = s[:len(s)-1]
		}
	}
	s = strings.Trim(s, "-")
	if s == "" {
		return fallback
	}
	if reserved[strings.ToLower(s)] {
		s += "-org"
	}
	return s
}

// specialLetters maps the letters that NFKD does not decompose.
func specialLetters(r rune) rune {
	switch r {
	case 'ł':
		return 'l'
	case 'Ł':
		return 'L'
	case 'ø':
		return 'o'
	case 'Ø':
		return 'O'
	case 'đ':
		return 'd'
	case 'Đ':
		return 'D'
	}
	return r
}

func utf8ValidEnd(s string) bool {
	return strings.ToValidUTF8(s, "\uFFFD") == s
}

// Names gives each name a distinct safe folder name, in order: the second
// "Biedrība" becomes "Biedriba-2". Names are compared as FoldName compares
// them, as on systems whose file names ignore case.
type Names struct {
	used map[string]bool
}

// Unique returns SafeName(name, fallback), with a numeric suffix if an earlier
// call returned the same name.
func (n *Names) Unique(name, fallback string) string {
	if n.used == nil {
		n.used = map[string]bool{}
	}
	base := SafeName(name, fallback)
	s := base
	for i := 2; n.used[FoldName(s)]; i++ {
		s = base + "-" + strconv.Itoa(i)
	}
	n.used[FoldName(s)] = true
	return s
}

// FoldName returns the key under which Windows and macOS take two file
// names for one: without letter case (Unicode case folding, so the Greek
// final ς and σ are one letter, as Σ) and without regard to how accents
// are encoded.
func FoldName(name string) string {
	return cases.Fold().String(norm.NFC.String(name))
}
