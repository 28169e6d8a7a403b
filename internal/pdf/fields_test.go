package pdf

import (
	"bytes"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/partnership-roadmap/roadmap/internal/pdftest"
)

const (
	lvText = "Biedrība „Brīnumiņš” — ĀČĒĢĪĶĻŅŠŪŽ āčēģīķļņšūž"
	ltText = "Ąžuolų gatvė: ąčęėįšųūž ĄČĘĖĮŠŲŪŽ"
	elText = "Ωμέγα ψυχή: ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩ άέήίόύώϊϋΐΰς"
)

// fieldsDoc is a page of every kind of field over what a form prints under
// them, with values in Latvian, Lithuanian and Greek.
func fieldsDoc(t testing.TB, opts ...Option) *Doc {
	t.Helper()
	d := demo(t, 1, opts...)
	d.AddPage()
	d.AddField(Field{Kind: TextField, Name: "name", Tooltip: "Organizācija", Value: lvText, Rect: Rect{20, 30, 150, 8}})
	d.AddField(Field{Kind: TextField, Name: "answer", Multiline: true, Boxed: true, Tooltip: "1. Atbilde",
		Value: strings.Repeat(ltText+" ", 4) + "\n" + elText, Rect: Rect{20, 45, 120, 30}})
	d.TickBox(20, 90, 0, false)
	d.AddField(Field{Kind: CheckBox, Name: "opt", Tooltip: "Iespēja", Value: "x", Rect: Rect{20, 90, 4, 4}})
	d.TickBox(30, 90, 0, false)
	d.AddField(Field{Kind: CheckBox, Name: "opt2", Rect: Rect{30, 90, 4, 4}})
	var buttons []Button
	for i, on := range []string{"not-started", "in-progress", "done", "not-applicable"} {
		x := 20 + float64(i)*20
		d.TickBox(x, 100, 0, false)
		buttons = append(buttons, Button{On: on, Rect: Rect{x, 100, 4, 4}})
	}
	d.AddField(Field{Kind: RadioGroup, Name: "status", Tooltip: "Statuss", Value: "done", Buttons: buttons})
	d.AddField(Field{Kind: TextField, Name: "hidden", Hidden: true, ReadOnly: true, Value: "roadmap-form"})
	return d
}

// TestFields checks the fields as qpdf reads them, their appearances as a
// reader shows them (qpdf draws them into the page, pdftotext reads them),
// that qpdf finds the file clean, and that the same document gives the
// same bytes.
func TestFields(t *testing.T) {
	b := render(t, fieldsDoc(t))
	pdftest.Check(t, b)
	got := pdftest.Fields(t, b)
	want := []pdftest.Field{
		{Name: "name", Type: "/Tx", Value: lvText, Tooltip: "Organizācija", Page: 2, Widgets: 1, Flags: 4},
		{Name: "answer", Type: "/Tx", Value: strings.Repeat(ltText+" ", 4) + "\n" + elText, Tooltip: "1. Atbilde", Page: 2, Widgets: 1, Flags: 4},
		{Name: "opt", Type: "/Btn", Value: "Yes", Tooltip: "Iespēja", Page: 2, Widgets: 1, Flags: 4},
		{Name: "opt2", Type: "/Btn", Value: "", Page: 2, Widgets: 1, Flags: 4},
		// qpdf reads a radio button's own tooltip; the group's is below
		{Name: "status", Type: "/Btn", Value: "done", Page: 2, Widgets: 4, Flags: 4},
		// hidden: printable, as PDF/A wants, but of no size
		{Name: "hidden", Type: "/Tx", Value: "roadmap-form", Page: 2, Widgets: 1, Flags: 4},
	}
	if !slices.Equal(got, want) {
		t.Errorf("fields:\n got %+v\nwant %+v", got, want)
	}
	if !regexp.MustCompile(`/T \(status\)\s*/TU \(Statuss\)`).Match(pdftest.Decompressed(t, b)) {
		t.Error("the radio group has no tooltip")
	}
	if bytes.Contains(b, []byte("NeedAppearances")) {
		t.Error("NeedAppearances set")
	}
	if !regexp.MustCompile(`/ID \[<[0-9A-F]{32}> <[0-9A-F]{32}>\]`).Match(b) {
		t.Error("no /ID")
	}
	if again := render(t, fieldsDoc(t)); !bytes.Equal(again, b) {
		t.Error("the same document gives different bytes")
	}

	// What the appearances show, drawn into the page.
	flat := pdftest.Flatten(t, b)
	text := strings.Join(strings.Fields(pdftest.Pages(t, flat)[1]), " ")
	for _, s := range []string{lvText, strings.TrimSpace(strings.Repeat(ltText+" ", 4)), elText} {
		if !strings.Contains(text, strings.Join(strings.Fields(s), " ")) {
			t.Errorf("page does not show %q:\n%s", s, text)
		}
	}
	if strings.Contains(text, "roadmap-form") {
		t.Error("the hidden field shows")
	}
	// The field font holds the alphabets, for what a person types.
	fonts := pdftest.Fonts(t, b)
	if len(fonts) < 2 {
		t.Errorf("fonts %v", fonts)
	}
}

