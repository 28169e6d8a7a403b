// Package msg holds the program's messages in every content language: the
// catalogue (content/<lang>/labels/messages.yaml, labels "msg.*", kept,
// checked, exported and imported like every other label), a message as a
// key and its named arguments rendered late in the reader's language, and
// the choice of that language.
//
// A message is one translatable sentence with named placeholders:
//
//	msg.answers.too-long: "{field} is too long: {n} characters; allowed: at most {max} characters"
//
// A message with a count {n} may be written as its CLDR plural forms (zero,
// one, few, many, other), chosen with the plural rules of golang.org/x/text,
// as content labels are.
package msg

import (
	"errors"
	"fmt"
	"path"
	"strconv"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"
	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"

	embedded "github.com/partnership-roadmap/roadmap/content"
)

// Prefix is the prefix of the catalogue's keys among a language's labels.
const Prefix = "msg."

// File is the catalogue's file in a language folder.
const File = "labels/messages.yaml"

// Fallback is the language of a message the reader's language lacks.
const Fallback = "en"

// Text is something said to a person, in the language they read.
type Text interface {
	// In returns the text in language lang (a content language code).
	In(lang string) string
}

// Message is a key of the catalogue (without Prefix) with its arguments,
// given as name, value pairs. A value is a string, an int, a Value (text a
// person wrote, shown escaped), a Text (rendered in the same language), a
// list of Texts (joined with ", ") or an error.
type Message struct {
	Key  string
	Args []any
}

// New returns the message key with arguments kv: name, value, name, value…
func New(key string, kv ...any) Message { return Message{Key: key, Args: kv} }

// In renders the message in language lang, or in Fallback when the
// catalogue of lang lacks it; a key no catalogue has is shown as itself.
func (m Message) In(lang string) string {
	n, counted := m.count()
	s, code, ok := lookup(lang, m.Key, n, counted)
	if !ok {
		return "[" + Prefix + m.Key + "]"
	}
	return fill(s, code, m.Args)
}

// String renders the message in English.
func (m Message) String() string { return m.In(Fallback) }

// Error renders the message in English, so that a Message is an error too.
func (m Message) Error() string { return m.In(Fallback) }

// Unwrap returns the errors among the message's arguments.
func (m Message) Unwrap() []error {
	var out []error
	for i := 1; i < len(m.Args); i += 2 {
		if err, ok := m.Args[i].(error); ok {
			out = append(out, err)
		}
	}
	return out
}

// count returns the argument n, the count that chooses a plural form.
func (m Message) count() (int, bool) {
	for i := 0; i+1 < len(m.Args); i += 2 {
		if m.Args[i] == "n" {
			n, ok := m.Args[i+1].(int)
			return n, ok
		}
	}
	return 0, false
}

// Value is text a person wrote (a value from a file, an argument), shown
// in a message with its control characters and quotes escaped, and
// shortened when long, so that a message never echoes a whole file.
type Value string

// MaxEcho is the longest Value, in bytes, a message shows whole; a longer
// one shows its first 60 characters and its length.
const MaxEcho = 200

func (v Value) render(lang string) string {
	s, clipped := string(v), ""
	if len(s) > MaxEcho {
		r := []rune(s)
		s = string(r[:min(60, len(r))])
		clipped = New("clipped", "n", len(r)).In(lang)
	}
	q := strconv.Quote(s)
	q = q[1 : len(q)-1]
	if clipped != "" {
		q += "… " + clipped
	}
	return q
}

// Plain is a fixed text that is the same in every language: an id, a file
// name, a key of a file.
type Plain string

// In returns the text itself.
func (p Plain) In(string) string { return string(p) }

// List is a list of texts, joined with ", " in every language.
type List []Text

// Join is a list of texts joined with sep.
type Join struct {
	Sep   string
	Items []Text
}

// In renders each item in lang and joins them with Sep.
func (j Join) In(lang string) string {
	parts := make([]string, len(j.Items))
	for i, t := range j.Items {
		parts[i] = t.In(lang)
	}
	return strings.Join(parts, j.Sep)
}

// Func is a text made by a function of the language, such as the label a
// person sees for a key of a file.
type Func func(lang string) string

// In calls f.
func (f Func) In(lang string) string { return f(lang) }

// Render renders value v of a message in language lang.
func Render(v any, lang string) string {
	switch v := v.(type) {
	case string:
		return v
	case Value:
		return v.render(lang)
	case Text:
		return v.In(lang)
	case int:
		return strconv.Itoa(v)
	case int64:
		return strconv.FormatInt(v, 10)
	case error:
		return In(v, lang)
	case fmt.Stringer:
		return v.String()
	case nil:
		return ""
	}
	return fmt.Sprint(v)
}

