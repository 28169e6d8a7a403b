package sheets

import (
	"bytes"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/partnership-roadmap/roadmap/internal/golden"
)

// TestGolden compares a summary of each blank workbook, lv and en, with its
// golden file (testdata/TestGolden/<lang>/<plan>.golden; go test -update
// rewrites them): each sheet's cells with their values and styles, row
// heights (fixed or growing), column widths, validations, conditional
// formats, the table, and the print set-up. An unintended change of layout
// shows as the lines it changed.
func TestGolden(t *testing.T) {
	for _, code := range []string{"lv", "en"} {
		for _, c := range []struct {
			name  string
			plans []Plan
		}{
			{"action-plan", []Plan{plan(t, "action-plan")}},
			{"communication-plan", []Plan{plan(t, "communication-plan")}},
			{"evaluation-plan", []Plan{plan(t, "evaluation-plan")}},
			{"plans", Plans()},
		} {
			t.Run(code+"/"+c.name, func(t *testing.T) {
				data, err := Build(lang(t, code), c.plans, nil)
				if err != nil {
					t.Fatal(err)
				}
				golden.RequireEqual(t, []byte(summary(t, data)))
			})
		}
	}
}

// summary describes a workbook as text: its properties, then each sheet.
// Styles are named S1, S2, … in order of first use and described once.
func summary(t *testing.T, data []byte) string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var b strings.Builder
	styleNames := map[int]string{}
	var legend []string
	name := func(id int) string {
		if n, ok := styleNames[id]; ok {
			return n
		}
		n := fmt.Sprintf("S%d", len(styleNames)+1)
		styleNames[id] = n
		st, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		legend = append(legend, n+" = "+describeStyle(st))
		return n
	}
	props, _ := f.GetDocProps()
	fmt.Fprintf(&b, "title %q, language %s, created %s\n", props.Title, props.Language, props.Created)
	names := map[string]string{}
	for _, dn := range f.GetDefinedName() {
		names[dn.Scope+"|"+dn.Name] = dn.RefersTo
	}
	keys := make([]string, 0, len(names))
	for k := range names {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(&b, "name %s = %s\n", k, names[k])
	}
	for i, sheet := range f.GetSheetList() {
		visible, _ := f.GetSheetVisible(sheet)
		fmt.Fprintf(&b, "\n== sheet %q visible=%v\n", sheet, visible)
		cols, _ := f.GetCols(sheet)
		var widths []string
		for c := 1; c <= max(len(cols), 1); c++ {
			w, _ := f.GetColWidth(sheet, colName(c))
			widths = append(widths, fmt.Sprintf("%s=%.2f", colName(c), w))
		}
		fmt.Fprintf(&b, "columns %s\n", strings.Join(widths, " "))
		if pl, err := f.GetPageLayout(sheet); err == nil {
			fmt.Fprintf(&b, "page size=%d orientation=%s fit=%dx%d\n", deref2(pl.Size), deref(pl.Orientation), deref2(pl.FitToWidth), deref2(pl.FitToHeight))
		}
		if m, err := f.GetPageMargins(sheet); err == nil {
			fmt.Fprintf(&b, "margins in: left %v right %v top %v bottom %v header %v footer %v\n", fl(m.Left), fl(m.Right), fl(m.Top), fl(m.Bottom), fl(m.Header), fl(m.Footer))
		}
		if hf, err := f.GetHeaderFooter(sheet); err == nil && hf != nil {
			fmt.Fprintf(&b, "header %q\nfooter %q\n", hf.OddHeader, hf.OddFooter)
		}
		if p, err := f.GetPanes(sheet); err == nil && p.Freeze {
			fmt.Fprintf(&b, "frozen rows %d\n", p.YSplit)
		}
		if tables, _ := f.GetTables(sheet); len(tables) > 0 {
			for _, tb := range tables {
				fmt.Fprintf(&b, "table %s %s style %s\n", tb.Name, tb.Range, tb.StyleName)
			}
		}
		dvs, _ := f.GetDataValidations(sheet)
		for _, dv := range dvs {
			fmt.Fprintf(&b, "validation %s %s %s %s..%s error %s %q %q prompt %q %q\n", dv.Sqref, dv.Type, dv.Operator, dv.Formula1, dv.Formula2,
				deref(dv.ErrorStyle), deref(dv.ErrorTitle), deref(dv.Error), deref(dv.PromptTitle), deref(dv.Prompt))
		}
		cfs, _ := f.GetConditionalFormats(sheet)
		var ranges []string
		for r := range cfs {
			ranges = append(ranges, r)
		}
		sort.Strings(ranges)
		for _, r := range ranges {
			for _, rule := range cfs[r] {
				fmt.Fprintf(&b, "conditional %s %s %s stop=%v\n", r, rule.Type, rule.Criteria, rule.StopIfTrue)
			}
		}
		sheetXML := part(t, data, fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1))
		if m := regexp.MustCompile(`<rowBreaks[^>]*>.*?</rowBreaks>`).FindString(sheetXML); m != "" {
			var ids []string
			for _, id := range regexp.MustCompile(`<brk id="(\d+)"`).FindAllStringSubmatch(m, -1) {
				ids = append(ids, id[1])
			}
			fmt.Fprintf(&b, "page breaks after rows %s\n", strings.Join(ids, ", "))
		}
		custom := map[string]bool{}
		for _, m := range regexp.MustCompile(`<row r="(\d+)"[^>]*?customHeight="true"`).FindAllStringSubmatch(sheetXML, -1) {
			custom[m[1]] = true
		}
		rows, _ := f.GetRows(sheet)
		dim, _ := f.GetSheetDimension(sheet)
		_, last, _ := excelize.SplitCellName(strings.Split(dim+":"+dim, ":")[1])
		_ = last
		for r := 1; r <= max(len(rows), rowsIn(dim)); r++ {
			h, _ := f.GetRowHeight(sheet, r)
			kind := "grows"
			if custom[fmt.Sprint(r)] {
				kind = "fixed"
			}
			var cells []string
			for c := 1; c <= max(len(cols), 1); c++ {
				ref := cell(c, r)
				v, _ := f.GetCellValue(sheet, ref)
				id, _ := f.GetCellStyle(sheet, ref)
				if v == "" && id == 0 {
					continue
				}
				s := colName(c) + ":" + name(id)
				if v != "" {
					s += fmt.Sprintf("=%q", v)
				}
				cells = append(cells, s)
			}
			if len(cells) == 0 && !strings.Contains(sheetXML, fmt.Sprintf(`<row r="%d"`, r)) {
				continue
			}
			fmt.Fprintf(&b, "r%d %.2f %s | %s\n", r, h, kind, strings.Join(cells, " "))
		}
	}
	return b.String() + "\n== styles\n" + strings.Join(legend, "\n") + "\n"
}

