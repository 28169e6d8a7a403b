package content

import (
	"slices"
	"testing"
	"testing/fstest"
)

func TestPluralCategories(t *testing.T) {
	for code, want := range map[string][]string{
		"lv": {"zero", "one", "other"},
		"lt": {"one", "few", "many", "other"},
		"en": {"one", "other"},
		"sv": {"one", "other"},
		"pt": {"one", "other"},
		"el": {"one", "other"},
	} {
		if got := PluralCategories(code); !slices.Equal(got, want) {
			t.Errorf("PluralCategories(%s) = %v, want %v", code, got, want)
		}
	}
}

func TestCount(t *testing.T) {
	lv := &Language{Code: "lv", Labels: Labels{"k": "{n} punkti"}, Plurals: map[string]map[string]string{
		"k": {"zero": "{n} punktu", "one": "{n} punkts", "other": "{n} punkti"},
	}}
	lt := &Language{Code: "lt", Labels: Labels{"k": "{n} punkto"}, Plurals: map[string]map[string]string{
		"k": {"one": "{n} punktas", "few": "{n} punktai", "many": "{n} punkto", "other": "{n} punktų"},
	}}
	for _, tc := range []struct {
		l    *Language
		n    int
		want string
	}{
		{lv, 0, "0 punktu"}, {lv, 1, "1 punkts"}, {lv, 21, "21 punkts"}, {lv, 12, "12 punktu"}, {lv, 13, "13 punktu"}, {lv, 3, "3 punkti"},
		{lt, 1, "1 punktas"}, {lt, 3, "3 punktai"}, {lt, 10, "10 punktų"}, {lt, 21, "21 punktas"}, {lt, 12, "12 punktų"},
	} {
		if got := tc.l.Count("k", tc.n); got != tc.want {
			t.Errorf("%s Count(%d) = %q, want %q", tc.l.Code, tc.n, got, tc.want)
		}
	}
	// Portuguese is Portugal's: 0 takes "other" ("0 ficheiros"), where
	// Brazilian Portuguese (golang.org/x/text's "pt") gives 0 "one".
	pt := &Language{Code: "pt", Labels: Labels{"k": "{n} ficheiros"}, Plurals: map[string]map[string]string{
		"k": {"one": "{n} ficheiro", "other": "{n} ficheiros"},
	}}
	for n, want := range map[int]string{0: "0 ficheiros", 1: "1 ficheiro", 2: "2 ficheiros"} {
		if got := pt.Count("k", n); got != want {
			t.Errorf("pt Count(%d) = %q, want %q", n, got, want)
		}
	}
	if got := PluralCategoryOf("pt", 0); got != "other" {
		t.Errorf("PluralCategoryOf(pt, 0) = %s, want other", got)
	}
	plain := &Language{Code: "en", Labels: Labels{"k": "{n} rows of {what}"}}
	if got := plain.Count("k", 2, "what", "plans"); got != "2 rows of plans" {
		t.Errorf("plain label: %q", got)
	}
}

func TestPluralLabelsLoad(t *testing.T) {
	fsys := fstest.MapFS{
		"lv/roadmap.yaml":       {Data: []byte("language: lv\nname: Latviešu\nstatus: reviewed\n")},
		"lv/labels/common.yaml": {Data: []byte("n.rows:\n  zero: \"{n} rindu\"\n  one: \"{n} rinda\"\n  other: \"{n} rindas\"\nbad:\n  one: x\n  sevral: y\n")},
	}
	_, err := Load(fsys, "c")
	if err == nil {
		t.Fatal("no error for an unknown plural form")
	}
	want := `c/lv/labels/common.yaml:7:3: label "bad": unknown plural form "sevral"; allowed: zero, one, two, few, many, other`
	if got := err.Error(); got != want {
		t.Errorf("error\n got %s\nwant prefix %s", got, want)
	}
	fsys["lv/labels/common.yaml"] = &fstest.MapFile{Data: []byte("n.rows:\n  zero: \"{n} rindu\"\n  one: \"{n} rinda\"\n  other: \"{n} rindas\"\n")}
	b, err := Load(fsys, "c")
	if err != nil {
		t.Fatal(err)
	}
	lv, _ := b.Language("lv")
	if lv.Status != Reviewed {
		t.Errorf("status %q", lv.Status)
	}
	if got := lv.Count("n.rows", 1); got != "1 rinda" {
		t.Errorf("Count = %q", got)
	}
}
