package content_test

import (
	"testing"

	embedded "github.com/partnership-roadmap/roadmap/content"
	"github.com/partnership-roadmap/roadmap/internal/content"
)

// BenchmarkLoad measures loading the embedded content, every language.
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := content.Load(embedded.FS, "content"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLanguage measures reading one language, as a command that makes
// one document does.
func BenchmarkLanguage(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		bundle, err := content.Open(embedded.FS, "content")
		if err != nil {
			b.Fatal(err)
		}
		if _, err := bundle.Language("lv"); err != nil {
			b.Fatal(err)
		}
	}
}
