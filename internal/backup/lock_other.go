//go:build !unix

package backup

import "os"

// On systems without flock (Windows) the lock is not taken: a backup made
// while serve saves holds each file whole (every write is a rename), but
// a roadmap's history and its answers file may be a save apart.
func flock(*os.File, bool) error { return nil }

func funlock(*os.File) error { return nil }
