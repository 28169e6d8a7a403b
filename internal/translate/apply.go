package translate

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing/fstest"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/diag"
	"github.com/partnership-roadmap/roadmap/internal/fsutil"
	"github.com/partnership-roadmap/roadmap/internal/msg"
)

// Result says what an import changed.
type Result struct {
	// Changed texts were replaced, Added were new to the language, Unchanged
	// were the same as before.
	Changed, Added, Unchanged int
	// Files are the files written, sorted.
	Files []string
	// Lang is the language imported into.
	Lang string
}

// edit replaces the scalar at a position of a file, or adds a label.
type edit struct {
	node *yaml.Node // nil: an added label
	text string
	key  string // the label key, for an added label
	name string // the translation's key, for messages
	// forms are the plural forms of an added plural label.
	forms map[string]string
}

// Apply writes the translations ts into language code of the content folder
// dir on disk. Every translation is checked first, as `roadmap content
// check` checks the content (opts are its options): a known key, text
// without control characters, the source's placeholders, and then the whole
// language as it would be, so that a date pattern, an over-long sheet name or
// a lost paragraph is refused too. Each refusal names the translator's file
// name, the line and column of the translation and its key; if anything is
// refused, nothing is written. Only texts that changed are rewritten: every
// other byte of the files, comments and layout included, stays as it was.
// The record of which Latvian text each translation was made from
// (sources.yaml, and the texts themselves in source-texts.yaml) is brought
// up to date for every text imported.
func Apply(dir, code, name string, ts []Translation, opts ...content.CheckOption) (Result, error) {
	var res Result
	b, err := content.Open(os.DirFS(dir), dir)
	if err != nil {
		return res, err
	}
	if base, _, ok := strings.Cut(strings.ReplaceAll(code, "-", "_"), "_"); ok && !slices.Contains(b.Codes(), code) && slices.Contains(b.Codes(), strings.ToLower(base)) {
		code = strings.ToLower(base) // a locale, as some editors write it: lt_LT, pt-PT
	}
	if !slices.Contains(b.Codes(), code) {
		return res, msg.New("translate.no-language", "file", name, "code", msg.Value(code), "dir", dir,
			"new", filepath.Join(dir, code), "src", filepath.Join(dir, content.SourceLanguage))
	}
	if code == content.SourceLanguage {
		return res, msg.New("translate.source", "file", name, "code", code)
	}
	src, err := b.Language(content.SourceLanguage)
	if err != nil {
		return res, err
	}
	lang, err := b.Language(code)
	if err != nil {
		return res, err
	}
	srcUnits, err := b.Units(content.SourceLanguage)
	if err != nil {
		return res, err
	}
	units, err := b.Units(code)
	if err != nil {
		return res, err
	}
	source, target := byKey(srcUnits), byKey(units)
	res.Lang = code

	var problems diag.List
	edits := map[string][]edit{} // by file
	want := map[string]string{}  // key → the text it must have afterwards
	stamp := map[string]string{} // key → hash of its source text
	added := map[string]map[string]string{}
	byName := map[string]Translation{}
	for _, t := range ts {
		// bad refuses t, at the byte off of its text (-1: its start).
		bad := func(off int, key string, kv ...any) {
			text := msg.Join{Sep: ": ", Items: []msg.Text{shownKey(t.Key), msg.New(key, kv...)}}
			p := diag.Problem{File: name, Line: t.Line, Col: t.Col, Msg: text.In(msg.Fallback), Text: text}
			if off >= 0 {
				p.Line, p.Col, _ = t.At(off)
			}
			problems = append(problems, p)
		}
		byName[t.Key] = t
		if i := invalidUTF8(t.Text); i >= 0 {
			_, _, raw := t.At(i)
			bad(i, "translate.utf8", "byte", written(raw, fmt.Sprintf("0x%02X", t.Text[i])))
			continue
		}
		if i, r := controlAt(t.Text); i >= 0 {
			_, _, raw := t.At(i)
			if writtenAs(raw) != "" {
				bad(i, "translate.control-written", "char", diag.CharName(r), "raw", raw)
			} else {
				bad(i, "translate.control", "char", diag.CharName(r))
			}
			continue
		}
		labelKey, form, plural := strings.Cut(strings.TrimPrefix(t.Key, "labels."), ":")
		su, known := source[t.Key]
		srcText := su.Text
		if plural {
			forms, ok := src.Plurals[labelKey]
			known = ok && strings.HasPrefix(t.Key, "labels.") && slices.Contains(content.PluralCategories(code), form)
			srcText = pick(forms, form)
		}
		if !known {
			if s := diag.Suggest(t.Key, slices.Collect(maps.Keys(source))); s != "" {
				bad(-1, "translate.unknown-key-hint", "suggestion", s)
			} else {
				bad(-1, "translate.unknown-key")
			}
			continue
		}
		if got, want, ok := content.PlaceholderProblem(srcText, t.Text); !ok {
			bad(-1, "translate.placeholders", "got", msg.Value(got), "want", want, "src", content.SourceLanguage)
			continue
		}
		if !plural {
			stamp[t.Key] = content.Hash(su.Text)
		}
		u, ok := target[t.Key]
		if !ok {
			if !strings.HasPrefix(t.Key, "labels.") {
				bad(-1, "translate.no-place", "file", filepath.Join(dir, code, "roadmap.yaml"), "at", su.Pos())
				continue
			}
			if plural {
				if _, exists := lang.Labels[labelKey]; exists && lang.Plurals[labelKey] == nil {
					bad(-1, "translate.not-plural", "key", msg.Value(labelKey), "code", code)
					continue
				}
				if added[labelKey] == nil {
					added[labelKey] = map[string]string{}
				}
				added[labelKey][form] = t.Text
				want[t.Key] = t.Text
				continue
			}
			file := filepath.Join(dir, code, "labels", path.Base(su.File))
			edits[file] = append(edits[file], edit{key: labelKey, name: t.Key, text: t.Text})
			want[t.Key] = t.Text
			res.Added++
			continue
		}
		text := t.Text
		if u.Markdown && !strings.HasSuffix(text, "\n") {
			text += "\n"
		}
		want[t.Key] = text
		if text == u.Text {
			res.Unchanged++
			continue
		}
		edits[u.File] = append(edits[u.File], edit{node: u.Node, name: t.Key, text: text})
		res.Changed++
	}
	for k, forms := range added {
		file := filepath.Join(dir, code, "labels", path.Base(b.LabelFile(content.SourceLanguage, k)))
		edits[file] = append(edits[file], edit{key: k, name: "labels." + k, forms: forms})
		res.Added += len(forms)
	}
	// Rewrite the files in memory, with the translations found good so
	// far, then load and check the language from them, before anything is
	// written: every refusal is reported at once.
	out := map[string][]byte{}
	var spans []keySpan
	for file, es := range edits {
		data, err := os.ReadFile(file)
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return Result{}, err
		}
		var ks []keySpan
		if data, ks, err = splice(data, es); err != nil {
			return Result{}, fmt.Errorf("%s: %w", file, err)
		}
		for i := range ks {
			ks[i].file = file
		}
		spans = append(spans, ks...)
		out[file] = data
	}
	if len(stamp) > 0 {
		old, err := b.Sources(code)
		if err != nil {
			return Result{}, err
		}
		rec := map[string]string{}
		for k, v := range old {
			rec[k] = v
		}
		for k, v := range stamp {
			rec[k] = v
		}
		file := filepath.Join(dir, content.SourcesPath(code))
		data := content.EncodeSources(rec)
		if cur, err := os.ReadFile(file); err != nil || !bytes.Equal(cur, data) {
			out[file] = data
		}
		texts, err := b.EncodeSourceTexts(map[string]map[string]string{code: rec})
		if err != nil {
			return Result{}, err
		}
		file = filepath.Join(dir, content.SourceTextsFile)
		if cur, err := os.ReadFile(file); err != nil || !bytes.Equal(cur, texts) {
			out[file] = texts
		}
	}
	v := verifier{dir: dir, code: code, name: name, opts: opts, spans: spans, ts: byName}
	refused, err := v.verify(out, want)
	if problems = append(problems, refused...); len(problems) > 0 {
		return Result{}, problems.Err()
	}
	if err != nil {
		return Result{}, err
	}
	// Every file or none: a failure half-way (a full disk) leaves the
	// content as it was.
	var files []fsutil.PathFile
	for _, file := range slices.Sorted(maps.Keys(out)) {
		files = append(files, fsutil.PathFile{Path: file, Data: out[file]})
	}
	if err := fsutil.WriteFiles(files); err != nil {
		return Result{}, err
	}
	for _, f := range files {
		res.Files = append(res.Files, f.Path)
	}
	return res, nil
}

