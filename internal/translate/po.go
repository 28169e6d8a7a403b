package translate

import (
	"bufio"
	"bytes"
	"fmt"
	"strconv"
	"strings"
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
// note as extracted comments (#.), outdated translations marked fuzzy.
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

// Translation is one translated text read from a translator's file.
type Translation struct {
	Key, Text string
	// Line is where the entry starts in the file, for messages.
	Line int
}

// ReadPO reads the translations of a PO file: the entries whose msgstr is
// not empty and that are not marked fuzzy. It returns the file's language
// (its Language header) and how many entries it skipped as fuzzy. A
// UTF-8 byte-order mark opening the file (some editors write one) is
// skipped.
func ReadPO(data []byte) (lang string, ts []Translation, fuzzy int, err error) {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	type entry struct {
		ctxt, id, str string
		fuzzy, hasStr bool
		line          int
	}
	var (
		cur  entry
		last *string
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
		line := strings.TrimSpace(sc.Text())
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
				return "", nil, 0, fmt.Errorf("line %d: a string continues no msgctxt, msgid or msgstr", n)
			}
			s, err := unquotePO(line)
			if err != nil {
				return "", nil, 0, fmt.Errorf("line %d: %v", n, err)
			}
			*last += s
		default:
			kw, rest, _ := strings.Cut(line, " ")
			s, err := unquotePO(strings.TrimSpace(rest))
			if err != nil {
				return "", nil, 0, fmt.Errorf("line %d: %v", n, err)
			}
			switch kw {
			case "msgctxt", "msgid":
				flushIfDone()
				if cur.line == 0 {
					cur.line = n
				}
				if kw == "msgctxt" {
					cur.ctxt, last = s, &cur.ctxt
				} else {
					cur.id, last = s, &cur.id
				}
			case "msgstr":
				cur.str, last, cur.hasStr = s, &cur.str, true
			case "msgid_plural", "msgstr[0]", "msgstr[1]", "msgstr[2]", "msgstr[3]":
				return "", nil, 0, fmt.Errorf("line %d: %s: in this file each plural form is an entry of its own (key:form); write its text in msgstr", n, kw)
			default:
				return "", nil, 0, fmt.Errorf("line %d: unknown keyword %q; a PO entry has msgctxt, msgid and msgstr", n, kw)
			}
		}
	}
	if err := sc.Err(); err != nil {
		return "", nil, 0, err
	}
	flushIfDone()
	seen := map[string]int{}
	for _, e := range all {
		if e.ctxt == "" && e.id == "" {
			for _, h := range strings.Split(e.str, "\n") {
				if v, ok := strings.CutPrefix(h, "Language:"); ok {
					lang = strings.TrimSpace(v)
				}
			}
			continue
		}
		if e.ctxt == "" {
			return "", nil, 0, fmt.Errorf("line %d: the entry has no msgctxt; it names the text (keep the msgctxt the export wrote)", e.line)
		}
		if prev, dup := seen[e.ctxt]; dup {
			return "", nil, 0, fmt.Errorf("line %d: msgctxt %q is given twice (first at line %d)", e.line, e.ctxt, prev)
		}
		seen[e.ctxt] = e.line
		if e.str == "" {
			continue
		}
		if e.fuzzy {
			fuzzy++
			continue
		}
		ts = append(ts, Translation{Key: e.ctxt, Text: e.str, Line: e.line})
	}
	return lang, ts, fuzzy, nil
}

func unquotePO(s string) (string, error) {
	if len(s) < 2 || s[0] != '"' || s[len(s)-1] != '"' {
		return "", fmt.Errorf("expected a quoted string, found %s", strconv.Quote(s))
	}
	var b strings.Builder
	in := s[1 : len(s)-1]
	for i := 0; i < len(in); i++ {
		c := in[i]
		if c != '\\' {
			b.WriteByte(c)
			continue
		}
		i++
		if i >= len(in) {
			return "", fmt.Errorf("a string ends with a lone backslash")
		}
		switch in[i] {
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case 'r':
			b.WriteByte('\r')
		case '"', '\\':
			b.WriteByte(in[i])
		case '0', '1', '2', '3', '4', '5', '6', '7':
			j := i
			for j < len(in) && j < i+3 && in[j] >= '0' && in[j] <= '7' {
				j++
			}
			v, _ := strconv.ParseUint(in[i:j], 8, 8)
			b.WriteByte(byte(v))
			i = j - 1
		default:
			return "", fmt.Errorf("unknown escape \\%c", in[i])
		}
	}
	return b.String(), nil
}
