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
	"strings"
	"testing/fstest"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/diag"
	"github.com/partnership-roadmap/roadmap/internal/fsutil"
)

// Result says what an import changed.
type Result struct {
	// Changed texts were replaced, Added were new to the language, Unchanged
	// were the same as before.
	Changed, Added, Unchanged int
	// Files are the files written, sorted.
	Files []string
}

// edit replaces the scalar at a position of a file, or adds a label.
type edit struct {
	node *yaml.Node // nil: an added label
	text string
	key  string // the label key, for an added label
	// forms are the plural forms of an added plural label.
	forms map[string]string
}

// Apply writes the translations ts into language code of the content folder
// dir on disk. Every translation is checked first (a known key, a text that
// keeps the source's placeholders); if any is wrong, nothing is written.
// Only texts that changed are rewritten: every other byte of the files,
// comments and layout included, stays as it was. The record of which Latvian
// text each translation was made from (sources.yaml) is brought up to date
// for every text imported. name is the translator's file, for messages.
func Apply(dir, code, name string, ts []Translation) (Result, error) {
	var res Result
	b, err := content.Open(os.DirFS(dir), dir)
	if err != nil {
		return res, err
	}
	if !slices.Contains(b.Codes(), code) {
		return res, fmt.Errorf("%s is for language %q, which %s does not have; create %s first (copy %s and set language: %s)",
			name, code, dir, filepath.Join(dir, code), filepath.Join(dir, content.SourceLanguage), code)
	}
	if code == content.SourceLanguage {
		return res, fmt.Errorf("%s is for %s, the source language; translations are imported into the other languages", name, code)
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

	var problems diag.List
	edits := map[string][]edit{} // by file
	want := map[string]string{}  // key → the text it must have afterwards
	stamp := map[string]string{} // key → hash of its source text
	added := map[string]map[string]string{}
	for _, t := range ts {
		bad := func(format string, args ...any) {
			at := name
			if t.Line > 0 {
				at = fmt.Sprintf("%s:%d", name, t.Line)
			}
			problems = append(problems, diag.Problem{File: at, Msg: fmt.Sprintf(format, args...)})
		}
		if !utf8.ValidString(t.Text) {
			bad("the translation of %s is not valid UTF-8", t.Key)
			continue
		}
		if r, ok := diag.ControlIn(t.Text); ok {
			bad("the translation of %s holds the control character %s; allowed: text, line breaks and tabs", t.Key, diag.CharName(r))
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
			bad("unknown text %q: the keys are those that roadmap content export writes", t.Key)
			continue
		}
		if w, g := placeholders(srcText), placeholders(t.Text); !slices.Equal(sorted(w), sorted(g)) {
			bad("%s: the translation has placeholders [%s]; it must keep [%s] as in %s", t.Key, strings.Join(g, " "), strings.Join(w, " "), content.SourceLanguage)
			continue
		}
		if !plural {
			stamp[t.Key] = content.Hash(su.Text)
		}
		u, ok := target[t.Key]
		if !ok {
			if !strings.HasPrefix(t.Key, "labels.") {
				bad("%s: %s has no place for this text; copy its structure from %s first", t.Key, filepath.Join(dir, code, "roadmap.yaml"), su.Pos())
				continue
			}
			if plural {
				if _, exists := lang.Labels[labelKey]; exists && lang.Plurals[labelKey] == nil {
					bad("%s: label %q is a plain text in %s; make it a map of plural forms first", t.Key, labelKey, code)
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
			edits[file] = append(edits[file], edit{key: labelKey, text: t.Text})
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
		edits[u.File] = append(edits[u.File], edit{node: u.Node, text: text})
		res.Changed++
	}
	for k, forms := range added {
		file := filepath.Join(dir, code, "labels", path.Base(b.LabelFile(content.SourceLanguage, k)))
		edits[file] = append(edits[file], edit{key: k, forms: forms})
		res.Added += len(forms)
	}
	if len(problems) > 0 {
		return Result{}, problems.Err()
	}

	// Rewrite the files in memory, then load the language from them to see
	// that every text reads back as it must, before anything is written.
	out := map[string][]byte{}
	for file, es := range edits {
		data, err := os.ReadFile(file)
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return Result{}, err
		}
		if data, err = splice(data, es); err != nil {
			return Result{}, fmt.Errorf("%s: %w", file, err)
		}
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
	}
	if err := verify(dir, code, out, want); err != nil {
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

// verify loads the source language and language code from dir with the
// rewritten files out in place, and checks that every text in want reads
// back as it must.
func verify(dir, code string, out map[string][]byte, want map[string]string) error {
	m := fstest.MapFS{}
	for _, lc := range []string{content.SourceLanguage, code} {
		root := filepath.Join(dir, lc)
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := os.ReadFile(p)
			rel, _ := filepath.Rel(dir, p)
			m[filepath.ToSlash(rel)] = &fstest.MapFile{Data: data}
			return err
		})
		if err != nil {
			return err
		}
	}
	for file, data := range out {
		rel, _ := filepath.Rel(dir, file)
		m[filepath.ToSlash(rel)] = &fstest.MapFile{Data: data}
	}
	b, err := content.Open(m, dir)
	if err != nil {
		return err
	}
	units, err := b.Units(code)
	if err != nil {
		return fmt.Errorf("the translated files would not load, so nothing was written:\n%w", err)
	}
	got := byKey(units)
	for k, w := range want {
		if got[k].Text != w {
			return fmt.Errorf("%s would read back as %q instead of %q; nothing was written (please report this)", k, got[k].Text, w)
		}
	}
	return nil
}

// placeholders returns the {placeholders} of s, in order.
func placeholders(s string) []string {
	var out []string
	for {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			break
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			break
		}
		if p := s[i : i+j+1]; isPlaceholder(p) {
			out = append(out, p)
		}
		s = s[i+j+1:]
	}
	return out
}

func sorted(s []string) []string { return slices.Sorted(slices.Values(s)) }

func isPlaceholder(p string) bool {
	if len(p) < 3 {
		return false
	}
	for _, r := range p[1 : len(p)-1] {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	return true
}

// splice applies edits to a YAML file's bytes: each scalar is replaced by the
// new text written in the scalar's own style, and added labels are appended.
func splice(data []byte, es []edit) ([]byte, error) {
	type span struct {
		start, end int
		text       string
	}
	var spans []span
	var tail bytes.Buffer
	for _, e := range es {
		if e.node == nil {
			if len(data) > 0 && !bytes.HasSuffix(data, []byte("\n")) && tail.Len() == 0 {
				tail.WriteByte('\n')
			}
			if e.forms != nil {
				fmt.Fprintf(&tail, "%s:\n", e.key)
				for _, c := range []string{"zero", "one", "two", "few", "many", "other"} {
					if s, ok := e.forms[c]; ok {
						fmt.Fprintf(&tail, "  %s: %s\n", c, doubleQuoted(s))
					}
				}
				continue
			}
			fmt.Fprintf(&tail, "%s: %s\n", e.key, doubleQuoted(e.text))
			continue
		}
		start, err := offset(data, e.node.Line, e.node.Column)
		if err != nil {
			return nil, err
		}
		end, repl, err := scalarSpan(data, start, e.node, e.text)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", e.node.Line, err)
		}
		spans = append(spans, span{start, end, repl})
	}
	slices.SortFunc(spans, func(a, b span) int { return b.start - a.start })
	out := slices.Clone(data)
	for _, s := range spans {
		out = slices.Concat(out[:s.start], []byte(s.text), out[s.end:])
	}
	return append(out, tail.Bytes()...), nil
}

// offset returns the byte offset of line and column (1-based, the column
// counted in characters, as the YAML parser counts it).
func offset(data []byte, line, col int) (int, error) {
	i := 0
	for l := 1; l < line; l++ {
		j := bytes.IndexByte(data[i:], '\n')
		if j < 0 {
			return 0, fmt.Errorf("line %d is past the end of the file", line)
		}
		i += j + 1
	}
	for c := 1; c < col; c++ {
		_, size := utf8.DecodeRune(data[i:])
		if size == 0 {
			return 0, fmt.Errorf("column %d of line %d is past its end", col, line)
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
		return 0, "", errors.New("unclosed double-quoted text")
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
		return 0, "", errors.New("unclosed single-quoted text")
	case n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0:
		nl := bytes.IndexByte(data[start:], '\n')
		if nl < 0 {
			return 0, "", errors.New("a block text with no lines")
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
