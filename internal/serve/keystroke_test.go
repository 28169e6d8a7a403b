package serve_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/partnership-roadmap/roadmap/internal/answers"
	"github.com/partnership-roadmap/roadmap/internal/serve"
)

// The texts the editing page shows in Latvian (content/lv/labels/serve.yaml).
const (
	lvRefused = "Saglabāts viss, izņemot sarkanā krāsā atzīmētās atbildes: izlabojiet tās, un arī tās tiks saglabātas."
	lvOffline = "Nav saglabāts: serveris nav sasniedzams. Tas, ko ierakstāt, paliek šajā pārlūkā un tiks saglabāts, tiklīdz serveris atkal būs sasniedzams."
	// badDate is what a date field holds when its year is typed as 0207.
	badDate = "0207-02-07"
)

// dialogs answers the dialogs of a tab, as a person would: a question
// before leaving the page is noted, and answered "leave" or, while stay is
// set, "stay".
type dialogs struct {
	mu    sync.Mutex
	asked []page.DialogType
	stay  atomic.Bool
}

func watchDialogs(t *testing.T, ctx context.Context) *dialogs {
	t.Helper()
	d := &dialogs{}
	ch := make(chan *page.EventJavascriptDialogOpening, 16)
	if err := chromedp.Listen(ctx, func(ev any) {
		if e, ok := ev.(*page.EventJavascriptDialogOpening); ok {
			select {
			case ch <- e:
			default:
			}
		}
	}); err != nil {
		t.Fatal(err)
	}
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case e := <-ch:
				d.mu.Lock()
				d.asked = append(d.asked, e.Type)
				d.mu.Unlock()
				chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: !d.stay.Load()})
			}
		}
	}()
	return d
}

// waitAsked waits until n questions were asked, and returns their types.
func (d *dialogs) waitAsked(t *testing.T, n int) []page.DialogType {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		d.mu.Lock()
		asked := slices.Clone(d.asked)
		d.mu.Unlock()
		if len(asked) >= n {
			return asked
		}
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	t.Fatalf("%d questions asked before leaving the page (%v), want %d", len(d.asked), d.asked, n)
	return nil
}

// appendText types s at the end of the text of the field sel.
func appendText(t *testing.T, ctx context.Context, sel, s string) {
	t.Helper()
	eval[bool](t, ctx, `(function(){var e=document.querySelector('`+sel+`'); e.focus(); e.setSelectionRange(e.value.length, e.value.length); return true})()`)
	do(t, ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, input.InsertText, input.InsertTextParams{Text: s})
		return err
	}))
}

// setDate sets the value of the date field sel as the browser's date
// picker does, and tells the page.
func setDate(t *testing.T, ctx context.Context, sel, value string) {
	t.Helper()
	eval[bool](t, ctx, `(function(){var e=document.querySelector('`+sel+`'); e.value='`+value+`'; e.dispatchEvent(new Event('input',{bubbles:true})); e.dispatchEvent(new Event('change',{bubbles:true})); return e.value==='`+value+`'})()`)
}

// waitFile waits until the file at path holds every one of want.
func waitFile(t *testing.T, path string, want ...string) string {
	t.Helper()
	var data []byte
	for deadline := time.Now().Add(25 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		data, _ = os.ReadFile(path)
		if ok := !slices.ContainsFunc(want, func(w string) bool { return !strings.Contains(string(data), w) }); ok {
			return string(data)
		}
	}
	t.Fatalf("the file never held all of %q; it holds:\n%s", want, data)
	return ""
}

// checkRefusedDate checks that the page shows the bad date in its field
// with its problem beside it, and that the file keeps its own date.
func checkRefusedDate(t *testing.T, ctx context.Context, path, fileDate string) {
	t.Helper()
	if v := eval[string](t, ctx, `document.getElementById('f-date').value`); v != badDate {
		t.Errorf("the date field holds %q, want the refused %q", v, badDate)
	}
	msg := eval[string](t, ctx, `(document.querySelector('[data-err="date"]')||{}).textContent||''`)
	if want := `datums „` + badDate + `“ ir ārpus atļautajām robežām`; !strings.Contains(msg, want) {
		t.Errorf("beside the date field: %q, want %q", msg, want)
	}
	if inv := eval[string](t, ctx, `document.getElementById('f-date').getAttribute('aria-invalid')||''`); inv != "true" {
		t.Errorf("the refused date field has aria-invalid=%q", inv)
	}
	if f := parseFile(t, path); f.Date.String() != fileDate {
		t.Errorf("the file's date is %s, want its own %s kept", f.Date, fileDate)
	}
}

