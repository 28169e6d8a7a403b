package pdf

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"reflect"
	"strconv"
	"strings"
	"sync"

	"github.com/partnership-roadmap/roadmap/internal/diag"
	"github.com/partnership-roadmap/roadmap/internal/msg"

	"github.com/partnership-roadmap/roadmap/internal/paper"
	"github.com/partnership-roadmap/roadmap/templates"
	"go.yaml.in/yaml/v3"
)

// ThemeFile is the name of the theme file in a templates folder.
const ThemeFile = "theme.yaml"

// Paper is a paper size.
type Paper = paper.Size

// The paper sizes.
const (
	A4     = paper.A4
	Letter = paper.Letter
)

// ParsePaper parses a paper size: a4 or letter (any case).
func ParsePaper(s string) (Paper, error) { return paper.Parse(s) }

// Color is an RGB colour.
type Color struct{ R, G, B uint8 }

// ParseColor parses "#rrggbb" (or "#rgb").
func ParseColor(s string) (Color, error) {
	h := strings.TrimPrefix(strings.TrimSpace(s), "#")
	if len(h) == 3 {
		h = string([]byte{h[0], h[0], h[1], h[1], h[2], h[2]})
	}
	if len(h) != 6 || !strings.HasPrefix(strings.TrimSpace(s), "#") {
		return Color{}, fmt.Errorf("%q is not a colour; allowed: a colour as \"#rrggbb\", e.g. \"#0f6e6a\"", s)
	}
	v, err := strconv.ParseUint(h, 16, 32)
	if err != nil {
		return Color{}, fmt.Errorf("%q is not a colour; allowed: a colour as \"#rrggbb\", e.g. \"#0f6e6a\"", s)
	}
	return Color{uint8(v >> 16), uint8(v >> 8), uint8(v)}, nil
}

// String returns the colour as "#rrggbb".
func (c Color) String() string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }

// Mix returns c moved towards o by t (0 = c, 1 = o), for tints.
func (c Color) Mix(o Color, t float64) Color {
	m := func(a, b uint8) uint8 { return uint8(float64(a) + (float64(b)-float64(a))*t + 0.5) }
	return Color{m(c.R, o.R), m(c.G, o.G), m(c.B, o.B)}
}

// White is #ffffff.
var White = Color{255, 255, 255}

// Margins are page margins in mm.
type Margins struct {
	Top    float64 `yaml:"top" range:"5,60" unit:"mm"`
	Right  float64 `yaml:"right" range:"5,60" unit:"mm"`
	Bottom float64 `yaml:"bottom" range:"12,60" unit:"mm"`
	Left   float64 `yaml:"left" range:"5,60" unit:"mm"`
}

// TypeScale holds the type sizes in pt.
type TypeScale struct {
	Title float64 `yaml:"title" range:"6,72" unit:"pt"`
	H1    float64 `yaml:"h1" range:"6,48" unit:"pt"`
	H2    float64 `yaml:"h2" range:"6,36" unit:"pt"`
	H3    float64 `yaml:"h3" range:"6,24" unit:"pt"`
	Body  float64 `yaml:"body" range:"6,18" unit:"pt"`
	Small float64 `yaml:"small" range:"5,14" unit:"pt"`
}

// Spacing holds vertical distances in mm.
type Spacing struct {
	// Paragraph is the space after a paragraph.
	Paragraph float64 `yaml:"paragraph" range:"0,20" unit:"mm"`
	// WriteIn is the distance between ruled write-in lines.
	WriteIn float64 `yaml:"writein" range:"4,20" unit:"mm"`
	// TickBox is the side of a tick box.
	TickBox float64 `yaml:"tickbox" range:"2,8" unit:"mm"`
}

