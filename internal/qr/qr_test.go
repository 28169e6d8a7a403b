package qr

import (
	"image"
	"image/color"
	"strings"
	"testing"

	goqr "github.com/piglig/go-qr"
)

// decodeTerminal reads the terminal drawing back into an image, one pixel
// per module scaled by 8, and decodes it.
func decodeTerminal(t *testing.T, s string) string {
	t.Helper()
	lines := strings.Split(strings.TrimSuffix(s, "\n"), "\n")
	w := len([]rune(lines[0]))
	const k = 8
	img := image.NewGray(image.Rect(0, 0, w*k, len(lines)*2*k))
	for y, line := range lines {
		for x, r := range []rune(line) {
			top, bottom := r == '█' || r == '▀', r == '█' || r == '▄'
			for dy := range k {
				for dx := range k {
					img.SetGray(x*k+dx, 2*y*k+dy, gray(top))
					img.SetGray(x*k+dx, (2*y+1)*k+dy, gray(bottom))
				}
			}
		}
	}
	text, err := goqr.Decode(img)
	if err != nil {
		t.Fatalf("the drawing does not decode: %v", err)
	}
	return text
}

func gray(dark bool) color.Gray {
	if dark {
		return color.Gray{0}
	}
	return color.Gray{255}
}

func TestTerminal(t *testing.T) {
	link := "http://192.168.1.5:8080/?token=0123456789abcdef0123456789abcdef"
	c, err := Encode(link)
	if err != nil {
		t.Fatal(err)
	}
	s := c.Terminal(false)
	if got := decodeTerminal(t, s); got != link {
		t.Errorf("decoded %q, want %q", got, link)
	}
	lines := strings.Split(strings.TrimSuffix(s, "\n"), "\n")
	if len([]rune(lines[0])) != c.side() || strings.TrimSpace(lines[0]) != "" {
		t.Errorf("the first line is not the quiet border: %q", lines[0])
	}
	ansi := c.Terminal(true)
	if !strings.HasPrefix(ansi, "\x1b[30;47m") || strings.Count(ansi, "\x1b[0m\n") != len(lines) {
		t.Error("the coloured drawing does not colour each line")
	}
}

func TestSVG(t *testing.T) {
	c, _ := Encode("http://10.0.0.2:8080/")
	svg := c.SVG(`Link "x" & <y>`)
	if !strings.HasPrefix(svg, `<svg xmlns="http://www.w3.org/2000/svg" width="264" height="264" viewBox="0 0 33 33" role="img" aria-label="Link &quot;x&quot; &amp; &lt;y&gt;"`) {
		t.Errorf("svg starts %.160s", svg)
	}
	// Every dark module is one square of the path, at its place.
	if n := strings.Count(svg, "h1v1h-1z"); n == 0 || !strings.Contains(svg, "M4 4h1v1h-1z") {
		t.Errorf("%d squares; the finder pattern's corner (4,4) missing", n)
	}
}
