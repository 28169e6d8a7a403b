package form

import (
	"fmt"
	"image/color"
	"regexp"
	"strings"
	"testing"

	"github.com/partnership-roadmap/roadmap/internal/contenttest"
	"github.com/partnership-roadmap/roadmap/internal/pdftest"
)

// testNotes are workshop notes of three lines, in Latvian, Lithuanian and
// Greek, with a blank line between the first two.
const testNotes = "Sociālais dienests sagatavo sadarbības līgumu līdz 1. martam.\n\n" +
	"Ąžuolų bendruomenė kviečia į susitikimą gegužę.\n" +
	"Ο Γιώργος ενημερώνει τον δήμο μέχρι τις 15 Μαρτίου."

// TestNotesFilled checks the closing page of a filled form: the notes of
// the answers' workshop under the page's title and hint, line by line in
// order, then lines to write on; without notes, the title and hint alone.
func TestNotesFilled(t *testing.T) {
	lang := contenttest.Language(t, "lv")
	a := example(t, "talsi-municipality-lv.yaml")
	without := render(t, lang, a.Form, a)
	a.Workshop.Notes = testNotes
	res := render(t, lang, a.Form, a)
	if res.Pages != without.Pages {
		t.Errorf("%d pages with short notes, %d without", res.Pages, without.Pages)
	}
	pages := pdftest.RawPages(t, res.Data)
	last := pages[len(pages)-1]
	var lines []string
	for _, l := range strings.Split(last, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			lines = append(lines, l)
		}
	}
	want := []string{
		lang.Label("form.notes.title"),
		lang.Label("form.notes.hint"),
		"Sociālais dienests sagatavo sadarbības līgumu līdz 1. martam.",
		"Ąžuolų bendruomenė kviečia į susitikimą gegužę.",
		"Ο Γιώργος ενημερώνει τον δήμο μέχρι τις 15 Μαρτίου.",
	}
	if len(lines) < len(want) {
		t.Fatalf("the last page has %d lines:\n%s", len(lines), last)
	}
	for i, w := range want {
		if lines[i] != w {
			t.Errorf("last page, line %d = %q, want %q\n%s", i+1, lines[i], w, last)
		}
	}
	// Below the notes, the page is ruled to write on, to its foot: fewer
	// lines than the page without notes has, starting lower, the lowest
	// within a line's height of the blank page's lowest. (The last rule of
	// each page is the footer's.)
	with, plain := ruled(t, res.Data), ruled(t, without.Data)
	if len(with) < 6 || len(plain) < 6 || with[len(with)-1] != plain[len(plain)-1] {
		t.Fatalf("the closing page has rules at %v with notes, at %v without", with, plain)
	}
	with, plain = with[:len(with)-1], plain[:len(plain)-1]
	gap := plain[1] - plain[0]
	if len(with) >= len(plain) || with[0] <= plain[0] || plain[len(plain)-1]-with[len(with)-1] >= gap {
		t.Errorf("the closing page has lines at %v with notes, at %v without", with, plain)
	}

	// Without notes the page has the title and the hint only.
	wp := pdftest.RawPages(t, without.Data)
	if got := norm(wp[len(wp)-1]); !strings.HasPrefix(got, norm(lang.Label("form.notes.title")+" "+lang.Label("form.notes.hint"))) ||
		strings.Contains(got, "Sociālais") {
		t.Errorf("the closing page without notes:\n%s", got)
	}
}

// TestNotesLong checks that notes longer than a page flow onto a further
// page whole, in order, the page they continue on saying so.
func TestNotesLong(t *testing.T) {
	lang := contenttest.Language(t, "en")
	a := example(t, "talsi-municipality-en.yaml")
	without := render(t, lang, a.Form, a)
	var paras []string
	for i := 1; i <= 60; i++ {
		paras = append(paras, fmt.Sprintf("Step %d: the social service and the association Ąžuolas meet again and agree who writes the next part of the plan, by the end of week %d.", i, i))
	}
	a.Workshop.Notes = strings.Join(paras, "\n")
	res := render(t, lang, a.Form, a)
	if res.Pages <= without.Pages {
		t.Fatalf("%d pages with notes of %d lines, %d without: the notes did not flow onto a further page", res.Pages, len(paras), without.Pages)
	}
	pages := pdftest.RawPages(t, res.Data)
	notes := norm(strings.Join(pages[without.Pages-1:], "\n"))
	at := 0
	for _, p := range paras {
		i := strings.Index(notes[at:], p)
		if i < 0 {
			t.Fatalf("the notes' pages lack %q (or have it out of order):\n%s", p, notes)
		}
		at += i + len(p)
	}
	for n := without.Pages; n < res.Pages; n++ {
		if got, want := norm(pages[n]), "Notes and next steps (continued)"; !strings.HasPrefix(got, want) {
			t.Errorf("page %d starts %q, want %q", n+1, got[:min(len(got), 60)], want)
		}
	}
	if strings.Contains(notes, "…") {
		t.Errorf("a note was cut:\n%s", notes)
	}
}

