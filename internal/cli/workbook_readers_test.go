package cli

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/partnership-roadmap/roadmap/internal/testtool"
)

// cli runs the command line in process and fails the test on an exit
// status other than 0.
func cli(t *testing.T, args ...string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	app := &App{IO: IO{Out: &stdout, Err: &stderr}}
	if code := run(t.Context(), func() os.Signal { return nil }, args, app); code != 0 {
		t.Fatalf("roadmap %s: exit status %d\n%s", strings.Join(args, " "), code, stderr.String())
	}
}

// TestWorkbooksOpenEverywhere opens every workbook of the pack, of render
// of overview and of directory with exceljs and with SheetJS (npm packages in
// testdata/xlsxjs, installed by npm ci): exceljs once refused them all,
// because docProps/core.xml had no cp: prefix. Each opens in both, with
// the same sheets; the plans' header rows are frozen and their drop-down
// lists are there. Every part of every workbook has a valid zip date,
// 1980-01-01 (they had the invalid 1980-00-00).
func TestWorkbooksOpenEverywhere(t *testing.T) {
	dir := t.TempDir()
	cli(t, "pack", "--lang", "en", "--out", filepath.Join(dir, "pack"))
	cli(t, "render", filepath.Join("..", "..", "examples", "talsi-municipality-en.yaml"), "--out", filepath.Join(dir, "render"))
	cli(t, "overview", filepath.Join("..", "..", "examples"), "-o", filepath.Join(dir, "overview.xlsx"), "--lang", "en")
	cli(t, "directory", filepath.Join("..", "..", "examples"), filepath.Join("..", "..", "examples", "testdata"),
		"-o", filepath.Join(dir, "directory.xlsx"), "--lang", "en")
	var files []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".xlsx") {
			files = append(files, p)
		}
		return err
	})
	if len(files) != 6 {
		t.Fatalf("%d workbooks: %q; want the pack's three, render's, overview's and directory's", len(files), files)
	}
	for _, f := range files {
		zr, err := zip.OpenReader(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range zr.File {
			if e.ModifiedDate != 1<<5|1 || e.ModifiedTime != 0 {
				t.Errorf("%s: %s is dated %#x %#x, want 1980-01-01 00:00", filepath.Base(f), e.Name, e.ModifiedDate, e.ModifiedTime)
			}
		}
		zr.Close()
	}

	if _, err := os.Stat(filepath.Join("testdata", "xlsxjs", "node_modules", "exceljs")); err != nil {
		testtool.Missing(t, "exceljs and SheetJS not installed (cd internal/cli/testdata/xlsxjs && npm ci)")
	}
	cmd := exec.Command(testtool.Need(t, "node", "nodejs"), append([]string{"read.mjs"}, files...)...)
	cmd.Dir = filepath.Join("testdata", "xlsxjs")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node read.mjs: %v\n%s", err, stderr.Bytes())
	}
	type sheet struct {
		Name   string
		Frozen *struct{ X, Y int }
		Lists  []string
		First  []string
	}
	var got []struct {
		File         string
		ExceljsError string
		SheetjsError string
		Exceljs      struct{ Sheets []sheet }
		Sheetjs      struct{ Sheets []string }
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	for _, g := range got {
		name := filepath.Base(g.File)
		if g.ExceljsError != "" || g.SheetjsError != "" {
			t.Errorf("%s: exceljs: %q; SheetJS: %q", g.File, g.ExceljsError, g.SheetjsError)
			continue
		}
		var names []string
		for _, s := range g.Exceljs.Sheets {
			names = append(names, s.Name)
		}
		if !slices.Equal(names, g.Sheetjs.Sheets) || len(names) == 0 {
			t.Errorf("%s: exceljs reads the sheets %q, SheetJS %q", g.File, names, g.Sheetjs.Sheets)
			continue
		}
		first := g.Exceljs.Sheets[0]
		if first.Frozen == nil || first.Frozen.Y != 1 {
			t.Errorf("%s: the first sheet %q has frozen panes %+v, want its header row frozen", g.File, first.Name, first.Frozen)
		}
		switch {
		case name == "overview.xlsx":
			if first.Name != "Organisations" || first.Frozen == nil || first.Frozen.X != 1 || !slices.Contains(first.First, "File") {
				t.Errorf("overview: first sheet %+v", first)
			}
		case name == "directory.xlsx":
			if first.Name != "Organisations" || first.Frozen == nil || first.Frozen.X != 1 || !slices.Contains(first.First, "E-mail") {
				t.Errorf("directory: first sheet %+v", first)
			}
		case strings.Contains(name, "action") || strings.Contains(g.File, "render"):
			// An action plan has the list of statuses as a drop-down.
			if len(first.Lists) == 0 {
				t.Errorf("%s: the sheet %q has no drop-down lists", g.File, first.Name)
			}
		}
	}
	if len(got) != len(files) {
		t.Errorf("node read %d workbooks, want %d", len(got), len(files))
	}
}
