package answers

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/partnership-roadmap/roadmap/internal/content"
)

// Encode writes f as an answers file, in the format Parse reads: the keys in
// the order an answers file documents them (form, language, date,
// organisation, workshop, checkpoints in the form's order, then the three plans), text
// of several lines as a | block.
//
// lang gives the order of the checkpoints; checkpoints f holds that lang
// does not know are written after the known ones, sorted. prev, when not
// nil, is the earlier text of the same file: the comments it holds (the
// explanations a file made by "roadmap init" carries, or a person's own) are
// kept on the keys and values they were written beside, so a file saved
// from the browser reads as it did. A prev that is not YAML is ignored.
func Encode(f *File, lang *content.Language, prev []byte) ([]byte, error) {
	AssignIDs(f)
	doc := &yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{encodeFile(f, lang)}}
	if len(prev) > 0 {
		var old yaml.Node
		if err := yaml.Unmarshal(prev, &old); err == nil && old.Kind == yaml.DocumentNode {
			keepComments(&old, doc)
		}
	}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return nil, fmt.Errorf("writing answers: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("writing answers: %w", err)
	}
	return spaceOut(buf.Bytes()), nil
}

// AssignIDs gives every dated plan row of f that has no id one of its
// own, so that the row's calendar event keeps its identity when rows are
// inserted before it or it is edited. The id is made from the row as it is
// now, its place, text and date (the same file gives the same ids), and
// differs from every other id of its plan.
func AssignIDs(f *File) {
	assign := func(plan string, n int, dated func(int) bool, id func(int) *string, text func(int) string) {
		used := map[string]bool{}
		for i := range n {
			if s := *id(i); s != "" {
				used[s] = true
			}
		}
		for i := range n {
			if p := id(i); *p == "" && dated(i) {
				*p = newID(used, f.Organisation.Name, string(f.Form), plan, strconv.Itoa(i), text(i))
			}
		}
	}
	assign("action-plan", len(f.ActionPlan), func(i int) bool { return !f.ActionPlan[i].Deadline.IsZero() },
		func(i int) *string { return &f.ActionPlan[i].ID },
		func(i int) string { return f.ActionPlan[i].Activity + "\x00" + f.ActionPlan[i].Deadline.String() })
	assign("evaluation-plan", len(f.EvaluationPlan), func(i int) bool { return !f.EvaluationPlan[i].When.IsZero() },
		func(i int) *string { return &f.EvaluationPlan[i].ID },
		func(i int) string { return f.EvaluationPlan[i].Stage + "\x00" + f.EvaluationPlan[i].When.String() })
}

// newID returns an id made from parts that is not in used, and adds it.
func newID(used map[string]bool, parts ...string) string {
	for n := 0; ; n++ {
		h := sha256.New()
		for _, p := range parts {
			h.Write([]byte(p))
			h.Write([]byte{0})
		}
		h.Write([]byte(strconv.Itoa(n)))
		id := hex.EncodeToString(h.Sum(nil))[:10]
		if !used[id] {
			used[id] = true
			return id
		}
	}
}

// spaceOut puts a blank line before each top-level key and each checkpoint
// (with the comments above it), as "roadmap init" lays a file out; the YAML
// encoder writes none. No line it touches can be inside a text block: those
// are indented deeper than any key they could follow.
func spaceOut(data []byte) []byte {
	lines := strings.SplitAfter(string(data), "\n")
	var out strings.Builder
	out.Grow(len(data) + 64*len(lines)/8)
	inCheckpoints := false
	prevIndent, prevComment := -1, false
	for _, line := range lines {
		trimmed := strings.TrimLeft(line, " ")
		indent := len(line) - len(trimmed)
		blank := strings.TrimSpace(line) == ""
		comment := strings.HasPrefix(trimmed, "#")
		if !blank && indent == 0 && !comment {
			inCheckpoints = strings.HasPrefix(line, "checkpoints:")
		}
		start := !blank && (indent == 0 && prevIndent > 0 || inCheckpoints && indent == 2 && prevIndent > 2)
		if start && !(prevComment && prevIndent == indent) && prevIndent != -2 {
			out.WriteString("\n")
		}
		out.WriteString(line)
		switch {
		case blank:
			prevIndent = -2
		default:
			prevIndent, prevComment = indent, comment
		}
	}
	return []byte(out.String())
}

func encodeFile(f *File, lang *content.Language) *yaml.Node {
	m := mapNode()
	addPair(m, "form", str(string(f.Form)))
	addPair(m, "language", str(f.Language))
	addPair(m, "date", date(f.Date))

	// a registration has no partner, workshop, statuses or plans
	reg := f.Form == content.Registration
	if reg {
		org := mapNode()
		addPair(org, "name", text(f.Organisation.Name))
		addPair(org, "contact", text(f.Organisation.Contact))
		addPair(m, "organisation", org)
	} else {
		addPair(m, "organisation", fields(f.Organisation))
		addPair(m, "workshop", fields(f.Workshop))
	}

	cps := mapNode()
	for _, id := range checkpointOrder(f, lang) {
		c := f.Checkpoints[id]
		cp := mapNode()
		status := c.Status
		if status == "" {
			status = NotStarted
		}
		if !reg {
			addPair(cp, "status", str(string(status)))
		}
		if len(c.Options) > 0 || hasOptions(lang, id) {
			opts := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Style: yaml.FlowStyle}
			for _, o := range c.Options {
				opts.Content = append(opts.Content, str(o))
			}
			addPair(cp, "options", opts)
		}
		addPair(cp, "answer", text(c.Answer))
		addPair(cps, id, cp)
	}
	addPair(m, "checkpoints", cps)
	if reg {
		return m
	}

	rows := func(n int, row func(i int) *yaml.Node) *yaml.Node {
		s := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
		for i := range n {
			s.Content = append(s.Content, row(i))
		}
		if n == 0 {
			s.Style = yaml.FlowStyle
		}
		return s
	}
	addPair(m, "action_plan", rows(len(f.ActionPlan), func(i int) *yaml.Node { return fields(f.ActionPlan[i]) }))
	addPair(m, "communication_plan", rows(len(f.CommunicationPlan), func(i int) *yaml.Node { return fields(f.CommunicationPlan[i]) }))
	addPair(m, "evaluation_plan", rows(len(f.EvaluationPlan), func(i int) *yaml.Node { return fields(f.EvaluationPlan[i]) }))
	return m
}

