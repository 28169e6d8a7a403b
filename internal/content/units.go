package content

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
	"path"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Unit is one text of a language that a translator translates: a title, a
// hint, a Markdown body, an option label, a label or one plural form of a
// label. Ids, audiences, numbers, tables, URLs and the language's own name
// and status are not units: they are the same in every language, or belong to
// the language alone.
type Unit struct {
	// Key names the unit the same way in every language:
	// "steps.1.checkpoints.needs.options.items.surveys.label",
	// "labels.status.done", "labels.show.checkpoints:one".
	Key string
	// Text is the unit's text in its language.
	Text string
	// File is the file the unit is in, as shown in messages.
	File string
	// Node is the unit's YAML scalar, for its position and style.
	Node *yaml.Node
	// Markdown reports whether the text is Markdown (a block scalar in
	// roadmap.yaml) rather than a short plain text.
	Markdown bool
}

// Pos returns the unit's position as file:line:col.
func (u Unit) Pos() string { return fmt.Sprintf("%s:%d:%d", u.File, u.Node.Line, u.Node.Column) }

// Hash returns a short hash of a text: what a translation records of the
// source text it was made from.
func Hash(text string) string {
	sum := sha256.Sum256([]byte(text))
	return hex.EncodeToString(sum[:4])
}

// notTranslated are keys of roadmap.yaml whose values are never translated.
var notTranslated = map[string]bool{
	"language": true, "name": true, "project": true, "status": true, "status_note": true,
	"id": true, "audience": true, "number": true, "table": true, "url": true, "lines": true, "writein": true,
}

// Units returns every translatable text of language code, roadmap.yaml first
// in document order, then the labels sorted by key. The language must have
// been read without problems.
func (b *Bundle) Units(code string) ([]Unit, error) {
	l, err := b.Language(code)
	if err != nil {
		return nil, err
	}
	pos := b.positions(code)
	var units []Unit
	walkUnits(pos.file, "", pos.root, &units)
	for _, k := range slices.Sorted(maps.Keys(l.Labels)) {
		lp := pos.labels[k]
		if lp.val.Kind == yaml.MappingNode {
			for i := 0; i+1 < len(lp.val.Content); i += 2 {
				c, v := lp.val.Content[i], lp.val.Content[i+1]
				units = append(units, Unit{Key: "labels." + k + ":" + c.Value, Text: v.Value, File: lp.file, Node: v})
			}
			continue
		}
		units = append(units, Unit{Key: "labels." + k, Text: lp.val.Value, File: lp.file, Node: lp.val})
	}
	return units, nil
}

// walkUnits appends the translatable scalars under n, named from prefix.
func walkUnits(file, prefix string, n *yaml.Node, out *[]Unit) {
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i].Value, n.Content[i+1]
			if notTranslated[k] {
				continue
			}
			walkUnits(file, join(prefix, k), v, out)
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			name := strconv.Itoa(i)
			if id := valueOf(c, "id"); id != nil && id.Value != "" {
				name = id.Value
			} else if num := valueOf(c, "number"); num != nil && num.Value != "" {
				name = num.Value
			}
			walkUnits(file, join(prefix, name), c, out)
		}
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return
		}
		md := n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0
		*out = append(*out, Unit{Key: prefix, Text: n.Value, File: file, Node: n, Markdown: md})
	}
}

func join(prefix, k string) string {
	if prefix == "" {
		return k
	}
	return prefix + "." + k
}

// Where says in words where a unit's text appears, for a translator's note.
func Where(key string) string {
	switch {
	case strings.HasPrefix(key, "labels.sheet."):
		return "a workbook (Excel): " + strings.TrimPrefix(key, "labels.")
	case strings.HasPrefix(key, "labels.form.") || strings.HasPrefix(key, "labels.status.") || strings.HasPrefix(key, "labels.field."):
		return "the checklist forms: " + strings.TrimPrefix(key, "labels.")
	case strings.HasPrefix(key, "labels.guide."):
		return "the guideline booklet: " + strings.TrimPrefix(key, "labels.")
	case strings.HasPrefix(key, "labels."):
		return "a short text of the documents: " + strings.TrimPrefix(key, "labels.")
	case strings.HasSuffix(key, ".hint"):
		return "the checklist forms (the line under a checkpoint) and the booklet"
	case strings.HasSuffix(key, ".label"):
		return "the checklist forms (beside a tick box)"
	case strings.Contains(key, ".checkpoints.") && strings.HasSuffix(key, ".title"):
		return "the checklist forms and the booklet (a checkpoint)"
	}
	return "the guideline booklet"
}

// sourcesFile is the file, in a translation's folder, that records which
// source text each unit was translated from.
const sourcesFile = "sources.yaml"

// SourcesPath returns the path, inside the content folder, of the record of
// which source texts language code was translated from.
func SourcesPath(code string) string { return path.Join(code, sourcesFile) }

// Stamp returns the contents of language code's sources.yaml recording that
// each of its texts was translated from the source text it has now: what a
// translator runs after bringing a translation up to date.
func (b *Bundle) Stamp(code string) ([]byte, error) {
	sources, err := b.StampRecord(code)
	if err != nil {
		return nil, err
	}
	return EncodeSources(sources), nil
}

// StampRecord returns the record Stamp writes: unit key → Hash of the
// source text it has now, for each text language code has.
func (b *Bundle) StampRecord(code string) (map[string]string, error) {
	if code == SourceLanguage {
		return nil, fmt.Errorf("%s is the source language; stamp a translation (en, lt, ...)", code)
	}
	srcUnits, err := b.Units(SourceLanguage)
	if err != nil {
		return nil, err
	}
	units, err := b.Units(code)
	if err != nil {
		return nil, err
	}
	have := map[string]bool{}
	for _, u := range units {
		have[u.Key] = true
	}
	sources := map[string]string{}
	for _, su := range srcUnits {
		if have[su.Key] && !strings.Contains(su.Key, ":") {
			sources[su.Key] = Hash(su.Text)
		}
	}
	return sources, nil
}

// EncodeSources writes a sources.yaml: one "key: hash" line per text, sorted
// by key, so the file is the same for the same record and diffs read well.
func EncodeSources(sources map[string]string) []byte {
	var sb strings.Builder
	sb.WriteString("# Which Latvian (lv) text each text of this language was translated from: a short hash of it.\n")
	sb.WriteString("# roadmap content check lists the texts whose Latvian has changed since; roadmap content stamp\n")
	sb.WriteString("# and roadmap content import write this file. Do not edit it by hand.\n")
	for _, k := range slices.Sorted(maps.Keys(sources)) {
		fmt.Fprintf(&sb, "%s: %s\n", k, sources[k])
	}
	return []byte(sb.String())
}

// LabelFile returns the file, as messages show it, that label key of
// language code is in, or "" when the language lacks it.
func (b *Bundle) LabelFile(code, key string) string {
	if _, err := b.Language(code); err != nil {
		return ""
	}
	return b.positions(code).labels[key].file
}
