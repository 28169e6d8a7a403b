package diag

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// Decoder decodes YAML nodes into Go values strictly, driven by the `yaml:`
// tags of the target's struct types, and collects every problem it finds
// with the position of the node it was found at. Every file a person writes
// (answers, content, theme) is decoded by it, so every message has the same
// shape: file:line:col: what is wrong; allowed: what is (did you mean …).
//
// Besides `yaml:"key"`, a struct field may carry:
//
//	kind:"name"      decode the value with Kinds[name] (ids checked against
//	                 the content, the checkpoints map, ...)
//	required:"true"  the key must be there
//	allowed:"text"   what messages say is allowed, instead of the type's own
//	item:"row"       how messages name the items of a list ("action_plan row 2")
//	range:"lo,hi"    the numbers allowed (every number must be finite)
//	unit:"mm"        the unit of a number, for messages
//	max:"n"          the most characters a text may have
//	lines:"n"        the most lines a text may have
//	min:"n"          the fewest items a list may have
//
// A type whose pointer implements Value decodes itself from a text.
type Decoder struct {
	// File names the file in messages.
	File string
	// Problems holds every problem found so far.
	Problems List
	// Kinds decode the fields tagged kind:"name".
	Kinds map[string]Kind
	// RequireAll makes every field of every map required.
	RequireAll bool
	// MaxWord is the longest run of characters without a space a text may
	// hold; 0 means any.
	MaxWord int
	// Warnings are things that do not stop a command but may not show as
	// written, such as text in a right-to-left script (reported once).
	Warnings List
	// aliased counts the characters that aliases have repeated so far.
	aliased int
	counted map[*yaml.Node]bool
	rtlSeen bool
}

// Kind decodes a value whose check needs more than its Go type: an id
// that must name something in the content, a map with free keys.
type Kind struct {
	// Allowed says what the value may be, for messages.
	Allowed func() string
	// Decode decodes node n into v; n is never an alias.
	Decode func(d *Decoder, at Field, n *yaml.Node, v reflect.Value)
}

// Value is implemented by the pointer of a type that decodes itself from
// the text of a single YAML value, such as a date or a colour.
type Value interface {
	// Set parses s; its error says what is wrong and what is allowed.
	Set(s string) error
	// Allowed says what the value may be, for messages.
	Allowed() string
}

// Field is the place of a value being decoded.
type Field struct {
	// Key is the value's key node, nil for a list item or a file.
	Key *yaml.Node
	// Name names the value in messages: `"answer"`, `action_plan row 2`.
	Name string
	// Tag is the struct tag of the field the value is decoded into.
	Tag reflect.StructTag
}

// Entry is one key and its value in a YAML map.
type Entry struct {
	Key, Val *yaml.Node
}

// MaxAliased is the most characters the aliases of one file may repeat
// in total. Aliases make a small file stand for a huge one (a long text
// aliased 900 times once made a 16,853-page PDF); no roadmap needs many.
const MaxAliased = 10000

// FileField is the Field of a whole file, named what in messages.
func FileField(what string) Field { return Field{Name: what} }

// Add records a problem at node n.
func (d *Decoder) Add(n *yaml.Node, format string, args ...any) {
	d.Problems.Add(d.File, n, format, args...)
}

// Decode decodes node n into the value v points to. Problems are added to
// d.Problems; values that have problems are left as they were.
func (d *Decoder) Decode(n *yaml.Node, v any, at Field) {
	d.value(n, reflect.ValueOf(v).Elem(), at)
}

// Value decodes node n into v.
func (d *Decoder) Value(n *yaml.Node, v reflect.Value, at Field) {
	d.value(n, v, at)
}

