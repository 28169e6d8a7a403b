package diag

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
	"golang.org/x/text/unicode/runenames"

	"github.com/partnership-roadmap/roadmap/internal/fsutil"
	"github.com/partnership-roadmap/roadmap/internal/msg"
)

// MaxFileSize is the largest file any command reads: ten times the largest
// content file and a hundred times a full answers file. A bigger file, or
// something that is not a file (a device, a pipe), is refused before it is
// read, so no input makes a command read without end.
const MaxFileSize = 2 << 20

// SyntaxHint follows every YAML syntax error: the mistakes people make most.
const SyntaxHint = "; check the indentation (spaces only) and put a text holding \": \" or \" #\" in quotes or in a | block"

// ReadFile reads file name of fsys, refusing anything that is not a
// regular file or is bigger than MaxFileSize; it never opens a device or a
// pipe, which could block. file names the file in messages; what says what
// it is ("the answers file"). The error is a Problem without a line.
func ReadFile(fsys fs.FS, name, file string, what msg.Text) ([]byte, error) {
	st, err := fs.Stat(fsys, name)
	if err != nil {
		return nil, Say(file, nil, "file.cannot-read", "what", what, "reason", fsutil.ReasonText(err))
	}
	if p, bad := checkStat(st, file, what); bad {
		return nil, p
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, Say(file, nil, "file.cannot-read", "what", what, "reason", fsutil.ReasonText(err))
	}
	defer f.Close()
	return readLimited(f, file, what)
}

// ReadPath reads the file at path of the operating system as ReadFile
// reads one of a file system; messages name it path. A named pipe is
// refused without waiting for a writer.
func ReadPath(path string, what msg.Text) ([]byte, error) {
	return ReadPathLimit(path, what, MaxFileSize)
}

// ReadPathLimit is ReadPath for a kind of file allowed to hold up to limit
// bytes (a PDF).
func ReadPathLimit(path string, what msg.Text, limit int64) ([]byte, error) {
	f, st, err := fsutil.OpenInput(path)
	if err != nil {
		return nil, Say(path, nil, "file.cannot-read", "what", what, "reason", err)
	}
	defer f.Close()
	if st.Size() > limit {
		return nil, tooBig(path, what, st.Size(), limit)
	}
	data, err := fsutil.ReadLimited(f, st.Size(), limit)
	if err != nil {
		if _, ok := err.(*fsutil.TooBigError); ok {
			return nil, tooBig(path, what, -1, limit)
		}
		return nil, Say(path, nil, "file.cannot-read", "what", what, "reason", err)
	}
	return data, nil
}

func tooBig(file string, what msg.Text, n, limit int64) Problem {
	if n < 0 {
		return Say(file, nil, "file.too-big-more", "what", what, "max", limit, "human", size(limit))
	}
	return Say(file, nil, "file.too-big", "what", what, "size", n, "max", limit, "human", size(limit))
}

func checkStat(st fs.FileInfo, file string, what msg.Text) (Problem, bool) {
	switch {
	case !st.Mode().IsRegular():
		// The words of fsutil.CheckInput, which the commands use too.
		return Say(file, nil, "file.cannot-read", "what", what, "reason", msg.New("fs.not-a-file", "kind", fsutil.KindText(st.Mode()))), true
	case st.Size() > MaxFileSize:
		return tooBig(file, what, st.Size(), MaxFileSize), true
	}
	return Problem{}, false
}

func readLimited(f io.Reader, file string, what msg.Text) ([]byte, error) {
	// The file can grow while it is read: read one byte more than allowed
	// to know.
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, Say(file, nil, "file.cannot-read", "what", what, "reason", fsutil.ReasonText(err))
	}
	if len(data) > MaxFileSize {
		return nil, tooBig(file, what, -1, MaxFileSize)
	}
	return data, nil
}

func size(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%d bytes", n)
}