// rowsIn returns the last row of a dimension A1:G31.
func rowsIn(dim string) int {
	parts := strings.Split(dim, ":")
	_, r, err := excelize.CellNameToCoordinates(parts[len(parts)-1])
	if err != nil {
		return 0
	}
	return r
}

// describeStyle describes the parts of a cell style that show.
func describeStyle(st *excelize.Style) string {
	var p []string
	if st.Font != nil {
		f := fmt.Sprintf("%s %vpt #%s", st.Font.Family, st.Font.Size, st.Font.Color)
		if st.Font.Bold {
			f += " bold"
		}
		p = append(p, f)
	}
	if len(st.Fill.Color) > 0 {
		p = append(p, "fill #"+strings.Join(st.Fill.Color, ","))
	}
	if len(st.Border) > 0 {
		p = append(p, fmt.Sprintf("border #%s", st.Border[0].Color))
	}
	if a := st.Alignment; a != nil {
		s := "align " + a.Horizontal + "/" + a.Vertical
		if a.WrapText {
			s += " wrap"
		}
		if a.Indent > 0 {
			s += fmt.Sprintf(" indent %d", a.Indent)
		}
		p = append(p, s)
	}
	if st.CustomNumFmt != nil {
		p = append(p, "format "+*st.CustomNumFmt)
	}
	return strings.Join(p, "; ")
}

func deref2(p *int) int {
	if p == nil {
		return -1
	}
	return *p
}

func fl(p *float64) string {
	if p == nil {
		return "-"
	}
	return fmt.Sprint(*p)
}