// keySpan is where the text of a translation is in a rewritten file: lines
// first to last (1-based).
type keySpan struct {
	file        string
	key         string
	first, last int
}

// verifier loads and checks language code of dir as it would be after an
// import, and says what the import would break, naming the translations.
type verifier struct {
	dir, code, name string
	opts            []content.CheckOption
	spans           []keySpan
	ts              map[string]Translation
}

// files returns the source language's and language code's files, the
// lists of texts that stay the same, with the rewritten files out in place.
func (v *verifier) files(out map[string][]byte) (fstest.MapFS, error) {
	m := fstest.MapFS{}
	for _, lc := range []string{content.SourceLanguage, v.code} {
		root := filepath.Join(v.dir, lc)
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := os.ReadFile(p)
			rel, _ := filepath.Rel(v.dir, p)
			m[filepath.ToSlash(rel)] = &fstest.MapFile{Data: data}
			return err
		})
		if err != nil {
			return nil, err
		}
	}
	if data, err := os.ReadFile(filepath.Join(v.dir, content.SameFile)); err == nil {
		m[content.SameFile] = &fstest.MapFile{Data: data}
	}
	for file, data := range out {
		rel, _ := filepath.Rel(v.dir, file)
		m[filepath.ToSlash(rel)] = &fstest.MapFile{Data: data}
	}
	return m, nil
}

