package content_test

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	embedded "github.com/partnership-roadmap/roadmap/content"
	"github.com/partnership-roadmap/roadmap/internal/content"
)

// TestNumber: checkpoints are numbered per step in the booklet's order,
// 1.1 … 3.4, the same in every language.
func TestNumber(t *testing.T) {
	b, err := content.Load(embedded.FS, "content")
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range b.Languages {
		var got []string
		for _, cp := range l.Checkpoints("all") {
			got = append(got, l.Number(cp)+" "+cp.ID)
		}
		want := "1.1 target-group,1.2 needs,1.3 resources,1.4 local-actors,1.5 pilot,1.6 pitch," +
			"2.1 know-organisations,2.2 choose-municipality,2.3 collect-ideas,2.4 municipal-programmes,2.5 contact-partners,2.6 mutual-benefits," +
			"3.1 action-plan,3.2 communication-plan,3.3 evaluation-stages,3.4 impact-methods"
		if strings.Join(got, ",") != want {
			t.Errorf("%s: %s\nwant %s", l.Code, strings.Join(got, ","), want)
		}
	}
}

// TestWriteInFromSource: the number of write-in lines is the source
// language's, whatever a translation says or leaves out.
func TestWriteInFromSource(t *testing.T) {
	fsys := fstest.MapFS{}
	for _, code := range []string{"lv", "en"} {
		for _, name := range []string{"roadmap.yaml"} {
			data, err := fs.ReadFile(embedded.FS, code+"/"+name)
			if err != nil {
				t.Fatal(err)
			}
			s := string(data)
			if code == "lv" {
				s = strings.Replace(s, "      - id: pilot\n", "      - id: pilot\n        writein: 9\n", 1)
				// fewer than six beside options: six
				s = strings.Replace(s, "      - id: know-organisations\n", "      - id: know-organisations\n        writein: 2\n", 1)
				// more than six beside options: the content's
				s = strings.Replace(s, "      - id: local-actors\n", "      - id: local-actors\n        writein: 8\n", 1)
			}
			fsys[code+"/"+name] = &fstest.MapFile{Data: []byte(s)}
		}
	}
	b, err := content.Open(fsys, "c")
	if err != nil {
		t.Fatal(err)
	}
	for _, code := range []string{"en", "lv"} {
		l, err := b.Language(code)
		if err != nil {
			t.Fatal(err)
		}
		if n := l.Checkpoint("pilot").WriteInLines(); n != 9 {
			t.Errorf("%s: pilot gets %d write-in lines; want lv's 9", code, n)
		}
		if n := l.Checkpoint("know-organisations").WriteInLines(); n != 6 {
			t.Errorf("%s: a checkpoint with options asking for 2 lines gets %d; want at least 6", code, n)
		}
		if n := l.Checkpoint("local-actors").WriteInLines(); n != 8 {
			t.Errorf("%s: a checkpoint with options asking for 8 lines gets %d; want 8", code, n)
		}
		if n := l.Checkpoint("target-group").WriteInLines(); n != 6 {
			t.Errorf("%s: an open question gets %d write-in lines by default; want 6", code, n)
		}
		if n := l.Checkpoint("impact-methods").WriteInLines(); n != 6 {
			t.Errorf("%s: a checkpoint with options gets %d write-in lines by default; want 6", code, n)
		}
		if n := l.Checkpoint("action-plan").WriteInLines(); n != 3 {
			t.Errorf("%s: the checkpoint with the table gets %d lines by default; want 3", code, n)
		}
	}
}
