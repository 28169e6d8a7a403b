package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestTemplatesReachWorkbooks changes the accent colour and the body size in
// a theme given with --templates and sees the workbooks of sheet, pack and
// render change: the header row's fill and the cells' type size.
func TestTemplatesReachWorkbooks(t *testing.T) {
	dir := t.TempDir()
	tpl := filepath.Join(dir, "tpl")
	if err := os.MkdirAll(tpl, 0o755); err != nil {
		t.Fatal(err)
	}
	theme := "type:\n  body: 12\ncolours:\n  accent: \"#aa3300\"\n"
	if err := os.WriteFile(filepath.Join(tpl, "theme.yaml"), []byte(theme), 0o644); err != nil {
		t.Fatal(err)
	}
	run := func(args ...string) {
		t.Helper()
		var stdout, stderr bytes.Buffer
		if code := Main(args, strings.NewReader(""), &stdout, &stderr); code != 0 {
			t.Fatalf("roadmap %s: exit %d\n%s", strings.Join(args, " "), code, stderr.String())
		}
	}
	look := func(path, sheet string) (fill string, size float64) {
		t.Helper()
		f, err := excelize.OpenFile(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		header, _ := f.GetCellStyle(sheet, "A1")
		st, _ := f.GetStyle(header)
		body, _ := f.GetCellStyle(sheet, "B2")
		bst, _ := f.GetStyle(body)
		if len(st.Fill.Color) > 0 {
			fill = strings.ToUpper(strings.TrimPrefix(st.Fill.Color[0], "#"))
		}
		if bst.Font != nil {
			size = bst.Font.Size
		}
		return fill, size
	}
	plain := filepath.Join(dir, "plain.xlsx")
	themed := filepath.Join(dir, "themed.xlsx")
	run("sheet", "action-plan", "--lang", "en", "-o", plain)
	run("--templates", tpl, "sheet", "action-plan", "--lang", "en", "-o", themed)
	run("--templates", tpl, "pack", "--lang", "en", "--out", filepath.Join(dir, "pack"))
	if fill, size := look(plain, "Action plan"); fill != "0F6E6A" || size != 10 {
		t.Errorf("without --templates: header fill %s, body %v pt; want 0F6E6A and 10", fill, size)
	}
	for _, path := range []string{themed, filepath.Join(dir, "pack", "en", "action-plan.xlsx")} {
		if fill, size := look(path, "Action plan"); fill != "AA3300" || size != 12 {
			t.Errorf("%s with --templates: header fill %s, body %v pt; want AA3300 and 12", filepath.Base(path), fill, size)
		}
	}
}
