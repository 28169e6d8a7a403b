package msg

import (
	"strings"

	embedded "github.com/partnership-roadmap/roadmap/content"
)

// Reader returns the language a person reads messages in that are not
// about an answers file (whose own language wins): flag (--lang) when
// given, else the locale's language from LC_ALL, LC_MESSAGES or LANG (the
// first one set, as POSIX orders them), else Fallback. Only a language of
// codes counts; "lt_LT.UTF-8" is lt, "C" and "POSIX" are Fallback.
func Reader(flag string, getenv func(string) string, codes []string) string {
	if known(flag, codes) {
		return flag
	}
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := getenv(name)
		if v == "" {
			continue
		}
		// The first variable set decides, as for any program.
		code := strings.ToLower(v)
		if i := strings.IndexAny(code, "_.@-"); i >= 0 {
			code = code[:i]
		}
		if known(code, codes) {
			return code
		}
		return Fallback
	}
	return Fallback
}

func known(code string, codes []string) bool {
	if code == "" {
		return false
	}
	for _, c := range codes {
		if c == code {
			return true
		}
	}
	return false
}

// Codes returns the languages of the built-in content, in name order.
func Codes() []string {
	entries, _ := embedded.FS.ReadDir(".")
	var out []string
	for _, e := range entries {
		if e.IsDir() {
			out = append(out, e.Name())
		}
	}
	return out
}
