package importpdf

import (
	"encoding/json"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/contenttest"
	"github.com/partnership-roadmap/roadmap/internal/form"
	"github.com/partnership-roadmap/roadmap/internal/pdftest"
)

// jsWidget is a widget as pdf.js draws it (reader.mjs render).
type jsWidget struct {
	Page  int        `json:"page"`
	Name  string     `json:"name"`
	Type  string     `json:"type"`
	Value any        `json:"value"`
	On    any        `json:"on"`
	Rect  [4]float64 `json:"rect"` // pixels, from the top left
}

// TestPdfjsDraws has pdf.js draw the fillable form's pages with the
// fields' appearances, as a reader that does not redraw them shows the
// form, and checks every widget there: a text field with a value has the
// text drawn, as much ink as poppler draws there (so no letter is left
// out: the values hold Latvian, Lithuanian and Greek); an empty one has
// none; a chosen button shows its mark and any other nothing.
func TestPdfjsDraws(t *testing.T) {
	filled := example(t, "brinumins-community-lv.yaml")
	filled.Organisation.Contact = elText
	filled.Organisation.Partner = ltText
	filled.Workshop = testWorkshop
	for _, c := range []struct {
		name string
		lang *content.Language
		doc  []byte
	}{
		{"filled lv", contenttest.Language(t, "lv"), fillable(t, contenttest.Language(t, "lv"), filled.Form, filled)},
		{"blank el", contenttest.Language(t, "el"), fillable(t, contenttest.Language(t, "el"), content.Municipality, nil)},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "form.pdf")
			if err := os.WriteFile(path, c.doc, 0o644); err != nil {
				t.Fatal(err)
			}
			const dpi = 100
			var widgets []jsWidget
			if err := json.Unmarshal(pdfjs(t, "render", path, dir, fmt.Sprint(dpi)), &widgets); err != nil {
				t.Fatal(err)
			}
			poppler := pdftest.Images(t, pdftest.Flatten(t, c.doc), dpi)
			drawn := func(page int, suffix string) image.Image {
				f, err := os.Open(filepath.Join(dir, fmt.Sprintf("%d%s.png", page, suffix)))
				if err != nil {
					t.Fatal(err)
				}
				defer f.Close()
				img, err := png.Decode(f)
				if err != nil {
					t.Fatal(err)
				}
				return img
			}
			pages := map[int][2]image.Image{}
			var texts, chosen, empty int
			inked := map[string]bool{}
			for _, w := range widgets {
				r := image.Rect(int(w.Rect[0]), int(w.Rect[1]), int(w.Rect[2]+0.5), int(w.Rect[3]+0.5))
				if r.Empty() {
					continue // the hidden marker
				}
				p, ok := pages[w.Page]
				if !ok {
					p = [2]image.Image{drawn(w.Page, ""), drawn(w.Page, "-plain")}
					pages[w.Page] = p
				}
				withFields, plain := p[0], p[1]
				switch w.Type {
				case "Tx", "Ch": // a drop-down list shows its choice as a text field its text
					inner := r.Inset(3) // not the box's border
					got := pdftest.Ink(withFields, inner, 80)
					value, _ := w.Value.(string)
					if list, ok := w.Value.([]any); ok && len(list) > 0 { // a drop-down list's choices
						value, _ = list[0].(string)
					}
					if value == "" {
						empty++
						if got > 0 {
							t.Errorf("%s (page %d): empty, but %d dark pixels drawn", w.Name, w.Page, got)
						}
						continue
					}
					texts++
					inked[w.Name] = true
					want := pdftest.Ink(pdftest.PPM(t, poppler[w.Page-1]), inner, 80)
					if got == 0 || 10*got < 6*want || 10*got > 16*want {
						t.Errorf("%s (page %d): pdf.js drew %d dark pixels of its text, poppler %d", w.Name, w.Page, got, want)
					}
				case "checkbox", "radio":
					on := w.Value != nil && w.Value == w.On
					changed := pdftest.Changed(withFields, plain, r)
					switch {
					case on && changed < 10:
						t.Errorf("%s=%v (page %d): chosen, but its mark not drawn (%d pixels)", w.Name, w.On, w.Page, changed)
					case !on && changed > 0:
						t.Errorf("%s=%v (page %d): not chosen, but %d pixels drawn over the page", w.Name, w.On, w.Page, changed)
					}
					if on {
						chosen++
					}
				default:
					t.Errorf("%s: a widget of type %q", w.Name, w.Type)
				}
			}
			t.Logf("%d widgets: %d text fields with text, %d empty, %d buttons chosen", len(widgets), texts, empty, chosen)
			if c.name == "filled lv" && (texts < 10 || chosen < 10) {
				t.Errorf("only %d text fields with text and %d buttons chosen checked", texts, chosen)
			}
			// the workshop's fields, the closing page's notes among them
			for _, name := range []string{form.FacilitatorField, form.ParticipantsField, form.NotesField} {
				if c.name == "filled lv" && !inked[name] {
					t.Errorf("%s: not among the text fields pdf.js drew with their text", name)
				}
			}
			if c.name == "blank el" && (texts != 0 || chosen != 0 || empty < 10) {
				t.Errorf("a blank form with %d text fields with text, %d buttons chosen, %d empty", texts, chosen, empty)
			}
		})
	}
}
