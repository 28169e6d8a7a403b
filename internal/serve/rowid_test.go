package serve_test

import (
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partnership-roadmap/roadmap/internal/answers"
	"github.com/partnership-roadmap/roadmap/internal/contenttest"
)

// TestRowIDs: the id a dated plan row is given on its first save (for its
// calendar event) stays with the row when a row is edited, when two rows
// are swapped (as the page's script moves them), and when a row is
// removed; a new dated row gets an id of its own. The page does not carry
// the ids: the server pairs the rows it gets with the file's.
func TestRowIDs(t *testing.T) {
	dir := t.TempDir()
	copyExample(t, dir, example)
	path := filepath.Join(dir, example)
	h := newServer(t, dir)
	js := []string{"Accept", "application/json"}
	ids := func() []string {
		t.Helper()
		f, err := answers.ReadFile(path, contenttest.Bundle(t))
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, r := range f.ActionPlan {
			out = append(out, r.ID)
		}
		return out
	}
	save := func(what string, v map[string][]string) {
		t.Helper()
		if res, body := post(t, h, "/r/"+example, v, js...); res.StatusCode != http.StatusOK {
			t.Fatalf("%s: save = %d %s", what, res.StatusCode, body)
		}
	}

	v := fields(t, h, example)
	if len(v["ap.id"]) != 0 {
		t.Errorf("the page carries ids: %q", v["ap.id"])
	}
	save("the first save", v)
	first := ids()
	for i, id := range first {
		if id == "" {
			t.Fatalf("row %d has no id after the first save: %q", i+1, first)
		}
	}

	// A row edited: every row keeps its id.
	v = fields(t, h, example)
	v["ap.activity"][1] = "Changed"
	save("an edit", v)
	if got := ids(); strings.Join(got, " ") != strings.Join(first, " ") {
		t.Errorf("ids after an edit: %q, want %q", got, first)
	}

	// The first two rows swapped: each takes its id along.
	v = fields(t, h, example)
	for k, vals := range v {
		if strings.HasPrefix(k, "ap.") && len(vals) == 5 {
			vals[0], vals[1] = vals[1], vals[0]
		}
	}
	save("a swap", v)
	want := append([]string{first[1], first[0]}, first[2:]...)
	if got := ids(); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("ids after swapping two rows: %q, want %q", got, want)
	}

	// Row 3 removed (a save of its own, as the page makes it), then a dated
	// row added at the end.
	v = fields(t, h, example)
	for k, vals := range v {
		if strings.HasPrefix(k, "ap.") && len(vals) == 5 {
			v[k] = append(append([]string{}, vals[:2]...), vals[3:]...)
		}
	}
	save("a removal", v)
	kept := []string{want[0], want[1], want[3], want[4]}
	if got := ids(); strings.Join(got, " ") != strings.Join(kept, " ") {
		t.Errorf("ids after removing row 3: %q, want %q", got, kept)
	}
	v = fields(t, h, example)
	for k, vals := range v {
		if strings.HasPrefix(k, "ap.") && len(vals) == 4 {
			v[k] = append(vals, "")
		}
	}
	v["ap.activity"][4], v["ap.deadline"][4] = "New", "2027-09-01"
	save("an addition", v)
	got := ids()
	if len(got) != 5 || strings.Join(got[:4], " ") != strings.Join(kept, " ") || got[4] == "" || strings.Contains(strings.Join(first, " "), got[4]) {
		t.Errorf("ids after adding a row: %q, want %q and a new one", got, kept)
	}
}
