package serve

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"time"

	"github.com/partnership-roadmap/roadmap/internal/answers"
	"github.com/partnership-roadmap/roadmap/internal/calendar"
	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/diag"
	"github.com/partnership-roadmap/roadmap/internal/msg"
	"github.com/partnership-roadmap/roadmap/internal/overview"
)

// The documents of the whole folder, as "roadmap overview" and "roadmap
// calendar" make them of a folder: every roadmap that reads without
// problems, the newer of two for the same organisation and form.

// folder returns the roadmaps of the folder that read without problems,
// the newest of each organisation and form, the problems of the others,
// and a revision of it all for the document cache.
func (s *Server) folder() (files []*answers.File, problems []diag.Problem, rev string, err error) {
	entries, err := s.store.list()
	if err != nil {
		return nil, nil, "", err
	}
	h := sha256.New()
	var all []*answers.File
	for _, e := range entries {
		data, _, err := s.store.read(e.Name)
		if err != nil {
			problems = append(problems, diag.Problem{File: e.Name, Msg: problemText(e.Name, err, msg.Fallback)[len(e.Name)+2:]})
			continue
		}
		r := answers.Revision(data)
		h.Write([]byte(e.Name + "\x00" + r + "\x00"))
		f, err := s.parse(e.Name, r, data)
		if err != nil {
			problems = append(problems, diag.Problems(e.Name, err)...)
			continue
		}
		all = append(all, f)
	}
	files, _ = overview.Latest(all)
	return files, problems, hex.EncodeToString(h.Sum(nil)), nil
}

// today is the date an overview counts overdue rows on.
func (s *Server) today() answers.Date {
	t := time.Now()
	if s.opts.Today != nil {
		t = s.opts.Today()
	}
	return answers.DateOf(t)
}

// folderDocument sends the document of the whole folder in the language
// of the request's {lang} that make makes, kept until a file changes (and,
// for the overview, the day).
func (s *Server) folderDocument(w http.ResponseWriter, r *http.Request, what, ctype, name, ext string,
	make func(lang *content.Language, files []*answers.File, problems []diag.Problem) ([]byte, error)) {
	lang := s.blankLanguage(w, r)
	if lang == nil {
		return
	}
	files, problems, rev, err := s.folder()
	if err != nil {
		s.opts.Logf("serve: listing %s: %v", s.store.dir, err)
		s.refuse(w, r, http.StatusInternalServerError, "serve.error.folder")
		return
	}
	if len(files) == 0 {
		s.refuse(w, r, http.StatusNotFound, "serve.error.notfound")
		return
	}
	data, err := s.cache.get(what+"/"+lang.Code, rev+s.today().String(), func() ([]byte, error) {
		return make(lang, files, problems)
	})
	if err != nil {
		s.failed(w, r, what, err)
		return
	}
	attach(w, ctype, name+"-"+lang.Code+ext, data)
}

// downloadOverview sends the overview report of every roadmap of the
// folder (PDF), as "roadmap overview" makes it.
func (s *Server) downloadOverview(w http.ResponseWriter, r *http.Request) {
	s.folderDocument(w, r, "overview", "application/pdf", "overview", ".pdf", func(lang *content.Language, files []*answers.File, problems []diag.Problem) ([]byte, error) {
		rep := overview.Build(lang, files, problems, s.today())
		return rep.PDF(overview.PDFOptions{Theme: s.opts.Theme, Date: s.docDate(overview.Newest(files))})
	})
}

// downloadCalendar sends the plans' dates of every roadmap of the folder
// as a calendar (.ics), as "roadmap calendar --lang" makes it.
func (s *Server) downloadCalendar(w http.ResponseWriter, r *http.Request) {
	s.folderDocument(w, r, "calendar", "text/calendar; charset=utf-8", "plans", ".ics", func(lang *content.Language, files []*answers.File, _ []diag.Problem) ([]byte, error) {
		var srcs []calendar.Source
		for _, f := range files {
			srcs = append(srcs, calendar.Source{File: f, Lang: lang, Stamp: s.docDate(f)})
		}
		return calendar.Write(calendar.Events(srcs), lang.Label("calendar.name"), lang.Code), nil
	})
}
