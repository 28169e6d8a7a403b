package diag

import (
	"strings"
	"testing"

	"github.com/partnership-roadmap/roadmap/internal/msg"
)

// TestClipText checks that a shortened text says its length in the
// reader's language, with that language's plural form.
func TestClipText(t *testing.T) {
	long := strings.Repeat("ā", 121) // 242 bytes, 121 characters
	head := strings.Repeat("ā", 60) + "… "
	for lang, want := range map[string]string{
		"en": "(121 characters)", "lv": "(121 rakstzīme)", "lt": "(121 simbolis)",
	} {
		if got := ClipText(long).In(lang); got != head+want {
			t.Errorf("%s: %q", lang, got)
		}
	}
	if got := Clip(long); got != head+"(121 characters)" {
		t.Errorf("Clip: %q", got)
	}
	if got := ClipText("short").In("lv"); got != "short" {
		t.Errorf("a short text: %q", got)
	}
}

// TestColonExampleClipped checks that the example of a quoted line, when
// long, is shortened in the file's language.
func TestColonExampleClipped(t *testing.T) {
	src := "name: " + strings.Repeat("x", 100) + ": " + strings.Repeat("y", 150) + "\n"
	_, problems := Parse("a.yaml", []byte(src), msg.Plain("a.yaml"))
	if len(problems) != 1 || problems[0].Text == nil {
		t.Fatalf("problems: %v", problems)
	}
	got := problems[0].Text.In("lv")
	if !strings.Contains(got, "… (260 rakstzīmes)") || strings.Contains(got, "characters") {
		t.Errorf("lv: %s", got)
	}
}
