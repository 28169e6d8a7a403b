package content

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"hash"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"

	"github.com/partnership-roadmap/roadmap/internal/diag"
	"github.com/partnership-roadmap/roadmap/internal/msg"
)

// Bundle is the roadmap in every language found in a content folder. A
// language's files are read the first time it is asked for, so a command
// that makes one document in one language reads only that language.
// A Bundle is safe for concurrent use.
type Bundle struct {
	// Languages are every language, sorted with the source language first,
	// then by code. Load fills it; a Bundle from Open fills it in All.
	Languages []*Language

	fsys   fs.FS
	prefix string
	codes  []string
	langs  map[string]*entry
	pos    map[string]*positions
	mu     sync.Mutex
}

// entry is one language folder, read once.
type entry struct {
	once    sync.Once
	inherit sync.Once // source-language fields copied (inherit)
	// positions parses the files of a language made from its Go code
	// (builtinLanguage) when a check needs its positions.
	positions sync.Once
	lang      *Language
	pos       *positions
	problems  diag.List
}

// positions remembers where things were found in a language's files, so
// checks can name file, line and column.
type positions struct {
	file  string     // roadmap.yaml, as shown in messages
	root  *yaml.Node // its document's top mapping
	steps *yaml.Node
	// checkpoints are the checkpoints' nodes in document order.
	checkpoints []*yaml.Node
	labels      map[string]labelPos
}

type labelPos struct {
	file string
	key  *yaml.Node
	val  *yaml.Node
}

// positions returns where things are in the files of language code, which
// must have been read without problems. A built-in language (see
// builtinLanguage) was not parsed: its files are parsed now, once.
func (b *Bundle) positions(code string) *positions {
	b.mu.Lock()
	p, ok := b.pos[code]
	b.mu.Unlock()
	if ok {
		return p
	}
	e := b.langs[code]
	if e == nil {
		return nil
	}
	e.positions.Do(func() { _, e.pos, _ = loadLanguage(b.fsys, code, b.prefix) })
	b.mu.Lock()
	b.pos[code] = e.pos
	b.mu.Unlock()
	return e.pos
}

// Codes returns the codes of the bundle's languages, source first.
func (b *Bundle) Codes() []string { return slices.Clone(b.codes) }

// Language returns the language with the given code, reading its files the
// first time. Problems in its files are returned as a diag.List.
func (b *Bundle) Language(code string) (*Language, error) {
	e, ok := b.langs[code]
	if !ok {
		return nil, fmt.Errorf("unknown language %q; available: %s", code, strings.Join(b.codes, ", "))
	}
	e.once.Do(func() {
		if l := builtinLanguage(b.fsys, code); l != nil {
			// Built in: its positions are read when a check needs them.
			l.Dir = path.Join(b.prefix, code)
			e.lang = l
			return
		}
		e.lang, e.pos, e.problems = loadLanguage(b.fsys, code, b.prefix)
		if e.lang != nil {
			b.mu.Lock()
			b.pos[code] = e.pos
			b.mu.Unlock()
		}
	})
	if len(e.problems) > 0 {
		return nil, e.problems.Err()
	}
	if code != SourceLanguage {
		e.inherit.Do(func() {
			if src, err := b.Language(SourceLanguage); err == nil {
				inherit(e.lang, src)
				inheritDigest(e.lang, src)
			}
		})
	}
	return e.lang, nil
}

// All reads every language, in parallel, and returns them in the order of
// Codes. All problems of all languages are returned together.
func (b *Bundle) All() ([]*Language, error) {
	var wg sync.WaitGroup
	for _, c := range b.codes {
		wg.Go(func() { _, _ = b.Language(c) })
	}
	wg.Wait()
	var problems diag.List
	langs := make([]*Language, 0, len(b.codes))
	for _, c := range b.codes {
		e := b.langs[c]
		problems = append(problems, e.problems...)
		langs = append(langs, e.lang)
	}
	if len(problems) > 0 {
		return nil, problems.Err()
	}
	b.Languages = langs
	return langs, nil
}

