package serve

import (
	"math"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"github.com/partnership-roadmap/roadmap/internal/answers"
	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/roadmap"
)

// perPage is how many roadmaps a page of the list shows.
const perPage = 50

// homeRow is one roadmap in the home page's list.
type homeRow struct {
	Name, Org, Form, FormLabel, Language string
	// Code is the roadmap's language, which its name and the name of its
	// language are in ("" when unknown).
	Code        string
	Done, Total int
	Changed     string
	Problem     string
}

// listed is what the list keeps of one answers file, by the file as it
// was when read (a save renames a new file over it, so it is another).
type listed struct {
	info            os.FileInfo
	org, form, lang string
	done, total     int
	problem         error
	key             string // organisation and file name, folded for search
	hasInfo         bool
}

// listCache is the home page's view of the folder: one small entry per
// answers file, rebuilt from the listing each time, so it holds no more
// than the folder does.
type listCache struct {
	mu    sync.Mutex
	files map[string]listed
}

// fold is s for search: lower case, without accents (Brīnumiņš → brinumins).
func fold(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		out = s
	}
	return strings.ToLower(out)
}

// listing returns the list entry of every answers file of the folder,
// reading only those that changed since the last call.
func (s *Server) listing() ([]entryInfo, []listed, error) {
	entries, err := s.store.list()
	if err != nil {
		return nil, nil, err
	}
	files := make(map[string]listed, len(entries))
	out := make([]listed, len(entries))
	for i, e := range entries {
		s.list.mu.Lock()
		l, ok := s.list.files[e.Name]
		s.list.mu.Unlock()
		if ok && l.hasInfo && e.Info != nil && os.SameFile(l.info, e.Info) && l.info.ModTime().Equal(e.Info.ModTime()) && l.info.Size() == e.Info.Size() {
			files[e.Name], out[i] = l, l
			continue
		}
		data, _, err := s.store.read(e.Name)
		var f *answers.File
		if err == nil {
			f, err = s.parse(e.Name, answers.Revision(data), data)
		}
		l = s.listedOf(e.Name, e.Info, f, err)
		files[e.Name], out[i] = l, l
	}
	s.list.mu.Lock()
	s.list.files = files
	s.list.mu.Unlock()
	return entries, out, nil
}

// listedOf is the list's entry of the file name as info describes it,
// read as f or with the problem err.
func (s *Server) listedOf(name string, info os.FileInfo, f *answers.File, err error) listed {
	l := listed{info: info, hasInfo: info != nil}
	if err != nil {
		l.problem = err
	} else {
		l.org, l.form, l.lang = f.Organisation.Name, string(f.Form), f.Language
		if lang, err := s.opts.Content.Language(f.Language); err == nil {
			_, total := roadmap.Progress(lang, f.Form, f)
			l.done, l.total = total.Done, total.Total()
		}
	}
	l.key = fold(l.org + "\x00" + name)
	return l
}

// noteSaved puts the roadmap name, just saved as f, into the list, so
// that the list need not read it again.
func (s *Server) noteSaved(name string, f *answers.File) {
	fi, err := s.store.root.Lstat(name)
	if err != nil {
		return
	}
	l := s.listedOf(name, fi, f, nil)
	s.list.mu.Lock()
	if s.list.files != nil {
		s.list.files[name] = l
	}
	s.list.mu.Unlock()
}

// The orders of the list.
const (
	sortName     = "name"
	sortProgress = "progress"
	sortChanged  = "changed"
)

