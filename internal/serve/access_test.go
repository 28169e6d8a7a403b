package serve_test

import (
	"bytes"
	"encoding/json"
	"html"
	"io/fs"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/partnership-roadmap/roadmap/internal/access"
	"github.com/partnership-roadmap/roadmap/internal/contenttest"
	"github.com/partnership-roadmap/roadmap/internal/serve"
)

const (
	roadmapA = "brinumins-community-lv.yaml"
	roadmapB = "talsi-municipality-lv.yaml"
)

// versionID names the earlier version and the archived roadmap of a
// linkFolder.
const versionID = "20270227T120000.000000000Z"

func writeFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
}

// clock is the moment the access tests run at.
var clock = time.Date(2027, 3, 1, 12, 0, 0, 0, time.UTC)

// linkFolder makes a folder with roadmaps A and B and one link of each
// kind, and returns the cookie header of each ("" for no link).
func linkFolder(t *testing.T) (dir string, cookies map[string]string) {
	t.Helper()
	dir = t.TempDir()
	copyExample(t, dir, roadmapA)
	copyExample(t, dir, roadmapB)
	st := access.Open(dir)
	add := func(l access.Link) (access.Link, string) {
		l, tok, err := st.Add(l, clock.Add(-24*time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		return l, "roadmap_token=" + tok
	}
	cookies = map[string]string{"no link": ""}
	_, cookies["A"] = add(access.Link{Roadmap: roadmapA, Label: "Brīnumiņš"})
	_, cookies["A read-only"] = add(access.Link{Roadmap: roadmapA, ReadOnly: true, Label: "board"})
	_, cookies["coordinator"] = add(access.Link{Coordinator: true, Label: "Anna"})
	rev, c := add(access.Link{Roadmap: roadmapA, Label: "old"})
	if _, err := st.Revoke(rev.ID, clock.Add(-time.Hour)); err != nil {
		t.Fatal(err)
	}
	cookies["revoked"] = c
	_, cookies["expired"] = add(access.Link{Roadmap: roadmapA, Label: "last year", Expires: clock.Add(-time.Minute)})
	// An earlier version of A and a roadmap in the archive, to restore.
	data, _ := os.ReadFile(filepath.Join(dir, roadmapA))
	old, _ := json.Marshal(map[string]any{"name": roadmapA, "time": clock.Add(-48 * time.Hour), "by": "Anna",
		"data": strings.Replace(string(data), "Biedrība", "Vecā biedrība", 1)})
	writeFile(t, filepath.Join(dir, ".roadmap", "history", roadmapA, versionID+".json"), old)
	arch, _ := json.Marshal(map[string]any{"name": "archived.yaml", "time": clock.Add(-48 * time.Hour), "by": "Anna", "data": string(data)})
	writeFile(t, filepath.Join(dir, ".roadmap", "archive", versionID+".json"), arch)
	return dir, cookies
}

// snapshot is every file under dir (the access list too) with its bytes.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := os.ReadFile(p)
			m[p] = string(b)
		}
		return nil
	})
	return m
}

