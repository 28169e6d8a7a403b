// Package qr draws a QR code of a link, for a terminal and for a web page,
// so that phones in a workshop room can open it without typing it.
package qr

import (
	"fmt"
	"strings"

	goqr "github.com/piglig/go-qr"
)

// quiet is the light border around the code, in modules (the standard asks
// for 4).
const quiet = 4

// Code is the modules of a QR code of a text.
type Code struct{ c *goqr.QrCode }

// Encode makes the QR code of text, with medium error correction (15 % of
// the code may be unreadable).
func Encode(text string) (Code, error) {
	c, err := goqr.EncodeText(text, goqr.Medium)
	if err != nil {
		return Code{}, fmt.Errorf("making the QR code: %w", err)
	}
	return Code{c}, nil
}

// dark reports whether the module at x, y (quiet border included) is dark.
func (q Code) dark(x, y int) bool { return q.c.Module(x-quiet, y-quiet) }

func (q Code) side() int { return q.c.Size() + 2*quiet }

// Terminal draws the code with half blocks, two rows of modules to a line
// of text. ansi draws it black on white with terminal colours, which reads
// on a dark terminal too; without, dark modules are the characters' ink,
// for a light background (a file, a printout).
func (q Code) Terminal(ansi bool) string {
	var b strings.Builder
	n := q.side()
	for y := 0; y < n; y += 2 {
		if ansi {
			b.WriteString("\x1b[30;47m")
		}
		for x := range n {
			top, bottom := q.dark(x, y), y+1 < n && q.dark(x, y+1)
			switch {
			case top && bottom:
				b.WriteString("█")
			case top:
				b.WriteString("▀")
			case bottom:
				b.WriteString("▄")
			default:
				b.WriteString(" ")
			}
		}
		if ansi {
			b.WriteString("\x1b[0m")
		}
		b.WriteString("\n")
	}
	return b.String()
}

// SVG draws the code as an SVG element: one path of the dark modules on a
// white square, 8 pixels a module (viewBox in modules).
func (q Code) SVG(title string) string {
	n := q.side()
	var p strings.Builder
	for y := range n {
		for x := range n {
			if q.dark(x, y) {
				fmt.Fprintf(&p, "M%d %dh1v1h-1z", x, y)
			}
		}
	}
	return fmt.Sprintf(`<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" role="img" aria-label="%s" shape-rendering="crispEdges"><rect width="%d" height="%d" fill="#fff"/><path d="%s" fill="#000"/></svg>`,
		8*n, 8*n, n, n, escape(title), n, n, p.String())
}

func escape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(s)
}
