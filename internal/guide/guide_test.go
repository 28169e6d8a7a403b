package guide

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/contenttest"
	"github.com/partnership-roadmap/roadmap/internal/pdf"
	"github.com/partnership-roadmap/roadmap/internal/pdftest"
)

var testDate = time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)

func language(t testing.TB, code string) *content.Language { return contenttest.Language(t, code) }

// booklets caches the booklets the tests look at, by language and options.
var booklets sync.Map

func render(t testing.TB, code string, opts Options) *Result {
	t.Helper()
	key := fmt.Sprintf("%s %s %s %s", code, opts.Audience, opts.Theme.Paper, opts.Org)
	if r, ok := booklets.Load(key); ok {
		return r.(*Result)
	}
	if opts.Date.IsZero() {
		opts.Date = testDate
	}
	r, err := Render(language(t, code), opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Warnings) > 0 {
		t.Errorf("warnings: %q", r.Warnings)
	}
	booklets.Store(key, r)
	return r
}

// space collapses white space, and joins words pdftotext shows broken at a
// hyphen at the end of a line.
var (
	space      = regexp.MustCompile(`\s+`)
	lineHyphen = regexp.MustCompile(`(\pL)-\s*\n\s*`)
)

func norm(s string) string {
	s = lineHyphen.ReplaceAllString(s, "$1-")
	return strings.TrimSpace(space.ReplaceAllString(s, " "))
}

// link matches a Markdown link, whose text is what the PDF shows.
var link = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)

// plain returns the text a Markdown paragraph shows.
func plain(md string) string {
	md = link.ReplaceAllString(md, "$1")
	md = strings.ReplaceAll(md, "**", "")
	return norm(md)
}

