package overview

import (
	"testing"

	"github.com/partnership-roadmap/roadmap/internal/answers"
	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/contenttest"
)

// TestSameOrganisationInTwoLanguages checks that a roadmap translated into a
// second language is counted once: the examples' municipality and NGO, each
// in Latvian and English under the names their languages give them, make
// two organisations, the English files kept in an English report (the
// dates are the same), the Latvian ones in a Latvian report; different
// organisations whose names share a quoted word stay apart.
func TestSameOrganisationInTwoLanguages(t *testing.T) {
	file := func(path, lang, name, partner string, form content.Audience) *answers.File {
		return &answers.File{Path: path, Language: lang, Form: form, Date: answers.Date{Year: 2026, Month: 11, Day: 27},
			Organisation: answers.Organisation{Name: name, Partner: partner}}
	}
	files := []*answers.File{
		file("talsi-lv.yaml", "lv", "Talsu novada pašvaldība", `Biedrība "Brīnumiņš"`, content.Municipality),
		file("brinumins-en.yaml", "en", `NGO "Brīnumiņš"`, "Talsi Municipality (Talsu novada pašvaldība)", content.Community),
		file("talsi-en.yaml", "en", "Talsi Municipality (Talsu novada pašvaldība)", `NGO "Brīnumiņš"`, content.Municipality),
		file("brinumins-lv.yaml", "lv", `Biedrība "Brīnumiņš"`, "Talsu novada pašvaldība", content.Community),
		// not the same: another number, another partner, another form
		file("abele-1.yaml", "lv", "Biedrība „Ābele“ nr. 1", "Talsu novada pašvaldība", content.Community),
		file("abele-2.yaml", "en", "Biedrība „Ābele“ nr. 2", "Talsu novada pašvaldība", content.Community),
		file("rasa-lv.yaml", "lv", `Biedrība "Rasa"`, "Talsu novada pašvaldība", content.Community),
		file("rasa-en.yaml", "en", `NGO "Rasa"`, "Kuldīga Municipality", content.Community),
		file("rasa-m.yaml", "en", `NGO "Rasa"`, "Talsu novada pašvaldība", content.Municipality),
	}
	for _, c := range []struct {
		lang string
		kept []string
	}{
		{"en", []string{"brinumins-en.yaml", "talsi-en.yaml", "abele-1.yaml", "abele-2.yaml", "rasa-lv.yaml", "rasa-en.yaml", "rasa-m.yaml"}},
		{"lv", []string{"talsi-lv.yaml", "brinumins-lv.yaml", "abele-1.yaml", "abele-2.yaml", "rasa-lv.yaml", "rasa-en.yaml", "rasa-m.yaml"}},
	} {
		r := Build(contenttest.Language(t, c.lang), files, nil, answers.Date{Year: 2027, Month: 1, Day: 1})
		var kept []string
		for _, f := range files {
			for _, o := range r.Orgs {
				if o.File == f {
					kept = append(kept, f.Path)
				}
			}
		}
		if len(kept) != len(c.kept) {
			t.Errorf("%s report: kept %q, want %q", c.lang, kept, c.kept)
			continue
		}
		for i := range kept {
			if kept[i] != c.kept[i] {
				t.Errorf("%s report: kept %q, want %q", c.lang, kept, c.kept)
				break
			}
		}
		if len(r.Duplicates) != 2 {
			t.Errorf("%s report: %d duplicates, want the two translations: %+v", c.lang, len(r.Duplicates), r.Duplicates)
		}
		for _, d := range r.Duplicates {
			if !d.Same {
				t.Errorf("%s report: %s is said to be older than %s, of the same date", c.lang, d.Dropped, d.Kept)
			}
		}
	}
}
