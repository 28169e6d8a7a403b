//go:build !unix && !windows

package fsutil

import "syscall"

// running reports that a process may be running: this system offers no
// way to ask, so a temporary file is taken for a leftover only by its age.
func running(string) bool { return true }

// systemReason is the message key of the plain words for an error number particular to this
// system; "" leaves it to Reason.
func systemReason(syscall.Errno) string { return "" }
