package pdf

import (
	"bytes"
	"testing"

	"codeberg.org/go-pdf/fpdf"
	"github.com/go-fonts/liberation/liberationsansbold"
	"github.com/go-fonts/liberation/liberationsansbolditalic"
	"github.com/go-fonts/liberation/liberationsansitalic"
	"github.com/go-fonts/liberation/liberationsansregular"
)

func BenchmarkScratchAdd4(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		f := fpdf.New("P", "mm", "A4", "")
		f.AddUTF8FontFromBytes("S", "", liberationsansregular.TTF)
		f.AddUTF8FontFromBytes("S", "B", liberationsansbold.TTF)
		f.AddUTF8FontFromBytes("S", "I", liberationsansitalic.TTF)
		f.AddUTF8FontFromBytes("S", "BI", liberationsansbolditalic.TTF)
	}
}
func BenchmarkScratchAdd1Output(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		f := fpdf.New("P", "mm", "A4", "")
		f.AddUTF8FontFromBytes("S", "", liberationsansregular.TTF)
		f.AddPage()
		f.SetFont("S", "", 12)
		f.Cell(40, 10, "Sveiki ā č ē ģ")
		var buf bytes.Buffer
		f.Output(&buf)
	}
}
func BenchmarkScratchEmpty(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		f := fpdf.New("P", "mm", "A4", "")
		f.AddPage()
		f.SetFont("Helvetica", "", 12)
		f.Cell(40, 10, "Sveiki")
		var buf bytes.Buffer
		f.Output(&buf)
	}
}