// TestNotesFillable checks the fillable form's notes field: on the closing
// page, multi-line, its tooltip the page's title, holding the notes of the
// answers (empty in a blank form); the page itself is the blank form's.
func TestNotesFillable(t *testing.T) {
	for _, code := range []string{"lv", "en"} {
		lang := contenttest.Language(t, code)
		a := example(t, "brinumins-community-"+code+".yaml")
		a.Workshop.Notes = testNotes
		res, err := Render(lang, a.Form, a, Options{Date: testDate, Fillable: true})
		if err != nil {
			t.Fatal(err)
		}
		pdftest.Check(t, res.Data)
		var found bool
		for _, fd := range pdftest.Fields(t, res.Data) {
			if fd.Name != NotesField {
				continue
			}
			found = true
			if fd.Type != "/Tx" || fd.Page != res.Pages || fd.Tooltip != lang.Label("form.notes.title") || fd.Value != testNotes {
				t.Errorf("%s: field %s is %s on page %d of %d, tooltip %q, value %q", code, fd.Name, fd.Type, fd.Page, res.Pages, fd.Tooltip, fd.Value)
			}
		}
		if !found {
			t.Fatalf("%s: no field %s", code, NotesField)
		}
		// the field's object: multi-line (/Ff 4096), boxed (/MK)
		var obj string
		for _, o := range strings.Split(string(pdftest.Decompressed(t, res.Data)), "endobj") {
			if strings.Contains(o, "/T ("+NotesField+")") {
				obj = o
			}
		}
		if !regexp.MustCompile(`/Ff 4096\b`).MatchString(obj) || !strings.Contains(obj, "/MK") {
			t.Errorf("%s: field %s is not a multi-line boxed field:\n%s", code, NotesField, obj)
		}
		// The page is the blank fillable form's; what it shows of the notes
		// is the field's appearance, every line of them.
		blank, err := Render(lang, a.Form, nil, Options{Date: testDate, Fillable: true})
		if err != nil {
			t.Fatal(err)
		}
		if res.Pages != blank.Pages {
			t.Errorf("%s: %d pages, the blank fillable form %d", code, res.Pages, blank.Pages)
		}
		pages := pdftest.RawPages(t, res.Data)
		last := norm(pages[len(pages)-1])
		for _, l := range strings.Split(testNotes, "\n") {
			if !strings.Contains(last, l) {
				t.Errorf("%s: the notes field does not show %q:\n%s", code, l, last)
			}
		}
	}

	// Notes longer than the field: the field holds them whole (the reader
	// scrolls), and the form has no more pages.
	lang := contenttest.Language(t, "en")
	a := example(t, "talsi-municipality-en.yaml")
	a.Workshop.Notes = strings.Repeat(testNotes+"\n", 40)
	res, err := Render(lang, a.Form, a, Options{Date: testDate, Fillable: true})
	if err != nil {
		t.Fatal(err)
	}
	blank, err := Render(lang, a.Form, nil, Options{Date: testDate, Fillable: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.Pages != blank.Pages {
		t.Errorf("long notes: %d pages, the blank fillable form %d", res.Pages, blank.Pages)
	}
	for _, fd := range pdftest.Fields(t, res.Data) {
		if fd.Name == NotesField && fd.Value != a.Workshop.Notes {
			t.Errorf("long notes: the field holds %d characters of %d", len(fd.Value), len(a.Workshop.Notes))
		}
	}
}

// ruled returns the rows (in pixels at 50 dpi, from the top) of the ruled
// lines of the PDF's last page: rows drawn across most of the text area.
func ruled(t *testing.T, pdf []byte) []int {
	t.Helper()
	imgs := pdftest.Images(t, pdf, 50)
	img := pdftest.PPM(t, imgs[len(imgs)-1])
	b := img.Bounds()
	from, to := b.Dx()*2/10, b.Dx()*8/10
	var rows []int
	for y := b.Min.Y; y < b.Max.Y; y++ {
		n := 0
		for x := from; x < to; x++ {
			if color.GrayModel.Convert(img.At(x, y)).(color.Gray).Y < 245 {
				n++
			}
		}
		// one line may cover two rows of pixels: count it once
		if n > (to-from)*9/10 && (len(rows) == 0 || rows[len(rows)-1] < y-1) {
			rows = append(rows, y)
		}
	}
	return rows
}
