package pdf_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/partnership-roadmap/roadmap/internal/pdf"
	"github.com/partnership-roadmap/roadmap/templates"
)

func TestDefaultTheme(t *testing.T) {
	th, err := pdf.LoadTheme(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	if th.Paper != pdf.A4 || th.Type.Body <= 0 || len(th.Colors.Steps) != 3 || th.Margins.Left <= 0 {
		t.Errorf("default theme: %+v", th)
	}
	if th.Step(1) == th.Step(2) || th.Step(4) != th.Step(1) {
		t.Error("step colours do not cycle over three distinct colours")
	}
}

func TestLoadTheme(t *testing.T) {
	tests := []struct {
		name, src string
		check     func(pdf.Theme) bool
		err       string
	}{
		{"missing file gives the default", "", func(th pdf.Theme) bool { return th.Paper == pdf.A4 }, ""},
		{"partial override", "paper: letter\ntype:\n  body: 11\ncolours:\n  steps: ['#112233']\n",
			func(th pdf.Theme) bool {
				return th.Paper == pdf.Letter && th.Type.Body == 11 && th.Type.H1 == pdf.DefaultTheme().Type.H1 &&
					len(th.Colors.Steps) == 1 && th.Colors.Steps[0] == pdf.Color{R: 0x11, G: 0x22, B: 0x33}
			}, ""},
		{"bad colour", "colours:\n  text: '#12345'\n", nil, `theme.yaml:2:9: colours.text: "#12345" is not a colour; use #rrggbb`},
		{"bad number", "margins:\n  top: wide\n", nil, `theme.yaml:2:8: margins.top: "wide" is not allowed; use a number from 5 to 60 mm`},
		{"out of range", "type:\n  body: 99\n", nil, `theme.yaml:2:9: type.body: "99" is not allowed; use a number from 6 to 18 pt`},
		{"NaN margin", "margins: {top: NaN}\n", nil, `theme.yaml:1:16: margins.top: "NaN" is not allowed; use a number from 5 to 60 mm`},
		{"nan line height", "line_height: .nan\n", nil, `theme.yaml:1:14: line_height: ".nan" is not allowed`},
		{"infinite size", "type: {body: .inf}\n", nil, `theme.yaml:1:14: type.body: ".inf" is not allowed`},
		{"minus infinity", "spacing: {paragraph: -Infinity}\n", nil, `theme.yaml:1:22: spacing.paragraph: "-Infinity" is not allowed`},
		{"unknown key", "colors:\n  text: '#000000'\n", nil, `theme.yaml:1:1: unknown key "colors" in theme; allowed: colours, line_height, margins, paper, spacing, type`},
		{"bad paper", "paper: a3\n", nil, `theme.yaml:1:8: paper: "a3" is not allowed; use a4 or letter`},
		{"steps not a list", "colours:\n  steps: '#000000'\n", nil, `theme.yaml:2:10: colours.steps must be a list of colours, one per step`},
		{"bad step", "colours:\n  steps: ['#000000', red]\n", nil, `theme.yaml:2:22: colours.steps[1]: "red" is not a colour; use #rrggbb`},
		{"not a mapping", "- a\n", nil, `theme.yaml:1:1: theme must be a mapping of keys`},
		{"duplicate", "paper: a4\npaper: letter\n", nil, "theme.yaml:2:1"},
		{"syntax", "paper: [\n", nil, "theme.yaml: yaml:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			if tt.src != "" {
				fsys["theme.yaml"] = &fstest.MapFile{Data: []byte(tt.src)}
			}
			th, err := pdf.LoadTheme(fsys)
			if tt.err != "" {
				if err == nil || !strings.HasPrefix(err.Error(), tt.err) {
					t.Fatalf("error %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !tt.check(th) {
				t.Errorf("theme: %+v", th)
			}
		})
	}
}

func FuzzLoadTheme(f *testing.F) {
	f.Add([]byte("paper: letter\nmargins: {top: 10}\n"))
	f.Add([]byte("colours:\n  steps: ['#abc', '#123456']\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		th, err := pdf.LoadTheme(fstest.MapFS{"theme.yaml": &fstest.MapFile{Data: src}})
		if err != nil {
			return
		}
		// a theme that loads makes a document
		d, err := pdf.New(pdf.WithTheme(th))
		if err != nil {
			t.Fatal(err)
		}
		d.Paragraph("Sveiki", pdf.ParaStyle{})
		if _, err := d.Bytes(); err != nil {
			t.Fatal(err)
		}
	})
}

func FuzzText(f *testing.F) {
	f.Add("Sveiki, 🙂 pasaule!\nJauna rinda\tar tabu", 10.0, 30.0)
	f.Add("https://example.org/a/very/long/address/that/does/not/fit/on/one/line/at/all", 12.0, 5.0)
	f.Fuzz(func(t *testing.T, s string, size, indent float64) {
		if size < 4 || size > 40 || indent < 0 || indent > 100 || len(s) > 5000 {
			return
		}
		d, err := pdf.New()
		if err != nil {
			t.Fatal(err)
		}
		d.Text(pdf.ParaStyle{Size: size, Indent: indent, Marker: "•"}, pdf.Run{Text: s}, pdf.Run{Text: s, Style: pdf.Bold, URL: "https://example.org"})
		d.Table(pdf.Table{Columns: []pdf.Column{{Label: s, Width: 1}, {Label: "B", Width: 3}}}, [][]string{{s, s}})
		if _, err := d.Bytes(); err != nil {
			t.Fatal(err)
		}
	})
}
