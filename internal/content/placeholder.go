package content

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/partnership-roadmap/roadmap/internal/diag"
)

// bracesRE finds what reads as a placeholder: a name in braces, doubled
// braces ({{x}}) and spaces ({ n }) included, so that a placeholder written
// another way is caught rather than printed as it is.
var bracesRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\{+[^{}\n]{0,40}\}+`) })

// PlaceholderProblem returns what is wrong with the placeholders of text, a
// translation of the source text src, or "": a translation has exactly the
// source's placeholders, each written {name}, in any order.
func PlaceholderProblem(src, text string) string {
	want := slices.Sorted(slices.Values(bracesRE().FindAllString(src, -1)))
	got := slices.Sorted(slices.Values(bracesRE().FindAllString(text, -1)))
	if slices.Equal(want, got) {
		return ""
	}
	return fmt.Sprintf("has the placeholders [%s]; it must have [%s] as in %s, each written {name} exactly",
		strings.Join(bracesRE().FindAllString(text, -1), " "), strings.Join(bracesRE().FindAllString(src, -1), " "), SourceLanguage)
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
		if msg := PlaceholderProblem(s, u.Text); msg != "" {
			ps.Add(u.File, u.Node, "%s %s", u.Key, msg)
		}
	}
	return ps
}
