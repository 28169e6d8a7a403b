package translate

import (
	"bufio"
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/partnership-roadmap/roadmap/internal/diag"
)

// The PO format is written and read here rather than with a library: the Go
// PO packages either reorder entries and ignore the fuzzy flag when writing
// (github.com/chai2010/gettext-go: SetFuzzy does nothing, Data sorts by
// comment) or are runtime lookup libraries that drop flags and comments when
// reading (github.com/leonelquinteros/gotext, whose current release needs Go
// 1.27). A translation exchange needs both, and `msgfmt --check` (GNU
// gettext) is the test's judge of the result.

// WritePO writes the catalog as a gettext PO file: one entry per text, its
// key as msgctxt, the Latvian source as msgid, the English reference and the
// note as extracted comments (#.), outdated translations marked fuzzy with
// the Latvian text they were made from as the previous msgid (#|).
func WritePO(c *Catalog) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "# Texts of the roadmap (LOCAL-Y-MPACT) to translate into %s, from Latvian (lv).\n", c.Lang)
	b.WriteString("# msgctxt is the text's key: keep it. Translate msgstr; leave it empty to skip a text.\n")
	b.WriteString("# Keep {placeholders}, Markdown (**bold**, [links](...), lists) and line breaks as in the source.\n")
	b.WriteString("msgid \"\"\nmsgstr \"\"\n")
	for _, h := range []string{
		"Project-Id-Version: roadmap",
		"Language: " + c.Lang,
		"MIME-Version: 1.0",
		"Content-Type: text/plain; charset=UTF-8",
		"Content-Transfer-Encoding: 8bit",
		"Language-Team: " + c.Lang,
		"Last-Translator: -",
		"PO-Revision-Date: -",
		"X-Source-Language: " + c.SourceLang,
	} {
		fmt.Fprintf(&b, "%q\n", h+"\n")
	}
	for _, e := range c.Entries {
		b.WriteByte('\n')
		if e.English != "" {
			comment(&b, "#. en: ", e.English)
		}
		comment(&b, "#. ", e.Note)
		if e.Outdated {
			b.WriteString("#, fuzzy\n")
		}
		if e.Previous != "" {
			// The source text the translation was made from, as msgmerge
			// writes it: tools show the change beside the new source.
			var prev bytes.Buffer
			field(&prev, "msgctxt", e.Key)
			field(&prev, "msgid", e.Previous)
			for _, line := range strings.SplitAfter(prev.String(), "\n") {
				if line != "" {
					b.WriteString("#| " + line)
				}
			}
		}
		field(&b, "msgctxt", e.Key)
		field(&b, "msgid", e.Source)
		field(&b, "msgstr", e.Target)
	}
	return b.Bytes()
}

// comment writes s as comment lines, each starting with prefix.
func comment(b *bytes.Buffer, prefix, s string) {
	for i, line := range strings.Split(s, "\n") {
		if i > 0 {
			prefix = "#.    "
		}
		b.WriteString(strings.TrimRight(prefix+line, " "))
		b.WriteByte('\n')
	}
}

// field writes a PO keyword and its string, one quoted line per line of s.
func field(b *bytes.Buffer, kw, s string) {
	lines := strings.SplitAfter(s, "\n")
	if len(lines) == 1 {
		fmt.Fprintf(b, "%s %s\n", kw, quotePO(s))
		return
	}
	fmt.Fprintf(b, "%s \"\"\n", kw)
	for _, l := range lines {
		if l != "" {
			b.WriteString(quotePO(l))
			b.WriteByte('\n')
		}
	}
}

