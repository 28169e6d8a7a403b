package form

import (
	"testing"

	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/contenttest"
	"github.com/partnership-roadmap/roadmap/internal/golden"
)

// TestGolden: the blank forms, lv and en, summarised (text per page,
// outline, links) against testdata/*.golden, so that a change of layout
// shows as a diff; go test -update rewrites them.
func TestGolden(t *testing.T) {
	for _, code := range []string{"lv", "en"} {
		for _, f := range content.Forms {
			t.Run(code+"/"+string(f), func(t *testing.T) {
				golden.RequireEqual(t, golden.PDF(t, render(t, contenttest.Language(t, code), f, nil).Data))
			})
		}
	}
}
