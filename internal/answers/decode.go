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
)

// ReadFile reads the answers file at path and parses it with Parse. Every
// error it returns is a diag.List; a file that cannot be read (missing, a
// folder, a device, too big) is one problem without a line.
func ReadFile(path string, b *content.Bundle) (*File, error) {
	data, err := diag.ReadPath(path, "the answers file")
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
	root, problems := diag.Parse(name, data, `an answers file as written by "roadmap init"`)
	if root == nil {
		return nil, problems.Err()
	}
	f := &File{Checkpoints: map[string]Checkpoint{}}
	d := &decoder{bundle: b}
	d.lang = d.contentLanguage("")
	d.Decoder = diag.Decoder{File: name, MaxWord: MaxWord, Kinds: d.kinds()}
	d.Decode(root, f, diag.FileField("the answers file"))
	problems = append(problems, d.Problems...)
	if f.Form == content.Registration {
		problems = append(problems, registrationOnly(name, root)...)
	}
	if len(problems) > 0 {
		return nil, problems.Err()
	}
	f.Path = name
	f.Warnings = d.Warnings
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
					d.Add(n, "%s is empty; allowed: %s", at.Name, strings.Join(forms, ", "))
					return
				}
				form, err := content.ParseAnyForm(s)
				if err != nil {
					d.Add(n, "unknown form %q%s; allowed: %s", s, diag.DidYouMean(s, forms), strings.Join(forms, ", "))
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
					d.Add(n, "%s is empty; allowed: %s", at.Name, strings.Join(codes, ", "))
					return
				}
				if !slices.Contains(codes, s) {
					// Codes are too short for edit distance: suggest only a change of case.
					hint := ""
					for _, c := range codes {
						if strings.EqualFold(c, strings.TrimSpace(s)) {
							hint = fmt.Sprintf(" (did you mean %q?)", c)
						}
					}
					d.Add(n, "unknown language %q%s; allowed: %s", s, hint, strings.Join(codes, ", "))
					return
				}
				d.lang = d.contentLanguage(s)
				v.SetString(s)
			},
		},
		"checkpoints": {
			Allowed: func() string { return "a map from checkpoint id to its status, options and answer" },
			Decode: func(_ *diag.Decoder, at diag.Field, n *yaml.Node, v reflect.Value) {
				d.checkpoints(at, n, v.Interface().(map[string]Checkpoint))
			},
		},
		"status":        d.enum("status", statuses, "status."),
		"action-status": d.enum("action status", ActionStatuses, "value.action-status."),
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
				if s, ok := d.choose(at, n, "evaluation method", cp.OptionIDs(), d.optionLabels(cp)); ok {
					v.SetString(s)
				}
			},
		},
		"row-id": {
			Allowed: func() string { return rowIDAllowed },
			Decode: func(_ *diag.Decoder, at diag.Field, n *yaml.Node, v reflect.Value) {
				s, ok := d.Scalar(n, at, rowIDAllowed)
				switch {
				case !ok || s == "":
				case !rowIDRE().MatchString(s):
					d.Add(n, "%s %s is not a row id; allowed: %s", at.Name, diag.QuoteKey(clipID(s)), rowIDAllowed)
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

// rowIDRE is what a plan row's id may be; compiled on first use.
var rowIDRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,39}$`) })

const rowIDAllowed = "1 to 40 lower-case letters a-z, digits and hyphens, as roadmap writes it (or leave id out)"

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
func (d *decoder) enum(what string, ids []string, labelPrefix string) diag.Kind {
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
			if s, ok := d.choose(at, n, what, ids, labels); ok {
				v.SetString(s)
			}
		},
	}
}

// choose decodes one of ids, or "". A value that is the label of an id in
// the file's or the source language (a status written "Izpildīts")
// suggests that id.
func (d *decoder) choose(at diag.Field, n *yaml.Node, what string, ids []string, labels func(*content.Language) map[string]string) (string, bool) {
	s, ok := d.Scalar(n, at, strings.Join(ids, ", "))
	if !ok || s == "" {
		return "", ok
	}
	if slices.Contains(ids, s) {
		return s, true
	}
	hint := diag.DidYouMean(s, ids)
	if id, code := d.labelOf(s, labels); id != "" {
		hint = fmt.Sprintf(" (did you mean %q? %q is its label in %s)", id, s, code)
	}
	d.Add(n, "unknown %s %q%s; allowed: %s", what, s, hint, strings.Join(ids, ", "))
	return "", false
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
					ps = append(ps, diag.Problem{File: name, Line: v.Content[j].Line, Col: v.Content[j].Column,
						Msg: `a registration has no partner; allowed in organisation: name, contact`})
				}
			}
		}
		if !slices.Contains(registrationKeys, k.Value) && !emptyNode(v) {
			ps = append(ps, diag.Problem{File: name, Line: k.Line, Col: k.Column,
				Msg: fmt.Sprintf("a registration has no %s; allowed: %s", k.Value, strings.Join(registrationKeys, ", "))})
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
	entries, _ := d.Map(n, at, "a map from checkpoint id to its status, options and answer", nil)
	for _, e := range entries {
		id := e.Key.Value
		cp := d.lang.Checkpoint(id)
		switch {
		case cp == nil:
			ids := d.formIDs()
			hint := diag.DidYouMean(id, ids)
			if hint == "" {
				hint = diag.DidYouMean(id, d.allIDs())
			}
			d.Add(e.Key, "unknown checkpoint %s%s; allowed: %s", diag.QuoteKey(id), hint, strings.Join(ids, ", "))
		case d.form != "" && !cp.Audience.Includes(d.form):
			d.Add(e.Key, "checkpoint %s %q belongs to the %s form, not the %s form; allowed: %s",
				d.lang.Number(cp), id, cp.Audience, d.form, strings.Join(d.formIDs(), ", "))
			cp = nil
		}
		// A wrong id still has the shape of its answer checked.
		d.cp = cp
		c := Checkpoint{Status: NotStarted}
		name := "checkpoint " + strconv.Quote(id)
		if cp != nil {
			name = "checkpoint " + d.lang.Number(cp) + " " + strconv.Quote(id)
		}
		d.Decode(e.Val, &c, diag.Field{Key: e.Key, Name: name})
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
	allowed := "a list of option ids, e.g. [" + strings.Join(ids, ", ") + "]"
	if cp == nil {
		allowed = "a list of option ids"
	}
	items, _ := d.List(n, at, allowed)
	if cp != nil && len(ids) == 0 && len(items) > 0 {
		d.Add(at.Key, "checkpoint %s %q has no options to tick; allowed: %s", d.lang.Number(cp), cp.ID, strings.Join(nonOptionKeys(), ", "))
		return nil
	}
	var out []string
	seen := map[string]*yaml.Node{}
	for _, it := range items {
		s, ok := d.Scalar(it, at, allowed)
		if !ok || cp == nil {
			continue
		}
		it = d.Deref(it)
		if first, dup := seen[s]; dup {
			d.Add(it, "option %q is listed twice (first at %d:%d); allowed: each option once", s, first.Line, first.Column)
			continue
		}
		seen[s] = it
		if cp.Option(s) == nil {
			hint := diag.DidYouMean(s, ids)
			if id, code := d.labelOf(s, d.optionLabels(cp)); id != "" {
				hint = fmt.Sprintf(" (did you mean %q? %q is its label in %s)", id, s, code)
			}
			d.Add(it, "unknown option %q of checkpoint %s %q%s; allowed: %s", s, d.lang.Number(cp), cp.ID, hint, strings.Join(ids, ", "))
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
	if year < MinDate.Year || year > MaxDate.Year {
		return Date{}, fmt.Errorf("date %q is out of range; allowed: a date from %s to %s", s, MinDate, MaxDate)
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
