package msg_test

import (
	"go/ast"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	embedded "github.com/partnership-roadmap/roadmap/content"
	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/msg"
	"github.com/partnership-roadmap/roadmap/internal/testtool"
	"github.com/partnership-roadmap/roadmap/internal/translate"
)

// A count picks the language's CLDR plural form: lt one (391), few (392),
// other (310); lv one (391: "rakstzīme"), other (310).
func TestPluralForms(t *testing.T) {
	for _, tc := range []struct {
		lang string
		n    int
		want string
	}{
		{"lt", 391, "per ilgas: 391 simbolis;"},
		{"lt", 392, "per ilgas: 392 simboliai;"},
		{"lt", 310, "per ilgas: 310 simbolių;"},
		{"lv", 391, "ir par garu: 391 rakstzīme;"},
		{"lv", 310, "ir par garu: 310 rakstzīmes;"},
		{"en", 1, "is too long: 1 character;"},
		{"en", 301, "is too long: 301 characters;"},
	} {
		got := msg.New("decode.too-long", "field", msg.Plain("x"), "n", tc.n, "max", 300).In(tc.lang)
		if !strings.Contains(got, tc.want) {
			t.Errorf("%s, %d: %q, want it to hold %q", tc.lang, tc.n, got, tc.want)
		}
	}
}

// A value from a file is shown with its control characters escaped, and a
// long one shortened, saying its length in the reader's language.
func TestValue(t *testing.T) {
	got := msg.New("found.text", "value", msg.Value("a\x1b[2Jb")).In("en")
	if got != `the text "a\x1b[2Jb"` {
		t.Errorf("control character: %q", got)
	}
	long := strings.Repeat("ā", 300)
	got = msg.New("answers.unknown-status", "value", msg.Value(long), "allowed", "done").In("lv")
	if want := "„" + strings.Repeat("ā", 60) + "… (300 rakstzīmes)“"; !strings.Contains(got, want) {
		t.Errorf("long value: %q, want it to hold %q", got, want)
	}
}

// A message the language lacks falls back to English; a key no catalogue
// has shows itself, so a gap is seen rather than blank.
func TestFallback(t *testing.T) {
	if got := msg.New("decode.missing", "field", msg.Plain(`"x"`), "allowed", "y").In("xx"); got != `missing "x"; allowed: y` {
		t.Errorf("unknown language: %q", got)
	}
	if got := msg.New("no.such.key").In("lv"); got != "[msg.no.such.key]" {
		t.Errorf("unknown key: %q", got)
	}
}

func TestReader(t *testing.T) {
	codes := []string{"el", "en", "lt", "lv", "pt", "sv"}
	for _, tc := range []struct {
		flag string
		env  map[string]string
		want string
	}{
		{"", nil, "en"},
		{"lt", map[string]string{"LANG": "el_GR.UTF-8"}, "lt"},
		{"", map[string]string{"LANG": "el_GR.UTF-8"}, "el"},
		{"", map[string]string{"LANG": "el_GR.UTF-8", "LC_MESSAGES": "sv_SE"}, "sv"},
		{"", map[string]string{"LANG": "el_GR.UTF-8", "LC_MESSAGES": "sv_SE", "LC_ALL": "pt_PT.UTF-8"}, "pt"},
		{"", map[string]string{"LANG": "lv_LV.UTF-8", "LC_ALL": "C"}, "en"},
		{"", map[string]string{"LANG": "de_DE.UTF-8"}, "en"},
		{"", map[string]string{"LANG": "lv"}, "lv"},
		{"de", nil, "en"},
	} {
		getenv := func(k string) string { return tc.env[k] }
		if got := msg.Reader(tc.flag, getenv, codes); got != tc.want {
			t.Errorf("Reader(%q, %v) = %s, want %s", tc.flag, tc.env, got, tc.want)
		}
	}
}

// Every message key the Go code names (msg.New("key"), diag.Say(…, "key"),
// Decoder.Say(n, "key"), usage(cmd, "key")) is in every built-in
// language's catalogue.
func TestKeysInCode(t *testing.T) {
	seen := 0
	sourceFiles(t, func(fset *token.FileSet, _ string, f *ast.File) {
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			name := ""
			arg := -1
			switch fn := call.Fun.(type) {
			case *ast.SelectorExpr:
				name = fn.Sel.Name
			case *ast.Ident:
				name = fn.Name
			}
			switch name {
			case "New":
				if sel, ok := call.Fun.(*ast.SelectorExpr); ok {
					if x, ok := sel.X.(*ast.Ident); ok && x.Name == "msg" {
						arg = 0
					}
				}
			case "Say":
				// The key follows the node: d.Say(n, key), diag.Say(file, n, key).
				for i, a := range call.Args {
					if lit, ok := a.(*ast.BasicLit); ok && lit.Kind == token.STRING && i <= 2 {
						arg = i
						break
					}
				}
			case "usage", "sayUnknown":
				arg = 1
			}
			if arg < 0 || arg >= len(call.Args) {
				return true
			}
			lit, ok := call.Args[arg].(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			key, _ := strconv.Unquote(lit.Value)
			if key == "" {
				return true
			}
			seen++
			variants := []string{key}
			if name == "sayUnknown" {
				variants = []string{key + "-hint"}
			}
			for _, code := range msg.Codes() {
				for _, k := range variants {
					if !msg.Has(code, k) {
						t.Errorf("%s: message %q is not in content/%s/labels/messages.yaml", fset.Position(lit.Pos()), k, code)
					}
				}
			}
			return true
		})
	})
	if seen < 100 {
		t.Errorf("found %d message keys in the code; the scan is broken", seen)
	}
}

