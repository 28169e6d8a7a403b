package paper

import "testing"

func TestParse(t *testing.T) {
	for in, want := range map[string]Size{"a4": A4, " A4 ": A4, "Letter": Letter} {
		if got, err := Parse(in); err != nil || got != want {
			t.Errorf("Parse(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := Parse("a3"); err == nil || err.Error() != `unknown paper "a3"; allowed: a4, letter` {
		t.Errorf("Parse(a3) error = %v", err)
	}
}
