package sheets

import (
	"fmt"
	"math"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf16"

	"golang.org/x/text/unicode/norm"

	"github.com/partnership-roadmap/roadmap/internal/answers"
)

// The workbook's type: Arial is on every machine that runs Excel, and
// LibreOffice replaces it with the metric-compatible Liberation Sans, so the
// text measures the same in both and the computed row heights fit.
const (
	fontName = "Arial"
	// fontSize is the size of the text in the cells, in points.
	fontSize = 10.0
	// digitPx is the width of a digit of the workbook's default font (Arial
	// 11 pt) in pixels at 96 dpi: Excel's unit of column width.
	digitPx = 8.0
	// cellPadPx is the space Excel keeps around a cell's text, in pixels.
	cellPadPx = 4.0
	// lineHeight is the height of one line of 10 pt text in a row, in points.
	lineHeight = 12.75
	// rowPad is the space added to a row's lines, in points.
	rowPad = 3.0
	// maxRowHeight is the tallest row Excel allows, in points.
	maxRowHeight = 409.0
	// filterButtonPx is the room the table's filter button takes in a
	// header cell, in pixels.
	filterButtonPx = 18.0
	// dropDownPx is the room a drop-down's arrow takes, in pixels.
	dropDownPx = 16.0
)

// arialWidths are the advance widths of Arial (= Liberation Sans) for the
// printable ASCII characters, in thousandths of an em, from ' ' to '~'.
var arialWidths = [95]uint16{
	278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // space ! " # $ % & ' ( ) * + , - . /
	556, 556, 556, 556, 556, 556, 556, 556, 556, 556, // 0-9
	278, 278, 584, 584, 584, 556, 1015, // : ; < = > ? @
	667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, // A-M
	722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, // N-Z
	278, 278, 278, 469, 556, 333, // [ \ ] ^ _ `
	556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, // a-m
	556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, // n-z
	334, 260, 334, 584, // { | } ~
}

// latinWidths are the widths of the accented Latin letters (up to U+024F),
// those of their base letters, filled in on first use.
var (
	latinOnce   sync.Once
	latinWidths [0x250]uint16
)

func initLatin() {
	for r := rune(0x80); r < 0x250; r++ {
		if base := []rune(norm.NFD.String(string(r))); len(base) > 0 && base[0] >= ' ' && base[0] <= '~' {
			latinWidths[r] = arialWidths[base[0]-' ']
		}
	}
}

// runeEm returns the advance width of r in thousandths of an em. Accented
// letters measure as their base letter; other letters as an average one.
func runeEm(r rune) float64 {
	if r >= ' ' && r <= '~' {
		return float64(arialWidths[r-' '])
	}
	if r < 0x250 {
		latinOnce.Do(initLatin)
		if w := latinWidths[r]; w != 0 {
			return float64(w)
		}
	}
	switch {
	case r == '–' || r == '“' || r == '”' || r == '„' || r == '‘' || r == '’' || r == '•':
		return 556
	case r == '—' || r == '…':
		return 1000
	case unicode.IsUpper(r):
		return 722
	}
	return 600
}

// textPx returns the width of s at size pt in pixels at 96 dpi, a little
// generous so that estimates err towards room to spare.
func textPx(s string, pt float64, bold bool) float64 {
	em := 0.0
	for _, r := range s {
		em += runeEm(r)
	}
	px := em / 1000 * pt * 96 / 72
	if bold {
		px *= 1.1
	}
	return px * 1.04
}

// columnPx returns the room for text in a column of width w characters, in
// pixels, less reserve pixels for a button.
func columnPx(w, reserve float64) float64 {
	return math.Max(w*digitPx-cellPadPx-reserve, digitPx)
}

// widthFor returns the column width in characters that fits s on one line
// with reserve pixels to spare.
func widthFor(s string, pt float64, bold bool, reserve float64) float64 {
	return math.Ceil((textPx(s, pt, bold)+cellPadPx+reserve)/digitPx*4) / 4
}