// TestFieldsTicks checks by the pixels that a ticked box and the chosen
// radio button show their mark and the others do not.
func TestFieldsTicks(t *testing.T) {
	b := render(t, fieldsDoc(t))
	img := pdftest.Images(t, b, 72)[1]
	// 72 dpi: 1 mm is 72/25.4 px; a mark is in the accent colour.
	th := DefaultTheme()
	marked := func(x, y float64) bool {
		return ppmHas(img, int((x+1)*72/25.4), int((y+1)*72/25.4), 8, th.Colors.Accent)
	}
	for _, c := range []struct {
		name   string
		x, y   float64
		marked bool
	}{
		{"ticked box", 20, 90, true}, {"unticked box", 30, 90, false},
		{"not-started", 20, 100, false}, {"in-progress", 40, 100, false}, {"done", 60, 100, true}, {"not-applicable", 80, 100, false},
	} {
		if got := marked(c.x, c.y); got != c.marked {
			t.Errorf("%s: marked %v, want %v", c.name, got, c.marked)
		}
	}
}

// ppmHas reports whether the square of side n px at (x, y) of binary PPM
// image img has a pixel near colour c.
func ppmHas(img []byte, x, y, n int, c Color) bool {
	var w, h, maxv int
	fields := bytes.Fields(img[:min(len(img), 40)])
	if len(fields) < 4 {
		return false
	}
	w, h, maxv = atoi(fields[1]), atoi(fields[2]), atoi(fields[3])
	if maxv != 255 {
		return false
	}
	// the header ends after the fourth token and one whitespace byte
	off := bytes.Index(img, fields[3]) + len(fields[3]) + 1
	near := func(a, b uint8) bool { return int(a)-int(b) < 40 && int(b)-int(a) < 40 }
	for j := y; j < y+n && j < h; j++ {
		for i := x; i < x+n && i < w; i++ {
			p := off + 3*(j*w+i)
			if near(img[p], c.R) && near(img[p+1], c.G) && near(img[p+2], c.B) {
				return true
			}
		}
	}
	return false
}

func atoi(b []byte) int {
	n := 0
	for _, c := range b {
		n = n*10 + int(c-'0')
	}
	return n
}

// TestFieldAutoSize checks that a one-line field whose text is too long
// for it, set to AutoSize, shows the whole text at a smaller size, and
// asks a reader to size what is typed (a size of 0), while a field that is
// not set to stays at the body size and clips.
func TestFieldAutoSize(t *testing.T) {
	long := lvText
	d := demo(t, 1)
	d.AddField(Field{Kind: TextField, Name: "contact", Value: long, AutoSize: true, Rect: Rect{20, 30, 70, 8}})
	d.AddField(Field{Kind: TextField, Name: "fixed", Value: long, Rect: Rect{20, 50, 70, 8}})
	qdf := pdftest.Decompressed(t, render(t, d))
	if !bytes.Contains(qdf, []byte("/DA (/LiSa 0 Tf 0 g)")) {
		t.Error("the auto-sized field's default appearance does not ask for size 0")
	}
	sizes := regexp.MustCompile(`BT /LiSa ([\d.]+) Tf`).FindAllSubmatch(qdf, -1)
	if len(sizes) != 2 {
		t.Fatalf("%d text appearances; want 2", len(sizes))
	}
	inner := 70 - 2*textPad/mmToPt
	body := d.theme.Type.Body
	var got []float64
	for _, m := range sizes {
		v, err := strconv.ParseFloat(string(m[1]), 64)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, v)
	}
	slices.Sort(got)
	small, fixed := got[0], got[1]
	if fixed != body {
		t.Errorf("the fixed field's text at %v pt; want the body's %v", fixed, body)
	}
	if small >= body || small < 6 {
		t.Errorf("the auto-sized text at %v pt; want less than %v and at least 6", small, body)
	}
	if w := Width(long, Regular, small); w > inner {
		t.Errorf("at %v pt the text is %.1f mm wide, more than the field's %.1f mm", small, w, inner)
	}
	if w := Width(long, Regular, body); w <= inner {
		t.Fatalf("the test's text fits at the body size (%.1f mm): make it longer", w)
	}
}

// TestFieldOverflow checks that a multi-line field holding more lines than
// it has room for shows those that fit whole, and no line cut at its foot:
// a reader scrolls to the rest, and the value keeps them all.
func TestFieldOverflow(t *testing.T) {
	var lines []string
	for i := range 30 {
		lines = append(lines, "Rinda "+strconv.Itoa(i+1)+" ąčęėį")
	}
	value := strings.Join(lines, "\n")
	box := Rect{20, 30, 100, 21}
	d := demo(t, 1)
	d.AddPage()
	d.AddField(Field{Kind: TextField, Name: "notes", Multiline: true, Boxed: true, Value: value, Rect: box})
	b := render(t, d)
	if got := pdftest.Fields(t, b)[0].Value; got != value {
		t.Errorf("the value holds %d lines; want all 30", strings.Count(got, "\n")+1)
	}
	shown := 0
	for _, w := range pdftest.Words(t, pdftest.Flatten(t, b))[1].Words {
		if w.Text != "Rinda" {
			continue
		}
		shown++
		if w.YMin < box.Y || w.YMax > box.Y+box.H+0.1 {
			t.Errorf("a line drawn from %.1f to %.1f mm, outside the field's %.1f to %.1f", w.YMin, w.YMax, box.Y, box.Y+box.H)
		}
	}
	if shown < 3 || shown >= 30 {
		t.Errorf("%d lines shown in a field of 21 mm", shown)
	}
}
