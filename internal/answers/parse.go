package answers

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/diag"
)

// The keys of each map of an answers file, in the order an answers file
// writes them and messages list them.
var (
	fileKeys          = []string{"form", "language", "date", "organisation", "checkpoints", "action_plan", "communication_plan", "evaluation_plan"}
	organisationKeys  = []string{"name", "contact", "partner"}
	checkpointKeys    = []string{"status", "options", "answer"}
	actionKeys        = []string{"activity", "responsible", "goals", "deadline", "status", "notes"}
	communicationKeys = []string{"topic", "audience", "channel", "frequency", "format", "responsible", "notes"}
	evaluationKeys    = []string{"stage", "when", "indicator", "method", "baseline", "target", "responsible", "result"}
)

// ReadFile reads the answers file at path and parses it with Parse. Every
// error it returns is a diag.List; a file that cannot be read is one problem
// without a line.
func ReadFile(path string, b *content.Bundle) (*File, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, diag.List{{File: path, Msg: "cannot read the answers file: " + err.Error()}}
	}
	return Parse(path, data, b)
}

// Parse decodes the answers file data strictly and validates it against the
// content bundle b, which must not be nil. name is the file's name in
// messages. On any problem Parse returns a nil File and a diag.List holding
// every problem found, each with its line and column (line 1 when the YAML
// parser cannot tell) and a message saying what is wrong and what is allowed.
func Parse(name string, data []byte, b *content.Bundle) (*File, error) {
	// Answers are checked against the source language's checkpoints: a
	// problem in the content itself is reported as such.
	if _, err := b.Language(content.SourceLanguage); err != nil {
		return nil, err
	}
	root, problems := parseYAML(name, data)
	if root == nil {
		return nil, problems.Err()
	}
	d := &decoder{name: name, bundle: b}
	f := d.decodeFile(root)
	problems = append(problems, d.problems...)
	if len(problems) > 0 {
		return nil, problems.Err()
	}
	f.Path = name
	return f, nil
}

// syntaxHint follows every YAML syntax error: the mistakes people make most.
const syntaxHint = "; check the indentation (spaces only) and put a text holding \": \" or \" #\" in quotes or in a | block"

// parseYAML parses data into its document's top node. It returns a nil node
// when there is nothing to decode; problems may be set either way (a broken
// second document still lets the first be checked).
func parseYAML(name string, data []byte) (root *yaml.Node, problems diag.List) {
	defer func() {
		// The parser reports errors by panicking internally and recovers
		// them itself; anything that escapes is still the input's fault.
		if r := recover(); r != nil {
			root = nil
			problems = diag.List{{File: name, Line: 1, Col: 1, Msg: "invalid YAML: the file cannot be parsed" + syntaxHint}}
		}
	}()
	if p, bad := checkEncoding(name, data); bad {
		return nil, diag.List{p}
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, diag.List{{File: name, Line: 1, Col: 1, Msg: "the file is empty; allowed: an answers file as written by \"roadmap init\""}}
		}
		return nil, diag.List{syntaxProblem(name, data, err)}
	}
	if len(doc.Content) == 0 {
		return nil, diag.List{{File: name, Line: 1, Col: 1, Msg: "the file is empty; allowed: an answers file as written by \"roadmap init\""}}
	}
	var next yaml.Node
	switch err := dec.Decode(&next); {
	case err == nil:
		// A lone "---" at the end makes an empty document; only content
		// after it is a mistake.
		if len(next.Content) > 0 && !isNull(next.Content[0]) {
			problems.Add(name, next.Content[0], "a second YAML document starts here; allowed: one document per answers file (remove the \"---\" line above)")
		}
	case !errors.Is(err, io.EOF):
		problems = append(problems, syntaxProblem(name, data, err))
	}
	return doc.Content[0], problems
}

// checkEncoding reports the first byte that is not UTF-8. Files starting
// with a UTF-16 byte-order mark are left to the YAML parser, which reads them.
func checkEncoding(name string, data []byte) (diag.Problem, bool) {
	if bytes.HasPrefix(data, []byte{0xFE, 0xFF}) || bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || utf8.Valid(data) {
		return diag.Problem{}, false
	}
	line, col := 1, 1
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			return diag.Problem{File: name, Line: line, Col: col,
				Msg: fmt.Sprintf("the file is not UTF-8 text (byte 0x%02X); allowed: UTF-8 only, so save the file as UTF-8 in your editor", data[i])}, true
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		i += size
	}
	return diag.Problem{}, false
}

