package serve_test

import (
	"archive/zip"
	"bytes"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/partnership-roadmap/roadmap/internal/access"
	"github.com/partnership-roadmap/roadmap/internal/serve"
)

const (
	contactA = "Ilze Kalniņa, valdes priekšsēdētāja, tālr. +371 26 000 000"
	contactB = "Anna Bērziņa"
)

// TestPrivacyNotice reads the notice without a link, in every language.
func TestPrivacyNotice(t *testing.T) {
	dir := t.TempDir()
	h := newServer(t, dir, func(o *serve.Options) { o.Access = access.Open(dir) })
	res, body := call(t, h, "GET", "/privacy?lang=en", nil)
	if res.StatusCode != 200 || !strings.Contains(body, "<h1>Privacy notice</h1>") ||
		!strings.Contains(body, "the names of the fields changed — never what was written.") ||
		!strings.Contains(body, "<p>Your rights. Ask the coordinator for a copy") {
		t.Errorf("the notice = %d\n%s", res.StatusCode, body)
	}
	for _, l := range []string{"lv", "lt", "sv", "pt", "el"} {
		_, body := call(t, h, "GET", "/privacy?lang="+l, nil)
		if n := strings.Count(body, "\n<p>"); n != 4 || strings.Contains(body, "Your rights") {
			t.Errorf("%s: the notice has %d paragraphs, want 4 in its own language", l, n)
		}
	}
	if _, body := call(t, h, "GET", "/?lang=en", nil); !strings.Contains(body, `<footer><a href="/privacy?lang=en">Privacy</a></footer>`) {
		t.Error("the page asking for a link does not lead to the privacy notice")
	}
}

// TestExportAndErase exports one organisation's data and erases its
// contact details: from its roadmaps, every earlier version and the
// archive, and from nothing of another organisation.
func TestExportAndErase(t *testing.T) {
	dir := t.TempDir()
	copyExample(t, dir, roadmapA)
	copyExample(t, dir, roadmapB)
	second := "brinumins-2.yaml"
	os.WriteFile(filepath.Join(dir, second), []byte(read(t, filepath.Join(dir, roadmapA))), 0o644)
	st := access.Open(dir)
	_, tok, _ := st.Add(access.Link{Roadmap: roadmapA, Label: "Ilze"}, clock)
	_, ctok, _ := st.Add(access.Link{Coordinator: true, Label: "Anna"}, clock)
	h := newServer(t, dir, func(o *serve.Options) {
		o.Access = access.Open(dir)
		o.Now = func() time.Time { return clock }
	})
	person := []string{"Cookie", "roadmap_token=" + tok}
	coord := []string{"Cookie", "roadmap_token=" + ctok}
	// A version of A in its history, B's too, and the second roadmap of
	// the organisation in the archive: each holds contact details.
	for _, n := range []string{roadmapA, roadmapB} {
		v := fields(t, newServer(t, dir), n)
		v.Set("cp.pilot.answer", "Jauns teksts.")
		v.Set("cp.know-organisations.answer", "Jauns teksts.")
		if res, body := post(t, h, "/r/"+n, v, coord...); res.StatusCode != 303 {
			t.Fatalf("save %s = %d %s", n, res.StatusCode, body)
		}
	}
	if res, _ := post(t, h, "/r/"+second+"/archive", url.Values{}, coord...); res.StatusCode != 303 {
		t.Fatalf("archive = %d", res.StatusCode)
	}

	// The export: the organisation's files, versions, archive and log lines.
	if res, _ := call(t, h, "GET", "/r/"+roadmapA+"/export.zip", nil, person...); res.StatusCode != 403 {
		t.Errorf("a person's link exports: %d", res.StatusCode)
	}
	res, body := call(t, h, "GET", "/r/"+roadmapA+"/export.zip", nil, coord...)
	zr, err := zip.NewReader(bytes.NewReader([]byte(body)), int64(len(body)))
	if res.StatusCode != 200 || err != nil {
		t.Fatalf("export = %d %v", res.StatusCode, err)
	}
	var names []string
	files := map[string]string{}
	for _, f := range zr.File {
		names = append(names, strings.Split(f.Name, "/")[0]+"/"+filepath.Ext(f.Name))
		rc, _ := f.Open()
		b, _ := io.ReadAll(rc)
		files[f.Name] = string(b)
	}
	slices.Sort(names)
	if got := strings.Join(names, " "); got != "archive/.yaml audit.jsonl/.jsonl brinumins-community-lv.yaml/.yaml history/.yaml" {
		t.Errorf("the export holds %s", got)
	}
	for n, b := range files {
		if strings.Contains(b, contactB) || strings.Contains(b, "talsi") {
			t.Errorf("the export's %s holds another organisation's data", n)
		}
	}
	if !strings.Contains(files["audit.jsonl"], `"action":"archive"`) || strings.Count(files["audit.jsonl"], "\n") != 2 {
		t.Errorf("the export's audit lines:\n%s", files["audit.jsonl"])
	}

	// The erasure asks to be confirmed (in the roadmap's language), and
	// otherwise changes nothing.
	before := snapshot(t, dir)
	if res, body := post(t, h, "/r/"+roadmapA+"/erase", url.Values{}, append(coord, "Accept-Language", "en")...); res.StatusCode != 400 || !strings.Contains(body, "Saprotu: kontaktpersona") {
		t.Errorf("an unconfirmed erasure = %d", res.StatusCode)
	}
	if !mapsEqual(before, snapshot(t, dir)) {
		t.Fatal("an unconfirmed erasure changed the folder")
	}
	res, _ = post(t, h, "/r/"+roadmapA+"/erase", url.Values{"confirm": {"1"}}, coord...)
	if res.StatusCode != 303 || res.Header.Get("Location") != "/r/"+roadmapA+"/history?erased=3" {
		t.Fatalf("erase = %d %q", res.StatusCode, res.Header.Get("Location"))
	}
	_, page := call(t, h, "GET", "/r/"+roadmapA+"/history?erased=3", nil, append(coord, "Accept-Language", "en")...)
	if !strings.Contains(page, "Kontaktinformācija dzēsta. Mainīto failu skaits: 3.") {
		t.Error("the history page does not say what was erased")
	}
	seenB := 0
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		b, _ := os.ReadFile(p)
		if strings.Contains(string(b), "+371 26 000 000") {
			t.Errorf("%s still holds the erased contact", p)
		}
		if strings.Contains(string(b), contactB) {
			seenB++
		}
		return nil
	})
	if seenB < 2 {
		t.Errorf("another organisation's contact is gone (%d files hold it, want its roadmap and its version)", seenB)
	}
	if f := parseFile(t, filepath.Join(dir, roadmapA)); f.Organisation.Contact != "" || f.Organisation.Name != `Biedrība "Brīnumiņš"` {
		t.Errorf("after the erasure: %+v", f.Organisation)
	}
	lines := auditLines(t, dir)
	if l := lines[len(lines)-1]; l["action"] != "erase-contacts" || l["link"] != "Anna" {
		t.Errorf("the last audit line is %v", l)
	}
}
