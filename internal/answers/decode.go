package answers

import (
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/diag"
	"github.com/partnership-roadmap/roadmap/internal/msg"
)

// ReadFile reads the answers file at path and parses it with Parse. Every
// error it returns is a diag.List; a file that cannot be read (missing, a
// folder, a device, too big) is one problem without a line.
func ReadFile(path string, b *content.Bundle) (*File, error) {
	data, err := diag.ReadPath(path, msg.New("field.answers-file"))
	if err != nil {
		return nil, diag.List{err.(diag.Problem)}
	}
	return Parse(path, data, b)
}

// Parse decodes the answers file data strictly and validates it against the
// content bundle b, which must not be nil. name is the file's name in
// messages. On any problem Parse returns a nil File and a diag.List holding
// every problem found, each with its line and column and a message saying
// what is wrong and what is allowed.
func Parse(name string, data []byte, b *content.Bundle) (*File, error) {
	// Answers are checked against the source language's checkpoints: a
	// problem in the content itself is reported as such.
	if _, err := b.Language(content.SourceLanguage); err != nil {
		return nil, err
	}
	root, problems := diag.Parse(name, data, msg.New("what.answers-yaml"))
	if root == nil {
		// A file the YAML parser cannot read still says its language, most
		// often: its messages are in it.
		if m := languageLine().FindSubmatch(data); m != nil && slices.Contains(b.Codes(), string(m[1])) {
			problems = problems.InLang(string(m[1]))
		}
		return nil, problems.Err()
	}
	f := &File{Checkpoints: map[string]Checkpoint{}}
	d := &decoder{bundle: b}
	d.lang = d.contentLanguage("")
	d.Decoder = diag.Decoder{File: name, MaxWord: MaxWord, Kinds: d.kinds(), Label: d.label}
	d.Decode(root, f, diag.FileText(msg.New("field.answers-file")))
	problems = append(problems, d.Problems...)
	if f.Form == content.Registration {
		problems = append(problems, registrationOnly(name, root)...)
	}
	if len(problems) > 0 {
		if f.Language != "" {
			// A message about the file is in the file's language.
			problems = problems.InLang(f.Language)
		}
		return nil, problems.Err()
	}
	f.Path = name
	f.Warnings = d.Warnings.InLang(f.Language)
	return f, nil
}

// decoder holds what the kinds of an answers file are checked against.
type decoder struct {
	diag.Decoder
	bundle *content.Bundle
	// lang is the content the checkpoints are checked against: the file's
	// language, or the source language while the file's is unknown (ids are
	// the same in every language).
	lang *content.Language
	// form is the file's form, or "" while it is unknown. Form and language
	// come first in File, so they are known when the rest is decoded.
	form content.Audience
	// cp is the checkpoint whose answer is being decoded, or nil.
	cp *content.Checkpoint
}

