package proposal

import (
	"bytes"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/partnership-roadmap/roadmap/internal/answers"
	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/contenttest"
	"github.com/partnership-roadmap/roadmap/internal/document"
	"github.com/partnership-roadmap/roadmap/internal/pdf"
	"github.com/partnership-roadmap/roadmap/internal/pdftest"
)

var testDate = time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)

var examples = []string{
	"brinumins-community-lv.yaml", "brinumins-community-en.yaml",
	"talsi-municipality-lv.yaml", "talsi-municipality-en.yaml",
}

func example(t testing.TB, name string) *answers.File {
	t.Helper()
	a, err := answers.ReadFile(filepath.Join("..", "..", "examples", name), contenttest.Bundle(t))
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func makeHandout(t testing.TB, a *answers.File, opts Options) []byte {
	t.Helper()
	res, err := Handout(contenttest.Language(t, a.Language), a, opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Warnings) > 0 {
		t.Errorf("warnings: %q", res.Warnings)
	}
	return res.Data
}

// firstSentence returns the first sentence of an answer, as a person
// would mark it: up to the first full stop followed by a space and a
// capital letter.
func firstSentence(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	for i := 0; i+2 < len(s); i++ {
		if s[i] == '.' && s[i+1] == ' ' {
			if r, _ := utf8.DecodeRuneInString(s[i+2:]); unicode.IsUpper(r) {
				return s[:i+1]
			}
		}
	}
	return s
}

// TestHandoutExamples: each example's handout holds the organisation, the
// partner, the first sentence of each answered checkpoint it draws on,
// the first action with its date and the contact, on at most two pages,
// in the answers' language.
func TestHandoutExamples(t *testing.T) {
	for _, name := range examples {
		t.Run(name, func(t *testing.T) {
			a := example(t, name)
			lang := contenttest.Language(t, a.Language)
			for _, paper := range []pdf.Paper{pdf.A4, pdf.Letter} {
				th := pdf.DefaultTheme()
				th.Paper = paper
				data := makeHandout(t, a, Options{Theme: th, Date: testDate})
				pdftest.Check(t, data)
				if n := pdftest.PageCount(t, data); n > HandoutPages {
					t.Errorf("%s: %d pages, want at most %d", paper, n, HandoutPages)
				}
				text := pdftest.Text(t, data)
				want := []string{
					a.Organisation.Name, a.Organisation.Partner, a.Organisation.Contact,
					lang.Label("proposal.title"),
					a.ActionPlan[0].Activity, lang.FormatDate(a.ActionPlan[0].Deadline.Time()),
				}
				drawn := 0
				for _, id := range Sections[a.Form] {
					ans := a.Checkpoint(id)
					if strings.TrimSpace(ans.Answer) == "" {
						continue
					}
					drawn++
					want = append(want, lang.Label("proposal.heading."+id+"."+string(a.Form)), firstSentence(ans.Answer))
				}
				if drawn < 5 {
					t.Fatalf("only %d answered checkpoints to check", drawn)
				}
				for _, w := range want {
					if !strings.Contains(text, strings.Join(strings.Fields(w), " ")) {
						t.Errorf("%s: the handout lacks %q", paper, w)
					}
				}
				noStrandedHeading(t, data, a)
				// nothing of another checkpoint: the answer to 2.3 is not part of it
				for _, id := range []string{"communication-plan", "contact-partners", "choose-municipality"} {
					if ans := a.Checkpoint(id).Answer; ans != "" && strings.Contains(text, firstSentence(ans)) {
						t.Errorf("%s: the handout holds the answer to %s", paper, id)
					}
				}
			}
		})
	}
}

// noStrandedHeading fails the test when a section's heading stands on
// another page than the start of its first sentence.
func noStrandedHeading(t *testing.T, data []byte, a *answers.File) {
	t.Helper()
	lang := contenttest.Language(t, a.Language)
	var pages []string
	for _, p := range pdftest.Pages(t, data) {
		pages = append(pages, strings.Join(strings.Fields(p), " "))
	}
	for _, id := range Sections[a.Form] {
		ans := a.Checkpoint(id).Answer
		if strings.TrimSpace(ans) == "" {
			continue
		}
		h := lang.Label("proposal.heading." + id + "." + string(a.Form))
		words := strings.Fields(ans)
		start := strings.Join(words[:min(3, len(words))], " ")
		found := false
		for _, p := range pages {
			if i := strings.Index(p, h); i >= 0 {
				found = strings.Contains(p[i:], start)
			}
		}
		if !found {
			t.Errorf("the heading %q is not on the page its text starts on (%q)", h, start)
		}
	}
}

// TestHandoutLeavesOutUnanswered: a checkpoint without an answer, or not
// applicable, leaves its part out, heading and all.
func TestHandoutLeavesOutUnanswered(t *testing.T) {
	a := example(t, "brinumins-community-en.yaml")
	lang := contenttest.Language(t, "en")
	a.Checkpoints = maps(a.Checkpoints)
	a.Checkpoints["pilot"] = answers.Checkpoint{Status: answers.NotStarted}
	pitch := a.Checkpoints["pitch"]
	pitch.Status = answers.NotApplicable
	a.Checkpoints["pitch"] = pitch
	text := pdftest.Text(t, makeHandout(t, a, Options{Date: testDate}))
	for _, id := range []string{"pilot", "pitch"} {
		if h := lang.Label("proposal.heading." + id + ".community"); strings.Contains(text, h) {
			t.Errorf("the handout shows the heading %q of an unanswered checkpoint", h)
		}
	}
	if !strings.Contains(text, lang.Label("proposal.heading.needs.community")) {
		t.Error("the answered checkpoints are gone too")
	}
}

func maps(m map[string]answers.Checkpoint) map[string]answers.Checkpoint {
	out := make(map[string]answers.Checkpoint, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// TestHandoutShortensAtSentenceEnd: answers far too long for two pages
// are shortened at a sentence end; the handout says where the full text
// is, keeps each first sentence, and still fits two pages.
func TestHandoutShortensAtSentenceEnd(t *testing.T) {
	a := example(t, "brinumins-community-en.yaml")
	lang := contenttest.Language(t, "en")
	a.Checkpoints = maps(a.Checkpoints)
	var firsts []string
	for i, id := range Sections[content.Community] {
		cp := a.Checkpoints[id]
		var b strings.Builder
		for k := range 40 {
			b.WriteString("Sentence number " + string(rune('A'+i)) + itoa(k) + " of a long answer tells one more thing. ")
			if k%8 == 7 {
				b.WriteString("\n")
			}
		}
		cp.Answer = b.String()
		a.Checkpoints[id] = cp
		firsts = append(firsts, "Sentence number "+string(rune('A'+i))+"0 of a long answer tells one more thing.")
	}
	data := makeHandout(t, a, Options{Date: testDate})
	if n := pdftest.PageCount(t, data); n > HandoutPages {
		t.Fatalf("%d pages, want at most %d", n, HandoutPages)
	}
	noStrandedHeading(t, data, a)
	text := pdftest.Text(t, data)
	for _, f := range firsts {
		if !strings.Contains(text, f) {
			t.Errorf("the first sentence %q is gone", f)
		}
	}
	more := lang.Format("proposal.more", "number", "1.2")
	if !strings.Contains(text, more) {
		t.Errorf("no %q", more)
	}
	// every sentence shown is whole
	for _, s := range strings.SplitAfter(text, "thing.") {
		if i := strings.Index(s, "Sentence number"); i >= 0 && !strings.HasSuffix(s, "one more thing.") {
			t.Errorf("a sentence cut short: %q", s[i:])
			break
		}
	}
}

// TestHandoutHugeSentence: one sentence of 20,000 characters still
// leaves a handout of two pages.
func TestHandoutHugeSentence(t *testing.T) {
	a := example(t, "talsi-municipality-lv.yaml")
	a.Checkpoints = maps(a.Checkpoints)
	for _, id := range Sections[content.Municipality] {
		cp := a.Checkpoints[id]
		cp.Answer = strings.Repeat("vārds ", 3300)
		a.Checkpoints[id] = cp
	}
	data := makeHandout(t, a, Options{Date: testDate})
	if n := pdftest.PageCount(t, data); n > HandoutPages {
		t.Fatalf("%d pages, want at most %d", n, HandoutPages)
	}
}

func TestHandoutDeterministic(t *testing.T) {
	a := example(t, "brinumins-community-lv.yaml")
	one := makeHandout(t, a, Options{Date: testDate})
	two := makeHandout(t, a, Options{Date: testDate})
	if !bytes.Equal(one, two) {
		t.Error("two renderings of the same answers differ")
	}
}

func TestHandoutNeedsAnswers(t *testing.T) {
	_, err := Handout(contenttest.Language(t, "en"), nil, Options{})
	if err == nil || err.Error() != "making the proposal: it is written from an answers file; give one" {
		t.Errorf("error = %v", err)
	}
}

func TestSentences(t *testing.T) {
	for in, want := range map[string][]string{
		"One. Two! Three? Four":                        {"One.", "Two!", "Three?", "Four"},
		"Call Ilze, tel. +371 26 000 000. Then write.": {"Call Ilze, tel. +371 26 000 000.", "Then write."},
		"On 27.11.2026. gada sēdē. Nākamā":             {"On 27.11.2026. gada sēdē.", "Nākamā"},
		`He said "yes." Then 12 children came.`:        {`He said "yes."`, "Then 12 children came."},
		"see e.g. Talsi and Kuldīga.":                  {"see e.g. Talsi and Kuldīga."},
		"Ends with an ellipsis… And goes on.":          {"Ends with an ellipsis…", "And goes on."},
		"no capital. after it":                         {"no capital. after it"},
	} {
		if got := Sentences(in); !slices.Equal(got, want) {
			t.Errorf("Sentences(%q) = %q, want %q", in, got, want)
		}
	}
	long := Sentences(strings.Repeat("word ", 500))
	if len(long) != 1 || !strings.HasSuffix(long[0], "word…") || len([]rune(long[0])) > MaxSentence+1 {
		t.Errorf("a long sentence is not cut at a word end: %q", long)
	}
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}

// BenchmarkHandout makes the lv community example's handout; compare with
// internal/form's BenchmarkFilledForm, the same answers' filled form.
func BenchmarkHandout(b *testing.B) {
	a := example(b, "brinumins-community-lv.yaml")
	lang := contenttest.Language(b, "lv")
	opts := Options{Theme: pdf.DefaultTheme(), Date: testDate}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Handout(lang, a, opts); err != nil {
			b.Fatal(err)
		}
	}
}

// FuzzSentences: whatever the text, the sentences are its words in order,
// none lost, none longer than MaxSentence (and its "…").
func FuzzSentences(f *testing.F) {
	for _, s := range []string{"", "One. Two!", "tel. +371. A", "…… ?? !!", "\"Q.\" „A“ (B.) C", "a. b. C. d", strings.Repeat("x", 700)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, p string) {
		if !utf8.ValidString(p) || strings.ContainsAny(p, "\n\t\r") {
			return
		}
		p = strings.Join(strings.Fields(p), " ")
		got := Sentences(p)
		joined := strings.Join(got, " ")
		if utf8.RuneCountInString(p) <= MaxSentence && joined != p {
			t.Errorf("Sentences(%q) = %q: the text changed", p, got)
		}
		for _, s := range got {
			if utf8.RuneCountInString(s) > MaxSentence+1 {
				t.Errorf("a sentence of %d characters", utf8.RuneCountInString(s))
			}
		}
	})
}

// FuzzHandout: any text in the answers makes a handout, never an error.
func FuzzHandout(f *testing.F) {
	for _, s := range []string{"", "plain", "🎉 =HYPERLINK(\"x\")", "\x00\x01\u200b", strings.Repeat("ļoti-garš-vārds ", 300), "Ελληνικά. Ąžuolas! Åsa? ção…"} {
		f.Add(s)
	}
	a0 := example(f, "brinumins-community-lv.yaml")
	lang := contenttest.Language(f, "lv")
	f.Fuzz(func(t *testing.T, s string) {
		a := *a0
		a.Organisation = answers.Organisation{Name: s, Contact: s, Partner: s}
		a.Checkpoints = maps(a0.Checkpoints)
		cp := a.Checkpoints["needs"]
		cp.Answer = s
		a.Checkpoints["needs"] = cp
		for _, make := range []func(*content.Language, *answers.File, Options) (*document.Result, error){Handout, Slides, DOCX} {
			if _, err := make(lang, &a, Options{Date: testDate}); err != nil {
				t.Fatal(err)
			}
		}
	})
}
