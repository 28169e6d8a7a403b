package pdf

import (
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"sync"

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
		return Color{}, fmt.Errorf("%q is not a colour; use #rrggbb", s)
	}
	v, err := strconv.ParseUint(h, 16, 32)
	if err != nil {
		return Color{}, fmt.Errorf("%q is not a colour; use #rrggbb", s)
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
	Top, Right, Bottom, Left float64
}

// TypeScale holds the type sizes in pt.
type TypeScale struct {
	Title, H1, H2, H3, Body, Small float64
}

// Spacing holds vertical distances in mm.
type Spacing struct {
	// Paragraph is the space after a paragraph.
	Paragraph float64
	// WriteIn is the distance between ruled write-in lines.
	WriteIn float64
	// TickBox is the side of a tick box.
	TickBox float64
}

// Colors are the theme's colours.
type Colors struct {
	Text, Muted, Rule, Accent Color
	// BandText is the text colour on step bands and badges.
	BandText Color
	// Shade is the background of example boxes.
	Shade Color
	// Zebra is the background of alternate table rows.
	Zebra Color
	// TableHead is the background of table header rows.
	TableHead Color
	// Steps are the band colours of steps 1, 2, 3, ...; step n uses
	// Steps[(n-1) % len(Steps)].
	Steps []Color
	// Municipality and Community are the audience badge colours.
	Municipality, Community Color
}

// Theme is the look of the documents: paper, margins, type and colours.
type Theme struct {
	Paper      Paper
	Margins    Margins
	Type       TypeScale
	LineHeight float64
	Spacing    Spacing
	Colors     Colors
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

// LoadTheme reads theme.yaml from fsys over the embedded defaults: keys the
// file leaves out keep their default values; a folder without theme.yaml
// gives the default theme. Errors name the file, line and column and say what
// is allowed.
func LoadTheme(fsys fs.FS) (Theme, error) {
	t := DefaultTheme()
	src, err := fs.ReadFile(fsys, ThemeFile)
	if errors.Is(err, fs.ErrNotExist) {
		return t, nil
	}
	if err != nil {
		return Theme{}, fmt.Errorf("reading theme: %w", err)
	}
	if err := decodeTheme(&t, ThemeFile, src, false); err != nil {
		return Theme{}, err
	}
	return t, nil
}

// posError is an error at a place in a file.
type posError struct {
	file      string
	line, col int
	msg       string
}

func (e *posError) Error() string { return fmt.Sprintf("%s:%d:%d: %s", e.file, e.line, e.col, e.msg) }

type themeDecoder struct {
	file string
	all  bool // every key required (the embedded default)
}

func (d themeDecoder) errorf(n *yaml.Node, format string, args ...any) error {
	return &posError{d.file, n.Line, n.Column, fmt.Sprintf(format, args...)}
}

// field is one key of a mapping and how to decode its value.
type field struct {
	key    string
	decode func(*yaml.Node) error
}

func (d themeDecoder) mapping(n *yaml.Node, path string, fields []field) error {
	if n.Kind != yaml.MappingNode {
		return d.errorf(n, "%s must be a mapping of keys", path)
	}
	seen := make(map[string]bool)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		var f *field
		for j := range fields {
			if fields[j].key == k.Value {
				f = &fields[j]
			}
		}
		if f == nil {
			keys := make([]string, len(fields))
			for j := range fields {
				keys[j] = fields[j].key
			}
			sort.Strings(keys)
			return d.errorf(k, "unknown key %q in %s; allowed: %s", k.Value, path, strings.Join(keys, ", "))
		}
		if seen[k.Value] {
			return d.errorf(k, "%s.%s is set twice", path, k.Value)
		}
		seen[k.Value] = true
		if err := f.decode(v); err != nil {
			return err
		}
	}
	if d.all {
		for _, f := range fields {
			if !seen[f.key] {
				return d.errorf(n, "%s.%s is missing", path, f.key)
			}
		}
	}
	return nil
}

