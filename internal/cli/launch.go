package cli

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strings"

	"github.com/inconshreveable/mousetrap"
	"golang.org/x/term"

	"github.com/partnership-roadmap/roadmap/internal/fsutil"
	"github.com/partnership-roadmap/roadmap/internal/msg"
	"github.com/partnership-roadmap/roadmap/quickstart"
)

// launchAddr is the address a double-clicked roadmap serves on when it is
// free; another free port is taken when it is not.
const launchAddr = "127.0.0.1:8080"

// launchHooks are what a double-clicked start uses of the computer; tests
// replace them.
type launchHooks struct {
	// open opens a URL in the default browser.
	open func(url string) error
	// documents returns the user's documents folder.
	documents func() (string, error)
	// addr is the address to serve on first.
	addr string
	// noTerminal says whether the program runs without a terminal.
	noTerminal func(s *IO) bool
	// ownWindow says whether the window roadmap runs in was opened for it
	// and closes when it ends (Windows Explorer's console window).
	ownWindow func() bool
}

// launchFailed ends the message of a double-clicked start that failed, in
// Latvian and English.
const launchFailed = "Nospiediet Enter, lai aizvērtu šo logu. / Press Enter to close this window."

func defaultLaunchHooks() launchHooks {
	return launchHooks{open: openBrowser, documents: documentsDir, addr: launchAddr, noTerminal: noTerminal,
		ownWindow: mousetrap.StartedByExplorer}
}

// noTerminal reports whether roadmap was started by a double-click rather
// than typed in a terminal: neither its input nor its output is a
// terminal (a desktop launcher, Finder), or Windows Explorer started it
// in a console window of its own.
func noTerminal(s *IO) bool {
	if mousetrap.StartedByExplorer() {
		return true
	}
	return !isTerminal(s.In) && !isTerminal(s.Out)
}

func isTerminal(v any) bool {
	f, ok := v.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// launch serves the Roadmaps folder of the user's documents, created with
// a read-me when missing, and opens it in the default browser: what a
// double-click on roadmap does. It runs until the context ends (the window
// is closed, Ctrl+C).
func launch(ctx context.Context, app *App) error {
	h := app.launcher()
	docs, err := h.documents()
	if err != nil {
		return msg.New("cli.no-documents", "reason", err)
	}
	dir := filepath.Join(docs, "Roadmaps")
	if err := makeRoadmapsFolder(dir); err != nil {
		return err
	}
	ln, err := net.Listen("tcp", h.addr)
	if err != nil {
		// Another program (or another roadmap) has the port: any free one.
		if ln, err = net.Listen("tcp", "127.0.0.1:0"); err != nil {
			return msg.New("cli.cannot-listen", "reason", err)
		}
	}
	return serveRun(ctx, app, &serveOptions{Dir: dir, Addr: ln.Addr().String(), Open: true, listener: ln, launched: true})
}

// makeRoadmapsFolder creates dir with its read-me when it is missing, and
// writes the read-me again when it was deleted.
func makeRoadmapsFolder(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return msg.New("cli.cannot-create-folder", "dir", dir, "reason", fsutil.ReasonText(err))
	}
	readme := filepath.Join(dir, "README.txt")
	if _, err := os.Stat(readme); errors.Is(err, fs.ErrNotExist) {
		if err := fsutil.WriteFileAtomic(readme, []byte(quickstart.FolderReadme)); err != nil {
			return err
		}
	}
	return nil
}

// launchMessage is what the window says while a double-clicked roadmap
// runs, in Latvian and English.
func launchMessage(dir, url string) string {
	return strings.NewReplacer("{folder}", dir, "{url}", url).Replace(quickstart.Window)
}

// waitForEnter reads r up to the end of a line, or of the input.
func waitForEnter(r io.Reader) {
	if r == nil {
		return
	}
	var b [1]byte
	for {
		n, err := r.Read(b[:])
		if err != nil || n == 1 && b[0] == '\n' {
			return
		}
	}
}