// Colors are the theme's colours.
type Colors struct {
	Text   Color `yaml:"text"`
	Muted  Color `yaml:"muted"`
	Rule   Color `yaml:"rule"`
	Accent Color `yaml:"accent"`
	// BandText is the text colour on step bands and badges.
	BandText Color `yaml:"band_text"`
	// Shade is the background of example boxes.
	Shade Color `yaml:"shade"`
	// Zebra is the background of alternate table rows.
	Zebra Color `yaml:"zebra"`
	// TableHead is the background of table header rows.
	TableHead Color `yaml:"table_head"`
	// Steps are the band colours of steps 1, 2, 3, ...; step n uses
	// Steps[(n-1) % len(Steps)].
	Steps []Color `yaml:"steps" item:"colour" min:"1"`
	// Municipality and Community are the audience badge colours.
	Municipality Color `yaml:"municipality"`
	Community    Color `yaml:"community"`
}

// Theme is the look of the documents: paper, margins, type and colours.
// The yaml tags name its keys in theme.yaml, with the numbers allowed;
// the file is decoded by diag.Decoder.
type Theme struct {
	Paper      Paper     `yaml:"paper" kind:"paper"`
	Margins    Margins   `yaml:"margins"`
	Type       TypeScale `yaml:"type"`
	LineHeight float64   `yaml:"line_height" range:"1,2.5" unit:"(times the type size)"`
	Spacing    Spacing   `yaml:"spacing"`
	Colors     Colors    `yaml:"colours"`
	// Styles are the spacing and geometry of each element.
	Styles Styles `yaml:"styles"`
}

// Styles hold the look of each element the documents are made of, beyond
// the type sizes (Type) and colours (Colors): the one place a spacing is
// set. Lengths are in mm, leadings multiples of the type size.
type Styles struct {
	Headings Headings     `yaml:"headings"`
	Band     BandStyle    `yaml:"band"`
	Box      BoxStyle     `yaml:"box"`
	Badge    BadgeStyle   `yaml:"badge"`
	Cell     CellStyle    `yaml:"cell"`
	TickBox  TickStyle    `yaml:"tickbox"`
	WriteIn  WriteInStyle `yaml:"writein"`
	Rule     RuleStyle    `yaml:"rule"`
	Form     FormStyle    `yaml:"form"`
}

// Headings are the styles of the title and of heading levels 1 to 3; their
// sizes are Type.Title, Type.H1, Type.H2 and Type.H3.
type Headings struct {
	Title HeadingStyle `yaml:"title"`
	H1    HeadingStyle `yaml:"h1"`
	H2    HeadingStyle `yaml:"h2"`
	H3    HeadingStyle `yaml:"h3"`
}

// Level returns the style of heading level l (0 the title, 3 and below h3).
func (h Headings) Level(l int) HeadingStyle {
	switch {
	case l <= 0:
		return h.Title
	case l == 1:
		return h.H1
	case l == 2:
		return h.H2
	}
	return h.H3
}

// HeadingStyle is the look of a heading level.
type HeadingStyle struct {
	Leading float64 `yaml:"leading" range:"1,2.5" unit:"(times the type size)"`
	// Before and After are the space above (dropped at the top of a
	// page) and below the heading.
	Before float64 `yaml:"before" range:"0,40" unit:"mm"`
	After  float64 `yaml:"after" range:"0,40" unit:"mm"`
}

// BandStyle is the look of a step band.
type BandStyle struct {
	PadX    float64 `yaml:"pad_x" range:"0,20" unit:"mm"`
	PadY    float64 `yaml:"pad_y" range:"0,20" unit:"mm"`
	Radius  float64 `yaml:"radius" range:"0,10" unit:"mm"`
	Leading float64 `yaml:"leading" range:"1,2.5" unit:"(times the type size)"`
	Before  float64 `yaml:"before" range:"0,40" unit:"mm"`
	After   float64 `yaml:"after" range:"0,40" unit:"mm"`
}

