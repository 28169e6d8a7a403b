package pdf

import (
	"bytes"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/partnership-roadmap/roadmap/internal/pdf/rewrite"
)

// Interactive form fields (AcroForm) are written here, into the PDF fpdf
// writes, as the fonts are (embed.go): fpdf has no form fields, and the
// libraries that fill forms write appearances that cannot show letters
// outside Latin-1 and stamp the time. Every field carries its own
// appearance stream showing its value, drawn in an embedded subset of
// Liberation Sans that holds the letters of the European languages
// (FieldAlphabet) and every letter of the values, so a reader that does not
// regenerate appearances shows the values, and a person can type in any of
// those languages in one that does. NeedAppearances is not set. The widgets
// of a page are listed in the order they were added, each is a Form element
// of the structure tree where it was added, and the page's tab order
// follows the structure (/Tabs /S). A document with fields is packed (its
// dictionaries in compressed object streams, rewrite.RewritePacked), which also
// gives it an /ID derived from its content.

// FieldKind is the kind of a form field.
type FieldKind uint8

// The kinds of form field.
const (
	// TextField is a text field, on one line or (Multiline) wrapping.
	TextField FieldKind = iota
	// CheckBox is a box ticked or not.
	CheckBox
	// RadioGroup is a set of buttons of which one at most is chosen.
	RadioGroup
	// ComboBox is a drop-down list of Choices, shown on one line; with
	// Edit, a person may also type a value of their own.
	ComboBox
)

// Rect is a rectangle on a page, in mm, its top left corner at (X, Y) from
// the top left corner of the page.
type Rect struct{ X, Y, W, H float64 }

// Field is an interactive form field, placed with Doc.AddField.
type Field struct {
	Kind FieldKind
	// Name is the field's name, unique in the document; it holds no dot
	// (a dot would make it a child of another field).
	Name string
	// Tooltip is what a reader shows for the field (/TU).
	Tooltip string
	// Value is the text of a TextField; a CheckBox is ticked when it is
	// not ""; a RadioGroup has the On of the chosen button, or "" for none.
	Value string
	// Multiline makes a TextField wrap its text over several lines.
	Multiline bool
	// Boxed gives a TextField a white background and a frame, hiding what
	// is printed under it.
	Boxed bool
	// Hidden fields are neither shown nor printed (data for programs).
	Hidden bool
	// ReadOnly fields cannot be changed in a reader.
	ReadOnly bool
	// Size is the type size of a TextField in pt; 0 means the theme's
	// body size.
	Size float64
	// AutoSize has a TextField's text drawn smaller than Size where that
	// makes it fit (down to 6 pt), and readers size what is typed to fit.
	AutoSize bool
	// Rect is where a TextField or a CheckBox is.
	Rect Rect
	// Buttons are the buttons of a RadioGroup.
	Buttons []Button
	// Choices are the values of a ComboBox; its Value is the Value of the
	// choice made (or, with Edit, any text).
	Choices []FieldChoice
	// Edit lets a ComboBox take a value typed in as well as a choice.
	Edit bool
	// Page is the page the field is on; 0 means the current page.
	Page int
}

// FieldChoice is one value of a ComboBox: the value kept (the export
// value) and the text shown.
type FieldChoice struct {
	Value, Label string
}

// Button is one button of a RadioGroup.
type Button struct {
	// On is the group's value when this button is chosen: letters, digits,
	// '-' and '_' only.
	On   string
	Rect Rect
	// Tooltip is the button's own accessible name ("Status: Done"); ""
	// means the group's.
	Tooltip string
}

// FieldAlphabet holds the characters the font of the form fields always
// has, whatever the values: the letters, digits and punctuation of Latin
// script (Latin-1 and Latin Extended-A: Latvian, Lithuanian, Swedish,
// Portuguese, English and most European languages), the Greek alphabet
// with its accented letters, and common typographic punctuation.
var FieldAlphabet = func() string {
	var b strings.Builder
	add := func(from, to rune) {
		for r := from; r <= to; r++ {
			b.WriteRune(r)
		}
	}
	add(0x20, 0x7e)   // Basic Latin
	add(0xa0, 0x17f)  // Latin-1 Supplement, Latin Extended-A
	add(0x384, 0x3ce) // Greek, with tonos and dialytika
	b.WriteString("‐–—‘’‚“”„†‡•…‰‹›€№™−")
	return b.String()
}()