// paragraphs returns the plain text of each paragraph of Markdown md.
func paragraphs(md string) []string {
	var out []string
	for _, p := range strings.Split(md, "\n\n") {
		if p = plain(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// frameLines are the texts of the running headers a booklet can have.
func frameLines(l *content.Language) map[string]bool {
	m := map[string]bool{l.Subtitle: true, l.About.Title: true}
	for _, st := range l.Steps {
		m[l.Format("step.heading", "n", strconv.Itoa(st.Number), "title", st.Title)] = true
	}
	return m
}

// bodyPages returns each page's text in drawing order (pdftotext -raw)
// without the running header and footer, which are drawn last on a page.
func bodyPages(t *testing.T, l *content.Language, doc []byte) []string {
	t.Helper()
	headers := frameLines(l)
	footer := regexp.MustCompile(`^.*` + regexp.QuoteMeta(l.Subtitle) + `.*\d+.*\d+$`)
	var out []string
	for _, p := range pdftest.RawPages(t, doc) {
		lines := strings.Split(strings.TrimRight(p, "\n"), "\n")
		for len(lines) > 0 {
			last := strings.TrimSpace(lines[len(lines)-1])
			if last == "" || headers[last] || footer.MatchString(last) {
				lines = lines[:len(lines)-1]
				continue
			}
			break
		}
		out = append(out, strings.Join(lines, "\n"))
	}
	return out
}

// expected returns, in document order, the texts the booklet of l must
// show: the front matter, every checkpoint's title and guidance, its
// options, closing text, examples and links, and the back matter.
func expected(l *content.Language, aud content.Audience) []string {
	var want []string
	add := func(md string) { want = append(want, paragraphs(md)...) }
	add(l.Preface)
	want = append(want, l.Introduction.Title)
	for _, s := range l.Introduction.Sections {
		want = append(want, s.Title)
		add(s.Body)
	}
	add(l.Introduction.Markers.Lead)
	add(l.Introduction.Markers.Community)
	add(l.Introduction.Markers.Municipality)
	for _, st := range l.Steps {
		want = append(want, l.Format("step.heading", "n", strconv.Itoa(st.Number), "title", st.Title))
		for _, cp := range st.Checkpoints {
			if !cp.Audience.Includes(aud) {
				continue
			}
			want = append(want, l.Number(&cp)+" "+cp.Title)
			add(cp.Guidance)
			if cp.Options != nil {
				add(cp.Options.Lead)
				for _, o := range cp.Options.Items {
					if o.Text != "" {
						add(o.Text)
					} else {
						want = append(want, o.Label)
					}
				}
			}
			add(cp.Closing)
			for _, ex := range cp.Examples {
				add(ex)
			}
			for _, ln := range cp.Links {
				want = append(want, ln.Title, ln.URL)
			}
			if cp.Table == "action-plan" {
				want = append(want, l.Label("form.action.col.activity"), l.Label("form.action.col.responsible"),
					l.Label("form.action.col.goals"), l.Label("form.action.col.deadline"))
			}
		}
	}
	want = append(want, l.About.Title)
	add(l.About.Body)
	add(l.Disclaimer)
	return want
}

// TestSeedTextInOrder: the booklet shows all of the guideline's text, in
// order: every checkpoint title, the guidance, the lists, the partner
// examples (Talsi and "Brīnumiņš", Dalarna, Trakai, Cidade Curiosa in Braga,
// Aglantzia), the links and the EU disclaimer.
func TestSeedTextInOrder(t *testing.T) {
	for _, code := range []string{"lv", "en"} {
		t.Run(code, func(t *testing.T) {
			l := language(t, code)
			r := render(t, code, Options{})
			pages := bodyPages(t, l, r.Data)
			start := 0
			for i, p := range pages {
				if strings.Contains(norm(p), plain(strings.Split(l.Preface, "\n\n")[0])[:40]) {
					start = i // the text starts after the contents
					break
				}
			}
			text := norm(strings.Join(pages[start:], "\n"))
			at := 0
			for _, want := range expected(l, "all") {
				i := strings.Index(text[at:], want)
				if i < 0 {
					if j := strings.Index(text, want); j >= 0 {
						t.Errorf("out of order: %q", want)
					} else {
						t.Errorf("missing: %q", want)
					}
					continue
				}
				at += i + len(want)
			}
			for _, s := range map[string][]string{
				"lv": {"Talsu novada pašvaldība", "Brīnumiņš", "Dalarnas reģions", "Traķu rajona pašvaldība", "Cidade Curiosa", "Bragas", "Aglandzijas (Aglantzia) pašvaldība", "Eiropas Savienības finansēts"},
				"en": {"Talsi", "Brīnumiņš", "Dalarna", "Trakai", "Cidade Curiosa", "Braga", "Aglantzia", "Funded by the European Union"},
			}[code] {
				if !strings.Contains(text, s) {
					t.Errorf("missing %q", s)
				}
			}
		})
	}
}

// tocEntry is a line of the table of contents.
type tocEntry struct {
	title string
	page  int
}

// contents reads the table of contents from the pages that follow the
// cover: each entry's title and page number, for the titles given.
func contents(t *testing.T, l *content.Language, doc []byte, titles []string) (entries []tocEntry, tocPages int) {
	t.Helper()
	pages := pdftest.Pages(t, doc)
	var toc strings.Builder
	for i := 1; i < len(pages); i++ {
		if i > 1 && !strings.Contains(pages[i], ". . .") {
			break
		}
		toc.WriteString(pages[i] + "\n")
		tocPages++
	}
	text := norm(toc.String())
	if !strings.HasPrefix(strings.TrimPrefix(text, l.Subtitle+" "), l.Label("guide.contents")) {
		t.Fatalf("page 2 is not the contents:\n%s", text)
	}
	at := 0
	for _, title := range titles {
		re := regexp.MustCompile(regexp.QuoteMeta(title) + `[ .]*?(\d+)(?: |$)`)
		m := re.FindStringSubmatchIndex(text[at:])
		if m == nil {
			t.Errorf("contents: no entry %q", title)
			continue
		}
		n, _ := strconv.Atoi(text[at+m[2] : at+m[3]])
		entries = append(entries, tocEntry{title, n})
		at += m[1] - 1
	}
	return entries, tocPages
}

// tocTitles returns the titles of the table of contents, in order.
func tocTitles(l *content.Language, aud content.Audience) []string {
	var titles []string
	if strings.TrimSpace(l.Preface) != "" {
		titles = append(titles, l.Label("guide.foreword"))
	}
	titles = append(titles, l.Introduction.Title)
	for _, s := range l.Introduction.Sections {
		titles = append(titles, s.Title)
	}
	titles = append(titles, l.Label("guide.markers.title"))
	for _, st := range l.Steps {
		titles = append(titles, l.Format("step.heading", "n", strconv.Itoa(st.Number), "title", st.Title))
		for _, cp := range st.Checkpoints {
			if cp.Audience.Includes(aud) {
				titles = append(titles, l.Number(&cp)+" "+cp.Title)
			}
		}
	}
	return append(titles, l.About.Title)
}

// TestContentsPageNumbers: each page number in the table of contents is the
// page where its entry's heading is, the outline points to the same pages,
// and the entries are links to them.
func TestContentsPageNumbers(t *testing.T) {
	for _, c := range []struct {
		code string
		opts Options
	}{
		{"lv", Options{}},
		{"en", Options{}},
		{"lv", Options{Audience: content.Municipality}},
		{"en", Options{Audience: content.Community, Theme: letterTheme()}},
	} {
		t.Run(fmt.Sprintf("%s-%s-%s", c.code, c.opts.Audience, c.opts.Theme.Paper), func(t *testing.T) {
			l := language(t, c.code)
			r := render(t, c.code, c.opts)
			aud := c.opts.Audience
			if aud == "" {
				aud = "all"
			}
			titles := tocTitles(l, aud)
			entries, tocPages := contents(t, l, r.Data, titles)
			pages := bodyPages(t, l, r.Data)
			for _, e := range entries {
				found := 0
				for i := 1 + tocPages; i < len(pages); i++ {
					if strings.Contains(norm(pages[i]), e.title) {
						found = i + 1
						break
					}
				}
				if found != e.page {
					t.Errorf("contents says %q is on page %d; it is on page %d", e.title, e.page, found)
				}
			}
			// the outline: the same entries on the same pages
			var outline []pdftest.OutlineItem
			for _, it := range pdftest.Outline(t, r.Data) {
				if it.Title != l.Label("guide.contents") {
					outline = append(outline, it)
				}
			}
			if len(outline) != len(entries) {
				t.Fatalf("outline has %d entries, contents %d", len(outline), len(entries))
			}
			for i, e := range entries {
				if outline[i].Title != e.title || outline[i].Page != e.page {
					t.Errorf("outline entry %d is %q on page %d, want %q on page %d", i, outline[i].Title, outline[i].Page, e.title, e.page)
				}
			}
			// the entries are links to their pages
			var dests []int
			for _, ln := range pdftest.Links(t, r.Data) {
				if ln.Page >= 2 && ln.Page < 2+tocPages && ln.URI == "" {
					dests = append(dests, ln.DestPage)
				}
			}
			if len(dests) != len(entries) {
				t.Fatalf("contents has %d links, want %d", len(dests), len(entries))
			}
			for i, e := range entries {
				if dests[i] != e.page {
					t.Errorf("contents link %d (%q) goes to page %d, want %d", i, e.title, dests[i], e.page)
				}
			}
		})
	}
}

func letterTheme() pdf.Theme {
	th := pdf.DefaultTheme()
	th.Paper = pdf.Letter
	return th
}

// TestOutline: the outline has the contents, the introduction with its
// sections and the legend, the three steps with their sixteen checkpoints
// under them, and "about the project"; the foreword before the
// introduction.
func TestOutline(t *testing.T) {
	for _, code := range []string{"lv", "en"} {
		t.Run(code, func(t *testing.T) {
			l := language(t, code)
			items := pdftest.Outline(t, render(t, code, Options{}).Data)
			stepHeadings := map[string]bool{}
			for _, st := range l.Steps {
				stepHeadings[l.Format("step.heading", "n", strconv.Itoa(st.Number), "title", st.Title)] = true
			}
			var steps, checkpoints int
			var top []string
			for i, it := range items {
				if it.Level == 0 {
					top = append(top, it.Title)
				}
				if it.Level == 0 && stepHeadings[it.Title] {
					steps++
					for _, k := range items[i+1:] {
						if k.Level == 0 {
							break
						}
						checkpoints++
					}
				}
			}
			if steps != 3 || checkpoints != 16 {
				t.Errorf("outline has %d steps and %d checkpoints under them, want 3 and 16", steps, checkpoints)
			}
			want := []string{l.Label("guide.contents"), l.Label("guide.foreword"), l.Introduction.Title}
			for _, st := range l.Steps {
				want = append(want, l.Format("step.heading", "n", strconv.Itoa(st.Number), "title", st.Title))
			}
			want = append(want, l.About.Title)
			if strings.Join(top, "\n") != strings.Join(want, "\n") {
				t.Errorf("outline top level:\n%s\nwant\n%s", strings.Join(top, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}

// TestLinksClickable: the two sua.lv addresses are link annotations.
func TestLinksClickable(t *testing.T) {
	for _, code := range []string{"lv", "en"} {
		t.Run(code, func(t *testing.T) {
			uris := map[string]bool{}
			for _, ln := range pdftest.Links(t, render(t, code, Options{}).Data) {
				uris[ln.URI] = true
			}
			for _, u := range []string{
				"https://sua.lv/sadarbiba-starp-pasvaldibam-un-kopienas-balstitam-organizacijam/",
				"https://sua.lv/6-metode-ietekmes-indikatoru-saraksts/",
			} {
				if !uris[u] {
					t.Errorf("no link to %s", u)
				}
			}
		})
	}
}

// TestFile: qpdf finds the file clean; it is small; its metadata has the
// title and the language; its fonts are embedded.
func TestFile(t *testing.T) {
	for _, code := range []string{"lv", "en"} {
		t.Run(code, func(t *testing.T) {
			l := language(t, code)
			r := render(t, code, Options{})
			pdftest.Check(t, r.Data)
			if n := len(r.Data); n > 200_000 {
				t.Errorf("booklet is %d bytes, want at most 200 KB", n)
			}
			if n := pdftest.PageCount(t, r.Data); n != r.Pages {
				t.Errorf("Result.Pages is %d, the file has %d", r.Pages, n)
			}
			if !bytes.Contains(pdftest.Decompressed(t, r.Data), []byte("/Lang ("+code+")")) {
				t.Errorf("no /Lang (%s) in the catalog", code)
			}
			for _, f := range pdftest.Fonts(t, r.Data) {
				if !f.Embedded {
					t.Errorf("font %s is not embedded", f.Name)
				}
			}
			if p, err := exec.LookPath("pdfinfo"); err == nil {
				file := filepath.Join(t.TempDir(), "guide.pdf")
				if err := os.WriteFile(file, r.Data, 0o644); err != nil {
					t.Fatal(err)
				}
				info, err := exec.Command(p, "-enc", "UTF-8", file).Output()
				if err != nil {
					t.Fatalf("pdfinfo: %v", err)
				}
				if !regexp.MustCompile(`(?m)^Title:\s+` + regexp.QuoteMeta(l.Title) + `$`).Match(info) {
					t.Errorf("pdfinfo shows no title %q:\n%s", l.Title, info)
				}
			}
		})
	}
}

// TestFrame: the cover has no header or footer; every other page has the
// page label "X / Y", and step pages have the step as their running header.
func TestFrame(t *testing.T) {
	l := language(t, "lv")
	r := render(t, "lv", Options{})
	pages := pdftest.Pages(t, r.Data)
	n := len(pages)
	if strings.Contains(pages[0], l.Subtitle+" ") && strings.Contains(pages[0], "lpp.") {
		t.Errorf("the cover has a footer")
	}
	headers := frameLines(l)
	steps := 0
	for i := 1; i < n; i++ {
		lines := strings.Split(strings.TrimSpace(pages[i]), "\n")
		head := strings.TrimSpace(lines[0])
		foot := norm(lines[len(lines)-1])
		if want := l.Format("page.footer", "page", strconv.Itoa(i+1), "pages", strconv.Itoa(n)); !strings.HasSuffix(foot, want) {
			t.Errorf("page %d footer %q, want it to end with %q", i+1, foot, want)
		}
		if !headers[head] {
			t.Errorf("page %d header %q is not a running header", i+1, head)
		}
		if head != l.Subtitle && head != l.About.Title {
			steps++
		}
	}
	if steps < 3 {
		t.Errorf("only %d pages have a step as running header", steps)
	}
}

// TestHeadingsKeptWithText: no checkpoint heading stands at the foot of a
// page: on its page, at least its badges and two lines of text follow it.
func TestHeadingsKeptWithText(t *testing.T) {
	for _, c := range []struct {
		code string
		opts Options
	}{{"lv", Options{}}, {"en", Options{}}, {"lv", Options{Audience: content.Community}}, {"en", Options{Theme: letterTheme()}}} {
		t.Run(fmt.Sprintf("%s-%s-%s", c.code, c.opts.Audience, c.opts.Theme.Paper), func(t *testing.T) {
			l := language(t, c.code)
			pages := bodyPages(t, l, render(t, c.code, c.opts).Data)
			for _, cp := range l.Checkpoints(c.opts.Audience) {
				heading := l.Number(cp) + " " + cp.Title
				found := false
				for _, p := range pages[2:] {
					lines := strings.Split(p, "\n")
					for i := range lines {
						joined := norm(strings.Join(lines[i:min(i+3, len(lines))], " "))
						if !strings.HasPrefix(joined, heading) {
							continue
						}
						// lines the title takes, then what follows it
						k := i
						for k < len(lines) && !strings.HasSuffix(norm(strings.Join(lines[i:k+1], " ")), heading) {
							k++
						}
						if after := len(lines) - 1 - k; after < 3 {
							t.Errorf("%q has only %d lines after it on its page", heading, after)
						}
						found = true
					}
				}
				if !found {
					t.Errorf("heading %q not found", heading)
				}
			}
		})
	}
}

// TestAudience: a booklet for one form leaves out the other form's
// checkpoints and names its edition on the cover.
func TestAudience(t *testing.T) {
	for _, aud := range content.Forms {
		t.Run(string(aud), func(t *testing.T) {
			l := language(t, "lv")
			r := render(t, "lv", Options{Audience: aud})
			text := norm(pdftest.Text(t, r.Data))
			for _, cp := range l.Checkpoints("all") {
				if got, want := strings.Contains(text, cp.Title), cp.Audience.Includes(aud); got != want {
					t.Errorf("%s (%s): shown %v, want %v", cp.ID, cp.Audience, got, want)
				}
			}
			if cover := norm(pdftest.Pages(t, r.Data)[0]); !strings.Contains(cover, l.Label("guide.edition."+string(aud))) {
				t.Errorf("the cover does not name the edition: %q", cover)
			}
			n := 0
			for _, it := range pdftest.Outline(t, r.Data) {
				if it.Level == 1 {
					n++
				}
			}
			want := len(l.Checkpoints(aud)) + len(l.Introduction.Sections) + 1
			if n != want {
				t.Errorf("outline has %d second-level entries, want %d", n, want)
			}
		})
	}
	if _, err := Render(language(t, "lv"), Options{Audience: "everyone"}); err == nil || !strings.Contains(err.Error(), "allowed: all, municipality, community") {
		t.Errorf("an unknown audience gives %v", err)
	}
}

// TestPreparedFor: --org prints the organisation on the cover.
func TestPreparedFor(t *testing.T) {
	l := language(t, "lv")
	r := render(t, "lv", Options{Org: "Biedrība „Brīnumiņš”"})
	cover := norm(pdftest.Pages(t, r.Data)[0])
	for _, s := range []string{strings.ToUpper(l.Label("guide.prepared_for")), "Biedrība „Brīnumiņš”", l.Title, l.Subtitle, l.Project} {
		if !strings.Contains(cover, s) {
			t.Errorf("the cover has no %q:\n%s", s, cover)
		}
	}
}

// TestDeterministic: the same inputs give the same bytes.
func TestDeterministic(t *testing.T) {
	l := language(t, "lv")
	a, err := Render(l, Options{Date: testDate, Org: "X"})
	if err != nil {
		t.Fatal(err)
	}
	b, err := Render(l, Options{Date: testDate, Org: "X"})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Data, b.Data) {
		t.Error("two renders differ")
	}
}

// TestConcurrent: booklets made at the same time (as roadmap pack makes
// them) are the booklets made one at a time. Run with -race.
func TestConcurrent(t *testing.T) {
	want := map[string][]byte{}
	for _, code := range []string{"lv", "en"} {
		r, err := Render(language(t, code), Options{Date: testDate})
		if err != nil {
			t.Fatal(err)
		}
		want[code] = r.Data
	}
	var wg sync.WaitGroup
	for i := range 6 {
		code := []string{"lv", "en"}[i%2]
		wg.Go(func() {
			r, err := Render(language(t, code), Options{Date: testDate})
			if err != nil {
				t.Error(err)
				return
			}
			if !bytes.Equal(r.Data, want[code]) {
				t.Errorf("%s booklet made concurrently differs", code)
			}
		})
	}
	wg.Wait()
}

// TestUndrawable: characters the font cannot draw are replaced and named
// once per place.
func TestUndrawable(t *testing.T) {
	l := *language(t, "lv")
	steps := append([]content.Step(nil), l.Steps...)
	steps[0].Checkpoints = append([]content.Checkpoint(nil), steps[0].Checkpoints...)
	steps[0].Checkpoints[0].Guidance += "\n\nAr emocijzīmi 🙂 un vēl vienu 🙂."
	l.Steps = steps
	r, err := Render(&l, Options{Date: testDate, Org: "Org ✓"})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Warnings) != 2 || !strings.HasPrefix(r.Warnings[0], "cover:") || !strings.HasPrefix(r.Warnings[1], "checkpoint target-group:") {
		t.Errorf("warnings: %q", r.Warnings)
	}
}

// BenchmarkGuide makes the Latvian booklet.
func BenchmarkGuide(b *testing.B) {
	l := language(b, "lv")
	for b.Loop() {
		if _, err := Render(l, Options{Date: testDate}); err != nil {
			b.Fatal(err)
		}
	}
}