// BoxStyle is the look of a box that sets content apart (examples,
// answers, the organisation block).
type BoxStyle struct {
	Padding float64 `yaml:"padding" range:"0,20" unit:"mm"`
	// Bar is the width of the accent bar at the left.
	Bar    float64 `yaml:"bar" range:"0,5" unit:"mm"`
	Before float64 `yaml:"before" range:"0,40" unit:"mm"`
	After  float64 `yaml:"after" range:"0,40" unit:"mm"`
}

// BadgeStyle is the look of an audience badge.
type BadgeStyle struct {
	PadX float64 `yaml:"pad_x" range:"0,10" unit:"mm"`
	PadY float64 `yaml:"pad_y" range:"0,10" unit:"mm"`
	// Gap is the space between two badges and below a row of them.
	Gap float64 `yaml:"gap" range:"0,20" unit:"mm"`
}

// CellStyle is the look of a table cell.
type CellStyle struct {
	PadX    float64 `yaml:"pad_x" range:"0,10" unit:"mm"`
	PadY    float64 `yaml:"pad_y" range:"0,10" unit:"mm"`
	Leading float64 `yaml:"leading" range:"1,2.5" unit:"(times the type size)"`
	// Rule is the width of the grid lines.
	Rule float64 `yaml:"rule" range:"0,2" unit:"mm"`
	// After is the space below a table.
	After float64 `yaml:"after" range:"0,40" unit:"mm"`
}

// TickStyle is the look of tick boxes and choice circles with their
// labels (their side is Spacing.TickBox).
type TickStyle struct {
	// Gap is the space between a box and its label.
	Gap float64 `yaml:"gap" range:"0,10" unit:"mm"`
	// Between is the space between two choices in a row.
	Between float64 `yaml:"between" range:"0,30" unit:"mm"`
	// Column is the space between two columns of options.
	Column float64 `yaml:"column" range:"0,30" unit:"mm"`
	// Row is the space below each row of choices or options.
	Row float64 `yaml:"row" range:"0,10" unit:"mm"`
	// Line is the width of the frame.
	Line float64 `yaml:"line" range:"0,2" unit:"mm"`
}

// WriteInStyle is the look of ruled write-in lines (their distance is
// Spacing.WriteIn).
type WriteInStyle struct {
	Line  float64 `yaml:"line" range:"0,2" unit:"mm"`
	After float64 `yaml:"after" range:"0,40" unit:"mm"`
}

// RuleStyle is the look of a horizontal rule.
type RuleStyle struct {
	Line float64 `yaml:"line" range:"0,2" unit:"mm"`
	// Space is the space above and below the line.
	Space float64 `yaml:"space" range:"0,20" unit:"mm"`
}

// FormStyle is the look of the checklist forms' own elements.
type FormStyle struct {
	// Number is the width of the column the checkpoint numbers stand in.
	Number float64 `yaml:"number" range:"5,30" unit:"mm"`
	// Checkpoint is the space between two checkpoints.
	Checkpoint float64 `yaml:"checkpoint" range:"0,40" unit:"mm"`
	// Table is the space above a plan table.
	Table float64 `yaml:"table" range:"0,40" unit:"mm"`
	// Answer is the padding around an answer text.
	Answer float64 `yaml:"answer" range:"0,20" unit:"mm"`
	// Field is the space to write in an empty field of the organisation
	// block.
	Field float64 `yaml:"field" range:"3,30" unit:"mm"`
	// Status is the padding of the shaded strip behind the status choices.
	Status float64 `yaml:"status" range:"0,10" unit:"mm"`
}

// Step returns the band colour of step n (1-based).
func (t Theme) Step(n int) Color {
	if len(t.Colors.Steps) == 0 {
		return t.Colors.Accent
	}
	if n < 1 {
		n = 1
	}
	return t.Colors.Steps[(n-1)%len(t.Colors.Steps)]
}

