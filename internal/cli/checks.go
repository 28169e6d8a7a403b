package cli

import (
	"errors"
	"fmt"
	"maps"
	"os"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"

	embedded "github.com/partnership-roadmap/roadmap/content"
	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/diag"
	"github.com/partnership-roadmap/roadmap/internal/msg"
	"github.com/partnership-roadmap/roadmap/internal/pdf"
)

// checkContent runs the checks of "roadmap content check" on every
// language of b that could be read, and adds one of its own for a --content
// folder: a label the documents use (one of the built-in source language's)
// that is missing from its source language but present in a translation is
// blamed on the source language, not reported as unknown in the
// translation.
func (a *App) checkContent(b *content.Bundle) ([]content.Report, diag.List) {
	if b.Languages == nil {
		// A language that cannot be read is reported by Language; the
		// others are still checked.
		var langs []*content.Language
		for _, c := range b.Codes() {
			if l, err := b.Language(c); err == nil {
				langs = append(langs, l)
			}
		}
		b.Languages = langs
	}
	reports, problems := content.Check(b, a.contentCheckOptions()...)
	src, err := b.Language(content.SourceLanguage)
	if err != nil {
		return reports, problems
	}
	reports, problems = a.blameSource(b, src, reports, problems)
	// Every label the documents use that a language lacks (a folder made
	// for an older version lacks the newer ones in every language): the
	// problems the document commands refuse the language for, so content
	// check and they agree.
	builtin := a.builtinLabels()
	for _, l := range b.Languages {
		for _, k := range builtin {
			if _, ok := l.Labels[k]; ok || slices.ContainsFunc(problems, func(p diag.Problem) bool {
				return inDir(p.File, l.Dir) && strings.Contains(p.Msg, strconv.Quote(k))
			}) {
				continue
			}
			problems = append(problems, labelMissing(l, k))
			for j := range reports {
				if reports[j].Code == l.Code {
					reports[j].Problems++
				}
			}
		}
	}
	return reports, problems
}

// inDir reports whether file is dir or in it.
func inDir(file, dir string) bool {
	return file == dir || strings.HasPrefix(file, dir+"/") || strings.HasPrefix(file, dir+string(os.PathSeparator))
}

// blameSource: a label the documents use (one of the built-in source
// language's) that is missing from the folder's source language but
// present in a translation is blamed on the source language, not reported
// as unknown in the translation.
func (a *App) blameSource(b *content.Bundle, src *content.Language, reports []content.Report, problems diag.List) ([]content.Report, diag.List) {
	var missing []string
	for _, k := range a.builtinLabels() {
		if _, ok := src.Labels[k]; ok {
			continue
		}
		for _, l := range b.Languages {
			if _, ok := l.Labels[k]; ok && l != src {
				missing = append(missing, k)
				break
			}
		}
	}
	if len(missing) == 0 {
		return reports, problems
	}
	var kept diag.List
	removed := map[string]int{} // per language code
	for _, p := range problems {
		if !isUnknownLabel(p.Msg, missing) {
			kept = append(kept, p)
			continue
		}
		for _, l := range b.Languages {
			if strings.HasPrefix(p.File, l.Dir+"/") {
				removed[l.Code]++
			}
		}
	}
	for i := range reports {
		reports[i].Problems -= removed[reports[i].Code]
	}
	for _, k := range missing {
		kept = append(kept, labelMissing(src, k))
	}
	for i := range reports {
		if reports[i].Code == src.Code {
			reports[i].Problems += len(missing)
		}
	}
	return reports, kept
}

func labelMissing(l *content.Language, key string) diag.Problem {
	return diag.Problem{File: path.Join(l.Dir, "labels"),
		Msg: fmt.Sprintf("label %q is missing; the documents need it", key)}
}

