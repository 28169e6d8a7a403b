package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRenderThousand renders a folder of 1,000 answers files, one of them
// malformed: the other 999 organisations get their form and workbook, and
// the bad file is reported with its position. It takes several seconds, so
// it runs in CI (CI=true) and not in every go test on a developer's
// machine; scripts/bench times the same command.
func TestRenderThousand(t *testing.T) {
	if testing.Short() || os.Getenv("CI") != "true" {
		t.Skip("renders 1,000 roadmaps: runs under CI=true")
	}
	example, err := os.ReadFile(filepath.Join("..", "..", "examples", "brinumins-community-lv.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	const name = `  name: Biedrība "Brīnumiņš"`
	if !bytes.Contains(example, []byte(name)) {
		t.Fatalf("the example no longer has the line %q", name)
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "answers")
	if err := os.Mkdir(in, 0o755); err != nil {
		t.Fatal(err)
	}
	for i := range 1000 {
		data := bytes.Replace(example, []byte(name), fmt.Appendf(nil, "  name: Biedrība nr. %d", i), 1)
		if i == 500 {
			data = append([]byte("form: community\nform: municipality\n"), data...)
		}
		if err := os.WriteFile(filepath.Join(in, fmt.Sprintf("org-%04d.yaml", i)), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(dir, "out")
	var stdout, stderr bytes.Buffer
	code := Main([]string{"render", in, "--out", out}, nil, &stdout, &stderr)
	if code != 1 {
		t.Errorf("exit status %d, want 1", code)
	}
	if got, want := stdout.String(), fmt.Sprintf("rendered 999 of 1000 roadmaps into %s\n", out); got != want {
		t.Errorf("stdout %q, want %q", got, want)
	}
	// the file is Latvian, so its message is too
	wantErr := filepath.Join(in, "org-0500.yaml") + `:2:1: atslēga „form“ ierakstīta atkārtoti (pirmoreiz 1:1)`
	if !strings.Contains(stderr.String(), wantErr) {
		t.Errorf("stderr does not name the bad file's position (%s):\n%s", wantErr, stderr.String())
	}
	folders, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	if len(folders) != 999 {
		t.Fatalf("%d folders written, want 999", len(folders))
	}
	for _, f := range folders {
		for _, file := range []string{"form-community.pdf", "plans.xlsx", "proposal.pdf"} {
			st, err := os.Stat(filepath.Join(out, f.Name(), file))
			if err != nil || st.Size() == 0 {
				t.Fatalf("%s/%s: %v", f.Name(), file, err)
			}
		}
	}
	if _, err := os.Stat(filepath.Join(out, "Biedriba-nr-500")); !os.IsNotExist(err) {
		t.Errorf("the malformed file's folder exists (%v)", err)
	}
}
