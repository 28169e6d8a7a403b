package esc

import "testing"

func TestName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"answers/a.yaml", "answers/a.yaml"},
		{"Brīnumiņš/form.pdf", "Brīnumiņš/form.pdf"},
		{"has space.yaml", "has space.yaml"},
		{"\x1b]0;pwned\x07\x1b[2J.yaml", `"\x1b]0;pwned\x07\x1b[2J.yaml"`},
		{"a\nb.yaml", `"a\x0ab.yaml"`},
		{"cr\r.yaml", `"cr\x0d.yaml"`},
		{"bad\xffutf8", `"bad\xffutf8"`},
		{"c1\u009b31m", `"c1\u009b31m"`},
		{"evil\u202egpj.exe", `"evil\u202egpj.exe"`},
		{"q\"uote\x1b\\", `"q\"uote\x1b\\"`},
		{"del\x7f", `"del\x7f"`},
	}
	for _, tt := range tests {
		if got := Name(tt.in); got != tt.want {
			t.Errorf("Name(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"line one\nline\ttwo", "line one\nline\ttwo"},
		{"open \x1b[2J.yaml: no such file", `open \x1b[2J.yaml: no such file`},
		{"Rīga \"quoted\" \\", "Rīga \"quoted\" \\"},
		{"\x07\xfe\u0085\u2066", `\x07\xfe\u0085\u2066`},
	}
	for _, tt := range tests {
		if got := Text(tt.in); got != tt.want {
			t.Errorf("Text(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}
