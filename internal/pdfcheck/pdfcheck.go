// Package pdfcheck checks a PDF against the machine-checkable rules of
// PDF/UA-1 (ISO 14289-1, as the Matterhorn Protocol lists its failure
// conditions) and the basics of PDF/A-2 (ISO 19005-2) that apply to the
// documents this program makes: tagging, the structure tree, marked content
// or artifacts, alternative descriptions, annotations in the structure,
// metadata, language, output intent, identifier, fonts. It reads the file
// with pdfcpu and never changes it.
package pdfcheck

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

func init() {
	// pdfcpu would otherwise write a configuration directory into the
	// user's home on first use.
	api.DisableConfigDir()
}

// Rule is a rule a PDF can break: its standard and checkpoint, and what it
// asks.
type Rule struct {
	ID   string // "UA 28-012", "A 6.1.3"
	Name string
}

// The rules checked.
var (
	RuleTagged        = Rule{"UA 01-001", "the document is tagged: /MarkInfo <</Marked true>>"}
	RuleStructTree    = Rule{"UA 01-001", "the document has a structure tree (/StructTreeRoot)"}
	RuleUntagged      = Rule{"UA 01-005", "content is tagged or marked as an artifact"}
	RuleRoleMap       = Rule{"UA 02-001", "structure types are standard or role-mapped to a standard type"}
	RuleMetadata      = Rule{"UA 06-001", "the document has XMP metadata"}
	RuleUAID          = Rule{"UA 06-002", "the metadata hold the PDF/UA identifier (pdfuaid:part 1)"}
	RuleDCTitle       = Rule{"UA 06-003", "the metadata hold the title (dc:title)"}
	RuleDisplayTitle  = Rule{"UA 07-001", "the viewer shows the title (/ViewerPreferences /DisplayDocTitle true)"}
	RuleLang          = Rule{"UA 11-001", "the document's language is declared (/Lang)"}
	RuleFigureAlt     = Rule{"UA 13-004", "a Figure has an alternative description (/Alt)"}
	RuleFirstHeading  = Rule{"UA 14-002", "the first heading is H1"}
	RuleHeadingSkip   = Rule{"UA 14-003", "heading levels are not skipped"}
	RuleTableHeaders  = Rule{"UA 15-003", "a table's header cells (TH) have a /Scope"}
	RuleTableNoHeader = Rule{"UA 15-005", "a table has header cells (TH)"}
	RuleFieldName     = Rule{"UA 28-005", "a form field has an accessible name (/TU or /Alt)"}
	RuleTabs          = Rule{"UA 28-009", "a page's tab order follows the structure (/Tabs /S)"}
	RuleWidgetTagged  = Rule{"UA 28-010", "a widget annotation is in a Form element of the structure tree"}
	RuleLinkTagged    = Rule{"UA 28-011", "a link annotation is in a Link element of the structure tree"}
	RuleLinkContents  = Rule{"UA 28-012", "a link annotation has a description (/Contents)"}
	RuleFontEmbedded  = Rule{"UA 31-009", "fonts are embedded"}
	RulePDFAID        = Rule{"A 6.6.4", "the metadata hold the PDF/A identifier (pdfaid:part)"}
	RuleOutputIntent  = Rule{"A 6.2.3", "the document has a PDF/A output intent with an ICC profile"}
	RuleID            = Rule{"A 6.1.3", "the trailer has a file identifier (/ID)"}
	RuleEncrypted     = Rule{"A 6.1.3", "the document is not encrypted"}
	RulePrintable     = Rule{"A 6.3.2", "annotations are printable (/F 4) and not hidden"}
)

// Failure is a rule a PDF breaks, and where.
type Failure struct {
	Rule Rule
	// Page is the page (from 1), 0 for the document.
	Page int
	// Object is the object's number, 0 when none is to blame.
	Object int
	// Detail says more, if anything ("Figure without /Alt").
	Detail string
}

// String returns "page 2, object 45: UA 28-012 a link annotation has a
// description (/Contents)".
func (f Failure) String() string {
	var b strings.Builder
	if f.Page > 0 {
		fmt.Fprintf(&b, "page %d, ", f.Page)
	}
	if f.Object > 0 {
		fmt.Fprintf(&b, "object %d, ", f.Object)
	}
	fmt.Fprintf(&b, "%s: %s", f.Rule.ID, f.Rule.Name)
	if f.Detail != "" {
		b.WriteString(" (" + f.Detail + ")")
	}
	return b.String()
}

