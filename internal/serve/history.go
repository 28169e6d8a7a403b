package serve

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/partnership-roadmap/roadmap/internal/access"
	"github.com/partnership-roadmap/roadmap/internal/answers"
	"github.com/partnership-roadmap/roadmap/internal/content"
)

// The .roadmap folder beside the answers files holds, besides the access
// list: the earlier versions of each roadmap (history/<name>/<id>.json),
// the roadmaps moved to the archive (archive/<id>.json) and the audit log
// (audit.jsonl).
const (
	historyDir = access.Folder + "/history"
	archiveDir = access.Folder + "/archive"
	auditFile  = access.Folder + "/audit.jsonl"
)

// sessionGap is how long saves by one link count as one sitting: the
// version before the first of them is kept, not one per autosave (which
// comes every second while someone types).
const sessionGap = 10 * time.Minute

// version is an earlier version of a roadmap, or a roadmap in the archive.
type version struct {
	// ID is the file's name without ".json": the moment it was kept.
	ID string `json:"-"`
	// Name is the roadmap's file name.
	Name string `json:"name"`
	// Time is when the version was replaced (or archived), By by whom.
	Time time.Time `json:"time"`
	By   string    `json:"by"`
	// Data is the answers file as it was.
	Data string `json:"data,omitempty"`
}

// sitting is the last version kept of a roadmap: by whom and when.
type sitting struct {
	by string
	at time.Time
}

// history holds what the server remembers of the versions it kept.
type history struct {
	mu    sync.Mutex
	last  map[string]sitting // roadmap → the last version kept this run
	audit sync.Mutex         // serialises the audit log's lines
	// auditFile is the audit log, open for appending from the first line
	// on; closed by Server.Close.
	auditFile *os.File
}

// forget ends the sitting on the roadmap name: its next change keeps a
// version.
func (h *history) forget(name string) {
	h.mu.Lock()
	delete(h.last, name)
	h.mu.Unlock()
}

var idRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^\d{8}T\d{6}\.\d{9}Z(-\d+)?$`) })

// stamp is the ID of a version kept at t.
func stamp(t time.Time) string { return t.UTC().Format("20060102T150405.000000000Z") }

// keep writes v as dir/<id>.json, the ID its time (made unique), and
// returns the ID.
func (s *Server) keep(dir string, v version) (string, error) {
	if err := s.store.root.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	data, err := json.Marshal(v)
	if err != nil {
		return "", err
	}
	id := stamp(v.Time)
	for i := 2; ; i++ {
		err := s.store.create(dir+"/"+id+".json", data)
		if !errors.Is(err, fs.ErrExist) {
			return id, err
		}
		id = stamp(v.Time) + "-" + strconv.Itoa(i)
	}
}

// keepVersion keeps old, the roadmap name as it is before a change by
// by, unless by's sitting on it already kept the version it started
// from. The caller holds the roadmap's lock (s.change).
func (s *Server) keepVersion(name string, old []byte, by string, now time.Time) error {
	h := &s.hist
	h.mu.Lock()
	l, ok := h.last[name]
	if ok && l.by == by && now.Sub(l.at) < sessionGap {
		h.last[name] = sitting{by, now}
		h.mu.Unlock()
		return nil
	}
	h.mu.Unlock()
	if _, err := s.keep(historyDir+"/"+name, version{Name: name, Time: now, By: by, Data: string(old)}); err != nil {
		return fmt.Errorf("keeping the earlier version of %s: %w", name, err)
	}
	h.mu.Lock()
	if h.last == nil {
		h.last = map[string]sitting{}
	}
	h.last[name] = sitting{by, now}
	h.mu.Unlock()
	return nil
}

// listVersions returns the versions kept in dir, newest first, without
// their data.
func (s *Server) listVersions(dir string) ([]version, error) {
	d, err := s.store.root.Open(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	names, err := d.Readdirnames(-1)
	d.Close()
	if err != nil {
		return nil, err
	}
	var out []version
	for _, n := range names {
		id, ok := strings.CutSuffix(n, ".json")
		if !ok || !idRE().MatchString(id) {
			continue
		}
		v, err := s.readVersion(dir, id)
		if err != nil {
			continue
		}
		v.Data = ""
		out = append(out, v)
	}
	slices.SortFunc(out, func(a, b version) int { return strings.Compare(b.ID, a.ID) })
	return out, nil
}

// readVersion reads the version id of dir.
func (s *Server) readVersion(dir, id string) (version, error) {
	if !idRE().MatchString(id) {
		return version{}, fs.ErrNotExist
	}
	f, err := s.store.root.Open(dir + "/" + id + ".json")
	if err != nil {
		return version{}, err
	}
	defer f.Close()
	var v version
	if err := json.NewDecoder(io.LimitReader(f, 4*maxFile)).Decode(&v); err != nil {
		return version{}, err
	}
	v.ID = id
	return v, nil
}

// auditLine is one line of the audit log. It names what changed, never
// what was written.
type auditLine struct {
	Time    time.Time `json:"time"`
	Link    string    `json:"link"`
	IP      string    `json:"ip,omitempty"`
	Roadmap string    `json:"roadmap,omitempty"`
	Action  string    `json:"action"`
	Fields  []string  `json:"fields,omitempty"`
	Version string    `json:"version,omitempty"`
}

// audit appends a line to the audit log and syncs it to the disk. A line
// that cannot be written is logged: the change it records is made.
func (s *Server) audit(r *http.Request, l auditLine) {
	l.Time = s.now().UTC()
	l.Link = grantOf(r).label
	l.IP = s.client(r).ip
	data, err := json.Marshal(l)
	if err == nil {
		err = s.appendAudit(append(data, '\n'))
	}
	if err != nil {
		s.opts.Logf("serve: writing the audit log: %v", err)
	}
}

// appendAudit writes line at the end of the log, then syncs it: the file
// stays open, lines are written one at a time, and the syncs of saves at
// the same moment overlap (a sync covers every line written before it),
// so forty saves do not wait for forty syncs in a row.
func (s *Server) appendAudit(line []byte) error {
	h := &s.hist
	h.audit.Lock()
	if h.auditFile == nil {
		if err := s.store.root.MkdirAll(access.Folder, 0o700); err != nil {
			h.audit.Unlock()
			return err
		}
		f, err := s.store.root.OpenFile(auditFile, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
		if err != nil {
			h.audit.Unlock()
			return err
		}
		h.auditFile = f
	}
	f := h.auditFile
	_, err := f.Write(line)
	h.audit.Unlock()
	if err != nil {
		return err
	}
	return f.Sync()
}

// changedFields names the keys of the answers file whose values differ
// between old and new, as paths of the file's keys
// (organisation.contact, checkpoints.pilot.answer, action_plan.2.deadline).
func changedFields(old, new *answers.File) []string {
	a, b := map[string]string{}, map[string]string{}
	flatten(old, a)
	flatten(new, b)
	var out []string
	for k, v := range a {
		if w, ok := b[k]; (!ok || w != v) && !rowID(k) {
			out = append(out, k)
		}
	}
	for k := range b {
		if _, ok := a[k]; !ok && !rowID(k) {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}

// rowID reports whether key is a plan row's identifier, which the file
// is given when a row first is saved: no one's change.
func rowID(key string) bool { return strings.HasSuffix(key, ".id") }

func flatten(f *answers.File, into map[string]string) {
	if f != nil {
		flattenValue("", reflect.ValueOf(*f), into)
	}
}

var stringer = reflect.TypeFor[fmt.Stringer]()

// flattenValue puts the values of v into into, by the path of their YAML
// keys.
func flattenValue(prefix string, v reflect.Value, into map[string]string) {
	if v.Type().Implements(stringer) {
		into[prefix] = v.Interface().(fmt.Stringer).String()
		return
	}
	switch v.Kind() {
	case reflect.Struct:
		t := v.Type()
		for i := range t.NumField() {
			key, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ",")
			if key == "" || key == "-" || !t.Field(i).IsExported() {
				continue
			}
			flattenValue(join(prefix, key), v.Field(i), into)
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			flattenValue(join(prefix, fmt.Sprint(k.Interface())), v.MapIndex(k), into)
		}
	case reflect.Slice:
		for i := range v.Len() {
			flattenValue(join(prefix, strconv.Itoa(i+1)), v.Index(i), into)
		}
	default:
		into[prefix] = fmt.Sprint(v.Interface())
	}
}

func join(prefix, k string) string {
	if prefix == "" {
		return k
	}
	return prefix + "." + k
}

// historyPage lists a roadmap's earlier versions, newest first, each with
// who replaced it and when, to restore; and for the coordinator the
// button that moves the roadmap to the archive.
func (s *Server) historyPage(w http.ResponseWriter, r *http.Request) {
	rm := s.open(w, r)
	if rm == nil {
		return
	}
	vs, err := s.listVersions(historyDir + "/" + rm.Name)
	if err != nil {
		s.opts.Logf("serve: listing the versions of %s: %v", rm.Name, err)
	}
	lang := rm.Lang
	type row struct{ ID, Text string }
	var rows []row
	for _, v := range vs {
		rows = append(rows, row{v.ID, lang.Format("serve.history.entry", "who", v.By, "when", changedAt(lang, v.Time.In(time.Local)))})
	}
	g := grantOf(r)
	s.render(w, http.StatusOK, "history.html", struct {
		page
		Name        string
		Rows        []row
		CanRestore  bool
		Coordinator bool
		Erased      string
	}{page{Lang: lang, Title: lang.Label("serve.history") + " — " + rm.Name, s: s}, rm.Name, rows, !g.readOnly, g.all, erased(lang, r)})
}

// erased is the notice of an erasure just made, from ?erased=N.
func erased(lang *content.Language, r *http.Request) string {
	n := r.URL.Query().Get("erased")
	if _, err := strconv.Atoi(n); err != nil {
		return ""
	}
	return lang.Format("serve.org.erased", "n", n)
}

// restoreVersion makes an earlier version the roadmap's answers file; the
// version it replaces is kept first, so a restore can be undone.
func (s *Server) restoreVersion(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.formError(w, r, err)
		return
	}
	defer s.change(r.PathValue("name"))()
	rm := s.open(w, r)
	if rm == nil {
		return
	}
	v, err := s.readVersion(historyDir+"/"+rm.Name, r.PostForm.Get("version"))
	if err != nil {
		s.refuse(w, r, http.StatusNotFound, "serve.error.notfound")
		return
	}
	f, err := answers.Parse(rm.Name, []byte(v.Data), s.opts.Content)
	if err != nil {
		s.refuse(w, r, http.StatusConflict, "serve.error.write", "why", problemText(rm.Name, err, rm.Lang.Code))
		return
	}
	// A restore keeps the version it replaces whoever made it, and starts
	// no sitting: the next save keeps the restored version.
	s.hist.forget(rm.Name)
	err = s.keepVersion(rm.Name, rm.Data, grantOf(r).label, s.now())
	if err == nil {
		err = s.store.write(rm.Name, []byte(v.Data))
	}
	s.hist.forget(rm.Name)
	if err != nil {
		s.opts.Logf("serve: restoring %s: %v", rm.Name, err)
		s.refuse(w, r, http.StatusInternalServerError, "serve.error.write", "why", err.Error())
		return
	}
	s.audit(r, auditLine{Roadmap: rm.Name, Action: "restore-version", Version: v.ID, Fields: changedFields(rm.File, f)})
	http.Redirect(w, r, "/r/"+pathEscape(rm.Name)+"?saved=1", http.StatusSeeOther)
}

// archiveRoadmap moves a roadmap to the archive: it leaves the list and
// every link to it stops finding it, until it is restored.
func (s *Server) archiveRoadmap(w http.ResponseWriter, r *http.Request) {
	defer s.change("")()
	rm := s.open(w, r)
	if rm == nil {
		return
	}
	if rm.Data == nil {
		s.refuse(w, r, http.StatusConflict, "serve.readonly")
		return
	}
	id, err := s.keep(archiveDir, version{Name: rm.Name, Time: s.now(), By: grantOf(r).label, Data: string(rm.Data)})
	if err == nil {
		err = s.store.root.Remove(rm.Name)
	}
	if err == nil {
		err = s.store.syncDir("")
	}
	if err != nil {
		s.opts.Logf("serve: archiving %s: %v", rm.Name, err)
		s.refuse(w, r, http.StatusInternalServerError, "serve.error.write", "why", err.Error())
		return
	}
	s.hist.forget(rm.Name)
	s.parsedLRU().drop(rm.Name)
	s.audit(r, auditLine{Roadmap: rm.Name, Action: "archive", Version: id})
	http.Redirect(w, r, "/archive", http.StatusSeeOther)
}

// archivePage lists the roadmaps in the archive, newest first.
func (s *Server) archivePage(w http.ResponseWriter, r *http.Request) {
	lang := s.uiLanguage(r)
	vs, err := s.listVersions(archiveDir)
	if err != nil {
		s.opts.Logf("serve: listing the archive: %v", err)
	}
	type row struct{ ID, Text string }
	var rows []row
	for _, v := range vs {
		rows = append(rows, row{v.ID, lang.Format("serve.archive.entry", "name", v.Name, "who", v.By, "when", changedAt(lang, v.Time.In(time.Local)))})
	}
	s.render(w, http.StatusOK, "archive.html", struct {
		page
		Rows []row
	}{page{Lang: lang, Title: lang.Label("serve.archive"), s: s}, rows})
}

// restoreArchived brings a roadmap back from the archive, under its name,
// or the next free one when a roadmap of that name was made meanwhile.
func (s *Server) restoreArchived(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.formError(w, r, err)
		return
	}
	defer s.change("")()
	id := r.PostForm.Get("id")
	v, err := s.readVersion(archiveDir, id)
	if err != nil || !validName(v.Name) {
		s.refuse(w, r, http.StatusNotFound, "serve.error.notfound")
		return
	}
	name := v.Name
	if _, err := s.store.root.Lstat(name); !errors.Is(err, fs.ErrNotExist) {
		name = s.store.freeName(strings.TrimSuffix(strings.TrimSuffix(name, ".yaml"), ".yml"))
	}
	err = s.store.create(name, []byte(v.Data))
	if err == nil {
		err = s.store.root.Remove(archiveDir + "/" + id + ".json")
	}
	if err != nil {
		s.opts.Logf("serve: restoring %s from the archive: %v", v.Name, err)
		s.refuse(w, r, http.StatusInternalServerError, "serve.error.write", "why", err.Error())
		return
	}
	s.audit(r, auditLine{Roadmap: name, Action: "restore-archived", Version: id})
	http.Redirect(w, r, "/r/"+pathEscape(name), http.StatusSeeOther)
}

// downloadAudit sends the audit log as it is.
func (s *Server) downloadAudit(w http.ResponseWriter, r *http.Request) {
	s.hist.audit.Lock()
	data, err := s.store.root.ReadFile(auditFile)
	s.hist.audit.Unlock()
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		s.failed(w, r, "audit", err)
		return
	}
	attach(w, "application/jsonl; charset=utf-8", "audit.jsonl", data)
}
