package serve_test

import (
	"bufio"
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/partnership-roadmap/roadmap/internal/access"
	"github.com/partnership-roadmap/roadmap/internal/serve"
)

// auditLines reads the audit log of dir.
func auditLines(t *testing.T, dir string) []map[string]any {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, ".roadmap", "audit.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []map[string]any
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("an audit line is not JSON: %s", sc.Text())
		}
		out = append(out, m)
	}
	return out
}

// texts returns every text of the answers file data longer than three
// characters: what the audit log must never hold.
func texts(t *testing.T, data []byte) []string {
	t.Helper()
	var v any
	if err := yaml.Unmarshal(data, &v); err != nil {
		t.Fatal(err)
	}
	var out []string
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			for _, e := range x {
				walk(e)
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		case string:
			if len([]rune(x)) > 3 {
				out = append(out, x)
			}
		}
	}
	walk(v)
	return out
}

// TestHistoryAndArchive saves a roadmap through a person's link, restores
// the version before the save from the history page, moves the roadmap
// to the archive and brings it back, and reads the audit log: a line for
// each, naming the link, the roadmap and the fields changed, and no text
// of the roadmap.
func TestHistoryAndArchive(t *testing.T) {
	dir := t.TempDir()
	original := copyExample(t, dir, roadmapA)
	st := access.Open(dir)
	_, tok, _ := st.Add(access.Link{Roadmap: roadmapA, Label: "Brīnumiņš (Ilze)"}, clock)
	_, ctok, _ := st.Add(access.Link{Coordinator: true, Label: "Anna"}, clock)
	now := clock
	h := newServer(t, dir, func(o *serve.Options) {
		o.Access = access.Open(dir)
		o.Now = func() time.Time { return now }
	})
	person := []string{"Cookie", "roadmap_token=" + tok, "Accept-Language", "en"}
	coordinator := []string{"Cookie", "roadmap_token=" + ctok, "Accept-Language", "en"}
	path := filepath.Join(dir, roadmapA)

	// Two autosaves of one sitting keep one version: the file before them.
	v := fields(t, newServer(t, dir), roadmapA)
	v.Set("org.contact", "ilze@example.lv, +371 20000000")
	if res, body := post(t, h, "/r/"+roadmapA, v, append(person, "Accept", "application/json")...); res.StatusCode != 200 {
		t.Fatalf("save = %d %s", res.StatusCode, body)
	}
	now = now.Add(time.Minute)
	v = fields(t, newServer(t, dir), roadmapA)
	v.Set("cp.pilot.answer", "A secret answer about the pilot.")
	if res, body := post(t, h, "/r/"+roadmapA, v, append(person, "Accept", "application/json")...); res.StatusCode != 200 {
		t.Fatalf("save = %d %s", res.StatusCode, body)
	}
	changed := read(t, path)
	// The page is in the roadmap's language.
	_, page := call(t, h, "GET", "/r/"+roadmapA+"/history", nil, person...)
	entries := regexp.MustCompile(`<li>(Pirms izmaiņām, ko veica [^<]*)\n<form method="post" action="/r/`+regexp.QuoteMeta(roadmapA)+`/restore"><input type="hidden" name="version" value="([^"]+)">`).FindAllStringSubmatch(page, -1)
	if len(entries) != 1 || entries[0][1] != "Pirms izmaiņām, ko veica Brīnumiņš (Ilze), "+clock.In(time.Local).Format("02.01.2006.")+" "+clock.In(time.Local).Format("15:04") {
		t.Fatalf("the history lists %q, want the one version before the sitting\n%s", entries, page)
	}
	if strings.Contains(page, "/archive") {
		t.Error("a person's link is offered to move the roadmap to the archive")
	}

	// Restore it: the file is as it was, and the version it replaced is
	// kept in turn.
	now = now.Add(time.Minute)
	res, _ := post(t, h, "/r/"+roadmapA+"/restore", url.Values{"version": {entries[0][2]}}, person...)
	if res.StatusCode != 303 || read(t, path) != string(original) {
		t.Fatalf("restore = %d; the file is not the earlier version", res.StatusCode)
	}
	_, page = call(t, h, "GET", "/r/"+roadmapA+"/history", nil, person...)
	ids := regexp.MustCompile(`name="version" value="([^"]+)"`).FindAllStringSubmatch(page, -1)
	if len(ids) != 2 {
		t.Fatalf("after the restore the history has %d versions, want 2", len(ids))
	}
	res, _ = post(t, h, "/r/"+roadmapA+"/restore", url.Values{"version": {ids[0][1]}}, person...)
	if res.StatusCode != 303 || read(t, path) != changed {
		t.Errorf("undoing the restore = %d; the file is not the saved one", res.StatusCode)
	}

	// Archive and restore.
	res, _ = post(t, h, "/r/"+roadmapA+"/archive", url.Values{}, coordinator...)
	if res.StatusCode != 303 {
		t.Fatalf("archive = %d", res.StatusCode)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Error("the archived roadmap is still in the folder")
	}
	if res, _ := call(t, h, "GET", "/r/"+roadmapA, nil, person...); res.StatusCode != 404 {
		t.Errorf("the archived roadmap by its link = %d, want 404", res.StatusCode)
	}
	_, page = call(t, h, "GET", "/archive", nil, coordinator...)
	m := regexp.MustCompile(`<li>(` + regexp.QuoteMeta(roadmapA) + `, archived by Anna on [^<]*)\n<form method="post" action="/archive/restore\?lang=\w+"><input type="hidden" name="id" value="([^"]+)">`).FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("the archive page does not list the roadmap:\n%s", page)
	}
	res, _ = post(t, h, "/archive/restore", url.Values{"id": {m[2]}}, coordinator...)
	if res.StatusCode != 303 || res.Header.Get("Location") != "/r/"+roadmapA || read(t, path) != changed {
		t.Fatalf("restore from the archive = %d %q", res.StatusCode, res.Header.Get("Location"))
	}
	if _, page := call(t, h, "GET", "/archive", nil, coordinator...); !strings.Contains(page, "The archive is empty.") {
		t.Error("the restored roadmap is still listed in the archive")
	}

	// The audit log: one line per change, and no text of the roadmap.
	lines := auditLines(t, dir)
	var got []string
	for _, l := range lines {
		fs, _ := json.Marshal(l["fields"])
		got = append(got, l["link"].(string)+" "+l["action"].(string)+" "+l["roadmap"].(string)+" "+string(fs))
	}
	want := []string{
		`Brīnumiņš (Ilze) save ` + roadmapA + ` ["organisation.contact"]`,
		`Brīnumiņš (Ilze) save ` + roadmapA + ` ["checkpoints.pilot.answer"]`,
		`Brīnumiņš (Ilze) restore-version ` + roadmapA + ` ["checkpoints.pilot.answer","organisation.contact"]`,
		`Brīnumiņš (Ilze) restore-version ` + roadmapA + ` ["checkpoints.pilot.answer","organisation.contact"]`,
		`Anna archive ` + roadmapA + ` null`,
		`Anna restore-archived ` + roadmapA + ` null`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("the audit log:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	raw, _ := os.ReadFile(filepath.Join(dir, ".roadmap", "audit.jsonl"))
	for _, s := range append(texts(t, []byte(changed)), texts(t, original)...) {
		if strings.Contains(string(raw), s) && !strings.Contains(roadmapA, s) { // "community" is in the file's name
			t.Errorf("the audit log holds a text of the roadmap: %q", s)
		}
	}
	if res, body := call(t, h, "GET", "/audit.jsonl", nil, coordinator...); res.StatusCode != 200 || body != string(raw) {
		t.Errorf("the coordinator's download of the audit log = %d", res.StatusCode)
	}
}
