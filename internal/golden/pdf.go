package golden

import (
	"fmt"
	"strings"
	"testing"

	"github.com/partnership-roadmap/roadmap/internal/pdftest"
)

// PDF returns the summary of a PDF that golden files hold: per page its
// text (pdftotext -layout, trailing spaces trimmed), then the outline and
// the links, so that a change of page breaks, order, outline or links
// shows as a diff.
func PDF(t testing.TB, pdf []byte) []byte {
	t.Helper()
	var b strings.Builder
	for i, p := range pdftest.Pages(t, pdf) {
		fmt.Fprintf(&b, "=== page %d\n", i+1)
		for _, l := range strings.Split(strings.TrimRight(p, "\n "), "\n") {
			b.WriteString(strings.TrimRight(l, " "))
			b.WriteByte('\n')
		}
	}
	b.WriteString("=== outline\n")
	for _, o := range pdftest.Outline(t, pdf) {
		fmt.Fprintf(&b, "%s%s → p%d\n", strings.Repeat("  ", o.Level), o.Title, o.Page)
	}
	b.WriteString("=== links\n")
	for _, l := range pdftest.Links(t, pdf) {
		if l.URI != "" {
			fmt.Fprintf(&b, "p%d → %s\n", l.Page, l.URI)
		} else {
			fmt.Fprintf(&b, "p%d → p%d\n", l.Page, l.DestPage)
		}
	}
	return []byte(b.String())
}
