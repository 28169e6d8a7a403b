package sheets

import "github.com/xuri/excelize/v2"

// The workbook's colours, the same as the PDFs' (templates/theme.yaml).
const (
	colourText   = "1F2A30" // body text
	colourMuted  = "5F6B73" // secondary text
	colourRule   = "C3CBD0" // cell borders
	colourAccent = "0F6E6A" // header row, headings
	colourHead   = "E3EBEA" // the block's header row
	colourShade  = "F4F6F7" // the block's row labels
	colourLate   = "FBE3E1" // overdue rows
	colourLateT  = "9C1C1C"
	colourDone   = "E1F2E4" // done rows
	colourDoneT  = "1E6B34"
)

// styles are the ids of the workbook's cell styles.
type styles struct {
	header, text, number, date                 int
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

func (b *builder) newStyles() error {
	f := b.f
	border := []excelize.Border{
		{Type: "left", Color: colourRule, Style: 1}, {Type: "right", Color: colourRule, Style: 1},
		{Type: "top", Color: colourRule, Style: 1}, {Type: "bottom", Color: colourRule, Style: 1},
	}
	font := func(size float64, bold bool, colour string) *excelize.Font {
		return &excelize.Font{Family: fontName, Size: size, Bold: bold, Color: colour}
	}
	fill := func(colour string) excelize.Fill {
		return excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{colour}}
	}
	top := &excelize.Alignment{Vertical: "top", WrapText: true}
	centre := &excelize.Alignment{Vertical: "top", Horizontal: "center", WrapText: true}
	dateFmt := excelDateFormat(b.layout)
	defs := []struct {
		id    *int
		style excelize.Style
	}{
		{&b.st.header, excelize.Style{Font: font(fontSize, true, "FFFFFF"), Fill: fill(colourAccent), Border: border,
			Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}}},
		{&b.st.text, excelize.Style{Font: font(fontSize, false, colourText), Border: border, Alignment: top}},
		{&b.st.number, excelize.Style{Font: font(fontSize, false, colourText), Border: border, Alignment: centre}},
		{&b.st.date, excelize.Style{Font: font(fontSize, false, colourText), Border: border, Alignment: centre, CustomNumFmt: &dateFmt}},
		{&b.st.listHeader, excelize.Style{Font: font(fontSize, true, colourText)}},
		{&b.st.blockTitle, excelize.Style{Font: font(11, true, colourAccent), Alignment: &excelize.Alignment{Vertical: "bottom"}}},
		{&b.st.blockHeader, excelize.Style{Font: font(fontSize, true, colourText), Fill: fill(colourHead), Border: border,
			Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}}},
		{&b.st.blockLabel, excelize.Style{Font: font(fontSize, true, colourText), Fill: fill(colourShade), Border: border, Alignment: top}},
		{&b.st.title, excelize.Style{Font: font(16, true, colourAccent), Alignment: &excelize.Alignment{Vertical: "center"}}},
		{&b.st.subtitle, excelize.Style{Font: font(fontSize, false, colourMuted), Alignment: top}},
		{&b.st.heading, excelize.Style{Font: font(12, true, colourAccent), Alignment: &excelize.Alignment{Vertical: "bottom"}}},
		{&b.st.paragraph, excelize.Style{Font: font(fontSize, false, colourText), Alignment: top}},
		{&b.st.entry, excelize.Style{Font: font(fontSize, false, colourText), Alignment: &excelize.Alignment{Vertical: "top", WrapText: true, Indent: 1}}},
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
