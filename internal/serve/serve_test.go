package serve_test

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"html"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/partnership-roadmap/roadmap/internal/answers"
	"github.com/partnership-roadmap/roadmap/internal/contenttest"
	"github.com/partnership-roadmap/roadmap/internal/pdftest"
	"github.com/partnership-roadmap/roadmap/internal/serve"
)

const example = "brinumins-community-lv.yaml"

// call sends one request to h as a browser on 127.0.0.1 would and returns
// the response with its body read.
func call(t *testing.T, h http.Handler, method, target string, body io.Reader, hdr ...string) (*http.Response, string) {
	t.Helper()
	r := httptest.NewRequest(method, target, body)
	r.Host = "127.0.0.1:8080"
	for i := 0; i+1 < len(hdr); i += 2 {
		if hdr[i] == "Host" {
			r.Host = hdr[i+1]
			continue
		}
		r.Header.Set(hdr[i], hdr[i+1])
	}
	if body != nil && r.Header.Get("Content-Type") == "" {
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	res := w.Result()
	b, _ := io.ReadAll(res.Body)
	return res, string(b)
}

// fields returns the fields the editing page of name would post: the
// current revision and every field as the page shows it.
func fields(t *testing.T, h http.Handler, name string) url.Values {
	t.Helper()
	_, page := call(t, h, "GET", "/r/"+name, nil)
	// The rows of a <template> are not part of the form.
	page = regexp.MustCompile(`(?s)<template.*?</template>`).ReplaceAllString(page, "")
	v := url.Values{}
	// A small reader of the page's own fields, enough for the tests: inputs
	// with a value, checked boxes, textareas and selected options.
	for _, m := range regexp.MustCompile(`<input ([^>]*)>`).FindAllStringSubmatch(page, -1) {
		attrs := m[1]
		name := attr(attrs, "name")
		if name == "" || name == "op" {
			continue
		}
		typ := attr(attrs, "type")
		if (typ == "radio" || typ == "checkbox") && !strings.Contains(attrs, " checked") {
			continue
		}
		if typ == "file" {
			continue
		}
		v.Add(name, htmlUnescape(attr(attrs, "value")))
	}
	for _, m := range regexp.MustCompile(`(?s)<textarea ([^>]*)>(.*?)</textarea>`).FindAllStringSubmatch(page, -1) {
		if n := attr(m[1], "name"); n != "" {
			v.Add(n, htmlUnescape(m[2]))
		}
	}
	for _, m := range regexp.MustCompile(`(?s)<select ([^>]*)>(.*?)</select>`).FindAllStringSubmatch(page, -1) {
		sel := ""
		if o := regexp.MustCompile(`<option value="([^"]*)" selected>`).FindStringSubmatch(m[2]); o != nil {
			sel = o[1]
		}
		v.Add(attr(m[1], "name"), sel)
	}
	// Rows of the template (index N) are not part of the form.
	return v
}

func attr(attrs, name string) string {
	m := regexp.MustCompile(`(?:^|\s)` + name + `="([^"]*)"`).FindStringSubmatch(attrs)
	if m == nil {
		return ""
	}
	return m[1]
}

func htmlUnescape(s string) string { return html.UnescapeString(s) }

func post(t *testing.T, h http.Handler, target string, v url.Values, hdr ...string) (*http.Response, string) {
	t.Helper()
	return call(t, h, "POST", target, strings.NewReader(v.Encode()), hdr...)
}

func reply(t *testing.T, body string) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(body), &m); err != nil {
		t.Fatalf("not a JSON reply: %v\n%s", err, body)
	}
	return m
}

