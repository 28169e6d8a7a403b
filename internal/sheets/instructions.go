package sheets

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"
)

// instructionsWidth is the width of the instructions sheet's one column, in
// characters: narrow enough to fit a portrait A4 or Letter page unscaled,
// since LibreOffice does not shrink a single column that is wider than the
// page (it counts it as one page wide and clips it).
const instructionsWidth = 86

// writeInstructions lays out the instructions sheet: what the workbook is
// for, how to fill in each plan (tied to the guideline's advice), what the
// drop-downs mean, how dates are written, how to add rows and how it prints.
func (b *builder) writeInstructions(plans []Plan) {
	f, l, sheet := b.f, b.lang, b.instructions
	b.check(f.SetColWidth(sheet, "A", "A", instructionsWidth))
	grid := false
	b.check(f.SetSheetView(sheet, 0, &excelize.ViewOptions{ShowGridLines: &grid}))
	row := 0
	put := func(text string, style int, pt float64, bold bool, indentPx float64, minHeight float64) {
		row++
		b.check(f.SetCellStr(sheet, cell(1, row), text))
		b.check(f.SetCellStyle(sheet, cell(1, row), cell(1, row), style))
		n := lines(text, pt, bold, columnPx(instructionsWidth, indentPx))
		h := float64(n)*pt*1.275 + rowPad
		b.check(f.SetRowHeight(sheet, row, max(h, minHeight)))
	}
	gap := func() {
		row++
		b.check(f.SetRowHeight(sheet, row, 8))
	}
	para := func(text string) { put(text, b.st.paragraph, fontSize, false, 0, 0) }
	entry := func(text string) { put(text, b.st.entry, fontSize, false, 12, 0) }
	heading := func(text string) { gap(); put(text, b.st.heading, 12, true, 0, 22) }

	put(l.Label("sheet.instructions.title"), b.st.title, 16, true, 0, 28)
	put(l.Title+"\n"+l.Project, b.st.subtitle, fontSize, false, 0, 0)
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
			para(l.Format("sheet.instructions.checkpoint", "title", cp.Title))
		}
		para(l.Label(p.Key + ".advice"))
		para(l.Label(p.Key + ".howto"))
		if t := p.Tracking; t != nil {
			if si := p.column(t.StatusColumn); si >= 0 && p.Columns[si].List != nil {
				var kv []string
				for _, it := range p.Columns[si].List.Items(l) {
					kv = append(kv, it.ID, it.Label)
				}
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
			for _, c := range choices {
				entry(c)
			}
		}
	}

	heading(l.Label("sheet.instructions.general"))
	example := b.lang.FormatDate(exampleDate)
	for _, text := range []string{
		l.Format("sheet.instructions.rows", "n", fmt.Sprint(b.o.rows)),
		l.Format("sheet.instructions.dates", "example", example),
		l.Format("sheet.instructions.hidden", "sheet", b.listSheet),
		l.Label("sheet.instructions.print"),
	} {
		para(text)
	}
	b.printSetup(sheet, l.Label("sheet.instructions.title"), false, cell(1, row))
}
