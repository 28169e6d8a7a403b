// Package diag holds the problems found in user input (content files,
// answers files), each with the file, line and column it was found at, so
// every command reports them the same way: file:line:col: what is wrong.
package diag

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/partnership-roadmap/roadmap/internal/msg"
)

// Problem is one thing wrong in an input file.
type Problem struct {
	File string
	Line int
	Col  int
	// Msg says what is wrong and, where it helps, what is allowed, in
	// English.
	Msg string
	// Text is the message in every language (Msg is its English); nil for
	// a message that is English only.
	Text msg.Text
	// Lang is the language of the file the problem is in, when known: a
	// message about an answers file is shown in the file's language.
	Lang string
}

// Say returns a Problem at the position of node n in file, saying message
// key of the catalogue with arguments kv (msg.New).
func Say(file string, n *yaml.Node, key string, kv ...any) Problem {
	m := msg.New(key, kv...)
	p := Problem{File: file, Msg: m.In(msg.Fallback), Text: m}
	if n != nil {
		p.Line, p.Col = n.Line, n.Column
	}
	return p
}

// In formats the problem as file:line:col: msg with the message in
// language lang, or in the problem's own Lang when it has one.
func (p Problem) In(lang string) string {
	if p.Lang != "" {
		lang = p.Lang
	}
	m := p.Msg
	if p.Text != nil {
		m = p.Text.In(lang)
	}
	switch {
	case p.Line > 0:
		return fmt.Sprintf("%s:%d:%d: %s", p.File, p.Line, p.Col, m)
	case p.File != "":
		return fmt.Sprintf("%s: %s", p.File, m)
	}
	return m
}

// LangOr returns the problem's Lang, or lang when it has none.
func (p Problem) LangOr(lang string) string {
	if p.Lang != "" {
		return p.Lang
	}
	return lang
}

// Message returns the problem's message (without its place) in lang, or
// in the problem's own Lang when it has one.
func (p Problem) Message(lang string) string {
	if p.Lang != "" {
		lang = p.Lang
	}
	if p.Text != nil {
		return p.Text.In(lang)
	}
	return p.Msg
}

// At returns a Problem at the position of node n in file. A text argument
// longer than maxEcho characters (a value from the file) is shortened, so
// that a message never echoes a whole 200,000-character value.
func At(file string, n *yaml.Node, format string, args ...any) Problem {
	for i, a := range args {
		if s, ok := a.(string); ok && len(s) > maxEcho {
			args[i] = Clip(s)
		}
	}
	p := Problem{File: file, Msg: fmt.Sprintf(format, args...)}
	if n != nil {
		p.Line, p.Col = n.Line, n.Column
	}
	return p
}

// Error formats the problem as file:line:col: msg.
func (p Problem) Error() string {
	switch {
	case p.Line > 0:
		return fmt.Sprintf("%s:%d:%d: %s", p.File, p.Line, p.Col, p.Msg)
	case p.File != "":
		return fmt.Sprintf("%s: %s", p.File, p.Msg)
	}
	return p.Msg
}

// maxEcho is the longest text a message quotes whole, in bytes.
const maxEcho = 200

// Clip shortens a long text for a message, in English: its first 60
// characters, an ellipsis and how long it is ("aaaa… (200000 characters)").
func Clip(s string) string { return ClipText(s).In(msg.Fallback) }

// ClipText is Clip in the reader's language: the length is said with the
// catalogue's msg.clipped and its plural forms ("… (200000 rakstzīmes)").
// A short text is itself.
func ClipText(s string) msg.Text {
	if len(s) <= maxEcho {
		return msg.Plain(s)
	}
	r := []rune(s)
	head := string(r[:min(60, len(r))])
	return msg.Func(func(lang string) string {
		return head + "… " + msg.New("clipped", "n", len(r)).In(lang)
	})
}

// List is a set of problems; as an error it reports them all, one per line.
type List []Problem

// Add appends a problem at node n of file.
func (l *List) Add(file string, n *yaml.Node, format string, args ...any) {
	*l = append(*l, At(file, n, format, args...))
}

// Say adds the problem Say returns.
func (l *List) Say(file string, n *yaml.Node, key string, kv ...any) {
	*l = append(*l, Say(file, n, key, kv...))
}

// InLang returns the list with each problem's Lang set to lang where it
// has none: the problems of a file whose language is known.
func (l List) InLang(lang string) List {
	if len(l) == 0 {
		return l
	}
	out := make(List, len(l))
	for i, p := range l {
		if p.Lang == "" {
			p.Lang = lang
		}
		out[i] = p
	}
	return out
}

// Err returns the list as an error, sorted by file and position, or nil when
// it is empty.
func (l List) Err() error {
	if len(l) == 0 {
		return nil
	}
	out := make(List, len(l))
	copy(out, l)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
	return out
}

// In reports every problem, one per line, each in language lang (or in its
// own Lang).
func (l List) In(lang string) string {
	lines := make([]string, len(l))
	for i, p := range l {
		lines[i] = p.In(lang)
	}
	return strings.Join(lines, "\n")
}

// Error reports every problem, one per line.
func (l List) Error() string {
	lines := make([]string, len(l))
	for i, p := range l {
		lines[i] = p.Error()
	}
	return strings.Join(lines, "\n")
}

// FromYAML turns an error from the YAML parser into a Problem of file. The
// parser reports "yaml: line N: msg"; the column is not known and is 1.
func FromYAML(file string, err error) Problem {
	msg := err.Error()
	msg = strings.TrimPrefix(msg, "yaml: ")
	line := 0
	if n, _ := fmt.Sscanf(msg, "line %d:", &line); n == 1 {
		if i := strings.Index(msg, ":"); i >= 0 {
			msg = strings.TrimSpace(msg[i+1:])
		}
		return Problem{File: file, Line: line, Col: 1, Msg: "invalid YAML: " + msg}
	}
	return Problem{File: file, Line: 1, Col: 1, Msg: "invalid YAML: " + msg}
}

// Suggest returns the candidate closest to s by edit distance, or "" when
// none is close enough to be a likely typo.
func Suggest(s string, candidates []string) string {
	best, bestD := "", len([]rune(s))/3+2
	for _, c := range candidates {
		if d := distance(s, c); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// distance is the Levenshtein distance between a and b, in runes.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// DescribeText is Describe in every language.
func DescribeText(n *yaml.Node) msg.Text {
	switch n.Kind {
	case yaml.MappingNode:
		return msg.New("found.map")
	case yaml.SequenceNode:
		return msg.New("found.list")
	case yaml.AliasNode:
		return msg.New("found.alias")
	case yaml.DocumentNode:
		return msg.Plain("a document")
	}
	if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null" {
		return msg.New("found.nothing")
	}
	s := n.Value
	if r := []rune(s); len(r) > 40 {
		s = string(r[:40]) + "…"
	}
	return msg.New("found.text", "value", msg.Value(s))
}

// Problems returns err's problems, each with its file and position: the
// list of a List, the Problem itself, or else err's message as a problem
// of file (which may be empty).
func Problems(file string, err error) []Problem {
	var l List
	if errors.As(err, &l) {
		return l
	}
	var p Problem
	if errors.As(err, &p) {
		return []Problem{p}
	}
	return []Problem{{File: file, Msg: err.Error()}}
}
