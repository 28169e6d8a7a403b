package guide

import (
	"image"
	"strings"
	"testing"

	"github.com/partnership-roadmap/roadmap/internal/contenttest"
	"github.com/partnership-roadmap/roadmap/internal/pdf"
	"github.com/partnership-roadmap/roadmap/internal/pdftest"
)

// TestCoverFunded checks, in every language, that the booklet's cover says
// "Funded by the European Union" in the booklet's language, beside the EU
// emblem: a Reflex Blue rectangle 3:2 with gold stars, at the foot of the
// cover to the left of the words.
func TestCoverFunded(t *testing.T) {
	const dpi = 100
	for _, code := range contenttest.Bundle(t).Codes() {
		t.Run(code, func(t *testing.T) {
			l := language(t, code)
			r := render(t, code, Options{})
			want := l.Label("funded_by")
			if cover := norm(pdftest.Pages(t, r.Data)[0]); !strings.Contains(cover, want) {
				t.Fatalf("the cover has no %q:\n%s", want, cover)
			}
			var at *pdftest.Word
			words := pdftest.Words(t, r.Data)[0]
			first := strings.Fields(want)[0]
			for i, w := range words.Words {
				if w.Text == first {
					at = &words.Words[i]
				}
			}
			if at == nil {
				t.Fatalf("no word %q on the cover", first)
			}
			// the emblem: left of the words, as high as about three lines
			// of them, blue with yellow stars
			img := pdftest.PPM(t, pdftest.Images(t, r.Data, dpi)[0])
			px := func(mm float64) int { return int(mm / 25.4 * dpi) }
			mid := (at.YMin + at.YMax) / 2
			blue, yellow := 0, 0
			box := image.Rect(px(at.XMin-20), px(mid-5), px(at.XMin-2), px(mid+5))
			for y := box.Min.Y; y < box.Max.Y; y++ {
				for x := box.Min.X; x < box.Max.X; x++ {
					r, g, b, _ := img.At(x, y).RGBA()
					c := pdf.Color{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8)}
					switch {
					case near(c, pdf.EUBlue):
						blue++
					case near(c, pdf.EUYellow):
						yellow++
					}
				}
			}
			if n := box.Dx() * box.Dy(); blue < n/2 || yellow == 0 {
				t.Errorf("left of %q: %d of %d pixels EU blue, %d EU yellow; want the emblem there", want, blue, n, yellow)
			}
		})
	}
}

// near reports whether colours a and b differ by a little at most in each
// channel.
func near(a, b pdf.Color) bool {
	d := func(x, y uint8) int { return max(int(x)-int(y), int(y)-int(x)) }
	return d(a.R, b.R) < 24 && d(a.G, b.G) < 24 && d(a.B, b.B) < 24
}
