//go:build unix

package serve

import "syscall"

// syscallNonblock opens a file without waiting: a regular file replaced by
// a named pipe between the check and the open is not waited on.
const syscallNonblock = syscall.O_NONBLOCK
