// Package pdftest reads PDFs back for tests, through the tools a reviewer
// would use: pdftotext and pdffonts (poppler-utils) and qpdf. Tests assert on
// what matters — the text of each page, the outline, the links, the fonts —
// rather than on bytes.
//
// When a tool is missing the test is skipped on a developer's machine, but
// fails when the environment variable CI is "true", so that CI never passes
// by skipping. Install the tools with
//
//	apt-get install -y poppler-utils qpdf
package pdftest

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/partnership-roadmap/roadmap/internal/testtool"
)

// need returns the path of tool, or skips (fails on CI) when it is missing.
func need(t testing.TB, tool string) string {
	t.Helper()
	return testtool.Need(t, tool, "poppler-utils qpdf")
}

// file writes pdf to a temporary file and returns its path.
func file(t testing.TB, pdf []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(p, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func run(t testing.TB, tool string, args ...string) []byte {
	t.Helper()
	cmd := exec.Command(need(t, tool), args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s%s", tool, strings.Join(args, " "), err, out, stderr.Bytes())
	}
	return out
}

// Pages returns the text of each page, as pdftotext -layout extracts it.
func Pages(t testing.TB, pdf []byte) []string {
	t.Helper()
	return pages(t, pdf, "-layout")
}

// RawPages returns the text of each page in the order it is drawn
// (pdftotext -raw): one line per drawn line, with no layout spacing, which
// is what to compare against when the exact spaces of small text matter
// (-layout may drop a space between narrow characters).
func RawPages(t testing.TB, pdf []byte) []string {
	t.Helper()
	return pages(t, pdf, "-raw")
}

// pages runs pdftotext in mode and splits its output into pages.
func pages(t testing.TB, pdf []byte, mode string) []string {
	t.Helper()
	out := run(t, "pdftotext", mode, "-enc", "UTF-8", file(t, pdf), "-")
	pages := strings.Split(string(out), "\f")
	// pdftotext ends every page with a form feed: drop the empty tail
	if n := len(pages); n > 0 && strings.TrimSpace(pages[n-1]) == "" {
		pages = pages[:n-1]
	}
	return pages
}

// Text returns the text of the whole document with runs of white space
// (line breaks and layout padding included) collapsed to one space, for
// asserting that a phrase is present whatever its line breaks.
func Text(t testing.TB, pdf []byte) string {
	t.Helper()
	out := run(t, "pdftotext", "-enc", "UTF-8", file(t, pdf), "-")
	return strings.Join(strings.Fields(string(out)), " ")
}

// Check fails the test unless qpdf --check finds the file clean (no
// warnings, no errors).
func Check(t testing.TB, pdf []byte) {
	t.Helper()
	path := file(t, pdf)
	cmd := exec.Command(need(t, "qpdf"), "--check", path)
	out, err := cmd.CombinedOutput()
	if err != nil || bytes.Contains(bytes.ToLower(out), []byte("warning")) {
		t.Fatalf("qpdf --check: %v\n%s", err, out)
	}
}

// OutlineItem is an entry of the PDF outline (bookmarks).
type OutlineItem struct {
	Title string
	// Level is 0 for top-level entries.
	Level int
	// Page is the 1-based page the entry points to (0 if none).
	Page int
}

// Outline returns the outline, depth first, as qpdf --json reads it.
func Outline(t testing.TB, pdf []byte) []OutlineItem {
	t.Helper()
	var doc struct {
		Outlines []outlineJSON `json:"outlines"`
	}
	if err := json.Unmarshal(run(t, "qpdf", "--json=2", "--json-key=outlines", file(t, pdf)), &doc); err != nil {
		t.Fatalf("reading qpdf --json outlines: %v", err)
	}
	var out []OutlineItem
	var walk func([]outlineJSON, int)
	walk = func(items []outlineJSON, level int) {
		for _, it := range items {
			out = append(out, OutlineItem{Title: it.Title, Level: level, Page: it.Page})
			walk(it.Kids, level+1)
		}
	}
	walk(doc.Outlines, 0)
	return out
}

type outlineJSON struct {
	Title string        `json:"title"`
	Page  int           `json:"destpageposfrom1"`
	Kids  []outlineJSON `json:"kids"`
}

// Link is a link annotation.
type Link struct {
	// Page is the 1-based page the link is on.
	Page int
	// URI is the address of an external link.
	URI string
	// DestPage is the 1-based page an internal link goes to.
	DestPage int
}

// Links returns the link annotations of every page, in page order, as qpdf
// --json reads them.
func Links(t testing.TB, pdf []byte) []Link {
	t.Helper()
	var doc struct {
		Pages []struct {
			Object string `json:"object"`
		} `json:"pages"`
		QPDF []json.RawMessage `json:"qpdf"`
	}
	if err := json.Unmarshal(run(t, "qpdf", "--json=2", "--json-key=pages", "--json-key=qpdf", file(t, pdf)), &doc); err != nil {
		t.Fatalf("reading qpdf --json: %v", err)
	}
	if len(doc.QPDF) < 2 {
		t.Fatal("qpdf --json: no objects")
	}
	var objs map[string]struct {
		Value any `json:"value"`
	}
	if err := json.Unmarshal(doc.QPDF[1], &objs); err != nil {
		t.Fatalf("reading qpdf --json objects: %v", err)
	}
	// resolve follows an indirect reference ("12 0 R").
	resolve := func(v any) any {
		for range 8 {
			s, ok := v.(string)
			if !ok || !strings.HasSuffix(s, " R") {
				return v
			}
			v = objs["obj:"+s].Value
		}
		return v
	}
	pageNo := make(map[string]int)
	for i, p := range doc.Pages {
		pageNo[p.Object] = i + 1
	}
	destPage := func(dest any) int {
		arr, ok := resolve(dest).([]any)
		if !ok || len(arr) == 0 {
			return 0
		}
		if s, ok := arr[0].(string); ok {
			return pageNo[s]
		}
		return 0
	}
	var out []Link
	for i, p := range doc.Pages {
		page, _ := resolve(objs["obj:"+p.Object].Value).(map[string]any)
		annots, _ := resolve(page["/Annots"]).([]any)
		for _, a := range annots {
			an, _ := resolve(a).(map[string]any)
			if an["/Subtype"] != "/Link" {
				continue
			}
			l := Link{Page: i + 1}
			if act, ok := resolve(an["/A"]).(map[string]any); ok {
				if uri, ok := resolve(act["/URI"]).(string); ok {
					l.URI = pdfString(uri)
				}
				if act["/D"] != nil {
					l.DestPage = destPage(act["/D"])
				}
			}
			if an["/Dest"] != nil {
				l.DestPage = destPage(an["/Dest"])
			}
			out = append(out, l)
		}
	}
	return out
}

// pdfString decodes qpdf's JSON v2 string ("u:text" or "b:hex").
func pdfString(s string) string {
	switch {
	case strings.HasPrefix(s, "u:"):
		return s[2:]
	case strings.HasPrefix(s, "b:"):
		var b []byte
		for i := 2; i+1 < len(s); i += 2 {
			v, err := strconv.ParseUint(s[i:i+2], 16, 8)
			if err != nil {
				return s
			}
			b = append(b, byte(v))
		}
		return string(b)
	}
	return s
}

// Font is a font as pdffonts lists it.
type Font struct {
	Name     string
	Type     string
	Encoding string
	Embedded bool
	Subset   bool
	Unicode  bool
}

// Fonts returns the fonts of the document, as pdffonts lists them.
func Fonts(t testing.TB, pdf []byte) []Font {
	t.Helper()
	out := run(t, "pdffonts", file(t, pdf))
	lines := strings.Split(strings.TrimRight(string(out), "\n"), "\n")
	if len(lines) < 2 {
		t.Fatalf("pdffonts: unexpected output:\n%s", out)
	}
	// columns are placed under the header's dashes
	var cols [][2]int
	dash := lines[1]
	for i := 0; i < len(dash); {
		if dash[i] != '-' {
			i++
			continue
		}
		j := i
		for j < len(dash) && dash[j] == '-' {
			j++
		}
		cols = append(cols, [2]int{i, j})
		i = j
	}
	field := func(l string, c int) string {
		if c >= len(cols) || cols[c][0] >= len(l) {
			return ""
		}
		end := min(cols[c][1], len(l))
		if c == 0 || c == 1 || c == 2 { // text columns may run to the next
			if c+1 < len(cols) {
				end = min(cols[c+1][0], len(l))
			}
		}
		return strings.TrimSpace(l[cols[c][0]:end])
	}
	var fonts []Font
	for _, l := range lines[2:] {
		if strings.TrimSpace(l) == "" || len(cols) < 6 {
			continue
		}
		fonts = append(fonts, Font{
			Name:     field(l, 0),
			Type:     field(l, 1),
			Encoding: field(l, 2),
			Embedded: field(l, 3) == "yes",
			Subset:   field(l, 4) == "yes",
			Unicode:  field(l, 5) == "yes",
		})
	}
	return fonts
}

// PageCount returns the number of pages, as qpdf counts them.
func PageCount(t testing.TB, pdf []byte) int {
	t.Helper()
	out := run(t, "qpdf", "--show-npages", file(t, pdf))
	n, err := strconv.Atoi(strings.TrimSpace(string(out)))
	if err != nil {
		t.Fatalf("qpdf --show-npages: %q", out)
	}
	return n
}

// Images returns each page rendered by pdftoppm at dpi dots per inch, as a
// PPM image, for comparing how documents look.
func Images(t testing.TB, pdf []byte, dpi int) [][]byte {
	t.Helper()
	path := file(t, pdf)
	prefix := filepath.Join(filepath.Dir(path), "page")
	run(t, "pdftoppm", "-r", strconv.Itoa(dpi), path, prefix)
	names, err := filepath.Glob(prefix + "-*.ppm")
	if err != nil || len(names) == 0 {
		t.Fatalf("pdftoppm made no pages: %v", err)
	}
	// page-1.ppm … page-10.ppm: numbers are padded to the same width
	slices.Sort(names)
	out := make([][]byte, len(names))
	for i, n := range names {
		if out[i], err = os.ReadFile(n); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// StructText returns the structure tree with its text as poppler's
// pdfinfo -struct-text prints it.
func StructText(t testing.TB, pdf []byte) string {
	t.Helper()
	return string(run(t, "pdfinfo", "-struct-text", file(t, pdf)))
}

// PageSize returns the size of the first page in points as pdfinfo says
// it, such as "612 x 792" or "595.28 x 841.89".
func PageSize(t testing.TB, pdf []byte) string {
	t.Helper()
	for _, l := range strings.Split(string(run(t, "pdfinfo", file(t, pdf))), "\n") {
		if v, ok := strings.CutPrefix(l, "Page size:"); ok {
			v, _, _ = strings.Cut(strings.TrimSpace(v), " pts")
			return v
		}
	}
	t.Fatal("pdfinfo: no page size")
	return ""
}