func (d *Decoder) value(n *yaml.Node, v reflect.Value, at Field) {
	if name := at.Tag.Get("kind"); name != "" {
		k, ok := d.Kinds[name]
		if !ok {
			panic("diag: no decoder for kind " + name) // a programming error
		}
		if n = d.Deref(n); n != nil {
			k.Decode(d, at, n, v)
		}
		return
	}
	if v.CanAddr() {
		if val, ok := v.Addr().Interface().(Value); ok {
			s, ok := d.Scalar(n, at, val.Allowed())
			if ok && s != "" {
				if err := val.Set(s); err != nil {
					d.Add(d.Deref(n), "%v", err)
				}
			}
			return
		}
	}
	switch v.Kind() {
	case reflect.Pointer:
		if n = d.Deref(n); n == nil || IsNull(n) {
			return
		}
		p := reflect.New(v.Type().Elem())
		if !v.IsNil() {
			p.Elem().Set(v.Elem())
		}
		before := len(d.Problems)
		d.value(n, p.Elem(), at)
		if len(d.Problems) == before {
			v.Set(p)
		}
	case reflect.Struct:
		d.structure(n, v, at)
	case reflect.Slice:
		d.slice(n, v, at)
	case reflect.String:
		if s, ok := d.Text(n, at); ok {
			v.SetString(s)
		}
	case reflect.Int, reflect.Int64, reflect.Int32:
		d.integer(n, v, at)
	case reflect.Float64, reflect.Float32:
		d.float(n, v, at)
	case reflect.Bool:
		s, ok := d.Scalar(n, at, "true or false")
		if !ok || s == "" {
			return
		}
		switch s {
		case "true":
			v.SetBool(true)
		case "false":
			v.SetBool(false)
		default:
			d.Add(d.Deref(n), "wrong type for %s: found %s; allowed: true or false", at.Name, Describe(d.Deref(n)))
		}
	default:
		panic("diag: cannot decode into " + v.Type().String()) // a programming error
	}
}

// Allowed says what a value of type t, decoded as field tag says, may be.
func (d *Decoder) Allowed(t reflect.Type, tag reflect.StructTag) string {
	if a := tag.Get("allowed"); a != "" {
		return a
	}
	if k := tag.Get("kind"); k != "" {
		return d.Kinds[k].Allowed()
	}
	if val, ok := reflect.New(t).Interface().(Value); ok {
		return val.Allowed()
	}
	switch t.Kind() {
	case reflect.Pointer:
		return d.Allowed(t.Elem(), tag)
	case reflect.Struct:
		return "a map of " + strings.Join(Keys(t), ", ")
	case reflect.Slice:
		item := tag.Get("item")
		if item == "" {
			item = "item"
		}
		return "a list of " + item + "s, each " + d.Allowed(t.Elem(), "")
	case reflect.String:
		return "a text"
	case reflect.Int, reflect.Int64, reflect.Int32, reflect.Float64, reflect.Float32:
		lo, hi, ok := numRange(tag)
		word := "a number"
		if t.Kind() != reflect.Float64 && t.Kind() != reflect.Float32 {
			word = "a whole number"
		}
		if !ok {
			return word
		}
		unit := tag.Get("unit")
		if unit != "" && !strings.HasPrefix(unit, "(") {
			unit = " " + unit
		} else if unit != "" {
			unit = " " + unit
		}
		return fmt.Sprintf("%s from %g to %g%s", word, lo, hi, unit)
	case reflect.Bool:
		return "true or false"
	}
	return t.String()
}

// Keys returns the keys of struct type t, in field order.
func Keys(t reflect.Type) []string {
	var keys []string
	for i := 0; i < t.NumField(); i++ {
		if k := yamlKey(t.Field(i)); k != "" {
			keys = append(keys, k)
		}
	}
	return keys
}

func yamlKey(f reflect.StructField) string {
	k, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
	if k == "-" || !f.IsExported() {
		return ""
	}
	return k
}

