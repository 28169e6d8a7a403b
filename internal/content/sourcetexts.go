package content

import (
	"fmt"
	"io/fs"
	"maps"
	"slices"

	"go.yaml.in/yaml/v3"
)

// SourceTextsFile is the file, at the top of a content folder, that keeps
// the source-language texts the translations were made from, by the Hash
// their sources.yaml records. When a Latvian text changes, the text the
// translation was made from is still here, so that a translator's file can
// show what changed (PO: "#| msgid").
const SourceTextsFile = "source-texts.yaml"

// SourceTexts returns the kept source texts by hash, or nil when the
// content folder keeps none.
func (b *Bundle) SourceTexts() (map[string]string, error) {
	data, err := fs.ReadFile(b.fsys, SourceTextsFile)
	if err != nil {
		return nil, nil
	}
	m := map[string]string{}
	if err := yaml.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("%s: %v; run roadmap content stamp to write it anew", b.file(SourceTextsFile), err)
	}
	return m, nil
}

// EncodeSourceTexts returns the contents of SourceTextsFile after the
// records of the languages in updated (code → unit key → hash) change: the
// texts of every hash a translation's record names, taken from the source
// language as it is now or, for a text that has changed since, from the
// file as it was. A text no record names any more is dropped.
func (b *Bundle) EncodeSourceTexts(updated map[string]map[string]string) ([]byte, error) {
	known, err := b.SourceTexts()
	if err != nil {
		return nil, err
	}
	if known == nil {
		known = map[string]string{}
	}
	srcUnits, err := b.Units(SourceLanguage)
	if err != nil {
		return nil, err
	}
	for _, u := range srcUnits {
		known[Hash(u.Text)] = u.Text
	}
	keep := map[string]string{}
	for _, code := range b.Codes() {
		if code == SourceLanguage {
			continue
		}
		rec, ok := updated[code]
		if !ok {
			if rec, err = b.Sources(code); err != nil {
				return nil, err
			}
		}
		for _, h := range rec {
			if s, ok := known[h]; ok {
				keep[h] = s
			}
		}
	}
	var doc yaml.Node
	doc.Kind = yaml.MappingNode
	for _, h := range slices.Sorted(maps.Keys(keep)) {
		v := &yaml.Node{Kind: yaml.ScalarNode, Value: keep[h], Style: yaml.DoubleQuotedStyle}
		doc.Content = append(doc.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: h, Style: yaml.DoubleQuotedStyle}, v)
	}
	out, err := yaml.Marshal(&doc)
	if err != nil {
		return nil, err
	}
	head := "# The Latvian (lv) texts the translations were made from, by the hash their sources.yaml records,\n" +
		"# so that roadmap content export can show a translator the text an outdated translation was made\n" +
		"# from (PO: #| msgid). roadmap content stamp and roadmap content import write this file. Do not edit it by hand.\n"
	return append([]byte(head), out...), nil
}

// SameAs returns the test content check applies to a text of language code
// that is the same as its source or English text: true when the text
// rightly stays the same (listed in same.yaml, the content folder's or the
// language's own, or holding no words), so that it counts as translated.
func (b *Bundle) SameAs(code string) func(key, text string) bool {
	same, _ := b.same()
	own, _ := b.sameIn(code + "/" + SameFile)
	for k := range same {
		own[k] = true
	}
	c := &translationCheck{same: own}
	return func(key, text string) bool { return key == "labels."+DateFormatLabel || c.isSame(text) }
}
