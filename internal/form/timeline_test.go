package form

import (
	"strings"
	"testing"

	"github.com/partnership-roadmap/roadmap/internal/answers"
	"github.com/partnership-roadmap/roadmap/internal/contenttest"
	"github.com/partnership-roadmap/roadmap/internal/pdf"
	"github.com/partnership-roadmap/roadmap/internal/pdftest"
)

// TestTimelineNamesEveryRow checks the filled form's timeline of the plans:
// every action and evaluation named whole (a long name wraps rather than
// ending in "…"), and an action done, one in progress and one overdue on
// the answers' date each told apart in the legend.
func TestTimelineNamesEveryRow(t *testing.T) {
	lang := contenttest.Language(t, "en")
	a := example(t, "brinumins-community-en.yaml")
	a.ActionPlan = append(a.ActionPlan,
		answers.Action{Activity: "Write to every family of the parish about the Saturday sessions and the transport", Deadline: answers.Date{Year: 2026, Month: 10, Day: 1}, Status: "planned"},
		answers.Action{Activity: "Sign the agreement", Deadline: answers.Date{Year: 2026, Month: 11, Day: 1}, Status: "done"},
	)
	res, err := Render(lang, a.Form, a, Options{Theme: pdf.DefaultTheme(), Date: testDate})
	if err != nil {
		t.Fatal(err)
	}
	var timeline string
	for _, p := range pdftest.Pages(t, res.Data) {
		if i := strings.Index(p, lang.Label("chart.timeline.title")); i >= 0 {
			timeline = strings.Join(strings.Fields(p[i:]), " ")
		}
	}
	if timeline == "" {
		t.Fatal("no timeline of the plans")
	}
	if strings.Contains(timeline, "…") {
		t.Errorf("a name on the timeline is cut short:\n%s", timeline)
	}
	names := []string{}
	for _, r := range a.ActionPlan {
		names = append(names, r.Activity)
	}
	for _, r := range a.EvaluationPlan {
		names = append(names, r.Stage)
	}
	for _, n := range names {
		if !strings.Contains(timeline, n) {
			t.Errorf("the timeline does not name %q whole:\n%s", n, timeline)
		}
	}
	for _, key := range []string{"chart.legend.deadline", "status.in-progress", "chart.legend.done", "chart.legend.overdue", "chart.legend.evaluation"} {
		if !strings.Contains(timeline, lang.Label(key)) {
			t.Errorf("the timeline's legend lacks %q", lang.Label(key))
		}
	}
}
