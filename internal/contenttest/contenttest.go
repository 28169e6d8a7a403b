// Package contenttest gives tests the roadmap's content as the program
// embeds it, loaded once per test binary.
package contenttest

import (
	"sync"
	"testing"

	embedded "github.com/partnership-roadmap/roadmap/content"
	"github.com/partnership-roadmap/roadmap/internal/content"
)

var load = sync.OnceValues(func() (*content.Bundle, error) { return content.Load(embedded.FS, "content") })

// Bundle returns the embedded content, every language.
func Bundle(t testing.TB) *content.Bundle {
	t.Helper()
	b, err := load()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Language returns language code of the embedded content.
func Language(t testing.TB, code string) *content.Language {
	t.Helper()
	l, err := Bundle(t).Language(code)
	if err != nil {
		t.Fatal(err)
	}
	return l
}
