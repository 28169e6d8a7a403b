package cli

import (
	"fmt"
	"io"
	"path/filepath"

	"github.com/partnership-roadmap/roadmap/internal/answers"
	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/esc"
	"github.com/partnership-roadmap/roadmap/internal/fsutil"
	"github.com/partnership-roadmap/roadmap/internal/msg"
	"github.com/partnership-roadmap/roadmap/internal/pack"
)

// writeDocument builds document d and writes it to out, the one way every
// single-document command (form, guide, sheet) makes its file: warnings
// first, each once and naming the answers file, then "wrote out (3 pages,
// 48 KB)".
func (app *App) writeDocument(d pack.Document, lang *content.Language, a *answers.File, opts pack.BuildOptions, out string) error {
	res, err := d.Build(lang, a, opts)
	if err != nil {
		return err
	}
	seen := make(map[string]bool)
	for _, w := range res.Warnings {
		if seen[w] {
			continue
		}
		seen[w] = true
		if a != nil {
			w = esc.Name(a.Path) + ": " + w
		}
		app.Warn("%s", w)
	}
	if err := fsutil.WriteFileAtomic(out, res.Data); err != nil {
		return err
	}
	fmt.Fprintln(app.Out, wroteLine(out, res.Pages, res.Sheets, len(res.Data)).In(app.ReaderLang()))
	return nil
}

// wroteLine is the line saying file out was written: "wrote out (3 pages,
// 150 KB)".
func wroteLine(out string, pages, sheets, size int) msg.Message {
	switch {
	case pages > 0:
		return msg.New("cli.wrote-pages", "file", esc.Name(out), "n", pages, "size", sizeLabel(size))
	case sheets > 0:
		return msg.New("cli.wrote-sheets", "file", esc.Name(out), "n", sheets, "size", sizeLabel(size))
	}
	return msg.New("cli.wrote-size", "file", esc.Name(out), "size", sizeLabel(size))
}

// plural returns "1 page" or "3 pages".
func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// sizeLabel returns a file size for people, the one way every command
// prints it: 812 B, 45 KB, 1.2 MB (powers of 1000, as file managers show).
func sizeLabel(n int) string {
	switch {
	case n < 1000:
		return fmt.Sprintf("%d B", n)
	case n < 1000*1000:
		return fmt.Sprintf("%d KB", (n+500)/1000)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/1e6)
}

// writeOut writes data to the command's standard output, saying so when it
// cannot (a full disk, a closed pipe).
func writeOut(w io.Writer, data []byte) error {
	if _, err := w.Write(data); err != nil {
		return fmt.Errorf("writing to standard output: %s", fsutil.Reason(err))
	}
	return nil
}

// distinct returns paths with the second and later mentions of a file left
// out, so a file given twice is read and made once.
func distinct(paths []string) []string {
	seen := make(map[string]bool)
	var out []string
	for _, p := range paths {
		key := filepath.Clean(p)
		if seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, p)
	}
	return out
}

// answersDocument makes document id from the answers file answers (none:
// blank) in language code langCode (default: the answers'), on paper, and
// writes it to out, by default to output/<lang>/ under the name the
// document gives itself (an organisation's name before it when made from
// answers, so the pack's blank files stay blank).
func (app *App) answersDocument(id, answersPath, langCode, paper, out string) error {
	oneDocument()
	d, err := pack.Lookup(id)
	if err != nil {
		return err
	}
	theme, err := app.Theme(paper)
	if err != nil {
		return err
	}
	a, lang, err := app.answersAndLanguage(answersPath, langCode)
	if err != nil {
		return err
	}
	if a != nil && a.Form == content.Registration {
		return msg.New("cli.registration", "file", esc.Name(answersPath))
	}
	build := pack.BuildOptions{Theme: theme, Date: DocDate(a)}
	if out == "" {
		out = filepath.Join("output", lang.Code, d.FileName(a, build))
	}
	return app.writeDocument(d, lang, a, build, out)
}