// structure decodes a map into struct v: keys must be fields of v.
func (d *Decoder) structure(n *yaml.Node, v reflect.Value, at Field) {
	t := v.Type()
	keys := Keys(t)
	want := d.Allowed(t, at.Tag)
	entries, ok := d.Map(n, at, want, keys)
	if !ok {
		return
	}
	byKey := make(map[string]Entry, len(entries))
	for _, e := range entries {
		byKey[e.Key.Value] = e
	}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		key := yamlKey(f)
		if key == "" {
			continue
		}
		e, ok := byKey[key]
		if !ok {
			if d.RequireAll || f.Tag.Get("required") == "true" {
				d.Add(d.Deref(n), "missing %q; allowed: %s", key, d.Allowed(f.Type, f.Tag))
			}
			continue
		}
		d.value(e.Val, v.Field(i), Field{Key: e.Key, Name: strconv.Quote(key), Tag: f.Tag})
	}
}

// slice decodes a list into slice v; null is an empty list.
func (d *Decoder) slice(n *yaml.Node, v reflect.Value, at Field) {
	items, ok := d.List(n, at, d.Allowed(v.Type(), at.Tag))
	if !ok {
		return
	}
	item := at.Tag.Get("item")
	if item == "" {
		item = "item"
	}
	if m, _ := strconv.Atoi(at.Tag.Get("min")); len(items) < m {
		d.Add(d.Deref(n), "%s has %d %ss; allowed: %s, at least %d", at.Name, len(items), item, d.Allowed(v.Type(), at.Tag), m)
		return
	}
	name := at.Name
	if at.Key != nil {
		name = at.Key.Value
	}
	out := reflect.MakeSlice(v.Type(), len(items), len(items))
	for i, it := range items {
		d.value(it, out.Index(i), Field{Name: fmt.Sprintf("%s %s %d", name, item, i+1)})
	}
	v.Set(out)
}

// Map checks that n is a map and returns its entries in order; a null
// value is an empty map. Keys not in keys (any key, when keys is nil) and
// keys given twice are reported and left out. want says what is allowed.
func (d *Decoder) Map(n *yaml.Node, at Field, want string, keys []string) ([]Entry, bool) {
	n = d.Deref(n)
	if n == nil {
		return nil, false
	}
	if IsNull(n) {
		return nil, true
	}
	if n.Kind != yaml.MappingNode {
		d.Add(n, "wrong type for %s: found %s; allowed: %s", at.Name, Describe(n), want)
		return nil, false
	}
	out := make([]Entry, 0, len(n.Content)/2)
	seen := make(map[string]*yaml.Node, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind == yaml.AliasNode && k.Alias != nil && k.Alias.Kind == yaml.ScalarNode {
			k = k.Alias
		}
		if k.Kind != yaml.ScalarNode {
			d.Add(k, "a key must be a plain word, found %s; allowed: %s", Describe(k), want)
			continue
		}
		if first, dup := seen[k.Value]; dup {
			d.Add(k, "duplicate key %q (first at %d:%d); allowed: each key once", k.Value, first.Line, first.Column)
			continue
		}
		seen[k.Value] = k
		if keys != nil && !slices.Contains(keys, k.Value) {
			d.Add(k, "unknown key %s%s; allowed: %s", QuoteKey(k.Value), DidYouMean(k.Value, keys), strings.Join(keys, ", "))
			continue
		}
		out = append(out, Entry{k, v})
	}
	return out, true
}

// List checks that n is a list and returns its items; null is an empty
// list. want says what is allowed.
func (d *Decoder) List(n *yaml.Node, at Field, want string) ([]*yaml.Node, bool) {
	n = d.Deref(n)
	if n == nil {
		return nil, false
	}
	if IsNull(n) {
		return nil, true
	}
	if n.Kind != yaml.SequenceNode {
		d.Add(n, "wrong type for %s: found %s; allowed: %s", at.Name, Describe(n), want)
		return nil, false
	}
	return n.Content, true
}

