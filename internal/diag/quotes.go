package diag

import (
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/partnership-roadmap/roadmap/internal/msg"
)

// quoteProblem looks for the quoting mistakes that break a YAML file far
// from where they are made: a quote left open, which the parser reads on
// until the next quote, maybe a hundred lines below; and text after a
// closing quote (name: 'it's). The scan follows only as much of YAML as it
// needs (comments, flow brackets, | and > blocks) and is linear in the
// file's size. upto is the line the parser failed at: a quote left open
// below it is no cause.
func quoteProblem(file string, data []byte, ix lineIndex, upto int) (Problem, bool) {
	var (
		inQuote    byte // the open quote, or 0
		qLine      int  // where it opened
		qCol       int
		suspicious bool // a line inside the quote looks like a key of its own
		block      = -1 // the indentation of the line holding a | or > block, or -1
		flow       int  // the depth of [ and {
	)
	openProblem := func() Problem {
		return Say(file, &yaml.Node{Line: qLine, Column: qCol}, "syntax.open-quote", "quote", string(inQuote))
	}
	for ln := 1; ln <= len(ix); ln++ {
		line := ix.text(data, ln)
		i := 0
		if inQuote == 0 {
			if ln > upto {
				break
			}
			indent := len(line) - len(strings.TrimLeft(line, " "))
			if block >= 0 {
				if strings.TrimSpace(line) == "" || indent > block {
					continue
				}
				block = -1
			}
			i = indent
		} else if looksLikeKey(line) {
			suspicious = true
		}
		valueStart := inQuote == 0
		for i < len(line) {
			c := line[i]
			if inQuote != 0 {
				end := closeQuote(line, i, inQuote)
				if end < 0 {
					break // the quote goes on on the next line
				}
				if qLine != ln && suspicious && qLine <= upto {
					return openProblem(), true
				}
				q := inQuote
				inQuote, suspicious = 0, false
				rest := strings.TrimLeft(line[end+1:], " \t")
				if rest != "" && !strings.ContainsRune(":,]}#", rune(rest[0])) {
					if ln > upto && qLine > upto {
						return Problem{}, false
					}
					snippet := rest
					if r := []rune(snippet); len(r) > 20 {
						snippet = string(r[:20]) + "…"
					}
					key := "syntax.after-single-quote"
					if q == '"' {
						key = "syntax.after-double-quote"
					}
					return Say(file, &yaml.Node{Line: ln, Column: utf8.RuneCountInString(line[:end]) + 1}, key,
						"text", msg.Value(snippet)), true
				}
				i = end + 1
				valueStart = false
				continue
			}
			next := byte(0)
			if i+1 < len(line) {
				next = line[i+1]
			}
			switch {
			case c == ' ' || c == '\t':
			case c == '#' && (i == 0 || line[i-1] == ' ' || line[i-1] == '\t'):
				i = len(line) // a comment
				continue
			case valueStart && (c == '"' || c == '\''):
				inQuote, qLine, qCol = c, ln, utf8.RuneCountInString(line[:i])+1
				i++
				continue
			case valueStart && (c == '-' || c == '?') && (next == ' ' || next == 0):
			case valueStart && (c == '&' || c == '!'):
				for i < len(line) && line[i] != ' ' {
					i++
				}
				continue
			case valueStart && flow == 0 && (c == '|' || c == '>'):
				if strings.Trim(strings.SplitN(line[i+1:], " #", 2)[0], "+-0123456789 ") == "" {
					block = len(line) - len(strings.TrimLeft(line, " "))
				}
				i = len(line)
				continue
			case c == '[' || c == '{':
				if valueStart || flow > 0 {
					flow++
					valueStart = true
				}
			case c == ']' || c == '}':
				if flow > 0 {
					flow--
				}
				valueStart = false
			case c == ',' && flow > 0:
				valueStart = true
			case c == ':' && (next == ' ' || next == 0 || flow > 0):
				valueStart = true
			default:
				valueStart = false
			}
			i++
		}
	}
	if inQuote != 0 && qLine <= upto {
		return openProblem(), true // the file ends inside the quote
	}
	return Problem{}, false
}

// closeQuote returns the offset of the quote q that closes a quoted text
// in line, searching from offset i, or -1.
func closeQuote(line string, i int, q byte) int {
	for ; i < len(line); i++ {
		switch {
		case q == '"' && line[i] == '\\':
			i++
		case line[i] == q:
			if q == '\'' && i+1 < len(line) && line[i+1] == '\'' {
				i++
				continue
			}
			return i
		}
	}
	return -1
}

// looksLikeKey reports whether line looks like a line of its own in a
// map or list: "  name: x", "contact:" or "- x".
func looksLikeKey(line string) bool {
	t := strings.TrimLeft(line, " ")
	if strings.HasPrefix(t, "- ") {
		return true
	}
	k, _, ok := strings.Cut(t, ":")
	if !ok || k == "" || strings.ContainsAny(k, " \"'") {
		return false
	}
	rest := t[len(k)+1:]
	return rest == "" || rest[0] == ' '
}
