// Package importpdf reads a fillable checklist form (made by
// "roadmap form --fillable" and filled in in a PDF reader) back into
// answers: the statuses, the ticked options, the answers, the organisation
// block, the date, the workshop block (its notes from the form's closing
// page) and the rows of the three plans (roadmap.Plans).
//
// The PDF is read with pdfcpu. Only this tool's forms are read: a form is
// recognised by its hidden marker field (form.MarkerField), which names the
// form, the language and the version of its fields; a PDF without one, or
// with a version or language this roadmap does not have, or whose fields are
// not the fields of that form, is refused with a message, never guessed at.
// Fields left empty are left out of the answers.
package importpdf

import (
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"github.com/partnership-roadmap/roadmap/internal/answers"
	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/diag"
	"github.com/partnership-roadmap/roadmap/internal/form"
	"github.com/partnership-roadmap/roadmap/internal/msg"
	"github.com/partnership-roadmap/roadmap/internal/roadmap"
)

func init() {
	// pdfcpu would otherwise write a configuration directory into the
	// user's home on first use.
	api.DisableConfigDir()
}

// MaxSize is the largest PDF read, in bytes.
const MaxSize = 50 << 20

// MaxField is the most characters a field may hold. No field of an answers
// file may hold more (answers.Checkpoint.Answer's limit).
const MaxField = 20000

// maxFields bounds the fields read, against a PDF made to exhaust memory.
const maxFields = 5000

// Error is a PDF that cannot be read as a filled form, with a message for
// the person who gave it.
type Error struct {
	Msg string
	// Text is the message in every language (Msg is its English), when it
	// is from the catalogue.
	Text msg.Text
}

func (e *Error) Error() string { return e.Msg }

// In returns the message in language lang.
func (e *Error) In(lang string) string {
	if e.Text != nil {
		return e.Text.In(lang)
	}
	return e.Msg
}

func fail(format string, args ...any) error { return &Error{Msg: fmt.Sprintf(format, args...)} }

// say is the error saying message key of the catalogue.
func say(key string, kv ...any) error {
	m := msg.New(key, kv...)
	return &Error{Msg: m.In(msg.Fallback), Text: m}
}

// Read reads the filled form data into answers of the form and language
// the form was made in, taking the form's checkpoints and options from
// content bundle b. The answers are valid (answers.Parse accepts them).
func Read(data []byte, b *content.Bundle) (*answers.File, error) {
	fields, err := readFields(data)
	if err != nil {
		return nil, err
	}
	marker, ok := fields[form.MarkerField]
	if !ok {
		return nil, say("pdf.no-marker", "field", form.MarkerField)
	}
	f, code, version, ok := form.ParseMarker(marker.value)
	if !ok {
		return nil, say("pdf.bad-marker", "field", form.MarkerField, "value", msg.Value(clip(marker.value)))
	}
	if version != form.FieldsVersion {
		return nil, say("pdf.version", "version", version, "want", form.FieldsVersion)
	}
	if _, err := content.ParseAnyForm(string(f)); err != nil {
		return nil, say("pdf.unknown-form", "value", msg.Value(clip(string(f))))
	}
	lang, err := b.Language(code)
	if err != nil {
		return nil, say("pdf.unknown-language", "value", msg.Value(clip(code)), "allowed", strings.Join(b.Codes(), ", "))
	}
	r := &reader{fields: fields, lang: lang, f: f}
	a, err := r.answers()
	if err != nil {
		return nil, err
	}
	// What is read must make a valid answers file.
	enc, err := answers.Encode(a, lang, nil)
	if err == nil {
		_, err = answers.Parse("the form", enc, b)
	}
	if err != nil {
		return nil, say("pdf.invalid", "reason", firstProblem(err))
	}
	return a, nil
}

// field is a form field's value as read: a text field's text, or the state
// of a button ("" for off).
type field struct {
	value string
	kind  string // "Tx" or "Btn"
	used  bool
}

