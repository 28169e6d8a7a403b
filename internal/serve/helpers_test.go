package serve_test

import (
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

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
