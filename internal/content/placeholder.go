package content

import (
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/partnership-roadmap/roadmap/internal/diag"
	"github.com/partnership-roadmap/roadmap/internal/msg"
)

// bracesRE finds what reads as a placeholder: a name in braces, doubled
// braces ({{x}}) and spaces ({ n }) included, so that a placeholder written
// another way is caught rather than printed as it is.
var bracesRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\{+[^{}\n]{0,40}\}+`) })

// PlaceholderProblem reports whether the placeholders of text, a
// translation of the source text src, are right (ok), and else the
// placeholders text has (got) and those it must have (want): a translation
// has exactly the source's placeholders, each written {name}, in any order.
func PlaceholderProblem(src, text string) (got, want string, ok bool) {
	w := slices.Sorted(slices.Values(bracesRE().FindAllString(src, -1)))
	g := slices.Sorted(slices.Values(bracesRE().FindAllString(text, -1)))
	if slices.Equal(w, g) {
		return "", "", true
	}
	return strings.Join(bracesRE().FindAllString(text, -1), " "), strings.Join(bracesRE().FindAllString(src, -1), " "), false
}

// checkPlaceholders checks every text of translation l against its source
// text in src for placeholders written another way ({{n}}, { n }) or
// invented ({x} in a text that has none). A label whose {name} placeholders
// differ is reported by compare, and not again here.
func checkPlaceholders(b *Bundle, src, l *Language) diag.List {
	srcUnits, err := b.Units(src.Code)
	if err != nil {
		return nil
	}
	units, err := b.Units(l.Code)
	if err != nil {
		return nil
	}
	source := map[string]string{}
	for _, u := range srcUnits {
		source[u.Key] = u.Text
	}
	var ps diag.List
	for _, u := range units {
		s, ok := source[u.Key]
		if !ok {
			continue
		}
		if strings.HasPrefix(u.Key, "labels.") {
			if strings.Contains(u.Key, ":") {
				continue // plural forms: compare checks the label
			}
			want := slices.Sorted(slices.Values(placeholderRE().FindAllString(s, -1)))
			got := slices.Sorted(slices.Values(placeholderRE().FindAllString(u.Text, -1)))
			if !slices.Equal(want, got) {
				continue // compare reports it
			}
		}
		if got, want, ok := PlaceholderProblem(s, u.Text); !ok {
			ps.Say(u.File, u.Node, "content.placeholder-shape", "key", u.Key, "got", msg.Value(got), "want", want, "src", SourceLanguage)
		}
	}
	return ps
}
