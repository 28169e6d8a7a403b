package backup

import (
	"archive/zip"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func writeZip(t *testing.T, files map[string]string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "b.zip")
	f, _ := os.Create(p)
	zw := zip.NewWriter(f)
	for name, data := range files {
		w, _ := zw.Create(name)
		w.Write([]byte(data))
	}
	zw.Close()
	f.Close()
	return p
}

func TestRoundTrip(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"a.yaml":                         "form: community\n",
		"Ābece (1).YAML":                 "form: municipality\n",
		".roadmap/access.json":           "{}\n",
		".roadmap/history/a.yaml/1.json": "{}\n",
		".roadmap/audit.jsonl":           "{}\n",
	}
	for n, d := range files {
		os.MkdirAll(filepath.Dir(filepath.Join(dir, n)), 0o700)
		os.WriteFile(filepath.Join(dir, n), []byte(d), 0o600)
	}
	// Not in a backup: the lock, temporary files, what is not an answers file.
	os.WriteFile(filepath.Join(dir, ".a.yaml.123-1.tmp"), []byte("x"), 0o600)
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("x"), 0o600)
	os.WriteFile(filepath.Join(dir, ".roadmap", ".access.json.1-1.tmp"), []byte("x"), 0o600)
	zp := filepath.Join(t.TempDir(), "b.zip")
	f, _ := os.Create(zp)
	sum, err := Create(dir, f, time.Now())
	f.Close()
	if err != nil || sum.Answers != 2 || sum.Files != 5 {
		t.Fatalf("Create = %+v, %v", sum, err)
	}
	to := filepath.Join(t.TempDir(), "new")
	if sum, err := Restore(zp, to, nil); err != nil || sum.Files != 5 {
		t.Fatalf("Restore = %+v, %v", sum, err)
	}
	for n, d := range files {
		if got, _ := os.ReadFile(filepath.Join(to, n)); string(got) != d {
			t.Errorf("%s restored as %q", n, got)
		}
	}
	if _, err := Restore(zp, to, nil); err == nil || !strings.Contains(err.Error(), "is not empty: restore into a new folder") {
		t.Errorf("a restore into a folder with files: %v", err)
	}
}

func TestRestoreRefuses(t *testing.T) {
	for _, c := range []struct {
		files map[string]string
		want  string
	}{
		{map[string]string{"../evil.yaml": "x"}, `"../evil.yaml" is not a file of a backup`},
		{map[string]string{"/etc/evil.yaml": "x"}, `"/etc/evil.yaml" is not a file of a backup`},
		{map[string]string{".roadmap/../x.yaml": "x"}, `is not a file of a backup`},
		{map[string]string{"other/x.json": "x"}, `"other/x.json" is not a file of a backup`},
		{map[string]string{"run.sh": "x"}, `"run.sh" is not a file of a backup`},
		{map[string]string{"bad.yaml": "x", "good.yaml": "y"}, "bad.yaml does not validate"},
	} {
		zp := writeZip(t, c.files)
		to := filepath.Join(t.TempDir(), "new")
		_, err := Restore(zp, to, func(name string, data []byte) error {
			if name == "bad.yaml" {
				return errors.New("bad.yaml does not validate")
			}
			return nil
		})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v: %v, want %q", c.files, err, c.want)
		}
		if _, err := os.Stat(to); err == nil {
			t.Errorf("%v: a refused restore wrote the folder", c.files)
		}
	}
}