// longestWord returns the widest word of s.
func longestWord(s string, pt float64, bold bool) string {
	best, bestPx := "", 0.0
	for _, w := range strings.Fields(s) {
		if px := textPx(w, pt, bold); px > bestPx {
			best, bestPx = w, px
		}
	}
	return best
}

// lines returns how many lines s takes when wrapped at spaces in a line of
// avail pixels, the way a spreadsheet wraps a cell: every line break starts a
// line, and a word too long for a line is broken where it must be.
func lines(s string, pt float64, bold bool, avail float64) int {
	n := 0
	space := textPx(" ", pt, bold)
	for _, para := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		n++
		used := 0.0
		for _, w := range strings.Fields(para) {
			wpx := textPx(w, pt, bold)
			switch {
			case used == 0:
			case used+space+wpx <= avail:
				used += space + wpx
				continue
			default:
				n++
			}
			for wpx > avail { // a word longer than the line breaks anywhere
				n++
				wpx -= avail
			}
			used = wpx
		}
	}
	return n
}

// rowHeight returns the height in points of a row whose tallest cell has n
// lines, within Excel's limit.
func rowHeight(n int) float64 {
	return math.Min(float64(n)*lineHeight+rowPad, maxRowHeight)
}

// excelDateFormat turns a date layout (dd.mm.yyyy.) into an Excel number
// format. Every separator is escaped, so that Excel shows it as written
// rather than replacing "/" or "." with the separator of the reader's locale.
func excelDateFormat(layout string) string {
	var b strings.Builder
	for _, r := range layout {
		switch r {
		case 'd', 'm', 'y':
			b.WriteRune(r)
		default:
			b.WriteByte('\\')
			b.WriteRune(r)
		}
	}
	return b.String()
}

// serial returns d as a spreadsheet date serial number: days since
// 30 December 1899 (the 1900 date system, as Excel and LibreOffice count
// from March 1900 on).
func serial(d answers.Date) int {
	const day = 24 * 60 * 60
	epoch := answers.Date{Year: 1899, Month: 12, Day: 30}.Time().Unix()
	return int((d.Time().Unix() - epoch) / day)
}

// sheetName makes s a valid worksheet name not in used: without the
// characters Excel forbids, not starting or ending with an apostrophe, at
// most 31 characters, and unique regardless of case.
func sheetName(s string, used map[string]bool) string {
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) || unicode.IsControl(r) {
			return -1
		}
		return r
	}, s)
	s = strings.TrimSpace(strings.Trim(s, "'"))
	if s == "" || strings.EqualFold(s, "History") {
		s = "Sheet"
	}
	s = truncateUTF16(s, 31)
	name := s
	for i := 2; used[strings.ToLower(name)]; i++ {
		suffix := fmt.Sprintf(" (%d)", i)
		name = truncateUTF16(s, 31-len(suffix)) + suffix
	}
	used[strings.ToLower(name)] = true
	return name
}

// truncateUTF16 cuts s to at most n UTF-16 code units, the way Excel counts.
func truncateUTF16(s string, n int) string {
	count := 0
	for i, r := range s {
		count += len(utf16.Encode([]rune{r}))
		if count > n {
			return strings.TrimSpace(s[:i])
		}
	}
	return s
}

// quoteSheet quotes a sheet name for a reference: 'Rīcības plāns'.
func quoteSheet(name string) string {
	return "'" + strings.ReplaceAll(name, "'", "''") + "'"
}

// headerText escapes s for a page header or footer, where "&" starts a code,
// and shortens it to at most n characters.
func headerText(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		s = strings.TrimSpace(string(r[:n-1])) + "…"
	}
	return strings.ReplaceAll(s, "&", "&&")
}

// formulaString quotes s as a string literal in a formula.
func formulaString(s string) string {
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

// exampleDate is the date the instructions and validation messages show.
var exampleDate = time.Date(2026, time.November, 27, 0, 0, 0, 0, time.UTC)
