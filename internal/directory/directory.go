// Package directory makes the directory of organisations a municipality
// keeps (checkpoint 2.1 of the roadmap: "a list or database of the
// organisations in its territory"): one entry per organisation, from the
// registrations organisations filled in (form: registration) and from the
// organisation blocks of roadmap answers files, entries with the same name
// merged, as a workbook and as a printable PDF grouped by field of work.
//
// Contact details are personal data: both documents say so on every
// printed page.
package directory

import (
	"cmp"
	"regexp"
	"slices"
	"strings"
	"sync"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"github.com/partnership-roadmap/roadmap/internal/answers"
	"github.com/partnership-roadmap/roadmap/internal/content"
)

// The ids of the registration form's questions the directory reads.
const (
	FieldOfWork  = "field-of-work"
	TargetGroups = "target-groups"
	Area         = "area"
	Email        = "email"
	Phone        = "phone"
	Website      = "website"
	Programmes   = "programmes"
	Cooperation  = "cooperation"
)

// Entry is one organisation of the directory.
type Entry struct {
	Name string
	// Fields are the ids of the fields of work ticked, in the content's
	// order; FieldText is what the organisation wrote about them.
	Fields    []string
	FieldText string
	// The answers to the registration's questions, trimmed.
	TargetGroups, Area, Email, Phone, Website, Programmes string
	// Contact is the contact person (the organisation block's contact).
	Contact string
	// Cooperation are the ids of the ways to cooperate ticked, in the
	// content's order; CooperationText is what was written about them.
	Cooperation     []string
	CooperationText string
	// Sources are the paths of the files the entry was made from, in
	// input order: its registrations first.
	Sources []string
}

// Directory is the organisations of a set of answers files, in the
// language of its documents.
type Directory struct {
	Lang *content.Language
	// Entries are sorted by name in the language's alphabetical order,
	// without regard to case.
	Entries []*Entry
	// Files is the number of files the entries were made from; Unnamed
	// the paths of the files left out for want of an organisation's name.
	Files   int
	Unnamed []string
}

// Key is the name by which entries are merged: the organisation's name
// without regard to case and spacing.
func Key(name string) string { return strings.ToLower(strings.Join(strings.Fields(name), " ")) }

// contactRE finds an e-mail address and a phone number in a roadmap's
// contact text ("Anna Bērziņa, …, tālr. +371 63 000 000"); made on first
// use.
var contactRE = sync.OnceValues(func() (*regexp.Regexp, *regexp.Regexp) {
	return regexp.MustCompile(`[^\s,;:<>()]+@[^\s,;:<>()]+\.[^\s,;:<>()]+`),
		regexp.MustCompile(`\+?\d[\d ()-]{5,}\d`)
})

// Build makes the directory of files in language lang: a registration's
// answers and a roadmap's organisation block (its name and contact, and an
// e-mail address and phone number found in the contact) each make an entry;
// entries with the same Key are one, whose each part is the first file's
// that has it, registrations before roadmaps, in input order. A file
// without an organisation name is left out and listed in Unnamed.
func Build(lang *content.Language, files []*answers.File) *Directory {
	d := &Directory{Lang: lang}
	byKey := map[string]*Entry{}
	ordered := slices.Clone(files)
	slices.SortStableFunc(ordered, func(a, b *answers.File) int {
		return cmp.Compare(rank(a), rank(b))
	})
	for _, f := range ordered {
		name := strings.Join(strings.Fields(f.Organisation.Name), " ")
		if name == "" {
			d.Unnamed = append(d.Unnamed, f.Path)
			continue
		}
		d.Files++
		e := entryOf(lang, f, name)
		k := Key(name)
		if have, ok := byKey[k]; ok {
			merge(have, e)
			continue
		}
		byKey[k] = e
		d.Entries = append(d.Entries, e)
	}
	col := collate.New(language.Make(lang.Code), collate.IgnoreCase)
	slices.SortStableFunc(d.Entries, func(a, b *Entry) int {
		return cmp.Or(col.CompareString(a.Name, b.Name), strings.Compare(a.Name, b.Name))
	})
	return d
}

// rank orders registrations before roadmaps.
func rank(f *answers.File) int {
	if f.Form == content.Registration {
		return 0
	}
	return 1
}

