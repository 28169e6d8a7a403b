package cli

import "runtime/debug"

// oneDocument sets the pace of garbage collection for a command that makes
// one document (form, guide, and sheet, proposal and poster through
// answersDocument). Such a process lives a few milliseconds and allocates a
// few megabytes, all of which it could keep: at Go's default pace (a
// collection each time the heap doubles, from 4 MB) collecting cost it
// about a fifth of its CPU time, for nothing. So the heap may grow to five
// times what is live before a collection, and in any case no further than
// 256 MB. Commands over many files (pack, render, overview) and serve keep
// the default pace, which keeps their memory low.
func oneDocument() {
	debug.SetGCPercent(400)
	debug.SetMemoryLimit(256 << 20)
}