func read(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func TestHome(t *testing.T) {
	dir := t.TempDir()
	copyExample(t, dir, example)
	copyExample(t, dir, "talsi-municipality-en.yaml")
	os.WriteFile(filepath.Join(dir, "broken.yaml"), []byte("form: community\nlanguage: lv\ncheckpoints:\n  pilot: {status: finished}\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("not a roadmap"), 0o644)
	h := newServer(t, dir)

	res, body := call(t, h, "GET", "/?lang=lv", nil)
	if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
		t.Fatalf("GET / = %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	for _, want := range []string{
		`<html lang="lv">`, "Biedrība &#34;Brīnumiņš&#34;", "8 no 13", "Talsi Municipality", "8 no 12",
		`broken.yaml:4:19: nezināms statuss „finished“`, "Jauna ceļa karte", `href="/blank/lv/pack.zip"`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the home page lacks %q", want)
		}
	}
	if strings.Contains(body, "notes.txt") {
		t.Error("a file that is not an answers file is listed")
	}
	if res.Header.Get("Content-Security-Policy") == "" || res.Header.Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("security headers missing: %v", res.Header)
	}
	_, body = call(t, h, "GET", "/", nil, "Accept-Language", "en-GB,en;q=0.9")
	if !strings.Contains(body, `<html lang="en">`) || !strings.Contains(body, "New roadmap") {
		t.Error("the home page does not follow the browser's language")
	}
}

func TestNewRoadmap(t *testing.T) {
	dir := t.TempDir()
	h := newServer(t, dir)
	res, _ := post(t, h, "/new", url.Values{"form": {"community"}, "lang": {"lv"}, "org": {"Biedrība “Ābeļzieds”"}})
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/r/Biedriba-Abelzieds.yaml" {
		t.Fatalf("POST /new = %d, Location %q", res.StatusCode, res.Header.Get("Location"))
	}
	data := read(t, filepath.Join(dir, "Biedriba-Abelzieds.yaml"))
	b := contenttest.Bundle(t)
	f, err := answers.Parse("x.yaml", []byte(data), b)
	if err != nil || f.Organisation.Name != "Biedrība “Ābeļzieds”" || f.Form != "community" {
		t.Fatalf("the new file: %v %+v\n%s", err, f, data)
	}
	if !strings.Contains(data, "# 1.1 Definējiet savu mērķa grupu") {
		t.Errorf("the new file lacks init's comments:\n%s", data)
	}
	// The same name again gets a name of its own.
	res, _ = post(t, h, "/new", url.Values{"form": {"community"}, "lang": {"lv"}, "org": {"Biedrība “Ābeļzieds”"}})
	if res.Header.Get("Location") != "/r/Biedriba-Abelzieds-2.yaml" {
		t.Errorf("second new roadmap of the same name: Location %q", res.Header.Get("Location"))
	}
	for _, bad := range []url.Values{{"form": {"both"}, "lang": {"lv"}}, {"form": {"community"}, "lang": {"xx"}}} {
		res, body := post(t, h, "/new", bad)
		if res.StatusCode != http.StatusBadRequest || !strings.Contains(body, "Nezināma") {
			t.Errorf("POST /new %v = %d\n%s", bad, res.StatusCode, body)
		}
	}
	entries := answersFiles(t, dir)
	if len(entries) != 2 {
		t.Errorf("%d files in the folder, want 2", len(entries))
	}
}

func upload(t *testing.T, h http.Handler, name string, data []byte) (*http.Response, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, _ := mw.CreateFormFile("file", name)
	fw.Write(data)
	mw.Close()
	return call(t, h, "POST", "/upload", &buf, "Content-Type", mw.FormDataContentType())
}

func TestUpload(t *testing.T) {
	dir := t.TempDir()
	h := newServer(t, dir)
	good, _ := os.ReadFile("../../examples/" + example)
	res, _ := upload(t, h, "../../etc/Mūsu ceļa karte.yaml", good)
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/r/Musu-cela-karte.yaml" {
		t.Fatalf("upload = %d %q", res.StatusCode, res.Header.Get("Location"))
	}
	if got := read(t, filepath.Join(dir, "Musu-cela-karte.yaml")); got != string(good) {
		t.Error("the uploaded file was not kept as it was")
	}
	bad := []byte("form: community\nlanguage: lv\ndate: 2026-02-30\n")
	res, body := upload(t, h, "bad.yaml", bad)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "bad.yaml:3:7: neiespējams datums") {
		t.Errorf("a bad upload = %d\n%s", res.StatusCode, body)
	}
	if _, err := os.Stat(filepath.Join(dir, "bad.yaml")); err == nil {
		t.Error("a file with problems was accepted")
	}
	res, body = upload(t, h, "big.yaml", bytes.Repeat([]byte("#"), serve.MaxBody+10))
	if res.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(body, "2 MiB") {
		t.Errorf("a big upload = %d\n%s", res.StatusCode, body)
	}
	res, _ = call(t, h, "POST", "/upload", strings.NewReader(""), "Content-Type", "multipart/form-data; boundary=x")
	if res.StatusCode != http.StatusBadRequest {
		t.Errorf("an upload without a file = %d", res.StatusCode)
	}
	if entries := answersFiles(t, dir); len(entries) != 1 {
		t.Errorf("%d files after the uploads, want 1", len(entries))
	}
}

