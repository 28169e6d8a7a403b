package serve

import (
	"bytes"
	"encoding/json"
	"errors"
	"html/template"
	"io"
	"io/fs"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"time"

	"golang.org/x/text/language"

	"github.com/partnership-roadmap/roadmap/internal/answers"
	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/diag"
	"github.com/partnership-roadmap/roadmap/internal/msg"
	"github.com/partnership-roadmap/roadmap/internal/pack"
)

var funcs = template.FuncMap{
	// errid is the id of the message of a refused field, by the field's
	// name: "err-ap-1-activity" for "ap.1.activity" (as the script makes it).
	"errid": func(key string) string { return "err-" + strings.ReplaceAll(key, ".", "-") },
	// dict makes a map of its key, value arguments, to hand a template
	// several values.
	"dict": func(kv ...any) map[string]any {
		m := map[string]any{}
		for i := 0; i+1 < len(kv); i += 2 {
			k, _ := kv[i].(string)
			m[k] = kv[i+1]
		}
		return m
	},
}

// page is what every page's template gets: the language of its texts.
type page struct {
	Lang  *content.Language
	Title string
	// Langs are the languages the home page may be shown in.
	Langs []*content.Language
	s     *Server
}

// L returns the text of label key in the page's language.
func (p page) L(key string) string { return p.Lang.Label(key) }

// F returns label key with its {placeholders} filled: F "k" "n" "3".
func (p page) F(key string, kv ...string) string { return p.Lang.Format(key, kv...) }

// uiLanguage picks the language of a page that belongs to no roadmap: ?lang=
// when it names a language, else the browser's preferred one, else the
// source language.
func (s *Server) uiLanguage(r *http.Request) *content.Language {
	codes := s.opts.Content.Codes()
	pick := r.URL.Query().Get("lang")
	if !contains(codes, pick) {
		pick = ""
		tags, _, _ := language.ParseAcceptLanguage(r.Header.Get("Accept-Language"))
		for _, t := range tags {
			base, _ := t.Base()
			if contains(codes, base.String()) {
				pick = base.String()
				break
			}
		}
	}
	if pick == "" {
		pick = content.SourceLanguage
	}
	l, err := s.opts.Content.Language(pick)
	if err != nil {
		l, _ = s.opts.Content.Language(content.SourceLanguage)
	}
	return l
}

// refusalLanguage picks the language of a refusal: that of the page the
// request came from or is about, not the browser's. It is ?lang= (which
// the pages' own forms carry), else the language of the roadmap of an
// /r/NAME/… address when the request may see that roadmap, else the
// language of a /blank/L/… or /all/L/… address, else uiLanguage's.
func (s *Server) refusalLanguage(r *http.Request) *content.Language {
	codes := s.opts.Content.Codes()
	if !contains(codes, r.URL.Query().Get("lang")) {
		parts := strings.SplitN(strings.TrimPrefix(r.URL.Path, "/"), "/", 3)
		code := ""
		switch {
		case len(parts) < 2:
		case parts[0] == "blank" || parts[0] == "all":
			code = parts[1]
		case parts[0] == "r" && validName(parts[1]):
			if g := grantOf(r); g.all || g.roadmap == parts[1] {
				if data, _, err := s.store.read(parts[1]); err == nil {
					if m := languageRE().FindSubmatch(data); m != nil {
						code = string(m[1])
					}
				}
			}
		}
		if contains(codes, code) {
			if l, err := s.opts.Content.Language(code); err == nil {
				return l
			}
		}
	}
	return s.uiLanguage(r)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s && s != "" {
			return true
		}
	}
	return false
}

