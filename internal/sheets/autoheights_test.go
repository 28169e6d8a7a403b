package sheets

import "testing"

// TestAutoHeights: the custom-height mark is dropped from the rows asked
// for only, wherever it stands in the row element, and nothing else moves.
func TestAutoHeights(t *testing.T) {
	rows := map[int]bool{2: true, 12: true}
	for _, c := range []struct{ in, want string }{
		{`<row r="2" ht="30" customHeight="true"><c r="A2"/></row>`, `<row r="2" ht="30"><c r="A2"/></row>`},
		{`<row r="3" ht="30" customHeight="true"></row>`, `<row r="3" ht="30" customHeight="true"></row>`},
		{`<row r="12" customHeight="true" ht="9">x</row><row r="2" ht="1" customHeight="true">`, `<row r="12" ht="9">x</row><row r="2" ht="1">`},
		{`<row r="2" ht="30"><c customHeight="true"/></row>`, `<row r="2" ht="30"><c customHeight="true"/></row>`},
		{`<row r="" customHeight="true">`, `<row r="" customHeight="true">`},
		{`<row r="2`, `<row r="2`},
		{`<row r="2" customHeight="true"`, `<row r="2"`},
		{`no rows`, `no rows`},
	} {
		if got := string(autoHeights([]byte(c.in), rows)); got != c.want {
			t.Errorf("autoHeights(%s) = %s, want %s", c.in, got, c.want)
		}
	}
}
