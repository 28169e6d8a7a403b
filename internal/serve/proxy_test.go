package serve_test

import (
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/partnership-roadmap/roadmap/internal/access"
	"github.com/partnership-roadmap/roadmap/internal/serve"
)

// callFrom sends a GET of target from the address remote with the headers
// hdr (Host among them).
func callFrom(t *testing.T, h http.Handler, remote, target string, hdr ...string) *http.Response {
	t.Helper()
	r := httptest.NewRequest("GET", target, nil)
	r.RemoteAddr = remote
	r.Host = "roadmaps.example.lv"
	for i := 0; i+1 < len(hdr); i += 2 {
		if hdr[i] == "Host" {
			r.Host = hdr[i+1]
			continue
		}
		r.Header.Set(hdr[i], hdr[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w.Result()
}

// TestProxy checks a server behind a reverse proxy: a request through the
// trusted proxy, with the public address as its Host and the browser's
// address in X-Forwarded-For, still needs a link; the proxy's
// X-Forwarded-Proto makes the cookie Secure and its X-Forwarded-Host is
// checked as the Host; from any other address those headers are ignored.
func TestProxy(t *testing.T) {
	dir := t.TempDir()
	copyExample(t, dir, roadmapA)
	_, tok, err := access.Open(dir).Add(access.Link{Roadmap: roadmapA}, clock)
	if err != nil {
		t.Fatal(err)
	}
	h := newServer(t, dir, func(o *serve.Options) {
		o.Access = access.Open(dir)
		o.Now = func() time.Time { return clock }
		o.PublicURL = "http://roadmaps.example.lv"
		o.TrustedProxies = []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32"), netip.MustParsePrefix("10.0.0.0/8")}
	})
	const proxy, stranger = "127.0.0.1:41000", "198.51.100.7:41000"
	for _, c := range []struct {
		what, remote string
		hdr          []string
		want         int
	}{
		{"through the proxy without a link", proxy, []string{"X-Forwarded-For", "203.0.113.5", "X-Forwarded-Proto", "https"}, 401},
		{"through the proxy as nginx sends it by default (Host of the upstream)", proxy, []string{"Host", "127.0.0.1:8080", "X-Forwarded-For", "203.0.113.5"}, 401},
		{"from a stranger pretending to come from the proxy's side", stranger, []string{"X-Forwarded-For", "127.0.0.1"}, 401},
		{"through the proxy for another site", proxy, []string{"X-Forwarded-Host", "evil.example", "Cookie", "roadmap_token=" + tok}, 421},
		{"to another name", stranger, []string{"Host", "evil.example", "Cookie", "roadmap_token=" + tok}, 421},
		{"from a stranger, whose X-Forwarded-Host is ignored", stranger, []string{"X-Forwarded-Host", "evil.example", "Cookie", "roadmap_token=" + tok}, 200},
		{"through the proxy with the link", proxy, []string{"X-Forwarded-For", "203.0.113.5, 10.1.2.3", "Cookie", "roadmap_token=" + tok}, 200},
	} {
		if res := callFrom(t, h, c.remote, "/r/"+roadmapA, c.hdr...); res.StatusCode != c.want {
			t.Errorf("%s: %d, want %d", c.what, res.StatusCode, c.want)
		}
	}
	secure := func(remote string, hdr ...string) bool {
		t.Helper()
		res := callFrom(t, h, remote, "/r/"+roadmapA+"?token="+tok, hdr...)
		c := res.Cookies()
		if res.StatusCode != 303 || len(c) != 1 {
			t.Fatalf("the link = %d %v", res.StatusCode, c)
		}
		return c[0].Secure
	}
	if !secure(proxy, "X-Forwarded-Proto", "https") {
		t.Error("through the proxy over HTTPS the cookie is not Secure")
	}
	if secure(proxy, "X-Forwarded-Proto", "http") {
		t.Error("through the proxy over HTTP the cookie is Secure (the browser would not send it back)")
	}
	if secure(stranger, "X-Forwarded-Proto", "https") {
		t.Error("a stranger's X-Forwarded-Proto was believed")
	}

	// The audit log names the browser's address: the one the trusted proxy
	// forwards, or a stranger's own, whatever it claims.
	for _, c := range []struct{ remote, xff, want string }{
		{proxy, "198.51.100.99, 203.0.113.5", "203.0.113.5"},
		{stranger, "203.0.113.77", "198.51.100.7"},
	} {
		v := fields(t, newServer(t, dir), roadmapA)
		v.Set("org.contact", "via "+c.remote)
		r := httptest.NewRequest("POST", "/r/"+roadmapA, strings.NewReader(v.Encode()))
		r.RemoteAddr, r.Host = c.remote, "roadmaps.example.lv"
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		r.Header.Set("X-Forwarded-For", c.xff)
		r.Header.Set("Cookie", "roadmap_token="+tok)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code != 303 {
			t.Fatalf("save from %s = %d", c.remote, w.Code)
		}
		lines := auditLines(t, dir)
		if got := lines[len(lines)-1]["ip"]; got != c.want {
			t.Errorf("a save from %s forwarding %q is logged from %v, want %s", c.remote, c.xff, got, c.want)
		}
	}

	// An https public address makes the cookie Secure whoever forwards.
	hs := newServer(t, dir, func(o *serve.Options) {
		o.Access = access.Open(dir)
		o.PublicURL = "https://roadmaps.example.lv"
	})
	res := callFrom(t, hs, stranger, "/r/"+roadmapA+"?token="+tok)
	if c := res.Cookies(); res.StatusCode != 303 || len(c) != 1 || !c[0].Secure {
		t.Errorf("with an https public address: %d %v", res.StatusCode, c)
	}
	if res := callFrom(t, hs, stranger, "/", "Host", "Roadmaps.Example.LV."); res.StatusCode != 401 || !strings.Contains(res.Header.Get("Content-Type"), "text/html") {
		t.Errorf("the public name in capitals with a final dot: %d, want 401 (the name accepted, a link asked for)", res.StatusCode)
	}
}
