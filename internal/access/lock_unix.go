//go:build unix

package access

import (
	"os"
	"syscall"
)

// lockFile holds an exclusive lock on f until unlock; two "roadmap access"
// runs at once change the list one after the other.
func lockFile(f *os.File) error {
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX)
		if err != syscall.EINTR {
			return err
		}
	}
}
