package serve

import (
	"errors"
	"net/url"
	"path/filepath"
	"testing"

	"github.com/partnership-roadmap/roadmap/internal/answers"
	"github.com/partnership-roadmap/roadmap/internal/contenttest"
	"github.com/partnership-roadmap/roadmap/internal/diag"
)

// FuzzDecodeForm decodes an arbitrary form post (as the browser sends a
// save) against the example roadmap: never a panic; what it decodes
// without a problem is written and read back as a valid file or refused
// with problems (never another error), as a save does.
func FuzzDecodeForm(f *testing.F) {
	b := contenttest.Bundle(f)
	base, err := answers.ReadFile(filepath.Join("..", "..", "examples", "brinumins-community-lv.yaml"), b)
	if err != nil {
		f.Fatal(err)
	}
	lang, err := b.Language(base.Language)
	if err != nil {
		f.Fatal(err)
	}
	f.Add("org.name=A&date=2027-01-01&cp.pilot.status=done&cp.pilot.answer=x%0D%0Ay")
	f.Add("ap.activity=a&ap.responsible=&ap.goals=&ap.deadline=2027-13-01&ap.status=planned&ap.notes=&ap.id=zz&op=up:ap:0")
	f.Add("ap.activity=a&ap.activity=b&ap.responsible=&ap.goals=&ap.deadline=&ap.status=&ap.notes=&op=del:ap:5")
	f.Add("ev.stage=s&ev.when=2027-01-01&ev.indicator=&ev.method=kpi&ev.baseline=&ev.target=&ev.responsible=&ev.result=&ev.id=a&ev.id=a")
	f.Add("ws.facilitator=%1B&ws.next_review=1.5.2027.&cp.needs.opt=surveys&cp.needs.opt=x&cp.needs.status=nope")
	f.Fuzz(func(t *testing.T, query string) {
		v, err := url.ParseQuery(query)
		if err != nil {
			return
		}
		file, _, errs := decodeForm(v, base, lang)
		if file == nil {
			t.Fatal("no file decoded")
		}
		if !errs.empty() {
			return
		}
		data, err := answers.Encode(file, lang, nil)
		if err != nil {
			t.Fatalf("encoding a decoded form: %v", err)
		}
		if _, err := answers.Parse("x.yaml", data, b); err != nil {
			var list diag.List
			if !errors.As(err, &list) {
				t.Fatalf("reading it back: %T %v", err, err)
			}
		}
	})
}