// copyContent copies the built-in content into a folder of its own.
func copyContent(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "content")
	if err := os.CopyFS(dir, embedded.FS); err != nil {
		t.Fatal(err)
	}
	return dir
}

func edit(t *testing.T, file, old, new string) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), old) {
		t.Fatalf("%s does not hold %q", file, old)
	}
	if err := os.WriteFile(file, []byte(strings.Replace(string(data), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// content check refuses a catalogue with a message missing in one language
// or a placeholder lost in another, naming each; a plural form that is not
// one of CLDR's is refused when the content is read.
func TestContentCheckRefusesBrokenCatalogue(t *testing.T) {
	dir := copyContent(t)
	edit(t, filepath.Join(dir, "lt", msg.File), "msg.answers.unknown-form: \"nežinoma forma „{value}“; leidžiama: {allowed}\"\n", "")
	edit(t, filepath.Join(dir, "el", msg.File), "«{value}» δεν είναι ημερομηνία· επιτρέπεται", "«τιμή» δεν είναι ημερομηνία· επιτρέπεται")
	b, err := content.Load(os.DirFS(dir), dir)
	if err != nil {
		t.Fatal(err)
	}
	reports, problems := content.Check(b)
	all := problems.Error()
	for _, want := range []string{
		"lt/labels/messages.yaml:1:1: label \"msg.answers.unknown-form\" is missing; lv has it at " + filepath.Join(dir, "lv", msg.File) + ":",
		"el/labels/messages.yaml:", ": label \"msg.date.not-a-date\" has placeholders []; it must have [{value}] as in lv",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("content check does not say %q; it says:\n%s", want, all)
		}
	}
	for _, r := range reports {
		if (r.Code == "lt" || r.Code == "el") && r.Complete() {
			t.Errorf("%s is reported complete", r.Code)
		}
	}

	dir = copyContent(t)
	edit(t, filepath.Join(dir, "sv", msg.File), "  one: \"{field} är för lång: {n} tecken;", "  on: \"{field} är för lång: {n} tecken;")
	if _, err := content.Load(os.DirFS(dir), dir); err == nil || !strings.Contains(err.Error(), `label "msg.decode.too-long": unknown plural form "on" (did you mean "one"?)`) {
		t.Errorf("a plural form \"on\": %v", err)
	}
}

// The messages go to translators with the rest: the PO file of a language
// holds them, plural forms as entries of their own, and passes msgfmt --check.
func TestMessagesInPO(t *testing.T) {
	dir := copyContent(t)
	b, err := content.Open(os.DirFS(dir), dir)
	if err != nil {
		t.Fatal(err)
	}
	c, err := translate.Build(b, "el", false)
	if err != nil {
		t.Fatal(err)
	}
	po := translate.WritePO(c)
	for _, want := range []string{
		`msgctxt "labels.msg.decode.too-long:one"`,
		`msgctxt "labels.msg.syntax.colon"`,
		`msgstr "«{value}» δεν είναι ημερομηνία· επιτρέπεται: ημερομηνία στη μορφή ΕΕΕΕ-ΜΜ-ΗΗ, π.χ. 2027-03-01"`,
	} {
		if !strings.Contains(string(po), want) {
			t.Errorf("the el PO file lacks %s", want)
		}
	}
	msgfmt := testtool.Need(t, "msgfmt", "gettext")
	file := filepath.Join(t.TempDir(), "el.po")
	if err := os.WriteFile(file, po, 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(msgfmt, "--check", "-o", os.DevNull, file).CombinedOutput(); err != nil {
		t.Errorf("msgfmt --check: %v\n%s", err, out)
	}
}

// TestPortuguesePlurals checks that Portuguese messages follow Portugal's
// plural rules (0 takes "other": "0 ficheiros"), not Brazil's (0 takes
// "one"), which golang.org/x/text gives the tag "pt".
func TestPortuguesePlurals(t *testing.T) {
	for n, want := range map[int]string{0: "0 ficheiros", 1: "1 ficheiro", 2: "2 ficheiros"} {
		if got := msg.New("cli.pack-files", "n", n).In("pt"); got != want {
			t.Errorf("pt, %d: %q, want %q", n, got, want)
		}
	}
}
