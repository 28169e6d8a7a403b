package pdf

// The sizes, in mm, of pages that are not the theme's paper: the A3 poster
// and the 16:9 slides.
const (
	A3Width, A3Height = 297.0, 420.0
	// SlideWidth and SlideHeight are a 16:9 slide, as presentation
	// programs make it (33.867 cm × 19.05 cm, 13.333 in × 7.5 in).
	SlideWidth, SlideHeight = 338.667, 190.5
)

// WithPageSize sets the page's width and height in mm, overriding the
// theme's paper and WithPaper: an A3 poster, a 16:9 slide. Sizes outside
// 50–2000 mm are ignored.
func WithPageSize(w, h float64) Option {
	return func(c *config) {
		if w >= 50 && w <= 2000 && h >= 50 && h <= 2000 {
			c.pageW, c.pageH = w, h
		}
	}
}
