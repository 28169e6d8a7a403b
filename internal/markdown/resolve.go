package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/util"
)

// resolve returns the text of a Text node's raw value: backslash escapes
// removed (util.UnescapePunctuations) and numeric and named character
// references replaced by their characters (util.ResolveNumericReferences,
// util.ResolveEntityNames), in one pass from left to right as CommonMark
// reads them, so that an escaped "\&amp;" stays "&amp;" and a resolved
// "&#38;amp;" stays "&amp;". NUL becomes U+FFFD, as CommonMark asks.
func resolve(v []byte) string {
	if !bytes.ContainsAny(v, "\\&\x00") {
		return string(v)
	}
	var b bytes.Buffer
	b.Grow(len(v))
	for i := 0; i < len(v); {
		switch c := v[i]; {
		case c == '\\' && i+1 < len(v) && util.IsPunct(v[i+1]):
			b.Write(util.UnescapePunctuations(v[i : i+2]))
			i += 2
		case c == '&':
			if tok, out := reference(v[i:]); tok > 0 {
				b.Write(out)
				i += tok
				continue
			}
			b.WriteByte(c)
			i++
		case c == 0:
			b.WriteString("\uFFFD")
			i++
		default:
			b.WriteByte(c)
			i++
		}
	}
	return b.String()
}

// reference reads a character reference at the start of v ("&amp;",
// "&#233;", "&#xE9;") and returns its length and its characters, or 0 when v
// does not start with one. Decimal references have at most 7 digits and
// hexadecimal ones at most 6, as CommonMark allows.
func reference(v []byte) (int, []byte) {
	end := bytes.IndexByte(v, ';')
	if end < 2 || end > 40 {
		return 0, nil
	}
	tok := v[:end+1]
	body := tok[1:end]
	if body[0] == '#' {
		digits := body[1:]
		hex := len(digits) > 0 && (digits[0] == 'x' || digits[0] == 'X')
		if hex {
			digits = digits[1:]
		}
		if len(digits) == 0 || hex && len(digits) > 6 || !hex && len(digits) > 7 {
			return 0, nil
		}
		for _, c := range digits {
			if hex && !util.IsHexDecimal(c) || !hex && !util.IsNumeric(c) {
				return 0, nil
			}
		}
		if !hex {
			// util.ResolveNumericReferences reads "&#0123;" as octal; a
			// decimal reference is decimal whatever its leading zeros.
			trimmed := bytes.TrimLeft(digits, "0")
			if len(trimmed) == 0 {
				trimmed = []byte("0")
			}
			tok = append(append([]byte("&#"), trimmed...), ';')
		}
		out := util.ResolveNumericReferences(tok)
		if bytes.Equal(out, tok) {
			return 0, nil
		}
		return end + 1, out
	}
	for _, c := range body {
		if !util.IsAlphaNumeric(c) {
			return 0, nil
		}
	}
	out := util.ResolveEntityNames(tok)
	if bytes.Equal(out, tok) {
		return 0, nil
	}
	return end + 1, out
}
