// Package paper names the paper sizes the documents are printed on, for the
// PDFs and the workbooks alike.
package paper

import (
	"fmt"
	"strings"
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
	return "", fmt.Errorf("unknown paper %q; allowed: a4, letter", s)
}
