//go:build unix

package fsutil

import (
	"errors"
	"strconv"
	"syscall"
)

// running reports whether the process id is of a running process: signal 0
// checks that the process exists without touching it.
func running(id string) bool {
	n, err := strconv.Atoi(id)
	if err != nil || n <= 0 {
		return false
	}
	err = syscall.Kill(n, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}

// systemReason is the message key of the plain words for an error number particular to this
// system; "" leaves it to Reason.
func systemReason(syscall.Errno) string { return "" }
