package cli

import (
	"os"
	"strconv"
	"time"

	"github.com/partnership-roadmap/roadmap/internal/answers"
)

// defaultDocDate is the creation date of documents made without answers and
// without SOURCE_DATE_EPOCH: fixed, so that the same inputs give the same bytes.
var defaultDocDate = time.Date(2026, time.January, 1, 0, 0, 0, 0, time.UTC)

// DocDate returns the creation and modification date written into a
// document's metadata: the answers' date when given, else SOURCE_DATE_EPOCH
// (https://reproducible-builds.org/specs/source-date-epoch/), else a constant.
// It never depends on the clock, so outputs are byte-identical across runs.
func DocDate(a *answers.File) time.Time {
	if a != nil && !a.Date.IsZero() {
		return a.Date.Time()
	}
	if s := os.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		if n, err := strconv.ParseInt(s, 10, 64); err == nil && n >= 0 {
			return time.Unix(n, 0).UTC()
		}
	}
	return defaultDocDate
}