// check loads the files and returns the problems content check finds in
// language code, or those that stop it loading.
func (v *verifier) check(m fstest.MapFS) (diag.List, bool) {
	b, err := content.Open(m, v.dir)
	if err != nil {
		return problemsOf(err), false
	}
	var langs []*content.Language
	for _, c := range []string{content.SourceLanguage, v.code} {
		l, err := b.Language(c)
		if err != nil {
			return problemsOf(err), false
		}
		langs = append(langs, l)
	}
	if _, err := b.Units(v.code); err != nil {
		return problemsOf(err), false
	}
	b.Languages = langs
	_, ps := content.Check(b, v.opts...)
	return ps, true
}

func problemsOf(err error) diag.List {
	var l diag.List
	if errors.As(err, &l) {
		return l
	}
	var p diag.Problem
	if errors.As(err, &p) {
		return diag.List{p}
	}
	q := diag.Problem{Msg: err.Error()}
	if t, ok := err.(msg.Text); ok {
		q.Text = t
	}
	return diag.List{q}
}

// verify checks the content as it would be with the rewritten files out.
// It returns every problem that content check would find and that the
// import brings, named by the translation it comes from; and an error when
// a text in want would not read back as it was imported.
func (v *verifier) verify(out map[string][]byte, want map[string]string) (diag.List, error) {
	if len(out) == 0 {
		return nil, nil // nothing changes
	}
	before, err := v.files(nil)
	if err != nil {
		return nil, err
	}
	after, err := v.files(out)
	if err != nil {
		return nil, err
	}
	old, _ := v.check(before)
	had := map[string]bool{}
	for _, p := range old {
		had[p.File+"\x00"+p.Msg] = true
	}
	ps, loaded := v.check(after)
	var refused diag.List
	for _, p := range ps {
		if t, ok := v.translationAt(p); ok {
			q := diag.Problem{File: v.name, Line: t.Line, Col: t.Col, Msg: t.Key + ": " + strings.TrimPrefix(p.Msg, t.Key+" ")}
			if m, ok := p.Text.(msg.Message); ok && m.Key == "content.placeholder-shape" {
				q.Text = msg.Join{Sep: ": ", Items: []msg.Text{msg.Plain(t.Key), msg.New("translate.placeholders", m.Args...)}}
			} else if p.Text != nil {
				q.Text = msg.Join{Sep: ": ", Items: []msg.Text{msg.Plain(t.Key), p.Text}}
			}
			if q.Text != nil {
				q.Msg = q.Text.In(msg.Fallback)
			}
			refused = append(refused, q)
			continue
		}
		if !had[p.File+"\x00"+p.Msg] {
			p.Text = msg.New("translate.after-import", "problem", msg.Func(p.Message))
			p.Msg = p.Text.In(msg.Fallback)
			refused = append(refused, p)
		}
	}
	if len(refused) > 0 {
		return refused, nil
	}
	if !loaded {
		return nil, msg.New("translate.would-not-load", "problems", ps.Err())
	}
	b, err := content.Open(after, v.dir)
	if err != nil {
		return nil, err
	}
	units, err := b.Units(v.code)
	if err != nil {
		return nil, err
	}
	got := byKey(units)
	for k, w := range want {
		if got[k].Text != w {
			return nil, msg.New("translate.read-back", "key", k, "got", msg.Value(got[k].Text), "want", msg.Value(w))
		}
	}
	return nil, nil
}

