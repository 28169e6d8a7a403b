package answers

import (
	"os"
	"testing"

	embedded "github.com/partnership-roadmap/roadmap/content"
	"github.com/partnership-roadmap/roadmap/internal/content"
)

func BenchmarkParseExample(b *testing.B) {
	bundle, _ := content.Open(embedded.FS, "content")
	data, _ := os.ReadFile("../../examples/brinumins-community-lv.yaml")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse("x.yaml", data, bundle); err != nil {
			b.Fatal(err)
		}
	}
}
