//go:build !windows

package cli

import (
	"bufio"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// documentsDir returns the user's documents folder: ~/Documents, or on
// Linux and the BSDs the folder the desktop names in user-dirs.dirs
// (XDG_DOCUMENTS_DIR, "$HOME/Dokumenti" on a Latvian desktop).
func documentsDir() (string, error) {
	home, err := os.UserHomeDir()
	if err != nil {
		return "", err
	}
	if runtime.GOOS != "darwin" {
		if dir := xdgDocuments(home); dir != "" {
			return dir, nil
		}
	}
	return filepath.Join(home, "Documents"), nil
}

// xdgDocuments reads XDG_DOCUMENTS_DIR from the user's user-dirs.dirs;
// "" when it is not set there, or names the home folder itself (the
// desktop's way of saying "no documents folder").
func xdgDocuments(home string) string {
	config := os.Getenv("XDG_CONFIG_HOME")
	if config == "" {
		config = filepath.Join(home, ".config")
	}
	f, err := os.Open(filepath.Join(config, "user-dirs.dirs"))
	if err != nil {
		return ""
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		v, ok := strings.CutPrefix(strings.TrimSpace(sc.Text()), "XDG_DOCUMENTS_DIR=")
		if !ok {
			continue
		}
		v = strings.Trim(v, `"`)
		if rest, ok := strings.CutPrefix(v, "$HOME"); ok {
			v = home + rest
		}
		if !filepath.IsAbs(v) || filepath.Clean(v) == filepath.Clean(home) {
			return ""
		}
		return filepath.Clean(v)
	}
	return ""
}
