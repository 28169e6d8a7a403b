package content

import (
	"fmt"
	"maps"
	"net/url"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
	"go.yaml.in/yaml/v3"

	"github.com/partnership-roadmap/roadmap/internal/diag"
	"github.com/partnership-roadmap/roadmap/internal/msg"
)

// Report says how complete one language is compared with the source language.
type Report struct {
	Code string
	Name string
	// Counts of what the language has, and what the source language has.
	Checkpoints, WantCheckpoints int
	Options, WantOptions         int
	Examples, WantExamples       int
	Labels, WantLabels           int
	// Units is how many texts the source has to translate; Translated how
	// many of them the language has translated (differing from the source
	// and from English, or the same in every language); Outdated how many
	// were translated from a source text that has changed since.
	Units, Translated, Outdated int
	// Status is the language's review status (reviewed or draft).
	Status Status
	// Problems is the number of problems found in the language.
	Problems int
	// Warnings are what should be looked at but does not stop the documents:
	// texts left untranslated, outdated translations.
	Warnings diag.List
}

// Complete reports whether the language has everything the source has and no
// problems.
func (r Report) Complete() bool {
	return r.Problems == 0 && r.Checkpoints == r.WantCheckpoints && r.Options == r.WantOptions &&
		r.Examples == r.WantExamples && r.Labels == r.WantLabels && r.Translated == r.Units
}

// CheckOption changes what Check checks.
type CheckOption func(*checkConfig)

type checkConfig struct {
	measure Measure
}

// WithMeasure has Check measure each status word with m, to see that it
// fits beside its tick mark on the form.
func WithMeasure(m Measure) CheckOption { return func(c *checkConfig) { c.measure = m } }

// Check checks every language of the bundle on its own and against the
// source language. It returns a report per language, and every problem found.
// The bundle's languages must have been read (Load, or All).
func Check(b *Bundle, opts ...CheckOption) ([]Report, diag.List) {
	var cfg checkConfig
	for _, o := range opts {
		o(&cfg)
	}
	same, sameProblems := b.same()
	en, _ := b.Language("en")
	src, err := b.Language(SourceLanguage)
	var all diag.List
	if err != nil && len(b.Languages) > 0 {
		all = append(all, diag.Problem{File: b.Languages[0].Dir, Msg: fmt.Sprintf("the source language %q is missing; every language is checked against it", SourceLanguage)})
	}
	all = append(all, sameProblems...)
	// The positions of the languages, for the messages, in parallel: a
	// built-in language is parsed only now.
	var wg sync.WaitGroup
	for _, l := range b.Languages {
		wg.Go(func() { b.positions(l.Code) })
	}
	if src != nil {
		wg.Go(func() { b.positions(src.Code) })
	}
	wg.Wait()
	var reports []Report
	for _, l := range b.Languages {
		pos := b.positions(l.Code)
		problems := checkLanguage(l, pos)
		problems = append(problems, checkRegistration(l, pos)...)
		problems = append(problems, checkLimits(l, pos, cfg.measure)...)
		r := Report{Code: l.Code, Name: l.Name, Status: l.Status}
		r.Labels = len(l.Labels)
		if src != nil {
			count(src, l, &r)
			r.WantLabels = len(src.Labels)
			if l != src {
				problems = append(problems, compare(src, b.positions(src.Code), l, pos)...)
				problems = append(problems, compareRegistration(src, l, pos)...)
				problems = append(problems, checkPlaceholders(b, src, l)...)
				tc := &translationCheck{b: b, src: src, en: en, l: l, same: same, measure: cfg.measure}
				tc.run()
				problems = append(problems, tc.problems...)
				r.Warnings = tc.warnings
				r.Units, r.Translated, r.Outdated = tc.units, tc.translated, tc.outdated
				r.Labels = 0
				for k := range src.Labels {
					if _, ok := l.Labels[k]; ok {
						r.Labels++
					}
				}
			}
		}
		r.Problems = len(problems)
		reports = append(reports, r)
		all = append(all, problems...)
	}
	return reports, all
}

// count fills in r what src has and how much of it l has: checkpoints and
// options with the same ids, examples of those checkpoints.
func count(src, l *Language, r *Report) {
	for _, want := range src.Checkpoints("all") {
		r.WantCheckpoints++
		r.WantOptions += len(want.OptionIDs())
		r.WantExamples += len(want.Examples)
		cp := l.Checkpoint(want.ID)
		if cp == nil {
			continue
		}
		r.Checkpoints++
		for _, id := range want.OptionIDs() {
			if cp.Option(id) != nil {
				r.Options++
			}
		}
		r.Examples += min(len(cp.Examples), len(want.Examples))
	}
}

