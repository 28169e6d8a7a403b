package content

import (
	"slices"
	"strconv"

	"golang.org/x/text/feature/plural"

	"github.com/partnership-roadmap/roadmap/internal/msg"
)

// Status says whether a language's text has been reviewed by a native speaker.
type Status string

// The statuses of a language.
const (
	Reviewed Status = "reviewed"
	Draft    Status = "draft"
)

// Statuses lists the allowed statuses, for messages.
var Statuses = []string{string(Reviewed), string(Draft)}

// pluralCategories are the CLDR plural categories in their usual order.
var pluralCategories = []string{"zero", "one", "two", "few", "many", "other"}

// PluralCategories returns the CLDR cardinal plural categories a label with a
// count must give in language code: lv zero/one/other, lt one/few/many/other,
// en, sv, pt (for Portugal: msg.PluralTag), el one/other. The categories are found by asking the CLDR rules
// of golang.org/x/text for whole numbers and decimals, so a new language
// needs no table here.
func PluralCategories(code string) []string {
	tag, err := msg.PluralTag(code)
	if err != nil {
		return []string{"one", "other"}
	}
	seen := map[string]bool{"other": true}
	for i := 0; i <= 200; i++ {
		seen[msg.FormName(plural.Cardinal.MatchPlural(tag, i, 0, 0, 0, 0))] = true
		// One decimal place (1.5), which some languages (lt "many") use.
		seen[msg.FormName(plural.Cardinal.MatchPlural(tag, i, 1, 1, 5, 5))] = true
	}
	var out []string
	for _, c := range pluralCategories {
		if seen[c] {
			out = append(out, c)
		}
	}
	return out
}

// PluralCategoryOf returns the CLDR plural category of whole number n in
// language code.
func PluralCategoryOf(code string, n int) string { return msg.Category(code, n) }

// Count returns the label for key with {n} replaced by n, in the plural form
// the language's rules choose for n, and each other {name} placeholder
// replaced as in Format. A label without plural forms is used as it is.
func (l *Language) Count(key string, n int, kv ...string) string {
	s := l.Label(key)
	if forms, ok := l.Plurals[key]; ok {
		if f, ok := forms[PluralCategoryOf(l.Code, n)]; ok {
			s = f
		}
	}
	return format(s, append([]string{"n", strconv.Itoa(n)}, kv...)...)
}

// checkPluralForms reports which categories a label's forms lack or have in
// excess for language code.
func checkPluralForms(code string, forms map[string]string) (missing, extra []string) {
	want := PluralCategories(code)
	for _, c := range want {
		if _, ok := forms[c]; !ok {
			missing = append(missing, c)
		}
	}
	for c := range forms {
		if !slices.Contains(want, c) {
			extra = append(extra, c)
		}
	}
	slices.Sort(extra)
	return missing, extra
}
