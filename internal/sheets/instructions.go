package sheets

import (
	"fmt"
	"math"
	"strings"

	"github.com/xuri/excelize/v2"
)

// instructionsWidth returns the width of the instructions sheet's one
// column, in characters: narrow enough to fit a portrait page between the
// theme's margins unscaled, since LibreOffice does not shrink a single
// column that is wider than the page (it counts it as one page wide and
// clips it), and unscaled rows let the page breaks be computed.
func (b *builder) instructionsWidth() float64 {
	w, _ := b.pageMM(false)
	return math.Floor((w/25.4*96-cellPadPx)/b.digit) - 2
}

// instructionRow is one row of the instructions sheet.
type instructionRow struct {
	text   string
	style  int
	height float64
	// keep is set when the row must be printed on the same page as the row
	// after it: a heading and the space above it, a list's lead-in.
	keep bool
}

// writeInstructions lays out the instructions sheet: what the workbook is
// for, how to fill in each plan (tied to the guideline's advice), what the
// drop-downs mean, how dates are written, how to add rows and how it prints.
// Page breaks are set so that no heading ends a page: a heading prints on
// the same page as the first lines after it.
func (b *builder) writeInstructions(plans []Plan) {
	f, l, sheet := b.f, b.lang, b.instructions
	width := b.instructionsWidth()
	b.check(f.SetColWidth(sheet, "A", "A", width))
	grid := false
	b.check(f.SetSheetView(sheet, 0, &excelize.ViewOptions{ShowGridLines: &grid}))
	ty := b.th.Type
	var rows []instructionRow
	// put adds text in rows of at most maxLines lines each.
	put := func(text string, style int, pt float64, bold bool, indentPx float64, minHeight float64) {
		for _, piece := range split(text, pt, bold, columnPx(width, b.digit, indentPx), maxLines(pt)) {
			n := lines(piece, pt, bold, columnPx(width, b.digit, indentPx))
			rows = append(rows, instructionRow{text: piece, style: style, height: max(float64(n)*lineHeight(pt)+rowPad, minHeight)})
		}
	}
	keep := func() { rows[len(rows)-1].keep = true }
	gapPt := b.th.Spacing.Paragraph / 25.4 * 72 * 1.2
	gap := func() { rows = append(rows, instructionRow{height: gapPt, keep: true}) }
	para := func(text string) { put(text, b.st.paragraph, ty.Body, false, 0, 0) }
	entry := func(text string) { put(text, b.st.entry, ty.Body, false, 12, 0) }
	heading := func(text string) {
		gap()
		put(text, b.st.heading, ty.H2, true, 0, lineHeight(ty.H2)+rowPad+6)
		keep()
	}

	put(l.Label("sheet.instructions.title"), b.st.title, ty.H1, true, 0, lineHeight(ty.H1)+rowPad+6)
	put(l.Title+"\n"+l.Project, b.st.subtitle, ty.Body, false, 0, 0)
	if b.a != nil {
		o := b.a.Organisation
		for _, kv := range [][2]string{{"field.organisation", o.Name}, {"field.partner", o.Partner}, {"field.contact", o.Contact}} {
			if kv[1] != "" {
				para(l.Label(kv[0]) + ": " + kv[1])
			}
		}
	}
	gap()
	step := ""
	if cp := l.Checkpoint(plans[0].Checkpoint); cp != nil {
		for _, st := range l.Steps {
			if st.Number == cp.Step {
				step = l.Format("step.heading", "n", fmt.Sprint(st.Number), "title", st.Title)
			}
		}
	}
	para(l.Format("sheet.instructions.intro", "step", step))

	for i := range plans {
		p := &plans[i]
		heading(b.sheets[i])
		if cp := l.Checkpoint(p.Checkpoint); cp != nil {
			para(l.Format("sheet.instructions.checkpoint", "number", l.Number(cp), "title", cp.Title))
		}
		para(l.Label(p.Key + ".advice"))
		para(l.Label(p.Key + ".howto"))
		if t := p.Tracking; t != nil {
			if si := p.column(t.StatusColumn); si >= 0 && p.Columns[si].List != nil {
				var kv []string
				for _, it := range p.Columns[si].List.Items(l) {
					kv = append(kv, it.ID, it.Label)
				}
				kv = append(kv, "overdue", l.Label(p.Key+".overdue"))
				para(l.Format(p.Key+".tracking", kv...))
			}
		}
		var choices []string
		for _, c := range p.Columns {
			if c.Kind != Choice || c.List == nil {
				continue
			}
			var values []string
			for _, it := range c.List.Items(l) {
				values = append(values, it.Label)
			}
			rule := l.Label("sheet.instructions.list.suggest")
			if c.List.Strict {
				rule = l.Label("sheet.instructions.list.strict")
			}
			choices = append(choices, l.Format("sheet.instructions.list.entry",
				"column", l.Label(p.Key+".col."+c.ID), "values", strings.Join(values, ", "), "rule", rule))
		}
		if len(choices) > 0 {
			para(l.Label("sheet.instructions.lists"))
			keep()
			for _, c := range choices {
				entry(c)
			}
		}
	}

	heading(l.Label("sheet.instructions.general"))
	example := b.lang.FormatDate(exampleDate)
	for _, text := range []string{
		l.Format("sheet.instructions.rows", "n", fmt.Sprint(b.ready)),
		l.Format("sheet.instructions.dates", "example", example),
		l.Format("sheet.instructions.hidden", "sheet", b.listSheet),
		l.Label("sheet.instructions.print"),
	} {
		para(text)
	}

	_, pageH := b.pageMM(false)
	breaks := pageBreaks(rows, pageH/25.4*72*0.96)
	for i, r := range rows {
		row := i + 1
		if r.text != "" {
			b.setText(sheet, cell(1, row), r.text)
			b.check(f.SetCellStyle(sheet, cell(1, row), cell(1, row), r.style))
		}
		b.check(f.SetRowHeight(sheet, row, r.height))
		if breaks[i] {
			b.check(f.InsertPageBreak(sheet, cell(1, row)))
		}
	}
	b.printSetup(sheet, l.Label("sheet.instructions.title"), false, cell(1, len(rows)), nil)
}

// pageBreaks returns the rows before which a page must break so that a row
// marked keep prints on the same page as the row after it, on pages of
// height pt (points): a run of kept rows that does not fit in what is left
// of a page starts the next one.
func pageBreaks(rows []instructionRow, page float64) map[int]bool {
	breaks := map[int]bool{}
	used := 0.0
	for i := 0; i < len(rows); i++ {
		run := rows[i].height
		for j := i; rows[j].keep && j+1 < len(rows); j++ {
			run += rows[j+1].height
		}
		if used > 0 && used+min(run, page) > page {
			breaks[i] = true
			used = 0
		}
		used += rows[i].height
		for used > page { // a row taller than a page (never: rows are shorter)
			used -= page
		}
	}
	return breaks
}
