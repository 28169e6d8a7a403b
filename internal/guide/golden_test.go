package guide

import (
	"testing"

	"github.com/partnership-roadmap/roadmap/internal/golden"
)

// TestGolden: the booklets, lv and en, summarised (text per page, outline,
// links) against testdata/*.golden, so that a change of layout shows as a
// diff; go test -update rewrites them.
func TestGolden(t *testing.T) {
	for _, code := range []string{"lv", "en"} {
		t.Run(code, func(t *testing.T) {
			golden.RequireEqual(t, golden.PDF(t, render(t, code, Options{}).Data))
		})
	}
}
