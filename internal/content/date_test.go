package content

import (
	"testing"
	"time"
)

func TestFormatDate(t *testing.T) {
	d := time.Date(2026, time.November, 7, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct{ label, layout, want string }{
		{"dd.mm.yyyy.", "dd.mm.yyyy.", "07.11.2026."},
		{"dd/mm/yyyy", "dd/mm/yyyy", "07/11/2026"},
		{" YYYY-MM-DD ", "yyyy-mm-dd", "2026-11-07"},
		{"", "yyyy-mm-dd", "2026-11-07"},
		{"dd.mm.yy", "yyyy-mm-dd", "2026-11-07"},
		{"dd.dd.yyyy", "yyyy-mm-dd", "2026-11-07"},
	} {
		l := &Language{Labels: Labels{DateFormatLabel: tc.label}}
		if got := l.DateLayout(); got != tc.layout {
			t.Errorf("DateLayout(%q) = %q, want %q", tc.label, got, tc.layout)
		}
		if got := l.FormatDate(d); got != tc.want {
			t.Errorf("FormatDate with %q = %q, want %q", tc.label, got, tc.want)
		}
	}
}
