// Package paper names the paper sizes the documents are printed on, for the
// PDFs and the workbooks alike.
package paper

import (
	"strings"

	"github.com/partnership-roadmap/roadmap/internal/msg"
)

// Size is a paper size.
type Size string

// The paper sizes.
const (
	A4     Size = "a4"
	Letter Size = "letter"
)

// Parse parses a paper size: a4 or letter, in any case.
func Parse(s string) (Size, error) {
	switch p := Size(strings.ToLower(strings.TrimSpace(s))); p {
	case A4, Letter:
		return p, nil
	}
	return "", msg.New("usage.unknown-value", "what", msg.New("usage.what.paper"), "value", msg.Value(s), "allowed", "a4, letter")
}