func (d *decoder) kinds() map[string]diag.Kind {
	forms := []string{string(content.Municipality), string(content.Community), string(content.Registration)}
	statuses := make([]string, len(Statuses))
	for i, s := range Statuses {
		statuses[i] = string(s)
	}
	return map[string]diag.Kind{
		"form": {
			Allowed: func() string { return strings.Join(forms, ", ") },
			Decode: func(_ *diag.Decoder, at diag.Field, n *yaml.Node, v reflect.Value) {
				s, ok := d.Scalar(n, at, strings.Join(forms, ", "))
				switch {
				case !ok:
					return
				case s == "":
					d.Say(n, "answers.empty", "field", at.Named(), "allowed", strings.Join(forms, ", "))
					return
				}
				form, err := content.ParseAnyForm(s)
				if err != nil {
					d.sayUnknown(n, "answers.unknown-form", s, diag.Suggest(s, forms), "", "allowed", strings.Join(forms, ", "))
					return
				}
				d.form = form
				v.SetString(string(form))
			},
		},
		"language": {
			Allowed: func() string { return strings.Join(d.bundle.Codes(), ", ") },
			Decode: func(_ *diag.Decoder, at diag.Field, n *yaml.Node, v reflect.Value) {
				codes := d.bundle.Codes()
				s, ok := d.Scalar(n, at, strings.Join(codes, ", "))
				switch {
				case !ok:
					return
				case s == "":
					d.Say(n, "answers.empty", "field", at.Named(), "allowed", strings.Join(codes, ", "))
					return
				}
				if !slices.Contains(codes, s) {
					// Codes are too short for edit distance: suggest only a change of case.
					hint := ""
					for _, c := range codes {
						if strings.EqualFold(c, strings.TrimSpace(s)) {
							hint = c
						}
					}
					d.sayUnknown(n, "answers.unknown-language", s, hint, "", "allowed", strings.Join(codes, ", "))
					return
				}
				d.lang = d.contentLanguage(s)
				v.SetString(s)
			},
		},
		"checkpoints": {
			Allowed:     func() string { return msg.New("allowed.checkpoints").String() },
			AllowedText: func() msg.Text { return msg.New("allowed.checkpoints") },
			Decode: func(_ *diag.Decoder, at diag.Field, n *yaml.Node, v reflect.Value) {
				d.checkpoints(at, n, v.Interface().(map[string]Checkpoint))
			},
		},
		"status":        d.enum("answers.unknown-status", statuses, "status."),
		"action-status": d.enum("answers.unknown-action-status", ActionStatuses, "value.action-status."),
		"method": {
			Allowed: func() string { return strings.Join(d.methods(), ", ") },
			Decode: func(_ *diag.Decoder, at diag.Field, n *yaml.Node, v reflect.Value) {
				cp := d.lang.Checkpoint(MethodsCheckpoint)
				if cp == nil {
					if s, ok := d.Text(n, at); ok {
						v.SetString(s)
					}
					return
				}
				if s, ok := d.choose(at, n, "answers.unknown-method", cp.OptionIDs(), d.optionLabels(cp)); ok {
					v.SetString(s)
				}
			},
		},
		"row-id": {
			Allowed:     func() string { return msg.New("allowed.row-id").String() },
			AllowedText: func() msg.Text { return msg.New("allowed.row-id") },
			Decode: func(_ *diag.Decoder, at diag.Field, n *yaml.Node, v reflect.Value) {
				s, ok := d.ScalarText(n, at, msg.New("allowed.row-id"))
				switch {
				case !ok || s == "":
				case !rowIDRE().MatchString(s):
					d.Say(n, "answers.row-id", "field", at.Named(), "value", diag.KeyText(clipID(s)), "allowed", msg.New("allowed.row-id"))
				default:
					v.SetString(s)
				}
			},
		},
		"options": {
			Allowed: func() string { return "a list of option ids" },
			Decode: func(_ *diag.Decoder, at diag.Field, n *yaml.Node, v reflect.Value) {
				v.Set(reflect.ValueOf(d.options(at, n)))
			},
		},
	}
}

// languageLine finds the language of an answers file in its text, for
// the messages about a file the YAML parser cannot read; compiled on first
// use.
var languageLine = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?m)^language:[ \t]*["']?([a-z]{2,3})["']?[ \t]*(?:#.*)?\r?$`)
})