// placedField is a field with the page it is on.
type placedField struct {
	Field
	page  int
	annot int // the annotation of its (first) widget in the structure tree
}

// AddField places form field f on the current page. Fields are listed, and
// reached with the tab key, in the order they are added. Nothing is placed
// while measuring.
func (d *Doc) AddField(f Field) {
	defer d.catch()
	if d.failed() || d.dry > 0 {
		return
	}
	d.ensurePage()
	if f.Name == "" || strings.ContainsAny(f.Name, ".()\\") {
		d.err = fmt.Errorf("form field name %q: empty or holding '.', '(', ')' or '\\'", f.Name)
		return
	}
	for _, b := range f.Buttons {
		if !isPDFName(b.On) || b.On == "Off" {
			d.err = fmt.Errorf("form field %s: button value %q", f.Name, b.On)
			return
		}
	}
	page := f.Page
	if page <= 0 || page > d.f.PageNo() {
		page = d.f.PageNo()
	}
	// each widget a Form element, where the field is in the reading order
	first := len(d.tags.annots)
	widget := func(tip string) {
		if tip == "" {
			tip = f.Tooltip
		}
		// its accessible name is the field's (or the button's) /TU
		d.Group(Elem{Type: TagForm}, func() {
			d.addAnnot(annot{kind: annotWidget, page: page, contents: tip})
		})
	}
	if f.Kind == RadioGroup {
		for _, b := range f.Buttons {
			widget(b.Tooltip)
		}
	} else {
		widget("")
	}
	d.fields = append(d.fields, placedField{f, page, first})
}

// AreaKind is the kind of a place to fill in that a primitive draws.
type AreaKind uint8

// The kinds of area to fill in.
const (
	// AreaTickBox is a tick box (TickBox, and so Check, Choices and
	// CheckGrid, one per item in order).
	AreaTickBox AreaKind = iota
	// AreaWriteIn is the ruled lines of WriteIn, one area per page they
	// are on.
	AreaWriteIn
	// AreaCell is a cell of an empty row of a Table (Table.EmptyRows).
	AreaCell
)

// Area is a place to fill in that a primitive drew: where a form field
// over the printed form goes.
type Area struct {
	Kind AreaKind
	// Page is the page it is on.
	Page int
	Rect Rect
	// Row and Col are an AreaCell's empty row (from 0) and column.
	Row, Col int
}

// OnArea has fn called with every area to fill in drawn from now on (nil:
// none), and returns the function it replaces. Nothing is reported while
// measuring.
func (d *Doc) OnArea(fn func(Area)) (prev func(Area)) {
	prev, d.onArea = d.onArea, fn
	return prev
}

// area reports a to the OnArea function.
func (d *Doc) area(a Area) {
	if d.onArea == nil || d.dry > 0 {
		return
	}
	if a.Page == 0 {
		a.Page = d.f.PageNo()
	}
	d.onArea(a)
}

// cellAreas reports the cells of empty row row of a table, of widths ws and
// height h, that has just been drawn.
func (d *Doc) cellAreas(row int, ws []float64, h float64) {
	if d.onArea == nil || row < 0 {
		return
	}
	x := d.Left()
	for i, w := range ws {
		d.area(Area{Kind: AreaCell, Rect: Rect{x, d.y - h, w, h}, Row: row, Col: i})
		x += w
	}
}

// isPDFName reports whether s is a non-empty name of letters, digits, '-'
// and '_'.
func isPDFName(s string) bool {
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return false
		}
	}
	return s != ""
}

// The names of the field fonts in the form's resources.
const fieldFont, dingbats = "LiSa", "ZaDb"

// mmToPt converts millimetres to points.
const mmToPt = 72 / 25.4

// Field flags (PDF 32000-1, 12.7.3 and 12.7.4).
const (
	ffReadOnly      = 1 << 0
	ffMultiline     = 1 << 12
	ffNoToggleToOff = 1 << 14
	ffRadio         = 1 << 15
	ffCombo         = 1 << 17
	ffEdit          = 1 << 18
)

// Annotation flags.
const (
	afHidden = 1 << 1
	afPrint  = 1 << 2
)

