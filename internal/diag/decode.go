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

	"github.com/partnership-roadmap/roadmap/internal/msg"
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
	// Label, when set, returns how messages name key of a map decoded into
	// struct type parent, as the person sees it (the label of a column, in
	// the reader's language); nil for a key with no label.
	Label func(parent reflect.Type, key string) msg.Text
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
	// AllowedText, when set, says it in every language.
	AllowedText func() msg.Text
	// Decode decodes node n into v; n is never an alias.
	Decode func(d *Decoder, at Field, n *yaml.Node, v reflect.Value)
}

// AllowedTexter is implemented by a Value that says what it may be in
// every language.
type AllowedTexter interface {
	AllowedText() msg.Text
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
	// Text names the value in messages in every language; when nil, Name
	// does.
	Text msg.Text
}

// Named returns how messages name the field, in every language.
func (f Field) Named() msg.Text {
	if f.Text != nil {
		return f.Text
	}
	return msg.Plain(f.Name)
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

// FileText is the Field of a whole file, named t in messages.
func FileText(t msg.Text) Field { return Field{Name: msg.Render(t, msg.Fallback), Text: t} }

// Say records message key of the catalogue at node n (msg.New).
func (d *Decoder) Say(n *yaml.Node, key string, kv ...any) {
	d.Problems.Say(d.File, n, key, kv...)
}

// Add records a problem at node n.
func (d *Decoder) Add(n *yaml.Node, format string, args ...any) {
	d.Problems.Add(d.File, n, format, args...)
}

// Decode decodes node n into the value v points to. Problems are added to
// d.Problems; values that have problems are left as they were.
func (d *Decoder) Decode(n *yaml.Node, v any, at Field) {
	d.value(n, reflect.ValueOf(v).Elem(), at)
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
			var want msg.Text = msg.Plain(val.Allowed())
			if t, ok := val.(AllowedTexter); ok {
				want = t.AllowedText()
			}
			s, ok := d.ScalarText(n, at, want)
			if ok && s != "" {
				if err := val.Set(s); err != nil {
					if t, ok := err.(msg.Text); ok {
						p := Say(d.File, d.Deref(n), "")
						p.Msg, p.Text = err.Error(), t
						d.Problems = append(d.Problems, p)
					} else {
						d.Add(d.Deref(n), "%v", err)
					}
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
			d.Say(d.Deref(n), "decode.wrong-type", "field", at.Named(), "found", DescribeText(d.Deref(n)), "allowed", msg.New("allowed.bool"))
		}
	default:
		panic("diag: cannot decode into " + v.Type().String()) // a programming error
	}
}

// Allowed says what a value of type t, decoded as field tag says, may be.
func (d *Decoder) Allowed(t reflect.Type, tag reflect.StructTag) string {
	if a := tag.Get("allowed"); a != "" {
		if key, ok := strings.CutPrefix(a, "msg:"); ok {
			return msg.New(key).String()
		}
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

// AllowedText says what a value of type t, decoded as field tag says, may
// be, in every language. An allowed tag "msg:key" names a message of the
// catalogue.
func (d *Decoder) AllowedText(t reflect.Type, tag reflect.StructTag) msg.Text {
	if a := tag.Get("allowed"); a != "" {
		if key, ok := strings.CutPrefix(a, "msg:"); ok {
			return msg.New(key)
		}
		return msg.Plain(a)
	}
	if k := tag.Get("kind"); k != "" {
		if kind := d.Kinds[k]; kind.AllowedText != nil {
			return kind.AllowedText()
		}
		return msg.Plain(d.Kinds[k].Allowed())
	}
	if val, ok := reflect.New(t).Interface().(AllowedTexter); ok {
		return val.AllowedText()
	}
	switch t.Kind() {
	case reflect.Pointer:
		return d.AllowedText(t.Elem(), tag)
	case reflect.Struct:
		return msg.New("allowed.map", "keys", strings.Join(Keys(t), ", "))
	case reflect.Slice:
		if tag.Get("item") == "row" {
			return msg.New("allowed.rows", "each", d.AllowedText(t.Elem(), ""))
		}
	case reflect.String:
		return msg.New("allowed.text")
	case reflect.Int, reflect.Int64, reflect.Int32, reflect.Float64, reflect.Float32:
		if lo, hi, ok := numRange(tag); ok && tag.Get("unit") == "" {
			key := "allowed.number"
			if t.Kind() != reflect.Float64 && t.Kind() != reflect.Float32 {
				key = "allowed.whole"
			}
			return msg.New(key, "lo", strconv.FormatFloat(lo, 'g', -1, 64), "hi", strconv.FormatFloat(hi, 'g', -1, 64))
		}
	case reflect.Bool:
		return msg.New("allowed.bool")
	}
	return msg.Plain(d.Allowed(t, tag))
}

// keyText names key of struct type parent in messages: its label, where
// the decoder has one, and the key.
func (d *Decoder) keyText(parent reflect.Type, key string) msg.Text {
	if d.Label != nil {
		if l := d.Label(parent, key); l != nil {
			return msg.New("field.labelled", "label", l, "key", key)
		}
	}
	return msg.New("field.key", "key", key)
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
	want := d.AllowedText(t, at.Tag)
	entries, ok := d.mapOf(n, at, want, keys)
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
				d.Say(d.Deref(n), "decode.missing", "field", d.keyText(t, key), "allowed", d.AllowedText(f.Type, f.Tag))
			}
			continue
		}
		d.value(e.Val, v.Field(i), Field{Key: e.Key, Name: strconv.Quote(key), Tag: f.Tag, Text: d.keyText(t, key)})
	}
}

