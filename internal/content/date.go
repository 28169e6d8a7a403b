package content

import (
	"fmt"
	"regexp"
	"strings"
	"sync"
	"time"
)

// DateFormatLabel is the label that says how a language writes dates, made
// of dd, mm and yyyy with any separators: "dd.mm.yyyy." in Latvian.
const DateFormatLabel = "date.format"

// isoDateLayout is used when a language's date.format label is missing or not
// made of dd, mm and yyyy; content check reports such a label.
const isoDateLayout = "yyyy-mm-dd"

// dateLayoutRE matches a usable date layout: day, month and year fields in
// any order with any separators.
var dateLayoutRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^[^a-zA-Z]*(?:(?:dd|mm|yyyy)[^a-zA-Z]*){3}$`)
})

// validDateLayout reports whether s has dd, mm and yyyy once each.
func validDateLayout(s string) bool {
	return dateLayoutRE().MatchString(s) && strings.Count(s, "dd") == 1 && strings.Count(s, "mm") == 1 && strings.Count(s, "yyyy") == 1
}

// DateLayout returns how the language writes dates, such as "dd.mm.yyyy.",
// from its date.format label, or "yyyy-mm-dd" when the label is unusable.
func (l *Language) DateLayout() string {
	s := strings.ToLower(strings.TrimSpace(l.Labels[DateFormatLabel]))
	if !validDateLayout(s) {
		return isoDateLayout
	}
	return s
}

// FormatDate writes the calendar date of t as the language does:
// 27.11.2026. in Latvian, 27/11/2026 in English.
func (l *Language) FormatDate(t time.Time) string {
	return strings.NewReplacer(
		"dd", fmt.Sprintf("%02d", t.Day()),
		"mm", fmt.Sprintf("%02d", int(t.Month())),
		"yyyy", fmt.Sprintf("%04d", t.Year()),
	).Replace(l.DateLayout())
}

// DateLettersLabel is the label that gives the letters a language writes
// for day, month and year in a date's format hint, three words: "DD MM
// GGGG" in Latvian, "DD MM YYYY" in English.
const DateLettersLabel = "date.letters"

// DateHint returns the format of DateLayout as a form shows it beside a
// line to write a date on: "DD.MM.GGGG." in Latvian, "DD/MM/YYYY" in
// English. Without three words in the date.letters label it is the layout
// in capitals.
func (l *Language) DateHint() string {
	layout := l.DateLayout()
	w := strings.Fields(l.Labels[DateLettersLabel])
	if len(w) != 3 {
		return strings.ToUpper(layout)
	}
	return strings.NewReplacer("dd", w[0], "mm", w[1], "yyyy", w[2]).Replace(layout)
}
