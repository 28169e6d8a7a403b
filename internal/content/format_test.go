package content

import "testing"

func TestFormat(t *testing.T) {
	for _, c := range []struct {
		s    string
		kv   []string
		want string
	}{
		{"{n}. {title}", []string{"n", "1.2.", "title", "Mērķi"}, "1.2.. Mērķi"},
		{"Rinda {row}: {column}", []string{"row", "3", "column", "Atbildīgais"}, "Rinda 3: Atbildīgais"},
		{"{n} {n}", []string{"n", "7"}, "7 7"},
		{"{other} stays, {n} goes", []string{"n", "1"}, "{other} stays, 1 goes"},
		{"{{n}}", []string{"n", "1"}, "{1}"},
		{"an unclosed {n", []string{"n", "1"}, "an unclosed {n"},
		{"no placeholders", []string{"n", "1"}, "no placeholders"},
		{"{n}", nil, "{n}"},
		{"{n}", []string{"n", "{title}", "title", "x"}, "{title}"}, // values are not formatted again
		{"{}", []string{"", "empty"}, "empty"},
	} {
		if got := format(c.s, c.kv...); got != c.want {
			t.Errorf("format(%q, %q) = %q; want %q", c.s, c.kv, got, c.want)
		}
	}
}