func TestEditPage(t *testing.T) {
	dir := t.TempDir()
	copyExample(t, dir, example)
	h := newServer(t, dir)
	res, body := call(t, h, "GET", "/r/"+example, nil)
	if res.StatusCode != 200 {
		t.Fatalf("GET = %d", res.StatusCode)
	}
	for _, want := range []string{
		`<html lang="lv">`, `<title>Biedrība &#34;Brīnumiņš&#34; — Ceļa kartes veidlapa kopienu organizācijām</title>`,
		`<label for="f-target-group-answer">Jūsu atbilde</label>`, `name="cp.target-group.status" value="done" checked`,
		`name="cp.needs.opt" value="surveys" checked`, `<summary>Ieteikumi un piemēri</summary>`,
		`<aside class="example"><p class="example-label">Piemērs</p>`, `<strong>Aptaujas</strong>`,
		`<label for="ap-0-deadline">Termiņš</label>`, `<input id="ap-0-deadline" type="date" name="ap.deadline" value="2027-01-15">`,
		`<datalist id="dl-cm-channel"><option value="Sanāksme">`, `class="step step-2"`, `<span class="badge community">`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the editing page lacks %s", want)
		}
	}
	if n := strings.Count(body, `<article class="cp"`); n != 13 {
		t.Errorf("%d checkpoints, want 13", n)
	}
	for _, target := range []string{"/r/nothing.yaml", "/r/..%2fetc%2fpasswd", "/r/.hidden.yaml", "/r/a%2fb.yaml", "/nowhere"} {
		if res, body := call(t, h, "GET", target, nil); res.StatusCode != http.StatusNotFound || !strings.Contains(body, "Šādas lapas") && !strings.Contains(body, "no such page") {
			t.Errorf("GET %s = %d", target, res.StatusCode)
		}
	}
}

// TestEscaping puts markup in every place user text reaches a page or a
// header.
func TestEscaping(t *testing.T) {
	dir := t.TempDir()
	src := strings.Replace(string(copyExample(t, dir, example)), `name: Biedrība "Brīnumiņš"`, `name: "<script>alert(1)</script>\" ā"`, 1)
	src = strings.Replace(src, "Bērni un jaunieši", "</textarea><b>x</b>", 1)
	os.WriteFile(filepath.Join(dir, example), []byte(src), 0o644)
	h := newServer(t, dir)
	for _, target := range []string{"/", "/r/" + example} {
		_, body := call(t, h, "GET", target, nil)
		if strings.Contains(body, "<script>alert") || strings.Contains(body, "</textarea><b>") {
			t.Errorf("%s: user text reached the page unescaped", target)
		}
		if !strings.Contains(body, "&lt;script&gt;alert(1)&lt;/script&gt;") {
			t.Errorf("%s: the organisation's name is not shown escaped", target)
		}
	}
	res, _ := call(t, h, "GET", "/r/"+example+"/form.pdf", nil)
	cd := res.Header.Get("Content-Disposition")
	if _, params, err := mime.ParseMediaType(cd); err != nil || params["filename"] != "script-alert-1-script-a-community.pdf" {
		t.Errorf("Content-Disposition %q: %v %v", cd, params, err)
	}
}