// syntaxProblem turns a YAML parser error into a problem. The parser gives
// a line but no column, and counts lines from 0 in its parser (not scanner)
// errors; both are put right here. A tab in the indentation, the commonest
// cause of a broken file, and an unknown alias are found and pointed at
// exactly.
func syntaxProblem(name string, data []byte, err error) diag.Problem {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 0
	if n, _ := fmt.Sscanf(msg, "line %d:", &line); n == 1 {
		msg = strings.TrimSpace(msg[strings.Index(msg, ":")+1:])
	}
	lines := strings.Split(string(data), "\n")
	if isParserError(msg) {
		line++ // the parser's lines count from 0, "line 0" is left out
	}
	line = max(1, min(line, len(lines)))
	for line > 1 && strings.TrimSpace(lines[line-1]) == "" {
		line-- // past the end: point at the last line that holds something
	}
	// The parser names the line where the broken map or list starts; the
	// mistake is on the first line after which the file breaks the same way.
	col := 1
	if l := failingLine(data, err, line); l > 0 {
		line = l
		text := lines[l-1]
		col = len(text) - len(strings.TrimLeft(text, " ")) + 1
		// "name: Biedrība: Brīnumiņš": the second ": " is the mistake.
		if first := strings.Index(text, ": "); first >= 0 && strings.HasPrefix(msg, "mapping values are not allowed") {
			if second := strings.Index(text[first+2:], ": "); second >= 0 {
				col = utf8.RuneCountInString(text[:first+2+second]) + 1
			}
		}
	}

	if strings.Contains(msg, "tab") || strings.Contains(msg, "cannot start any token") {
		for i, l := range lines {
			indent := l[:len(l)-len(strings.TrimLeft(l, " \t"))]
			if j := strings.IndexByte(indent, '\t'); j >= 0 {
				return diag.Problem{File: name, Line: i + 1, Col: j + 1,
					Msg: "invalid YAML: a tab is used for indentation; allowed: spaces only"}
			}
		}
	}
	var anchor string
	if n, _ := fmt.Sscanf(msg, "unknown anchor %s referenced", &anchor); n == 1 {
		anchor = strings.Trim(anchor, "'")
		for i, l := range lines {
			if j := strings.Index(l, "*"+anchor); j >= 0 {
				return diag.Problem{File: name, Line: i + 1, Col: j + 1,
					Msg: fmt.Sprintf("invalid YAML: the alias *%s names no anchor &%s above it; allowed: write the value out", anchor, anchor)}
			}
		}
	}
	return diag.Problem{File: name, Line: line, Col: col, Msg: "invalid YAML: " + msg + syntaxHint}
}

