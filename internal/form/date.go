package form

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/partnership-roadmap/roadmap/internal/answers"
)

// dateFormatRE matches a date.format label: day (dd), month (mm) and year
// (yyyy) in any order with any separators.
var dateFormatRE = regexp.MustCompile(`^[^a-zA-Z]*(?:(?:dd|mm|yyyy)[^a-zA-Z]*){3}$`)

// isoLayout is used when the content's date.format label is missing or not
// made of dd, mm and yyyy.
const isoLayout = "yyyy-mm-dd"

// dateLayout returns the language's date layout (dd.mm.yyyy.) from its
// date.format label, or the ISO layout when the label is unusable.
func dateLayout(label string) string {
	l := strings.ToLower(strings.TrimSpace(label))
	if !dateFormatRE.MatchString(l) || strings.Count(l, "dd") != 1 || strings.Count(l, "mm") != 1 || strings.Count(l, "yyyy") != 1 {
		return isoLayout
	}
	return l
}

// formatDate writes d in a date layout: 27.11.2026. for dd.mm.yyyy.
func formatDate(layout string, d answers.Date) string {
	return strings.NewReplacer(
		"dd", fmt.Sprintf("%02d", d.Day),
		"mm", fmt.Sprintf("%02d", int(d.Month)),
		"yyyy", fmt.Sprintf("%04d", d.Year),
	).Replace(layout)
}