// formWriter writes the fields of a Doc into the PDF as it is rewritten:
// the widgets of each page when the page's object passes, the form
// dictionary when the catalog does.
type formWriter struct {
	d       *Doc
	page    int                  // pages seen
	top     []int                // the objects of the top-level fields
	font    int                  // the field font's object
	zadb    int                  // ZapfDingbats' object
	shared  map[string]int       // appearance streams already added, by content
	buttons map[buttonKey][2]int // button appearances already added
	pending [][]byte             // objects being added by the current call
	next    int                  // the number of the next object added
}

// formObjects returns the rewrite.ReplaceFunc that writes d's fields, or
// nil when it has none.
func (d *Doc) formObjects() rewrite.ReplaceFunc {
	if len(d.fields) == 0 {
		return nil
	}
	w := &formWriter{d: d, shared: map[string]int{}, buttons: map[buttonKey][2]int{}}
	return w.replace
}

// add adds an object with body b and returns its number.
func (w *formWriter) add(b []byte) int {
	n := w.next + len(w.pending)
	w.pending = append(w.pending, b)
	return n
}

func (w *formWriter) replace(obj []byte, next int) (body []byte, added [][]byte, err error) {
	i := bytes.Index(obj, []byte(" 0 obj\n"))
	if i < 0 || i > 12 {
		return nil, nil, nil
	}
	num, err := strconv.Atoi(string(obj[:i]))
	if err != nil {
		return nil, nil, nil
	}
	body = obj[i+7:]
	w.next, w.pending = next, nil
	switch {
	case bytes.HasPrefix(body, []byte("<</Type /Page\n")):
		w.page++
		if w.page == 1 {
			if err := w.fonts(); err != nil {
				return nil, nil, err
			}
		}
		body, err = w.pageObject(body, num)
	case bytes.HasPrefix(body, []byte("<<\n/Type /Catalog\n")):
		body, err = w.catalog(body)
	default:
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, err
	}
	return body, w.pending, nil
}

// fonts adds the field font, a subset of Liberation Sans with FieldAlphabet
// and the characters of the values, and ZapfDingbats, which readers that
// redraw a tick box look for.
func (w *formWriter) fonts() error {
	used := new(runeSet)
	f := mustFace(Regular)
	for _, r := range FieldAlphabet {
		used.add(r)
	}
	add := func(s string) {
		for _, r := range s {
			if f.covers(r) {
				used.add(r)
			}
		}
	}
	for _, fd := range w.d.fields {
		switch fd.Kind {
		case TextField:
			add(fd.Value)
		case ComboBox:
			add(fd.Value)
			for _, c := range fd.Choices {
				add(c.Label)
			}
		}
	}
	w.font = w.next
	dict, objs, err := fontObjects(Regular, used, w.next+1)
	if err != nil {
		return err
	}
	w.add(dict)
	for _, o := range objs {
		w.add(o)
	}
	w.zadb = w.add([]byte("<</Type /Font /Subtype /Type1 /BaseFont /ZapfDingbats>>\n"))
	return nil
}

// pageObject adds the widgets of page w.page, whose object is number num,
// and returns the page's object with them listed in its annotations.
func (w *formWriter) pageObject(body []byte, num int) ([]byte, error) {
	var refs []byte
	for _, f := range w.d.fields {
		if f.page != w.page {
			continue
		}
		for _, n := range w.field(f, num) {
			refs = appendRef(refs, n)
		}
	}
	if refs == nil {
		// unchanged, but kept as a replacement for what was added
		return bytes.TrimSuffix(body, []byte("endobj\n")), nil
	}
	at := bytes.LastIndex(body, []byte("\n/Contents "))
	if at < 0 {
		return nil, fmt.Errorf("page object without contents: %q", body)
	}
	var out []byte
	line := bytes.LastIndexByte(body[:at], '\n') + 1
	if bytes.HasPrefix(body[line:], []byte("/Annots [")) && body[at-1] == ']' {
		out = append(out, body[:at-1]...)
		out = append(out, refs...)
		out = append(out, ']')
	} else {
		out = append(out, body[:at]...)
		out = fmt.Appendf(out, "\n/Annots [%s]", refs[1:])
	}
	out = append(out, body[at:]...)
	return bytes.TrimSuffix(out, []byte("endobj\n")), nil
}

