package pdf

import "math"

// The EU emblem, drawn from its geometric construction as the European
// Union's graphics guide gives it: a blue rectangle one and a half times
// as wide as it is high; twelve gold stars, upright, at the hours of a
// clock face on an invisible circle whose radius is a third of the height,
// centred in the rectangle; each star a five-pointed star whose points lie
// on a circle of radius one eighteenth of the height. Its colours are fixed
// (Reflex Blue and Yellow as RGB), whatever the theme.
var (
	// EUBlue is Pantone Reflex Blue as the EU's graphics guide gives it for
	// screens: RGB 0/51/153.
	EUBlue = Color{R: 0x00, G: 0x33, B: 0x99}
	// EUYellow is Pantone Yellow as the EU's graphics guide gives it for
	// screens: RGB 255/204/0.
	EUYellow = Color{R: 0xff, G: 0xcc, B: 0x00}
)

// EmblemWidth returns the width of the EU emblem h mm high.
func EmblemWidth(h float64) float64 { return h * 3 / 2 }

// EUEmblem draws the EU emblem h mm high with its top left corner at
// (x, y), without moving the cursor.
func (d *Doc) EUEmblem(x, y, h float64) {
	d.FillRect(x, y, EmblemWidth(h), h, 0, EUBlue)
	cx, cy := x+EmblemWidth(h)/2, y+h/2
	for i := range 12 {
		a := float64(i) * math.Pi / 6
		d.Polygon(star(cx+h/3*math.Sin(a), cy-h/3*math.Cos(a), h/18), EUYellow)
	}
}

// star returns the ten corners of an upright five-pointed star centred on
// (x, y) whose points lie on a circle of radius r: the points and, between
// them, the corners where the star's edges cross, on the circle of radius
// r·sin 18°/sin 126° (r/φ²).
func star(x, y, r float64) []Point {
	inner := r * math.Sin(math.Pi/10) / math.Sin(7*math.Pi/10)
	pts := make([]Point, 10)
	for i := range pts {
		rr := r
		if i%2 == 1 {
			rr = inner
		}
		a := float64(i) * math.Pi / 5 // from the top, clockwise
		pts[i] = Point{X: x + rr*math.Sin(a), Y: y - rr*math.Cos(a)}
	}
	return pts
}

// FundedBy draws the EU emblem h mm high at (x, y) with statement (the
// words "Funded by the European Union" in the document's language) beside
// it, on one line, vertically centred, in bold in colour c, and returns the
// width of the two.
func (d *Doc) FundedBy(x, y, h float64, statement string, c Color) float64 {
	d.EUEmblem(x, y, h)
	size := h * 72 / 25.4 * 0.3 // the statement's type in proportion to the emblem
	gap := h / 4
	w := d.TextAt(x+EmblemWidth(h)+gap, y+(h-d.LineHeight(size))/2, statement, Bold, size, c)
	return EmblemWidth(h) + gap + w
}
