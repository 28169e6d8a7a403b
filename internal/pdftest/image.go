package pdftest

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"testing"
)

// PPM decodes a binary PPM image (P6, maxval 255), as pdftoppm writes it.
func PPM(t testing.TB, b []byte) image.Image {
	t.Helper()
	var w, h, maxval int
	r := bytes.NewReader(b)
	if _, err := fmt.Fscanf(r, "P6\n%d %d\n%d", &w, &h, &maxval); err != nil || maxval != 255 {
		t.Fatalf("not a PPM image pdftoppm writes: %v", err)
	}
	if _, err := r.ReadByte(); err != nil { // the one whitespace after maxval
		t.Fatal(err)
	}
	pix := b[len(b)-r.Len():]
	if len(pix) < 3*w*h {
		t.Fatalf("PPM image of %d×%d with %d bytes of pixels", w, h, len(pix))
	}
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := range w * h {
		img.Pix[4*i], img.Pix[4*i+1], img.Pix[4*i+2], img.Pix[4*i+3] = pix[3*i], pix[3*i+1], pix[3*i+2], 255
	}
	return img
}

// Ink counts the pixels of img in r darker than limit (0 to 255, in gray):
// how much is drawn there in a dark colour, such as text.
func Ink(img image.Image, r image.Rectangle, limit uint8) int {
	n := 0
	r = r.Intersect(img.Bounds())
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if color.GrayModel.Convert(img.At(x, y)).(color.Gray).Y < limit {
				n++
			}
		}
	}
	return n
}

// Changed counts the pixels in r that differ between a and b by more than
// a little in any channel.
func Changed(a, b image.Image, r image.Rectangle) int {
	n := 0
	r = r.Intersect(a.Bounds()).Intersect(b.Bounds())
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			r1, g1, b1, _ := a.At(x, y).RGBA()
			r2, g2, b2, _ := b.At(x, y).RGBA()
			if diff(r1, r2) > 0x2000 || diff(g1, g2) > 0x2000 || diff(b1, b2) > 0x2000 {
				n++
			}
		}
	}
	return n
}

func diff(a, b uint32) uint32 {
	if a > b {
		return a - b
	}
	return b - a
}
