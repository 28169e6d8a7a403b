package serve_test

import (
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partnership-roadmap/roadmap/internal/answers"
	"github.com/partnership-roadmap/roadmap/internal/contenttest"
	"github.com/partnership-roadmap/roadmap/internal/serve"
)

// TestNewValid: POST /new once made files that validate refused (a name
// of 300 characters, a name holding an escape character). What it makes
// is valid; what would not be is refused, saying why, and nothing is made.
func TestNewValid(t *testing.T) {
	dir := t.TempDir()
	h := newServer(t, dir)
	res, body := post(t, h, "/new", url.Values{"form": {"community"}, "lang": {"en"}, "org": {strings.Repeat("Ābele ", 50)}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "ir par garu: 299 rakstzīmes; atļauts: ne vairāk kā 200 rakstzīmes") {
		t.Errorf("a name of 300 characters: %d\n%s", res.StatusCode, body)
	}
	res, body = post(t, h, "/new", url.Values{"form": {"community"}, "lang": {"en"}, "org": {"Org\x1b]0;x\x07"}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "satur vadības rakstzīmi U&#43;001B ESCAPE") {
		t.Errorf("a name with an escape character: %d\n%s", res.StatusCode, body[strings.Index(body, "<main"):])
	}
	if entries := answersFiles(t, dir); len(entries) != 0 {
		t.Errorf("refused roadmaps left files: %v", entries)
	}
	// Line breaks in the name become spaces; the file made is valid.
	res, _ = post(t, h, "/new", url.Values{"form": {"community"}, "lang": {"en"}, "org": {"Two\r\nlines\tand a tab"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("a name with a line break: %d", res.StatusCode)
	}
	entries := answersFiles(t, dir)
	if len(entries) != 1 {
		t.Fatalf("files: %v", entries)
	}
	f, err := answers.ReadFile(filepath.Join(dir, entries[0].Name()), contenttest.Bundle(t))
	if err != nil {
		t.Fatalf("the new file is not valid: %v", err)
	}
	if f.Organisation.Name != "Two lines and a tab" {
		t.Errorf("name %q", f.Organisation.Name)
	}
}

// TestTemporaryFilesCleaned: the temporary file of a save that a killed
// server left is removed when the next one starts; other files stay.
func TestTemporaryFilesCleaned(t *testing.T) {
	dir := t.TempDir()
	copyExample(t, dir, example)
	left := filepath.Join(dir, ".roadmap-999999999-3.tmp")
	os.WriteFile(left, []byte("half a file"), 0o644)
	newServer(t, dir)
	if _, err := os.Stat(left); !os.IsNotExist(err) {
		t.Errorf("%s is still there", left)
	}
	if _, err := os.Stat(filepath.Join(dir, example)); err != nil {
		t.Error(err)
	}
}

// TestNoListingNoRedirectAway: /static/ lists nothing, and the link with
// the access token sends the browser to a page of this server only (a
// path like //evil.example/ once redirected to that site).
func TestNoListingNoRedirectAway(t *testing.T) {
	h := newServer(t, t.TempDir(), func(o *serve.Options) { o.Token = "secret" })
	c := []string{"Cookie", "roadmap_token=secret"}
	if res, body := call(t, h, "GET", "/static/", nil, c...); res.StatusCode != http.StatusNotFound || strings.Contains(body, "app.js") {
		t.Errorf("GET /static/ = %d:\n%s", res.StatusCode, body)
	}
	if res, _ := call(t, h, "GET", "/static/app.js", nil, c...); res.StatusCode != http.StatusOK {
		t.Errorf("GET /static/app.js = %d", res.StatusCode)
	}
	for _, target := range []string{"//evil.example/?token=secret", "/%2F%2Fevil.example/?token=secret", "/%5Cevil.example?token=secret", "/?token=secret&lang=en"} {
		res, _ := call(t, h, "GET", target, nil)
		loc := res.Header.Get("Location")
		u, err := url.Parse(loc)
		if err != nil || u.Host != "" || u.Scheme != "" || !strings.HasPrefix(loc, "/") || strings.HasPrefix(loc, "//") || strings.HasPrefix(loc, "/\\") {
			t.Errorf("GET %s: %d to %q, want a page of this server", target, res.StatusCode, loc)
		}
	}
}