// pages are the buffers pages are made in, reused: an editing page is
// about 90 KB.
var pages = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func (s *Server) render(w http.ResponseWriter, status int, name string, data any) {
	buf := pages.Get().(*bytes.Buffer)
	defer func() {
		buf.Reset()
		pages.Put(buf)
	}()
	if err := s.tmpl.ExecuteTemplate(buf, name, data); err != nil {
		s.opts.Logf("serve: rendering %s: %v", name, err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// wantsJSON reports whether the request comes from the page's script.
func wantsJSON(r *http.Request) bool {
	return strings.Contains(r.Header.Get("Accept"), "application/json")
}

// saveReply is what a save from the page's script gets back.
type saveReply struct {
	// State is saved, refused (saved but for the fields of Problems),
	// invalid (nothing saved), conflict or error.
	State    string            `json:"state"`
	Message  string            `json:"message,omitempty"`
	Rev      string            `json:"rev,omitempty"`
	Problems map[string]string `json:"problems"`
	General  []string          `json:"general,omitempty"`
}

func writeJSON(w http.ResponseWriter, status int, v saveReply) {
	if v.Problems == nil {
		v.Problems = map[string]string{}
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

// refuse answers a request that is not served with the message of label
// key: a page, or for the page's script a JSON reply.
func (s *Server) refuse(w http.ResponseWriter, r *http.Request, status int, key string, kv ...string) {
	lang := s.refusalLanguage(r)
	msg := lang.Format(key, kv...)
	if wantsJSON(r) {
		writeJSON(w, status, saveReply{State: "error", Message: msg})
		return
	}
	s.render(w, status, "error.html", struct {
		page
		Message  string
		Problems string
	}{page{Lang: lang, Title: lang.Label("serve.error.title"), s: s}, msg, ""})
}

// languages returns every language whose content loads.
func (s *Server) languages() ([]*content.Language, error) {
	var out []*content.Language
	for _, c := range s.opts.Content.Codes() {
		if l, err := s.opts.Content.Language(c); err == nil {
			out = append(out, l)
		}
	}
	return out, nil
}

// problemText is the first problems of a file, as file:line:col: message,
// in language lang (the page's, whatever the file's); "" for no error.
func problemText(name string, err error, lang string) string {
	if err == nil {
		return ""
	}
	var list diag.List
	if errors.As(err, &list) {
		var lines []string
		for i, p := range list {
			if i == 5 {
				lines = append(lines, "…")
				break
			}
			p.Lang = ""
			lines = append(lines, p.In(lang))
		}
		return strings.Join(lines, "\n")
	}
	if errors.Is(err, fs.ErrNotExist) {
		return name + ": " + msg.New("serve.file-gone").In(lang)
	}
	if strings.Contains(err.Error(), "path escapes from parent") {
		return name + ": " + msg.New("serve.file-outside").In(lang)
	}
	return name + ": " + strings.TrimPrefix(msg.In(err, lang), "openat ")
}

// newRoadmap makes a new answers file, as "roadmap init" writes it, and
// opens it.
func (s *Server) newRoadmap(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.formError(w, r, err)
		return
	}
	form, err := content.ParseAnyForm(r.PostForm.Get("form"))
	if err != nil {
		s.refuse(w, r, http.StatusBadRequest, "serve.error.form")
		return
	}
	lang, err := s.opts.Content.Language(r.PostForm.Get("lang"))
	if err != nil {
		s.refuse(w, r, http.StatusBadRequest, "serve.error.language")
		return
	}
	// The name is one line of text: line breaks and tabs become spaces.
	org := strings.Join(strings.Fields(r.PostForm.Get("org")), " ")
	base := pack.SafeName(org, string(form)+"-"+lang.Code)
	defer s.change("")()
	name := s.store.freeName(base)
	data, err := answers.Skeleton(lang, form, name)
	if err == nil && org != "" {
		var f *answers.File
		if f, err = answers.Parse(name, data, s.opts.Content); err == nil {
			f.Organisation.Name = org
			data, err = answers.Encode(f, lang, data)
		}
	}
	if err == nil {
		// Only a file that validate accepts is made (a name too long or
		// holding a control character is refused, saying why).
		if _, perr := answers.Parse(name, data, s.opts.Content); perr != nil {
			s.render(w, http.StatusUnprocessableEntity, "error.html", struct {
				page
				Message  string
				Problems string
			}{page{Lang: s.uiLanguage(r), Title: s.uiLanguage(r).Label("serve.upload.refused"), s: s}, s.uiLanguage(r).Label("serve.upload.refused"), problemText(name, perr, s.uiLanguage(r).Code)})
			return
		}
		err = s.store.create(name, data)
	}
	if err != nil {
		s.opts.Logf("serve: creating %s: %v", name, err)
		s.refuse(w, r, http.StatusInternalServerError, "serve.error.write", "why", err.Error())
		return
	}
	s.audit(r, auditLine{Roadmap: name, Action: "create"})
	http.Redirect(w, r, "/r/"+pathEscape(name), http.StatusSeeOther)
}

func pathEscape(name string) string {
	return strings.ReplaceAll(template.URLQueryEscaper(name), "+", "%20")
}

// formError answers a request whose fields cannot be read.
func (s *Server) formError(w http.ResponseWriter, r *http.Request, err error) {
	if tooBig(err) {
		s.refuse(w, r, http.StatusRequestEntityTooLarge, "serve.error.toolarge")
		return
	}
	s.refuse(w, r, http.StatusBadRequest, "serve.error.request")
}

// upload takes an answers file from the browser. It is accepted only when
// it passes validation, under a name of its own (never over another file).
func (s *Server) upload(w http.ResponseWriter, r *http.Request) {
	lang := s.uiLanguage(r)
	file, hdr, err := r.FormFile("file")
	if err != nil {
		if tooBig(err) {
			s.refuse(w, r, http.StatusRequestEntityTooLarge, "serve.error.toolarge")
			return
		}
		s.refuse(w, r, http.StatusBadRequest, "serve.error.nofile")
		return
	}
	defer file.Close()
	data, err := io.ReadAll(file)
	if err != nil {
		s.formError(w, r, err)
		return
	}
	upName := filepath.Base(strings.ReplaceAll(hdr.Filename, "\\", "/"))
	f, err := answers.Parse(upName, data, s.opts.Content)
	if err != nil {
		s.render(w, http.StatusUnprocessableEntity, "error.html", struct {
			page
			Message  string
			Problems string
		}{page{Lang: lang, Title: lang.Label("serve.upload.refused"), s: s}, lang.Label("serve.upload.refused"), problemText(upName, err, lang.Code)})
		return
	}
	base := pack.SafeName(strings.TrimSuffix(upName, filepath.Ext(upName)), "")
	if base == "" {
		base = pack.SafeName(f.Organisation.Name, string(f.Form)+"-"+f.Language)
	}
	defer s.change("")()
	name := s.store.freeName(base)
	if err := s.store.create(name, data); err != nil {
		s.opts.Logf("serve: saving upload %s: %v", name, err)
		s.refuse(w, r, http.StatusInternalServerError, "serve.error.write", "why", err.Error())
		return
	}
	s.audit(r, auditLine{Roadmap: name, Action: "upload"})
	http.Redirect(w, r, "/r/"+pathEscape(name), http.StatusSeeOther)
}

// opened is one answers file as read for a page or a download.
type opened struct {
	Name string
	Data []byte
	Rev  string
	// File is nil when the file has problems; Err holds them then.
	File *answers.File
	Err  error
	Lang *content.Language
}

// open reads the roadmap of the request's {name}. It answers the request
// itself, and returns nil, when there is no such roadmap.
func (s *Server) open(w http.ResponseWriter, r *http.Request) *opened {
	name := r.PathValue("name")
	if !validName(name) {
		s.refuse(w, r, http.StatusNotFound, "serve.error.notfound")
		return nil
	}
	data, _, err := s.store.read(name)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			s.refuse(w, r, http.StatusNotFound, "serve.error.notfound")
			return nil
		}
		// A link out of the folder, a folder, a file too large: shown as
		// the roadmap's problem, read-only.
		rm := &opened{Name: name, Err: diag.List{{File: name, Msg: problemText(name, err, msg.Fallback)[len(name)+2:]}}, Lang: s.uiLanguage(r)}
		return rm
	}
	rm := &opened{Name: name, Data: data, Rev: answers.Revision(data)}
	rm.File, rm.Err = s.parse(name, rm.Rev, data)
	if rm.File != nil {
		rm.Lang, _ = s.opts.Content.Language(rm.File.Language)
	}
	if rm.Lang == nil {
		// A file with problems is shown in the language it names, when
		// its "language:" line can be read.
		if m := languageRE().FindSubmatch(data); m != nil {
			rm.Lang, _ = s.opts.Content.Language(string(m[1]))
		}
	}
	if rm.Lang == nil {
		rm.Lang = s.uiLanguage(r)
	}
	return rm
}

// parsed is a file as last parsed, by its revision.
type parsed struct {
	rev  string
	file *answers.File
	err  error
}

// maxParsed is how many parsed roadmaps are kept: those being worked on.
const maxParsed = 256

func (s *Server) parsedLRU() *lru[parsed] {
	s.parsedOnce.Do(func() { s.parsed = newLRU[parsed](maxParsed, 0, nil) })
	return s.parsed
}

// parse parses the answers file name, once per revision: a page and its
// downloads read the same unchanged file many times. The File returned is
// shared and must not be changed.
func (s *Server) parse(name, rev string, data []byte) (*answers.File, error) {
	if v, ok := s.parsedLRU().get(name); ok && v.rev == rev {
		return v.file, v.err
	}
	f, err := answers.Parse(name, data, s.opts.Content)
	s.parsedLRU().put(name, parsed{rev, f, err})
	return f, err
}

// languageRE finds an answers file's language; compiled on first use.
var languageRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?m)^language:[ \t]*["']?([a-z]{2,3})["']?[ \t]*(?:#.*)?\r?$`)
})