// Scalar returns the text of n as written, when n is a single value; null
// is "". The line breaks around a | or > block are layout, not text, and
// are dropped. want says what is allowed instead of a map or a list.
func (d *Decoder) Scalar(n *yaml.Node, at Field, want string) (string, bool) {
	n = d.Deref(n)
	if n == nil {
		return "", false
	}
	if n.Kind != yaml.ScalarNode {
		d.Add(n, "wrong type for %s: found %s; allowed: %s", at.Name, Describe(n), want)
		return "", false
	}
	if IsNull(n) {
		return "", true
	}
	if n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
		return strings.Trim(n.Value, "\n"), true
	}
	// An escape in a "quoted" text ("\e", "\x1b") is the one way a control
	// character gets past the check of the file's bytes; it would reach a
	// terminal, a calendar line or a file name.
	if n.Style&yaml.DoubleQuotedStyle != 0 {
		if r, bad := ControlIn(n.Value); bad {
			d.Add(n, "%s holds the control character %s; allowed: text, line breaks and tabs", at.Name, CharName(r))
			return "", false
		}
	}
	return n.Value, true
}

// Text decodes free text: numbers, dates and booleans are text as
// written. The limits of at's tag (max, lines) and MaxWord are checked.
func (d *Decoder) Text(n *yaml.Node, at Field) (string, bool) {
	s, ok := d.Scalar(n, at, d.Allowed(reflect.TypeFor[string](), at.Tag))
	if !ok || s == "" {
		return s, ok
	}
	return s, d.CheckText(d.Deref(n), at, s)
}

// CheckText checks text s of node n against the limits of at's tag and
// MaxWord, reporting what is too long.
func (d *Decoder) CheckText(n *yaml.Node, at Field, s string) bool {
	if m, _ := strconv.Atoi(at.Tag.Get("max")); m > 0 {
		if c := utf8.RuneCountInString(s); c > m {
			d.Add(n, "%s is too long: %d characters; allowed: at most %d characters", at.Name, c, m)
			return false
		}
	}
	if m, _ := strconv.Atoi(at.Tag.Get("lines")); m > 0 {
		if c := strings.Count(s, "\n") + 1; c > m {
			d.Add(n, "%s has too many lines: %d; allowed: at most %d lines", at.Name, c, m)
			return false
		}
	}
	if d.MaxWord > 0 && len(s) > d.MaxWord {
		if w := longestWord(s); w > d.MaxWord {
			d.Add(n, "%s holds a word of %d characters without a space; allowed: words of at most %d characters", at.Name, w, d.MaxWord)
			return false
		}
	}
	if !d.rtlSeen {
		if script := rtlScript(s); script != "" {
			d.rtlSeen = true
			d.Warnings.Add(d.File, n, "%s holds text in a right-to-left script (%s), which the documents draw left to right, so it reads reversed; allowed: left-to-right scripts (Latin, Greek, Cyrillic)", at.Name, script)
		}
	}
	return true
}

// rtlScripts are the right-to-left scripts of Unicode that people write.
var rtlScripts = []struct {
	name  string
	table *unicode.RangeTable
}{{"Hebrew", unicode.Hebrew}, {"Arabic", unicode.Arabic}, {"Syriac", unicode.Syriac}, {"Thaana", unicode.Thaana}, {"N'Ko", unicode.Nko}}

// rtlScript returns the name of the first right-to-left script s is
// written in, or "".
func rtlScript(s string) string {
	for _, r := range s {
		if r < 0x0590 || r > 0x08FF && r < 0xFB1D || r > 0xFEFF {
			continue // not in a block of a right-to-left script
		}
		for _, sc := range rtlScripts {
			if unicode.Is(sc.table, r) {
				return sc.name
			}
		}
	}
	return ""
}

// longestWord returns the length in characters of the longest run of s
// without a space.
func longestWord(s string) int {
	best, cur := 0, 0
	for _, r := range s {
		if r == ' ' || r == '\n' || r == '\t' || r == '\r' {
			cur = 0
			continue
		}
		cur++
		best = max(best, cur)
	}
	return best
}