// quotePO quotes s as a C string, the PO way: UTF-8 kept as it is.
func quotePO(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\t':
			b.WriteString(`\t`)
		case '\r':
			b.WriteString(`\r`)
		default:
			if r < 0x20 || r == 0x7f {
				fmt.Fprintf(&b, `\%03o`, r)
				continue
			}
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// ReadPO reads the translations of a PO file: the entries whose msgstr is
// not empty and that are not marked fuzzy. It returns the file's language
// (its Language header) and how many entries it skipped as fuzzy. A
// UTF-8 byte-order mark opening the file (some editors write one) is
// skipped. Strings take the C escapes PO editors write (\n \t \r \a \b \f
// \v \" \\, octal \ooo and hexadecimal \xhh); what they stand for is judged
// by Apply.
func ReadPO(data []byte) (lang string, ts []Translation, fuzzy int, err error) {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	type str struct {
		s     string
		marks []mark
		line  int
		col   int
	}
	type entry struct {
		ctxt, id, str str
		fuzzy, hasStr bool
		line          int
	}
	var (
		cur  entry
		last *str
		all  []entry
	)
	// An entry ends where the next one's comments or keywords begin.
	flushIfDone := func() {
		if cur.hasStr {
			all = append(all, cur)
			cur, last = entry{}, nil
		}
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	n := 0
	for sc.Scan() {
		n++
		raw := strings.TrimRight(sc.Text(), " \t\r")
		line := strings.TrimLeft(raw, " \t")
		col := len(raw) - len(line) + 1 // leading blanks are one byte each
		switch {
		case line == "":
			flushIfDone()
		case strings.HasPrefix(line, "#"):
			flushIfDone()
			if strings.HasPrefix(line, "#,") && strings.Contains(line, "fuzzy") {
				cur.fuzzy = true
			}
		case strings.HasPrefix(line, `"`):
			if last == nil {
				return "", nil, 0, at(n, col, "a string continues no msgctxt, msgid or msgstr")
			}
			s, marks, err := unquotePO(line, n, col)
			if err != nil {
				return "", nil, 0, err
			}
			for _, m := range marks {
				m.off += len(last.s)
				last.marks = append(last.marks, m)
			}
			if last.s == "" && s != "" {
				last.line, last.col = n, col+1
			}
			last.s += s
		default:
			kw, rest, _ := strings.Cut(line, " ")
			rest = strings.TrimLeft(rest, " \t")
			qcol := col + utf8.RuneCountInString(line) - utf8.RuneCountInString(rest)
			s, marks, err := unquotePO(rest, n, qcol)
			if err != nil {
				return "", nil, 0, err
			}
			v := str{s: s, marks: marks, line: n, col: qcol + 1}
			switch kw {
			case "msgctxt", "msgid":
				flushIfDone()
				if cur.line == 0 {
					cur.line = n
				}
				if kw == "msgctxt" {
					cur.ctxt, last = v, &cur.ctxt
				} else {
					cur.id, last = v, &cur.id
				}
			case "msgstr":
				cur.str, last, cur.hasStr = v, &cur.str, true
			case "msgid_plural", "msgstr[0]", "msgstr[1]", "msgstr[2]", "msgstr[3]":
				return "", nil, 0, at(n, col, "%s: in this file each plural form is an entry of its own (key:form); write its text in msgstr", kw)
			default:
				return "", nil, 0, at(n, col, "unknown keyword %q; a PO entry has msgctxt, msgid and msgstr", kw)
			}
		}
	}
	if err := sc.Err(); err != nil {
		return "", nil, 0, err
	}
	flushIfDone()
	seen := map[string]int{}
	for _, e := range all {
		if e.ctxt.s == "" && e.id.s == "" {
			for _, h := range strings.Split(e.str.s, "\n") {
				if v, ok := strings.CutPrefix(h, "Language:"); ok {
					lang = strings.TrimSpace(v)
				}
			}
			continue
		}
		if e.ctxt.s == "" {
			return "", nil, 0, at(e.line, 1, "the entry has no msgctxt; it names the text (keep the msgctxt the export wrote)")
		}
		if prev, dup := seen[e.ctxt.s]; dup {
			return "", nil, 0, at(e.ctxt.line, 1, "msgctxt %q is given twice (first at line %d); each text is one entry", e.ctxt.s, prev)
		}
		seen[e.ctxt.s] = e.ctxt.line
		if e.str.s == "" {
			continue
		}
		if e.fuzzy {
			fuzzy++
			continue
		}
		ts = append(ts, Translation{Key: e.ctxt.s, Text: e.str.s, Line: e.str.line, Col: e.str.col, marks: e.str.marks})
	}
	return lang, ts, fuzzy, nil
}

// unquotePO reads a quoted PO string written at line and column col (of
// its opening quote), with where each piece of it came from.
func unquotePO(s string, line, col int) (string, []mark, error) {
	if len(s) < 2 || s[0] != '"' || s[len(s)-1] != '"' {
		return "", nil, at(line, col, "expected a quoted string, found %s", strconv.Quote(s))
	}
	var (
		b     strings.Builder
		marks []mark
	)
	in := s[1 : len(s)-1]
	c := col + 1
	for i := 0; i < len(in); {
		start, startCol := i, c
		if in[i] != '\\' {
			_, size := utf8.DecodeRuneInString(in[i:])
			marks = append(marks, mark{off: b.Len(), line: line, col: startCol, raw: in[i : i+size]})
			b.WriteString(in[i : i+size])
			i += size
			c++
			continue
		}
		i++
		if i >= len(in) {
			return "", nil, at(line, startCol, "a string ends with a lone backslash; write \\\\ for a backslash")
		}
		off := b.Len()
		switch e := in[i]; e {
		case 'n', 't', 'r', 'a', 'b', 'f', 'v', '"', '\\':
			b.WriteByte(map[byte]byte{'n': '\n', 't': '\t', 'r': '\r', 'a': '\a', 'b': '\b', 'f': '\f', 'v': '\v', '"': '"', '\\': '\\'}[e])
			i++
		case '0', '1', '2', '3', '4', '5', '6', '7':
			j := i
			for j < len(in) && j < i+3 && in[j] >= '0' && in[j] <= '7' {
				j++
			}
			v, _ := strconv.ParseUint(in[i:j], 8, 16)
			b.WriteByte(byte(v))
			i = j
		case 'x':
			j := i + 1
			for j < len(in) && j < i+3 && strings.IndexByte("0123456789abcdefABCDEF", in[j]) >= 0 {
				j++
			}
			if j == i+1 {
				return "", nil, at(line, startCol, "\\x without hexadecimal digits")
			}
			v, _ := strconv.ParseUint(in[i+1:j], 16, 8)
			b.WriteByte(byte(v))
			i = j
		default:
			r, _ := utf8.DecodeRuneInString(in[i:])
			esc := `\` + string(r)
			if !unicode.IsPrint(r) {
				esc = `\ followed by ` + diag.CharName(r)
			}
			return "", nil, at(line, startCol, "unknown escape %s; a PO string knows \\n \\t \\\" \\\\ (and the C escapes)", esc)
		}
		marks = append(marks, mark{off: off, line: line, col: startCol, raw: in[start:i]})
		c += i - start
	}
	return b.String(), marks, nil
}

// at returns a problem at line and column col of the file being read; the
// caller names the file.
func at(line, col int, format string, args ...any) error {
	return diag.Problem{Line: line, Col: col, Msg: fmt.Sprintf(format, args...)}
}