// catalog adds the form dictionary and returns the catalog naming it.
func (w *formWriter) catalog(body []byte) ([]byte, error) {
	if w.font == 0 {
		return nil, fmt.Errorf("form fields on no page")
	}
	da := w.da(w.d.theme.Type.Body)
	b := []byte("<</Fields [")
	for i, n := range w.top {
		if i > 0 {
			b = append(b, ' ')
		}
		b = fmt.Appendf(b, "%d 0 R", n)
	}
	b = fmt.Appendf(b, "]\n/DR <</Font <</%s %d 0 R /%s %d 0 R>>>>\n/DA %s>>\n", fieldFont, w.font, dingbats, w.zadb, da)
	form := w.add(b)
	const head = "<<\n/Type /Catalog\n"
	out := append([]byte(head), fmt.Appendf(nil, "/AcroForm %d 0 R\n", form)...)
	out = append(out, body[len(head):]...)
	return bytes.TrimSuffix(out, []byte("endobj\n")), nil
}

// da returns the default appearance of text at size pt, as a PDF string.
func (w *formWriter) da(size float64) string {
	return fmt.Sprintf("(/%s %s Tf 0 g)", fieldFont, num(size))
}

// field adds the objects of field f on the page whose object is page, and
// returns the widgets to list in the page's annotations.
func (w *formWriter) field(f placedField, page int) []int {
	// the entries every kind of field has: its name and its tooltip
	common := func(b []byte) []byte {
		b = append(b, "/T "...)
		b = appendLiteral(b, f.Name)
		if f.Tooltip != "" {
			b = append(b, " /TU "...)
			b = appendTextString(b, f.Tooltip)
		}
		return b
	}
	flags := 0
	if f.ReadOnly {
		flags |= ffReadOnly
	}
	annot := afPrint
	if f.Hidden {
		annot = afHidden
	}
	switch f.Kind {
	case CheckBox:
		state := "Off"
		if f.Value != "" {
			state = "Yes"
		}
		on, off := w.buttonAppearances(f.Rect, false)
		b := w.widget(f.annot, f.Rect, page, annot, 2*len(f.Tooltip)+len(f.Name)+160)
		b = append(b, " /FT /Btn "...)
		b = common(b)
		b = append(b, " /Ff "...)
		b = strconv.AppendInt(b, int64(flags), 10)
		b = append(b, " /V /"...)
		b = append(b, state...)
		b = append(b, " /AS /"...)
		b = append(b, state...)
		b = append(b, " /AP <</N <</Yes"...)
		b = appendRef(b, on)
		b = append(b, " /Off"...)
		b = appendRef(b, off)
		b = append(b, ">>>> /MK <</CA (4)>>>>\n"...)
		n := w.add(b)
		w.top = append(w.top, n)
		return []int{n}
	case RadioGroup:
		parent := w.next + len(w.pending)
		w.add(nil) // the group, written when its kids are known
		kids := make([]int, 0, len(f.Buttons))
		value := "Off"
		for i, bt := range f.Buttons {
			state := "Off"
			if bt.On == f.Value {
				state, value = bt.On, bt.On
			}
			on, off := w.buttonAppearances(bt.Rect, true)
			b := w.widget(f.annot+i, bt.Rect, page, annot, 120+2*len(bt.Tooltip))
			b = append(b, " /Parent"...)
			b = appendRef(b, parent)
			if bt.Tooltip != "" {
				b = append(b, " /TU "...)
				b = appendTextString(b, bt.Tooltip)
			}
			b = append(b, " /AS /"...)
			b = append(b, state...)
			b = append(b, " /AP <</N <</"...)
			b = append(b, bt.On...)
			b = appendRef(b, on)
			b = append(b, " /Off"...)
			b = appendRef(b, off)
			b = append(b, ">>>> /MK <</CA (l)>>>>\n"...)
			kids = append(kids, w.add(b))
		}
		b := make([]byte, 0, 2*len(f.Tooltip)+len(f.Name)+80+8*len(kids))
		b = append(b, "<<"...)
		b = common(b)
		b = append(b, " /FT /Btn /Ff "...)
		b = strconv.AppendInt(b, int64(flags|ffRadio|ffNoToggleToOff), 10)
		b = append(b, " /V /"...)
		b = append(b, value...)
		b = append(b, " /Kids ["...)
		for i, k := range kids {
			if i == 0 {
				b = strconv.AppendInt(b, int64(k), 10)
				b = append(b, " 0 R"...)
				continue
			}
			b = appendRef(b, k)
		}
		w.pending[parent-w.next] = append(b, "]>>\n"...)
		w.top = append(w.top, parent)
		return kids
	}
	size := f.Size
	if !(size > 0 && size < 100) {
		size = w.d.theme.Type.Body
	}
	shown := f.Field
	if f.Kind == ComboBox {
		// one line, showing the label of the choice made
		shown.Multiline = false
		for _, c := range f.Choices {
			if c.Value == f.Value {
				shown.Value = c.Label
			}
		}
		flags |= ffCombo
		if f.Edit {
			flags |= ffEdit
		}
	} else if f.Multiline {
		flags |= ffMultiline
	}
	ap := w.textAppearance(shown, size)
	b := w.widget(f.annot, f.Rect, page, annot, 2*(len(f.Tooltip)+len(f.Value))+len(f.Name)+160)
	if f.Kind == ComboBox {
		b = append(b, " /FT /Ch "...)
	} else {
		b = append(b, " /FT /Tx "...)
	}
	b = common(b)
	if f.Kind == ComboBox {
		b = append(b, " /Opt ["...)
		for i, c := range f.Choices {
			if i > 0 {
				b = append(b, ' ')
			}
			b = append(b, '[')
			b = appendTextString(b, c.Value)
			b = append(b, ' ')
			b = appendTextString(b, c.Label)
			b = append(b, ']')
		}
		b = append(b, ']')
	}
	if flags != 0 {
		b = append(b, " /Ff "...)
		b = strconv.AppendInt(b, int64(flags), 10)
	}
	switch {
	case f.AutoSize:
		b = append(b, " /DA "...)
		b = append(b, w.da(0)...)
	case size != w.d.theme.Type.Body:
		b = append(b, " /DA "...)
		b = append(b, w.da(size)...) // else the form's
	}
	if f.Value != "" {
		b = append(b, " /V "...)
		b = appendTextString(b, f.Value)
	}
	if f.Boxed {
		b = append(b, " /MK <</BG [1 1 1] /BC ["...)
		b = append(b, w.rgb(w.d.theme.Colors.Muted)...)
		b = append(b, "]>>"...)
	}
	b = append(b, " /AP <</N"...)
	b = appendRef(b, ap)
	b = append(b, ">>>>\n"...)
	n := w.add(b)
	w.top = append(w.top, n)
	return []int{n}
}

