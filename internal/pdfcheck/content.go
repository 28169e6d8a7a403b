package pdfcheck

import "fmt"

// painting are the operators that put marks on a page (ISO 32000-1, 8.2):
// showing text, painting paths, shadings, XObjects and inline images.
var painting = map[string]bool{
	"Tj": true, "TJ": true, "'": true, `"`: true,
	"S": true, "s": true, "f": true, "F": true, "f*": true, "B": true, "B*": true, "b": true, "b*": true,
	"sh": true, "Do": true, "EI": true,
}

// unmarked returns what the first painting operator of content stream s
// drawn outside a marked-content sequence that is tagged (has an MCID) or
// an artifact is, or "" when there is none.
func unmarked(s []byte) string {
	var stack []bool // per open sequence, whether it is tagged or an artifact
	var ops []string // the operands since the last operator
	marked := func() bool {
		for _, m := range stack {
			if m {
				return true
			}
		}
		return false
	}
	i, n := 0, len(s)
	for i < n {
		c := s[i]
		switch {
		case c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0:
			i++
		case c == '%':
			for i < n && s[i] != '\n' && s[i] != '\r' {
				i++
			}
		case c == '(':
			depth := 0
			for i < n {
				if s[i] == '\\' {
					i += 2
					continue
				}
				if s[i] == '(' {
					depth++
				} else if s[i] == ')' {
					depth--
					if depth == 0 {
						i++
						break
					}
				}
				i++
			}
			ops = append(ops, "(string)")
		case c == '<' && i+1 < n && s[i+1] == '<':
			ops = append(ops, "<<")
			i += 2
		case c == '>' && i+1 < n && s[i+1] == '>':
			ops = append(ops, ">>")
			i += 2
		case c == '<':
			for i < n && s[i] != '>' {
				i++
			}
			i++
			ops = append(ops, "<hex>")
		case c == '[' || c == ']' || c == '{' || c == '}':
			i++
		case c == '/':
			j := i + 1
			for j < n && !delim(s[j]) {
				j++
			}
			ops = append(ops, string(s[i:j]))
			i = j
		default:
			j := i
			for j < n && !delim(s[j]) {
				j++
			}
			if j == i {
				i++
				continue
			}
			tok := string(s[i:j])
			i = j
			if (tok[0] >= '0' && tok[0] <= '9') || tok[0] == '-' || tok[0] == '+' || tok[0] == '.' || tok == "true" || tok == "false" || tok == "null" {
				ops = append(ops, tok)
				continue
			}
			switch tok {
			case "BMC":
				stack = append(stack, len(ops) > 0 && ops[0] == "/Artifact")
			case "BDC":
				m := len(ops) > 0 && ops[0] == "/Artifact"
				for _, o := range ops {
					if o == "/MCID" {
						m = true
					}
				}
				// a property list named in the resources: taken as tagged
				if len(ops) == 2 && len(ops[1]) > 1 && ops[1][0] == '/' {
					m = true
				}
				stack = append(stack, m)
			case "EMC":
				if len(stack) > 0 {
					stack = stack[:len(stack)-1]
				}
			case "ID":
				// inline image data up to EI
				for i+2 < n && !(isSpace(s[i]) && s[i+1] == 'E' && s[i+2] == 'I' && (i+3 == n || delim(s[i+3]))) {
					i++
				}
				i++
			default:
				if painting[tok] && !marked() {
					return fmt.Sprintf("%q drawn outside tagged or artifact content", tok)
				}
			}
			ops = ops[:0]
		}
	}
	return ""
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

// delim reports whether c ends a token.
func delim(c byte) bool {
	return isSpace(c) || c == '(' || c == ')' || c == '<' || c == '>' || c == '[' || c == ']' || c == '{' || c == '}' || c == '/' || c == '%'
}
