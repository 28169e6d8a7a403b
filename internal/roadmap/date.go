package roadmap

import (
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/partnership-roadmap/roadmap/internal/answers"
	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/msg"
)

// The dates people write: ISO (2027-05-15) as the answers file has them,
// or the local way (15.05.2027, 15.05.2027., 15/05/2027), read by the
// importers of filled forms and edited workbooks alike.

// exampleDate is the date the messages show, as the workbooks' own
// validation messages do.
var exampleDate = time.Date(2026, time.November, 27, 0, 0, 0, 0, time.UTC)

// DateAllowedText is DateAllowed in every language.
func DateAllowedText(lang *content.Language) msg.Message {
	layout := lang.DateLayout()
	if layout == "yyyy-mm-dd" {
		return msg.New("date.allowed-iso")
	}
	return msg.New("date.allowed-local", "layout", layout, "example", lang.FormatDate(exampleDate))
}

// iso matches a date written as the answers file writes dates. It and
// textDate are compiled on first use, not at start-up.
var iso = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^\d{4}-\d{1,2}-\d{1,2}$`) })

// textDate matches a date written as three numbers with dots, slashes or
// hyphens between them (a trailing dot, as Latvian writes dates, may
// follow): 15.05.2027, 15.05.2027., 15/05/2027, 2027-05-15.
var textDate = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(\d{1,4})\s*[./-]\s*(\d{1,2})\s*[./-]\s*(\d{1,4})\s*\.?$`)
})

// ParseDate reads s, a date a person wrote (typed into a workbook's date
// cell or a fillable form's date field) in language lang: year first (2027-05-15, 2027.05.15) or last
// (15.05.2027, 15/05/2027), day and month in the order the language writes
// them (see dayFirst). It returns the zero Date for an empty s.
func ParseDate(lang *content.Language, s string) (answers.Date, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return answers.Date{}, nil
	}
	m := textDate().FindStringSubmatch(s)
	if m == nil {
		return answers.Date{}, msg.New("date.typed-not-a-date", "value", msg.Value(s), "allowed", DateAllowedText(lang))
	}
	var y, a, b string
	switch {
	case len(m[1]) == 4 && len(m[3]) <= 2:
		// A year first is always followed by the month, then the day;
		// written as the answers file writes dates, the answers' message
		// says best what is wrong (no month 13).
		if iso().MatchString(s) {
			d, err := answers.ParseDate(s)
			if err != nil {
				return answers.Date{}, err
			}
			return MakeDate(lang, msg.New("field.key", "key", msg.Value(s)), d.Year, int(d.Month), d.Day)
		}
		return checkDate(lang, s, m[1], m[2], m[3])
	case len(m[3]) == 4 && len(m[1]) <= 2:
		y, a, b = m[3], m[1], m[2]
	default:
		return answers.Date{}, msg.New("date.year-digits", "value", msg.Value(s), "allowed", DateAllowedText(lang))
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
	return MakeDate(lang, msg.New("field.key", "key", msg.Value(s)), year, month, day)
}

// MakeDate returns the date year-month-day, or says why it is not one;
// what is the value as the message names it (a Text, or a string).
func MakeDate(lang *content.Language, what any, year, month, day int) (answers.Date, error) {
	if month < 1 || month > 12 || day < 1 || day > time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day() {
		return answers.Date{}, msg.New("date.not-real", "value", what, "allowed", DateAllowedText(lang))
	}
	dt := answers.Date{Year: year, Month: time.Month(month), Day: day}
	if dt.Time().Before(answers.MinDate.Time()) || dt.Time().After(answers.MaxDate.Time()) {
		return answers.Date{}, msg.New("date.typed-out-of-range", "value", what,
			"min", lang.FormatDate(answers.MinDate.Time()), "max", lang.FormatDate(answers.MaxDate.Time()))
	}
	return dt, nil
}