func TestSave(t *testing.T) {
	dir := t.TempDir()
	copyExample(t, dir, example)
	path := filepath.Join(dir, example)
	h := newServer(t, dir)
	js := []string{"Accept", "application/json"}

	v := fields(t, h, example)
	rev := v.Get("rev")
	if rev != answers.Revision([]byte(read(t, path))) {
		t.Fatalf("the page's revision %q is not the file's", rev)
	}
	v.Set("cp.pilot.answer", "Jauns teksts: ā č ē ģ ī ķ ļ ņ š ū ž ą ę ė į ų.\r\nOtrā rinda.")
	v.Set("cp.pilot.status", "in-progress")
	res, body := post(t, h, "/r/"+example, v, js...)
	m := reply(t, body)
	if res.StatusCode != 200 || m["state"] != "saved" || m["rev"] == rev {
		t.Fatalf("save = %d %v", res.StatusCode, m)
	}
	data := read(t, path)
	b := contenttest.Bundle(t)
	f, err := answers.Parse(path, []byte(data), b)
	if err != nil {
		t.Fatalf("the saved file is not valid: %v\n%s", err, data)
	}
	if c := f.Checkpoints["pilot"]; c.Answer != "Jauns teksts: ā č ē ģ ī ķ ļ ņ š ū ž ą ę ė į ų.\nOtrā rinda." || c.Status != "in-progress" {
		t.Errorf("saved %+v", c)
	}
	if !strings.Contains(data, "# Biedrības \"Brīnumiņš\" ceļa karte") {
		t.Errorf("the file's own comment was lost:\n%.300s", data)
	}
	// Every dated plan row got an id for its calendar event; everything
	// else is as it was.
	orig, _ := answers.ReadFile("../../examples/"+example, b)
	orig.Checkpoints["pilot"] = f.Checkpoints["pilot"]
	for i, r := range f.ActionPlan {
		if r.ID == "" || i >= len(orig.ActionPlan) {
			t.Errorf("action-plan row %d has no id after the save", i+1)
			continue
		}
		orig.ActionPlan[i].ID = r.ID
	}
	for i, r := range f.EvaluationPlan {
		if r.ID == "" || i >= len(orig.EvaluationPlan) {
			t.Errorf("evaluation-plan row %d has no id after the save", i+1)
			continue
		}
		orig.EvaluationPlan[i].ID = r.ID
	}
	orig.Path = path
	if got, want := *f, *orig; !equalFiles(got, want) {
		ja, _ := json.Marshal(got)
		jb, _ := json.Marshal(want)
		t.Errorf("a save changed more than the field changed:\n%s\n%s", ja, jb)
	}

	// A save based on the old revision is refused; the file keeps the
	// newer text.
	v.Set("cp.pilot.answer", "Old tab")
	res, body = post(t, h, "/r/"+example, v, js...)
	if m := reply(t, body); res.StatusCode != http.StatusConflict || m["state"] != "conflict" || !strings.Contains(m["message"].(string), "citā cilnē") {
		t.Errorf("stale save = %d %v", res.StatusCode, m)
	}
	if read(t, path) != data {
		t.Error("a stale save changed the file")
	}
	// Without script the same refusal is a page that keeps what was typed.
	res, body = post(t, h, "/r/"+example, v)
	if res.StatusCode != http.StatusConflict || !strings.Contains(body, "citā cilnē") || !strings.Contains(body, ">Old tab</textarea>") {
		t.Errorf("stale plain save = %d", res.StatusCode)
	}

	// Problems are refused and shown beside their fields; the refused
	// fields keep the file's values (here: nothing else changed).
	v = fields(t, h, example)
	v.Set("date", "2026-02-30")
	v.Set("cp.needs.status", "finished")
	v.Add("cp.needs.opt", "telepathy")
	v["ap.deadline"][1] = "31.12.2027"
	res, body = post(t, h, "/r/"+example, v, js...)
	m = reply(t, body)
	p, _ := m["problems"].(map[string]any)
	if res.StatusCode != http.StatusUnprocessableEntity || m["state"] != "refused" {
		t.Fatalf("invalid save = %d %v", res.StatusCode, m)
	}
	for field, want := range map[string]string{
		"date":            `neiespējams datums „2026-02-30“: 2026. gada februārī ir 28 dienas`,
		"cp.needs.status": `nezināms statuss „finished“`,
		"cp.needs.opt":    `pieturas punktam 1.2 „needs“ nav iespējas „telepathy“`,
		"ap.1.deadline":   `„31.12.2027“ ir datums, kas rakstīts vietējā formā (vai domājāt 2027-12-31?)`,
	} {
		if got, _ := p[field].(string); !strings.Contains(got, want) {
			t.Errorf("problem of %s = %q, want it to say %q (all: %v)", field, got, want, p)
		}
	}
	if read(t, path) != data {
		t.Error("an invalid save changed the file")
	}
	res, body = post(t, h, "/r/"+example, v)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `value="31.12.2027"`) || !strings.Contains(body, "2026. gada februārī ir 28 dienas") {
		t.Errorf("invalid plain save = %d; the page must show what was typed and why it is refused", res.StatusCode)
	}

	// A plain form post saves and comes back to the page.
	v = fields(t, h, example)
	v.Set("org.contact", "Ilze Kalniņa")
	res, _ = post(t, h, "/r/"+example, v)
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/r/"+example+"?saved=1" {
		t.Errorf("plain save = %d %q", res.StatusCode, res.Header.Get("Location"))
	}
	if _, body := call(t, h, "GET", "/r/"+example+"?saved=1", nil); !strings.Contains(body, "Saglabāts.") || !strings.Contains(body, `value="Ilze Kalniņa"`) {
		t.Error("after a plain save the page does not say saved or lacks the change")
	}
	if res, _ := post(t, h, "/r/nothing.yaml", v); res.StatusCode != http.StatusNotFound {
		t.Errorf("save of no roadmap = %d", res.StatusCode)
	}
}

