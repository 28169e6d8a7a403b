package sheets

import (
	"fmt"
	"math"
	"strings"
	"time"
	"unicode"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"

	"github.com/partnership-roadmap/roadmap/internal/answers"
	"github.com/partnership-roadmap/roadmap/internal/pdf"
)

// The workbook's type: Arial is on every machine that runs Excel, and
// LibreOffice replaces it with the metric-compatible Liberation Sans, so text
// measured with Liberation Sans's metrics (internal/pdf, the same font code
// as the PDFs) measures the same in both, and the computed widths and row
// heights fit.
const (
	fontName = "Arial"
	// nominalDigitPx is the digit width a plan's Column.Width counts in:
	// Arial 11 pt's, Excel's usual unit of column width.
	nominalDigitPx = 8.0
	// cellPadPx is the space Excel keeps around a cell's text, in pixels,
	// with the indent of a table's text cells (a step of about a
	// character and a half).
	cellPadPx = 4.0 + 10.0
	// rowPad is the space added to a row's lines, in points.
	rowPad = 3.0
	// maxRowHeight is the tallest row Excel allows, in points.
	maxRowHeight = excelize.MaxRowHeight
	// filterButtonPx is the room the table's filter button takes in a
	// header cell, in pixels.
	filterButtonPx = 18.0
	// dropDownPx is the room a drop-down's arrow takes, in pixels.
	dropDownPx = 16.0
)

// lineHeight returns the height of one line of text of size pt in a row, in
// points: what Excel and LibreOffice give a line of Arial (12.75 pt at 10 pt).
func lineHeight(pt float64) float64 { return pt * 1.275 }

// maxLines returns the most lines of text of size pt one row holds, a line
// short of Excel's tallest row, so that a spreadsheet program that measures a
// little differently still shows them all.
func maxLines(pt float64) int {
	return max(1, int((maxRowHeight-rowPad)/lineHeight(pt))-1)
}

// textPx returns the width of s at size pt in pixels at 96 dpi, a little
// generous (hinting at screen sizes widens text) so that estimates err
// towards room to spare.
func textPx(s string, pt float64, bold bool) float64 {
	st := pdf.Regular
	if bold {
		st = pdf.Bold
	}
	return pdf.Width(s, st, pt) / 25.4 * 96 * 1.04
}

// digitPx returns the width of a digit of Arial at size pt in whole pixels at
// 96 dpi: Excel's unit of column width when the workbook's default font is
// Arial at that size (7 px at 10 pt).
func digitPx(pt float64) float64 {
	return math.Max(1, math.Round(pdf.Width("0", pdf.Regular, pt)/25.4*96))
}

// columnPx returns the room for text in a column of width w characters of
// digit pixels each, in pixels, less reserve pixels for a button.
func columnPx(w, digit, reserve float64) float64 {
	return math.Max(w*digit-cellPadPx-reserve, digit)
}

