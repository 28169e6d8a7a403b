package diag

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"github.com/partnership-roadmap/roadmap/internal/msg"
)

// sample is a target type with one field of each kind the decoder knows.
type sample struct {
	Name    string   `yaml:"name" required:"true" max:"10" lines:"2"`
	Count   int      `yaml:"count" range:"1,9"`
	Size    float64  `yaml:"size" range:"0.5,2" unit:"mm"`
	On      bool     `yaml:"on"`
	Tags    []string `yaml:"tags" item:"tag" min:"1"`
	Inner   *inner   `yaml:"inner"`
	Ignored string   `yaml:"-"`
}

type inner struct {
	When upper `yaml:"when"`
}

// upper is a Value: a text in capitals.
type upper string

func (u *upper) Set(s string) error {
	if strings.ToUpper(s) != s {
		return errorString(`"` + s + `" is not in capitals; allowed: CAPITALS`)
	}
	*u = upper(s)
	return nil
}

func (u *upper) Allowed() string { return "a text in CAPITALS" }

type errorString string

func (e errorString) Error() string { return string(e) }

func decodeSample(t *testing.T, src string) (sample, []string) {
	t.Helper()
	root, problems := Parse("s.yaml", []byte(src), msg.Plain("a sample"))
	var s sample
	if root != nil {
		d := Decoder{File: "s.yaml", MaxWord: 8}
		d.Decode(root, &s, FileField("the sample"))
		problems = append(problems, d.Problems...)
	}
	var got []string
	if err := problems.Err(); err != nil {
		got = strings.Split(err.Error(), "\n")
	}
	return s, got
}

func TestDecoder(t *testing.T) {
	s, got := decodeSample(t, "name: Ilze\ncount: 3\nsize: 1.5\non: true\ntags: [a, b]\ninner: {when: MAY}\n")
	if len(got) > 0 {
		t.Fatalf("problems: %v", got)
	}
	if s.Name != "Ilze" || s.Count != 3 || s.Size != 1.5 || !s.On || len(s.Tags) != 2 || s.Inner == nil || s.Inner.When != "MAY" {
		t.Errorf("decoded %+v", s)
	}
}

func TestDecoderProblems(t *testing.T) {
	for _, tc := range []struct{ name, src, want string }{
		{"missing", "count: 3\ntags: [a]\n", `s.yaml:1:1: missing "name"; allowed: a text`},
		{"not a map", "[1]\n", `s.yaml:1:1: wrong type for the sample: found a list; allowed: a map of name, count, size, on, tags, inner`},
		{"int range", "name: x\ntags: [a]\ncount: 10\n", `s.yaml:3:8: "count" is 10, out of range; allowed: a whole number from 1 to 9`},
		{"int text", "name: x\ntags: [a]\ncount: 1.5\n", `s.yaml:3:8: wrong type for "count": found the text "1.5"; allowed: a whole number from 1 to 9`},
		{"nan", "name: x\ntags: [a]\nsize: .NaN\n", `s.yaml:3:7: "size" is ".NaN", not a finite number; allowed: a number from 0.5 to 2 mm`},
		{"inf", "name: x\ntags: [a]\nsize: -.inf\n", `s.yaml:3:7: "size" is "-.inf", not a finite number; allowed: a number from 0.5 to 2 mm`},
		{"hex infinity", "name: x\ntags: [a]\nsize: 0x1p1024\n", `s.yaml:3:7: "size" is "0x1p1024", not a finite number; allowed: a number from 0.5 to 2 mm`},
		{"float range", "name: x\ntags: [a]\nsize: 3\n", `s.yaml:3:7: "size" is 3, out of range; allowed: a number from 0.5 to 2 mm`},
		{"bool", "name: x\ntags: [a]\non: yes\n", `s.yaml:3:5: wrong type for "on": found the text "yes"; allowed: true or false`},
		{"too few", "name: x\ntags: []\n", `s.yaml:2:7: "tags" has 0 tags; allowed: a list of tags, each a text, at least 1`},
		{"item type", "name: x\ntags: [[a]]\n", `s.yaml:2:8: wrong type for tags tag 1: found a list; allowed: a text`},
		{"too long", "name: abcdefghijk\ntags: [a]\n", `s.yaml:1:7: "name" is too long: 11 characters; allowed: at most 10 characters`},
		{"too many lines", "name: \"a\\nb\\nc\"\ntags: [a]\n", `s.yaml:1:7: "name" has too many lines: 3; allowed: at most 2 lines`},
		{"long word", "name: x\ntags: [abcdefghi]\n", `s.yaml:2:8: tags tag 1 holds a word of 9 characters without a space; allowed: words of at most 8 characters`},
		{"value", "name: x\ntags: [a]\ninner: {when: may}\n", `s.yaml:3:15: "may" is not in capitals; allowed: CAPITALS`},
		{"value type", "name: x\ntags: [a]\ninner: {when: [MAY]}\n", `s.yaml:3:15: wrong type for "when": found a list; allowed: a text in CAPITALS`},
		{"unknown key", "name: x\ntags: [a]\ncuont: 1\n", `s.yaml:3:1: unknown key "cuont" (did you mean "count"?); allowed: name, count, size, on, tags, inner`},
		{"ignored key", "name: x\ntags: [a]\nIgnored: 1\n", `s.yaml:3:1: unknown key "Ignored"; allowed: name, count, size, on, tags, inner`},
		{"alias of a map", "name: x\ntags: [a]\ninner: &i {when: A}\nx: *i\n", `s.yaml:4:1: unknown key "x"; allowed: name, count, size, on, tags, inner`},
		{"alias budget", "name: &n \"" + strings.Repeat("A ", 4) + "\"\ntags: [" + strings.Repeat("*n, ", 1300) + "a]\n",
			`s.yaml:2:5008: the alias *n repeats more text than a file may: aliases repeat 10008 characters so far; allowed: at most 10000 characters, so write the text out`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, got := decodeSample(t, tc.src)
			if strings.Join(got, "\n") != tc.want {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), tc.want)
			}
		})
	}
}