// failingLine returns the first line, from line from on, such that the file
// cut after it fails to parse with the very error err of the whole file; 0
// when there is none or the file is too big to search. Cut after the line of
// the mistake or later, the file fails the same way; cut before, it parses
// or fails differently; so a binary search finds the line.
func failingLine(data []byte, err error, from int) int {
	const maxSearch = 1 << 20
	if len(data) > maxSearch {
		return 0
	}
	ends := []int{} // ends[i] is the offset just after line i+1
	for i, b := range data {
		if b == '\n' {
			ends = append(ends, i+1)
		}
	}
	if len(ends) == 0 || ends[len(ends)-1] != len(data) {
		ends = append(ends, len(data))
	}
	lo, hi := max(from, 1), len(ends) // the answer is in [lo, hi]
	if lo > hi {
		return 0
	}
	for lo < hi {
		mid := (lo + hi) / 2
		if e := parseAll(data[:ends[mid-1]]); e != nil && e.Error() == err.Error() {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo
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

// decoder walks the YAML nodes of one answers file, collecting problems.
type decoder struct {
	name     string
	bundle   *content.Bundle
	problems diag.List

	// lang is the content the checkpoints are checked against: the file's
	// language, or the source language while the file's is unknown (ids are
	// the same in every language).
	lang *content.Language
	// form is the file's form, or "" while it is unknown.
	form content.Audience
}

// entry is one key and its value in a YAML map.
type entry struct {
	key, val *yaml.Node
}

func (d *decoder) add(n *yaml.Node, format string, args ...any) {
	d.problems.Add(d.name, n, format, args...)
}

func (d *decoder) decodeFile(root *yaml.Node) *File {
	f := &File{Checkpoints: map[string]Checkpoint{}}
	entries, ok := d.mapping(root, "the answers file", "a map of "+strings.Join(fileKeys, ", "), fileKeys)
	if !ok {
		return f
	}
	byKey := map[string]entry{}
	for _, e := range entries {
		byKey[e.key.Value] = e
	}

	// form and language first: the rest is checked against them.
	if e, ok := byKey["form"]; ok {
		f.Form = d.decodeForm(e)
	} else {
		d.add(root, "missing \"form\"; allowed: municipality, community")
	}
	d.form = f.Form
	if e, ok := byKey["language"]; ok {
		f.Language = d.decodeLanguage(e)
	} else {
		d.add(root, "missing \"language\"; allowed: %s", strings.Join(d.bundle.Codes(), ", "))
	}
	d.lang = d.contentLanguage(f.Language)

	for _, e := range entries {
		switch e.key.Value {
		case "date":
			f.Date = d.date(e)
		case "organisation":
			f.Organisation = d.decodeOrganisation(e)
		case "checkpoints":
			d.decodeCheckpoints(e, f.Checkpoints)
		case "action_plan":
			for i, row := range d.sequence(e, "a list of rows, each a map of "+strings.Join(actionKeys, ", ")) {
				f.ActionPlan = append(f.ActionPlan, d.decodeAction(i, row))
			}
		case "communication_plan":
			for i, row := range d.sequence(e, "a list of rows, each a map of "+strings.Join(communicationKeys, ", ")) {
				f.CommunicationPlan = append(f.CommunicationPlan, d.decodeCommunication(i, row))
			}
		case "evaluation_plan":
			for i, row := range d.sequence(e, "a list of rows, each a map of "+strings.Join(evaluationKeys, ", ")) {
				f.EvaluationPlan = append(f.EvaluationPlan, d.decodeEvaluation(i, row))
			}
		}
	}
	return f
}

func (d *decoder) decodeForm(e entry) content.Audience {
	forms := []string{string(content.Municipality), string(content.Community)}
	s, ok := d.scalar(e, strings.Join(forms, ", "))
	switch {
	case !ok:
		return ""
	case s == "":
		d.add(e.val, "\"form\" is empty; allowed: %s", strings.Join(forms, ", "))
		return ""
	}
	form, err := content.ParseForm(s)
	if err != nil {
		d.add(e.val, "unknown form %q%s; allowed: %s", s, didYouMean(s, forms), strings.Join(forms, ", "))
		return ""
	}
	return form
}

func (d *decoder) decodeLanguage(e entry) string {
	codes := d.bundle.Codes()
	s, ok := d.scalar(e, strings.Join(codes, ", "))
	switch {
	case !ok:
		return ""
	case s == "":
		d.add(e.val, "\"language\" is empty; allowed: %s", strings.Join(codes, ", "))
		return ""
	}
	if !slices.Contains(codes, s) {
		// Codes are too short for edit distance: suggest only a change of case.
		hint := ""
		for _, c := range codes {
			if strings.EqualFold(c, strings.TrimSpace(s)) {
				hint = fmt.Sprintf(" (did you mean %q?)", c)
			}
		}
		d.add(e.val, "unknown language %q%s; allowed: %s", s, hint, strings.Join(codes, ", "))
		return ""
	}
	return s
}

// contentLanguage returns the language checkpoints are checked against.
func (d *decoder) contentLanguage(code string) *content.Language {
	if l, err := d.bundle.Language(code); err == nil {
		return l
	}
	l, _ := d.bundle.Language(content.SourceLanguage) // loaded by Parse
	return l
}

func (d *decoder) decodeOrganisation(e entry) Organisation {
	var o Organisation
	entries, _ := d.mapping(e.val, quote(e.key), "a map of "+strings.Join(organisationKeys, ", "), organisationKeys)
	for _, e := range entries {
		switch e.key.Value {
		case "name":
			o.Name = d.text(e)
		case "contact":
			o.Contact = d.text(e)
		case "partner":
			o.Partner = d.text(e)
		}
	}
	return o
}

// formIDs returns the ids of the checkpoints an answers file may name: those
// of its form, or of every form while the form is unknown.
func (d *decoder) formIDs() []string {
	form := d.form
	if form == "" {
		form = "all"
	}
	var ids []string
	for _, cp := range d.lang.Checkpoints(form) {
		ids = append(ids, cp.ID)
	}
	return ids
}

func (d *decoder) decodeCheckpoints(e entry, out map[string]Checkpoint) {
	entries, _ := d.mapping(e.val, quote(e.key), "a map from checkpoint id to its status, options and answer", nil)
	for _, e := range entries {
		id := e.key.Value
		cp := d.lang.Checkpoint(id)
		switch {
		case cp == nil:
			ids := d.formIDs()
			hint := didYouMean(id, ids)
			if hint == "" {
				hint = didYouMean(id, d.allIDs())
			}
			d.add(e.key, "unknown checkpoint %q%s; allowed: %s", id, hint, strings.Join(ids, ", "))
		case d.form != "" && !cp.Audience.Includes(d.form):
			d.add(e.key, "checkpoint %q belongs to the %s form, not the %s form; allowed: %s",
				id, cp.Audience, d.form, strings.Join(d.formIDs(), ", "))
			cp = nil
		}
		c := d.decodeCheckpoint(e, cp)
		if cp != nil {
			out[id] = c
		}
	}
}

// allIDs returns the id of every checkpoint of either form.
func (d *decoder) allIDs() []string {
	var ids []string
	for _, cp := range d.lang.Checkpoints("all") {
		ids = append(ids, cp.ID)
	}
	return ids
}

// decodeCheckpoint decodes the answer to checkpoint cp; cp is nil when the
// id is wrong, and only the shape of the answer is checked.
func (d *decoder) decodeCheckpoint(e entry, cp *content.Checkpoint) Checkpoint {
	c := Checkpoint{Status: NotStarted}
	entries, _ := d.mapping(e.val, "checkpoint "+quote(e.key), "a map of "+strings.Join(checkpointKeys, ", "), checkpointKeys)
	statuses := make([]string, len(Statuses))
	for i, s := range Statuses {
		statuses[i] = string(s)
	}
	for _, f := range entries {
		switch f.key.Value {
		case "status":
			if s := d.enum(f, "status", statuses); s != "" {
				c.Status = Status(s)
			}
		case "answer":
			c.Answer = d.text(f)
		case "options":
			c.Options = d.decodeOptions(f, cp)
		}
	}
	return c
}

func (d *decoder) decodeOptions(e entry, cp *content.Checkpoint) []string {
	var ids []string
	if cp != nil {
		ids = cp.OptionIDs()
	}
	allowed := "a list of option ids, e.g. [" + strings.Join(ids, ", ") + "]"
	if cp == nil {
		allowed = "a list of option ids"
	}
	items := d.sequence(e, allowed)
	if cp != nil && len(ids) == 0 && len(items) > 0 {
		d.add(e.key, "checkpoint %q has no options to tick; allowed: %s", cp.ID, strings.Join(nonOptionKeys(), ", "))
		return nil
	}
	var out []string
	seen := map[string]*yaml.Node{}
	for _, n := range items {
		s, ok := d.scalar(entry{key: e.key, val: n}, allowed)
		if !ok || cp == nil {
			continue
		}
		if first, dup := seen[s]; dup {
			d.add(n, "option %q is listed twice (first at %d:%d); allowed: each option once", s, first.Line, first.Column)
			continue
		}
		seen[s] = n
		if cp.Option(s) == nil {
			d.add(n, "unknown option %q of checkpoint %q%s; allowed: %s", s, cp.ID, didYouMean(s, ids), strings.Join(ids, ", "))
			continue
		}
		out = append(out, s)
	}
	return out
}

// nonOptionKeys are the keys of a checkpoint that has no options.
func nonOptionKeys() []string {
	return slices.DeleteFunc(slices.Clone(checkpointKeys), func(k string) bool { return k == "options" })
}

func (d *decoder) decodeAction(i int, n *yaml.Node) Action {
	var a Action
	entries, _ := d.mapping(n, fmt.Sprintf("action_plan row %d", i+1), "a map of "+strings.Join(actionKeys, ", "), actionKeys)
	for _, e := range entries {
		switch e.key.Value {
		case "activity":
			a.Activity = d.text(e)
		case "responsible":
			a.Responsible = d.text(e)
		case "goals":
			a.Goals = d.text(e)
		case "deadline":
			a.Deadline = d.date(e)
		case "status":
			a.Status = d.enum(e, "action status", ActionStatuses)
		case "notes":
			a.Notes = d.text(e)
		}
	}
	return a
}

func (d *decoder) decodeCommunication(i int, n *yaml.Node) Communication {
	var c Communication
	entries, _ := d.mapping(n, fmt.Sprintf("communication_plan row %d", i+1), "a map of "+strings.Join(communicationKeys, ", "), communicationKeys)
	for _, e := range entries {
		switch e.key.Value {
		case "topic":
			c.Topic = d.text(e)
		case "audience":
			c.Audience = d.text(e)
		case "channel":
			c.Channel = d.text(e)
		case "frequency":
			c.Frequency = d.text(e)
		case "format":
			c.Format = d.text(e)
		case "responsible":
			c.Responsible = d.text(e)
		case "notes":
			c.Notes = d.text(e)
		}
	}
	return c
}

func (d *decoder) decodeEvaluation(i int, n *yaml.Node) Evaluation {
	var v Evaluation
	entries, _ := d.mapping(n, fmt.Sprintf("evaluation_plan row %d", i+1), "a map of "+strings.Join(evaluationKeys, ", "), evaluationKeys)
	for _, e := range entries {
		switch e.key.Value {
		case "stage":
			v.Stage = d.text(e)
		case "when":
			v.When = d.date(e)
		case "indicator":
			v.Indicator = d.text(e)
		case "method":
			v.Method = d.method(e)
		case "baseline":
			v.Baseline = d.text(e)
		case "target":
			v.Target = d.text(e)
		case "responsible":
			v.Responsible = d.text(e)
		case "result":
			v.Result = d.text(e)
		}
	}
	return v
}

// method decodes an evaluation method: an option id of MethodsCheckpoint.
func (d *decoder) method(e entry) string {
	cp := d.lang.Checkpoint(MethodsCheckpoint)
	if cp == nil {
		return d.text(e)
	}
	return d.enum(e, "evaluation method", cp.OptionIDs())
}

// mapping checks that n is a map and returns its entries in order. Keys not
// in keys (any key when keys is nil) and keys given twice are reported and
// left out. A null value is an empty map. what names the value in messages;
// want says what is allowed instead of something else.
func (d *decoder) mapping(n *yaml.Node, what, want string, keys []string) ([]entry, bool) {
	n = d.deref(n)
	if n == nil {
		return nil, false
	}
	if isNull(n) {
		return nil, true
	}
	if n.Kind != yaml.MappingNode {
		d.add(n, "wrong type for %s: found %s; allowed: %s", what, diag.Describe(n), want)
		return nil, false
	}
	var out []entry
	seen := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			d.add(k, "a key must be a plain word, found %s; allowed: %s", diag.Describe(k), want)
			continue
		}
		if first, dup := seen[k.Value]; dup {
			d.add(k, "duplicate key %q (first at %d:%d); allowed: each key once", k.Value, first.Line, first.Column)
			continue
		}
		seen[k.Value] = k
		if keys != nil && !slices.Contains(keys, k.Value) {
			d.add(k, "unknown key %q%s; allowed: %s", k.Value, didYouMean(k.Value, keys), strings.Join(keys, ", "))
			continue
		}
		out = append(out, entry{k, v})
	}
	return out, true
}

// sequence checks that the value of e is a list and returns its items. A
// null value is an empty list.
func (d *decoder) sequence(e entry, want string) []*yaml.Node {
	n := d.deref(e.val)
	if n == nil || isNull(n) {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		d.add(n, "wrong type for %s: found %s; allowed: %s", quote(e.key), diag.Describe(n), want)
		return nil
	}
	return n.Content
}

// scalar returns the value of e as written, when it is a single value; a
// null value is "". want says what is allowed instead of a map or list.
func (d *decoder) scalar(e entry, want string) (string, bool) {
	n := d.deref(e.val)
	if n == nil {
		return "", false
	}
	if n.Kind != yaml.ScalarNode {
		d.add(n, "wrong type for %s: found %s; allowed: %s", quote(e.key), diag.Describe(n), want)
		return "", false
	}
	if isNull(n) {
		return "", true
	}
	if n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
		// The line breaks around a block's text are layout, not text.
		return strings.Trim(n.Value, "\n"), true
	}
	return n.Value, true
}