// screenshots writes the page at laptop and phone widths into
// $SERVE_SCREENSHOTS, scrolled to the element at, to look at.
func screenshots(t *testing.T, ctx context.Context, name, at string) {
	t.Helper()
	out := os.Getenv("SERVE_SCREENSHOTS")
	if out == "" {
		return
	}
	for _, w := range []int64{1280, 390} {
		do(t, ctx, chromedp.EmulateViewport(w, 900))
		eval[bool](t, ctx, `(function(){document.querySelector('`+at+`').scrollIntoView({block:'center'}); return true})()`)
		png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(out, fmt.Sprintf("%s-%d.png", name, w)), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestBrowserRefusedField types a bad date, then text in two other fields:
// the texts reach the disk, and after a reload the bad date is still in its
// field with its problem. Leaving the page, and closing the tab, ask first.
func TestBrowserRefusedField(t *testing.T) {
	ctx := newBrowser(t)
	dir := t.TempDir()
	copyExample(t, dir, example)
	path := filepath.Join(dir, example)
	fileDate := parseFile(t, path).Date.String()
	_, base := startServer(t, dir)
	dl := watchDialogs(t, ctx)
	do(t, ctx, chromedp.Navigate(base+"/r/"+example))

	setDate(t, ctx, "#f-date", badDate)
	do(t, ctx,
		insertText("#f-ws-facilitator", "Ilze Kalniņa"),
	)
	appendText(t, ctx, "#f-pilot-answer", " Teksts pēc kļūdainā datuma: ā ķ ž.")
	if got := waitState(t, ctx, "error"); got != lvRefused {
		t.Errorf("the save status says %q, want %q", got, lvRefused)
	}
	waitFile(t, path, "facilitator: Ilze Kalniņa", "Teksts pēc kļūdainā datuma: ā ķ ž.")
	checkRefusedDate(t, ctx, path, fileDate)
	screenshots(t, ctx, "refused", "#f-date")

	// A reload asks first (the date is not saved), then shows the bad
	// date again, kept by the browser, with its problem.
	do(t, ctx, chromedp.Reload())
	if asked := dl.waitAsked(t, 1); asked[0] != page.DialogTypeBeforeunload {
		t.Errorf("before the reload the page asked %v, want a beforeunload question", asked)
	}
	if got := waitState(t, ctx, "error"); got != lvRefused {
		t.Errorf("after the reload the save status says %q, want %q", got, lvRefused)
	}
	checkRefusedDate(t, ctx, path, fileDate)
	if v := eval[string](t, ctx, `document.getElementById('f-ws-facilitator').value`); v != "Ilze Kalniņa" {
		t.Errorf("after the reload the facilitator is %q", v)
	}

	// Closing the tab asks too; "stay" keeps the page open. (A browser asks
	// only on a page the person has touched: a click into a field.)
	dl.stay.Store(true)
	do(t, ctx, chromedp.Click(chromedp.CSS("#f-ws-facilitator")))
	if _, err := chromedp.Call(ctx, page.Close, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	if asked := dl.waitAsked(t, 2); asked[1] != page.DialogTypeBeforeunload {
		t.Errorf("closing the tab asked %v, want a beforeunload question", asked)
	}
	if v := eval[string](t, ctx, `document.getElementById('f-date').value`); v != badDate {
		t.Errorf("after staying the date field holds %q", v)
	}

	// Corrected, the date is saved and nothing is left to ask about.
	dl.stay.Store(false)
	setDate(t, ctx, "#f-date", "2027-02-07")
	waitState(t, ctx, "saved")
	if f := parseFile(t, path); f.Date.String() != "2027-02-07" {
		t.Errorf("the corrected date was not saved: %s", f.Date)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll('.err').length`); n != 0 {
		t.Errorf("%d problems still shown after the correction", n)
	}
	if s := eval[string](t, ctx, `localStorage.getItem('roadmap-serve:/r/`+example+`')||''`); s != "" {
		t.Errorf("the browser still keeps %s after everything was saved", s)
	}
	do(t, ctx, chromedp.Reload())
	if asked := dl.waitAsked(t, 2); len(asked) != 2 {
		t.Errorf("leaving a saved page asked %v", asked)
	}
}

// serveOn serves s on ln until stopped.
func serveOn(t *testing.T, s *serve.Server, ln net.Listener) *http.Server {
	hs := &http.Server{Handler: s}
	go func() {
		if err := hs.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			t.Errorf("serving: %v", err)
		}
	}()
	t.Cleanup(func() { hs.Close() })
	return hs
}

// TestBrowserOffline stops the server while a person types, and starts it
// again on the same address: the page says it cannot save, and saves when
// the server is back. What was typed while it was away and never saved
// comes back in a new tab.
func TestBrowserOffline(t *testing.T) {
	ctx := newBrowser(t)
	dir := t.TempDir()
	copyExample(t, dir, example)
	path := filepath.Join(dir, example)
	fileDate := parseFile(t, path).Date.String()
	s := newServer(t, dir)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	base := "http://" + addr
	hs := serveOn(t, s, ln)
	restart := func() {
		t.Helper()
		var err error
		for range 50 {
			if ln, err = net.Listen("tcp", addr); err == nil {
				hs = serveOn(t, s, ln)
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
		t.Fatalf("listening on %s again: %v", addr, err)
	}
	dl := watchDialogs(t, ctx)
	do(t, ctx, chromedp.Navigate(base+"/r/"+example))
	setDate(t, ctx, "#f-date", badDate)
	waitState(t, ctx, "error")

	// The server goes away mid-typing.
	hs.Close()
	appendText(t, ctx, "#f-pilot-answer", " Rakstīts, kamēr servera nebija.")
	if got := waitState(t, ctx, "offline"); got != lvOffline {
		t.Errorf("with the server away the page says %q, want %q", got, lvOffline)
	}
	live := eval[string](t, ctx, `(function(){var e=document.getElementById('save-status'); return e.getAttribute('role')+' '+e.getAttribute('aria-live')})()`)
	if live != "status polite" {
		t.Errorf("the save status is %q; it must be announced (role=status, aria-live=polite)", live)
	}
	do(t, ctx, insertText("#f-ws-facilitator", "Jānis Bērziņš"))
	screenshots(t, ctx, "offline", "#f-pilot-answer")

	// Back on the same address: the page saves by itself.
	restart()
	waitFile(t, path, "Rakstīts, kamēr servera nebija.", "facilitator: Jānis Bērziņš")
	if got := waitState(t, ctx, "error"); got != lvRefused {
		t.Errorf("with the server back the page says %q, want %q", got, lvRefused)
	}
	do(t, ctx, chromedp.Reload())
	if asked := dl.waitAsked(t, 1); asked[0] != page.DialogTypeBeforeunload {
		t.Errorf("before the reload the page asked %v", asked)
	}
	waitState(t, ctx, "error")
	checkRefusedDate(t, ctx, path, fileDate)

	// Away again; a text typed, the tab closed (it asks: leave), the
	// server back: a new tab of the roadmap puts the text back and saves it.
	hs.Close()
	appendText(t, ctx, "#f-needs-answer", " Aizvērts bez saglabāšanas.")
	waitState(t, ctx, "offline")
	typed := eval[string](t, ctx, `document.getElementById('f-needs-answer').value`)
	tab := newTab(t, ctx)
	if _, err := chromedp.Call(ctx, page.Close, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	dl.waitAsked(t, 2)
	if data, _ := os.ReadFile(path); strings.Contains(string(data), "Aizvērts bez saglabāšanas.") {
		t.Fatal("the text reached the disk with the server away")
	}
	restart()
	do(t, tab, chromedp.Navigate(base+"/r/"+example))
	waitFile(t, path, "Aizvērts bez saglabāšanas.")
	if v := eval[string](t, tab, `document.getElementById('f-needs-answer').value`); v != typed {
		t.Errorf("the new tab's answer is %q, want what was typed: %q", v, typed)
	}
	if f := parseFile(t, path); f.Checkpoints["needs"].Answer != typed {
		t.Errorf("the file's answer is %q, want what was typed: %q", f.Checkpoints["needs"].Answer, typed)
	}
	waitState(t, tab, "error")
	checkRefusedDate(t, tab, path, fileDate)
}

// TestBrowserUndoRow deletes a plan row and takes it back with Undo.
func TestBrowserUndoRow(t *testing.T) {
	ctx := newBrowser(t)
	dir := t.TempDir()
	copyExample(t, dir, example)
	path := filepath.Join(dir, example)
	orig := parseFile(t, path).ActionPlan
	_, base := startServer(t, dir)
	do(t, ctx, chromedp.Navigate(base+"/r/"+example), chromedp.Click(chromedp.CSS(`button[value="del:ap:1"]`)))
	if got := eval[string](t, ctx, `document.getElementById('undo').hidden ? '' : document.getElementById('undo').textContent`); got != "2. rinda dzēsta. Atsaukt" {
		t.Fatalf("after deleting row 2 the status shows %q", got)
	}
	waitState(t, ctx, "saved")
	screenshots(t, ctx, "undo", "#rows-ap")
	if got := parseFile(t, path).ActionPlan; len(got) != len(orig)-1 || got[1].Activity != orig[2].Activity {
		t.Fatalf("after deleting row 2 the file has %d rows", len(got))
	}
	if f := eval[string](t, ctx, `document.activeElement.tagName + ' ' + document.activeElement.textContent.slice(0, 40)`); f != "BUTTON Atsaukt" {
		t.Errorf("after deleting, the focus is on %q, want the Undo button", f)
	}
	do(t, ctx, chromedp.Click(chromedp.CSS(`#undo button`)))
	if v := eval[string](t, ctx, `document.getElementById('ap-1-activity').value`); v != orig[1].Activity {
		t.Errorf("after Undo row 2's activity is %q, want %q", v, orig[1].Activity)
	}
	if legend := eval[string](t, ctx, `document.querySelectorAll('#rows-ap > li legend')[1].textContent`); legend != "2. rinda" {
		t.Errorf("the row put back is headed %q", legend)
	}
	waitState(t, ctx, "saved")
	// The rows are as they were (each dated row now with its calendar id).
	if got := parseFile(t, path).ActionPlan; !slices.EqualFunc(got, orig, func(a, b answers.Action) bool { a.ID, b.ID = "", ""; return a == b }) {
		t.Errorf("after Undo the action plan is\n%+v\nwant\n%+v", got, orig)
	}
	if hidden := eval[bool](t, ctx, `document.getElementById('undo').hidden`); !hidden {
		t.Error("the Undo button is still shown after undoing")
	}
}