// readFields reads the terminal form fields of the PDF by their full names.
func readFields(data []byte) (map[string]*field, error) {
	if len(data) > MaxSize {
		return nil, say("pdf.too-big", "size", len(data)>>20, "max", MaxSize>>20)
	}
	if i := bytes.Index(data[:min(len(data), 1024)], []byte("%PDF-")); i < 0 {
		return nil, say("pdf.not-pdf")
	}
	if unpacked(data, MaxUnpacked) > MaxUnpacked {
		return nil, say("pdf.unpacked", "max", MaxUnpacked>>20)
	}
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	ctx, err := readContext(bytes.NewReader(data), conf)
	if err != nil {
		if encryptedTrailer(data) {
			return nil, errEncrypted()
		}
		return nil, say("pdf.damaged", "reason", clip(firstLine(err.Error())))
	}
	if ctx.XRefTable.Encrypt != nil {
		return nil, errEncrypted()
	}
	x := ctx.XRefTable
	root, err := x.Catalog()
	if err != nil {
		return nil, fail("the PDF is damaged and cannot be read (no document catalog)")
	}
	af, err := x.DereferenceDict(root["AcroForm"])
	if err != nil || af == nil {
		return nil, say("pdf.no-fields")
	}
	top, err := x.DereferenceArray(af["Fields"])
	if err != nil || len(top) == 0 {
		return nil, say("pdf.no-fields")
	}
	w := &walker{x: x, out: map[string]*field{}, seen: map[int]bool{}}
	for _, o := range top {
		if err := w.walk(o, "", inherited{}, 0); err != nil {
			return nil, err
		}
	}
	return w.out, nil
}

// readContext reads the PDF with pdfcpu, turning a panic on a damaged file
// into an error.
func readContext(rs io.ReadSeeker, conf *model.Configuration) (ctx *model.Context, err error) {
	defer func() {
		if r := recover(); r != nil {
			ctx, err = nil, fmt.Errorf("%v", r)
		}
	}()
	return api.ReadContext(rs, conf)
}

// errEncrypted refuses an encrypted PDF. Printing it to PDF is no way out:
// that removes the form's fields.
func errEncrypted() error { return say("pdf.encrypted") }

// encryptedTrailer reports whether a PDF that could not be read names an
// encryption dictionary in a trailer or a cross-reference stream, where
// the name stands as a key before a reference; a field's text holding the
// word "/Encrypt" is neither.
func encryptedTrailer(data []byte) bool { return encryptKey().Match(data) }