// numRange returns the range tag of a number field.
func numRange(tag reflect.StructTag) (lo, hi float64, ok bool) {
	a, b, found := strings.Cut(tag.Get("range"), ",")
	if !found {
		return 0, 0, false
	}
	lo, err1 := strconv.ParseFloat(a, 64)
	hi, err2 := strconv.ParseFloat(b, 64)
	if err1 != nil || err2 != nil {
		panic("diag: bad range tag " + tag.Get("range")) // a programming error
	}
	return lo, hi, true
}

func (d *Decoder) float(n *yaml.Node, v reflect.Value, at Field) {
	want := d.Allowed(v.Type(), at.Tag)
	s, ok := d.Scalar(n, at, want)
	if !ok {
		return
	}
	n = d.Deref(n)
	f, err := strconv.ParseFloat(strings.ReplaceAll(s, "_", ""), 64)
	if errors.Is(err, strconv.ErrRange) {
		err = nil // f is ±Inf or 0, refused or allowed below
	}
	switch {
	case s == "" || (err != nil && !isYAMLSpecial(s)):
		d.Add(n, "wrong type for %s: found %s; allowed: %s", at.Name, Describe(n), want)
		return
	case isYAMLSpecial(s) || math.IsNaN(f) || math.IsInf(f, 0):
		d.Add(n, "%s is %q, not a finite number; allowed: %s", at.Name, s, want)
		return
	}
	if lo, hi, ok := numRange(at.Tag); ok && !(f >= lo && f <= hi) {
		d.Add(n, "%s is %s, out of range; allowed: %s", at.Name, s, want)
		return
	}
	v.SetFloat(f)
}

// isYAMLSpecial reports whether s is how YAML writes NaN or an infinity.
func isYAMLSpecial(s string) bool {
	switch strings.ToLower(strings.TrimLeft(s, "+-")) {
	case ".nan", ".inf", "nan", "inf", "infinity":
		return true
	}
	return false
}

func (d *Decoder) integer(n *yaml.Node, v reflect.Value, at Field) {
	want := d.Allowed(v.Type(), at.Tag)
	s, ok := d.Scalar(n, at, want)
	if !ok {
		return
	}
	n = d.Deref(n)
	i, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		d.Add(n, "wrong type for %s: found %s; allowed: %s", at.Name, Describe(n), want)
		return
	}
	if lo, hi, ok := numRange(at.Tag); ok && !(float64(i) >= lo && float64(i) <= hi) {
		d.Add(n, "%s is %d, out of range; allowed: %s", at.Name, i, want)
		return
	}
	v.SetInt(i)
}

// Deref follows an alias to the value it names. Aliases of maps and lists
// are refused: they could nest without end, and no file needs them. The
// texts aliases repeat are counted, and refused beyond MaxAliased
// characters in all.
func (d *Decoder) Deref(n *yaml.Node) *yaml.Node {
	if n == nil || n.Kind != yaml.AliasNode {
		return n
	}
	if n.Alias != nil && n.Alias.Kind == yaml.ScalarNode {
		if d.counted == nil {
			d.counted = map[*yaml.Node]bool{}
		}
		if !d.counted[n] {
			d.counted[n] = true
			d.aliased += len(n.Alias.Value)
		} else if d.aliased > MaxAliased {
			return nil
		}
		if d.aliased > MaxAliased {
			if d.aliased-len(n.Alias.Value) <= MaxAliased {
				d.Add(n, "the alias *%s repeats more text than a file may: aliases repeat %d characters so far; allowed: at most %d characters, so write the text out", n.Value, d.aliased, MaxAliased)
			}
			return nil
		}
		return n.Alias
	}
	d.Add(n, "an alias (*%s) of a map or list; allowed: aliases of single values only, so write the values out", n.Value)
	return nil
}

// IsNull reports whether n is YAML's null (~, null or nothing).
func IsNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}

// DidYouMean returns ` (did you mean "x"?)` when s looks like a typo of a
// candidate, else "".
func DidYouMean(s string, candidates []string) string {
	if s == "" {
		return ""
	}
	if c := Suggest(s, candidates); c != "" {
		return fmt.Sprintf(" (did you mean %q?)", c)
	}
	return ""
}