func TestParseSyntax(t *testing.T) {
	for _, tc := range []struct{ name, src, want string }{
		{"indentation deep in a list", "a:\n" + strings.Repeat("  - x: 1\n    y: 2\n", 500) + "  - x: 1\n   y: 2\n" + strings.Repeat("  - x: 1\n", 10),
			`f.yaml:1003:4: ` + msg.New("syntax.indent").String()},
		{"unclosed quote far above", "a: \"x\n" + strings.Repeat("b: c\n", 150), `f.yaml:1:4: invalid YAML: the quote " opened here is not closed on its line, so the lines below are read as part of the text; allowed: a closing " on the same line, or a longer text in a | block`},
		{"quote inside plain text is text", "a: it's\nb: [x\n", `f.yaml:2:4: invalid YAML: the list [ opened here is not closed with ]; allowed: [a, b] on one line, or one "- item" per line`},
		{"block text is skipped", "a: |\n  \"not a quote\n  x: y\nb: 'c\n", `f.yaml:4:4: invalid YAML: the quote ' opened here is not closed on its line, so the lines below are read as part of the text; allowed: a closing ' on the same line, or a longer text in a | block`},
		{"byte order mark inside", "a: b\uFEFF\n", `f.yaml:1:5: the file holds the invisible character U+FEFF BYTE ORDER MARK; allowed: text without control characters, so delete it (it often comes with copied text)`},
		{"C1 control", "a: b\u0085c\u009b\n", `f.yaml:1:5: the file holds the invisible character U+0085 NEXT LINE; allowed: text without control characters, so delete it (it often comes with copied text)
f.yaml:1:7: the file holds the invisible character U+009B CONTROL SEQUENCE INTRODUCER; allowed: text without control characters, so delete it (it often comes with copied text)`},
		{"line separator", "a: b\u2028c\rd\r\n", `f.yaml:1:5: the file holds the invisible character U+2028 LINE SEPARATOR; allowed: text without control characters, so delete it (it often comes with copied text)
f.yaml:1:7: the file holds the invisible character U+000D CARRIAGE RETURN; allowed: text without control characters, so delete it (it often comes with copied text)`},
		{"delete", "a: \x7f\n", `f.yaml:1:4: the file holds the invisible character U+007F DELETE; allowed: text without control characters, so delete it (it often comes with copied text)`},
		{"at sign", "a: @b\n", "f.yaml:1:1: invalid YAML: a character that cannot start a value (such as @ or `); allowed: put the text in quotes"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, problems := Parse("f.yaml", []byte(tc.src), msg.Plain("a file"))
			if got := problems.Err(); got == nil || got.Error() != tc.want {
				t.Errorf("problems:\n%v\nwant:\n%s", got, tc.want)
			}
		})
	}
	// A byte-order mark opening the file is allowed.
	if root, problems := Parse("f.yaml", []byte("\uFEFFa: b\n"), msg.Plain("a file")); root == nil || len(problems) > 0 {
		t.Errorf("a file opening with a byte-order mark: %v", problems)
	}
}