func equalFiles(a, b answers.File) bool {
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	return bytes.Equal(ja, jb)
}

// TestRowOps adds, moves and removes plan rows with the buttons of a page
// without script.
func TestRowOps(t *testing.T) {
	dir := t.TempDir()
	copyExample(t, dir, example)
	h := newServer(t, dir)
	b := contenttest.Bundle(t)
	activities := func() []string {
		f, err := answers.ReadFile(filepath.Join(dir, example), b)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, a := range f.ActionPlan {
			out = append(out, a.Activity)
		}
		return out
	}
	start := activities()
	step := func(op string) {
		v := fields(t, h, example)
		v.Set("op", op)
		if res, _ := post(t, h, "/r/"+example, v); res.StatusCode != http.StatusSeeOther || !strings.HasSuffix(res.Header.Get("Location"), "#plan-ap") {
			t.Fatalf("%s = %d %q", op, res.StatusCode, res.Header.Get("Location"))
		}
	}
	step("add:ap")
	if got := activities(); len(got) != len(start)+1 || got[len(got)-1] != "" {
		t.Fatalf("after add: %q", got)
	}
	step("up:ap:1")
	if got := activities(); got[0] != start[1] || got[1] != start[0] {
		t.Errorf("after up: %q", got)
	}
	step("down:ap:0")
	step("del:ap:0")
	if got := activities(); got[0] != start[1] || len(got) != len(start) {
		t.Errorf("after down and del: %q", got)
	}
	// Rows whose fields arrived incomplete are refused.
	v := fields(t, h, example)
	v["ap.goals"] = v["ap.goals"][:1]
	if res, _ := post(t, h, "/r/"+example, v, "Accept", "application/json"); res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("incomplete rows = %d", res.StatusCode)
	}
}

// TestRefusals checks each request the server must refuse, and that none
// of them changes a file.
func TestRefusals(t *testing.T) {
	dir := t.TempDir()
	before := copyExample(t, dir, example)
	h := newServer(t, dir)
	v := fields(t, h, example)
	v.Set("org.name", "Changed")
	enc := v.Encode()

	cases := []struct {
		name   string
		method string
		target string
		body   string
		hdr    []string
		status int
		says   string
	}{
		// A refusal about a roadmap is in the roadmap's language.
		{"cross-origin save", "POST", "/r/" + example, enc, []string{"Sec-Fetch-Site", "cross-site"}, 403, "pieprasījums nāca no citas tīmekļvietnes"},
		{"cross-origin save, old browser", "POST", "/r/" + example, enc, []string{"Origin", "http://evil.example"}, 403, "pieprasījums nāca no citas tīmekļvietnes"},
		{"cross-origin new", "POST", "/new", "form=community&lang=lv", []string{"Sec-Fetch-Site", "cross-site"}, 403, "another web site"},
		{"DNS rebinding", "GET", "/", "", []string{"Host", "evil.example:8080"}, 421, "not the address"},
		{"DNS rebinding save", "POST", "/r/" + example, enc, []string{"Host", "evil.example"}, 421, "not the address"},
		{"body over the limit", "POST", "/r/" + example, enc + "&cp.pilot.answer=" + strings.Repeat("a", serve.MaxBody), nil, 413, "2 MiB"},
		{"wrong method", "DELETE", "/r/" + example, "", nil, 405, ""},
		{"wrong method on a download", "POST", "/r/" + example + "/form.pdf", "", nil, 405, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var body io.Reader
			if c.body != "" {
				body = strings.NewReader(c.body)
			}
			hdr := append([]string{"Accept-Language", "en"}, c.hdr...)
			res, got := call(t, h, c.method, c.target, body, hdr...)
			if res.StatusCode != c.status || !strings.Contains(got, c.says) {
				t.Errorf("%s %s = %d, want %d saying %q:\n%.400s", c.method, c.target, res.StatusCode, c.status, c.says, got)
			}
		})
	}
	// A body over the limit that does not declare its length.
	r := httptest.NewRequest("POST", "/r/"+example, io.MultiReader(strings.NewReader(enc+"&x="), strings.NewReader(strings.Repeat("a", serve.MaxBody))))
	r.Host, r.ContentLength = "127.0.0.1", -1
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	if w.Code != 413 {
		t.Errorf("a chunked body over the limit = %d", w.Code)
	}
	if got := read(t, filepath.Join(dir, example)); got != string(before) {
		t.Error("a refused request changed the file")
	}
	if entries := answersFiles(t, dir); len(entries) != 1 {
		t.Errorf("%d files after the refusals, want 1", len(entries))
	}
}

