package answers

import (
	"fmt"
	"github.com/partnership-roadmap/roadmap/internal/msg"
	"os"
	"strings"
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

// broken1MB returns an answers file of about 1 MB, a long action plan,
// broken by mistake at the row given as a fraction of the file (0 the
// first row, 1 the last).
func broken1MB(at float64, mistake string) []byte {
	var b strings.Builder
	b.WriteString("form: community\nlanguage: lv\naction_plan:\n")
	row := "  - activity: Tikšanās ar domes komiteju par pilotprojektu\n    responsible: Ilze\n    deadline: 2027-03-01\n    notes: |\n      Sagatavot prezentāciju un budžeta tāmi.\n"
	rows := (1 << 20) / len(row)
	for i := range rows {
		if i == int(at*float64(rows-1)) {
			b.WriteString(mistake)
		}
		b.WriteString(row)
	}
	return []byte(b.String())
}

// BenchmarkParseBroken1MB measures placing a syntax error in a broken
// 1 MB answers file: parsing it once (a 1 MB file takes ~50 ms to parse)
// plus the bounded search for the line of the mistake.
func BenchmarkParseBroken1MB(b *testing.B) {
	bundle, _ := content.Open(embedded.FS, "content")
	for _, tc := range []struct {
		name    string
		at      float64
		mistake string
	}{
		{"indentation-at-end", 1, "  - activity: x\n   responsible: y\n"},
		{"indentation-at-start", 0, "  - activity: x\n   responsible: y\n"},
		{"unclosed-list-in-middle", 0.5, "  - activity: [x, y\n"},
		{"unclosed-quote-at-start", 0, "  - activity: \"x\n"},
	} {
		data := broken1MB(tc.at, tc.mistake)
		b.Run(tc.name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, err := Parse("x.yaml", data, bundle); err == nil {
					b.Fatal("a broken file parsed")
				}
			}
		})
	}
}

// TestBroken1MBPlaced checks that a mistake deep in a 1 MB file is placed
// at its own line, not at the start of the list it breaks.
func TestBroken1MBPlaced(t *testing.T) {
	bundle, _ := content.Open(embedded.FS, "content")
	const mistake = "  - activity: x\n   responsible: y\n"
	for _, at := range []float64{0, 0.5, 1} {
		data := broken1MB(at, mistake)
		line := strings.Count(string(data[:strings.Index(string(data), mistake)]), "\n") + 2
		_, err := Parse("x.yaml", data, bundle)
		want := fmt.Sprintf("x.yaml:%d:4: %s", line, msg.New("syntax.indent"))
		if err == nil || err.Error() != want {
			t.Errorf("at %v: %v, want %s", at, err, want)
		}
	}
}
