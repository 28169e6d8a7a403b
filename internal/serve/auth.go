package serve

import (
	"context"
	"crypto/subtle"
	"net/http"
	"net/netip"
	"strings"
	"time"

	"github.com/partnership-roadmap/roadmap/internal/access"
)

// grant is what the request's link allows.
type grant struct {
	// all: every roadmap, the folder's documents, new roadmaps (a
	// coordinator's link, the workshop key, or a server for this computer
	// alone).
	all bool
	// roadmap is the one roadmap a person's link opens.
	roadmap  string
	readOnly bool
	// label names the link's holder ("coordinator", "workshop", "local"
	// or the link's label).
	label string
}

type grantKey struct{}

// grantOf returns the grant authorize gave the request.
func grantOf(r *http.Request) grant {
	g, _ := r.Context().Value(grantKey{}).(grant)
	return g
}

// tokenCookie carries the access link's secret after the first visit.
const tokenCookie = "roadmap_token"

// cookieDays is how long a browser keeps a link that does not expire.
const cookieDays = 180

func (s *Server) now() time.Time {
	if s.opts.Now != nil {
		return s.opts.Now()
	}
	return time.Now()
}

// identify returns the grant of the secret token, and whether it is
// known; gone is set for a link revoked or expired.
func (s *Server) identify(token string) (g grant, expires time.Time, ok, gone bool, err error) {
	if token == "" {
		return grant{}, time.Time{}, false, false, nil
	}
	if s.opts.Token != "" && subtle.ConstantTimeCompare([]byte(token), []byte(s.opts.Token)) == 1 {
		return grant{all: true, label: "workshop"}, time.Time{}, true, false, nil
	}
	if s.opts.Access == nil {
		return grant{}, time.Time{}, false, false, nil
	}
	l, state, found, err := s.opts.Access.Find(token, s.now())
	if err != nil || !found {
		return grant{}, time.Time{}, false, false, err
	}
	if state != access.Active {
		return grant{}, time.Time{}, false, true, nil
	}
	g = grant{all: l.Coordinator, roadmap: l.Roadmap, readOnly: l.ReadOnly && !l.Coordinator, label: l.Label}
	if g.label == "" {
		g.label = l.ID
	}
	return g, l.Expires, true, false, nil
}

// authorize finds what the request may do and hands it on with its grant.
// A server with neither the workshop key nor an access list serves this
// computer alone and grants everything; otherwise the request must show a
// working link: in the address (?token=..., the link handed out), which
// sets the cookie and sends the browser on to the same page without it,
// or in the cookie. The style sheets are served to anyone, so that the
// page asking for a link has its look, and so is the privacy notice.
func (s *Server) authorize(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if s.opts.Token == "" && s.opts.Access == nil {
			next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), grantKey{}, grant{all: true, label: "local"})))
			return
		}
		if strings.HasPrefix(r.URL.Path, "/static/") || r.URL.Path == "/privacy" {
			next.ServeHTTP(w, r)
			return
		}
		if t := r.URL.Query().Get("token"); t != "" && r.Method == http.MethodGet {
			_, expires, ok, gone, err := s.identify(t)
			if err != nil {
				s.opts.Logf("serve: reading the access list: %v", err)
				s.refuse(w, r, http.StatusInternalServerError, "serve.error.folder")
				return
			}
			if gone {
				s.refuse(w, r, http.StatusUnauthorized, "serve.error.linkgone")
				return
			}
			if ok {
				c := &http.Cookie{Name: tokenCookie, Value: t, Path: "/", HttpOnly: true,
					SameSite: http.SameSiteLaxMode, Secure: s.secure(r)}
				if !expires.IsZero() {
					c.Expires = expires
				} else if s.opts.Access != nil {
					c.MaxAge = cookieDays * 24 * 60 * 60
				}
				http.SetCookie(w, c)
				q := r.URL.Query()
				q.Del("token")
				http.Redirect(w, r, localURL(r.URL.EscapedPath(), q.Encode()), http.StatusSeeOther)
				return
			}
		}
		if c, err := r.Cookie(tokenCookie); err == nil {
			g, _, ok, gone, err := s.identify(c.Value)
			if err != nil {
				s.opts.Logf("serve: reading the access list: %v", err)
				s.refuse(w, r, http.StatusInternalServerError, "serve.error.folder")
				return
			}
			if gone {
				s.refuse(w, r, http.StatusUnauthorized, "serve.error.linkgone")
				return
			}
			if ok {
				next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), grantKey{}, g)))
				return
			}
		}
		s.refuse(w, r, http.StatusUnauthorized, "serve.error.token")
	})
}