// Open lists the language folders of fsys (each folder holding a
// roadmap.yaml is a language) without reading them. prefix is prepended to
// file names in messages (the folder given on the command line, or
// "content" for the embedded copy).
func Open(fsys fs.FS, prefix string) (*Bundle, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, fmt.Errorf("reading content folder %s: %w", prefix, err)
	}
	b := &Bundle{fsys: fsys, prefix: prefix, langs: map[string]*entry{}, pos: map[string]*positions{}}
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		if _, err := fs.Stat(fsys, path.Join(e.Name(), "roadmap.yaml")); err != nil {
			continue
		}
		b.codes = append(b.codes, e.Name())
		b.langs[e.Name()] = &entry{}
	}
	if len(b.codes) == 0 {
		return nil, fmt.Errorf("%s: no language folder with a roadmap.yaml found", prefix)
	}
	sort.SliceStable(b.codes, func(i, j int) bool {
		a, c := b.codes[i], b.codes[j]
		if (a == SourceLanguage) != (c == SourceLanguage) {
			return a == SourceLanguage
		}
		return a < c
	})
	return b, nil
}

// Load reads every language folder of fsys (see Open), and returns all the
// problems found together as a diag.List.
func Load(fsys fs.FS, prefix string) (*Bundle, error) {
	b, err := Open(fsys, prefix)
	if err != nil {
		return nil, err
	}
	if _, err := b.All(); err != nil {
		return nil, err
	}
	return b, nil
}

// parsed is a label file, parsed.
type parsed struct {
	name     string // in the file system
	file     string // as shown in messages
	root     *yaml.Node
	data     []byte
	problems diag.List
}

// parseLabels parses the label files of language folder dir, in name order.
func parseLabels(fsys fs.FS, dir, prefix string) []parsed {
	names, _ := fs.Glob(fsys, path.Join(dir, "labels", "*.yaml"))
	sort.Strings(names)
	out := make([]parsed, len(names))
	for i, name := range names {
		out[i].name, out[i].file = name, path.Join(prefix, name)
		out[i].root, out[i].data, out[i].problems = parseFile(fsys, name, out[i].file, `a label file of lines key: "text"`)
	}
	return out
}

func loadLanguage(fsys fs.FS, dir, prefix string) (*Language, *positions, diag.List) {
	// The label files are parsed while roadmap.yaml is: a command that makes
	// one document waits for both.
	labelsc := make(chan []parsed, 1)
	go func() { labelsc <- parseLabels(fsys, dir, prefix) }()
	var problems diag.List
	name := path.Join(dir, "roadmap.yaml")
	file := path.Join(prefix, name)
	root, data, ps := parseFile(fsys, name, file, "the roadmap of one language, as in content/en/roadmap.yaml")
	labelFiles := <-labelsc
	if root == nil {
		return nil, nil, append(problems, ps...)
	}
	problems = append(problems, ps...)
	lang := &Language{Dir: path.Join(prefix, dir), Labels: Labels{}}
	h := sha256.New()
	writeFile(h, name, data)
	for _, lf := range labelFiles {
		writeFile(h, lf.name, lf.data)
	}
	lang.Digest = hex.EncodeToString(h.Sum(nil))
	d := diag.Decoder{File: file}
	d.Decode(root, lang, diag.FileField(name))
	if len(d.Problems) > 0 {
		return nil, nil, append(problems, d.Problems...)
	}
	switch lang.Status {
	case Reviewed, Draft:
	case "":
		// A language nobody has said is reviewed is a draft.
		lang.Status = Draft
	default:
		problems.Add(file, valueOf(root, "status"), "unknown status %q; allowed: %s", lang.Status, strings.Join(Statuses, ", "))
	}
	if lang.Code != dir {
		n := valueOf(root, "language")
		if n == nil {
			n = root
		}
		problems.Add(file, n, "language is %q but the folder is %q; they must be the same code", lang.Code, dir)
	}
	pos := &positions{file: file, root: root, labels: map[string]labelPos{}}
	indexNodes(pos, root)
	for si := range lang.Steps {
		for ci := range lang.Steps[si].Checkpoints {
			lang.Steps[si].Checkpoints[ci].Step = lang.Steps[si].Number
		}
	}
	for ci := range lang.Registration.Checkpoints {
		cp := &lang.Registration.Checkpoints[ci]
		cp.Step, cp.Audience = 1, Registration
	}

	for _, lf := range labelFiles {
		lfile, lroot := lf.file, lf.root
		if len(lf.problems) > 0 {
			problems = append(problems, lf.problems...)
			continue
		}
		if lroot.Kind != yaml.MappingNode {
			problems.Add(lfile, lroot, "labels must be a map of key: \"text\"")
			continue
		}
		for i := 0; i+1 < len(lroot.Content); i += 2 {
			k, v := lroot.Content[i], lroot.Content[i+1]
			if prev, dup := pos.labels[k.Value]; dup {
				problems.Add(lfile, k, "label %q is defined twice (first at %s:%d:%d)", k.Value, prev.file, prev.key.Line, prev.key.Column)
				continue
			}
			if v.Kind == yaml.MappingNode {
				forms, ps := pluralForms(lfile, k.Value, v)
				problems = append(problems, ps...)
				if forms == nil {
					continue
				}
				if lang.Plurals == nil {
					lang.Plurals = map[string]map[string]string{}
				}
				lang.Plurals[k.Value] = forms
				lang.Labels[k.Value] = forms["other"]
				pos.labels[k.Value] = labelPos{file: lfile, key: k, val: v}
				continue
			}
			if v.Kind != yaml.ScalarNode || v.Tag == "!!null" {
				problems.Add(lfile, v, "label %q must be a text, or a map of plural forms (one: …, other: …)", k.Value)
				continue
			}
			lang.Labels[k.Value] = v.Value
			pos.labels[k.Value] = labelPos{file: lfile, key: k, val: v}
		}
	}
	return lang, pos, problems
}