// rowIDRE is what a plan row's id may be; compiled on first use.
var rowIDRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,39}$`) })

// clipID shortens a long wrong id for a message.
func clipID(s string) string {
	if r := []rune(s); len(r) > 48 {
		return string(r[:48]) + "…"
	}
	return s
}

// methods returns the ids of the evaluation methods.
func (d *decoder) methods() []string {
	if cp := d.lang.Checkpoint(MethodsCheckpoint); cp != nil {
		return cp.OptionIDs()
	}
	return nil
}

// enum is the kind of a value that is one of ids; the label of id is
// content label labelPrefix+id.
func (d *decoder) enum(key string, ids []string, labelPrefix string) diag.Kind {
	return diag.Kind{
		Allowed: func() string { return strings.Join(ids, ", ") },
		Decode: func(_ *diag.Decoder, at diag.Field, n *yaml.Node, v reflect.Value) {
			labels := func(l *content.Language) map[string]string {
				m := map[string]string{}
				for _, id := range ids {
					if s, ok := l.Labels[labelPrefix+id]; ok {
						m[id] = s
					}
				}
				return m
			}
			if s, ok := d.choose(at, n, key, ids, labels); ok {
				v.SetString(s)
			}
		},
	}
}

// choose decodes one of ids, or "". A value that is the label of an id in
// the file's or the source language (a status written "Izpildīts")
// suggests that id.
func (d *decoder) choose(at diag.Field, n *yaml.Node, key string, ids []string, labels func(*content.Language) map[string]string) (string, bool) {
	s, ok := d.Scalar(n, at, strings.Join(ids, ", "))
	if !ok || s == "" {
		return "", ok
	}
	if slices.Contains(ids, s) {
		return s, true
	}
	id, code := d.labelOf(s, labels)
	if id == "" {
		id = diag.Suggest(s, ids)
	}
	d.sayUnknown(d.Deref(n), key, s, id, code, "allowed", strings.Join(ids, ", "))
	return "", false
}

// sayUnknown says message key about the unknown value s: key itself, or
// key-hint with the suggestion, or key-label when s is the suggestion's
// label in language code.
func (d *decoder) sayUnknown(n *yaml.Node, key, s, suggestion, code string, kv ...any) {
	kv = append(kv, "value", msg.Value(s))
	switch {
	case suggestion != "" && code != "":
		d.Say(n, key+"-label", append(kv, "suggestion", suggestion, "lang", code)...)
	case suggestion != "":
		d.Say(n, key+"-hint", append(kv, "suggestion", suggestion)...)
	default:
		d.Say(n, key, kv...)
	}
}

// labelOf returns the id whose label is s (in any case) in the file's
// language or the source language, and that language's code.
func (d *decoder) labelOf(s string, labels func(*content.Language) map[string]string) (string, string) {
	langs := []*content.Language{d.lang}
	if src, err := d.bundle.Language(content.SourceLanguage); err == nil && src != d.lang {
		langs = append(langs, src)
	}
	s = strings.TrimSpace(s)
	for _, l := range langs {
		m := labels(l)
		ids := make([]string, 0, len(m))
		for id := range m {
			ids = append(ids, id)
		}
		slices.Sort(ids)
		for _, id := range ids {
			if strings.EqualFold(m[id], s) {
				return id, l.Code
			}
		}
	}
	return "", ""
}

// optionLabels returns the labels of cp's options, in language l.
func (d *decoder) optionLabels(cp *content.Checkpoint) func(*content.Language) map[string]string {
	return func(l *content.Language) map[string]string {
		m := map[string]string{}
		if c := l.Checkpoint(cp.ID); c != nil && c.Options != nil {
			for _, o := range c.Options.Items {
				m[o.ID] = o.Label
			}
		}
		return m
	}
}

// contentLanguage returns the language checkpoints are checked against.
func (d *decoder) contentLanguage(code string) *content.Language {
	if l, err := d.bundle.Language(code); err == nil {
		return l
	}
	l, _ := d.bundle.Language(content.SourceLanguage) // loaded by Parse
	return l
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

// allIDs returns the id of every checkpoint of every form.
func (d *decoder) allIDs() []string {
	var ids []string
	for _, cp := range append(d.lang.Checkpoints("all"), d.lang.Checkpoints(content.Registration)...) {
		ids = append(ids, cp.ID)
	}
	return ids
}

// registrationKeys are the keys a registration (form: registration) may
// hold: it has no partner, workshop or plans.
var registrationKeys = []string{"form", "language", "date", "organisation", "checkpoints"}

// registrationOnly returns a problem for each key of the answers file root
// (a registration) that a registration does not have: the partner, the
// workshop and the plans, which belong to a roadmap's checklist.
func registrationOnly(name string, root *yaml.Node) diag.List {
	var ps diag.List
	doc := root
	if doc.Kind == yaml.DocumentNode && len(doc.Content) > 0 {
		doc = doc.Content[0]
	}
	if doc.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(doc.Content); i += 2 {
		k, v := doc.Content[i], doc.Content[i+1]
		if k.Value == "organisation" && v.Kind == yaml.MappingNode {
			for j := 0; j+1 < len(v.Content); j += 2 {
				if v.Content[j].Value == "partner" && v.Content[j+1].Value != "" {
					ps.Say(name, v.Content[j], "answers.registration-partner")
				}
			}
		}
		if !slices.Contains(registrationKeys, k.Value) && !emptyNode(v) {
			ps.Say(name, k, "answers.registration-key", "key", msg.Value(k.Value), "allowed", strings.Join(registrationKeys, ", "))
		}
	}
	return ps
}

// emptyNode reports whether n holds nothing: null, an empty text, list or
// map.
func emptyNode(n *yaml.Node) bool {
	switch n.Kind {
	case yaml.ScalarNode:
		return n.Tag == "!!null" || n.Value == ""
	case yaml.SequenceNode, yaml.MappingNode:
		return len(n.Content) == 0
	}
	return false
}

func (d *decoder) checkpoints(at diag.Field, n *yaml.Node, out map[string]Checkpoint) {
	entries, _ := d.MapText(n, at, msg.New("allowed.checkpoints"), nil)
	for _, e := range entries {
		id := e.Key.Value
		cp := d.lang.Checkpoint(id)
		switch {
		case cp == nil:
			ids := d.formIDs()
			hint := diag.Suggest(id, ids)
			if hint == "" {
				hint = diag.Suggest(id, d.allIDs())
			}
			if hint != "" {
				d.Say(e.Key, "answers.unknown-checkpoint-hint", "id", diag.KeyText(id), "suggestion", hint, "allowed", strings.Join(ids, ", "))
			} else {
				d.Say(e.Key, "answers.unknown-checkpoint", "id", diag.KeyText(id), "allowed", strings.Join(ids, ", "))
			}
		case d.form != "" && !cp.Audience.Includes(d.form):
			d.Say(e.Key, "answers.other-form", "number", d.lang.Number(cp), "id", id, "form", string(cp.Audience), "other", string(d.form),
				"allowed", strings.Join(d.formIDs(), ", "))
			cp = nil
		}
		// A wrong id still has the shape of its answer checked.
		d.cp = cp
		c := Checkpoint{Status: NotStarted}
		name := "checkpoint " + strconv.Quote(id)
		var text msg.Text = msg.New("field.checkpoint-id", "id", msg.Value(id))
		if cp != nil {
			name = "checkpoint " + d.lang.Number(cp) + " " + strconv.Quote(id)
			text = msg.New("field.checkpoint", "number", d.lang.Number(cp), "id", id)
		}
		d.Decode(e.Val, &c, diag.Field{Key: e.Key, Name: name, Text: text})
		d.cp = nil
		if cp != nil {
			out[id] = c
		}
	}
}

func (d *decoder) options(at diag.Field, n *yaml.Node) []string {
	cp := d.cp
	var ids []string
	if cp != nil {
		ids = cp.OptionIDs()
	}
	allowed := msg.New("allowed.option-ids", "ids", strings.Join(ids, ", "))
	items, _ := d.ListText(n, at, allowed)
	if cp != nil && len(ids) == 0 && len(items) > 0 {
		d.Say(at.Key, "answers.no-options", "number", d.lang.Number(cp), "id", cp.ID, "allowed", strings.Join(nonOptionKeys(), ", "))
		return nil
	}
	var out []string
	seen := map[string]*yaml.Node{}
	for _, it := range items {
		s, ok := d.ScalarText(it, at, allowed)
		if !ok || cp == nil {
			continue
		}
		it = d.Deref(it)
		if first, dup := seen[s]; dup {
			d.Say(it, "answers.option-twice", "value", msg.Value(s), "line", first.Line, "col", first.Column)
			continue
		}
		seen[s] = it
		if cp.Option(s) == nil {
			id, code := d.labelOf(s, d.optionLabels(cp))
			if id == "" {
				id = diag.Suggest(s, ids)
			}
			d.sayUnknown(it, "answers.unknown-option", s, id, code, "number", d.lang.Number(cp), "id", cp.ID, "allowed", strings.Join(ids, ", "))
			continue
		}
		out = append(out, s)
	}
	return out
}

// nonOptionKeys are the keys of a checkpoint that has no options.
func nonOptionKeys() []string {
	return slices.DeleteFunc(diag.Keys(reflect.TypeFor[Checkpoint]()), func(k string) bool { return k == "options" })
}

// dateAllowed says what a date may be.
const dateAllowed = "a date as YYYY-MM-DD, e.g. 2027-03-01"

// The dates the documents can show: a workbook counts days from 1900 and
// a four-digit year is what every form prints.
var (
	MinDate = Date{1900, time.January, 1}
	MaxDate = Date{2199, time.December, 31}
)

// Set parses s as ParseDate does; it makes Date a diag.Value.
func (d *Date) Set(s string) error {
	date, err := ParseDate(s)
	if err != nil {
		return err
	}
	*d = date
	return nil
}

// Allowed says what a date may be; it makes Date a diag.Value.
func (d *Date) Allowed() string { return dateAllowed }

// AllowedText says what a date may be in every language.
func (d *Date) AllowedText() msg.Text { return msg.New("allowed.date") }

// localDate matches a date written the local way: day first
// (15.05.2027, 15/05/2027, 15.05.2027.) or year first with dots or
// slashes (2027.05.15); compiled on first use.
var localDate = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(?:(\d{1,2})\s*[./]\s*(\d{1,2})\s*[./]\s*(\d{4})|(\d{4})\s*[./]\s*(\d{1,2})\s*[./]\s*(\d{1,2}))\s*\.?$`)
})

