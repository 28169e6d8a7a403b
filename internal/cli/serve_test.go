package cli

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe for the server goroutine and the test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestServe starts "roadmap serve" on a free loopback port, opens the
// address it prints, and stops it as Ctrl+C would.
func TestServe(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "answers") // created by serve
	var out, errb syncBuffer
	app := &App{IO: IO{In: strings.NewReader(""), Out: &out, Err: &errb}}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- serveRun(ctx, app, &serveOptions{Dir: dir, Addr: "127.0.0.1:0"}) }()

	var url string
	for deadline := time.Now().Add(20 * time.Second); url == "" && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if m := regexp.MustCompile(`open (http://127\.0\.0\.1:\d+/)`).FindStringSubmatch(out.String()); m != nil {
			url = m[1]
		}
	}
	if url == "" {
		cancel()
		t.Fatalf("serve printed no address:\n%s%s", out.String(), errb.String())
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		t.Errorf("the answers folder was not created: %v", err)
	}
	res, err := http.Get(url + "?lang=en")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !strings.Contains(string(body), "There is no roadmap in this folder yet.") {
		t.Errorf("GET %s = %d\n%s", url, res.StatusCode, body)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve: %v", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not stop")
	}
	if !strings.Contains(out.String(), "stopped") {
		t.Errorf("serve's output:\n%s", out.String())
	}
}

func TestServeBadAddr(t *testing.T) {
	app := &App{IO: IO{In: strings.NewReader(""), Out: io.Discard, Err: io.Discard}}
	err := serveRun(context.Background(), app, &serveOptions{Dir: t.TempDir(), Addr: "8080"})
	if err == nil || !strings.Contains(err.Error(), `--addr "8080": give host:port`) {
		t.Errorf("serve --addr 8080: %v", err)
	}
}

func TestIsLoopback(t *testing.T) {
	for host, want := range map[string]bool{"127.0.0.1": true, "localhost": true, "::1": true, "127.0.0.2": true,
		"0.0.0.0": false, "": false, "192.168.1.10": false, "example.org": false} {
		if got := isLoopback(host); got != want {
			t.Errorf("isLoopback(%q) = %v", host, got)
		}
	}
}
