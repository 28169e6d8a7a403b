package overview

import (
	"fmt"
	"image"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/partnership-roadmap/roadmap/internal/answers"
	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/contenttest"
	"github.com/partnership-roadmap/roadmap/internal/pdftest"
)

// TestReportOnPaper checks the report's pages as a reader meets them: an
// organisation's plan tables in date order, an overdue row marked by a
// triangle and a word, a table that runs on to a new page under its title
// and "(continued)" with its header, never a row alone on a page, and the
// timeline naming each action and evaluation under its organisation.
func TestReportOnPaper(t *testing.T) {
	l := contenttest.Language(t, "en")
	day := func(m, d int) answers.Date { return answers.Date{Year: 2027, Month: time.Month(m), Day: d} }
	long := &answers.File{Path: "long.yaml", Language: "en", Form: content.Community, Date: day(1, 1),
		Organisation: answers.Organisation{Name: "Long plans", Partner: "Town"}}
	for i := range 40 {
		long.ActionPlan = append(long.ActionPlan, answers.Action{Activity: fmt.Sprintf("Activity %02d with a name long enough to wrap in its cell", i+1),
			Deadline: day(1+i%12, 1+i%28), Status: "planned"})
	}
	short := &answers.File{Path: "short.yaml", Language: "en", Form: content.Municipality, Date: day(1, 1),
		Organisation: answers.Organisation{Name: "Short plans", Partner: "NGO"},
		ActionPlan: []answers.Action{
			{Activity: "Late action", Deadline: day(2, 1), Status: "in-progress"},
			{Activity: "Finished action", Deadline: day(2, 2), Status: "done"},
		},
		EvaluationPlan: []answers.Evaluation{
			{Stage: "Third stage", When: day(9, 1)}, {Stage: "First stage", When: day(3, 1)}, {Stage: "Second stage", When: day(6, 1)},
		}}
	r := Build(l, []*answers.File{long, short}, nil, day(3, 15))
	data, err := r.PDF(PDFOptions{Date: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	pages := pdftest.Pages(t, data)
	flat := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	all := flat(strings.Join(pages, "\n"))

	// the evaluation table in date order
	first, second, third := strings.Index(all, "01/03/2027 First stage"), strings.Index(all, "01/06/2027 Second stage"), strings.Index(all, "01/09/2027 Third stage")
	if first < 0 || second < first || third < second {
		t.Errorf("the evaluation rows are not in date order (at %d, %d, %d)", first, second, third)
	}
	// overdue by a triangle and a word; done is not overdue
	if !strings.Contains(all, "In progress – ▲ "+l.Label("overview.value.overdue")) {
		t.Errorf("the overdue row is not marked with ▲ and %q", l.Label("overview.value.overdue"))
	}
	if strings.Contains(all, "Done – ▲") {
		t.Error("a done row is marked overdue")
	}

	// the long action plan runs on under its title and header, and the
	// page it ends on holds more than one of its rows
	title := l.Format("table.continued", "title", l.Label("sheet.action.title"))
	date := regexp.MustCompile(`\d\d/\d\d/2027`)
	continued := 0
	for i, p := range pages {
		if !strings.Contains(flat(p), title) {
			continue
		}
		continued++
		if !strings.Contains(flat(p), title+" Deadline Activity / Action") {
			t.Errorf("page %d: %q not followed by the table's header:\n%s", i+1, title, p)
		}
		if n := len(date.FindAllString(p, -1)); n < 2 {
			t.Errorf("page %d holds %d row of the continued table", i+1, n)
		}
	}
	if continued == 0 {
		t.Errorf("no page continues the 40-row action plan under %q", title)
	}

	// the timeline names the actions and evaluations, under their
	// organisations, on the pages under its running header
	var timeline []string
	for _, p := range pages {
		if strings.HasPrefix(strings.TrimSpace(p), "Timeline of the plans") {
			timeline = append(timeline, flat(p))
		}
	}
	tl := strings.Join(timeline, " ")
	for _, want := range []string{"Short plans", "Late action", "First stage", "Long plans", "Activity 01 with a name long"} {
		if !strings.Contains(tl, want) {
			t.Errorf("the timeline (%d pages) does not name %q", len(timeline), want)
		}
	}
}

// TestArrowLabelsBeside checks that the progress arrows' labels ("Step N",
// "k of n") stand beside the arrows, on the page's own ground, not on the
// arrows' fill where done meets in progress: the ground right of each step
// label and left of each count is light.
func TestArrowLabelsBeside(t *testing.T) {
	const dpi = 100
	l := contenttest.Language(t, "en")
	day := func(m, d int) answers.Date { return answers.Date{Year: 2027, Month: time.Month(m), Day: d} }
	f := &answers.File{Path: "a.yaml", Language: "en", Form: content.Community, Date: day(1, 1),
		Organisation: answers.Organisation{Name: "Half way"}, Checkpoints: map[string]answers.Checkpoint{}}
	for i, cp := range l.Checkpoints(content.Community) {
		f.Checkpoints[cp.ID] = answers.Checkpoint{Status: []answers.Status{answers.Done, answers.InProgress, answers.NotStarted}[i%3]}
	}
	data, err := Build(l, []*answers.File{f}, nil, day(3, 1)).PDF(PDFOptions{})
	if err != nil {
		t.Fatal(err)
	}
	img := pdftest.PPM(t, pdftest.Images(t, data, dpi)[0])
	px := func(mm float64) int { return int(mm / 25.4 * dpi) }
	words := pdftest.Words(t, data)[0].Words
	of := strings.Fields(l.Format("form.progress.count", "done", "1", "total", "2"))[1] // "of"
	// the rows of arrows: under the section's heading, above its legend
	top, bottom := 0.0, 0.0
	heading := strings.Fields(l.Label("overview.chart.progress"))[0]
	legend := strings.Fields(l.Label("overview.chart.progress.legend"))[0]
	for _, w := range words {
		if w.Text == heading && top == 0 {
			top = w.YMax
		}
		if w.Text == legend && top > 0 && bottom == 0 {
			bottom = w.YMin
		}
	}
	checked := 0
	for i, w := range words {
		if w.YMin < top || w.YMax > bottom {
			continue
		}
		var x float64
		switch {
		case w.Text == "Step" && i+1 < len(words):
			x = words[i+1].XMax + 1.5 // right of "Step N"
		case w.Text == of && i > 0:
			x = words[i-1].XMin - 1.5 // left of "k of n"
		default:
			continue
		}
		checked++
		y := (w.YMin + w.YMax) / 2
		if n := pdftest.Ink(img, image.Rect(px(x)-1, px(y)-1, px(x)+1, px(y)+1), 200); n > 0 {
			t.Errorf("the arrow label at %.0f,%.0f mm stands on a fill", x, y)
		}
	}
	if checked < 6 {
		t.Fatalf("found %d arrow labels on page 1, want the 3 steps' labels and counts", checked)
	}
}

// TestLongNameWhole: an organisation's long name beside its progress arrow
// wraps and is read whole, not cut with "…".
func TestLongNameWhole(t *testing.T) {
	l := contenttest.Language(t, "en")
	const name = "Talsi Municipality (Talsu novada pašvaldība), Social Service and Youth Department"
	f := &answers.File{Path: "long-name.yaml", Language: "en", Form: content.Municipality, Date: answers.Date{Year: 2027, Month: 1, Day: 1},
		Organisation: answers.Organisation{Name: name, Partner: "NGO"}}
	r := Build(l, []*answers.File{f}, nil, answers.Date{Year: 2027, Month: 3, Day: 1})
	data, err := r.PDF(PDFOptions{Date: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	page := strings.Join(strings.Fields(pdftest.Pages(t, data)[0]), " ")
	if strings.Contains(page, "…") {
		t.Errorf("page 1 cuts a text with …:\n%s", page)
	}
	// the name's lines follow each other in the text
	if !strings.Contains(page, name) {
		t.Errorf("page 1 does not hold %q:\n%s", name, page)
	}
}