// widget starts the dictionary of a widget annotation at r on page, in a
// buffer with room for more bytes.
func (w *formWriter) widget(ai int, r Rect, page, flags, more int) []byte {
	// the widget's place in the structure tree (annotation ai); its number
	// is the object the caller adds next
	w.d.tags.annots[ai].obj = w.next + len(w.pending)
	if flags == afHidden {
		// PDF/A wants every annotation printable: a hidden field is a
		// printable widget of no size
		flags, r = afPrint, Rect{}
	}
	x0, y1 := r.X*mmToPt, (w.d.pageH-r.Y)*mmToPt
	x1, y0 := (r.X+r.W)*mmToPt, (w.d.pageH-r.Y-r.H)*mmToPt
	b := make([]byte, 0, 100+more)
	b = append(b, "<</Type /Annot /Subtype /Widget /Rect ["...)
	for i, v := range [4]float64{x0, y0, x1, y1} {
		if i > 0 {
			b = append(b, ' ')
		}
		b = appendNum(b, v)
	}
	b = append(b, "] /F "...)
	b = strconv.AppendInt(b, int64(flags), 10)
	b = append(b, " /StructParent "...)
	b = strconv.AppendInt(b, int64(w.d.f.PageCount()+ai), 10)
	b = append(b, " /P"...)
	return appendRef(b, page)
}

// rgb returns colour c as PDF operands.
func (w *formWriter) rgb(c Color) string {
	return fmt.Sprintf("%s %s %s", num(float64(c.R)/255), num(float64(c.G)/255), num(float64(c.B)/255))
}

