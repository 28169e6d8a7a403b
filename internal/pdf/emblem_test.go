package pdf

import (
	"math"
	"testing"
)

// TestStar checks the construction of the emblem's stars: ten corners, the
// five points on the circle of radius r with one straight up, the five
// inner corners on the circle of radius r/φ², where the edges cross.
func TestStar(t *testing.T) {
	const x, y, r = 10.0, 20.0, 3.0
	pts := star(x, y, r)
	if len(pts) != 10 {
		t.Fatalf("%d corners; want 10", len(pts))
	}
	if p := pts[0]; math.Abs(p.X-x) > 1e-9 || math.Abs(p.Y-(y-r)) > 1e-9 {
		t.Errorf("first point at %v; want straight up, (%v, %v)", p, x, y-r)
	}
	phi := (1 + math.Sqrt(5)) / 2
	for i, p := range pts {
		want := r
		if i%2 == 1 {
			want = r / (phi * phi)
		}
		if got := math.Hypot(p.X-x, p.Y-y); math.Abs(got-want) > 1e-9 {
			t.Errorf("corner %d at %.4f from the centre; want %.4f", i, got, want)
		}
	}
	// the outline's corner next to the top point lies where the top
	// point's edge to the point at 144° (two points on) crosses another
	a, b := pts[0], pts[1]
	o4 := Point{X: x + r*math.Sin(4*math.Pi/5), Y: y - r*math.Cos(4*math.Pi/5)}
	if cross := (b.X-a.X)*(o4.Y-a.Y) - (b.Y-a.Y)*(o4.X-a.X); math.Abs(cross) > 1e-9 {
		t.Errorf("inner corner 1 is not on the line from the top point to the lower right point (cross %g)", cross)
	}
}
