package content

import (
	"fmt"
	"io/fs"
	"maps"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
	"go.yaml.in/yaml/v3"

	"github.com/partnership-roadmap/roadmap/internal/diag"
)

// SameFile is the file listing texts that are rightly the same as the source
// or English, so that `content check` does not call them untranslated: at the
// top of a content folder for every language (names, abbreviations such as
// KPI), and in a language's folder for that language alone (a word that is
// spelt the same, such as "Status" in Swedish).
const SameFile = "same.yaml"

// Limit is a limit a document puts on a label's text.
type Limit struct {
	// Keys matches the label keys the limit applies to.
	Keys *regexp.Regexp
	// Max is the largest number of characters (UTF-16 code units, as Excel
	// counts them).
	Max int
	// Forbidden are characters the text must not hold.
	Forbidden string
	// Why names the document and the reason, for the message.
	Why string
}

// Limits are the limits the documents put on labels. Excel cuts a sheet name
// at 31 characters and refuses : \ / ? * [ ] in one; it refuses a workbook
// whose data-validation titles pass 32 characters or whose messages pass 255.
// They are made on first use, not at start-up.
var Limits = sync.OnceValue(func() []Limit { return limits() })

func limits() []Limit {
	return []Limit{
		{regexp.MustCompile(`^sheet\.(action|communication|evaluation)\.title$|^sheet\.(instructions|lists)\.name$|\.sheet\.[a-z.-]+$`), 31, `:\/?*[]`, "it names a sheet of a workbook, and Excel allows 31 characters without : \\ / ? * [ ]"},
		{regexp.MustCompile(`^sheet\.validation\.[a-z]+\.title$`), 32, "", "it titles a workbook's input message, and Excel allows 32 characters"},
		{regexp.MustCompile(`^sheet\.validation\.[a-z]+\.(error|prompt)$`), 255, "", "it is a workbook's input message, and Excel allows 255 characters"},
	}
}

// Measure returns the width in millimetres of s set in the documents' body
// font at size points. Check uses it to see that a status word fits beside
// its tick mark on the form.
type Measure func(s string, size float64) float64

// StatusBox is the room, in millimetres at 9 pt, that the checklist form
// gives a status word beside its tick mark (a quarter of the narrowest
// writing width, A4 or Letter, less the mark and the gaps).
const StatusBox = 38.0

// translationCheck compares the units of translation l with the source src
// (and with English, when l is neither): what is missing, empty, left in the
// source language, structured differently, or translated from an older source.
type translationCheck struct {
	b        *Bundle
	src, en  *Language
	l        *Language
	same     map[string]bool
	measure  Measure
	problems diag.List
	warnings diag.List
	// counts for the report
	units, translated, outdated int
}

func (c *translationCheck) run() {
	srcUnits, err := c.b.Units(c.src.Code)
	if err != nil {
		return
	}
	units, err := c.b.Units(c.l.Code)
	if err != nil {
		return
	}
	byKey := map[string]Unit{}
	for _, u := range units {
		byKey[u.Key] = u
	}
	var enKey map[string]Unit
	if c.en != nil && c.en != c.l && c.en != c.src {
		enUnits, err := c.b.Units(c.en.Code)
		if err == nil {
			enKey = map[string]Unit{}
			for _, u := range enUnits {
				enKey[u.Key] = u
			}
		}
	}
	own, ps := c.b.sameIn(c.l.Code + "/" + SameFile)
	c.problems = append(c.problems, ps...)
	for k := range c.same {
		own[k] = true
	}
	c.same = own
	sources, sourcesErr := c.b.Sources(c.l.Code)
	if sourcesErr != nil {
		c.problems = append(c.problems, diag.Problem{File: c.b.file(SourcesPath(c.l.Code)), Msg: sourcesErr.Error()})
	} else if sources == nil {
		c.warnings = append(c.warnings, diag.Say(c.b.file(SourcesPath(c.l.Code)), nil, "content.no-sources", "src", c.src.Code, "lang", c.l.Code))
	}
	parents := map[string]bool{}
	for _, u := range units {
		for k := u.Key; strings.Contains(k, "."); {
			k = k[:strings.LastIndex(k, ".")]
			parents[k] = true
		}
	}
	for _, su := range srcUnits {
		if strings.HasPrefix(su.Key, "labels.") && strings.Contains(su.Key, ":") {
			// Plural forms differ between languages; checked below.
			continue
		}
		c.units++
		u, ok := byKey[su.Key]
		if !ok {
			c.missing(su, parents)
			continue
		}
		switch {
		case strings.TrimSpace(u.Text) == "":
			c.problems.Say(u.File, u.Node, "content.empty", "text", quote(su.Text), "at", su.Pos())
			continue
		case c.isSame(u.Text) || su.Key == "labels."+DateFormatLabel:
			c.translated++
		case u.Text == su.Text:
			c.warnings.Say(u.File, u.Node, "content.same-as-source", "src", c.src.Code, "at", su.Pos(), "text", quote(u.Text), "file", SameFile)
		case enKey != nil && enKey[su.Key].Text == u.Text:
			c.warnings.Say(u.File, u.Node, "content.same-as-en", "at", enKey[su.Key].Pos(), "text", quote(u.Text), "src", c.src.Code)
		default:
			c.translated++
		}
		if su.Markdown || u.Markdown {
			if ws, gs := shape(su.Text), shape(u.Text); ws != gs {
				c.problems.Say(u.File, u.Node, "content.markdown", "src", c.src.Code, "at", su.Pos(), "want", ws, "got", gs)
			}
		}
		if sources != nil {
			switch h, ok := sources[su.Key]; {
			case !ok:
				c.outdated++
				c.warnings.Say(u.File, u.Node, "content.not-recorded", "file", sourcesFile, "src", c.src.Code, "at", su.Pos(), "lang", c.l.Code)
			case h != Hash(su.Text):
				c.outdated++
				c.warnings.Say(u.File, u.Node, "content.outdated", "src", c.src.Code, "at", su.Pos(), "lang", c.l.Code)
			}
		}
	}
	c.pluralForms()
}

