package cli

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkPack makes the whole blank workshop pack, lv and en, in process.
func BenchmarkPack(b *testing.B) {
	out := b.TempDir()
	b.ReportAllocs()
	for b.Loop() {
		app := &App{IO: IO{Out: io.Discard, Err: io.Discard}}
		if err := packRun(context.Background(), app, &packOptions{Langs: []string{"all"}, Out: out, Paper: "a4"}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRenderOne makes one organisation's filled form and plans
// workbook from an example answers file, in process: the unit of work of
// `roadmap render`.
func BenchmarkRenderOne(b *testing.B) {
	app := &App{IO: IO{Out: io.Discard, Err: io.Discard}}
	bundle, err := app.Content()
	if err != nil {
		b.Fatal(err)
	}
	theme, err := app.Theme("a4")
	if err != nil {
		b.Fatal(err)
	}
	in := renderInput{path: filepath.Join("..", "..", "examples", "brinumins-community-lv.yaml"), dir: b.TempDir()}
	if _, err := os.Stat(in.path); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := renderOne(app, bundle, theme, in); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkContentCheck is the cost a document command pays to check the
// content of its language (en, against lv) before making anything, beyond
// reading the two languages, which it does anyway.
func BenchmarkContentCheck(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		app := &App{IO: IO{Out: io.Discard, Err: io.Discard}}
		for _, code := range []string{"lv", "en"} {
			if _, err := app.Language(code); err != nil {
				b.Fatal(err)
			}
		}
		b.StartTimer()
		if _, err := app.checkedLanguage("en"); err != nil {
			b.Fatal(err)
		}
	}
}
