package cli

import (
	"bytes"
	"context"
	"os"
	"testing"
)

// TestVersionStamped checks what --version and "version" print when a
// release build stamps the version, commit and date (.goreleaser.yaml's
// ldflags set these variables).
func TestVersionStamped(t *testing.T) {
	defer func(v, c, d string) { Version, Commit, Date = v, c, d }(Version, Commit, Date)
	Version, Commit, Date = "1.2.3", "0123456789abcdef0123456789abcdef01234567", "2026-12-07T06:00:00Z"
	const want = "roadmap 1.2.3 (commit 0123456789abcdef0123456789abcdef01234567, 2026-12-07T06:00:00Z)\n"
	for _, args := range [][]string{{"--version"}, {"version"}} {
		var out, errb bytes.Buffer
		app := &App{IO: IO{Out: &out, Err: &errb}}
		if c := run(context.Background(), func() os.Signal { return nil }, args, app); c != 0 || out.String() != want {
			t.Errorf("roadmap %s: status %d, %q; want %q", args[0], c, out.String(), want)
		}
	}
}
