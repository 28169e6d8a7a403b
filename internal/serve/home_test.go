package serve_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// orgNames are the organisations of the home page's names in the list.
func orgNames(page string) []string {
	var out []string
	for _, m := range regexp.MustCompile(`<td><a href="/r/[^"]*"(?: lang="[a-z]+")?>([^<]*)</a>`).FindAllStringSubmatch(page, -1) {
		out = append(out, m[1])
	}
	return out
}

// TestHomeFind fills a folder with 120 roadmaps and uses the list as a
// coordinator does: search (without accents), sort by name, progress and
// last change, and pages of 50.
func TestHomeFind(t *testing.T) {
	dir := t.TempDir()
	src, _ := os.ReadFile("../../examples/" + roadmapA)
	base := time.Date(2027, 1, 1, 10, 0, 0, 0, time.UTC)
	for i := range 120 {
		data := strings.Replace(string(src), `name: Biedrība "Brīnumiņš"`, fmt.Sprintf(`name: "Org %03d"`, i), 1)
		if i == 7 {
			data = strings.Replace(string(src), `name: Biedrība "Brīnumiņš"`, `name: "Ābeļzieds"`, 1)
		}
		if i == 9 {
			// All done: first by progress.
			data = regexp.MustCompile(`status: (in-progress|not-started)`).ReplaceAllString(data, "status: done")
		}
		p := filepath.Join(dir, fmt.Sprintf("r%03d.yaml", i))
		os.WriteFile(p, []byte(data), 0o644)
		os.Chtimes(p, base, base.Add(time.Duration(i)*time.Minute))
	}
	h := newServer(t, dir)
	_, page := call(t, h, "GET", "/?lang=en", nil)
	names := orgNames(page)
	if len(names) != 50 || names[0] != "Ābeļzieds" || names[1] != "Org 000" || !strings.Contains(page, "Page 1 of 3") ||
		!strings.Contains(page, `<a href="/?lang=en&amp;q=&amp;sort=name&amp;page=2" rel="next">Next →</a>`) {
		t.Fatalf("page 1 by name: %d rows, first %q", len(names), names[:min(2, len(names))])
	}
	_, page = call(t, h, "GET", "/?lang=en&sort=name&page=3", nil)
	if names := orgNames(page); len(names) != 20 || names[19] != "Org 119" || !strings.Contains(page, "Page 3 of 3") || strings.Contains(page, `rel="next"`) {
		t.Errorf("page 3: %d rows", len(names))
	}
	// Search ignores case and accents, in the organisation and the file name.
	_, page = call(t, h, "GET", "/?lang=en&q=abelz", nil)
	if names := orgNames(page); len(names) != 1 || names[0] != "Ābeļzieds" || strings.Contains(page, "Page ") {
		t.Errorf("search abelz: %q", names)
	}
	_, page = call(t, h, "GET", "/?lang=en&q=r11", nil)
	if names := orgNames(page); len(names) != 10 {
		t.Errorf("search r11: %q", names)
	}
	_, page = call(t, h, "GET", "/?lang=en&q=%3Cnone%3E", nil)
	if !strings.Contains(page, "No roadmap matches “&lt;none&gt;”.") || !strings.Contains(page, `value="&lt;none&gt;"`) {
		t.Error("a search without a match does not say so")
	}
	_, page = call(t, h, "GET", "/?lang=en&sort=progress", nil)
	if names := orgNames(page); names[0] != "Org 009" || !strings.Contains(page, `<option value="progress" selected>progress</option>`) {
		t.Errorf("by progress: first %q", names[0])
	}
	_, page = call(t, h, "GET", "/?lang=en&sort=changed", nil)
	if names := orgNames(page); names[0] != "Org 119" || names[1] != "Org 118" {
		t.Errorf("by last change: first %q", names[:2])
	}
	// A page past the end shows the last.
	if _, page = call(t, h, "GET", "/?lang=en&page=99", nil); !strings.Contains(page, "Page 3 of 3") {
		t.Error("page 99 is not the last page")
	}
}
