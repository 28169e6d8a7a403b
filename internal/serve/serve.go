// Package serve is the web application of "roadmap serve": the roadmaps of
// one folder of answers files, filled in from a browser. The answers files
// stay the one source of truth: every change is validated as "roadmap
// validate" does and written back, atomically and synced, in the format the
// other commands read; the documents are made in-process by the same
// packages the commands use.
//
// Everything the pages need (templates, style sheet, a few lines of script)
// is embedded; a page makes no request to another site.
package serve

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"hash/fnv"
	"html/template"
	"io/fs"
	"log"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"os"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/partnership-roadmap/roadmap/internal/access"
	"github.com/partnership-roadmap/roadmap/internal/answers"
	"github.com/partnership-roadmap/roadmap/internal/backup"
	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/fsutil"
	"github.com/partnership-roadmap/roadmap/internal/pdf"
)

//go:embed templates/*.html static/*
var assets embed.FS

// Options configure a Server.
type Options struct {
	// Dir is the folder of answers files; it must exist.
	Dir string
	// Content is the roadmap content, in every language.
	Content *content.Bundle
	// Theme is the look of the PDFs, and gives the pages their step and
	// audience colours.
	Theme pdf.Theme
	// DocDate is the creation date written into the documents made from a
	// roadmap (nil: the answers' date, else a fixed date).
	DocDate func(*answers.File) time.Time
	// Today is the date an overview counts overdue rows on (nil: the
	// clock's).
	Today func() time.Time
	// Token, when not empty, is the workshop key: a secret a browser must
	// show (once in the address, then in a cookie) before any page is
	// served, which then opens everything, as a coordinator's link does.
	Token string
	// Access, when not nil, is the folder's list of access links: every
	// page then needs a working link of it (or Token), whatever address
	// the server listens on, and a person's link opens one roadmap only.
	Access *access.Store
	// Now is the clock links expire by (nil: the system's).
	Now func() time.Time
	// PublicURL is the address people open (https://roadmaps.example.lv)
	// when the server is behind a proxy or on a name of its own: its host
	// is a name the Host header may give, and an https address makes the
	// cookie Secure.
	PublicURL string
	// TrustedProxies are the addresses of the reverse proxies whose
	// X-Forwarded-For, -Proto and -Host headers are believed; from any
	// other address those headers are ignored.
	TrustedProxies []netip.Prefix
	// Hosts are the host names (without port) the Host header may name;
	// empty means the loopback names: localhost, 127.0.0.1, ::1.
	Hosts []string
	// AnyIPHost lets the Host header be any IP address as well, for a
	// server on a network address (a token guards it then).
	AnyIPHost bool
	// WorkshopLinks are the links, holding Token, by which phones on the
	// workshop's network reach the server (one per network address); the
	// list page shows them as QR codes.
	WorkshopLinks []string
	// Logf logs a failure the person at the browser cannot fix; nil logs
	// to the standard logger.
	Logf func(format string, args ...any)
}

// Server serves the roadmaps of one folder. It is an http.Handler.
type Server struct {
	opts    Options
	store   *store
	tmpl    *template.Template
	handler http.Handler
	hosts   map[string]bool
	// secureURL: the public address is https, so the cookie is Secure.
	secureURL bool

	// mu and names serialise changes: a save holds mu shared and its
	// roadmap's lock of names, so the check of the revision and the write
	// are one step while saves of other roadmaps go on; a change of the
	// folder's list (new, upload, archive) holds mu alone. lock is the
	// folder's lock, held shared with them, so that a backup (another
	// process) sees the folder between two changes.
	mu    sync.RWMutex
	names [64]sync.Mutex
	lock  *backup.Lock

	guidance   sync.Map     // language code → map[checkpoint id]template.HTML
	parsed     *lru[parsed] // file name → parsed; see parsedLRU
	parsedOnce sync.Once
	hist       history
	cache      docCache
	list       listCache
}

// New returns a Server for the folder opts.Dir.
func New(opts Options) (*Server, error) {
	if opts.Content == nil {
		return nil, errors.New("serve: no content")
	}
	if opts.Logf == nil {
		opts.Logf = log.Printf
	}
	root, err := os.OpenRoot(opts.Dir)
	if err != nil {
		return nil, fmt.Errorf("opening the answers folder %s: %w", opts.Dir, err)
	}
	// The temporary files of saves that a killed server left.
	fsutil.Clean(opts.Dir)
	tmpl, err := template.New("").Funcs(funcs).ParseFS(assets, "templates/*.html")
	if err != nil {
		return nil, err
	}
	s := &Server{opts: opts, store: &store{root: root, dir: opts.Dir}, tmpl: tmpl, hosts: map[string]bool{}}
	hosts := opts.Hosts
	if len(hosts) == 0 {
		hosts = []string{"localhost", "127.0.0.1", "::1"}
	}
	if opts.PublicURL != "" {
		u, err := url.Parse(opts.PublicURL)
		if err != nil || u.Hostname() == "" {
			return nil, fmt.Errorf("serve: public address %q: not an address such as https://roadmaps.example.lv", opts.PublicURL)
		}
		hosts = append(hosts, u.Hostname())
		s.secureURL = u.Scheme == "https"
	}
	for _, h := range hosts {
		s.hosts[strings.ToLower(h)] = true
	}
	if s.lock, err = backup.OpenLock(opts.Dir); err != nil {
		root.Close()
		return nil, fmt.Errorf("opening the lock of %s: %w", opts.Dir, err)
	}
	s.handler = s.routes()
	return s, nil
}