// checkpointOrder returns the ids of f's checkpoints in the order of the
// content (every checkpoint of every form, so a file's order never depends
// on which form lang is asked for), unknown ids last.
func checkpointOrder(f *File, lang *content.Language) []string {
	var ids []string
	seen := map[string]bool{}
	if lang != nil {
		for _, cp := range append(lang.Checkpoints("all"), lang.Checkpoints(content.Registration)...) {
			if _, ok := f.Checkpoints[cp.ID]; ok {
				ids = append(ids, cp.ID)
				seen[cp.ID] = true
			}
		}
	}
	var rest []string
	for id := range f.Checkpoints {
		if !seen[id] {
			rest = append(rest, id)
		}
	}
	slices.Sort(rest)
	return append(ids, rest...)
}

func hasOptions(lang *content.Language, id string) bool {
	if lang == nil {
		return false
	}
	cp := lang.Checkpoint(id)
	return cp != nil && cp.Options != nil && len(cp.Options.Items) > 0
}

func mapNode() *yaml.Node { return &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"} }

// fields writes a struct of the model (the organisation, a plan row) as a
// map, one key per field in the order the struct declares them, driven by
// the same tags the decoder reads: a field with a kind tag (a status, a
// method) is a single-line value, a Date a date, any other text free text.
// A new field of a row is then written with no change here.
func fields(v any) *yaml.Node {
	m := mapNode()
	rv := reflect.ValueOf(v)
	rt := rv.Type()
	for i := range rt.NumField() {
		sf := rt.Field(i)
		key, opt, _ := strings.Cut(sf.Tag.Get("yaml"), ",")
		if key == "" || key == "-" || opt == "omitempty" && rv.Field(i).IsZero() {
			continue
		}
		switch fv := rv.Field(i).Interface().(type) {
		case Date:
			addPair(m, key, date(fv))
		case string:
			if sf.Tag.Get("kind") != "" {
				addPair(m, key, str(fv))
			} else {
				addPair(m, key, text(fv))
			}
		}
	}
	return m
}

func addPair(m *yaml.Node, key string, val *yaml.Node) {
	m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: key}, val)
}

// str is a single-line value: an id, a status, a language code. The
// encoder quotes it when it would otherwise read as another type.
func str(s string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
}

// text is free text: one line as a plain or quoted scalar, several lines as
// a literal block. Line breaks are normalised to "\n" and the ends of the
// text trimmed of line breaks, as Parse reads a block.
func text(s string) *yaml.Node {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	n := str(s)
	if strings.Contains(strings.Trim(s, "\n"), "\n") && literalSafe(s) {
		n.Value = strings.Trim(s, "\n")
		n.Style = yaml.LiteralStyle
	}
	return n
}

// literalSafe reports whether s reads back the same from a | block: no line
// ends in a space or tab (the emitter would fall back to a quoted text
// anyway, but decides it line by line) and no character a block cannot hold.
func literalSafe(s string) bool {
	for _, line := range strings.Split(s, "\n") {
		if strings.HasSuffix(line, " ") || strings.HasSuffix(line, "\t") {
			return false
		}
	}
	for _, r := range s {
		if r != '\n' && r != '\t' && (r < ' ' || r == 0x7f || r == 0xfeff) {
			return false
		}
	}
	return true
}

// date is a date as YYYY-MM-DD, or "" for none.
func date(d Date) *yaml.Node {
	if d.IsZero() {
		return str("")
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!timestamp", Value: d.String()}
}

// keepComments copies the comments of old onto the nodes of doc at the same
// place: the same key path in maps, the same index in lists.
func keepComments(old, doc *yaml.Node) {
	copyComments(old, doc)
	if len(old.Content) > 0 && len(doc.Content) > 0 {
		keepNode(old.Content[0], doc.Content[0])
	}
}

func keepNode(old, cur *yaml.Node) {
	if old.Kind == yaml.AliasNode || old.Kind != cur.Kind {
		return
	}
	copyComments(old, cur)
	switch cur.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(old.Content); i += 2 {
			k, v := old.Content[i], old.Content[i+1]
			for j := 0; j+1 < len(cur.Content); j += 2 {
				if cur.Content[j].Value == k.Value {
					copyComments(k, cur.Content[j])
					keepNode(v, cur.Content[j+1])
					break
				}
			}
		}
	case yaml.SequenceNode:
		for i := 0; i < len(old.Content) && i < len(cur.Content); i++ {
			keepNode(old.Content[i], cur.Content[i])
		}
		if cur.Style == yaml.FlowStyle && len(old.Content) > 0 {
			// An emptied list is written [], on one line: the comments of
			// its removed rows have nowhere to go.
			return
		}
	}
}

func copyComments(from, to *yaml.Node) {
	if to.HeadComment == "" {
		to.HeadComment = from.HeadComment
	}
	if to.LineComment == "" {
		to.LineComment = from.LineComment
	}
	if to.FootComment == "" {
		to.FootComment = from.FootComment
	}
}

// Revision names one version of an answers file's bytes, for a save to say
// which version it was based on.
func Revision(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:12])
}
