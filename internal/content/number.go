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
	for ci := range l.Registration.Checkpoints {
		if &l.Registration.Checkpoints[ci] == cp || l.Registration.Checkpoints[ci].ID == cp.ID {
			// the registration form's questions: 1, 2, 3
			return strconv.Itoa(ci + 1)
		}
	}
	return ""
}

// MaxWriteIn is the most write-in lines a checkpoint may ask for.
const MaxWriteIn = 20

// MinWriteIn is the fewest write-in lines a blank form gives a checkpoint
// with options or an open question: about 300 handwritten characters, what
// the examples' answers to such checkpoints run to.
const MinWriteIn = 6

// WriteInLines returns the number of ruled lines a blank form gives the
// checkpoint at the least (the form may add lines to fill a page): its
// WriteIn, but never fewer than MinWriteIn beside options; by default
// MinWriteIn, or 3 above a table without options.
func (c *Checkpoint) WriteInLines() int {
	options := c.Options != nil && len(c.Options.Items) > 0
	n := min(c.WriteIn, MaxWriteIn)
	switch {
	case options:
		return max(n, MinWriteIn)
	case n > 0:
		return n
	case c.Table != "":
		return 3
	}
	return MinWriteIn
}

// inherit copies into l what does not depend on the language from the
// source language src: each checkpoint's WriteIn.
func inherit(l, src *Language) {
	for ci := range l.Registration.Checkpoints {
		cp := &l.Registration.Checkpoints[ci]
		if s := src.Checkpoint(cp.ID); s != nil {
			cp.WriteIn = s.WriteIn
		}
	}
	for si := range l.Steps {
		for ci := range l.Steps[si].Checkpoints {
			cp := &l.Steps[si].Checkpoints[ci]
			if s := src.Checkpoint(cp.ID); s != nil {
				cp.WriteIn = s.WriteIn
			}
		}
	}
}
