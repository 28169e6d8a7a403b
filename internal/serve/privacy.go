package serve

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"io/fs"
	"net/http"
	"strconv"
	"strings"

	"github.com/partnership-roadmap/roadmap/internal/answers"
)

// privacyPage is the privacy notice: what the server keeps, who sees it,
// for how long, and whom to ask. Anyone may read it, link or not.
func (s *Server) privacyPage(w http.ResponseWriter, r *http.Request) {
	lang := s.uiLanguage(r)
	s.render(w, http.StatusOK, "privacy.html", struct {
		page
		Paragraphs []string
	}{page{Lang: lang, Title: lang.Label("serve.privacy.title"), s: s}, strings.Split(strings.TrimSpace(lang.Label("serve.privacy.text")), "\n\n")})
}

// orgFiles returns the answers files of the folder whose organisation is
// that of the roadmap name (by name, without regard to case or accents),
// name among them; a roadmap without an organisation's name is its own.
func (s *Server) orgFiles(name string, f *answers.File) ([]string, string) {
	org := ""
	if f != nil {
		org = fold(strings.TrimSpace(f.Organisation.Name))
	}
	if org == "" {
		return []string{name}, ""
	}
	entries, err := s.store.list()
	if err != nil {
		return []string{name}, org
	}
	var out []string
	for _, e := range entries {
		data, _, err := s.store.read(e.Name)
		if err != nil {
			continue
		}
		g, err := s.parse(e.Name, answers.Revision(data), data)
		if err == nil && fold(strings.TrimSpace(g.Organisation.Name)) == org {
			out = append(out, e.Name)
		}
	}
	return out, org
}

// ofOrg reports whether the answers data belong to the organisation org
// (folded; "" matches nothing).
func (s *Server) ofOrg(name string, data []byte, org string) bool {
	if org == "" {
		return false
	}
	f, err := answers.Parse(name, data, s.opts.Content)
	return err == nil && fold(strings.TrimSpace(f.Organisation.Name)) == org
}

// exportOrg sends, as a zip, everything the folder holds of the roadmap's
// organisation: its answers files, their earlier versions, its roadmaps in
// the archive, and the audit log's lines about them.
func (s *Server) exportOrg(w http.ResponseWriter, r *http.Request) {
	rm := s.open(w, r)
	if rm == nil {
		return
	}
	names, org := s.orgFiles(rm.Name, rm.File)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	add := func(name string, data []byte) {
		hdr := &zip.FileHeader{Name: name, Method: zip.Deflate, Modified: s.now()}
		if fw, err := zw.CreateHeader(hdr); err == nil {
			fw.Write(data)
		}
	}
	mine := map[string]bool{}
	for _, n := range names {
		mine[n] = true
		if data, _, err := s.store.read(n); err == nil {
			add(n, data)
		}
		vs, _ := s.listVersions(historyDir + "/" + n)
		for _, v := range vs {
			if full, err := s.readVersion(historyDir+"/"+n, v.ID); err == nil {
				add("history/"+n+"/"+v.ID+".yaml", []byte(full.Data))
			}
		}
	}
	arch, _ := s.listVersions(archiveDir)
	for _, v := range arch {
		if full, err := s.readVersion(archiveDir, v.ID); err == nil && (mine[full.Name] || s.ofOrg(full.Name, []byte(full.Data), org)) {
			mine[full.Name] = true
			add("archive/"+v.ID+"-"+full.Name, []byte(full.Data))
		}
	}
	s.hist.audit.Lock()
	log, err := s.store.root.ReadFile(auditFile)
	s.hist.audit.Unlock()
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		s.failed(w, r, "export", err)
		return
	}
	var lines bytes.Buffer
	sc := bufio.NewScanner(bytes.NewReader(log))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var l auditLine
		if json.Unmarshal(sc.Bytes(), &l) == nil && mine[l.Roadmap] {
			lines.Write(sc.Bytes())
			lines.WriteByte('\n')
		}
	}
	add("audit.jsonl", lines.Bytes())
	if err := zw.Close(); err != nil {
		s.failed(w, r, "export", err)
		return
	}
	s.audit(r, auditLine{Roadmap: rm.Name, Action: "export"})
	attach(w, "application/zip", strings.TrimSuffix(strings.TrimSuffix(rm.Name, ".yaml"), ".yml")+"-data.zip", buf.Bytes())
}

