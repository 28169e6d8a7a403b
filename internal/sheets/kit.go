package sheets

import (
	"archive/zip"
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/xuri/excelize/v2"

	"github.com/partnership-roadmap/roadmap/internal/answers"
	"github.com/partnership-roadmap/roadmap/internal/pdf"
)

// The kit below is what the program's other workbooks (the overview) share
// with the plans' workbooks, so that every workbook it writes escapes text,
// writes dates, measures rows, takes the theme's type and colours and is
// written to bytes the same way.

// FontName is the workbooks' type face (see fontName).
const FontName = fontName

// CellText returns s as it must be stored in a cell so that a spreadsheet
// program shows s as written (_xHHHH_ escapes; see cellText).
func CellText(s string) string { return cellText(s) }

// Serial returns d as a spreadsheet date serial number; ok is false for a
// date no spreadsheet can show as a date (before March 1900, after 9999),
// which is then written as text.
func Serial(d answers.Date) (n int, ok bool) { return serial(d) }

// DateFormat turns a date layout (dd.mm.yyyy.) into an Excel number format
// that shows the date as written whatever the reader's locale.
func DateFormat(layout string) string { return excelDateFormat(layout) }

// Lines returns how many lines s takes wrapped in a column w characters
// wide (the digit width of the workbook's default font at size pt), by the
// font's metrics, as Excel and LibreOffice wrap it.
func Lines(s string, pt float64, bold bool, w float64) int {
	d := digitPx(pt)
	return lines(s, pt, bold, columnPx(w, d, 0))
}

// PrintScale returns the scale, in percent, at which a landscape sheet of
// columns widths (in characters of the digit of the default font at size
// pt) prints on a page pageW millimetres wide: the page's width, unless
// that would set its type below 8 pt; then fit is false and the scale is
// the one that keeps the type at 8 pt, the columns running on across pages.
//
// With no widths, it returns the smallest scale and false.
func PrintScale(widths []float64, pt, pageW float64) (percent int, fit bool) {
	least := leastScale(pt)
	if len(widths) == 0 {
		return least, false
	}
	s := int(math.Floor(pageW / (excelPx(widths, digitPx(pt)) / 96 * 25.4) * 100))
	if s >= least {
		return min(s, 100), true
	}
	return least, false
}

// RowHeight returns the height in points of a row whose tallest cell has n
// lines of text of size pt, within Excel's limit.
func RowHeight(n int, pt float64) float64 { return rowHeight(n, pt) }

// SheetName makes s a valid worksheet name: none of : \ / ? * [ ], no
// control characters, no apostrophe at either end, not Excel's reserved
// "History", at most 31 UTF-16 units, as Excel counts (see sheetName).
func SheetName(s string) string { return sheetName(s, map[string]bool{}) }

// Hex returns colour c as excelize writes a colour: RRGGBB.
func Hex(c pdf.Color) string { return hex(c) }

// Write returns workbook f's bytes as the plans' workbooks are written:
// parts stored, without timestamps, so that the same workbook is the same
// bytes, and the default font at size pt, the unit of its column widths.
func Write(f *excelize.File, pt float64) ([]byte, error) {
	font := []byte(fmt.Sprintf(`<sz val="%s"></sz>`, strconv.FormatFloat(pt, 'f', -1, 64)))
	f.SetZipWriter(func(w io.Writer) excelize.ZipWriter {
		return &storedZip{zw: zip.NewWriter(w), fontSize: font}
	})
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