func (d themeDecoder) number(dst *float64, name string, lo, hi float64, unit string) field {
	return field{name[strings.LastIndex(name, ".")+1:], func(n *yaml.Node) error {
		v, err := strconv.ParseFloat(n.Value, 64)
		// NaN compares false with everything: test the range the other way
		// round, so NaN and the infinities are refused too.
		if n.Kind != yaml.ScalarNode || err != nil || !(v >= lo && v <= hi) {
			return d.errorf(n, "%s: %q is not allowed; use a number from %g to %g%s", name, n.Value, lo, hi, unit)
		}
		*dst = v
		return nil
	}}
}

func (d themeDecoder) color(dst *Color, name string) field {
	return field{name[strings.LastIndex(name, ".")+1:], func(n *yaml.Node) error {
		if n.Kind != yaml.ScalarNode {
			return d.errorf(n, "%s must be a colour like \"#0f6e6a\"", name)
		}
		c, err := ParseColor(n.Value)
		if err != nil {
			return d.errorf(n, "%s: %v", name, err)
		}
		*dst = c
		return nil
	}}
}

func decodeTheme(t *Theme, file string, src []byte, all bool) error {
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	if len(doc.Content) == 0 {
		if all {
			return fmt.Errorf("%s: empty theme", file)
		}
		return nil
	}
	d := themeDecoder{file: file, all: all}
	m, ty, sp, c := &t.Margins, &t.Type, &t.Spacing, &t.Colors
	return d.mapping(doc.Content[0], "theme", []field{
		{"paper", func(n *yaml.Node) error {
			p, err := ParsePaper(n.Value)
			if err != nil || n.Kind != yaml.ScalarNode {
				return d.errorf(n, "paper: %q is not allowed; use a4 or letter", n.Value)
			}
			t.Paper = p
			return nil
		}},
		{"margins", func(n *yaml.Node) error {
			return d.mapping(n, "margins", []field{
				d.number(&m.Top, "margins.top", 5, 60, " mm"),
				d.number(&m.Right, "margins.right", 5, 60, " mm"),
				d.number(&m.Bottom, "margins.bottom", 12, 60, " mm"),
				d.number(&m.Left, "margins.left", 5, 60, " mm"),
			})
		}},
		{"type", func(n *yaml.Node) error {
			return d.mapping(n, "type", []field{
				d.number(&ty.Title, "type.title", 6, 72, " pt"),
				d.number(&ty.H1, "type.h1", 6, 48, " pt"),
				d.number(&ty.H2, "type.h2", 6, 36, " pt"),
				d.number(&ty.H3, "type.h3", 6, 24, " pt"),
				d.number(&ty.Body, "type.body", 6, 18, " pt"),
				d.number(&ty.Small, "type.small", 5, 14, " pt"),
			})
		}},
		d.number(&t.LineHeight, "line_height", 1, 2.5, " (times the type size)"),
		{"spacing", func(n *yaml.Node) error {
			return d.mapping(n, "spacing", []field{
				d.number(&sp.Paragraph, "spacing.paragraph", 0, 20, " mm"),
				d.number(&sp.WriteIn, "spacing.writein", 4, 20, " mm"),
				d.number(&sp.TickBox, "spacing.tickbox", 2, 8, " mm"),
			})
		}},
		{"colours", func(n *yaml.Node) error {
			return d.mapping(n, "colours", []field{
				d.color(&c.Text, "colours.text"),
				d.color(&c.Muted, "colours.muted"),
				d.color(&c.Rule, "colours.rule"),
				d.color(&c.Accent, "colours.accent"),
				d.color(&c.BandText, "colours.band_text"),
				d.color(&c.Shade, "colours.shade"),
				d.color(&c.Zebra, "colours.zebra"),
				d.color(&c.TableHead, "colours.table_head"),
				{"steps", func(n *yaml.Node) error {
					if n.Kind != yaml.SequenceNode || len(n.Content) == 0 {
						return d.errorf(n, "colours.steps must be a list of colours, one per step")
					}
					steps := make([]Color, len(n.Content))
					for i, e := range n.Content {
						if err := d.color(&steps[i], fmt.Sprintf("colours.steps[%d]", i)).decode(e); err != nil {
							return err
						}
					}
					c.Steps = steps
					return nil
				}},
				d.color(&c.Municipality, "colours.municipality"),
				d.color(&c.Community, "colours.community"),
			})
		}},
	})
}