// Error is a PDF that cannot be read.
type Error struct{ Msg string }

func (e *Error) Error() string { return e.Msg }

// MaxSize is the largest PDF checked, in bytes.
const MaxSize = 200 << 20

// Check reads the PDF data and returns the rules it breaks, in the order of
// the document; an error when the PDF cannot be read at all.
func Check(data []byte) ([]Failure, error) {
	if bytes.Contains(tail(data), []byte("/Encrypt")) {
		return []Failure{{Rule: RuleEncrypted}}, nil
	}
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	ctx, err := readContext(bytes.NewReader(data), conf)
	if err != nil {
		return nil, &Error{"not a PDF that can be read: " + firstLine(err.Error())}
	}
	if err := ctx.EnsurePageCount(); err != nil {
		return nil, &Error{"not a PDF that can be read: " + firstLine(err.Error())}
	}
	c := &checker{x: ctx.XRefTable}
	if c.x.Encrypt != nil {
		return []Failure{{Rule: RuleEncrypted}}, nil
	}
	c.run()
	return c.out, nil
}

func tail(b []byte) []byte {
	if len(b) > 4096 {
		return b[len(b)-4096:]
	}
	return b
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return s
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

type checker struct {
	x   *model.XRefTable
	out []Failure
	// from the structure tree: the annotations referred to (OBJR), with
	// the type of the element holding them
	objr map[int]string
	// the Alt of the element holding each annotation
	objrAlt map[int]string
	pages   map[int]int // page object number → page number
}

func (c *checker) fail(r Rule, page, obj int, detail string) {
	c.out = append(c.out, Failure{Rule: r, Page: page, Object: obj, Detail: detail})
}

// standard are the standard structure types of PDF 1.7 (ISO 32000-1, 14.8.4).
var standard = map[string]bool{}

func init() {
	for _, s := range strings.Fields(`Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private
		P H H1 H2 H3 H4 H5 H6 L LI Lbl LBody Table TR TH TD THead TBody TFoot
		Span Quote Note Reference BibEntry Code Link Annot Ruby RB RT RP Warichu WT WP
		Figure Formula Form`) {
		standard[s] = true
	}
}

func (c *checker) run() {
	x := c.x
	root, err := x.Catalog()
	if err != nil || root == nil {
		c.fail(RuleTagged, 0, 0, "no document catalogue")
		return
	}
	c.pages = map[int]int{}
	for p := 1; p <= x.PageCount; p++ {
		if ref, err := x.PageDictIndRef(p); err == nil && ref != nil {
			c.pages[ref.ObjectNumber.Value()] = p
		}
	}

	// the catalogue
	marked := false
	if mi, err := x.DereferenceDict(root["MarkInfo"]); err == nil && mi != nil {
		if b, err := x.DereferenceBoolean(mi["Marked"], model.V10); err == nil && b != nil && b.Value() {
			marked = true
		}
	}
	if !marked {
		c.fail(RuleTagged, 0, 0, "")
	}
	lang := ""
	if o, err := x.Dereference(root["Lang"]); err == nil && o != nil {
		if s, err := types.StringOrHexLiteral(o); err == nil {
			lang = strings.TrimSpace(*s)
		}
	}
	if lang == "" {
		c.fail(RuleLang, 0, 0, "no /Lang in the catalogue")
	}
	display := false
	if vp, err := x.DereferenceDict(root["ViewerPreferences"]); err == nil && vp != nil {
		if b, err := x.DereferenceBoolean(vp["DisplayDocTitle"], model.V10); err == nil && b != nil && b.Value() {
			display = true
		}
	}
	if !display {
		c.fail(RuleDisplayTitle, 0, 0, "")
	}
	c.metadata(root)
	c.outputIntent(root)
	if len(x.ID) == 0 {
		c.fail(RuleID, 0, 0, "")
	}

	// the structure tree
	c.objr, c.objrAlt = map[int]string{}, map[int]string{}
	st, err := x.DereferenceDict(root["StructTreeRoot"])
	if err != nil || st == nil {
		c.fail(RuleStructTree, 0, 0, "")
	} else {
		c.structTree(st)
	}

	// the pages
	fonts := map[int]bool{}
	for p := 1; p <= x.PageCount; p++ {
		d, ref, inh, err := x.PageDict(p, false)
		if err != nil || d == nil {
			continue
		}
		obj := 0
		if ref != nil {
			obj = ref.ObjectNumber.Value()
		}
		c.page(p, obj, d, inh, fonts)
	}
}

// metadata checks the XMP metadata of the catalogue.
func (c *checker) metadata(root types.Dict) {
	sd, _, err := c.x.DereferenceStreamDict(root["Metadata"])
	if err != nil || sd == nil {
		c.fail(RuleMetadata, 0, 0, "")
		c.fail(RulePDFAID, 0, 0, "no metadata")
		return
	}
	if err := sd.Decode(); err != nil {
		c.fail(RuleMetadata, 0, 0, "the metadata cannot be read")
		return
	}
	xmp := string(sd.Content)
	has := func(prefix, name, value string) bool {
		// as an element <pdfuaid:part>1</pdfuaid:part> or an attribute
		// pdfuaid:part="1"
		el := "<" + prefix + ":" + name + ">"
		if i := strings.Index(xmp, el); i >= 0 {
			v := xmp[i+len(el):]
			if j := strings.IndexByte(v, '<'); j >= 0 {
				v = v[:j]
			}
			return value == "" || strings.TrimSpace(v) == value
		}
		for _, q := range []string{`"`, `'`} {
			if value != "" && strings.Contains(xmp, prefix+":"+name+"="+q+value+q) {
				return true
			}
			if value == "" && strings.Contains(xmp, prefix+":"+name+"="+q) {
				return true
			}
		}
		return false
	}
	if !has("pdfuaid", "part", "1") {
		c.fail(RuleUAID, 0, 0, "")
	}
	if !strings.Contains(xmp, "<dc:title") {
		c.fail(RuleDCTitle, 0, 0, "")
	}
	if !has("pdfaid", "part", "") {
		c.fail(RulePDFAID, 0, 0, "")
	}
}

// outputIntent checks for a PDF/A output intent with an ICC profile.
func (c *checker) outputIntent(root types.Dict) {
	arr, err := c.x.DereferenceArray(root["OutputIntents"])
	if err == nil {
		for _, o := range arr {
			oi, err := c.x.DereferenceDict(o)
			if err != nil || oi == nil {
				continue
			}
			if n, ok := oi["S"].(types.Name); !ok || n.Value() != "GTS_PDFA1" {
				continue
			}
			if sd, _, err := c.x.DereferenceStreamDict(oi["DestOutputProfile"]); err == nil && sd != nil {
				return
			}
		}
	}
	c.fail(RuleOutputIntent, 0, 0, "")
}

// structTree walks the structure tree: types, Figure descriptions,
// headings in order, tables' header cells, and the annotations referred to.
func (c *checker) structTree(st types.Dict) {
	x := c.x
	roles := map[string]string{}
	if rm, err := x.DereferenceDict(st["RoleMap"]); err == nil && rm != nil {
		for k, v := range rm {
			if n, ok := v.(types.Name); ok {
				roles[k] = n.Value()
			}
		}
	}
	resolve := func(s string) (string, bool) {
		for range 10 {
			if standard[s] {
				return s, true
			}
			r, ok := roles[s]
			if !ok {
				return s, false
			}
			s = r
		}
		return s, false
	}
	lastH := 0
	seen := map[int]bool{}
	var walk func(o types.Object, parent string, depth int)
	walk = func(o types.Object, parent string, depth int) {
		if depth > 200 {
			return
		}
		obj := 0
		if ref, ok := o.(types.IndirectRef); ok {
			obj = ref.ObjectNumber.Value()
			if seen[obj] {
				return
			}
			seen[obj] = true
		}
		d, err := x.DereferenceDict(o)
		if err != nil || d == nil {
			return
		}
		if t, ok := d["Type"].(types.Name); ok && t.Value() == "OBJR" {
			if ref, ok := d["Obj"].(types.IndirectRef); ok {
				c.objr[ref.ObjectNumber.Value()] = parent
			}
			return
		}
		if t, ok := d["Type"].(types.Name); ok && t.Value() == "MCR" {
			return
		}
		s, _ := d["S"].(types.Name)
		typ, ok := resolve(s.Value())
		if !ok {
			c.fail(RuleRoleMap, 0, obj, "/"+s.Value())
		}
		alt := textOf(x, d["Alt"])
		actual := textOf(x, d["ActualText"])
		switch typ {
		case "Figure":
			if alt == "" && actual == "" {
				c.fail(RuleFigureAlt, c.pageOf(d), obj, "")
			}
		case "H1", "H2", "H3", "H4", "H5", "H6":
			n := int(typ[1] - '0')
			if lastH == 0 && n != 1 {
				c.fail(RuleFirstHeading, c.pageOf(d), obj, "/"+typ)
			} else if lastH > 0 && n > lastH+1 {
				c.fail(RuleHeadingSkip, c.pageOf(d), obj, fmt.Sprintf("H%d after H%d", n, lastH))
			}
			lastH = n
		case "Table":
			if !hasType(x, d, "TH", resolve, 0) {
				c.fail(RuleTableNoHeader, c.pageOf(d), obj, "")
			}
		case "TH":
			if !hasScope(x, d) {
				c.fail(RuleTableHeaders, c.pageOf(d), obj, "")
			}
		}
		kids := d["K"]
		if arr, err := x.DereferenceArray(kids); err == nil && arr != nil {
			for _, k := range arr {
				c.kid(k, typ, alt, walk, depth)
			}
			return
		}
		if kids != nil {
			c.kid(kids, typ, alt, walk, depth)
		}
	}
	walk(st["K"], "", 0)
}

// kid walks kid k of an element of type typ with Alt alt.
func (c *checker) kid(k types.Object, typ, alt string, walk func(types.Object, string, int), depth int) {
	switch k.(type) {
	case types.Integer:
		return
	}
	d, err := c.x.DereferenceDict(k)
	if err == nil && d != nil {
		if t, ok := d["Type"].(types.Name); ok && t.Value() == "OBJR" {
			if ref, ok := d["Obj"].(types.IndirectRef); ok {
				c.objr[ref.ObjectNumber.Value()] = typ
				c.objrAlt[ref.ObjectNumber.Value()] = alt
			}
			return
		}
	}
	walk(k, typ, depth+1)
}

// pageOf returns the page number of an element's /Pg, or 0.
func (c *checker) pageOf(d types.Dict) int {
	if ref, ok := d["Pg"].(types.IndirectRef); ok {
		return c.pages[ref.ObjectNumber.Value()]
	}
	return 0
}

// hasType reports whether element d has a descendant of type typ.
func hasType(x *model.XRefTable, d types.Dict, typ string, resolve func(string) (string, bool), depth int) bool {
	if depth > 20 {
		return false
	}
	var kids types.Array
	if arr, err := x.DereferenceArray(d["K"]); err == nil && arr != nil {
		kids = arr
	} else if d["K"] != nil {
		kids = types.Array{d["K"]}
	}
	for _, k := range kids {
		kd, err := x.DereferenceDict(k)
		if err != nil || kd == nil {
			continue
		}
		if s, ok := kd["S"].(types.Name); ok {
			if t, _ := resolve(s.Value()); t == typ {
				return true
			}
		}
		if hasType(x, kd, typ, resolve, depth+1) {
			return true
		}
	}
	return false
}

// hasScope reports whether TH d has a /Scope attribute.
func hasScope(x *model.XRefTable, d types.Dict) bool {
	var attrs types.Array
	if arr, err := x.DereferenceArray(d["A"]); err == nil && arr != nil {
		attrs = arr
	} else if d["A"] != nil {
		attrs = types.Array{d["A"]}
	}
	for _, a := range attrs {
		ad, err := x.DereferenceDict(a)
		if err == nil && ad != nil && ad["Scope"] != nil {
			return true
		}
	}
	// headers by /Headers and /ID instead are fine too
	return d["ID"] != nil
}

// textOf returns the text string o, or "".
func textOf(x *model.XRefTable, o types.Object) string {
	if o == nil {
		return ""
	}
	o, err := x.Dereference(o)
	if err != nil || o == nil {
		return ""
	}
	switch s := o.(type) {
	case types.StringLiteral:
		v, err := types.StringLiteralToString(s)
		if err != nil {
			return ""
		}
		return strings.TrimSpace(v)
	case types.HexLiteral:
		v, err := types.HexLiteralToString(s)
		if err != nil {
			return ""
		}
		return strings.TrimSpace(v)
	}
	return ""
}

// page checks page p (object obj): its tab order, its annotations, its
// content and its fonts.
func (c *checker) page(p, obj int, d types.Dict, inh *model.InheritedPageAttrs, fonts map[int]bool) {
	x := c.x
	if n, ok := d["Tabs"].(types.Name); !ok || n.Value() != "S" {
		c.fail(RuleTabs, p, obj, "")
	}
	annots, _ := x.DereferenceArray(d["Annots"])
	for _, a := range annots {
		ref, ok := a.(types.IndirectRef)
		ad, err := x.DereferenceDict(a)
		if err != nil || ad == nil {
			continue
		}
		an := 0
		if ok {
			an = ref.ObjectNumber.Value()
		}
		sub, _ := ad["Subtype"].(types.Name)
		flags := 0
		if f, err := x.DereferenceInteger(ad["F"]); err == nil && f != nil {
			flags = f.Value()
		}
		if sub.Value() != "Popup" && (flags&4 == 0 || flags&(1|2|32) != 0) {
			c.fail(RulePrintable, p, an, fmt.Sprintf("/%s with /F %d", sub.Value(), flags))
		}
		holder, tagged := c.objr[an]
		switch sub.Value() {
		case "Link":
			if !tagged || holder != "Link" {
				c.fail(RuleLinkTagged, p, an, "")
			}
			if textOf(x, ad["Contents"]) == "" {
				c.fail(RuleLinkContents, p, an, "")
			}
		case "Widget":
			if !tagged || holder != "Form" {
				c.fail(RuleWidgetTagged, p, an, "")
			}
			if zeroRect(x, ad) {
				continue // not shown: a field holding data
			}
			name := textOf(x, ad["TU"])
			if name == "" {
				if pd, err := x.DereferenceDict(ad["Parent"]); err == nil && pd != nil {
					name = textOf(x, pd["TU"])
				}
			}
			if name == "" && c.objrAlt[an] == "" {
				c.fail(RuleFieldName, p, an, "")
			}
		}
	}
	content, err := x.PageContent(d, p)
	if err == nil {
		if bad := unmarked(content); bad != "" {
			c.fail(RuleUntagged, p, obj, bad)
		}
	}
	// fonts of the page's resources
	res := d["Resources"]
	if res == nil && inh != nil {
		res = inh.Resources
	}
	rd, err := x.DereferenceDict(res)
	if err != nil || rd == nil {
		return
	}
	fd, err := x.DereferenceDict(rd["Font"])
	if err != nil || fd == nil {
		return
	}
	names := make([]string, 0, len(fd))
	for k := range fd {
		names = append(names, k)
	}
	slices.Sort(names)
	for _, k := range names {
		fo := fd[k]
		fn := 0
		if ref, ok := fo.(types.IndirectRef); ok {
			fn = ref.ObjectNumber.Value()
			if fonts[fn] {
				continue
			}
			fonts[fn] = true
		}
		if name, ok := c.fontEmbedded(fo); !ok {
			c.fail(RuleFontEmbedded, p, fn, name)
		}
	}
}

// zeroRect reports whether annotation ad has no area.
func zeroRect(x *model.XRefTable, ad types.Dict) bool {
	arr, err := x.DereferenceArray(ad["Rect"])
	if err != nil || len(arr) != 4 {
		return false
	}
	v := make([]float64, 4)
	for i, o := range arr {
		switch n := o.(type) {
		case types.Integer:
			v[i] = float64(n.Value())
		case types.Float:
			v[i] = n.Value()
		}
	}
	return v[0] == v[2] || v[1] == v[3]
}

// fontEmbedded reports whether font fo has its program embedded, and its
// name.
func (c *checker) fontEmbedded(fo types.Object) (string, bool) {
	x := c.x
	f, err := x.DereferenceDict(fo)
	if err != nil || f == nil {
		return "", true
	}
	base, _ := f["BaseFont"].(types.Name)
	name := base.Value()
	sub, _ := f["Subtype"].(types.Name)
	if sub.Value() == "Type3" {
		return name, true
	}
	if sub.Value() == "Type0" {
		kids, err := x.DereferenceArray(f["DescendantFonts"])
		if err != nil || len(kids) == 0 {
			return name, false
		}
		f, err = x.DereferenceDict(kids[0])
		if err != nil || f == nil {
			return name, false
		}
	}
	desc, err := x.DereferenceDict(f["FontDescriptor"])
	if err != nil || desc == nil {
		return name, false
	}
	for _, k := range []string{"FontFile", "FontFile2", "FontFile3"} {
		if desc[k] != nil {
			return name, true
		}
	}
	return name, false
}