// slice decodes a list into slice v; null is an empty list.
func (d *Decoder) slice(n *yaml.Node, v reflect.Value, at Field) {
	items, ok := d.listOf(n, at, d.AllowedText(v.Type(), at.Tag))
	if !ok {
		return
	}
	item := at.Tag.Get("item")
	if item == "" {
		item = "item"
	}
	if m, _ := strconv.Atoi(at.Tag.Get("min")); len(items) < m {
		d.Say(d.Deref(n), "decode.too-few", "field", at.Named(), "n", len(items), "item", item, "allowed", d.AllowedText(v.Type(), at.Tag), "min", m)
		return
	}
	name := at.Name
	if at.Key != nil {
		name = at.Key.Value
	}
	out := reflect.MakeSlice(v.Type(), len(items), len(items))
	for i, it := range items {
		f := Field{Name: fmt.Sprintf("%s %s %d", name, item, i+1)}
		if item == "row" {
			f.Text = msg.New("field.row", "list", at.Named(), "n", i+1)
		}
		d.value(it, out.Index(i), f)
	}
	v.Set(out)
}

// MapText is Map with what is allowed said in every language.
func (d *Decoder) MapText(n *yaml.Node, at Field, want msg.Text, keys []string) ([]Entry, bool) {
	return d.mapOf(n, at, want, keys)
}

func (d *Decoder) mapOf(n *yaml.Node, at Field, want msg.Text, keys []string) ([]Entry, bool) {
	n = d.Deref(n)
	if n == nil {
		return nil, false
	}
	if IsNull(n) {
		return nil, true
	}
	if n.Kind != yaml.MappingNode {
		d.Say(n, "decode.wrong-type", "field", at.Named(), "found", DescribeText(n), "allowed", want)
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
			d.Say(k, "decode.key-not-word", "found", DescribeText(k), "allowed", want)
			continue
		}
		if first, dup := seen[k.Value]; dup {
			d.Say(k, "decode.duplicate-key", "key", msg.Value(k.Value), "line", first.Line, "col", first.Column)
			continue
		}
		seen[k.Value] = k
		if keys != nil && !slices.Contains(keys, k.Value) {
			if s := Suggest(k.Value, keys); s != "" {
				d.Say(k, "decode.unknown-key-hint", "key", KeyText(k.Value), "suggestion", s, "keys", strings.Join(keys, ", "))
			} else {
				d.Say(k, "decode.unknown-key", "key", KeyText(k.Value), "keys", strings.Join(keys, ", "))
			}
			continue
		}
		out = append(out, Entry{k, v})
	}
	return out, true
}

// ListText is List with what is allowed said in every language.
func (d *Decoder) ListText(n *yaml.Node, at Field, want msg.Text) ([]*yaml.Node, bool) {
	return d.listOf(n, at, want)
}

