package cli

import (
	"context"
	"html"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/partnership-roadmap/roadmap/quickstart"
)

// TestLaunchNoTerminal starts roadmap as a double-click does: no arguments,
// and neither input nor output a terminal. It must serve the Roadmaps
// folder of the documents folder (made, with its read-me), open the
// browser on its address, say in the window how to stop it, and stop when
// told to as closing the window does.
func TestLaunchNoTerminal(t *testing.T) {
	docs := filepath.Join(t.TempDir(), "Documents")
	dir := filepath.Join(docs, "Roadmaps")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	example, err := os.ReadFile(filepath.Join("..", "..", "examples", "brinumins-community-en.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "brinumins.yaml"), example, 0o644); err != nil {
		t.Fatal(err)
	}

	var out, errb syncBuffer
	opened := make(chan string, 2)
	app := &App{IO: IO{In: strings.NewReader(""), Out: &out, Err: &errb}}
	app.launch = launchHooks{
		open:      func(url string) error { opened <- url; return nil },
		documents: func() (string, error) { return docs, nil },
		addr:      "127.0.0.1:0",
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	code := make(chan int, 1)
	go func() { code <- run(ctx, func() os.Signal { return nil }, nil, app) }()

	var url string
	select {
	case url = <-opened:
	case c := <-code:
		t.Fatalf("roadmap ended with status %d before opening a browser:\n%s%s", c, out.String(), errb.String())
	case <-time.After(30 * time.Second):
		t.Fatalf("no browser opened in 30 s:\n%s%s", out.String(), errb.String())
	}
	if !regexp.MustCompile(`^http://127\.0\.0\.1:[1-9][0-9]*/$`).MatchString(url) {
		t.Errorf("the browser was opened on %q, want this computer's address with the port served", url)
	}

	req, _ := http.NewRequest("GET", url, nil)
	req.Header.Set("Accept-Language", "en")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	for _, want := range []string{"Folder: " + html.EscapeString(dir), html.EscapeString(`NGO "Brīnumiņš"`)} {
		if res.StatusCode != 200 || !strings.Contains(string(body), want) {
			t.Errorf("GET %s = %d, want a page with %q:\n%s", url, res.StatusCode, want, body)
		}
	}
	readme, err := os.ReadFile(filepath.Join(dir, "README.txt"))
	if err != nil || string(readme) != quickstart.FolderReadme {
		t.Errorf("the folder's read-me: %v\n%s", err, readme)
	}

	cancel()
	select {
	case c := <-code:
		if c != 0 {
			t.Errorf("exit status %d, want 0", c)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("roadmap did not stop")
	}
	want := launchMessage(dir, url) + "\nstopped\n"
	if got := out.String(); got != want {
		t.Errorf("the window shows:\n%s\nwant:\n%s", got, want)
	}
	for _, line := range []string{
		"When you are done, close this window: that stops the program. Your work is already saved.",
		"Kad esat beiguši, aizveriet šo logu: tas apturēs programmu. Jūsu darbs jau ir saglabāts.",
		"Your browser opens by itself; if it does not, open this address: " + url,
		"  " + dir,
	} {
		if !strings.Contains(out.String(), line+"\n") {
			t.Errorf("the window does not say %q", line)
		}
	}
	if len(opened) > 0 {
		t.Errorf("the browser was opened twice")
	}
}

// TestLaunchFolderMade checks that a missing documents folder and Roadmaps
// folder are created, with the read-me, and that a read-me the user edited
// is left alone.
func TestLaunchFolderMade(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "Documents", "Roadmaps")
	if err := makeRoadmapsFolder(dir); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(filepath.Join(dir, "README.txt")); err != nil || string(b) != quickstart.FolderReadme {
		t.Fatalf("read-me: %v %q", err, b)
	}
	if err := os.WriteFile(filepath.Join(dir, "README.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := makeRoadmapsFolder(dir); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "README.txt")); string(b) != "mine" {
		t.Errorf("the user's read-me was replaced: %q", b)
	}
}

// TestNoArgsTerminal checks that, typed in a terminal, roadmap without
// arguments prints its help and starts nothing.
func TestNoArgsTerminal(t *testing.T) {
	var out, errb syncBuffer
	app := &App{IO: IO{In: strings.NewReader(""), Out: &out, Err: &errb}}
	app.launch = launchHooks{
		noTerminal: func(*IO) bool { return false },
		open:       func(string) error { t.Error("a browser was opened"); return nil },
		documents:  func() (string, error) { t.Error("the documents folder was looked up"); return t.TempDir(), nil },
	}
	if c := run(context.Background(), func() os.Signal { return nil }, nil, app); c != 0 {
		t.Errorf("exit status %d, want 0", c)
	}
	if !strings.Contains(out.String(), "Usage:\n  roadmap [command]\n") {
		t.Errorf("no help printed:\n%s", out.String())
	}
}

// TestNoTerminalDetection checks the test for a terminal on real files: a
// pipe is not one, so a program started with pipes for its input and
// output counts as started without a terminal.
func TestNoTerminalDetection(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	if !noTerminal(&IO{In: r, Out: w}) {
		t.Error("pipes were taken for a terminal")
	}
}

// TestDocumentsDirXDG checks that on Linux the documents folder the desktop
// names in user-dirs.dirs is used (a Latvian desktop's ~/Dokumenti), and
// that without one it is ~/Documents.
func TestDocumentsDirXDG(t *testing.T) {
	for _, tc := range []struct{ name, dirs, want string }{
		{"latvian desktop", "# written by xdg-user-dirs-update\nXDG_DESKTOP_DIR=\"$HOME/Darbvirsma\"\nXDG_DOCUMENTS_DIR=\"$HOME/Dokumenti\"\n", "Dokumenti"},
		{"documents set to home", "XDG_DOCUMENTS_DIR=\"$HOME/\"\n", "Documents"},
		{"no user-dirs.dirs", "", "Documents"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if runtime.GOOS == "darwin" || runtime.GOOS == "windows" {
				t.Skip("user-dirs.dirs is read on Linux and the BSDs")
			}
			home := t.TempDir()
			t.Setenv("HOME", home)
			t.Setenv("XDG_CONFIG_HOME", "")
			if tc.dirs != "" {
				if err := os.MkdirAll(filepath.Join(home, ".config"), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(home, ".config", "user-dirs.dirs"), []byte(tc.dirs), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			got, err := documentsDir()
			if want := filepath.Join(home, tc.want); err != nil || got != want {
				t.Errorf("documentsDir() = %q, %v; want %q", got, err, want)
			}
		})
	}
}

// TestLaunchFailedKeepsWindow checks that a double-clicked start that
// fails, in a window of its own (Windows Explorer's), says why and waits
// for Enter before the window closes.
func TestLaunchFailedKeepsWindow(t *testing.T) {
	file := filepath.Join(t.TempDir(), "Documents")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	in := strings.NewReader("\nnot read\n")
	var out, errb syncBuffer
	app := &App{IO: IO{In: in, Out: &out, Err: &errb}}
	app.launch = launchHooks{
		open:      func(string) error { t.Error("a browser was opened"); return nil },
		documents: func() (string, error) { return file, nil },
		addr:      "127.0.0.1:0",
		ownWindow: func() bool { return true },
	}
	if c := run(context.Background(), func() os.Signal { return nil }, nil, app); c != 1 {
		t.Errorf("exit status %d, want 1", c)
	}
	if want := "roadmap: creating the folder " + filepath.Join(file, "Roadmaps") + ": a part of the path is a file, not a folder\n" + launchFailed + "\n"; errb.String() != want {
		t.Errorf("stderr:\n%s\nwant:\n%s", errb.String(), want)
	}
	if in.Len() != len("not read\n") {
		t.Errorf("%d bytes of input left, want the line after Enter", in.Len())
	}
}