// Close releases the folder.
func (s *Server) Close() error {
	s.lock.Close()
	s.hist.audit.Lock()
	if s.hist.auditFile != nil {
		s.hist.auditFile.Close()
		s.hist.auditFile = nil
	}
	s.hist.audit.Unlock()
	return s.store.root.Close()
}

// change takes the locks of a change of the roadmap name ("" for a
// change of the folder's list) and returns the function that lets go of
// them: defer s.change(name)().
func (s *Server) change(name string) func() {
	var m *sync.Mutex
	if name == "" {
		s.mu.Lock()
	} else {
		s.mu.RLock()
		h := fnv.New32a()
		h.Write([]byte(name))
		m = &s.names[h.Sum32()%uint32(len(s.names))]
		m.Lock()
	}
	if err := s.lock.Shared(); err != nil {
		s.opts.Logf("serve: locking %s: %v", s.store.dir, err)
	}
	return func() {
		s.lock.Unlock()
		if m != nil {
			m.Unlock()
			s.mu.RUnlock()
		} else {
			s.mu.Unlock()
		}
	}
}

// ServeHTTP serves one request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// MaxBody is the largest request body accepted: an answers file, or a save
// of the editing page, larger than this is refused with a message.
const MaxBody = maxFile

func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", s.home)
	mux.HandleFunc("POST /new", s.coordinator(s.newRoadmap))
	mux.HandleFunc("POST /upload", s.coordinator(s.upload))
	mux.HandleFunc("GET /r/{name}", s.reader(s.edit))
	mux.HandleFunc("POST /r/{name}", s.writer(s.save))
	mux.HandleFunc("GET /r/{name}/form.pdf", s.reader(s.downloadForm))
	mux.HandleFunc("GET /r/{name}/plans.xlsx", s.reader(s.downloadPlans))
	mux.HandleFunc("GET /r/{name}/answers.yaml", s.reader(s.downloadAnswers))
	mux.HandleFunc("GET /r/{name}/history", s.reader(s.historyPage))
	mux.HandleFunc("POST /r/{name}/restore", s.writer(s.restoreVersion))
	mux.HandleFunc("POST /r/{name}/archive", s.coordinator(s.archiveRoadmap))
	mux.HandleFunc("GET /r/{name}/export.zip", s.coordinator(s.exportOrg))
	mux.HandleFunc("POST /r/{name}/erase", s.coordinator(s.eraseOrg))
	mux.HandleFunc("GET /privacy", s.privacyPage)
	mux.HandleFunc("GET /workshop", s.coordinator(s.workshopPage))
	mux.HandleFunc("GET /archive", s.coordinator(s.archivePage))
	mux.HandleFunc("POST /archive/restore", s.coordinator(s.restoreArchived))
	mux.HandleFunc("GET /audit.jsonl", s.coordinator(s.downloadAudit))
	mux.HandleFunc("GET /blank/{lang}/pack.zip", s.coordinator(s.downloadPack))
	mux.HandleFunc("GET /blank/{lang}/guide.pdf", s.coordinator(s.downloadGuide))
	mux.HandleFunc("GET /all/{lang}/overview.pdf", s.coordinator(s.downloadOverview))
	mux.HandleFunc("GET /all/{lang}/plans.ics", s.coordinator(s.downloadCalendar))
	mux.HandleFunc("GET /static/theme.css", s.themeCSS)
	static, _ := fs.Sub(assets, "static")
	mux.Handle("GET /static/", http.StripPrefix("/static/", staticFiles(static)))
	mux.HandleFunc("GET /", func(w http.ResponseWriter, r *http.Request) {
		s.refuse(w, r, http.StatusNotFound, "serve.error.notfound")
	})

	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.refuse(w, r, http.StatusForbidden, "serve.error.crossorigin")
	}))
	var h http.Handler = mux
	h = s.limitBody(h)
	h = cop.Handler(h)
	h = s.authorize(h)
	h = s.checkHost(h)
	h = secureHeaders(h)
	return h
}