// widthFor returns the column width in characters of digit pixels each that
// fits s on one line with reserve pixels to spare.
func widthFor(s string, pt float64, bold bool, digit, reserve float64) float64 {
	return math.Ceil((textPx(s, pt, bold)+cellPadPx+reserve)/digit*4) / 4
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

// wrap returns the byte offsets in s at which its lines start when s is
// wrapped at spaces in a line of avail pixels, the way a spreadsheet wraps a
// cell: every line break starts a line, and a word too long for a line is
// broken where it must be. The first offset is 0.
func wrap(s string, pt float64, bold bool, avail float64) []int {
	starts := []int{0}
	space := textPx(" ", pt, bold)
	base := 0
	for i, para := range strings.Split(s, "\n") {
		if i > 0 {
			starts = append(starts, base)
		}
		used := 0.0
		for at := 0; at < len(para); {
			// The next word: [ws, we).
			ws := at
			for ws < len(para) && isBlank(para[ws]) {
				ws++
			}
			if ws == len(para) {
				break
			}
			we := ws
			for we < len(para) && !isBlank(para[we]) {
				we++
			}
			at = we
			w := para[ws:we]
			wpx := textPx(w, pt, bold)
			switch {
			case used == 0:
			case used+space+wpx <= avail:
				used += space + wpx
				continue
			default:
				starts = append(starts, base+ws)
			}
			if wpx <= avail {
				used = wpx
				continue
			}
			// A word longer than the line breaks between letters.
			used = 0
			for j, r := range w {
				rpx := textPx(string(r), pt, bold)
				if used > 0 && used+rpx > avail {
					starts = append(starts, base+ws+j)
					used = 0
				}
				used += rpx
			}
		}
		base += len(para) + 1
	}
	return starts
}

// isBlank reports whether c is a space where a spreadsheet may wrap a line.
func isBlank(c byte) bool { return c == ' ' || c == '\t' || c == '\r' }

// lines returns how many lines s takes when wrapped in a line of avail
// pixels (see wrap).
func lines(s string, pt float64, bold bool, avail float64) int {
	return len(wrap(s, pt, bold, avail))
}

// split cuts s into pieces of at most n wrapped lines each (see wrap), at
// the starts of lines, so that each piece fits one row; the spaces or line
// break where a piece ends are dropped. Text that fits is one piece.
func split(s string, pt float64, bold bool, avail float64, n int) []string {
	starts := wrap(s, pt, bold, avail)
	if len(starts) <= n {
		return []string{s}
	}
	var pieces []string
	for k := 0; k < len(starts); k += n {
		end := len(s)
		if k+n < len(starts) {
			end = starts[k+n]
		}
		pieces = append(pieces, strings.TrimRight(s[starts[k]:end], " \t\r\n"))
	}
	return pieces
}

// rowHeight returns the height in points of a row whose tallest cell has n
// lines of text of size pt, within Excel's limit.
func rowHeight(n int, pt float64) float64 {
	return math.Min(float64(n)*lineHeight(pt)+rowPad, maxRowHeight)
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
// from March 1900 on). ok is false for a date a spreadsheet cannot show as a
// date: before 1 March 1900 (Excel counts a 29 February 1900 that never was)
// or after 9999.
func serial(d answers.Date) (n int, ok bool) {
	if d.Year > 9999 || d.Time().Before(time.Date(1900, time.March, 1, 0, 0, 0, 0, time.UTC)) {
		return 0, false
	}
	const day = 24 * 60 * 60
	epoch := answers.Date{Year: 1899, Month: 12, Day: 30}.Time().Unix()
	return int((d.Time().Unix() - epoch) / day), true
}

// cellText returns s as it must be stored in a cell so that a spreadsheet
// program shows s as written. OOXML reads _xHHHH_ in a string as the
// character U+HHHH, so an underscore that starts such a sequence is written
// as _x005F_ (OOXML's escape of "_"); and the control characters XML cannot
// hold are written as _xHHHH_ rather than lost.
func cellText(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return r == '_' || r < 0x20 || r == 0xFFFE || r == 0xFFFF }) {
		return s
	}
	var b strings.Builder
	for i, r := range s {
		switch {
		case r == '_' && escapeLike(s[i:]):
			b.WriteString("_x005F_")
		case r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0xFFFE || r == 0xFFFF:
			fmt.Fprintf(&b, "_x%04X_", r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// escapeLike reports whether s starts with _xHHHH_.
func escapeLike(s string) bool {
	if len(s) < 7 || s[0] != '_' || s[1] != 'x' || s[6] != '_' {
		return false
	}
	for _, c := range []byte(s[2:6]) {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
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
// and shortens it to at most n characters, with an ellipsis: the page header
// shows the start of a long organisation name, which the instructions sheet
// holds whole. (_xHHHH_ is left as it is: LibreOffice prints a header's
// _x005F_ as written, so escaping it as in a cell would show the escape.)
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
