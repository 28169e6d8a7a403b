package diag

import (
	"errors"
	"testing"

	"go.yaml.in/yaml/v3"
)

func TestSuggest(t *testing.T) {
	ids := []string{"target-group", "needs", "done", "in-progress", "title", "checkpoints"}
	for _, tc := range []struct{ in, want string }{
		{"target-grup", "target-group"},
		{"titel", "title"},
		{"chekpoints", "checkpoints"},
		{"need", "needs"},
		{"soon", ""},
		{"xyz", ""},
	} {
		if got := Suggest(tc.in, ids); got != tc.want {
			t.Errorf("Suggest(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestListErrSortsByPosition(t *testing.T) {
	var l List
	l.Add("b.yaml", &yaml.Node{Line: 1, Column: 1}, "third")
	l.Add("a.yaml", &yaml.Node{Line: 9, Column: 2}, "second")
	l.Add("a.yaml", &yaml.Node{Line: 2, Column: 5}, "first %d", 1)
	err := l.Err()
	want := "a.yaml:2:5: first 1\na.yaml:9:2: second\nb.yaml:1:1: third"
	if err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
	var got List
	if !errors.As(err, &got) || len(got) != 3 {
		t.Errorf("the error is not a List of 3: %#v", err)
	}
	if (List{}).Err() != nil {
		t.Error("an empty list must be a nil error")
	}
}

func TestFromYAML(t *testing.T) {
	p := FromYAML("x.yaml", errors.New("yaml: line 7: mapping values are not allowed in this context"))
	if got := p.Error(); got != "x.yaml:7:1: invalid YAML: mapping values are not allowed in this context" {
		t.Errorf("got %s", got)
	}
}