// Parse parses the YAML file data into its document's top node. It
// returns a nil node when there is nothing to decode; problems may be set
// either way (a broken second document still lets the first be checked).
// what names the file in messages: "an answers file as written by
// \"roadmap init\"". Invisible characters, text that is not UTF-8 and
// syntax errors are reported where a person must look, in plain words.
func Parse(file string, data []byte, what msg.Text) (root *yaml.Node, problems List) {
	defer func() {
		// The parser reports errors by panicking internally and recovers
		// them itself; anything that escapes is still the input's fault.
		if r := recover(); r != nil {
			root = nil
			problems = List{{File: file, Line: 1, Col: 1, Msg: "invalid YAML: the file cannot be parsed" + SyntaxHint}}
		}
	}()
	if p := checkEncoding(file, data); len(p) > 0 {
		return nil, p
	}
	empty := Say(file, &yaml.Node{Line: 1, Column: 1}, "file.empty", "what", what)
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, List{empty}
		}
		return nil, List{syntaxProblem(file, data, err)}
	}
	if len(doc.Content) == 0 || IsNull(doc.Content[0]) {
		// Nothing, a lone "---" or "~": there is nothing to decode.
		return nil, List{empty}
	}
	var next yaml.Node
	switch err := dec.Decode(&next); {
	case err == nil:
		// A lone "---" at the end makes an empty document; only content
		// after it is a mistake.
		if len(next.Content) > 0 && !IsNull(next.Content[0]) {
			problems.Say(file, next.Content[0], "syntax.second-document")
		}
	case !errors.Is(err, io.EOF):
		problems = append(problems, syntaxProblem(file, data, err))
	}
	return doc.Content[0], problems
}

// maxCharProblems is how many invisible characters are reported per file.
const maxCharProblems = 20