// encryptKey is compiled on first use: its bounded repetition makes a
// large program (half a megabyte, 2 ms), which every command paid at
// start-up when it was compiled at init.
var encryptKey = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?s)(?:trailer\s*<<|/Type\s*/XRef).{0,1000}?/Encrypt\s*\d+\s+\d+\s+R`)
})

// inherited are the field attributes a field takes from its parents.
type inherited struct {
	ft string
	v  types.Object
}

// walker walks the field tree.
type walker struct {
	x    *model.XRefTable
	out  map[string]*field
	seen map[int]bool // objects walked, against loops
	n    int
}

func (w *walker) walk(o types.Object, parent string, in inherited, depth int) error {
	if depth > 32 {
		return fail("the PDF is damaged: its form fields nest too deep")
	}
	if ref, ok := o.(types.IndirectRef); ok {
		if w.seen[ref.ObjectNumber.Value()] {
			return nil
		}
		w.seen[ref.ObjectNumber.Value()] = true
	}
	d, err := w.x.DereferenceDict(o)
	if err != nil || d == nil {
		return fail("the PDF is damaged: a form field is not a dictionary")
	}
	if w.n++; w.n > maxFields {
		return fail("the PDF has more than %d form fields; a roadmap form has far fewer", maxFields)
	}
	name := parent
	if t, ok := d.Find("T"); ok {
		s, err := w.x.DereferenceText(t)
		if err != nil {
			return fail("the PDF is damaged: a form field's name cannot be read")
		}
		if name != "" {
			name += "."
		}
		name += s
	}
	if ft := d.NameEntry("FT"); ft != nil {
		in.ft = *ft
	}
	if v, ok := d.Find("V"); ok {
		in.v = v
	}
	// Kids that are fields (with a name) are walked; kids that are only
	// widgets (the buttons of a radio group) belong to this field.
	if kids, err := w.x.DereferenceArray(d["Kids"]); err == nil && len(kids) > 0 {
		fieldKids := false
		for _, k := range kids {
			kd, err := w.x.DereferenceDict(k)
			if err == nil && kd != nil {
				if _, ok := kd.Find("T"); ok {
					fieldKids = true
				}
			}
		}
		if fieldKids {
			for _, k := range kids {
				if err := w.walk(k, name, in, depth+1); err != nil {
					return err
				}
			}
			return nil
		}
	}
	if name == "" {
		return nil
	}
	f := &field{kind: in.ft}
	switch in.ft {
	case "Btn":
		f.value = w.state(in.v, d)
	case "Tx", "Ch":
		if in.v != nil {
			v, err := w.text(in.v)
			if err != nil {
				return fail("field %s: %s", clip(name), err.Error())
			}
			f.value = v
		}
	case "Sig":
		return nil // a signature added in a reader: no answer of the form
	default:
		return fail("field %s is a kind of field roadmap's forms do not have (%s)", clip(name), clip(in.ft))
	}
	if n := utf8.RuneCountInString(f.value); n > MaxField {
		return fail("field %s holds %d characters; at most %d are allowed", clip(name), n, MaxField)
	}
	if !utf8.ValidString(f.value) {
		f.value = strings.ToValidUTF8(f.value, "\uFFFD")
	}
	w.out[name] = f
	return nil
}

// text returns the text of a field's value: a string, a stream (a reader
// may store a long text as one), a number (a reader may store what looks
// like one as one) or, for a list, its first choice. Any other value is an
// error, never an empty answer.
func (w *walker) text(v types.Object) (string, error) {
	o, err := w.x.Dereference(v)
	if err != nil {
		return "", fmt.Errorf("its value cannot be read")
	}
	switch v := o.(type) {
	case nil:
		return "", nil
	case types.StringLiteral, types.HexLiteral:
		s, err := model.Text(v)
		if err != nil {
			return "", fmt.Errorf("its text cannot be read")
		}
		return s, nil
	case types.StreamDict:
		return w.stream(&v)
	case *types.StreamDict:
		return w.stream(v)
	case types.Integer:
		return strconv.Itoa(v.Value()), nil
	case types.Float:
		return strconv.FormatFloat(v.Value(), 'f', -1, 64), nil
	case types.Name:
		return v.Value(), nil
	case types.Array:
		if len(v) == 0 {
			return "", nil
		}
		return w.text(v[0])
	}
	return "", fmt.Errorf("its value is neither a text nor a number")
}

// stream returns the text of a stream value, decoded; a text stream may
// start with a byte-order mark saying it is UTF-16.
func (w *walker) stream(sd *types.StreamDict) (string, error) {
	if err := sd.Decode(); err != nil {
		return "", fmt.Errorf("its text cannot be decoded")
	}
	b := sd.Content
	if len(b) > 4*MaxField {
		return "", fmt.Errorf("it holds more than %d characters", MaxField)
	}
	switch {
	case bytes.HasPrefix(b, []byte{0xfe, 0xff}): // UTF-16BE, as a text string
		s, err := model.Text(types.HexLiteral(hex.EncodeToString(b)))
		if err != nil {
			return "", fmt.Errorf("its text cannot be decoded")
		}
		return s, nil
	case bytes.HasPrefix(b, []byte{0xef, 0xbb, 0xbf}):
		b = b[3:]
	}
	return string(b), nil
}

// state returns the state of a button field from its value v, else from
// its widgets' appearance state; "" for off.
func (w *walker) state(v types.Object, d types.Dict) string {
	name := func(o types.Object) string {
		o, err := w.x.Dereference(o)
		if err != nil {
			return ""
		}
		if n, ok := o.(types.Name); ok && n.Value() != "Off" {
			return n.Value()
		}
		return ""
	}
	if v != nil {
		return name(v)
	}
	if as, ok := d.Find("AS"); ok {
		return name(as)
	}
	kids, _ := w.x.DereferenceArray(d["Kids"])
	for _, k := range kids {
		if kd, err := w.x.DereferenceDict(k); err == nil && kd != nil {
			if as, ok := kd.Find("AS"); ok {
				if s := name(as); s != "" {
					return s
				}
			}
		}
	}
	return ""
}

// reader turns the fields of form f in language lang into answers.
type reader struct {
	fields map[string]*field
	lang   *content.Language
	f      content.Audience
}

// text returns the text of text field name, its line ends made "\n".
func (r *reader) text(name string) (string, error) {
	f, err := r.field(name, "Tx", "a text field")
	if err != nil {
		return "", err
	}
	s := strings.ReplaceAll(strings.ReplaceAll(f.value, "\r\n", "\n"), "\r", "\n")
	if strings.TrimSpace(s) == "" {
		return "", nil
	}
	return s, nil
}

// button returns the state of button field name ("" for off).
func (r *reader) button(name string) (string, error) {
	f, err := r.field(name, "Btn", "a button")
	if err != nil {
		return "", err
	}
	return f.value, nil
}

// field returns field name, of kind (what names the kind in a message),
// and marks it read.
func (r *reader) field(name, kind, what string) (*field, error) {
	f, ok := r.fields[name]
	if !ok {
		return nil, fail("the form has no field %s: it was made from other content than this roadmap's (a different version of the roadmap)", clip(name))
	}
	if f.kind != kind {
		return nil, fail("field %s is not %s: the form was made from other content than this roadmap's", clip(name), what)
	}
	f.used = true
	return f, nil
}

// date returns the date in text field name: as YYYY-MM-DD, as the form's
// fields show dates and their tooltips ask, or written the local way
// (27.11.2026. in Latvian, 27/11/2026), which a person may type from the
// printed form (roadmap.ParseDate). what names the field in a message.
func (r *reader) date(name string, what msg.Text) (answers.Date, error) {
	s, err := r.text(name)
	if err != nil || s == "" {
		return answers.Date{}, err
	}
	d, err := roadmap.ParseDate(r.lang, s)
	if err != nil {
		return answers.Date{}, say("pdf.field-problem", "field", what, "text", err)
	}
	return d, nil
}

// optional reports whether the form has the fields names, all of them or
// none: fields added to the form later than its version, which a form made
// before has none of. A form with some of them is not this roadmap's.
func (r *reader) optional(names ...string) (bool, error) {
	n := 0
	for _, name := range names {
		if _, ok := r.fields[name]; ok {
			n++
		}
	}
	if n > 0 && n < len(names) {
		for _, name := range names {
			if _, err := r.text(name); err != nil {
				return false, err
			}
		}
	}
	return n == len(names), nil
}

// workshop reads the workshop's fields into w. A form made before they
// were added has none: its workshop lines were for writing on paper only.
// The notes' field, on the closing page, came later than the other three,
// and is read alone.
func (r *reader) workshop(w *answers.Workshop) error {
	ok, err := r.optional(form.NotesField)
	if err != nil {
		return err
	}
	if ok {
		if w.Notes, err = r.text(form.NotesField); err != nil {
			return err
		}
		w.Notes = strings.TrimSpace(w.Notes)
	}
	ok, err = r.optional(form.FacilitatorField, form.NextReviewField, form.ParticipantsField)
	if !ok || err != nil {
		return err
	}
	if w.Facilitator, err = r.text(form.FacilitatorField); err != nil {
		return err
	}
	w.Facilitator = strings.TrimSpace(w.Facilitator)
	what := msg.New("pdf.what.next-review", "label", r.lang.Label("field.next_review"))
	if w.NextReview, err = r.date(form.NextReviewField, what); err != nil {
		return err
	}
	if w.Participants, err = r.text(form.ParticipantsField); err != nil {
		return err
	}
	w.Participants = strings.TrimSpace(w.Participants)
	return nil
}

func (r *reader) answers() (*answers.File, error) {
	a := &answers.File{Form: r.f, Language: r.lang.Code, Checkpoints: map[string]answers.Checkpoint{}}
	r.fields[form.MarkerField].used = true
	var err error
	// a registration has no partner, workshop, statuses or plans
	reg := r.f == content.Registration
	org := []*string{&a.Organisation.Name, &a.Organisation.Contact, &a.Organisation.Partner}
	orgFields := []string{form.OrgNameField, form.OrgContactField, form.OrgPartnerField}
	if reg {
		org, orgFields = org[:2], orgFields[:2]
	}
	for i, name := range orgFields {
		if *org[i], err = r.text(name); err != nil {
			return nil, err
		}
		*org[i] = strings.TrimSpace(*org[i])
	}
	if a.Date, err = r.date(form.DateField, msg.New("pdf.what.date")); err != nil {
		return nil, err
	}
	if !reg {
		if err := r.workshop(&a.Workshop); err != nil {
			return nil, err
		}
	}
	for _, cp := range r.lang.Checkpoints(r.f) {
		var c answers.Checkpoint
		st := ""
		if !reg {
			if st, err = r.button(form.StatusField(cp.ID)); err != nil {
				return nil, err
			}
		}
		if st != "" {
			if !slices.Contains(answers.Statuses, answers.Status(st)) {
				return nil, fail("checkpoint %s (%s): status %q is not one of roadmap's statuses", r.lang.Number(cp), cp.ID, clip(st))
			}
			c.Status = answers.Status(st)
		}
		if cp.Options != nil {
			for _, o := range cp.Options.Items {
				on, err := r.button(form.OptionField(cp.ID, o.ID))
				if err != nil {
					return nil, err
				}
				if on != "" {
					c.Options = append(c.Options, o.ID)
				}
			}
		}
		if c.Answer, err = r.text(form.AnswerField(cp.ID)); err != nil {
			return nil, err
		}
		if c.Status == "" && (c.Answer != "" || len(c.Options) > 0) {
			c.Status = answers.NotStarted
		}
		if c.Status != "" {
			a.Checkpoints[cp.ID] = c
		}
	}
	for _, p := range roadmap.Plans {
		if reg {
			break
		}
		if err := r.plan(p, a); err != nil {
			return nil, err
		}
	}
	var unused []string
	for name, f := range r.fields {
		if !f.used {
			unused = append(unused, name)
		}
	}
	slices.Sort(unused)
	for _, name := range unused {
		{
			return nil, fail("the form has a field %s that this roadmap's %s form does not have: it was made from other content (a different version of the roadmap)", clip(name), r.f)
		}
	}
	return a, nil
}

// legacyColumns are the columns each plan's rows had fields for in forms
// made before every column had one: the action plan's first four, and no
// other plan. A row of such a form has none of the other columns' fields,
// which are read as left empty.
var legacyColumns = map[*roadmap.Plan]int{roadmap.ActionPlan: 4}

// plan reads the rows of plan p into a: a row per row of fields, in order,
// rows left empty left out. A row has a field for every column of the
// plan, or (in a form made before) its legacy columns alone.
func (r *reader) plan(p *roadmap.Plan, a *answers.File) error {
	var rows []roadmap.Row
	for row := 1; ; row++ {
		if _, ok := r.fields[p.Field(row, p.Columns[0].ID)]; !ok {
			break
		}
		n := len(p.Columns)
		if legacy := legacyColumns[p]; legacy > 0 {
			names := make([]string, 0, n-legacy)
			for _, c := range p.Columns[legacy:] {
				names = append(names, p.Field(row, c.ID))
			}
			all, err := r.optional(names...)
			if err != nil {
				return err
			}
			if !all {
				n = legacy
			}
		}
		vals := make(roadmap.Row, len(p.Columns))
		for i, c := range p.Columns[:n] {
			name := p.Field(row, c.ID)
			what := msg.New("pdf.what.row", "plan", p.Title(r.lang), "row", row, "column", p.Label(r.lang, c.ID))
			switch c.Kind {
			case roadmap.Date:
				d, err := r.date(name, what)
				if err != nil {
					return err
				}
				vals[i].Date = d
			case roadmap.Choice:
				s, err := r.choice(name)
				if err != nil {
					return err
				}
				if s != "" {
					vals[i].Text = c.List.Parse(r.lang, s)
				}
			default:
				s, err := r.text(name)
				if err != nil {
					return err
				}
				vals[i].Text = strings.TrimSpace(s)
			}
		}
		if !vals.IsZero() {
			rows = append(rows, vals)
		}
	}
	p.SetRows(a, rows)
	return nil
}

// choice returns the value of a drop-down list field (or of a text field
// in its place), trimmed.
func (r *reader) choice(name string) (string, error) {
	f, ok := r.fields[name]
	if ok && f.kind == "Ch" {
		f.used = true
		return strings.TrimSpace(f.value), nil
	}
	s, err := r.text(name)
	return strings.TrimSpace(s), err
}

// clip shortens what came from the PDF for a message, and makes it safe
// for a terminal.
func clip(s string) string {
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0 {
			return '?'
		}
		return r
	}, s)
	if utf8.RuneCountInString(s) > 60 {
		s = string([]rune(s)[:60]) + "…"
	}
	return s
}

// firstLine returns the first line of s.
func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

// firstProblem is the first problem of err, an answers file's, in every
// language.
func firstProblem(err error) msg.Text {
	var l diag.List
	if errors.As(err, &l) && len(l) > 0 && l[0].Text != nil {
		return l[0].Text
	}
	return msg.Plain(firstLine(err.Error()))
}