// secure reports whether the browser reaches the server over HTTPS, so
// that the cookie is sent over HTTPS only: the server's own TLS, a public
// address that is https, or a trusted proxy that says so.
func (s *Server) secure(r *http.Request) bool {
	return r.TLS != nil || s.secureURL || s.client(r).https
}

// clientInfo is who sent a request, as far as the server can believe it.
type clientInfo struct {
	// ip is the browser's address: the connection's, or the one a trusted
	// proxy names in X-Forwarded-For.
	ip string
	// https: a trusted proxy says the browser used HTTPS.
	https bool
	// host is the Host the browser asked for (a trusted proxy's
	// X-Forwarded-Host, else the request's Host).
	host string
}

// client returns who sent r. X-Forwarded-* headers count only from the
// addresses of Options.TrustedProxies; from anyone else they are ignored,
// since anyone can send them.
func (s *Server) client(r *http.Request) clientInfo {
	c := clientInfo{ip: r.RemoteAddr, host: r.Host}
	if ap, err := netip.ParseAddrPort(r.RemoteAddr); err == nil {
		c.ip = ap.Addr().Unmap().String()
	}
	if !s.trusted(c.ip) {
		return c
	}
	// The rightmost address no trusted proxy has is the browser's: what
	// stands left of it anyone could have written.
	var hops []string
	for _, v := range r.Header.Values("X-Forwarded-For") {
		for h := range strings.SplitSeq(v, ",") {
			hops = append(hops, strings.TrimSpace(h))
		}
	}
	for i := len(hops) - 1; i >= 0; i-- {
		c.ip = hops[i]
		if !s.trusted(hops[i]) {
			break
		}
	}
	if p := r.Header.Get("X-Forwarded-Proto"); p != "" {
		c.https = strings.EqualFold(strings.TrimSpace(strings.Split(p, ",")[0]), "https")
	}
	if h := r.Header.Get("X-Forwarded-Host"); h != "" {
		c.host = strings.TrimSpace(strings.Split(h, ",")[0])
	}
	return c
}

// trusted reports whether ip is one of the trusted proxies.
func (s *Server) trusted(ip string) bool {
	a, err := netip.ParseAddr(ip)
	if err != nil {
		return false
	}
	a = a.Unmap()
	for _, p := range s.opts.TrustedProxies {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// coordinator lets through a request of a link that opens everything; any
// other is refused (403): the folder's documents and new roadmaps are the
// coordinator's.
func (s *Server) coordinator(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if !grantOf(r).all {
			s.refuse(w, r, http.StatusForbidden, "serve.error.coordinator")
			return
		}
		h(w, r)
	}
}

// reader lets through a request for the roadmap {name} of a link that
// opens it; to any other link the roadmap does not exist (404), so that a
// link tells nothing of the folder's other roadmaps.
func (s *Server) reader(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if g := grantOf(r); !g.all && g.roadmap != r.PathValue("name") {
			s.refuse(w, r, http.StatusNotFound, "serve.error.notfound")
			return
		}
		h(w, r)
	}
}

// writer is reader, and refuses (403) a read-only link.
func (s *Server) writer(h http.HandlerFunc) http.HandlerFunc {
	return s.reader(func(w http.ResponseWriter, r *http.Request) {
		if grantOf(r).readOnly {
			s.refuse(w, r, http.StatusForbidden, "serve.readonlylink")
			return
		}
		h(w, r)
	})
}