// text decodes free text. Numbers, dates and booleans are text as written.
func (d *decoder) text(e entry) string {
	want := "a text"
	if e.key.Value == "answer" || e.key.Value == "notes" {
		want = "a text (for several lines, write | and the text on the lines below, indented)"
	}
	s, _ := d.scalar(e, want)
	return s
}

// enum decodes one of the values allowed, or "".
func (d *decoder) enum(e entry, what string, allowed []string) string {
	s, ok := d.scalar(e, strings.Join(allowed, ", "))
	if !ok || s == "" {
		return ""
	}
	if !slices.Contains(allowed, s) {
		d.add(e.val, "unknown %s %q%s; allowed: %s", what, s, didYouMean(s, allowed), strings.Join(allowed, ", "))
		return ""
	}
	return s
}

const dateAllowed = "a date as YYYY-MM-DD, e.g. 2027-03-01"

var (
	dateRE     = regexp.MustCompile(`^(\d{4})-(\d{1,2})-(\d{1,2})$`)
	dateTimeRE = regexp.MustCompile(`^\d{4}-\d{1,2}-\d{1,2}[Tt ]`)
)

// date decodes a calendar date given as a YAML date or a text; "" and null
// are the zero Date.
func (d *decoder) date(e entry) Date {
	s, ok := d.scalar(e, dateAllowed)
	if !ok || s == "" {
		return Date{}
	}
	date, err := ParseDate(s)
	if err != nil {
		d.add(e.val, "%v", err)
	}
	return date
}

