package pdf

import (
	"math"
	"testing"
)

func TestWithPageSize(t *testing.T) {
	for _, tt := range []struct {
		opts []Option
		w, h float64
	}{
		{nil, 210, 297},
		{[]Option{WithPaper(Letter)}, 215.9, 279.4},
		{[]Option{WithPageSize(SlideWidth, SlideHeight)}, SlideWidth, SlideHeight},
		{[]Option{WithPaper(Letter), WithPageSize(A3Width, A3Height)}, A3Width, A3Height},
		{[]Option{WithPageSize(10, 5000)}, 210, 297}, // out of range: ignored
	} {
		d, err := New(tt.opts...)
		if err != nil {
			t.Fatal(err)
		}
		if w, h := d.PageSize(); math.Abs(w-tt.w) > 0.01 || math.Abs(h-tt.h) > 0.01 {
			t.Errorf("page size %.2f × %.2f, want %.2f × %.2f", w, h, tt.w, tt.h)
		}
	}
}
