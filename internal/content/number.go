package content

import "strconv"

// Number returns the number of checkpoint cp in the roadmap: its step's
// number and its place among all the checkpoints of its step, in the order
// of the booklet ("2.4"). Both forms, the booklet, the workbooks and
// `roadmap content show` print this number, so a checkpoint has the same
// number wherever it appears, whichever form leaves others out. It returns
// "" for a checkpoint that is not in l.
func (l *Language) Number(cp *Checkpoint) string {
	for si := range l.Steps {
		st := &l.Steps[si]
		for ci := range st.Checkpoints {
			if &st.Checkpoints[ci] == cp || st.Checkpoints[ci].ID == cp.ID {
				return strconv.Itoa(st.Number) + "." + strconv.Itoa(ci+1)
			}
		}
	}
	return ""
}

// MaxWriteIn is the most write-in lines a checkpoint may ask for.
const MaxWriteIn = 20

// WriteInLines returns the number of ruled lines a blank form gives the
// checkpoint: its WriteIn, or by default 6 for an open question, 4 beside
// a few options to tick, 3 beside many or above a table.
func (c *Checkpoint) WriteInLines() int {
	if c.WriteIn > 0 {
		return min(c.WriteIn, MaxWriteIn)
	}
	switch {
	case c.Table != "":
		return 3
	case c.Options != nil && len(c.Options.Items) > 5:
		return 3
	case c.Options != nil && len(c.Options.Items) > 0:
		return 4
	}
	return 6
}

// inherit copies into l what does not depend on the language from the
// source language src: each checkpoint's WriteIn.
func inherit(l, src *Language) {
	for si := range l.Steps {
		for ci := range l.Steps[si].Checkpoints {
			cp := &l.Steps[si].Checkpoints[ci]
			if s := src.Checkpoint(cp.ID); s != nil {
				cp.WriteIn = s.WriteIn
			}
		}
	}
}