// ParseDate parses a calendar date written YYYY-MM-DD (a one-digit month or
// day is accepted too). When s is not a real date the error says what is
// wrong and what is allowed: impossible date "2026-02-30": February 2026 has
// 28 days; allowed: a real calendar date as YYYY-MM-DD.
func ParseDate(s string) (Date, error) {
	m := dateRE.FindStringSubmatch(s)
	if m == nil {
		if dateTimeRE.MatchString(s) {
			return Date{}, fmt.Errorf("%q has a time of day; allowed: a date alone as YYYY-MM-DD, e.g. 2027-03-01", s)
		}
		return Date{}, fmt.Errorf("%q is not a date; allowed: %s", s, dateAllowed)
	}
	year, _ := strconv.Atoi(m[1])
	month, _ := strconv.Atoi(m[2])
	day, _ := strconv.Atoi(m[3])
	const allowed = "; allowed: a real calendar date as YYYY-MM-DD"
	if month < 1 || month > 12 {
		return Date{}, fmt.Errorf("impossible date %q: there is no month %d%s", s, month, allowed)
	}
	days := time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
	if day < 1 || day > days {
		return Date{}, fmt.Errorf("impossible date %q: %s %d has %d days%s", s, time.Month(month), year, days, allowed)
	}
	return Date{Year: year, Month: time.Month(month), Day: day}, nil
}

// deref follows an alias to the value it names. Aliases of maps and lists
// are refused: they could nest without end, and a form needs none.
func (d *decoder) deref(n *yaml.Node) *yaml.Node {
	if n == nil || n.Kind != yaml.AliasNode {
		return n
	}
	if n.Alias != nil && n.Alias.Kind == yaml.ScalarNode {
		return n.Alias
	}
	d.add(n, "an alias (*%s) of a map or list; allowed: aliases of single values only, so write the values out", n.Value)
	return nil
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}

// quote returns a key for messages: "answer".
func quote(key *yaml.Node) string {
	return strconv.Quote(key.Value)
}

// didYouMean returns ` (did you mean "x"?)` when s looks like a typo of a
// candidate, else "".
func didYouMean(s string, candidates []string) string {
	if s == "" {
		return ""
	}
	if c := diag.Suggest(s, candidates); c != "" {
		return fmt.Sprintf(" (did you mean %q?)", c)
	}
	return ""
}