func TestToken(t *testing.T) {
	dir := t.TempDir()
	copyExample(t, dir, example)
	h := newServer(t, dir, func(o *serve.Options) { o.Token = "s3cret"; o.AnyIPHost = true })
	if res, body := call(t, h, "GET", "/", nil, "Host", "192.168.1.5:8080", "Accept-Language", "en"); res.StatusCode != 401 || !strings.Contains(body, "access link") {
		t.Errorf("without the key: %d", res.StatusCode)
	}
	if res, _ := call(t, h, "GET", "/?token=wrong", nil, "Host", "192.168.1.5:8080"); res.StatusCode != 401 {
		t.Errorf("with a wrong key: %d", res.StatusCode)
	}
	res, _ := call(t, h, "GET", "/?token=s3cret&lang=en", nil, "Host", "192.168.1.5:8080")
	c := res.Cookies()
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/?lang=en" || len(c) != 1 || !c[0].HttpOnly || c[0].SameSite != http.SameSiteLaxMode {
		t.Fatalf("with the key: %d %q %v", res.StatusCode, res.Header.Get("Location"), c)
	}
	if res, body := call(t, h, "GET", "/r/"+example, nil, "Host", "192.168.1.5:8080", "Cookie", c[0].String()); res.StatusCode != 200 || !strings.Contains(body, "Brīnumiņš") {
		t.Errorf("with the cookie: %d", res.StatusCode)
	}
	if res, _ := call(t, h, "GET", "/", nil, "Host", "evil.example", "Cookie", c[0].String()); res.StatusCode != 421 {
		t.Errorf("a name that is not an address, with the cookie: %d", res.StatusCode)
	}
}

// TestBrokenFile checks that a file with problems is listed, opens
// read-only, cannot be saved over, and still downloads as it is.
func TestBrokenFile(t *testing.T) {
	dir := t.TempDir()
	src := "form: community\nlanguage: lv\norganisation:\n  name: \"unclosed\n"
	os.WriteFile(filepath.Join(dir, "broken.yaml"), []byte(src), 0o644)
	os.WriteFile(filepath.Join(dir, "outside.txt"), []byte("secret"), 0o644)
	out := t.TempDir()
	os.WriteFile(filepath.Join(out, "secret.yaml"), []byte("form: community\nlanguage: lv\n# the secret\n"), 0o644)
	os.Symlink(filepath.Join(out, "secret.yaml"), filepath.Join(dir, "link.yaml"))
	h := newServer(t, dir)

	_, body := call(t, h, "GET", "/", nil)
	if !strings.Contains(body, "broken.yaml:4:9: nederīgs YAML") ||
		!strings.Contains(body, `<div class="problem"><strong>Kļūda failā:</strong> <code>link.yaml: fails ir saite uz vietu ārpus mapes; atļauts: atbilžu faili mapes iekšpusē</code></div>`) {
		t.Errorf("the list does not show the problems:\n%s", body)
	}
	res, body := call(t, h, "GET", "/r/broken.yaml", nil)
	if res.StatusCode != 200 || !strings.Contains(body, "broken.yaml:4:9") || !strings.Contains(body, "tikai lasīšanai") || strings.Contains(body, "<textarea") {
		t.Errorf("the broken file's page = %d:\n%s", res.StatusCode, body)
	}
	if !strings.Contains(body, `<li class="bad" value="4"><code>  name: &#34;unclosed</code></li>`) {
		t.Errorf("the broken line is not marked:\n%s", body)
	}
	res, _ = post(t, h, "/r/broken.yaml", url.Values{"rev": {answers.Revision([]byte(src))}, "org.name": {"x"}})
	if res.StatusCode != http.StatusConflict || read(t, filepath.Join(dir, "broken.yaml")) != src {
		t.Errorf("save over a broken file = %d", res.StatusCode)
	}
	if res, body := call(t, h, "GET", "/r/broken.yaml/answers.yaml", nil); res.StatusCode != 200 || body != src {
		t.Errorf("download of the broken file = %d", res.StatusCode)
	}
	if res, _ := call(t, h, "GET", "/r/broken.yaml/form.pdf", nil); res.StatusCode != http.StatusConflict {
		t.Errorf("PDF of a broken file = %d", res.StatusCode)
	}
	// A link out of the folder is never followed.
	res, body = call(t, h, "GET", "/r/link.yaml", nil)
	if strings.Contains(body, "the secret") || !strings.Contains(body, "link.yaml: fails ir saite uz vietu ārpus mapes") {
		t.Errorf("the link out of the folder: %d\n%s", res.StatusCode, body)
	}
	if _, body := call(t, h, "GET", "/r/link.yaml/answers.yaml", nil); strings.Contains(body, "the secret") {
		t.Error("a link out of the folder was followed")
	}
}