// TestAccessMatrix sends every route with each kind of link: exactly the
// allowed ones succeed; the others are refused with 401, 403 or 404 and
// change nothing on disk.
func TestAccessMatrix(t *testing.T) {
	type route struct {
		method, path string
		// body makes the request's body and content type (nil: none).
		body func(t *testing.T, dir string) (string, string)
		// allowed are the links it succeeds for, with the status.
		allowed map[string]int
	}
	save := func(name string) func(t *testing.T, dir string) (string, string) {
		return func(t *testing.T, dir string) (string, string) {
			v := fields(t, newServer(t, dir), name)
			v.Set("org.contact", "changed by the test")
			return v.Encode(), "application/x-www-form-urlencoded"
		}
	}
	newForm := func(*testing.T, string) (string, string) {
		return url.Values{"form": {"community"}, "lang": {"lv"}, "org": {"Jauna"}}.Encode(), "application/x-www-form-urlencoded"
	}
	uploadForm := func(t *testing.T, _ string) (string, string) {
		data, _ := os.ReadFile("../../examples/" + roadmapA)
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		fw, _ := mw.CreateFormFile("file", "uploaded.yaml")
		fw.Write(data)
		mw.Close()
		return buf.String(), mw.FormDataContentType()
	}
	form := func(kv ...string) func(*testing.T, string) (string, string) {
		return func(*testing.T, string) (string, string) {
			v := url.Values{}
			for i := 0; i+1 < len(kv); i += 2 {
				v.Set(kv[i], kv[i+1])
			}
			return v.Encode(), "application/x-www-form-urlencoded"
		}
	}
	coord303 := map[string]int{"coordinator": 303}
	everyone := map[string]int{"no link": 200, "A": 200, "A read-only": 200, "coordinator": 200, "revoked": 200, "expired": 200}
	everyA := map[string]int{"A": 200, "A read-only": 200, "coordinator": 200}
	coord := map[string]int{"coordinator": 200}
	routes := []route{
		{"GET", "/", nil, map[string]int{"A": 303, "A read-only": 303, "coordinator": 200}},
		{"POST", "/new", newForm, map[string]int{"coordinator": 303}},
		{"POST", "/upload", uploadForm, map[string]int{"coordinator": 303}},
		{"GET", "/r/" + roadmapA, nil, everyA},
		{"POST", "/r/" + roadmapA, save(roadmapA), map[string]int{"A": 303, "coordinator": 303}},
		{"GET", "/r/" + roadmapA + "/form.pdf", nil, everyA},
		{"GET", "/r/" + roadmapA + "/plans.xlsx", nil, everyA},
		{"GET", "/r/" + roadmapA + "/answers.yaml", nil, everyA},
		{"GET", "/r/" + roadmapB, nil, coord},
		{"POST", "/r/" + roadmapB, save(roadmapB), map[string]int{"coordinator": 303}},
		{"GET", "/r/" + roadmapB + "/form.pdf", nil, coord},
		{"GET", "/r/" + roadmapB + "/plans.xlsx", nil, coord},
		{"GET", "/r/" + roadmapB + "/answers.yaml", nil, coord},
		{"GET", "/r/nosuch.yaml", nil, map[string]int{}},
		{"GET", "/blank/lv/pack.zip", nil, coord},
		{"GET", "/blank/lv/guide.pdf", nil, coord},
		{"GET", "/all/lv/overview.pdf", nil, coord},
		{"GET", "/all/lv/plans.ics", nil, coord},
		{"GET", "/r/" + roadmapA + "/history", nil, everyA},
		{"POST", "/r/" + roadmapA + "/restore", form("version", versionID), map[string]int{"A": 303, "coordinator": 303}},
		{"POST", "/r/" + roadmapA + "/archive", form(), coord303},
		{"GET", "/r/" + roadmapB + "/history", nil, coord},
		{"POST", "/r/" + roadmapB + "/restore", form("version", versionID), map[string]int{}},
		{"POST", "/r/" + roadmapB + "/archive", form(), coord303},
		{"GET", "/r/" + roadmapA + "/export.zip", nil, coord},
		{"POST", "/r/" + roadmapA + "/erase", form("confirm", "1"), coord303},
		{"GET", "/r/" + roadmapB + "/export.zip", nil, coord},
		{"POST", "/r/" + roadmapB + "/erase", form("confirm", "1"), coord303},
		{"GET", "/privacy", nil, everyone},
		{"GET", "/workshop", nil, map[string]int{}}, // a server without workshop links: 404 to the coordinator
		{"GET", "/archive", nil, coord},
		{"POST", "/archive/restore", form("id", versionID), coord303},
		{"GET", "/audit.jsonl", nil, coord},
		{"GET", "/static/app.css", nil, everyone},
	}
	who := []string{"no link", "A", "A read-only", "coordinator", "revoked", "expired"}
	for _, rt := range routes {
		for _, id := range who {
			t.Run(rt.method+" "+rt.path+" as "+id, func(t *testing.T) {
				dir, cookies := linkFolder(t)
				h := newServer(t, dir, func(o *serve.Options) {
					o.Access = access.Open(dir)
					o.Now = func() time.Time { return clock }
				})
				var body *strings.Reader
				hdr := []string{"Accept-Language", "en"}
				if rt.body != nil {
					b, ctype := rt.body(t, dir)
					body = strings.NewReader(b)
					hdr = append(hdr, "Content-Type", ctype)
				}
				if c := cookies[id]; c != "" {
					hdr = append(hdr, "Cookie", c)
				}
				before := snapshot(t, dir)
				var res *http.Response
				var text string
				if body != nil {
					res, text = call(t, h, rt.method, rt.path, body, hdr...)
				} else {
					res, text = call(t, h, rt.method, rt.path, nil, hdr...)
				}
				changed := !mapsEqual(before, snapshot(t, dir))
				if want, ok := rt.allowed[id]; ok {
					if res.StatusCode != want {
						t.Fatalf("status %d, want %d\n%.300s", res.StatusCode, want, text)
					}
					if rt.path == "/" && id != "coordinator" && res.Header.Get("Location") != "/r/"+roadmapA {
						t.Errorf("the home page sends a person's link to %q, want its roadmap", res.Header.Get("Location"))
					}
					if rt.method == "POST" && rt.path != "/r/"+roadmapB+"/restore" && !changed {
						t.Error("an allowed change left the folder as it was")
					}
					return
				}
				want := 403
				switch {
				case id == "no link" || id == "revoked" || id == "expired":
					want = 401
				case id == "coordinator":
					want = 404 // no such roadmap, or no such version of B
				case strings.HasSuffix(rt.path, "/archive") || strings.HasSuffix(rt.path, "/erase") || strings.HasSuffix(rt.path, "/export.zip"):
					want = 403 // the coordinator's, whichever roadmap
				case strings.HasPrefix(rt.path, "/r/") && !strings.HasPrefix(rt.path, "/r/"+roadmapA):
					want = 404 // for a person's link no other roadmap exists
				}
				if res.StatusCode != want {
					t.Errorf("status %d, want %d\n%.300s", res.StatusCode, want, text)
				}
				key := map[int]string{
					401: "serve.error.token",
					403: "serve.error.coordinator",
					404: "serve.error.notfound",
				}[want]
				switch {
				case id == "revoked" || id == "expired":
					key = "serve.error.linkgone"
				case id == "A read-only" && rt.method == "POST" && (rt.path == "/r/"+roadmapA || rt.path == "/r/"+roadmapA+"/restore"):
					key = "serve.readonlylink"
				}
				// The refusal is in the language of what was asked for
				// (both roadmaps are Latvian), when the link may see it;
				// else in the browser's, English.
				lang := "en"
				switch {
				case strings.HasPrefix(rt.path, "/blank/lv/") || strings.HasPrefix(rt.path, "/all/lv/"),
					strings.HasPrefix(rt.path, "/r/"+roadmapA) && (id == "A" || id == "A read-only" || id == "coordinator"),
					strings.HasPrefix(rt.path, "/r/"+roadmapB) && id == "coordinator":
					lang = "lv"
				}
				msg := html.EscapeString(contenttest.Language(t, lang).Label(key))
				if !strings.Contains(text, msg) || !strings.Contains(text, `<html lang="`+lang+`">`) {
					t.Errorf("the refusal does not say %q in %s:\n%.400s", msg, lang, text)
				}
				if strings.Contains(text, "Brīnumiņš") || strings.Contains(text, "Talsu") {
					t.Errorf("a refusal shows a roadmap's content:\n%.400s", text)
				}
				if changed {
					t.Error("a refused request changed the folder")
				}
			})
		}
	}
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// TestAccessLink follows a person's link as its holder does: the link in
// the address sets a cookie (HttpOnly, SameSite=Lax, expiring with the
// link) and leads on to the roadmap without the secret; the read-only
// link shows the page as not editable; a link revoked by "roadmap access"
// stops working at the next request, without a restart.
func TestAccessLink(t *testing.T) {
	dir := t.TempDir()
	copyExample(t, dir, roadmapA)
	st := access.Open(dir)
	l, tok, err := st.Add(access.Link{Roadmap: roadmapA, Label: "Brīnumiņš", Expires: clock.Add(30 * 24 * time.Hour)}, clock)
	if err != nil {
		t.Fatal(err)
	}
	_, roTok, _ := st.Add(access.Link{Roadmap: roadmapA, ReadOnly: true}, clock)
	h := newServer(t, dir, func(o *serve.Options) {
		o.Access = access.Open(dir)
		o.Now = func() time.Time { return clock }
	})
	raw, _ := os.ReadFile(filepath.Join(dir, access.Folder, "access.json"))
	if strings.Contains(string(raw), tok) {
		t.Error("the access list holds the link's secret")
	}
	if len(tok) < 32 {
		t.Errorf("the secret %q is shorter than 128 bits of base64", tok)
	}
	res, _ := call(t, h, "GET", "/r/"+roadmapA+"?token="+tok, nil)
	c := res.Cookies()
	if res.StatusCode != 303 || res.Header.Get("Location") != "/r/"+roadmapA || len(c) != 1 {
		t.Fatalf("the link = %d %q %v", res.StatusCode, res.Header.Get("Location"), c)
	}
	if !c[0].HttpOnly || c[0].SameSite != http.SameSiteLaxMode || c[0].Secure || !c[0].Expires.Equal(clock.Add(30*24*time.Hour)) {
		t.Errorf("the cookie is %v; want HttpOnly, SameSite=Lax, expiring with the link", c[0])
	}
	cookie := "roadmap_token=" + c[0].Value
	if res, body := call(t, h, "GET", "/r/"+roadmapA, nil, "Cookie", cookie); res.StatusCode != 200 || !strings.Contains(body, `<input id="f-org-name" name="org.name" value="Biedrība &#34;Brīnumiņš&#34;"`) || strings.Contains(body, " inert") {
		t.Errorf("the roadmap by its link = %d", res.StatusCode)
	}
	res, _ = call(t, h, "GET", "/r/"+roadmapA+"?token="+roTok, nil)
	roCookie := "roadmap_token=" + res.Cookies()[0].Value
	if res, body := call(t, h, "GET", "/r/"+roadmapA, nil, "Cookie", roCookie, "Accept-Language", "en"); res.StatusCode != 200 ||
		!strings.Contains(body, `novalidate inert`) || !strings.Contains(body, "Šī saite ļauj ceļa karti tikai skatīt: izmaiņas netiek saglabātas.") {
		t.Errorf("the read-only link's page = %d, must be inert and say so", res.StatusCode)
	}
	// Over HTTPS the cookie is sent over HTTPS only.
	r := httpsRequest("/r/" + roadmapA + "?token=" + tok)
	w := recorder(h, r)
	if c := w.Result().Cookies(); len(c) != 1 || !c[0].Secure {
		t.Errorf("the cookie over HTTPS is %v; want Secure", c)
	}

	if _, err := access.Open(dir).Revoke(l.ID, clock); err != nil {
		t.Fatal(err)
	}
	if res, body := call(t, h, "GET", "/r/"+roadmapA, nil, "Cookie", cookie, "Accept-Language", "en"); res.StatusCode != 401 || !strings.Contains(body, "no longer works") {
		t.Errorf("a revoked link = %d, want 401 at once", res.StatusCode)
	}
	if res, _ := call(t, h, "GET", "/r/"+roadmapA+"?token="+tok, nil); res.StatusCode != 401 || len(res.Cookies()) != 0 {
		t.Errorf("a revoked link in the address = %d %v", res.StatusCode, res.Cookies())
	}
}

// httpsRequest is a GET of target as it reaches a server over HTTPS.
func httpsRequest(target string) *http.Request {
	r := httptest.NewRequest("GET", "https://127.0.0.1:8443"+target, nil)
	r.Host = "127.0.0.1:8443"
	return r
}

func recorder(h http.Handler, r *http.Request) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}