func (s *Server) edit(w http.ResponseWriter, r *http.Request) {
	if p := r.URL.Query().Get("p"); p != "" {
		// a download of the partnership proposal (see proposals)
		for _, pr := range proposals {
			if pr.key == p {
				s.downloadProposal(pr)(w, r)
				return
			}
		}
		s.refuse(w, r, http.StatusNotFound, "serve.error.notfound")
		return
	}
	rm := s.open(w, r)
	if rm == nil {
		return
	}
	if rm.File == nil {
		s.renderBroken(w, http.StatusOK, rm)
		return
	}
	notice := ""
	if r.URL.Query().Get("saved") == "1" {
		notice = "saved"
	}
	if grantOf(r).readOnly {
		notice = "readonly"
	}
	s.renderEdit(w, http.StatusOK, rm, rm.File, nil, fieldErrors{}, notice)
}

// renderBroken shows a file with problems read-only: the problems, each
// with its line and column, and the file's text with line numbers.
func (s *Server) renderBroken(w http.ResponseWriter, status int, rm *opened) {
	type line struct {
		N    int
		Text string
		Bad  bool
	}
	bad := map[int]bool{}
	var list diag.List
	errors.As(rm.Err, &list)
	for _, p := range list {
		bad[p.Line] = true
	}
	var lines []line
	if len(rm.Data) > 0 {
		for i, l := range strings.Split(strings.TrimSuffix(string(rm.Data), "\n"), "\n") {
			lines = append(lines, line{i + 1, l, bad[i+1]})
		}
	}
	s.render(w, status, "broken.html", struct {
		page
		Name     string
		Problems []string
		Lines    []line
	}{page{Lang: rm.Lang, Title: rm.Name, s: s}, rm.Name, strings.Split(problemText(rm.Name, rm.Err, rm.Lang.Code), "\n"), lines})
}