// checkEncoding reports bytes that are not UTF-8 and the control and
// invisible characters YAML refuses, naming each at its line and column.
// Files starting with a UTF-16 byte-order mark are left to the YAML parser,
// which reads them.
func checkEncoding(file string, data []byte) List {
	if bytes.HasPrefix(data, []byte{0xFE, 0xFF}) || bytes.HasPrefix(data, []byte{0xFF, 0xFE}) {
		return nil
	}
	if utf8.Valid(data) && !hasRefused(data) {
		return nil
	}
	if utf16Like(data) {
		return List{Say(file, &yaml.Node{Line: 1, Column: 1}, "file.utf16")}
	}
	if bytes.IndexByte(data, '\r') >= 0 && bytes.IndexByte(data, '\n') < 0 {
		return List{Say(file, &yaml.Node{Line: 1, Column: 1}, "file.cr")}
	}
	var problems List
	line, col := 1, 1
	for i := 0; i < len(data) && len(problems) < maxCharProblems; {
		r, size := utf8.DecodeRune(data[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			return List{Say(file, &yaml.Node{Line: line, Column: col}, "file.not-utf8", "byte", fmt.Sprintf("0x%02X", data[i]))}
		case r == '\uFEFF' && i == 0:
			// A byte-order mark opening the file is allowed.
		case refused(r) || r == '\r' && (i+1 == len(data) || data[i+1] != '\n'):
			problems = append(problems, Say(file, &yaml.Node{Line: line, Column: col}, "file.invisible", "char", CharName(r)))
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		i += size
	}
	return problems
}

// utf16Like reports whether data looks like UTF-16 text without a
// byte-order mark: a zero byte at every other place in most of its start.
func utf16Like(data []byte) bool {
	n := min(len(data), 200) &^ 1
	if n < 4 {
		return false
	}
	even, odd := 0, 0
	for i := 0; i < n; i += 2 {
		if data[i] == 0 {
			even++
		}
		if data[i+1] == 0 {
			odd++
		}
	}
	return max(even, odd)*4 >= n/2*3 && min(even, odd)*4 < n/2
}

// hasRefused reports whether data holds a character refused.
func hasRefused(data []byte) bool {
	for i, b := range data {
		if b < 0x20 && b != '\t' && b != '\n' && b != '\r' || b == 0x7F {
			return true
		}
		if b == '\r' && (i+1 == len(data) || data[i+1] != '\n') {
			return true // a line break of its own, which editors show apart
		}
		if b >= 0x80 {
			r, _ := utf8.DecodeRune(data[i:])
			if refused(r) && !(r == '\uFEFF' && i == 0) {
				return true
			}
		}
	}
	return false
}

// refused reports whether character r is refused in a file: the control
// characters other than tab, line feed and carriage return (a carriage
// return is refused unless a line feed follows it), a byte-order mark
// inside the text, the non-characters U+FFFE and U+FFFF, and the line and
// paragraph separators U+2028 and U+2029.
func refused(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return false
	case r < 0x20 || r == 0x7F:
		return true
	case r >= 0x80 && r <= 0x9F:
		return true
	case r == '\uFEFF' || r == '\uFFFE' || r == '\uFFFF':
		return true
	case r == '\u2028' || r == '\u2029':
		// Line breaks to YAML but not to most editors, so every line
		// and column after them would be told wrong.
		return true
	}
	return false
}

// controlNames are the names of the C0 control characters, which Unicode
// names only by their old aliases.
var controlNames = [32]string{
	"NULL", "START OF HEADING", "START OF TEXT", "END OF TEXT", "END OF TRANSMISSION", "ENQUIRY", "ACKNOWLEDGE", "BELL",
	"BACKSPACE", "CHARACTER TABULATION", "LINE FEED", "LINE TABULATION", "FORM FEED", "CARRIAGE RETURN", "SHIFT OUT", "SHIFT IN",
	"DATA LINK ESCAPE", "DEVICE CONTROL ONE", "DEVICE CONTROL TWO", "DEVICE CONTROL THREE", "DEVICE CONTROL FOUR", "NEGATIVE ACKNOWLEDGE", "SYNCHRONOUS IDLE", "END OF TRANSMISSION BLOCK",
	"CANCEL", "END OF MEDIUM", "SUBSTITUTE", "ESCAPE", "INFORMATION SEPARATOR FOUR", "INFORMATION SEPARATOR THREE", "INFORMATION SEPARATOR TWO", "INFORMATION SEPARATOR ONE",
}

// c1Names are the names of the C1 control characters a terminal acts on.
var c1Names = map[rune]string{
	0x85: "NEXT LINE", 0x90: "DEVICE CONTROL STRING", 0x9B: "CONTROL SEQUENCE INTRODUCER",
	0x9C: "STRING TERMINATOR", 0x9D: "OPERATING SYSTEM COMMAND",
}

// CharName names character r for messages: "U+001B ESCAPE".
func CharName(r rune) string {
	name := ""
	switch {
	case r < 0x20:
		name = controlNames[r]
	case r == 0x7F:
		name = "DELETE"
	case r == '\uFEFF':
		name = "BYTE ORDER MARK"
	case c1Names[r] != "":
		name = c1Names[r]
	default:
		name = runenames.Name(r)
		if name == "" || strings.HasPrefix(name, "<") {
			name = "CONTROL CHARACTER"
		}
	}
	return fmt.Sprintf("U+%04X %s", r, name)
}

// invisible reports whether r draws nothing a person would see in an
// editor: controls, format characters, and spaces other than the space.
func invisible(r rune) bool {
	return r != ' ' && (unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || unicode.IsSpace(r))
}

// KeyText is QuoteKey in every language.
func KeyText(s string) msg.Text {
	for _, r := range s {
		if invisible(r) {
			return msg.New("field.key-invisible", "key", msg.Value(s), "char", CharName(r))
		}
	}
	return msg.New("field.key", "key", msg.Value(s))
}

// lineIndex holds the offset where each line of a file starts.
type lineIndex []int

func newLineIndex(data []byte) lineIndex {
	starts := lineIndex{0}
	for i, b := range data {
		if b == '\n' && i+1 < len(data) {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// text returns line n (1-based) without its line break.
func (ix lineIndex) text(data []byte, n int) string {
	if n < 1 || n > len(ix) {
		return ""
	}
	end := len(data)
	if n < len(ix) {
		end = ix[n]
	}
	t := strings.TrimSuffix(string(data[ix[n-1]:end]), "\n")
	return strings.TrimSuffix(t, "\r")
}

// end returns the offset just after line n.
func (ix lineIndex) end(data []byte, n int) int {
	if n >= len(ix) {
		return len(data)
	}
	return ix[n]
}

// yamlError splits a YAML parser error into its line (0 when it has none)
// and its words.
func yamlError(err error) (int, string) {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 0
	if n, _ := fmt.Sscanf(msg, "line %d:", &line); n == 1 {
		msg = strings.TrimSpace(msg[strings.Index(msg, ":")+1:])
	}
	return line, msg
}

// syntaxProblem turns a YAML parser error into a problem at the place a
// person must look. The parser gives a line but no column, and names the
// line where the broken map or list starts rather than the mistake; a tab
// in the indentation, a quote left open, text after a closing quote and an
// unknown alias are found and pointed at exactly, and the line of other
// mistakes is searched for in a window of bounded size.
func syntaxProblem(file string, data []byte, err error) Problem {
	line, msg := yamlError(err)
	ix := newLineIndex(data)
	if isParserError(msg) {
		line++ // the parser's lines count from 0, "line 0" is left out
	}
	line = max(1, min(line, len(ix)))
	for line > 1 && strings.TrimSpace(ix.text(data, line)) == "" {
		line-- // past the end: point at the last line that holds something
	}

	if strings.Contains(msg, "tab") || strings.Contains(msg, "cannot start any token") {
		for i := 1; i <= len(ix); i++ {
			l := ix.text(data, i)
			indent := l[:len(l)-len(strings.TrimLeft(l, " \t"))]
			if j := strings.IndexByte(indent, '\t'); j >= 0 {
				return Say(file, &yaml.Node{Line: i, Column: j + 1}, "syntax.tab")
			}
		}
	}
	var anchor string
	if n, _ := fmt.Sscanf(msg, "unknown anchor %s referenced", &anchor); n == 1 {
		anchor = strings.Trim(anchor, "'")
		if i := bytes.Index(data, []byte("*"+anchor)); i >= 0 {
			l, c := position(data, ix, i)
			return Say(file, &yaml.Node{Line: l, Column: c}, "syntax.anchor", "anchor", anchor)
		}
	}
	if p, ok := quoteProblem(file, data, ix, line); ok {
		return p
	}

	if p, ok := bracketProblem(file, data, ix, msg, line); ok {
		return p
	}
	if isParserError(msg) {
		if l := mistakeLine(data, ix, err, line); l > 0 {
			line = min(l, len(ix))
			for line > 1 && strings.TrimSpace(ix.text(data, line)) == "" {
				line--
			}
		}
	}
	text := ix.text(data, line)
	col := len(text) - len(strings.TrimLeft(text, " ")) + 1
	at := &yaml.Node{Line: line, Column: col}
	// "name: Biedrība: Brīnumiņš": the second ": " is the mistake; the
	// message shows the line as it must be written.
	if first := strings.Index(text, ": "); first >= 0 && strings.HasPrefix(msg, "mapping values are not allowed") {
		if second := strings.Index(text[first+2:], ": "); second >= 0 {
			at.Column = utf8.RuneCountInString(text[:first+2+second]) + 1
			key := strings.TrimLeft(text[:first], " -")
			val := strings.TrimSpace(text[first+2:])
			if i := strings.Index(val, " #"); i >= 0 {
				val = strings.TrimSpace(val[:i])
			}
			quoted := `"` + val + `"`
			if strings.ContainsAny(val, `"\`) {
				quoted = "'" + strings.ReplaceAll(val, "'", "''") + "'"
			}
			// The file's bytes hold no control characters (checkEncoding).
			return Say(file, at, "syntax.colon", "example", ClipText(key+": "+quoted))
		}
	}
	switch {
	case msg == "found unexpected end of stream":
		return Say(file, at, "syntax.end")
	case strings.HasPrefix(msg, "found character that cannot start any token"):
		return Say(file, at, "syntax.bad-start")
	case msg == "did not find expected key" || msg == "did not find expected '-' indicator" ||
		strings.HasPrefix(msg, "block sequence entries are not allowed") || strings.HasPrefix(msg, "mapping values are not allowed"):
		return Say(file, at, "syntax.indent")
	case msg == "could not find expected ':'":
		return Say(file, at, "syntax.no-colon")
	}
	return Say(file, at, "syntax.other", "detail", msg)
}

// position returns the line and column (in characters) of offset off.
func position(data []byte, ix lineIndex, off int) (int, int) {
	lo, hi := 0, len(ix)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if ix[mid] <= off {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo + 1, utf8.RuneCount(data[ix[lo]:off]) + 1
}

// bracketProblem points at the [ or { of a list or map written on one
// line and left open, when the parser says it found no ] or }. It looks at
// line, where the parser failed, and up to 100 lines above it.
func bracketProblem(file string, data []byte, ix lineIndex, msg string, line int) (Problem, bool) {
	var open byte
	switch msg {
	case "did not find expected ',' or ']'":
		open = '['
	case "did not find expected ',' or '}'":
		open = '{'
	default:
		return Problem{}, false
	}
	for l := line; l >= 1 && l > line-100; l-- {
		t := ix.text(data, l)
		var stack []int
		var q byte
		for i := 0; i < len(t); i++ {
			c := t[i]
			switch {
			case q != 0:
				if c == q {
					q = 0
				}
			case c == '"' || c == '\'':
				q = c
			case c == '#' && (i == 0 || t[i-1] == ' '):
				i = len(t)
			case c == '[' || c == '{':
				stack = append(stack, i)
			case (c == ']' || c == '}') && len(stack) > 0:
				stack = stack[:len(stack)-1]
			}
		}
		for k := len(stack) - 1; k >= 0; k-- {
			if t[stack[k]] == open {
				key := "syntax.unclosed-list"
				if open == '{' {
					key = "syntax.unclosed-map"
				}
				return Say(file, &yaml.Node{Line: l, Column: utf8.RuneCountInString(t[:stack[k]]) + 1}, key), true
			}
		}
	}
	return Problem{}, false
}

// mistakeLine returns the line of the mistake that broke the map or list
// starting at line from, or 0 when it cannot tell. The parser names the
// line a broken map or list starts at, not the mistake, unless the map or
// list starts on the first line of what it parses: then it names the line
// of the mistake itself. So the map or list is parsed again on its own,
// from its first line to the first line indented less (the line that
// ends it, or the one wrongly indented): once for its first 64 KiB and,
// when the mistake is not in them, once whole. Placing a mistake costs at
// most one more parse of the broken part of the file, never a search.
func mistakeLine(data []byte, ix lineIndex, err error, from int) int {
	_, wantMsg := yamlError(err)
	if from < 1 || from > len(ix) {
		return 0
	}
	first := ix.text(data, from)
	indent := len(first) - len(strings.TrimLeft(first, " "))
	if strings.HasPrefix(strings.TrimLeft(first, " "), "- ") && indent == 0 {
		indent = 0
	}
	// last: the first line after from indented less than from, or the end.
	last := len(ix)
	for l := from + 1; l <= len(ix); l++ {
		t := ix.text(data, l)
		tt := strings.TrimLeft(t, " ")
		if tt == "" || tt[0] == '#' {
			continue
		}
		if len(t)-len(tt) < indent {
			last = l
			break
		}
	}
	try := func(end int) (int, bool) {
		e := parseAll(data[ix[from-1]:ix.end(data, end)])
		if e == nil {
			return 0, false
		}
		l, m := yamlError(e)
		if m != wantMsg {
			return 0, false
		}
		if isParserError(m) {
			l++ // counted from 0, and "line 0" is left out
		}
		return from + max(l, 1) - 1, true
	}
	const firstTry = 64 << 10
	if ix.end(data, last)-ix[from-1] > firstTry {
		// Cut the first try at the start of an entry, so that it does not
		// end in the middle of a value.
		end := from
		for l := from + 1; l < last && ix[l-1]-ix[from-1] < firstTry; l++ {
			t := ix.text(data, l)
			if len(t)-len(strings.TrimLeft(t, " ")) == indent {
				end = l - 1
			}
		}
		if line, ok := try(end); ok && line <= end {
			return line
		}
	}
	if line, ok := try(last); ok {
		return line
	}
	return 0
}

// parseAll parses every document of data and returns the first error.
func parseAll(data []byte) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(data))
	for {
		var n yaml.Node
		if err := dec.Decode(&n); err != nil {
			if errors.Is(err, io.EOF) {
				return nil
			}
			return err
		}
	}
}

// isParserError reports whether msg comes from the YAML parser rather than
// its scanner (see parserc.go of go.yaml.in/yaml/v3).
func isParserError(msg string) bool {
	return strings.HasPrefix(msg, "did not find expected") ||
		strings.HasPrefix(msg, "found duplicate %") ||
		strings.HasPrefix(msg, "found incompatible YAML document") ||
		strings.HasPrefix(msg, "found undefined tag handle")
}

// ControlIn returns the first control character of text s that would act
// on a terminal or break a line of a document (C0 controls other than tab
// and line feed, a carriage return included, DELETE, C1 controls, and the line and paragraph
// separators), and whether there is one. It is for decoded values, where
// the YAML escapes "\e" or "\x1b" have already become the character.
func ControlIn(s string) (rune, bool) {
	for _, r := range s {
		switch {
		case r == '\t' || r == '\n':
		case r < 0x20 || r == 0x7F, r >= 0x80 && r <= 0x9F, r == '\u2028' || r == '\u2029':
			return r, true
		}
	}
	return 0, false
}
