package content_test

import (
	"testing"

	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/contenttest"
)

// TestRegistrationCheckpoints checks that the registration form has its
// own questions, numbered 1, 2, 3, and shares none with the checklists.
func TestRegistrationCheckpoints(t *testing.T) {
	lang := contenttest.Language(t, "en")
	reg := lang.Checkpoints(content.Registration)
	if len(reg) != 8 || reg[0].ID != "field-of-work" || lang.Number(reg[0]) != "1" || lang.Number(reg[7]) != "8" {
		t.Fatalf("registration checkpoints %d, first %q numbered %q", len(reg), reg[0].ID, lang.Number(reg[0]))
	}
	for _, cp := range lang.Checkpoints("all") {
		if cp.Audience.Includes(content.Registration) {
			t.Errorf("checkpoint %s (%s) is on the registration form", cp.ID, cp.Audience)
		}
	}
	for _, cp := range reg {
		if cp.Audience != content.Registration || cp.Audience.Includes(content.Community) || lang.Checkpoint(cp.ID) != cp {
			t.Errorf("registration question %s: audience %q", cp.ID, cp.Audience)
		}
	}
	for _, f := range []content.Audience{content.Municipality, content.Community} {
		for _, cp := range lang.Checkpoints(f) {
			if cp.Audience == content.Registration {
				t.Errorf("the %s form has the registration's %s", f, cp.ID)
			}
		}
	}
}
