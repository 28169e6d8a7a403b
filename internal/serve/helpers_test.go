package serve_test

import (
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partnership-roadmap/roadmap/internal/answers"
	"github.com/partnership-roadmap/roadmap/internal/contenttest"
	"github.com/partnership-roadmap/roadmap/internal/pdf"
	"github.com/partnership-roadmap/roadmap/internal/serve"
)

// newServer returns a Server for dir with the built-in content and theme.
func newServer(t testing.TB, dir string, mod ...func(*serve.Options)) *serve.Server {
	t.Helper()
	opts := serve.Options{Dir: dir, Content: contenttest.Bundle(t), Theme: pdf.DefaultTheme(), Logf: t.Logf}
	for _, m := range mod {
		m(&opts)
	}
	s, err := serve.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// startServer serves dir on 127.0.0.1 at a free port until the test ends.
func startServer(t testing.TB, dir string, mod ...func(*serve.Options)) (*serve.Server, string) {
	t.Helper()
	s := newServer(t, dir, mod...)
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	return s, ts.URL
}

// copyExample copies an answers file of examples/ into dir.
func copyExample(t testing.TB, dir, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "examples", name))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
		t.Fatal(err)
	}
	return data
}

// exampleWith writes the example roadmap into dir with block (YAML at the
// top level) put before its checkpoints, and returns its path.
func exampleWith(t *testing.T, dir, block string) string {
	t.Helper()
	src := strings.Replace(string(copyExample(t, dir, example)), "\ncheckpoints:", "\n"+block+"checkpoints:", 1)
	path := filepath.Join(dir, example)
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// parseFile reads the answers file at path as saved, which must be valid.
func parseFile(t *testing.T, path string) *answers.File {
	t.Helper()
	b := contenttest.Bundle(t)
	f, err := answers.Parse(path, []byte(read(t, path)), b)
	if err != nil {
		t.Fatalf("the saved file is not valid: %v", err)
	}
	return f
}

// answersFiles lists dir without its .roadmap folder (history, audit log).
func answersFiles(t testing.TB, dir string) []os.DirEntry {
	t.Helper()
	all, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []os.DirEntry
	for _, e := range all {
		if e.Name() != ".roadmap" {
			out = append(out, e)
		}
	}
	return out
}
