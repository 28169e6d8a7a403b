package importpdf

import (
	"errors"
	"strings"
	"testing"

	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/contenttest"
)

// FuzzRead reads arbitrary bytes as a filled form: never a panic, and a
// refusal is an *Error of one line.
func FuzzRead(f *testing.F) {
	lang := contenttest.Language(f, "en")
	f.Add(fillable(f, lang, content.Municipality, nil))
	f.Add([]byte("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R /Encrypt 2 0 R >>\n%%EOF\n"))
	f.Add([]byte("%PDF-1.4\n1 0 obj << /Length 10 /Filter /FlateDecode >>\nstream\nx\x9c\x03\x00\x00\x00\x00\x01\nendstream\nendobj\n%%EOF"))
	b := contenttest.Bundle(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := Read(data, b)
		if err == nil {
			if a == nil {
				t.Fatal("no answers and no error")
			}
			return
		}
		var e *Error
		if !errors.As(err, &e) {
			t.Fatalf("error %T %v, want an *Error", err, err)
		}
		if strings.Contains(e.Msg, "\n") {
			t.Fatalf("message of more than one line: %q", e.Msg)
		}
	})
}
