package importxlsx

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/partnership-roadmap/roadmap/internal/answers"
	"github.com/partnership-roadmap/roadmap/internal/content"
)

// exampleDate is the date the messages show, as the workbooks' own
// validation messages do.
var exampleDate = time.Date(2026, time.November, 27, 0, 0, 0, 0, time.UTC)

// dateAllowed says what a date cell may hold, in language lang's way of
// writing dates: allowed: a date as dd.mm.yyyy., e.g. 27.11.2026., or as
// YYYY-MM-DD.
func dateAllowed(lang *content.Language) string {
	layout := lang.DateLayout()
	if layout == "yyyy-mm-dd" {
		return "allowed: a date as YYYY-MM-DD, e.g. 2026-11-27"
	}
	return fmt.Sprintf("allowed: a date as %s, e.g. %s, or as YYYY-MM-DD", layout, lang.FormatDate(exampleDate))
}

// textDate matches a date written as three numbers with dots, slashes or
// hyphens between them (a trailing dot, as Latvian writes dates, may
// follow): 15.05.2027, 15.05.2027., 15/05/2027, 2027-05-15.
var textDate = regexp.MustCompile(`^(\d{1,4})\s*[./-]\s*(\d{1,2})\s*[./-]\s*(\d{1,4})\s*\.?$`)

// parseTextDate reads s, a date a person typed as text into a date cell of
// a workbook in language lang: year first (2027-05-15, 2027.05.15) or last
// (15.05.2027, 15/05/2027), day and month in the order the language writes
// them (see dayFirst). It returns the zero Date for an empty s.
func parseTextDate(lang *content.Language, s string) (answers.Date, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return answers.Date{}, nil
	}
	m := textDate.FindStringSubmatch(s)
	if m == nil {
		return answers.Date{}, fmt.Errorf("%q is not a date; %s", clip(s), dateAllowed(lang))
	}
	var y, a, b string
	switch {
	case len(m[1]) == 4 && len(m[3]) <= 2:
		// A year first is always followed by the month, then the day.
		return checkDate(lang, s, m[1], m[2], m[3])
	case len(m[3]) == 4 && len(m[1]) <= 2:
		y, a, b = m[3], m[1], m[2]
	default:
		return answers.Date{}, fmt.Errorf("%q is not a date: write the year with four digits; %s", clip(s), dateAllowed(lang))
	}
	// Day and month in the language's order.
	if dayFirst(lang) {
		return checkDate(lang, s, y, b, a)
	}
	return checkDate(lang, s, y, a, b)
}

// dayFirst reports whether a date with the year last is written day first
// in language lang: as the language writes dates, or day first when it
// writes the year first (2027-05-15; with the year last such a language
// has no month-first custom).
func dayFirst(lang *content.Language) bool {
	l := lang.DateLayout()
	return strings.HasPrefix(l, "yyyy") || strings.Index(l, "dd") < strings.Index(l, "mm")
}

// checkDate returns the date year y, month mo, day d (decimal strings),
// written s, or says why it is not one.
func checkDate(lang *content.Language, s, y, mo, d string) (answers.Date, error) {
	year, _ := strconv.Atoi(y)
	month, _ := strconv.Atoi(mo)
	day, _ := strconv.Atoi(d)
	return makeDate(lang, fmt.Sprintf("%q", clip(s)), year, month, day)
}

// makeDate returns the date year-month-day, or says why it is not one;
// what is the value as the message names it.
func makeDate(lang *content.Language, what string, year, month, day int) (answers.Date, error) {
	if month < 1 || month > 12 || day < 1 || day > time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day() {
		return answers.Date{}, fmt.Errorf("%s is not a real calendar date; %s", what, dateAllowed(lang))
	}
	dt := answers.Date{Year: year, Month: time.Month(month), Day: day}
	if dt.Time().Before(answers.MinDate.Time()) || dt.Time().After(answers.MaxDate.Time()) {
		return answers.Date{}, fmt.Errorf("%s is out of range; allowed: a date from %s to %s", what,
			lang.FormatDate(answers.MinDate.Time()), lang.FormatDate(answers.MaxDate.Time()))
	}
	return dt, nil
}

// epoch is day 0 of a workbook's date serial numbers (the 1900 date
// system as Excel and LibreOffice count from March 1900 on).
var epoch = time.Date(1899, time.December, 30, 0, 0, 0, 0, time.UTC)

// serialDate returns the date of serial number raw, the value of a date
// cell.
func serialDate(lang *content.Language, raw string) (answers.Date, error) {
	n, err := strconv.ParseFloat(strings.TrimSpace(raw), 64)
	if err != nil || math.IsNaN(n) || math.IsInf(n, 0) {
		return answers.Date{}, fmt.Errorf("%q is not a date; %s", clip(raw), dateAllowed(lang))
	}
	days := math.Floor(n)
	if n != days {
		t := epoch.Add(time.Duration(n * float64(24*time.Hour)))
		return answers.Date{}, fmt.Errorf("%s %s has a time of day; allowed: a date alone", lang.FormatDate(t), t.Format("15:04"))
	}
	if days < 61 || days > 2958465 {
		// Before 1 March 1900 a workbook counts a 29 February 1900 that
		// never was; after 9999 it has no dates.
		return answers.Date{}, fmt.Errorf("the date number %s is out of range; allowed: a date from %s to %s", raw,
			lang.FormatDate(answers.MinDate.Time()), lang.FormatDate(answers.MaxDate.Time()))
	}
	t := epoch.AddDate(0, 0, int(days))
	return makeDate(lang, lang.FormatDate(t), t.Year(), int(t.Month()), t.Day())
}

// isoDate returns the date of a cell of date type (t="d"), whose value is
// an ISO 8601 date and time.
func isoDate(lang *content.Language, raw string) (answers.Date, error) {
	t, err := time.Parse(time.RFC3339, raw)
	if err != nil {
		if t, err = time.Parse("2006-01-02T15:04:05", raw); err != nil {
			if t, err = time.Parse(time.DateOnly, raw); err != nil {
				return answers.Date{}, fmt.Errorf("%q is not a date; %s", clip(raw), dateAllowed(lang))
			}
		}
	}
	if t.Hour() != 0 || t.Minute() != 0 || t.Second() != 0 {
		return answers.Date{}, fmt.Errorf("%s %s has a time of day; allowed: a date alone", lang.FormatDate(t), t.Format("15:04"))
	}
	return makeDate(lang, lang.FormatDate(t), t.Year(), int(t.Month()), t.Day())
}

// isDateFormat reports whether a cell's number format shows a number as a
// date: one of the built-in date formats, or a format code with a day or a
// year in it (outside quoted text, escaped characters and [..] sections).
func isDateFormat(id int, code string) bool {
	switch {
	case id >= 14 && id <= 17, id == 22, id >= 27 && id <= 31, id >= 34 && id <= 36, id >= 50 && id <= 58:
		return true
	case code == "":
		return false
	}
	var b strings.Builder
	quoted, bracket := false, false
	for i := 0; i < len(code); i++ {
		c := code[i]
		switch {
		case quoted:
			quoted = c != '"'
		case bracket:
			bracket = c != ']'
		case c == '"':
			quoted = true
		case c == '[':
			bracket = true
		case c == '\\' || c == '_' || c == '*':
			i++ // the next character is shown as it is, or is padding
		case c == ';':
			// only the first section (positive numbers) counts
			i = len(code)
		default:
			b.WriteByte(c)
		}
	}
	s := strings.ToLower(b.String())
	return strings.ContainsAny(s, "dy")
}

// clip shortens s for a message.
func clip(s string) string {
	const n = 60
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