func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	if g := grantOf(r); !g.all {
		// A person's link has one roadmap: the list is its page.
		http.Redirect(w, r, "/r/"+pathEscape(g.roadmap), http.StatusSeeOther)
		return
	}
	lang := s.uiLanguage(r)
	entries, list, err := s.listing()
	if err != nil {
		s.opts.Logf("serve: listing %s: %v", s.store.dir, err)
		s.refuse(w, r, http.StatusInternalServerError, "serve.error.folder")
		return
	}
	q := r.URL.Query()
	query := strings.TrimSpace(q.Get("q"))
	order := q.Get("sort")
	if order != sortProgress && order != sortChanged {
		order = sortName
	}
	valid := false
	idx := make([]int, 0, len(list))
	fq := fold(query)
	for i, l := range list {
		valid = valid || l.problem == nil
		if fq == "" || strings.Contains(l.key, fq) {
			idx = append(idx, i)
		}
	}
	name := func(i int) string {
		if list[i].org != "" {
			return list[i].org
		}
		return entries[i].Name
	}
	switch order {
	case sortName:
		col := collate.New(language.Make(lang.Code), collate.IgnoreCase, collate.Loose)
		var buf collate.Buffer
		keys := make(map[int][]byte, len(idx))
		for _, i := range idx {
			keys[i] = append([]byte(nil), col.KeyFromString(&buf, name(i))...)
			buf.Reset()
		}
		slices.SortStableFunc(idx, func(a, b int) int {
			if c := strings.Compare(string(keys[a]), string(keys[b])); c != 0 {
				return c
			}
			return strings.Compare(entries[a].Name, entries[b].Name)
		})
	case sortProgress:
		share := func(i int) float64 {
			if list[i].total == 0 {
				return math.Inf(-1)
			}
			return float64(list[i].done) / float64(list[i].total)
		}
		slices.SortStableFunc(idx, func(a, b int) int {
			switch sa, sb := share(a), share(b); {
			case sa > sb:
				return -1
			case sa < sb:
				return 1
			}
			return strings.Compare(entries[a].Name, entries[b].Name)
		})
	case sortChanged:
		slices.SortStableFunc(idx, func(a, b int) int {
			if c := entries[b].ModTime.Compare(entries[a].ModTime); c != 0 {
				return c
			}
			return strings.Compare(entries[a].Name, entries[b].Name)
		})
	}
	pages := max(1, (len(idx)+perPage-1)/perPage)
	pg, _ := strconv.Atoi(q.Get("page"))
	pg = min(max(pg, 1), pages)
	var rows []homeRow
	for _, i := range idx[min((pg-1)*perPage, len(idx)):min(pg*perPage, len(idx))] {
		l, e := list[i], entries[i]
		row := homeRow{Name: e.Name, Org: l.org, Form: l.form, Language: l.lang, Done: l.done, Total: l.total,
			Problem: problemText(e.Name, l.problem, lang.Code), Changed: changedAt(lang, e.ModTime)}
		if l.form != "" {
			row.FormLabel = lang.Label("form.title." + l.form)
		}
		if cl, err := s.opts.Content.Language(l.lang); err == nil {
			row.Language, row.Code = cl.Name, cl.Code
		}
		rows = append(rows, row)
	}
	link := func(p int) string {
		v := map[string]string{"lang": lang.Code, "sort": order, "q": query, "page": strconv.Itoa(p)}
		var b strings.Builder
		b.WriteString("/?")
		for i, k := range []string{"lang", "q", "sort", "page"} {
			if i > 0 {
				b.WriteString("&")
			}
			b.WriteString(k + "=" + url.QueryEscape(v[k]))
		}
		return b.String()
	}
	var prev, next string
	if pg > 1 {
		prev = link(pg - 1)
	}
	if pg < pages {
		next = link(pg + 1)
	}
	langs, _ := s.languages()
	s.render(w, http.StatusOK, "home.html", struct {
		page
		Rows   []homeRow
		Any    bool // the folder has a roadmap
		Valid  bool // a roadmap reads without problems: the folder's documents can be made
		Dir    string
		Notice string
		Forms  []content.Audience
		Query  string
		Sort   string
		Sorts  []string
		Page   string // "Page 2 of 40", when there are several
		Prev   string
		Next   string
		// Workshop: the workshop's links can be shown as QR codes.
		Workshop bool
	}{page{Lang: lang, Title: lang.Label("serve.title"), Langs: langs, s: s}, rows, len(list) > 0, valid, s.store.dir,
		q.Get("notice"), content.AllForms, query, order, []string{sortName, sortProgress, sortChanged},
		pageText(lang, pg, pages), prev, next, len(s.opts.WorkshopLinks) > 0})
}

// pageText is "Page 2 of 40", or nothing for a list of one page.
func pageText(lang *content.Language, pg, pages int) string {
	if pages < 2 {
		return ""
	}
	return lang.Format("serve.page", "n", strconv.Itoa(pg), "count", strconv.Itoa(pages))
}
