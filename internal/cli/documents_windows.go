//go:build windows

package cli

import "golang.org/x/sys/windows"

// documentsDir returns the user's Documents folder as Windows knows it
// (also when it was moved, to OneDrive or another disk).
func documentsDir() (string, error) {
	return windows.KnownFolderPath(windows.FOLDERID_Documents, 0)
}
