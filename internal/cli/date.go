package cli

import (
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/partnership-roadmap/roadmap/internal/answers"
	"github.com/partnership-roadmap/roadmap/internal/msg"
)

// defaultDocDate is the creation date of documents made without answers and
// without SOURCE_DATE_EPOCH: fixed, so that the same inputs give the same bytes.
var defaultDocDate = time.Date(2026, time.January, 1, 0, 0, 0, 0, time.UTC)

// maxEpoch is the last second SOURCE_DATE_EPOCH may name: the end of the
// year 9999, the last a PDF date can hold.
const maxEpoch = 253402300799

// DocDate returns the creation and modification date written into a
// document's metadata: the answers' date when given, else SOURCE_DATE_EPOCH
// (https://reproducible-builds.org/specs/source-date-epoch/), else a constant.
// It never depends on the clock, so outputs are byte-identical across runs.
// A SOURCE_DATE_EPOCH that checkSourceDateEpoch refuses is never used:
// every command checks it before it starts.
func DocDate(a *answers.File) time.Time {
	if a != nil && !a.Date.IsZero() {
		return a.Date.Time()
	}
	if t, ok, err := sourceDateEpoch(); ok && err == nil {
		return t
	}
	return defaultDocDate
}

// checkSourceDateEpoch refuses a SOURCE_DATE_EPOCH that is not a whole
// number of seconds from 1970 to the end of 9999, rather than ignoring it.
func checkSourceDateEpoch() error {
	_, _, err := sourceDateEpoch()
	return err
}

func sourceDateEpoch() (t time.Time, ok bool, err error) {
	s, ok := os.LookupEnv("SOURCE_DATE_EPOCH")
	if !ok || s == "" {
		return time.Time{}, false, nil
	}
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil || n < 0 || n > maxEpoch {
		return time.Time{}, true, msg.New("cli.source-date-epoch", "value", msg.Value(s), "max", strconv.FormatInt(maxEpoch, 10))
	}
	return time.Unix(n, 0).UTC(), true, nil
}