// xobject adds (or finds, when one with the same content was added) a form
// XObject of size w×h pt drawing content, and returns its number.
func (w *formWriter) xobject(wd, h float64, content []byte, font bool) int {
	res := ""
	if font {
		res = fmt.Sprintf(" /Resources <</Font <</%s %d 0 R>>>>", fieldFont, w.font)
	}
	more := fmt.Sprintf(" /Type /XObject /Subtype /Form /BBox [0 0 %s %s]%s", num(wd), num(h), res)
	key := more + "\x00" + string(content)
	if n, ok := w.shared[key]; ok {
		return n
	}
	var n int
	if len(content) < 256 {
		// not worth compressing
		b := fmt.Appendf(nil, "<</Length %d%s>>\nstream\n", len(content), more)
		b = append(b, content...)
		n = w.add(append(b, "\nendstream\n"...))
	} else {
		n = w.add(rewrite.StreamObject(nil, rewrite.Deflate(content), more))
	}
	w.shared[key] = n
	return n
}

// buttonAppearances adds the appearances of a tick box or radio button at
// r: chosen, a tick (a dot for a radio button) in the accent colour; not
// chosen, nothing, so what is printed under it shows.
func (w *formWriter) buttonAppearances(r Rect, radio bool) (on, off int) {
	key := buttonKey{r.W, r.H, radio}
	if n, ok := w.buttons[key]; ok {
		return n[0], n[1]
	}
	defer func() { w.buttons[key] = [2]int{on, off} }()
	wd, h := r.W*mmToPt, r.H*mmToPt
	side := math.Min(wd, h)
	c := w.rgb(w.d.theme.Colors.Accent)
	var b []byte
	if radio {
		// a dot: four Bézier arcs around the centre
		cx, cy, rad := wd/2, h/2, side*0.3
		k := rad * 0.5523
		b = fmt.Appendf(b, "q %s rg %s %s m ", c, num(cx+rad), num(cy))
		b = fmt.Appendf(b, "%s %s %s %s %s %s c ", num(cx+rad), num(cy+k), num(cx+k), num(cy+rad), num(cx), num(cy+rad))
		b = fmt.Appendf(b, "%s %s %s %s %s %s c ", num(cx-k), num(cy+rad), num(cx-rad), num(cy+k), num(cx-rad), num(cy))
		b = fmt.Appendf(b, "%s %s %s %s %s %s c ", num(cx-rad), num(cy-k), num(cx-k), num(cy-rad), num(cx), num(cy-rad))
		b = fmt.Appendf(b, "%s %s %s %s %s %s c f Q", num(cx+k), num(cy-rad), num(cx+rad), num(cy-k), num(cx+rad), num(cy))
	} else {
		// the tick TickBox draws
		x0, y0 := (wd-side)/2, (h-side)/2
		pt := func(fx, fy float64) string { return num(x0+side*fx) + " " + num(y0+side*(1-fy)) }
		b = fmt.Appendf(b, "q %s RG %s w 1 J 1 j %s m %s l %s l S Q", c, num(side*0.16), pt(0.2, 0.52), pt(0.42, 0.76), pt(0.82, 0.22))
	}
	return w.xobject(wd, h, b, false), w.xobject(wd, h, nil, false)
}

// buttonKey is what a button's appearances depend on.
type buttonKey struct {
	w, h  float64
	radio bool
}

// textPad is the padding of a text field's text, in pt.
const textPad = 2.0