// In renders err in language lang: a Text as such, an error wrapping one
// (fmt.Errorf("%w")) as its Text when the wrapping adds nothing, else err's
// own (English) message.
func In(err error, lang string) string {
	if t, ok := err.(Text); ok {
		return t.In(lang)
	}
	var m Message
	if errors.As(err, &m) && m.Error() == err.Error() {
		return m.In(lang)
	}
	return err.Error()
}

// fill replaces each {name} of s by the value of argument name.
func fill(s, lang string, args []any) string {
	if !strings.Contains(s, "{") {
		return s
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			break
		}
		j := strings.IndexByte(s[i+1:], '}')
		if j < 0 {
			break
		}
		name := s[i+1 : i+1+j]
		found := false
		for k := 0; k+1 < len(args); k += 2 {
			if args[k] == name {
				b.WriteString(s[:i])
				b.WriteString(Render(args[k+1], lang))
				found = true
				break
			}
		}
		if !found {
			b.WriteString(s[:i+2+j])
		}
		s = s[i+2+j:]
	}
	b.WriteString(s)
	return b.String()
}

// entry is one message of a catalogue: its text, or its plural forms.
type entry struct {
	text  string
	forms map[string]string
}

type catalogue struct {
	once    sync.Once
	entries map[string]entry
}

var (
	mu         sync.Mutex
	catalogues = map[string]*catalogue{}
)

// lookup returns the text of message key in lang, else in Fallback, with
// the language it was found in.
func lookup(lang, key string, n int, counted bool) (string, string, bool) {
	for _, code := range []string{lang, Fallback} {
		e, ok := catalogueOf(code)[key]
		if !ok {
			continue
		}
		if counted && e.forms != nil {
			if f, ok := e.forms[Category(code, n)]; ok {
				return f, code, true
			}
		}
		return e.text, code, true
	}
	return "", "", false
}

// catalogueOf returns the messages of language code, read from the
// built-in content on first use; none for an unknown language.
func catalogueOf(code string) map[string]entry {
	mu.Lock()
	c, ok := catalogues[code]
	if !ok {
		c = &catalogue{}
		catalogues[code] = c
	}
	mu.Unlock()
	c.once.Do(func() { c.entries = parse(code) })
	return c.entries
}

// parse reads the catalogue of language code from the built-in content. A
// catalogue that cannot be read is empty: `content check` and the tests
// refuse such content before it is built in.
func parse(code string) map[string]entry {
	out := map[string]entry{}
	if code == "" || strings.ContainsAny(code, "/.\\") {
		return out
	}
	data, err := embedded.FS.ReadFile(path.Join(code, File))
	if err != nil {
		return out
	}
	var root yaml.Node
	if yaml.Unmarshal(data, &root) != nil || len(root.Content) == 0 || root.Content[0].Kind != yaml.MappingNode {
		return out
	}
	m := root.Content[0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i].Value, m.Content[i+1]
		key, ok := strings.CutPrefix(k, Prefix)
		if !ok {
			continue
		}
		switch v.Kind {
		case yaml.ScalarNode:
			out[key] = entry{text: v.Value}
		case yaml.MappingNode:
			e := entry{forms: map[string]string{}}
			for j := 0; j+1 < len(v.Content); j += 2 {
				e.forms[v.Content[j].Value] = v.Content[j+1].Value
			}
			e.text = e.forms["other"]
			out[key] = e
		}
	}
	return out
}

// Has reports whether the catalogue of lang has message key.
func Has(lang, key string) bool {
	_, ok := catalogueOf(lang)[key]
	return ok
}

// PluralTag returns the language tag whose CLDR plural rules a content
// language follows: its code, except Portuguese, which is written for
// Portugal (pt-PT: 0 takes "other", "0 ficheiros"), where golang.org/x/text's
// "pt" follows Brazil (0 takes "one").
func PluralTag(code string) (language.Tag, error) {
	if code == "pt" {
		code = "pt-PT"
	}
	return language.Parse(code)
}

// Category returns the CLDR plural category of whole number n in language
// code: zero, one, two, few, many or other.
func Category(code string, n int) string {
	tag, err := PluralTag(code)
	if err != nil {
		return "other"
	}
	if n < 0 {
		n = -n
	}
	return FormName(plural.Cardinal.MatchPlural(tag, n, 0, 0, 0, 0))
}

// FormName returns the name of CLDR plural form f as the content files
// write it: zero, one, two, few, many or other.
func FormName(f plural.Form) string {
	switch f {
	case plural.Zero:
		return "zero"
	case plural.One:
		return "one"
	case plural.Two:
		return "two"
	case plural.Few:
		return "few"
	case plural.Many:
		return "many"
	}
	return "other"
}