// placeholderRE finds a label's placeholders; compiled on first use (not at
// start-up, which every command pays for), as are md and the other regexps
// of the package.
var placeholderRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\{[a-z]+\}`) })

// checkLanguage checks one language on its own.
func checkLanguage(l *Language, pos *positions) diag.List {
	var ps diag.List
	file := pos.file
	req := func(n *yaml.Node, key, what string) {
		if v := valueOf(n, key); v == nil || strings.TrimSpace(v.Value) == "" && v.Kind == yaml.ScalarNode {
			at := v
			if at == nil {
				at = n
			}
			ps.Add(file, at, "%s is missing or empty", what)
		}
	}
	for _, key := range []string{"name", "title", "subtitle", "preface", "disclaimer"} {
		req(pos.root, key, key)
	}
	md := func(n *yaml.Node, s string) {
		for _, msg := range checkMarkdown(s) {
			ps.Add(file, n, "%s", msg)
		}
	}
	md(valueOf(pos.root, "preface"), l.Preface)
	md(valueOf(pos.root, "disclaimer"), l.Disclaimer)
	md(valueOf(valueOf(pos.root, "about_project"), "body"), l.About.Body)
	if secs := valueOf(valueOf(pos.root, "introduction"), "sections"); secs != nil {
		for i, s := range l.Introduction.Sections {
			md(valueOf(secs.Content[i], "body"), s.Body)
		}
	}

	if lp, ok := pos.labels[DateFormatLabel]; ok && !validDateLayout(strings.ToLower(strings.TrimSpace(lp.val.Value))) {
		ps.Add(lp.file, lp.val, "label %q is %q; write dd, mm and yyyy once each with the separators the language uses, such as \"dd.mm.yyyy.\"", DateFormatLabel, lp.val.Value)
	}
	for i, st := range l.Steps {
		if st.Number != i+1 {
			ps.Add(file, valueOf(pos.steps.Content[i], "number"), "step number is %d; steps are numbered 1, 2, 3 in order, so this one must be %d", st.Number, i+1)
		}
	}
	seen := map[string]*yaml.Node{}
	for i, cp := range l.Checkpoints("all") {
		n := pos.checkpoints[i]
		idn := valueOf(n, "id")
		if idn == nil {
			ps.Add(file, n, "checkpoint has no id")
			continue
		}
		if prev, dup := seen[cp.ID]; dup {
			ps.Add(file, idn, "checkpoint id %q is used twice (first at line %d); ids must be unique", cp.ID, prev.Line)
		}
		seen[cp.ID] = idn
		switch cp.Audience {
		case Both, Municipality, Community:
		default:
			at := valueOf(n, "audience")
			if at == nil {
				at = n
			}
			ps.Add(file, at, "checkpoint %s: audience %q is not valid; allowed: both, municipality, community", cp.ID, cp.Audience)
		}
		req(n, "title", "checkpoint "+cp.ID+": title")
		req(n, "hint", "checkpoint "+cp.ID+": hint")
		req(n, "guidance", "checkpoint "+cp.ID+": guidance")
		md(valueOf(n, "guidance"), cp.Guidance)
		md(valueOf(n, "closing"), cp.Closing)
		if ex := valueOf(n, "examples"); ex != nil {
			for j, e := range cp.Examples {
				md(ex.Content[j], e)
			}
		}
		if cp.Options != nil {
			items := valueOf(valueOf(n, "options"), "items")
			oseen := map[string]bool{}
			for j, o := range cp.Options.Items {
				on := items.Content[j]
				if o.ID == "" {
					ps.Add(file, on, "checkpoint %s: option has no id", cp.ID)
				} else if oseen[o.ID] {
					ps.Add(file, valueOf(on, "id"), "checkpoint %s: option id %q is used twice; ids must be unique", cp.ID, o.ID)
				}
				oseen[o.ID] = true
				req(on, "label", fmt.Sprintf("checkpoint %s: option %s: label", cp.ID, o.ID))
				md(valueOf(on, "text"), o.Text)
			}
		}
		if ln := valueOf(n, "links"); ln != nil {
			for j, link := range cp.Links {
				if msg := checkURL(link.URL); msg != "" {
					ps.Add(file, valueOf(ln.Content[j], "url"), "checkpoint %s: %s", cp.ID, msg)
				}
			}
		}
	}
	return ps
}

// compare checks language l against the source language src.
func compare(src *Language, spos *positions, l *Language, pos *positions) diag.List {
	var ps diag.List
	file := pos.file
	if len(l.Steps) != len(src.Steps) {
		ps.Add(file, pos.steps, "has %d steps; %s has %d", len(l.Steps), src.Code, len(src.Steps))
	}
	srcIDs := map[string]*Checkpoint{}
	for _, cp := range src.Checkpoints("all") {
		srcIDs[cp.ID] = cp
	}
	have := map[string]bool{}
	for i, cp := range l.Checkpoints("all") {
		n := pos.checkpoints[i]
		have[cp.ID] = true
		want, ok := srcIDs[cp.ID]
		if !ok {
			msg := fmt.Sprintf("unknown checkpoint id %q", cp.ID)
			if s := diag.Suggest(cp.ID, slices.Sorted(maps.Keys(srcIDs))); s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", s)
			}
			ps.Add(file, valueOf(n, "id"), "%s; the ids are those of %s", msg, spos.file)
			continue
		}
		if cp.Step != want.Step {
			ps.Add(file, valueOf(n, "id"), "checkpoint %s is in step %d; in %s it is in step %d", cp.ID, cp.Step, src.Code, want.Step)
		}
		if cp.Audience != want.Audience {
			ps.Add(file, valueOf(n, "audience"), "checkpoint %s: audience is %q; in %s it is %q", cp.ID, cp.Audience, src.Code, want.Audience)
		}
		if cp.Table != want.Table {
			ps.Add(file, n, "checkpoint %s: table is %q; in %s it is %q", cp.ID, cp.Table, src.Code, want.Table)
		}
		if wo, lo := want.OptionIDs(), cp.OptionIDs(); !slices.Equal(wo, lo) {
			at := valueOf(n, "options")
			if at == nil {
				at = n
			}
			ps.Add(file, at, "checkpoint %s: options are [%s]; %s has [%s] (same ids, same order)", cp.ID, strings.Join(lo, ", "), src.Code, strings.Join(wo, ", "))
		}
		if len(cp.Examples) != len(want.Examples) {
			ps.Add(file, n, "checkpoint %s: has %d examples; %s has %d", cp.ID, len(cp.Examples), src.Code, len(want.Examples))
		}
		if wl, ll := linkURLs(want), linkURLs(cp); !slices.Equal(wl, ll) {
			ps.Add(file, n, "checkpoint %s: links are [%s]; %s has [%s]", cp.ID, strings.Join(ll, " "), src.Code, strings.Join(wl, " "))
		}
	}
	for _, cp := range src.Checkpoints("all") {
		if !have[cp.ID] {
			ps.Add(file, pos.steps, "checkpoint %s (step %d) is missing; %s has it", cp.ID, cp.Step, src.Code)
		}
	}

	keys := slices.Sorted(maps.Keys(src.Labels))
	for _, k := range keys {
		sp := spos.labels[k]
		lp, ok := pos.labels[k]
		if !ok {
			ps.Say(path.Join(l.Dir, "labels", path.Base(sp.file)), &yaml.Node{Line: 1, Column: 1}, "content.label-missing",
				"key", msg.Value(k), "src", src.Code, "at", fmt.Sprintf("%s:%d:%d", sp.file, sp.key.Line, sp.key.Column))
			continue
		}
		want := placeholderRE().FindAllString(src.Labels[k], -1)
		got := placeholderRE().FindAllString(l.Labels[k], -1)
		sort.Strings(want)
		sort.Strings(got)
		if !slices.Equal(want, got) {
			ps.Say(lp.file, lp.val, "content.placeholders", "key", msg.Value(k), "got", strings.Join(got, " "), "want", strings.Join(want, " "), "src", src.Code)
		}
	}
	for _, k := range slices.Sorted(maps.Keys(l.Labels)) {
		if _, ok := src.Labels[k]; !ok {
			lp := pos.labels[k]
			if s := diag.Suggest(k, keys); s != "" {
				ps.Say(lp.file, lp.key, "content.unknown-label-hint", "key", msg.Value(k), "suggestion", s, "src", src.Code)
			} else {
				ps.Say(lp.file, lp.key, "content.unknown-label", "key", msg.Value(k), "src", src.Code)
			}
		}
	}
	return ps
}

func linkURLs(cp *Checkpoint) []string {
	urls := make([]string, len(cp.Links))
	for i, l := range cp.Links {
		urls[i] = l.URL
	}
	return urls
}

// checkURL returns what is wrong with a link target, or "".
func checkURL(s string) string {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Sprintf("link %q is not an absolute http(s) URL; write it as https://host/path", s)
	}
	return ""
}

var md = sync.OnceValue(func() goldmark.Markdown { return goldmark.New() })

// checkMarkdown parses s as Markdown and returns what would not render:
// links that are not absolute http(s) URLs, and raw HTML.
func checkMarkdown(s string) []string {
	if s == "" {
		return nil
	}
	src := []byte(s)
	doc := md().Parser().Parse(text.NewReader(src))
	var msgs []string
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			if m := checkURL(string(n.Destination)); m != "" {
				msgs = append(msgs, "Markdown "+m)
			}
		case *ast.AutoLink:
			if m := checkURL(string(n.URL(src))); m != "" && n.AutoLinkType == ast.AutoLinkURL {
				msgs = append(msgs, "Markdown "+m)
			}
		case *ast.Image:
			msgs = append(msgs, "Markdown images are not supported; use a link")
		case *ast.HTMLBlock, *ast.RawHTML:
			msgs = append(msgs, "raw HTML is not supported in the Markdown text; use Markdown only")
		}
		return ast.WalkContinue, nil
	})
	return msgs
}
