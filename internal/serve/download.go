package serve

import (
	"archive/zip"
	"bytes"
	"mime"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/partnership-roadmap/roadmap/internal/answers"
	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/pack"
)

// docCache keeps the last document made of each roadmap, by its revision:
// the same answers give the same bytes, so a second download of an
// unchanged roadmap is not made again. Blank documents are kept per
// language. At most maxDocBytes are kept, the least recently used
// dropped first.
type docCache struct {
	once sync.Once
	docs *lru[cached]
}

// maxDocBytes bounds the documents kept in memory.
const maxDocBytes = 64 << 20

type cached struct {
	rev  string
	data []byte
}

func (c *docCache) lru() *lru[cached] {
	c.once.Do(func() { c.docs = newLRU(0, maxDocBytes, func(d cached) int { return len(d.data) + len(d.rev) }) })
	return c.docs
}

// get returns the document key of revision rev, making it with make when it
// is not kept. Documents of different keys are made at the same time; the
// same key may be made twice by two requests at once, which is harmless.
func (c *docCache) get(key, rev string, make func() ([]byte, error)) ([]byte, error) {
	if d, ok := c.lru().get(key); ok && d.rev == rev {
		return d.data, nil
	}
	data, err := make()
	if err != nil {
		return nil, err
	}
	c.lru().put(key, cached{rev, data})
	return data, nil
}

// docDate is the creation date of a roadmap's documents.
func (s *Server) docDate(f *answers.File) time.Time {
	if s.opts.DocDate != nil {
		return s.opts.DocDate(f)
	}
	if f != nil && !f.Date.IsZero() {
		return f.Date.Time()
	}
	return time.Date(2026, time.January, 1, 0, 0, 0, 0, time.UTC)
}

// attach sends data as a download named name. The name is encoded as RFC
// 6266 asks (mime.FormatMediaType quotes it and uses filename* for letters
// beyond ASCII), so no organisation's name can break the header.
func attach(w http.ResponseWriter, ctype, name string, data []byte) {
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	h.Set("Content-Length", strconv.Itoa(len(data)))
	w.Write(data)
}

// fileBase is the start of a roadmap's download names: the organisation's
// name made safe for a file name.
func fileBase(rm *opened) string {
	return pack.SafeName(rm.File.Organisation.Name, "roadmap")
}

// openValid reads the roadmap of the request for a download; a file with
// problems is refused, with its problems.
func (s *Server) openValid(w http.ResponseWriter, r *http.Request) *opened {
	rm := s.open(w, r)
	if rm == nil {
		return nil
	}
	if rm.File == nil {
		s.renderBroken(w, http.StatusConflict, rm)
		return nil
	}
	return rm
}

// build makes document id of the registry the CLI uses, in lang, filled in
// from a when a is not nil.
func (s *Server) build(id string, lang *content.Language, a *answers.File) ([]byte, error) {
	d, err := pack.Lookup(id)
	if err != nil {
		return nil, err
	}
	res, err := d.Build(lang, a, pack.BuildOptions{Theme: s.opts.Theme, Date: s.docDate(a)})
	if err != nil {
		return nil, err
	}
	return res.Data, nil
}

// renderForm makes the filled checklist of rm.
func (s *Server) renderForm(rm *opened) ([]byte, error) {
	return s.cache.get("form/"+rm.Name, rm.Rev, func() ([]byte, error) {
		return s.build(pack.FormID(rm.File.Form), rm.Lang, rm.File)
	})
}

func (s *Server) downloadForm(w http.ResponseWriter, r *http.Request) {
	rm := s.openValid(w, r)
	if rm == nil {
		return
	}
	data, err := s.renderForm(rm)
	if err != nil {
		s.failed(w, r, rm.Name, err)
		return
	}
	attach(w, "application/pdf", fileBase(rm)+"-"+string(rm.File.Form)+".pdf", data)
}