// textAppearance adds the appearance of text field f with its text at size
// pt: on one line, or wrapped to the field's width, clipped to the field.
func (w *formWriter) textAppearance(f Field, size float64) int {
	wd, h := f.Rect.W*mmToPt, f.Rect.H*mmToPt
	var b []byte
	if f.Boxed {
		b = fmt.Appendf(b, "1 g 0 0 %s %s re f %s RG 0.6 w 0.3 0.3 %s %s re S ", num(wd), num(h), w.rgb(w.d.theme.Colors.Muted), num(wd-0.6), num(h-0.6))
	}
	b = append(b, "/Tx BMC"...)
	value := strings.ReplaceAll(strings.ReplaceAll(f.Value, "\r\n", "\n"), "\r", "\n")
	if strings.TrimSpace(value) != "" {
		fc := mustFace(Regular)
		inner := (wd - 2*textPad) / mmToPt
		lines := w.lines(f, value, size, inner)
		for f.AutoSize && size > 6 {
			if f.Multiline && float64(len(lines))*size*1.25 <= h-2*textPad+size*0.25 ||
				!f.Multiline && w.d.measure(lines[0], Regular, size) <= inner {
				break
			}
			size = max(6, size-0.5)
			lines = w.lines(f, value, size, inner)
		}
		lead := size * 1.25
		y := (h-size*(fc.ascent+fc.descent))/2 + size*fc.descent
		if f.Multiline {
			y = h - textPad - size*fc.ascent
		}
		b = fmt.Appendf(b, " q 1 1 %s %s re W n BT /%s %s Tf 0 g %s TL %s %s Td", num(wd-2), num(h-2), fieldFont, num(size), num(lead), num(textPad), num(y))
		for i, l := range lines {
			if i > 0 && y-float64(i)*lead-size*fc.descent < 1 {
				break // not whole in the field: the reader scrolls to it
			}
			if i > 0 {
				b = append(b, " T*"...)
			}
			if l != "" {
				b = append(b, " <"...)
				for _, r := range l {
					if r > 0xffff {
						r = 0xfffd
					}
					const hex = "0123456789ABCDEF"
					b = append(b, hex[r>>12&15], hex[r>>8&15], hex[r>>4&15], hex[r&15])
				}
				b = append(b, "> Tj"...)
			}
		}
		b = append(b, " ET Q"...)
	}
	b = append(b, " EMC"...)
	return w.xobject(wd, h, b, true)
}

// lines returns the lines of text field f's value at size pt in a width of
// w mm.
func (w *formWriter) lines(f Field, value string, size, width float64) []string {
	if !f.Multiline {
		return []string{w.d.fitText(value, Regular, size, width+1e6)}
	}
	var lines []string
	for _, p := range strings.Split(value, "\n") {
		p = w.d.clean(p, Regular)
		if strings.TrimSpace(p) == "" {
			lines = append(lines, "")
			continue
		}
		lines = append(lines, w.d.Lines(p, Regular, size, width)...)
	}
	return lines
}

// num formats a number for PDF, with at most 2 decimals.
func num(v float64) string {
	var buf [32]byte
	return string(appendNum(buf[:0], v))
}

// appendNum appends v to b as num formats it.
func appendNum(b []byte, v float64) []byte {
	start := len(b)
	b = strconv.AppendFloat(b, v, 'f', 2, 64)
	for len(b) > start && b[len(b)-1] == '0' {
		b = b[:len(b)-1]
	}
	if len(b) > start && b[len(b)-1] == '.' {
		b = b[:len(b)-1]
	}
	if len(b) == start || string(b[start:]) == "-0" {
		return append(b[:start], '0')
	}
	return b
}

// appendRef appends " N 0 R" to b.
func appendRef(b []byte, n int) []byte {
	b = append(b, ' ')
	b = strconv.AppendInt(b, int64(n), 10)
	return append(b, " 0 R"...)
}

// appendLiteral appends s to b as a PDF literal string, escaping what a
// literal string cannot hold as it is.
func appendLiteral(b []byte, s string) []byte {
	b = append(b, '(')
	for i := 0; i < len(s); i++ {
		b = appendEscaped(b, s[i])
	}
	return append(b, ')')
}

// appendEscaped appends byte c of a literal string to b, escaped if need be.
func appendEscaped(b []byte, c byte) []byte {
	switch c {
	case '(', ')', '\\':
		return append(b, '\\', c)
	case '\r':
		return append(b, '\\', 'r')
	case '\n':
		return append(b, '\\', 'n')
	}
	return append(b, c)
}

// appendTextString appends s to b as a PDF text string: as it is when it
// is ASCII, else UTF-16BE after a byte order mark; a literal string either
// way.
func appendTextString(b []byte, s string) []byte {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 || s[i] < 0x20 && s[i] != '\n' && s[i] != '\r' && s[i] != '\t' {
			ascii = false
			break
		}
	}
	if ascii {
		return appendLiteral(b, s)
	}
	b = slices.Grow(b, 2*len(s)+8)
	b = append(b, '(', 0xfe, 0xff)
	var units [2]uint16
	for _, r := range s {
		for _, u := range utf16.AppendRune(units[:0], r) {
			for _, c := range [2]byte{byte(u >> 8), byte(u)} {
				if c == '\n' {
					b = append(b, c) // a byte of UTF-16, not a line end
					continue
				}
				b = appendEscaped(b, c)
			}
		}
	}
	return append(b, ')')
}
