package msg_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// english finds the calls that make a message from an English string in
// Go code: an error (fmt.Errorf, errors.New), a problem of an input file
// (diag.At, List.Add, Decoder.Add), a usage error (usagef) or a warning
// (Warn). Every message a person reads comes from the catalogue instead
// (msg.New, diag.Say, Decoder.Say, usage). Log lines (serve's Logf,
// "serve: writing the audit log: …") are not looked for: they go to an
// administrator's log, in English on purpose, as servers' logs are searched
// and reported. What serve prints for a person when it starts (where it
// serves, the links, the code to scan) is in the catalogue.
func english(t *testing.T) map[string][]string {
	t.Helper()
	found := map[string][]string{}
	sourceFiles(t, func(fset *token.FileSet, rel string, f *ast.File) {
		ast.Inspect(f, func(n ast.Node) bool {
			// A Problem written out: Problem{File: f, Msg: "…"}.
			if kv, ok := n.(*ast.KeyValueExpr); ok {
				if k, ok := kv.Key.(*ast.Ident); ok && k.Name == "Msg" {
					if lit, ok := kv.Value.(*ast.BasicLit); ok && lit.Kind == token.STRING {
						if s, _ := strconv.Unquote(lit.Value); words(s) {
							found[rel] = append(found[rel], fset.Position(lit.Pos()).String()+": "+s)
						}
					}
				}
				return true
			}
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			name := ""
			if ok {
				name = sel.Sel.Name
				if x, ok := sel.X.(*ast.Ident); ok {
					name = x.Name + "." + name
				}
			} else if id, ok := call.Fun.(*ast.Ident); ok {
				name = id.Name
			}
			arg := -1
			switch {
			case name == "fmt.Errorf" || name == "errors.New" || name == "usagef" || name == "fail":
				arg = 0
				if name == "usagef" {
					arg = 1
				}
			case name == "diag.At" || strings.HasSuffix(name, ".Add") && len(call.Args) >= 3:
				arg = len(call.Args) - 1
				for i, a := range call.Args {
					if _, ok := a.(*ast.BasicLit); ok {
						arg = i
						break
					}
				}
			case strings.HasSuffix(name, ".Warn"):
				arg = 0
			}
			if arg < 0 || arg >= len(call.Args) {
				return true
			}
			lit, ok := call.Args[arg].(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			s, _ := strconv.Unquote(lit.Value)
			if !words(s) {
				return true // "%w", "%s: %v": no words of its own
			}
			found[rel] = append(found[rel], fset.Position(lit.Pos()).String()+": "+s)
			return true
		})
	})
	return found
}

// words reports whether format s holds a word of its own (two letters or
// more outside its verbs).
func words(s string) bool {
	run := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '%' && i+1 < len(s) {
			i++
			run = 0
			continue
		}
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' {
			run++
			if run >= 2 {
				return true
			}
			continue
		}
		run = 0
	}
	return false
}

// allowed are the files whose English messages stay outside the catalogue,
// and why. An entry is a file or a folder (ending in /).
var allowed = map[string]string{
	// Never the person's input: a font, an image or a PDF this program made
	// itself is broken, which no user can fix and a developer reads in English.
	"internal/pdf/":       "internal: the program's own fonts, images and PDF objects",
	"internal/docx/":      "internal: the program's own Word document parts",
	"internal/sheets/":    "internal: the program's own workbook parts",
	"internal/qr/":        "internal: a QR code of the program's own URL",
	"internal/guide/":     "internal: the booklet's layout of content content check accepted",
	"internal/form/":      "internal: the form's layout of checked content and answers",
	"internal/poster/":    "internal: the poster's layout of checked content and answers",
	"internal/proposal/":  "internal: the proposal's layout of checked content and answers",
	"internal/directory/": "internal: the directory's layout of checked answers",
	"internal/overview/":  "internal: the overview's layout of checked answers",
	// Internal too, outside the layout packages: what the program made
	// itself, or a bug of its own.
	"internal/fsutil/":           "internal: a temporary name or a file name the program made itself",
	"internal/answers/encode.go": "internal: encoding answers the program has checked",
	"internal/pack/pack.go":      "internal: a job that failed inside the program (a bug), for a developer",
}

func allowedFile(rel string) bool {
	for k := range allowed {
		if rel == k || strings.HasSuffix(k, "/") && strings.HasPrefix(rel, k) {
			return true
		}
	}
	return false
}

// TestNoEnglishOutsideTheCatalogue fails on a message made from an English
// string in a file the allow-list does not name.
func TestNoEnglishOutsideTheCatalogue(t *testing.T) {
	found := english(t)
	var files []string
	for f := range found {
		files = append(files, f)
	}
	sort.Strings(files)
	for _, f := range files {
		if !allowedFile(f) {
			for _, s := range found[f] {
				t.Errorf("an English message outside the catalogue (content/<lang>/labels/messages.yaml): %s", s)
			}
		}
	}
	// The allow-list holds no file that has nothing to allow.
	for k := range allowed {
		ok := false
		for f := range found {
			if f == k || strings.HasSuffix(k, "/") && strings.HasPrefix(f, k) {
				ok = true
			}
		}
		if !ok {
			t.Errorf("allowed lists %s, which makes no English message: remove it", k)
		}
	}
	n := 0
	for _, f := range files {
		n += len(found[f])
	}
	t.Logf("%d English message strings left, in %d files", n, len(files))
	if testing.Verbose() {
		for _, f := range files {
			t.Logf("%4d %s", len(found[f]), f)
		}
	}
}

// sourceFiles calls fn with every Go file of the module that is not a test
// and not under testdata, node_modules or a dot folder, parsed, with its
// path relative to the module's root.
func sourceFiles(t *testing.T, fn func(fset *token.FileSet, rel string, f *ast.File)) {
	t.Helper()
	root := filepath.Join("..", "..")
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || d.Name() == "node_modules" || strings.HasPrefix(d.Name(), ".")) && path != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		fn(fset, filepath.ToSlash(rel), f)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