func (s *Server) downloadPlans(w http.ResponseWriter, r *http.Request) {
	rm := s.openValid(w, r)
	if rm == nil {
		return
	}
	data, err := s.cache.get("plans/"+rm.Name, rm.Rev, func() ([]byte, error) {
		return s.build("plans", rm.Lang, rm.File)
	})
	if err != nil {
		s.failed(w, r, rm.Name, err)
		return
	}
	attach(w, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", fileBase(rm)+"-plans.xlsx", data)
}

// proposal is a format of the partnership proposal a roadmap's page
// offers: the value of the page's query parameter p that asks for it
// (/r/{name}?p=pdf: short links, for the page's weight), the document of
// the registry and its file name after the organisation's.
type proposal struct {
	key, id, file, ctype string
}

// proposals are the handout, the slides and the Word document.
var proposals = []proposal{
	{"pdf", pack.ProposalID, "proposal.pdf", "application/pdf"},
	{"deck", pack.ProposalSlidesID, "proposal-slides.pdf", "application/pdf"},
	{"docx", pack.ProposalDOCXID, "proposal.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
}

// downloadProposal sends the partnership proposal of a roadmap in format
// p, as "roadmap proposal" makes it. A registration has none.
func (s *Server) downloadProposal(p proposal) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		rm := s.openValid(w, r)
		if rm == nil {
			return
		}
		if rm.File.Form == content.Registration {
			s.refuse(w, r, http.StatusNotFound, "serve.error.notfound")
			return
		}
		data, err := s.cache.get(p.id+"/"+rm.Name, rm.Rev, func() ([]byte, error) {
			return s.build(p.id, rm.Lang, rm.File)
		})
		if err != nil {
			s.failed(w, r, rm.Name, err)
			return
		}
		attach(w, p.ctype, fileBase(rm)+"-"+p.file, data)
	}
}

// downloadAnswers sends the answers file as it is on disk, also one with
// problems, so it can be fixed in an editor.
func (s *Server) downloadAnswers(w http.ResponseWriter, r *http.Request) {
	rm := s.open(w, r)
	if rm == nil {
		return
	}
	if rm.Data == nil {
		s.renderBroken(w, http.StatusConflict, rm)
		return
	}
	attach(w, "application/yaml; charset=utf-8", rm.Name, rm.Data)
}

func (s *Server) failed(w http.ResponseWriter, r *http.Request, name string, err error) {
	s.opts.Logf("serve: making a document of %s: %v", name, err)
	s.refuse(w, r, http.StatusInternalServerError, "serve.error.document", "why", err.Error())
}

// blankLanguage returns the language of a blank download's {lang}.
func (s *Server) blankLanguage(w http.ResponseWriter, r *http.Request) *content.Language {
	lang, err := s.opts.Content.Language(r.PathValue("lang"))
	if err != nil {
		s.refuse(w, r, http.StatusNotFound, "serve.error.notfound")
		return nil
	}
	return lang
}

func (s *Server) downloadGuide(w http.ResponseWriter, r *http.Request) {
	lang := s.blankLanguage(w, r)
	if lang == nil {
		return
	}
	data, err := s.cache.get("guide/"+lang.Code, "", func() ([]byte, error) { return s.build("guide", lang, nil) })
	if err != nil {
		s.failed(w, r, "guide", err)
		return
	}
	attach(w, "application/pdf", "guide-"+lang.Code+".pdf", data)
}

// downloadPack sends the blank workshop pack of a language as a zip: the
// documents of "roadmap pack", from the same registry, named as it names
// them.
func (s *Server) downloadPack(w http.ResponseWriter, r *http.Request) {
	lang := s.blankLanguage(w, r)
	if lang == nil {
		return
	}
	data, err := s.cache.get("pack/"+lang.Code, "", func() ([]byte, error) { return s.pack(lang) })
	if err != nil {
		s.failed(w, r, "pack", err)
		return
	}
	attach(w, "application/zip", "roadmap-"+lang.Code+".zip", data)
}

func (s *Server) pack(lang *content.Language) ([]byte, error) {
	date := s.docDate(nil)
	docs := pack.Blank()
	out := make([][]byte, len(docs))
	errs := make([]error, len(docs))
	pack.Each(len(docs), 0, func(i int) { out[i], errs[i] = s.build(docs[i].ID, lang, nil) })
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i, d := range docs {
		if errs[i] != nil {
			return nil, errs[i]
		}
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: lang.Code + "/" + d.File, Method: zip.Deflate, Modified: date})
		if err != nil {
			return nil, err
		}
		if _, err := fw.Write(out[i]); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
