// Package testtool is how a test says it needs a program that is not part
// of Go: pdftotext, qpdf, LibreOffice, chromium, node, msgfmt. On a
// developer's machine without it the test skips; under CI=true, where
// .ci/run installs every such program, it fails, so CI never passes by
// skipping.
package testtool

import (
	"fmt"
	"os"
	"os/exec"
	"testing"
)

// Missing stops the test for want of what format and args describe:
// a skip, or under CI=true a failure.
func Missing(t testing.TB, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	if os.Getenv("CI") == "true" {
		t.Fatal(msg + " (CI must install it)")
	}
	t.Skip(msg)
}

// Need returns the path of program name, or stops the test as Missing
// does, naming the Debian package that installs it.
func Need(t testing.TB, name, pkg string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		Missing(t, "%s not found (apt-get install -y %s)", name, pkg)
	}
	return p
}

// UnoPython returns a python3 that has LibreOffice's uno module (Debian's
// python3 with python3-uno), to run the scripts that drive LibreOffice
// through libreoffice.py beside this file; or it stops the test as Missing
// does.
func UnoPython(t testing.TB) string {
	t.Helper()
	for _, py := range []string{"/usr/bin/python3", "python3"} {
		if exec.Command(py, "-c", "import uno").Run() == nil {
			return py
		}
	}
	Missing(t, "no python3 with the uno module (apt-get install -y python3-uno)")
	return ""
}
