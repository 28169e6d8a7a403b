package content_test

import (
	"errors"
	"os"
	"testing"
	"testing/fstest"

	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/diag"
)

// FuzzLoad checks that no roadmap.yaml or label file makes Load panic, and
// that every problem it reports names its file, line and column.
func FuzzLoad(f *testing.F) {
	roadmap, err := os.ReadFile("../../content/en/roadmap.yaml")
	if err != nil {
		f.Fatal(err)
	}
	labels, err := os.ReadFile("../../content/en/labels/common.yaml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(roadmap[:4000], labels)
	f.Add([]byte("language: lv\nsteps:\n  - number: 1\n    checkpoints:\n      - {id: a, audience: both, options: {items: [{id: x}]}}\n"), []byte("a: {one: x, other: y}\nb: \"t\"\n"))
	f.Add([]byte("language: lv\nstatus: draft\nsteps: [{number: x}, ~, [1]]\n"), []byte("- a\n"))
	f.Add([]byte("language: &l lv\nname: *l\ntitle: \"open\n"), []byte("a: *b\n"))
	f.Fuzz(func(t *testing.T, roadmap, labels []byte) {
		fsys := fstest.MapFS{
			"lv/roadmap.yaml":       {Data: roadmap},
			"lv/labels/common.yaml": {Data: labels},
		}
		_, err := content.Load(fsys, "c")
		if err == nil {
			return
		}
		var list diag.List
		if !errors.As(err, &list) || len(list) == 0 {
			t.Fatalf("error is not a non-empty diag.List: %v", err)
		}
		for _, p := range list {
			if p.File == "" || p.Line < 1 || p.Col < 1 || p.Msg == "" {
				t.Errorf("problem without a position: %#v", p)
			}
		}
	})
}