// secureHeaders sets the headers every response carries: nothing from
// another site may load, nothing may frame the page, no address (which may
// hold the token) leaves in a Referer header.
func secureHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Cache-Control", "no-store")
		next.ServeHTTP(w, r)
	})
}

// checkHost refuses a request whose Host header names another site: a page
// of evil.example whose name is made to point at 127.0.0.1 (DNS rebinding)
// reaches the server with Host: evil.example, and is refused here.
func (s *Server) checkHost(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host := s.client(r).host
		if h, _, err := net.SplitHostPort(host); err == nil {
			host = h
		}
		host = strings.ToLower(strings.TrimSuffix(strings.Trim(host, "[]"), "."))
		ok := s.hosts[host]
		if !ok && s.opts.AnyIPHost {
			ok = net.ParseIP(host) != nil
		}
		if !ok {
			s.refuse(w, r, http.StatusMisdirectedRequest, "serve.error.host")
			return
		}
		next.ServeHTTP(w, r)
	})
}

// localURL is a redirect to path (with query) on this server: a path that
// a browser would take for another site ("//evil.example/", "/\\evil")
// becomes the home page, so a link with the token cannot send anyone away.
func localURL(path, query string) string {
	if !strings.HasPrefix(path, "/") || strings.HasPrefix(path, "//") || strings.HasPrefix(path, "/\\") || strings.ContainsAny(path, "\\\r\n") {
		path = "/"
	}
	if query != "" {
		path += "?" + query
	}
	return path
}

// limitBody refuses a body over MaxBody: at once when its length is
// declared, else when reading it passes the limit (see tooBig).
func (s *Server) limitBody(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ContentLength > MaxBody {
			s.refuse(w, r, http.StatusRequestEntityTooLarge, "serve.error.toolarge")
			return
		}
		if r.Body != nil {
			r.Body = http.MaxBytesReader(w, r.Body, MaxBody)
		}
		next.ServeHTTP(w, r)
	})
}

// tooBig reports whether err is the body passing MaxBody.
func tooBig(err error) bool {
	var mbe *http.MaxBytesError
	return errors.As(err, &mbe)
}

// staticFiles serves the embedded style sheet and script; a folder is not
// listed.
func staticFiles(fsys fs.FS) http.Handler {
	type file struct {
		data []byte
		etag string
	}
	files := sync.OnceValue(func() map[string]file {
		out := map[string]file{}
		for name, b := range minify(fsys) {
			h := fnv.New64a()
			h.Write(b)
			out[name] = file{b, fmt.Sprintf(`"%x"`, h.Sum64())}
		}
		return out
	})
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f, ok := files()[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Cache-Control", "no-cache")
		w.Header().Set("ETag", f.etag)
		http.ServeContent(w, r, r.URL.Path, time.Time{}, bytes.NewReader(f.data))
	})
}

// minify returns the style sheets and scripts of fsys by name as they are
// served: without the comments and indentation, which are for whoever reads
// the source. Only whole comment lines of a script are left out (a line
// starting with //), and /* */ comments of a style sheet.
func minify(fsys fs.FS) map[string][]byte {
	out := map[string][]byte{}
	entries, _ := fs.ReadDir(fsys, ".")
	for _, e := range entries {
		src, err := fs.ReadFile(fsys, e.Name())
		if err != nil {
			continue
		}
		text := string(src)
		if strings.HasSuffix(e.Name(), ".css") {
			text = cssComment().ReplaceAllString(text, "")
		}
		var b strings.Builder
		for line := range strings.SplitSeq(text, "\n") {
			line = strings.TrimSpace(line)
			if line == "" || strings.HasSuffix(e.Name(), ".js") && strings.HasPrefix(line, "//") {
				continue
			}
			b.WriteString(line)
			b.WriteByte('\n')
		}
		out[e.Name()] = []byte(b.String())
	}
	return out
}

var cssComment = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?s)/\*.*?\*/`) })

// themeCSS gives the pages the colours of the documents' theme.
func (s *Server) themeCSS(w http.ResponseWriter, r *http.Request) {
	c := s.opts.Theme.Colors
	hex := func(c pdf.Color) string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }
	var b strings.Builder
	fmt.Fprintf(&b, ":root{--text:%s;--muted:%s;--rule:%s;--accent:%s;--band-text:%s;--shade:%s;--zebra:%s;--head:%s;--municipality:%s;--community:%s}\n",
		hex(c.Text), hex(c.Muted), hex(c.Rule), hex(c.Accent), hex(c.BandText), hex(c.Shade), hex(c.Zebra), hex(c.TableHead), hex(c.Municipality), hex(c.Community))
	for n := 1; n <= max(len(c.Steps), 3); n++ {
		fmt.Fprintf(&b, ".step-%d{--step:%s}\n", n, hex(s.opts.Theme.Step(n)))
	}
	w.Header().Set("Content-Type", "text/css; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	fmt.Fprint(w, b.String())
}