// missing reports a unit of the source that the translation lacks, where its
// parent is present (a missing checkpoint or option is reported elsewhere).
func (c *translationCheck) missing(su Unit, parents map[string]bool) {
	if strings.HasPrefix(su.Key, "labels.") {
		return // a missing label is reported by compare
	}
	parent := su.Key[:max(strings.LastIndex(su.Key, "."), 0)]
	last := su.Key[len(parent)+1:]
	if !parents[parent] || (strings.Contains(parent, ".checkpoints.") && (last == "title" || last == "hint" || last == "guidance")) {
		return
	}
	pos := c.b.positions(c.l.Code)
	c.problems = append(c.problems, diag.Problem{File: pos.file, Line: 1, Col: 1})
	p := &c.problems[len(c.problems)-1]
	if n := nodeAt(pos.root, parent); n != nil {
		p.Line, p.Col = n.Line, n.Column
	}
	p.Msg = fmt.Sprintf("%s is missing; %s has it at %s", su.Key, c.src.Code, su.Pos())
}

// pluralForms checks that every label with plural forms in the source has the
// forms the translation's language needs.
func (c *translationCheck) pluralForms() {
	pos := c.b.positions(c.l.Code)
	for _, k := range slices.Sorted(maps.Keys(c.src.Plurals)) {
		lp, ok := pos.labels[k]
		if !ok {
			continue
		}
		forms := c.l.Plurals[k]
		if forms == nil {
			c.problems.Add(lp.file, lp.val, "label %q holds a count: give its plural forms (%s), as %s does", k, strings.Join(PluralCategories(c.l.Code), ", "), c.src.Code)
			continue
		}
		if missing, extra := checkPluralForms(c.l.Code, forms); len(missing) > 0 || len(extra) > 0 {
			c.problems.Add(lp.file, lp.val, "label %q: %s needs the plural forms %s (missing: %s; not used: %s)", k, c.l.Code,
				strings.Join(PluralCategories(c.l.Code), ", "), orNone(missing), orNone(extra))
		}
	}
}

// limits checks a language's labels against the documents' limits, and its
// status words against the room the form gives them.
func checkLimits(l *Language, pos *positions, measure Measure) diag.List {
	var ps diag.List
	for _, k := range slices.Sorted(maps.Keys(l.Labels)) {
		s := l.Labels[k]
		lp := pos.labels[k]
		for _, lim := range Limits() {
			if !lim.Keys.MatchString(k) {
				continue
			}
			if n := utf16Len(s); n > lim.Max {
				ps.Add(lp.file, lp.val, "label %q is %d characters long; %s (%d at most)", k, n, lim.Why, lim.Max)
			}
			if i := strings.IndexAny(s, lim.Forbidden); lim.Forbidden != "" && i >= 0 {
				r, _ := utf8.DecodeRuneInString(s[i:])
				ps.Add(lp.file, lp.val, "label %q holds %q; %s", k, r, lim.Why)
			}
		}
		if measure != nil && strings.HasPrefix(k, "status.") {
			if w := measure(s, 9); w > StatusBox {
				ps.Add(lp.file, lp.val, "status word %q is %.1f mm wide at 9 pt; the form gives it %.0f mm beside its tick mark: use a shorter word", s, w, StatusBox)
			}
		}
	}
	return ps
}

// isSame reports whether s is a text that stays the same in every language:
// listed in same.yaml, or holding no letters at all.
func (c *translationCheck) isSame(s string) bool {
	t := strings.TrimSpace(s)
	if c.same[t] {
		return true
	}
	return !strings.ContainsFunc(placeholderRE().ReplaceAllString(t, ""), unicode.IsLetter)
}