// entryOf returns the entry file f makes.
func entryOf(lang *content.Language, f *answers.File, name string) *Entry {
	e := &Entry{Name: name, Contact: strings.TrimSpace(f.Organisation.Contact), Sources: []string{f.Path}}
	if f.Form != content.Registration {
		email, phone := contactRE()
		e.Email = email.FindString(e.Contact)
		e.Phone = strings.TrimSpace(phone.FindString(e.Contact))
		return e
	}
	text := func(id string) string { return strings.TrimSpace(f.Checkpoint(id).Answer) }
	e.Fields = ticked(lang, f, FieldOfWork)
	e.FieldText = text(FieldOfWork)
	e.TargetGroups, e.Area = text(TargetGroups), text(Area)
	e.Email, e.Phone, e.Website = text(Email), text(Phone), text(Website)
	e.Programmes = text(Programmes)
	e.Cooperation = ticked(lang, f, Cooperation)
	e.CooperationText = text(Cooperation)
	return e
}

// ticked returns the options of checkpoint id that f ticked, in the
// content's order.
func ticked(lang *content.Language, f *answers.File, id string) []string {
	cp := lang.Checkpoint(id)
	if cp == nil {
		return nil
	}
	c := f.Checkpoint(id)
	var out []string
	for _, o := range cp.OptionIDs() {
		if c.Ticked(o) {
			out = append(out, o)
		}
	}
	return out
}

// merge fills what e lacks from o, and adds o's sources.
func merge(e, o *Entry) {
	fill := func(dst *string, src string) {
		if *dst == "" {
			*dst = src
		}
	}
	if len(e.Fields) == 0 {
		e.Fields = o.Fields
	}
	if len(e.Cooperation) == 0 {
		e.Cooperation = o.Cooperation
	}
	for _, p := range []struct {
		dst *string
		src string
	}{
		{&e.FieldText, o.FieldText}, {&e.TargetGroups, o.TargetGroups}, {&e.Area, o.Area}, {&e.Contact, o.Contact},
		{&e.Email, o.Email}, {&e.Phone, o.Phone}, {&e.Website, o.Website}, {&e.Programmes, o.Programmes},
		{&e.CooperationText, o.CooperationText},
	} {
		fill(p.dst, p.src)
	}
	e.Sources = append(e.Sources, o.Sources...)
}

// Group is the entries of one field of work.
type Group struct {
	// Field is the id of the field of work, "" for the entries that name
	// none; Title its label.
	Field, Title string
	Entries      []*Entry
}

// Groups returns the entries grouped by their first field of work, in the
// order of the registration form's fields, those that name none last.
func (d *Directory) Groups() []Group {
	var groups []Group
	var ids []string
	if cp := d.Lang.Checkpoint(FieldOfWork); cp != nil {
		ids = cp.OptionIDs()
	}
	for _, id := range append(ids, "") {
		g := Group{Field: id, Title: d.FieldLabel(id)}
		for _, e := range d.Entries {
			first := ""
			if len(e.Fields) > 0 {
				first = e.Fields[0]
			}
			if first == id {
				g.Entries = append(g.Entries, e)
			}
		}
		if len(g.Entries) > 0 {
			groups = append(groups, g)
		}
	}
	return groups
}

// FieldLabel returns the label of field of work id, or of none for "".
func (d *Directory) FieldLabel(id string) string {
	return d.optionLabel(FieldOfWork, id, "directory.field.none")
}

// optionLabel returns the label of option id of checkpoint cp, or the
// label none for "".
func (d *Directory) optionLabel(cp, id, none string) string {
	if id == "" {
		return d.Lang.Label(none)
	}
	if c := d.Lang.Checkpoint(cp); c != nil {
		if o := c.Option(id); o != nil {
			return o.Label
		}
	}
	return id
}

// Labels returns the labels of options ids of checkpoint cp, joined by
// "; ".
func (d *Directory) labels(cp string, ids []string) string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = d.optionLabel(cp, id, "")
	}
	return strings.Join(out, "; ")
}

// FieldsText returns what entry e says of its fields of work: the labels
// of the fields ticked, then what it wrote, on a line of its own.
func (d *Directory) FieldsText(e *Entry) string {
	return joinLines(d.labels(FieldOfWork, e.Fields), e.FieldText)
}

// CooperationText returns what entry e offers: the labels of the ways
// ticked, then what it wrote, on a line of its own.
func (d *Directory) CooperationText(e *Entry) string {
	return joinLines(d.labels(Cooperation, e.Cooperation), e.CooperationText)
}

func joinLines(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + "\n" + b
}