func TestDownloads(t *testing.T) {
	dir := t.TempDir()
	src := copyExample(t, dir, example)
	h := newServer(t, dir)

	res, body := call(t, h, "GET", "/r/"+example+"/form.pdf", nil)
	if res.StatusCode != 200 || res.Header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(body, "%PDF") {
		t.Fatalf("form.pdf = %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	if cd := res.Header.Get("Content-Disposition"); cd != `attachment; filename=Biedriba-Brinumins-community.pdf` {
		t.Errorf("Content-Disposition %q", cd)
	}
	text := strings.Join(strings.Fields(pdftest.Text(t, []byte(body))), " ")
	if !strings.Contains(text, "Biedrība \"Brīnumiņš\"") || !strings.Contains(text, "2026. gada pavasarī aptaujājām 64 ģimenes") {
		t.Errorf("the PDF lacks the answers:\n%.600s", text)
	}
	again, _ := call(t, h, "GET", "/r/"+example+"/form.pdf", nil)
	_ = again

	res, body = call(t, h, "GET", "/r/"+example+"/plans.xlsx", nil)
	if res.StatusCode != 200 || !strings.HasPrefix(body, "PK") {
		t.Errorf("plans.xlsx = %d", res.StatusCode)
	}
	res, body = call(t, h, "GET", "/r/"+example+"/answers.yaml", nil)
	if res.StatusCode != 200 || body != string(src) || res.Header.Get("Content-Disposition") != `attachment; filename=`+example {
		t.Errorf("answers.yaml = %d %q", res.StatusCode, res.Header.Get("Content-Disposition"))
	}

	res, body = call(t, h, "GET", "/blank/lv/pack.zip", nil)
	if res.StatusCode != 200 {
		t.Fatalf("pack.zip = %d", res.StatusCode)
	}
	zr, err := zip.NewReader(strings.NewReader(body), int64(len(body)))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
	}
	if got := strings.Join(names, " "); got != "lv/form-municipality.pdf lv/form-municipality-fillable.pdf lv/form-community.pdf lv/form-community-fillable.pdf lv/form-registration.pdf lv/form-registration-fillable.pdf lv/guide.pdf lv/at-a-glance.pdf lv/at-a-glance-a3.pdf lv/action-plan.xlsx lv/communication-plan.xlsx lv/evaluation-plan.xlsx" {
		t.Errorf("the pack holds %s", got)
	}
	res, body = call(t, h, "GET", "/blank/en/guide.pdf", nil)
	if res.StatusCode != 200 || !strings.HasPrefix(body, "%PDF") || !strings.Contains(strings.Join(strings.Fields(pdftest.Text(t, []byte(body))), " "), "Contents") {
		t.Errorf("guide.pdf = %d", res.StatusCode)
	}
	if res, _ := call(t, h, "GET", "/blank/xx/guide.pdf", nil); res.StatusCode != 404 {
		t.Errorf("guide of no language = %d", res.StatusCode)
	}
}