// Sources returns the record of which source text each unit of language
// code was translated from (unit key → Hash), or nil when the language has
// none. The file is the one EncodeSources writes, one "key: hash" a line,
// and is read line by line: a YAML parser takes ten times as long for it,
// and every document command reads it.
func (b *Bundle) Sources(code string) (map[string]string, error) {
	data, err := fs.ReadFile(b.fsys, SourcesPath(code))
	if err != nil {
		return nil, nil
	}
	m := map[string]string{}
	for i, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		k, v, ok := strings.Cut(line, ": ")
		if !ok || strings.ContainsAny(k, " \t") || len(v) != 8 {
			return nil, fmt.Errorf("line %d: expected \"key: hash\" as roadmap content stamp writes it; run roadmap content stamp --lang %s to write the file anew", i+1, code)
		}
		m[k] = v
	}
	return m, nil
}

// same reads same.yaml: the texts that stay the same in every language.
func (b *Bundle) same() (map[string]bool, diag.List) { return b.sameIn(SameFile) }

// sameIn reads a list of texts that stay the same from file name, if there
// is one.
func (b *Bundle) sameIn(name string) (map[string]bool, diag.List) {
	data, err := fs.ReadFile(b.fsys, name)
	if err != nil {
		return map[string]bool{}, nil
	}
	var list []string
	if err := yaml.Unmarshal(data, &list); err != nil {
		return map[string]bool{}, diag.List{diag.FromYAML(b.file(name), err)}
	}
	m := map[string]bool{}
	for _, s := range list {
		m[strings.TrimSpace(s)] = true
	}
	return m, nil
}

// file names a file of the content folder as messages show it.
func (b *Bundle) file(name string) string {
	if b.prefix == "" {
		return name
	}
	return b.prefix + "/" + name
}

// shape describes the Markdown structure of s in words: its blocks in order,
// the items of each list, and its links.
func shape(s string) string {
	src := []byte(s)
	doc := md().Parser().Parse(text.NewReader(src))
	var parts []string
	links := 0
	var walk func(n ast.Node, depth int)
	walk = func(n ast.Node, depth int) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *ast.Paragraph, *ast.TextBlock:
				if depth == 0 {
					parts = append(parts, "paragraph")
				}
			case *ast.List:
				parts = append(parts, fmt.Sprintf("a list of %d items", c.ChildCount()))
			case *ast.Heading:
				parts = append(parts, "heading")
			case *ast.Blockquote:
				parts = append(parts, "quote")
			case *ast.FencedCodeBlock, *ast.CodeBlock:
				parts = append(parts, "code")
			}
			if _, ok := c.(*ast.Link); ok {
				links++
			}
			if _, ok := c.(*ast.AutoLink); ok {
				links++
			}
			d := depth
			if _, ok := c.(*ast.List); ok {
				d++
			}
			walk(c, d)
		}
	}
	walk(doc, 0)
	// Runs of paragraphs are counted, so a message reads "3 paragraphs".
	var out []string
	for i := 0; i < len(parts); {
		j := i
		for j < len(parts) && parts[j] == parts[i] {
			j++
		}
		switch n := j - i; {
		case parts[i] == "paragraph" && n > 1:
			out = append(out, fmt.Sprintf("%d paragraphs", n))
		case parts[i] == "paragraph":
			out = append(out, "1 paragraph")
		default:
			for k := i; k < j; k++ {
				out = append(out, parts[k])
			}
		}
		i = j
	}
	if len(out) == 0 {
		out = append(out, "no text")
	}
	w := strings.Join(out, ", ")
	switch links {
	case 0:
	case 1:
		w += " and 1 link"
	default:
		w += fmt.Sprintf(" and %d links", links)
	}
	return w
}

// nodeAt returns the node at a unit-key path under root, or nil.
func nodeAt(root *yaml.Node, key string) *yaml.Node {
	n := root
	for _, seg := range strings.Split(key, ".") {
		switch n.Kind {
		case yaml.MappingNode:
			n = valueOf(n, seg)
		case yaml.SequenceNode:
			var found *yaml.Node
			for i, c := range n.Content {
				id, num := valueOf(c, "id"), valueOf(c, "number")
				if (id != nil && id.Value == seg) || (id == nil && num != nil && num.Value == seg) || (id == nil && num == nil && fmt.Sprint(i) == seg) {
					found = c
					break
				}
			}
			n = found
		default:
			return nil
		}
		if n == nil {
			return nil
		}
	}
	return n
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return n
}

func quote(s string) string {
	s = strings.TrimSpace(s)
	if r := []rune(s); len(r) > 60 {
		s = string(r[:57]) + "…"
	}
	return `"` + s + `"`
}

func orNone(s []string) string {
	if len(s) == 0 {
		return "none"
	}
	return strings.Join(s, ", ")
}
