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
// calendar event) stays with the row when rows are reordered in the page,
// and a page loaded before the ids were given does not lose them.
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

	// A page loaded before any row had an id: its first save gives them.
	stale := fields(t, h, example)
	if got := stale["ap.id"]; len(got) != 5 || strings.Join(got, "") != "" {
		t.Fatalf("the page's row ids before a save: %q", got)
	}
	if res, body := post(t, h, "/r/"+example, stale, js...); res.StatusCode != http.StatusOK {
		t.Fatalf("save = %d %s", res.StatusCode, body)
	}
	first := ids()
	for i, id := range first {
		if id == "" {
			t.Fatalf("row %d has no id after the first save: %q", i+1, first)
		}
	}

	// The same stale page saved again (it never learnt the ids): the rows
	// keep theirs.
	stale.Set("rev", answers.Revision([]byte(read(t, path))))
	stale["ap.activity"][0] = "Changed"
	if res, body := post(t, h, "/r/"+example, stale, js...); res.StatusCode != http.StatusOK {
		t.Fatalf("save = %d %s", res.StatusCode, body)
	}
	if got := ids(); strings.Join(got, " ") != strings.Join(first, " ") {
		t.Errorf("ids after a save from a page without them: %q, want %q", got, first)
	}

	// A fresh page with the first two rows swapped, as the page's script
	// moves them: each row takes its id along.
	v := fields(t, h, example)
	for k, vals := range v {
		if strings.HasPrefix(k, "ap.") && len(vals) == 5 {
			vals[0], vals[1] = vals[1], vals[0]
		}
	}
	if res, body := post(t, h, "/r/"+example, v, js...); res.StatusCode != http.StatusOK {
		t.Fatalf("save = %d %s", res.StatusCode, body)
	}
	want := append([]string{first[1], first[0]}, first[2:]...)
	if got := ids(); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("ids after swapping two rows: %q, want %q", got, want)
	}
}