// pluralForms reads the plural forms of label key from mapping node v:
// category: "text" pairs, which must include "other".
func pluralForms(file, key string, v *yaml.Node) (map[string]string, diag.List) {
	var problems diag.List
	forms := map[string]string{}
	for i := 0; i+1 < len(v.Content); i += 2 {
		c, t := v.Content[i], v.Content[i+1]
		if !slices.Contains(pluralCategories, c.Value) {
			msg := fmt.Sprintf("label %q: unknown plural form %q", key, c.Value)
			if s := diag.Suggest(c.Value, pluralCategories); s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", s)
			}
			problems.Add(file, c, "%s; allowed: %s", msg, strings.Join(pluralCategories, ", "))
			continue
		}
		if _, dup := forms[c.Value]; dup {
			problems.Add(file, c, "label %q: plural form %q is given twice", key, c.Value)
			continue
		}
		if t.Kind != yaml.ScalarNode || t.Tag == "!!null" {
			problems.Add(file, t, "label %q: plural form %q must be a text", key, c.Value)
			continue
		}
		forms[c.Value] = t.Value
	}
	if _, ok := forms["other"]; !ok && len(problems) == 0 {
		problems.Add(file, v, "label %q: plural forms must include other", key)
	}
	if len(problems) > 0 {
		return nil, problems
	}
	return forms, nil
}

// parseFile reads and parses one YAML file, returning its top node; what
// says what the file should hold, for the message about an empty file.
func parseFile(fsys fs.FS, name, file, what string) (*yaml.Node, []byte, diag.List) {
	data, err := diag.ReadFile(fsys, name, file, msg.New("what.file"))
	if err != nil {
		return nil, nil, diag.List{err.(diag.Problem)}
	}
	root, problems := diag.Parse(file, data, msg.Plain(what))
	return root, data, problems
}

// writeFile adds a file's name and bytes to a language's digest, each
// prefixed with its length so that no two sets of files hash alike.
func writeFile(h hash.Hash, name string, data []byte) {
	var n [8]byte
	binary.LittleEndian.PutUint64(n[:], uint64(len(name)))
	h.Write(n[:])
	h.Write([]byte(name))
	binary.LittleEndian.PutUint64(n[:], uint64(len(data)))
	h.Write(n[:])
	h.Write(data)
}

// inheritDigest makes the digest of translation l cover the source
// language src too, whose fields it inherits.
func inheritDigest(l, src *Language) {
	h := sha256.New()
	writeFile(h, l.Code, []byte(l.Digest))
	writeFile(h, src.Code, []byte(src.Digest))
	l.Digest = hex.EncodeToString(h.Sum(nil))
}

// indexNodes records the node of every checkpoint, in document order.
func indexNodes(pos *positions, root *yaml.Node) {
	steps := valueOf(root, "steps")
	pos.steps = steps
	if steps == nil {
		return
	}
	for _, st := range steps.Content {
		if cps := valueOf(st, "checkpoints"); cps != nil {
			pos.checkpoints = append(pos.checkpoints, cps.Content...)
		}
	}
}

// valueOf returns the value node of key in mapping node n, or nil.
func valueOf(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}