// translationAt returns the translation whose text holds problem p's
// position in a rewritten file.
func (v *verifier) translationAt(p diag.Problem) (Translation, bool) {
	for _, s := range v.spans {
		if filepath.ToSlash(s.file) == filepath.ToSlash(p.File) && p.Line >= s.first && p.Line <= s.last {
			t, ok := v.ts[s.key]
			if !ok {
				t = Translation{Key: s.key}
			}
			return t, true
		}
	}
	return Translation{}, false
}

// shownKey returns a key read from a translator's file as a message shows
// it: as it is when it is written as the export writes keys, else quoted
// and shortened, so that a message never sends a control character to the
// terminal or repeats a huge value.
func shownKey(k string) msg.Text {
	c := diag.ClipText(k)
	for _, r := range k {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || strings.ContainsRune(".:_-", r)) {
			return msg.Func(func(lang string) string { return strconv.Quote(c.In(lang)) })
		}
	}
	return c
}

// invalidUTF8 returns the offset of the first byte of s that is not UTF-8,
// or -1.
func invalidUTF8(s string) int {
	for i, r := range s {
		if r == utf8.RuneError {
			if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
				return i
			}
		}
	}
	return -1
}

// controlAt returns the offset and the first control character of s that
// the content refuses, or -1.
func controlAt(s string) (int, rune) {
	for i, r := range s {
		if _, bad := diag.ControlIn(string(r)); bad {
			return i, r
		}
	}
	return -1, 0
}

// writtenAs says how the file writes a character, when it writes it as an
// escape or a reference: " (written \a)".
func writtenAs(raw string) string {
	if len(raw) < 2 || (raw[0] != '\\' && raw[0] != '&') {
		return ""
	}
	return " (written " + raw + ")"
}

// written returns raw when it is an escape or a reference, else alt.
func written(raw, alt string) string {
	if s := writtenAs(raw); s != "" {
		return raw
	}
	return alt
}

// splice applies edits to a YAML file's bytes: each scalar is replaced by the
// new text written in the scalar's own style, and added labels are appended.
// It returns where each edit's text is in the new bytes.
func splice(data []byte, es []edit) ([]byte, []keySpan, error) {
	type span struct {
		start, end int
		text       string
		name       string
	}
	var spans []span
	var tail bytes.Buffer
	type tailSpan struct {
		start, end int
		name       string
	}
	var tails []tailSpan
	for _, e := range es {
		if e.node == nil {
			if len(data) > 0 && !bytes.HasSuffix(data, []byte("\n")) && tail.Len() == 0 {
				tail.WriteByte('\n')
			}
			start := tail.Len()
			if e.forms != nil {
				fmt.Fprintf(&tail, "%s:\n", e.key)
				for _, c := range []string{"zero", "one", "two", "few", "many", "other"} {
					if s, ok := e.forms[c]; ok {
						fmt.Fprintf(&tail, "  %s: %s\n", c, doubleQuoted(s))
					}
				}
			} else {
				fmt.Fprintf(&tail, "%s: %s\n", e.key, doubleQuoted(e.text))
			}
			tails = append(tails, tailSpan{start, tail.Len() - 1, e.name})
			continue
		}
		start, err := offset(data, e.node.Line, e.node.Column)
		if err != nil {
			return nil, nil, err
		}
		end, repl, err := scalarSpan(data, start, e.node, e.text)
		if err != nil {
			return nil, nil, msg.New("translate.line", "line", e.node.Line, "reason", err)
		}
		spans = append(spans, span{start, end, repl, e.name})
	}
	slices.SortFunc(spans, func(a, b span) int { return a.start - b.start })
	var (
		out  []byte
		ks   []keySpan
		prev int
	)
	lineAt := func(b []byte) int { return bytes.Count(b, []byte("\n")) + 1 }
	for _, s := range spans {
		out = append(out, data[prev:s.start]...)
		first := lineAt(out)
		out = append(out, s.text...)
		ks = append(ks, keySpan{key: s.name, first: first, last: lineAt(out)})
		prev = s.end
	}
	out = append(out, data[prev:]...)
	base := len(out)
	out = append(out, tail.Bytes()...)
	for _, t := range tails {
		ks = append(ks, keySpan{key: t.name, first: lineAt(out[:base+t.start]), last: lineAt(out[:base+t.end])})
	}
	return out, ks, nil
}