// erasedFields are the answers' fields that hold people's contact
// details: the organisation's contact and the workshop's participants.
var erasedFields = []string{"organisation.contact", "workshop.participants"}

// eraseContacts returns the answers data without contact details, and
// whether there were any.
func (s *Server) eraseContacts(name string, data []byte) ([]byte, bool, error) {
	f, err := answers.Parse(name, data, s.opts.Content)
	if err != nil {
		return nil, false, err
	}
	if f.Organisation.Contact == "" && f.Workshop.Participants == "" {
		return data, false, nil
	}
	f.Organisation.Contact, f.Workshop.Participants = "", ""
	lang, err := s.opts.Content.Language(f.Language)
	if err != nil {
		return nil, false, err
	}
	out, err := answers.Encode(f, lang, data)
	return out, err == nil, err
}

// eraseOrg removes the contact details of the roadmap's organisation
// from every answers file of it, every earlier version and every roadmap
// of it in the archive. The person ticks that they understand first.
func (s *Server) eraseOrg(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.formError(w, r, err)
		return
	}
	if r.PostForm.Get("confirm") != "1" {
		s.refuse(w, r, http.StatusBadRequest, "serve.org.erase.confirm")
		return
	}
	defer s.change("")()
	rm := s.open(w, r)
	if rm == nil {
		return
	}
	names, org := s.orgFiles(rm.Name, rm.File)
	n := 0
	var failed error
	rewrite := func(name, path string, data []byte, write func([]byte) error) {
		out, changed, err := s.eraseContacts(name, data)
		if err == nil && changed {
			if err = write(out); err == nil {
				n++
			}
		}
		if err != nil && failed == nil {
			failed = err
			s.opts.Logf("serve: erasing the contact details in %s: %v", path, err)
		}
	}
	mine := map[string]bool{}
	for _, name := range names {
		mine[name] = true
		if data, _, err := s.store.read(name); err == nil {
			rewrite(name, name, data, func(out []byte) error { return s.store.write(name, out) })
		}
		s.parsedLRU().drop(name)
		vs, _ := s.listVersions(historyDir + "/" + name)
		for _, v := range vs {
			full, err := s.readVersion(historyDir+"/"+name, v.ID)
			if err != nil {
				continue
			}
			rewrite(name, historyDir+"/"+name+"/"+v.ID, []byte(full.Data), func(out []byte) error {
				full.Data = string(out)
				b, _ := json.Marshal(full)
				return s.store.write(historyDir+"/"+name+"/"+v.ID+".json", b)
			})
		}
	}
	arch, _ := s.listVersions(archiveDir)
	for _, v := range arch {
		full, err := s.readVersion(archiveDir, v.ID)
		if err != nil || !(mine[full.Name] || s.ofOrg(full.Name, []byte(full.Data), org)) {
			continue
		}
		rewrite(full.Name, archiveDir+"/"+v.ID, []byte(full.Data), func(out []byte) error {
			full.Data = string(out)
			b, _ := json.Marshal(full)
			return s.store.write(archiveDir+"/"+v.ID+".json", b)
		})
	}
	s.audit(r, auditLine{Roadmap: rm.Name, Action: "erase-contacts", Fields: erasedFields})
	if failed != nil {
		s.refuse(w, r, http.StatusInternalServerError, "serve.error.write", "why", failed.Error())
		return
	}
	http.Redirect(w, r, "/r/"+pathEscape(rm.Name)+"/history?erased="+strconv.Itoa(n), http.StatusSeeOther)
}