// TestReadFileTooBig checks that a file over the limit is refused with its
// size and the limit.
func TestReadFileTooBig(t *testing.T) {
	_, err := ReadFile(fstest.MapFS{"big.yaml": {Data: make([]byte, MaxFileSize+1)}}, "big.yaml", "t/big.yaml", msg.Plain("the theme"))
	if want := "t/big.yaml: the theme is too big: 2097153 bytes; allowed: at most 2097152 bytes (2 MiB)"; err == nil || err.Error() != want {
		t.Errorf("ReadFile of a big file = %v, want %s", err, want)
	}
	_ = os.Remove
}

// BenchmarkPlaceBroken1MB measures placing the mistake of a broken 1 MB
// file alone, after the parse that found it broken: at most one more parse
// of the broken list, for a mistake at its end.
func BenchmarkPlaceBroken1MB(b *testing.B) {
	row := "  - activity: Tikšanās ar domes komiteju\n    notes: |\n      Sagatavot prezentāciju.\n"
	for _, tc := range []struct {
		name string
		at   float64
	}{{"mistake-at-start", 0}, {"mistake-at-end", 1}} {
		var sb strings.Builder
		sb.WriteString("form: community\naction_plan:\n")
		rows := (1 << 20) / len(row)
		for i := range rows {
			if i == int(tc.at*float64(rows-1)) {
				sb.WriteString("  - activity: x\n   notes: y\n")
			}
			sb.WriteString(row)
		}
		data := []byte(sb.String())
		err := parseAll(data)
		b.Run(tc.name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if p := syntaxProblem("x.yaml", data, err); p.Line < 3 {
					b.Fatalf("placed at %v", p)
				}
			}
		})
	}
}

// FuzzSyntax checks that no file makes Parse or the decoder panic, and that
// every problem points inside the file: a line it has, a column on that
// line (or just after its end).
func FuzzSyntax(f *testing.F) {
	for _, s := range []string{
		"name: x\ncount: 3\ntags: [a]\ninner: {when: MAY}\n",
		"name: \"open\ncount: 3\n", "name: 'it's'\n", "tags: [a, b\n", "inner: {when: A\n",
		"name: x\n  count: 3\n", "a:\n  b: c\n d: e\n", "\tname: x\n", "name: *x\n",
		"name: &a x\ntags: [*a, *a]\n", "size: .nan\n", "---\n---\nname: x\n", "\xef\xbb\xbfname: x\n",
		"name: a\x1bb\n", "? [a]\n: b\n", "name: |\n  \"x\n  y: z\ncount: '1\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		root, problems := Parse("f.yaml", data, msg.Plain("a sample"))
		if root != nil {
			d := Decoder{File: "f.yaml", MaxWord: 8}
			var s sample
			d.Decode(root, &s, FileField("the sample"))
			problems = append(problems, d.Problems...)
		}
		ix := newLineIndex(data)
		for _, p := range problems {
			if p.File != "f.yaml" || p.Msg == "" || p.Line < 1 || p.Col < 1 {
				t.Fatalf("problem without a position: %#v", p)
			}
			if p.Line > len(ix) {
				t.Fatalf("problem past the last line %d: %v", len(ix), p)
			}
			if n := utf8.RuneCountInString(ix.text(data, p.Line)); p.Col > n+1 && utf8.Valid(data) {
				t.Fatalf("problem past the end of line %d (%d characters): %v", p.Line, n, p)
			}
		}
	})
}
