package pdfcheck

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestHandMade checks the hand-made PDFs of testdata (made by gen.go): the
// good one keeps every rule, each other breaks the rule it is named after,
// found on the page and object at fault.
func TestHandMade(t *testing.T) {
	tests := []struct {
		file string
		want []string // failures, as printed
	}{
		{"good.pdf", nil},
		{"untagged.pdf", []string{
			"UA 01-001: the document is tagged: /MarkInfo <</Marked true>>",
			"UA 01-001: the document has a structure tree (/StructTreeRoot)",
			"page 1, object 8, UA 28-011: a link annotation is in a Link element of the structure tree",
			"page 1, object 9, UA 28-010: a widget annotation is in a Form element of the structure tree",
			`page 1, object 3, UA 01-005: content is tagged or marked as an artifact ("f" drawn outside tagged or artifact content)`,
		}},
		{"no-lang.pdf", []string{"UA 11-001: the document's language is declared (/Lang) (no /Lang in the catalogue)"}},
		{"figure-no-alt.pdf", []string{"page 1, object 7, UA 13-004: a Figure has an alternative description (/Alt)"}},
		{"widget-untagged.pdf", []string{"page 1, object 9, UA 28-010: a widget annotation is in a Form element of the structure tree"}},
		{"link-no-contents.pdf", []string{"page 1, object 8, UA 28-012: a link annotation has a description (/Contents)"}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			fails, err := Check(data)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range fails {
				got = append(got, f.String())
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("failures:\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestNotAPDF(t *testing.T) {
	if _, err := Check([]byte("hello")); err == nil {
		t.Error("no error for a file that is no PDF")
	}
	fails, err := Check([]byte("%PDF-1.7\ntrailer\n<</Root 1 0 R /Encrypt 2 0 R>>\n%%EOF"))
	if err != nil || len(fails) != 1 || fails[0].Rule != RuleEncrypted {
		t.Errorf("encrypted: %v %v", fails, err)
	}
}

func TestUnmarked(t *testing.T) {
	tests := []struct{ in, want string }{
		{"BT (a) Tj ET", `"Tj" drawn outside tagged or artifact content`},
		{"/P <</MCID 0>> BDC BT (a\\) [x]) Tj ET EMC", ""},
		{"/Artifact BMC 0 0 m 1 1 l S EMC", ""},
		{"/Span BMC 0 0 m 1 1 l S EMC", `"S" drawn outside tagged or artifact content`},
		{"/P <</MCID 0>> BDC EMC 1 1 5 5 re f", `"f" drawn outside tagged or artifact content`},
		{"0 0 5 5 re W n", ""},
	}
	for _, tt := range tests {
		if got := unmarked([]byte(tt.in)); got != tt.want {
			t.Errorf("unmarked(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