func (d *Decoder) listOf(n *yaml.Node, at Field, want msg.Text) ([]*yaml.Node, bool) {
	n = d.Deref(n)
	if n == nil {
		return nil, false
	}
	if IsNull(n) {
		return nil, true
	}
	if n.Kind != yaml.SequenceNode {
		d.Say(n, "decode.wrong-type", "field", at.Named(), "found", DescribeText(n), "allowed", want)
		return nil, false
	}
	return n.Content, true
}

// Scalar returns the text of n as written, when n is a single value; null
// is "". The line breaks around a | or > block are layout, not text, and
// are dropped. want says what is allowed instead of a map or a list.
func (d *Decoder) Scalar(n *yaml.Node, at Field, want string) (string, bool) {
	return d.ScalarText(n, at, msg.Plain(want))
}

// ScalarText is Scalar with what is allowed said in every language.
func (d *Decoder) ScalarText(n *yaml.Node, at Field, want msg.Text) (string, bool) {
	n = d.Deref(n)
	if n == nil {
		return "", false
	}
	if n.Kind != yaml.ScalarNode {
		d.Say(n, "decode.wrong-type", "field", at.Named(), "found", DescribeText(n), "allowed", want)
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
			d.Say(n, "decode.control", "field", at.Named(), "char", CharName(r))
			return "", false
		}
	}
	return n.Value, true
}

// Text decodes free text: numbers, dates and booleans are text as
// written. The limits of at's tag (max, lines) and MaxWord are checked.
func (d *Decoder) Text(n *yaml.Node, at Field) (string, bool) {
	s, ok := d.ScalarText(n, at, d.AllowedText(reflect.TypeFor[string](), at.Tag))
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
			d.Say(n, "decode.too-long", "field", at.Named(), "n", c, "max", m)
			return false
		}
	}
	if m, _ := strconv.Atoi(at.Tag.Get("lines")); m > 0 {
		if c := strings.Count(s, "\n") + 1; c > m {
			d.Say(n, "decode.too-many-lines", "field", at.Named(), "n", c, "max", m)
			return false
		}
	}
	if d.MaxWord > 0 && len(s) > d.MaxWord {
		if w := longestWord(s); w > d.MaxWord {
			d.Say(n, "decode.long-word", "field", at.Named(), "n", w, "max", d.MaxWord)
			return false
		}
	}
	if !d.rtlSeen {
		if script := rtlScript(s); script != "" {
			d.rtlSeen = true
			d.Warnings.Say(d.File, n, "decode.rtl", "field", at.Named(), "script", script)
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
	want := d.AllowedText(v.Type(), at.Tag)
	s, ok := d.ScalarText(n, at, want)
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
		d.Say(n, "decode.wrong-type", "field", at.Named(), "found", DescribeText(n), "allowed", want)
		return
	case isYAMLSpecial(s) || math.IsNaN(f) || math.IsInf(f, 0):
		d.Say(n, "decode.not-finite", "field", at.Named(), "value", msg.Value(s), "allowed", want)
		return
	}
	if lo, hi, ok := numRange(at.Tag); ok && !(f >= lo && f <= hi) {
		d.Say(n, "decode.out-of-range", "field", at.Named(), "value", msg.Value(s), "allowed", want)
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
	want := d.AllowedText(v.Type(), at.Tag)
	s, ok := d.ScalarText(n, at, want)
	if !ok {
		return
	}
	n = d.Deref(n)
	i, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		d.Say(n, "decode.wrong-type", "field", at.Named(), "found", DescribeText(n), "allowed", want)
		return
	}
	if lo, hi, ok := numRange(at.Tag); ok && !(float64(i) >= lo && float64(i) <= hi) {
		d.Say(n, "decode.out-of-range", "field", at.Named(), "value", strconv.FormatInt(i, 10), "allowed", want)
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
				d.Say(n, "decode.alias-too-much", "alias", msg.Value(n.Value), "n", d.aliased, "max", MaxAliased)
			}
			return nil
		}
		return n.Alias
	}
	d.Say(n, "decode.alias-map", "alias", msg.Value(n.Value))
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
