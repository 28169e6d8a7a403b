package sheets

import (
	"testing"

	"github.com/partnership-roadmap/roadmap/internal/answers"
)

// BenchmarkBuild builds each workbook, blank and pre-filled, and the
// three-plan workbook of the render command.
func BenchmarkBuild(b *testing.B) {
	l := lang(b, "lv")
	cases := []struct {
		name  string
		plans []Plan
	}{
		{"action-plan", []Plan{actionPlan()}},
		{"communication-plan", []Plan{communicationPlan()}},
		{"evaluation-plan", []Plan{evaluationPlan()}},
		{"all-plans", Plans()},
	}
	for _, c := range cases {
		for _, fill := range []struct {
			name string
			a    *answers.File
		}{{"blank", nil}, {"filled", sample()}} {
			b.Run(c.name+"/"+fill.name, func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if _, err := Build(l, c.plans, fill.a); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
