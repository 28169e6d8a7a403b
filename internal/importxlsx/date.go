package importxlsx

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/partnership-roadmap/roadmap/internal/answers"
	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/msg"
	"github.com/partnership-roadmap/roadmap/internal/roadmap"
)

// epoch is day 0 of a workbook's date serial numbers (the 1900 date
// system as Excel and LibreOffice count from March 1900 on).
var epoch = time.Date(1899, time.December, 30, 0, 0, 0, 0, time.UTC)

// serialDate returns the date of serial number raw, the value of a date
// cell.
func serialDate(lang *content.Language, raw string) (answers.Date, error) {
	n, err := strconv.ParseFloat(strings.TrimSpace(raw), 64)
	if err != nil || math.IsNaN(n) || math.IsInf(n, 0) {
		return answers.Date{}, msg.New("date.typed-not-a-date", "value", msg.Value(raw), "allowed", roadmap.DateAllowedText(lang))
	}
	days := math.Floor(n)
	if n != days {
		t := epoch.Add(time.Duration(n * float64(24*time.Hour)))
		return answers.Date{}, msg.New("import.time-of-day", "date", lang.FormatDate(t), "time", t.Format("15:04"))
	}
	if days < 61 || days > 2958465 {
		// Before 1 March 1900 a workbook counts a 29 February 1900 that
		// never was; after 9999 it has no dates.
		return answers.Date{}, msg.New("import.serial-out-of-range", "value", msg.Value(raw),
			"min", lang.FormatDate(answers.MinDate.Time()), "max", lang.FormatDate(answers.MaxDate.Time()))
	}
	t := epoch.AddDate(0, 0, int(days))
	return roadmap.MakeDate(lang, lang.FormatDate(t), t.Year(), int(t.Month()), t.Day())
}

// isoDate returns the date of a cell of date type (t="d"), whose value is
// an ISO 8601 date and time.
func isoDate(lang *content.Language, raw string) (answers.Date, error) {
	t, err := time.Parse(time.RFC3339, raw)
	if err != nil {
		if t, err = time.Parse("2006-01-02T15:04:05", raw); err != nil {
			if t, err = time.Parse(time.DateOnly, raw); err != nil {
				return answers.Date{}, msg.New("date.typed-not-a-date", "value", msg.Value(raw), "allowed", roadmap.DateAllowedText(lang))
			}
		}
	}
	if t.Hour() != 0 || t.Minute() != 0 || t.Second() != 0 {
		return answers.Date{}, msg.New("import.time-of-day", "date", lang.FormatDate(t), "time", t.Format("15:04"))
	}
	return roadmap.MakeDate(lang, lang.FormatDate(t), t.Year(), int(t.Month()), t.Day())
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