// builtinLabels returns the labels of the built-in source language, which
// are those the documents use, when the content comes from a --content
// folder; nil for the built-in content, which content check covers.
func (a *App) builtinLabels() []string {
	if a.ContentDir == "" {
		return nil
	}
	builtin, err := content.Open(embedded.FS, "content")
	if err != nil {
		return nil
	}
	want, err := builtin.Language(content.SourceLanguage)
	if err != nil {
		return nil
	}
	return slices.Sorted(maps.Keys(want.Labels))
}

func isUnknownLabel(msg string, keys []string) bool {
	for _, k := range keys {
		if strings.HasPrefix(msg, fmt.Sprintf("unknown label %q", k)) {
			return true
		}
	}
	return false
}

// languageChecks gives the languages documents are made in, each checked
// once, as "content check" checks it (against the source language): a
// language whose content has problems makes no documents (they would show
// missing labels or broken links), and its problems are the error. Only the
// languages asked for are read and checked.
type languageChecks struct {
	app *App

	mu      sync.Mutex
	checked map[string]checkedLang
}

type checkedLang struct {
	lang *content.Language
	err  error
}

// language returns the language code, or the problems of its content.
func (c *languageChecks) language(code string) (*content.Language, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if r, ok := c.checked[code]; ok {
		return r.lang, r.err
	}
	l, err := c.check(code)
	if c.checked == nil {
		c.checked = map[string]checkedLang{}
	}
	c.checked[code] = checkedLang{l, err}
	return l, err
}

func (c *languageChecks) check(code string) (*content.Language, error) {
	b, err := c.app.Content()
	if err != nil {
		return nil, err
	}
	l, err := b.Language(code)
	var list diag.List
	if errors.As(err, &list) {
		return nil, contentProblems{code: code, problems: list}
	}
	if err != nil {
		return nil, err
	}
	src, err := b.Language(content.SourceLanguage)
	if errors.As(err, &list) {
		return nil, contentProblems{code: content.SourceLanguage, problems: list}
	}
	if err != nil {
		return nil, err
	}
	if c.app.ContentDir == "" && checkedClean(b, code) {
		return l, nil
	}
	if err := c.checkAgainst(b, l, src); err != nil {
		return nil, err
	}
	return l, nil
}

// checkAgainst checks language l of b against the source language src, as
// "content check" does, and returns its problems as a contentProblems.
func (c *languageChecks) checkAgainst(b *content.Bundle, l, src *content.Language) error {
	code := l.Code
	// Check only this language against the source language: the bundle's
	// list of languages is what Check walks.
	saved := b.Languages
	b.Languages = []*content.Language{src}
	if l != src {
		b.Languages = append(b.Languages, l)
	}
	_, problems := c.app.checkContent(b)
	b.Languages = saved

	var ps diag.List
	for _, p := range problems {
		if inDir(p.File, l.Dir) {
			ps = append(ps, p)
		}
	}
	if len(ps) > 0 {
		return contentProblems{code: code, problems: ps}
	}
	return nil
}

// contentProblems is the refusal to make documents from a language whose
// content has problems.
type contentProblems struct {
	code     string
	problems diag.List
}

func (e contentProblems) headline(lang string) string {
	return msg.New("cli.content-problems", "lang", e.code, "n", len(e.problems)).In(lang)
}

func (e contentProblems) Error() string { return e.headline(msg.Fallback) + "\n" + e.problems.Error() }

// checkedClean reports whether language code of b is one that TestCheckedClean
// found to have no problems: its CheckDigest is in checkedCleanDigests
// (checked_clean.go, which that test writes and fails on when stale). The
// built-in content is the same in every run, and checking it took more
// time than making a form; other content is checked as before.
func checkedClean(b *content.Bundle, code string) bool {
	d, err := b.CheckDigest(code)
	return err == nil && slices.Contains(checkedCleanDigests, d)
}

// contentCheckOptions are the options of content check's checks, which
// content import applies too: status words measured with the forms' font.
func (a *App) contentCheckOptions() []content.CheckOption {
	return []content.CheckOption{content.WithMeasure(func(s string, size float64) float64 {
		return pdf.Width(s, pdf.Regular, size)
	})}
}