var defaultTheme = sync.OnceValues(func() (Theme, error) {
	src, err := fs.ReadFile(templates.FS, ThemeFile)
	if err != nil {
		return Theme{}, err
	}
	var t Theme
	if err := decodeTheme(&t, ThemeFile, src, true); err != nil {
		return Theme{}, err
	}
	return t, nil
})

// DefaultTheme returns the embedded theme (templates/theme.yaml).
func DefaultTheme() Theme {
	t, err := defaultTheme()
	if err != nil {
		panic("embedded theme: " + err.Error()) // a broken build; covered by tests
	}
	t.Colors.Steps = append([]Color(nil), t.Colors.Steps...)
	return t
}

// OrDefault returns t, or DefaultTheme() for the zero Theme (no paper): the
// zero value of every renderer's Options.Theme.
func (t Theme) OrDefault() Theme {
	if t.Paper == "" {
		return DefaultTheme()
	}
	return t
}

// LoadTheme reads theme.yaml from fsys over the embedded defaults: keys the
// file leaves out keep their default values; a folder without theme.yaml
// gives the default theme. Problems are a diag.List, each naming the file,
// line and column and saying what is allowed.
func LoadTheme(fsys fs.FS) (Theme, error) { return LoadThemeFrom(fsys, "") }

// LoadThemeFrom is LoadTheme with prefix, the folder fsys was opened
// from, put before the file's name in messages.
func LoadThemeFrom(fsys fs.FS, prefix string) (Theme, error) {
	t := DefaultTheme()
	if _, err := fs.Stat(fsys, ThemeFile); errors.Is(err, fs.ErrNotExist) {
		return t, nil
	}
	file := path.Join(prefix, ThemeFile)
	src, err := diag.ReadFile(fsys, ThemeFile, file, msg.New("what.theme"))
	if err != nil {
		return Theme{}, diag.List{err.(diag.Problem)}
	}
	if err := decodeTheme(&t, file, src, false); err != nil {
		return Theme{}, err
	}
	return t, nil
}

// Set parses a colour written "#rrggbb" or "#rgb"; it makes Color a
// diag.Value.
func (c *Color) Set(s string) error {
	v, err := ParseColor(s)
	if err != nil {
		return err
	}
	*c = v
	return nil
}

// Allowed says what a colour may be; it makes Color a diag.Value.
func (c *Color) Allowed() string { return `a colour as "#rrggbb", e.g. "#0f6e6a"` }

// paperKind decodes a paper size.
var paperKind = diag.Kind{
	Allowed: func() string { return "a4, letter" },
	Decode: func(d *diag.Decoder, at diag.Field, n *yaml.Node, v reflect.Value) {
		s, ok := d.Scalar(n, at, "a4, letter")
		if !ok {
			return
		}
		p, err := ParsePaper(s)
		if err != nil {
			d.Add(n, "unknown paper %q%s; allowed: a4, letter", s, diag.DidYouMean(strings.ToLower(s), []string{"a4", "letter"}))
			return
		}
		v.SetString(string(p))
	},
}

// decodeTheme decodes the theme file src over t; all makes every key
// required (the embedded default, which every other theme is read over).
func decodeTheme(t *Theme, file string, src []byte, all bool) error {
	root, problems := diag.Parse(file, src, msg.Plain("a theme, as in templates/theme.yaml"))
	if root == nil {
		if !all && len(problems) == 1 && isEmptyFile(problems[0]) {
			return nil // an empty theme changes nothing
		}
		return problems.Err()
	}
	d := diag.Decoder{File: file, RequireAll: all, Kinds: map[string]diag.Kind{"paper": paperKind}}
	d.Decode(root, t, diag.FileText(msg.New("what.theme")))
	return append(problems, d.Problems...).Err()
}

// isEmptyFile reports whether p says a file is empty.
func isEmptyFile(p diag.Problem) bool {
	m, ok := p.Text.(msg.Message)
	return ok && m.Key == "file.empty"
}
