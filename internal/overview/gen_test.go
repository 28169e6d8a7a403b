package overview

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partnership-roadmap/roadmap/internal/content"
)

// corpus writes n answers files of varied shape into dir and returns their
// paths: both forms, lv and en, every status (not-applicable among them),
// ticked options, free text (one formula-looking), action plans with
// deadlines on both sides of asOfText and every action status, evaluation
// rows with and without dates. Names carry Latvian letters. With broken,
// file number 7 has the unknown status "finished"; with dup, the
// last file repeats the first organisation and form with a newer date.
func corpus(t testing.TB, b *content.Bundle, dir string, n int, broken, dup bool) []string {
	t.Helper()
	lv, err := b.Language("lv")
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(12, uint64(n)))
	statuses := []string{"not-started", "in-progress", "done", "not-applicable"}
	actions := []string{"planned", "in-progress", "done", "postponed", "cancelled", ""}
	var paths []string
	for i := range n {
		form := content.Forms[i%2]
		lang := []string{"lv", "en"}[(i/2)%2]
		name := fmt.Sprintf("Biedrība „Ābele“ nr. %03d", i)
		if form == content.Municipality {
			name = fmt.Sprintf("Ķekavas novada pašvaldība %03d", i)
		}
		date := fmt.Sprintf("2026-%02d-%02d", 1+r.IntN(11), 1+r.IntN(28))
		if dup && i == n-1 {
			name, form, date = fmt.Sprintf("Ķekavas novada pašvaldība %03d", 0), content.Forms[0], "2026-12-31"
		}
		var y strings.Builder
		fmt.Fprintf(&y, "form: %s\nlanguage: %s\ndate: %s\n", form, lang, date)
		fmt.Fprintf(&y, "organisation:\n  name: %q\n  contact: \"Ilze Bērziņa, tel. 2600%04d\"\n  partner: \"Partneris %d\"\n", name, i, i%7)
		y.WriteString("checkpoints:\n")
		first := true
		for _, cp := range lv.Checkpoints(form) {
			if r.IntN(8) == 0 {
				continue // not named: not started
			}
			st := statuses[r.IntN(len(statuses))]
			if broken && i == 7 && first {
				st = "finished"
			}
			first = false
			fmt.Fprintf(&y, "  %s:\n    status: %s\n", cp.ID, st)
			if ids := cp.OptionIDs(); len(ids) > 0 {
				var ticked []string
				for _, id := range ids {
					if r.IntN(2) == 0 {
						ticked = append(ticked, id)
					}
				}
				fmt.Fprintf(&y, "    options: [%s]\n", strings.Join(ticked, ", "))
			}
			answer := fmt.Sprintf("Atbilde %d uz %s: mēs strādājam ar jauniešiem, ģimenēm un brīvprātīgajiem.", i, cp.ID)
			if i == 3 && cp.ID == "target-group" {
				answer = "=HYPERLINK(\\\"http://x\\\",\\\"y\\\")"
			}
			fmt.Fprintf(&y, "    answer: \"%s\"\n", answer)
		}
		y.WriteString("action_plan:\n")
		for j := range r.IntN(6) {
			deadline := ""
			if r.IntN(6) > 0 {
				deadline = fmt.Sprintf("    deadline: 2027-%02d-%02d\n", 1+r.IntN(12), 1+r.IntN(28))
			}
			fmt.Fprintf(&y, "  - activity: \"Aktivitāte %d.%d\"\n    responsible: \"Atbildīgais %d\"\n    goals: \"Mērķis\"\n%s    status: %q\n",
				i, j+1, j, deadline, actions[r.IntN(len(actions))])
		}
		if i == 5 {
			// On the tests' as-of date: due, not yet overdue; the day
			// before: overdue.
			y.WriteString("  - {activity: \"Termiņš šodien\", deadline: 2027-06-15, status: planned}\n")
			y.WriteString("  - {activity: \"Termiņš vakar\", deadline: 2027-06-14, status: in-progress}\n")
		}
		y.WriteString("evaluation_plan:\n")
		for j := range r.IntN(4) {
			when := ""
			if r.IntN(5) > 0 {
				when = fmt.Sprintf("    when: 2027-%02d-%02d\n", 1+r.IntN(12), 1+r.IntN(28))
			}
			fmt.Fprintf(&y, "  - stage: \"Posms %d.%d\"\n%s    method: survey\n    indicator: \"Dalībnieku skaits\"\n    baseline: \"10\"\n    target: \"20\"\n", i, j+1, when)
		}
		p := filepath.Join(dir, fmt.Sprintf("org-%04d.yaml", i))
		if err := os.WriteFile(p, []byte(y.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	return paths
}
