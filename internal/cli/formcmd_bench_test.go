package cli

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkFormCommand runs `roadmap form community` in process, a new App
// each time, as a new process would (the font faces, parsed once per
// process, are kept between runs: hyperfine measures the whole command).
func BenchmarkFormCommand(b *testing.B) {
	for _, args := range [][]string{{"form", "community"}, {"form", "community", "--fillable"}} {
		b.Run(args[len(args)-1], func(b *testing.B) {
			out := filepath.Join(b.TempDir(), "form.pdf")
			b.ReportAllocs()
			for b.Loop() {
				app := &App{IO: IO{Out: io.Discard, Err: io.Discard}}
				if code := run(context.Background(), func() os.Signal { return nil }, append(args, "-o", out), app); code != 0 {
					b.Fatalf("exit %d", code)
				}
			}
		})
	}
}
