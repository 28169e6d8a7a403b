//go:build windows

package fsutil

import (
	"errors"
	"strconv"
	"syscall"

	"golang.org/x/sys/windows"
)

// stillActive is the exit code GetExitCodeProcess gives for a process that
// has not ended (STILL_ACTIVE).
const stillActive = 259

// running reports whether the process id is of a running process. Windows
// has no signal 0: the process is opened for a query instead, and a
// process that has ended but is still held open by another program has an
// exit code.
func running(id string) bool {
	n, err := strconv.ParseUint(id, 10, 32)
	if err != nil || n == 0 {
		return false
	}
	h, err := windows.OpenProcess(windows.PROCESS_QUERY_LIMITED_INFORMATION, false, uint32(n))
	if err != nil {
		// Another user's process exists but may not be opened.
		return errors.Is(err, windows.ERROR_ACCESS_DENIED)
	}
	defer windows.CloseHandle(h)
	var code uint32
	if err := windows.GetExitCodeProcess(h, &code); err != nil {
		return true
	}
	return code == stillActive
}

// systemReason is the message key of the plain words for a Windows error
// number; "" leaves
// it to Reason.
func systemReason(errno syscall.Errno) string {
	switch errno {
	case windows.ERROR_SHARING_VIOLATION, windows.ERROR_LOCK_VIOLATION:
		return "reason.in-use"
	case windows.ERROR_DISK_FULL, windows.ERROR_HANDLE_DISK_FULL:
		return "reason.disk-full"
	case windows.ERROR_ACCESS_DENIED:
		return "reason.permission-or-open"
	case windows.ERROR_WRITE_PROTECT:
		return "reason.read-only"
	case windows.ERROR_FILENAME_EXCED_RANGE:
		return "reason.name-too-long"
	case windows.ERROR_INVALID_NAME:
		return "reason.bad-name"
	case windows.ERROR_FILE_NOT_FOUND, windows.ERROR_PATH_NOT_FOUND:
		return "reason.not-found"
	case windows.ERROR_DIRECTORY:
		return "reason.not-folder"
	}
	return ""
}
