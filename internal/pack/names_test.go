package pack

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/partnership-roadmap/roadmap/internal/answers"
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

// TestWindowsSafeNames turns organisation names into the names of the
// files and folders roadmap writes for them (a filled form's file, a
// render folder), and checks that each is one Windows accepts: none of
// \ / : * ? " < > | or a control character, no reserved device name such
// as CON or COM1 whatever follows a dot, no trailing dot or space, at most
// 255 characters; and that no two differ only in letter case, which
// Windows and macOS take for one name.
func TestWindowsSafeNames(t *testing.T) {
	for _, tc := range []struct{ org, form, folder string }{
		{`Biedrība "Brīnumiņš"`, "Biedriba-Brinumins-community.pdf", "Biedriba-Brinumins"},
		{"BIEDRĪBA „BRĪNUMIŅŠ”", "BIEDRIBA-BRINUMINS-community.pdf", "BIEDRIBA-BRINUMINS-2"},
		{"Who? Us: <Youth> | *Club*", "Who-Us-Youth-Club-community.pdf", "Who-Us-Youth-Club"},
		{`C:\Users\Public`, "C-Users-Public-community.pdf", "C-Users-Public"},
		{"CON", "CON-org-community.pdf", "CON-org"},
		{"con.", "con-org-community.pdf", "con-org-2"},
		{"Aux", "Aux-org-community.pdf", "Aux-org"},
		{"NUL.txt", "NUL-txt-community.pdf", "NUL-txt"},
		{"COM¹", "COM1-org-community.pdf", "COM1-org"},
		{"lpt0", "lpt0-org-community.pdf", "lpt0-org"},
		{"Trailing dots...", "Trailing-dots-community.pdf", "Trailing-dots"},
		{"Trailing spaces   ", "Trailing-spaces-community.pdf", "Trailing-spaces"},
		{"...", "answers-community.pdf", "organisation"},
		{"Δήμος Αγλαντζιάς", "Δημος-Αγλαντζιας-community.pdf", "Δημος-Αγλαντζιας"},
		{"ΔΗΜΟΣ ΑΓΛΑΝΤΖΙΑΣ", "ΔΗΜΟΣ-ΑΓΛΑΝΤΖΙΑΣ-community.pdf", "ΔΗΜΟΣ-ΑΓΛΑΝΤΖΙΑΣ-2"},
		{"Tab\tand\nnewline", "Tab-and-newline-community.pdf", "Tab-and-newline"},
	} {
		doc := Document{ID: "form-community", File: "form-community.pdf"}
		a := &answers.File{Path: "answers.yaml"}
		a.Organisation.Name = tc.org
		if got := doc.FileName(a, BuildOptions{}); got != tc.form {
			t.Errorf("form file of %q = %q, want %q", tc.org, got, tc.form)
		}
		if err := windowsSafe(doc.FileName(a, BuildOptions{})); err != "" {
			t.Errorf("form file of %q: %s", tc.org, err)
		}
	}
	var names Names
	seen := map[string]string{}
	for _, tc := range []struct{ org, folder string }{
		{`Biedrība "Brīnumiņš"`, "Biedriba-Brinumins"},
		{"BIEDRĪBA „BRĪNUMIŅŠ”", "BIEDRIBA-BRINUMINS-2"},
		{"CON", "CON-org"},
		{"con.", "con-org-2"},
		{"COM¹", "COM1-org"},
		{"Trailing dots...", "Trailing-dots"},
		{"...", "organisation"},
		{"Δήμος Αγλαντζιάς", "Δημος-Αγλαντζιας"},
		{"ΔΗΜΟΣ ΑΓΛΑΝΤΖΙΑΣ", "ΔΗΜΟΣ-ΑΓΛΑΝΤΖΙΑΣ-2"},
	} {
		got := names.Unique(tc.org, "organisation")
		if got != tc.folder {
			t.Errorf("render folder of %q = %q, want %q", tc.org, got, tc.folder)
		}
		if err := windowsSafe(got); err != "" {
			t.Errorf("render folder of %q: %s", tc.org, err)
		}
		if other, ok := seen[FoldName(got)]; ok {
			t.Errorf("render folders %q and %q differ only in case", other, got)
		}
		seen[FoldName(got)] = got
	}
}

// windowsSafe says why Windows would refuse name as a file or folder
// name, or "" when it accepts it.
func windowsSafe(name string) string {
	if name == "" || utf8.RuneCountInString(name) > 255 {
		return "empty or longer than 255 characters"
	}
	for _, r := range name {
		if r < 32 || strings.ContainsRune(`\/:*?"<>|`, r) {
			return fmt.Sprintf("holds %q", r)
		}
	}
	if strings.HasSuffix(name, ".") || strings.HasSuffix(name, " ") {
		return "ends in a dot or a space"
	}
	base, _, _ := strings.Cut(name, ".")
	switch strings.ToUpper(strings.TrimRight(base, " ")) {
	case "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
		"COM0", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
		"LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9":
		return "is a reserved device name"
	}
	return ""
}