// suggestDate returns s as YYYY-MM-DD when s is a real date written the
// local way (every content language writes the day before the month), or "".
func suggestDate(s string) string {
	m := localDate().FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return ""
	}
	y, mo, da := m[3], m[2], m[1]
	if m[4] != "" {
		y, mo, da = m[4], m[5], m[6]
	}
	year, _ := strconv.Atoi(y)
	month, _ := strconv.Atoi(mo)
	day, _ := strconv.Atoi(da)
	if month < 1 || month > 12 || day < 1 || day > time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day() ||
		year < MinDate.Year || year > MaxDate.Year {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", year, month, day)
}

// The forms of a date and of a date with a time, compiled on first use
// (not at start-up, which every command pays for).
var (
	dateRE     = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(\d{4})-(\d{1,2})-(\d{1,2})$`) })
	dateTimeRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^\d{4}-\d{1,2}-\d{1,2}[Tt ]`) })
)

// ParseDate parses a calendar date written YYYY-MM-DD (a one-digit month or
// day is accepted too) from MinDate to MaxDate. When s is not such a date
// the error says what is wrong and what is allowed: impossible date
// "2026-02-30": February 2026 has 28 days; allowed: a real calendar date as
// YYYY-MM-DD.
func ParseDate(s string) (Date, error) {
	m := dateRE().FindStringSubmatch(s)
	if m == nil {
		if dateTimeRE().MatchString(s) {
			return Date{}, msg.New("date.time-of-day", "value", msg.Value(s))
		}
		if iso := suggestDate(s); iso != "" {
			return Date{}, msg.New("date.local", "value", msg.Value(s), "suggestion", iso)
		}
		return Date{}, msg.New("date.not-a-date", "value", msg.Value(s))
	}
	year, _ := strconv.Atoi(m[1])
	month, _ := strconv.Atoi(m[2])
	day, _ := strconv.Atoi(m[3])
	if month < 1 || month > 12 {
		return Date{}, msg.New("date.no-month", "value", msg.Value(s), "month", month)
	}
	days := time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
	if day < 1 || day > days {
		return Date{}, msg.New("date.month-days", "value", msg.Value(s), "month", msg.New("month."+strconv.Itoa(month)), "year", year, "n", days)
	}
	if year < MinDate.Year || year > MaxDate.Year {
		return Date{}, msg.New("date.out-of-range", "value", msg.Value(s), "min", MinDate.String(), "max", MaxDate.String())
	}
	return Date{Year: year, Month: time.Month(month), Day: day}, nil
}