// save takes the fields of the editing page, checks them as "roadmap
// validate" would, and writes the answers file when the page was based on
// the file as it is now: every field that passes, a field with a problem
// keeping its value in the file (the reply names it, with its problem).
func (s *Server) save(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.formError(w, r, err)
		return
	}
	js := wantsJSON(r)
	defer s.change(r.PathValue("name"))()
	rm := s.open(w, r)
	if rm == nil {
		return
	}
	if rm.File == nil {
		if js {
			writeJSON(w, http.StatusConflict, saveReply{State: "error", Message: rm.Lang.Label("serve.readonly")})
			return
		}
		s.renderBroken(w, http.StatusConflict, rm)
		return
	}
	lang := rm.Lang
	// A row operation (a button of a page without script) is applied after
	// the fields are checked, so that a problem names the row it was in.
	op := r.PostForm.Get("op")
	f, raw, errs := decodeForm(withoutOp(r.PostForm), rm.File, lang)
	if r.PostForm.Get("rev") != rm.Rev {
		msg := lang.Label("serve.conflict")
		if js {
			writeJSON(w, http.StatusConflict, saveReply{State: "conflict", Message: msg})
			return
		}
		applyRowOp(op, f, nil, &errs, raw)
		s.renderEdit(w, http.StatusConflict, rm, f, raw, errs, "conflict")
		return
	}
	// Checked as written; a field with a problem keeps the file's value, so
	// every other change is written all the same.
	kept, data, ok := encodeValid(rm.Name, f, rm.File, rm.Data, lang, s.opts.Content, &errs)
	if op != "" {
		applyRowOp(op, f, kept, &errs, raw)
		if ok {
			var err error
			if data, err = answers.Encode(kept, lang, rm.Data); err != nil {
				errs.add("", msg.In(err, lang.Code))
				ok = false
			}
		}
	}
	rev := rm.Rev
	if ok && !bytes.Equal(data, rm.Data) {
		err := s.keepVersion(rm.Name, rm.Data, grantOf(r).label, s.now())
		if err == nil {
			err = s.store.write(rm.Name, data)
		}
		if err != nil {
			s.opts.Logf("serve: saving %s: %v", rm.Name, err)
			msg := lang.Format("serve.error.write", "why", err.Error())
			if js {
				writeJSON(w, http.StatusInternalServerError, saveReply{State: "error", Message: msg})
				return
			}
			s.refuse(w, r, http.StatusInternalServerError, "serve.error.write", "why", err.Error())
			return
		}
		rev = answers.Revision(data)
		rm.Data, rm.Rev = data, rev
		s.audit(r, auditLine{Roadmap: rm.Name, Action: "save", Fields: changedFields(rm.File, kept)})
		s.noteSaved(rm.Name, kept)
	}
	if !errs.empty() {
		// Saved but for the refused fields, or (a problem of no field)
		// not at all.
		notice, msg := "refused", lang.Label("serve.refused")
		if !ok {
			notice, msg = "invalid", lang.Label("serve.invalid")
		}
		if js {
			writeJSON(w, http.StatusUnprocessableEntity, saveReply{State: notice, Message: msg, Rev: rev, Problems: errs.ByField, General: errs.General})
			return
		}
		s.renderEdit(w, http.StatusUnprocessableEntity, rm, f, raw, errs, notice)
		return
	}
	if js {
		writeJSON(w, http.StatusOK, saveReply{State: "saved", Rev: rev})
		return
	}
	target := "/r/" + pathEscape(rm.Name) + "?saved=1"
	if op := r.PostForm.Get("op"); op != "" {
		target += "#plan-" + strings.Split(op+":", ":")[1]
	}
	http.Redirect(w, r, target, http.StatusSeeOther)
}

// changedAt is a file's modification time for the page.
func changedAt(lang *content.Language, t time.Time) string {
	return lang.FormatDate(t) + " " + t.Format("15:04")
}