// TestPageWeight checks that the editing page with its style sheets and
// script stays under 100 KB and asks for nothing from another site.
func TestPageWeight(t *testing.T) {
	dir := t.TempDir()
	copyExample(t, dir, example)
	h := newServer(t, dir)
	_, page := call(t, h, "GET", "/r/"+example, nil)
	total := len(page)
	for _, m := range regexp.MustCompile(`<(?:link|script|img|iframe|source|video|audio)\b[^>]*(?:href|src)="([^"]*)"`).FindAllStringSubmatch(page, -1) {
		if !strings.HasPrefix(m[1], "/static/") {
			t.Errorf("the page loads %s", m[1])
			continue
		}
		res, body := call(t, h, "GET", m[1], nil)
		if res.StatusCode != 200 {
			t.Errorf("%s = %d", m[1], res.StatusCode)
		}
		total += len(body)
		if strings.Contains(body, "http://") || strings.Contains(body, "https://") || strings.Contains(body, "@import") {
			t.Errorf("%s refers to another site", m[1])
		}
	}
	t.Logf("editing page: %d bytes of HTML, CSS and JS", total)
	if total > 100_000 {
		t.Errorf("the editing page weighs %d bytes, more than 100 KB", total)
	}
}

// TestDraftLanguage makes a roadmap in Lithuanian and in Greek: the page
// is in that language and says that no native speaker has reviewed it.
func TestDraftLanguage(t *testing.T) {
	dir := t.TempDir()
	h := newServer(t, dir)
	b := contenttest.Bundle(t)
	for _, code := range []string{"lt", "el"} {
		lang, err := b.Language(code)
		if err != nil {
			t.Fatal(err)
		}
		res, _ := post(t, h, "/new", url.Values{"form": {"municipality"}, "lang": {code}, "org": {"Ąžuolų savivaldybė Δήμος"}})
		loc := res.Header.Get("Location")
		_, body := call(t, h, "GET", loc, nil)
		if !strings.Contains(body, `<html lang="`+code+`">`) || !strings.Contains(body, html.EscapeString(lang.StatusNote)) ||
			!strings.Contains(body, html.EscapeString(lang.Label("serve.answer"))) {
			t.Errorf("%s: the page is not in its language or lacks the draft note", code)
		}
		v := fields(t, h, strings.TrimPrefix(loc, "/r/"))
		if v.Get("rev") == "" {
			t.Fatalf("%s: no editing page at %s", code, loc)
		}
		v.Set("cp.target-group.answer", "Ąžuolas ir Καλημέρα σας")
		if res, body := post(t, h, loc, v, "Accept", "application/json"); res.StatusCode != 200 {
			t.Errorf("%s: save = %d %s", code, res.StatusCode, body)
		}
		name, _ := url.PathUnescape(strings.TrimPrefix(loc, "/r/"))
		if data := read(t, filepath.Join(dir, name)); !strings.Contains(data, "Ąžuolas ir Καλημέρα σας") {
			t.Errorf("%s: the answer is not in the file", code)
		}
	}
}

// TestStaticServed: the style sheet and the script are served without
// their comments and indentation, every line of code kept, and a browser
// that has them is told they have not changed (304).
func TestStaticServed(t *testing.T) {
	h := newServer(t, t.TempDir())
	for _, name := range []string{"app.js", "app.css"} {
		src, err := os.ReadFile(filepath.Join("static", name))
		if err != nil {
			t.Fatal(err)
		}
		res, body := call(t, h, "GET", "/static/"+name, nil)
		if res.StatusCode != 200 || len(body) >= len(src) {
			t.Fatalf("%s: %d, %d bytes of %d", name, res.StatusCode, len(body), len(src))
		}
		// The source's lines of code, trimmed: without its comment lines
		// (//, or within /* */).
		var code []string
		text := string(src)
		if name == "app.css" {
			text = regexp.MustCompile(`(?s)/\*.*?\*/`).ReplaceAllString(text, "")
		}
		for _, line := range strings.Split(text, "\n") {
			if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "//") {
				code = append(code, line)
			}
		}
		if got := strings.Split(strings.TrimSuffix(body, "\n"), "\n"); !slices.Equal(got, code) || name == "app.css" && strings.Contains(body, "/*") {
			t.Errorf("%s is served as:\n%s\nwant its lines of code:\n%s", name, body, strings.Join(code, "\n"))
		}
		if res, _ := call(t, h, "GET", "/static/"+name, nil, "If-None-Match", res.Header.Get("ETag")); res.StatusCode != http.StatusNotModified {
			t.Errorf("%s again, with its ETag: %d, want 304", name, res.StatusCode)
		}
	}
}