// The keys of the maps of an answers file, from the model's tags, in the
// order "roadmap init" writes them.
var (
	organisationKeys  = diag.Keys(reflect.TypeFor[Organisation]())
	workshopKeys      = diag.Keys(reflect.TypeFor[Workshop]())
	actionKeys        = diag.Keys(reflect.TypeFor[Action]())
	communicationKeys = diag.Keys(reflect.TypeFor[Communication]())
	evaluationKeys    = diag.Keys(reflect.TypeFor[Evaluation]())
)

// labelKeys are the content labels that name the keys of an answers file
// where a person sees them (the web page, the workbooks): by the struct a
// key belongs to, the label of each key, or a prefix for every key.
var labelKeys = map[reflect.Type]map[string]string{
	reflect.TypeFor[File](): {"date": "field.date", "action_plan": "sheet.action.title",
		"communication_plan": "sheet.communication.title", "evaluation_plan": "sheet.evaluation.title"},
	reflect.TypeFor[Organisation](): {"name": "field.organisation", "contact": "field.contact", "partner": "field.partner"},
	reflect.TypeFor[Workshop](): {"facilitator": "field.facilitator", "next_review": "field.next_review",
		"participants": "field.participants", "notes": "form.notes.title"},
	reflect.TypeFor[Checkpoint]():    {"status": "serve.status", "answer": "serve.answer"},
	reflect.TypeFor[Action]():        {"": "sheet.action.col."},
	reflect.TypeFor[Communication](): {"": "sheet.communication.col."},
	reflect.TypeFor[Evaluation]():    {"": "sheet.evaluation.col."},
}

// label returns the label a person sees for key of struct type parent, in
// the language a message is shown in; nil for a key without one.
func (d *decoder) label(parent reflect.Type, key string) msg.Text {
	keys := labelKeys[parent]
	lk, ok := keys[key]
	if !ok {
		if prefix, ok := keys[""]; ok {
			lk = prefix + key
		}
	}
	if src, err := d.bundle.Language(content.SourceLanguage); lk == "" || err != nil || src.Labels[lk] == "" {
		return nil
	}
	return msg.Func(func(lang string) string {
		if l, err := d.bundle.Language(lang); err == nil && l.Labels[lk] != "" {
			return l.Labels[lk]
		}
		l, _ := d.bundle.Language(content.SourceLanguage)
		return l.Labels[lk]
	})
}
