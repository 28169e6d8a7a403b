package pdf_test

import (
	"github.com/partnership-roadmap/roadmap/internal/msg"
	"reflect"
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
	// The commands take DefaultTheme for the embedded templates rather
	// than reading the file again.
	if !reflect.DeepEqual(th, pdf.DefaultTheme()) {
		t.Errorf("the embedded templates read as a theme differ from DefaultTheme:\n%+v\n%+v", th, pdf.DefaultTheme())
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
		{"bad colour", "colours:\n  text: '#12345'\n", nil, `theme.yaml:2:9: "#12345" is not a colour; allowed: a colour as "#rrggbb", e.g. "#0f6e6a"`},
		{"bad number", "margins:\n  top: wide\n", nil, `theme.yaml:2:8: wrong type for "top": found the text "wide"; allowed: a number from 5 to 60 mm`},
		{"out of range", "type:\n  body: 99\n", nil, `theme.yaml:2:9: "body" is 99, out of range; allowed: a number from 6 to 18 pt`},
		{"NaN margin", "margins: {top: NaN}\n", nil, `theme.yaml:1:16: "top" is "NaN", not a finite number; allowed: a number from 5 to 60 mm`},
		{"nan line height", "line_height: .nan\n", nil, `theme.yaml:1:14: "line_height" is ".nan", not a finite number; allowed: a number from 1 to 2.5 (times the type size)`},
		{"infinite size", "type: {body: .inf}\n", nil, `theme.yaml:1:14: "body" is ".inf", not a finite number; allowed: a number from 6 to 18 pt`},
		{"minus infinity", "spacing: {paragraph: -Infinity}\n", nil, `theme.yaml:1:22: "paragraph" is "-Infinity", not a finite number; allowed: a number from 0 to 20 mm`},
		{"unknown key", "colors:\n  text: '#000000'\n", nil, `theme.yaml:1:1: unknown key "colors" (did you mean "colours"?); allowed: paper, margins, type, line_height, spacing, colours, styles`},
		{"bad paper", "paper: a3\n", nil, `theme.yaml:1:8: unknown paper "a3" (did you mean "a4"?); allowed: a4, letter`},
		{"steps not a list", "colours:\n  steps: '#000000'\n", nil, `theme.yaml:2:10: wrong type for "steps": found the text "#000000"; allowed: a list of colours, each a colour as "#rrggbb", e.g. "#0f6e6a"`},
		{"no steps", "colours:\n  steps: []\n", nil, `theme.yaml:2:10: "steps" has 0 colours; allowed: a list of colours, each a colour as "#rrggbb", e.g. "#0f6e6a", at least 1`},
		{"bad step", "colours:\n  steps: ['#000000', red]\n", nil, `theme.yaml:2:22: "red" is not a colour; allowed: a colour as "#rrggbb", e.g. "#0f6e6a"`},
		{"not a mapping", "- a\n", nil, `theme.yaml:1:1: wrong type for the theme: found a list; allowed: a map of paper, margins, type, line_height, spacing, colours, styles`},
		{"duplicate", "paper: a4\npaper: letter\n", nil, `theme.yaml:2:1: duplicate key "paper" (first at 1:1); allowed: each key once`},
		{"every problem at once", "margins: {top: 1, left: x}\ntype: {bdy: 3}\n", nil, `theme.yaml:1:16: "top" is 1, out of range; allowed: a number from 5 to 60 mm
theme.yaml:1:25: wrong type for "left": found the text "x"; allowed: a number from 5 to 60 mm
theme.yaml:2:8: unknown key "bdy" (did you mean "body"?); allowed: title, h1, h2, h3, body, small`},
		{"syntax", "margins:\n  top: 10\n bottom: 20\n", nil, `theme.yaml:3:2: ` + msg.New("syntax.indent").String()},
		{"unclosed quote", "colours:\n  text: \"#000000\n  muted: '#111111'\n", nil, `theme.yaml:2:9: invalid YAML: the quote " opened here is not closed on its line, so the lines below are read as part of the text; allowed: a closing " on the same line, or a longer text in a | block`},
		{"control character", "paper: a4\x07\n", nil, `theme.yaml:1:10: the file holds the invisible character U+0007 BELL; allowed: text without control characters, so delete it (it often comes with copied text)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			if tt.src != "" {
				fsys["theme.yaml"] = &fstest.MapFile{Data: []byte(tt.src)}
			}
			th, err := pdf.LoadTheme(fsys)
			if tt.err != "" {
				if err == nil || err.Error() != tt.err {
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
