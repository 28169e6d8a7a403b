package pack

import (
	"strings"
	"testing"
)

func TestSafeName(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`Biedrība "Brīnumiņš"`, "Biedriba-Brinumins"},
		{"Talsu novada pašvaldība", "Talsu-novada-pasvaldiba"},
		{"../../etc/passwd", "etc-passwd"},
		{`C:\Windows\system32`, "C-Windows-system32"},
		{"..", "organisation"},
		{"   ", "organisation"},
		{"a\x00b\nc\td", "a-b-c-d"},
		{"CON", "CON-org"},
		{"nul", "nul-org"},
		{"Δήμος Αγλαντζιάς", "Δημος-Αγλαντζιας"},
		{"Łódź Ørsted", "Lodz-Orsted"},
		{"🙂 Smile club 🙂", "Smile-club"},
		{strings.Repeat("ā", 200), strings.Repeat("a", 64)},
	} {
		if got := SafeName(tc.in, "organisation"); got != tc.want {
			t.Errorf("SafeName(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestNamesUnique(t *testing.T) {
	var n Names
	got := []string{n.Unique("Brīnumiņš", "x"), n.Unique("brinumins", "x"), n.Unique("Brīnumiņš", "x"), n.Unique("", "x"), n.Unique("", "x")}
	want := []string{"Brinumins", "brinumins-2", "Brinumins-3", "x", "x-2"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("got %v, want %v", got, want)
	}
}