// offset returns the byte offset of line and column (1-based, the column
// counted in characters, as the YAML parser counts it).
func offset(data []byte, line, col int) (int, error) {
	i := 0
	for l := 1; l < line; l++ {
		j := bytes.IndexByte(data[i:], '\n')
		if j < 0 {
			return 0, msg.New("translate.past-end", "line", line)
		}
		i += j + 1
	}
	for c := 1; c < col; c++ {
		_, size := utf8.DecodeRune(data[i:])
		if size == 0 {
			return 0, msg.New("translate.past-line", "col", col, "line", line)
		}
		i += size
	}
	return i, nil
}

// scalarSpan returns where the scalar starting at start ends, and text
// written as a scalar of the same style (block scalars keep their header and
// indentation; plain scalars become double-quoted).
func scalarSpan(data []byte, start int, n *yaml.Node, text string) (int, string, error) {
	switch {
	case n.Style&yaml.DoubleQuotedStyle != 0:
		for i := start + 1; i < len(data); i++ {
			switch data[i] {
			case '\\':
				i++
			case '"':
				return i + 1, doubleQuoted(text), nil
			}
		}
		return 0, "", msg.New("translate.unclosed-double")
	case n.Style&yaml.SingleQuotedStyle != 0:
		for i := start + 1; i < len(data); i++ {
			if data[i] == '\'' {
				if i+1 < len(data) && data[i+1] == '\'' {
					i++
					continue
				}
				return i + 1, doubleQuoted(text), nil
			}
		}
		return 0, "", msg.New("translate.unclosed-single")
	case n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0:
		nl := bytes.IndexByte(data[start:], '\n')
		if nl < 0 {
			return 0, "", msg.New("translate.block-no-lines")
		}
		header := string(data[start : start+nl])
		if n.Style&yaml.FoldedStyle != 0 {
			header = "|" + strings.TrimPrefix(header, ">")
		}
		// The block's lines are those indented at least as its first line,
		// and blank lines between them.
		i, indent, end := start+nl+1, -1, start+nl
		for i < len(data) {
			j := bytes.IndexByte(data[i:], '\n')
			line := data[i:]
			if j >= 0 {
				line = data[i : i+j]
			}
			trimmed := bytes.TrimLeft(line, " ")
			if len(bytes.TrimSpace(line)) > 0 {
				ind := len(line) - len(trimmed)
				if indent < 0 {
					indent = ind
				}
				if ind < indent {
					break
				}
				end = i + len(line)
			}
			if j < 0 {
				break
			}
			i += j + 1
		}
		if indent < 0 {
			indent = n.Column + 1
		}
		pad := strings.Repeat(" ", indent)
		var b strings.Builder
		b.WriteString(header)
		for _, line := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
			b.WriteByte('\n')
			if line != "" {
				b.WriteString(pad + line)
			}
		}
		return end, b.String(), nil
	}
	// A plain scalar runs to the end of its line, less a comment.
	lineEnd := bytes.IndexByte(data[start:], '\n')
	if lineEnd < 0 {
		lineEnd = len(data) - start
	}
	line := string(data[start : start+lineEnd])
	if i := strings.Index(line, " #"); i >= 0 {
		line = line[:i]
	}
	return start + len(strings.TrimRight(line, " \t")), doubleQuoted(text), nil
}

// doubleQuoted writes s as a YAML double-quoted scalar.
func doubleQuoted(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\t':
			b.WriteString(`\t`)
		default:
			if r < 0x20 || r == 0x7f || r == 0x85 || r == 0x2028 || r == 0x2029 || r == 0xfeff {
				fmt.Fprintf(&b, `\u%04x`, r)
				continue
			}
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
