package sheets

import (
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/partnership-roadmap/roadmap/internal/pdf"
)

// The colours of progress, which the theme does not hold: a pale red and a
// pale green behind dark text of the same hue. They are never the only sign
// of progress (see builder.track).
const (
	colourLate  = "FBE3E1" // overdue rows
	colourLateT = "9C1C1C"
	colourDone  = "E1F2E4" // done rows
	colourDoneT = "1E6B34"
)

// hex returns c as excelize writes a colour: RRGGBB.
func hex(c pdf.Color) string { return strings.ToUpper(strings.TrimPrefix(c.String(), "#")) }

// styles are the ids of the workbook's cell styles.
type styles struct {
	header, text, number, date                 int
	textCol, numberCol, dateCol                int
	listHeader                                 int
	blockTitle, blockHeader, blockLabel        int
	title, subtitle, heading, paragraph, entry int
	// overdue and done are conditional (differential) styles.
	overdue, done int
}

// body returns the style of a table cell of kind k.
func (s *styles) body(k Kind) int {
	switch k {
	case Number:
		return s.number
	case Date:
		return s.date
	}
	return s.text
}

// column returns the default style of a plan's column of kind k, which the
// cells typed below the table take: a table cell's look without its border.
func (s *styles) column(k Kind) int {
	switch k {
	case Number:
		return s.numberCol
	case Date:
		return s.dateCol
	}
	return s.textCol
}

// newStyles makes the workbook's cell styles from the theme: its colours
// (text, muted, rule, accent, band text on the header row, table head behind
// the block's header, zebra behind the block's row labels) and type sizes
// (body in the cells, h1 for the instructions' title, h2 for its headings,
// h3 for the block's title).
func (b *builder) newStyles() error {
	f, th := b.f, b.th
	c := th.Colors
	text, muted, rule, accent := hex(c.Text), hex(c.Muted), hex(c.Rule), hex(c.Accent)
	body := th.Type.Body
	border := []excelize.Border{
		{Type: "left", Color: rule, Style: 1}, {Type: "right", Color: rule, Style: 1},
		{Type: "top", Color: rule, Style: 1}, {Type: "bottom", Color: rule, Style: 1},
	}
	font := func(size float64, bold bool, colour string) *excelize.Font {
		return &excelize.Font{Family: fontName, Size: size, Bold: bold, Color: colour}
	}
	fill := func(colour string) excelize.Fill {
		return excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{colour}}
	}
	top := &excelize.Alignment{Vertical: "top", WrapText: true}
	// a table's text cells are indented a step from the left border, so
	// that text does not touch the rule (cellPadPx counts the step)
	cell := &excelize.Alignment{Vertical: "top", Horizontal: "left", Indent: 1, WrapText: true}
	head := &excelize.Alignment{Vertical: "center", Horizontal: "left", Indent: 1, WrapText: true}
	centre := &excelize.Alignment{Vertical: "top", Horizontal: "center", WrapText: true}
	dateFmt := excelDateFormat(b.layout)
	defs := []struct {
		id    *int
		style excelize.Style
	}{
		{&b.st.header, excelize.Style{Font: font(body, true, hex(c.BandText)), Fill: fill(accent), Border: border, Alignment: head}},
		{&b.st.text, excelize.Style{Font: font(body, false, text), Border: border, Alignment: cell}},
		{&b.st.number, excelize.Style{Font: font(body, false, text), Border: border, Alignment: centre}},
		{&b.st.date, excelize.Style{Font: font(body, false, text), Border: border, Alignment: centre, CustomNumFmt: &dateFmt}},
		{&b.st.textCol, excelize.Style{Font: font(body, false, text), Alignment: cell}},
		{&b.st.numberCol, excelize.Style{Font: font(body, false, text), Alignment: centre}},
		{&b.st.dateCol, excelize.Style{Font: font(body, false, text), Alignment: centre, CustomNumFmt: &dateFmt}},
		{&b.st.listHeader, excelize.Style{Font: font(body, true, text)}},
		{&b.st.blockTitle, excelize.Style{Font: font(th.Type.H3, true, accent), Alignment: &excelize.Alignment{Vertical: "bottom"}}},
		{&b.st.blockHeader, excelize.Style{Font: font(body, true, text), Fill: fill(hex(c.TableHead)), Border: border, Alignment: head}},
		{&b.st.blockLabel, excelize.Style{Font: font(body, true, text), Fill: fill(hex(c.Zebra)), Border: border, Alignment: cell}},
		{&b.st.title, excelize.Style{Font: font(th.Type.H1, true, accent), Alignment: &excelize.Alignment{Vertical: "center"}}},
		{&b.st.subtitle, excelize.Style{Font: font(body, false, muted), Alignment: top}},
		{&b.st.heading, excelize.Style{Font: font(th.Type.H2, true, accent), Alignment: &excelize.Alignment{Vertical: "bottom"}}},
		{&b.st.paragraph, excelize.Style{Font: font(body, false, text), Alignment: top}},
		{&b.st.entry, excelize.Style{Font: font(body, false, text), Alignment: &excelize.Alignment{Vertical: "top", WrapText: true, Indent: 1}}},
	}
	for _, d := range defs {
		id, err := f.NewStyle(&d.style)
		if err != nil {
			return err
		}
		*d.id = id
	}
	var err error
	if b.st.overdue, err = f.NewConditionalStyle(&excelize.Style{Font: &excelize.Font{Color: colourLateT}, Fill: fill(colourLate)}); err != nil {
		return err
	}
	b.st.done, err = f.NewConditionalStyle(&excelize.Style{Font: &excelize.Font{Color: colourDoneT}, Fill: fill(colourDone)})
	return err
}

// overdueMarkStyle returns the conditional style of an overdue date: bold,
// in the overdue colours, with a number format that writes the plan's
// overdue marker after the date.
func (b *builder) overdueMarkStyle(p *Plan) *excelize.Style {
	mark := strings.NewReplacer(`"`, "", `\`, "").Replace(b.lang.Label(p.Key + ".overdue"))
	format := excelDateFormat(b.layout) + ` "` + mark + `"`
	return &excelize.Style{
		Font:         &excelize.Font{Color: colourLateT, Bold: true},
		Fill:         excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{colourLate}},
		CustomNumFmt: &format,
	}
}
