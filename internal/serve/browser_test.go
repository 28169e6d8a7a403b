package serve_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	"github.com/partnership-roadmap/roadmap/internal/cli"
	"github.com/partnership-roadmap/roadmap/internal/pdftest"
	"github.com/partnership-roadmap/roadmap/internal/testtool"
)

// chromium returns the path of the browser, or skips the test (fails it
// under CI=true) when there is none.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	testtool.Missing(t, "chromium not found (apt-get install -y chromium)")
	return ""
}

// newBrowser starts a headless Chromium with a fresh profile that makes no
// request of its own to the network, and returns a tab's context.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	exe := chromium(t)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
		chromedp.UserDataDir(t.TempDir()),
	)
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelB := chromedp.NewContext(actx)
	ctx, cancelC := context.WithTimeout(ctx, 3*time.Minute)
	t.Cleanup(func() { cancelC(); cancelB(); cancelA() })
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting chromium: %v", err)
	}
	return ctx
}

// newTab opens another tab of the same browser.
func newTab(t *testing.T, ctx context.Context) context.Context {
	t.Helper()
	tab, cancel := chromedp.NewContext(ctx)
	t.Cleanup(cancel)
	if err := chromedp.Do(tab); err != nil {
		t.Fatal(err)
	}
	return tab
}

// insertText types s into the element sel as an input method would:
// SendKeys drops some Latvian and Lithuanian letters.
func insertText(sel string, s string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		if err := chromedp.Do(ctx, chromedp.Focus(chromedp.CSS(sel))); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, tg, input.InsertText, input.InsertTextParams{Text: s})
		return err
	})
}

func do(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return v
}

// waitState waits until the page's save status is state and returns its text.
func waitState(t *testing.T, ctx context.Context, state string) string {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if eval[string](t, ctx, `document.getElementById('save-status').dataset.state`) == state {
			return eval[string](t, ctx, `document.getElementById('save-status').textContent`)
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("the save status never became %q; it is %q: %q", state,
		eval[string](t, ctx, `document.getElementById('save-status').dataset.state`),
		eval[string](t, ctx, `document.getElementById('save-status').textContent`))
	return ""
}

const (
	latvian    = "Mērķa grupa: ā č ē ģ ī ķ ļ ņ š ū ž — Ābeļzieds, Čiekurs, Ēdoles, Ģimenes, Īvāni, Ķegums, Ļaudis, Ņurņi, Šķēde, Ūdri, Žagari."
	lithuanian = "Lietuviškai: ą ę ė į ų — Ąžuolas, Ęsė, Ėglė, Įvairūs, Ųsai, Trakų savivaldybė."
)

// TestBrowser fills in a roadmap in a real browser, as a person would, and
// checks what they see, what is on disk and what the documents hold.
func TestBrowser(t *testing.T) {
	ctx := newBrowser(t)
	dir := t.TempDir()
	srv, base := startServer(t, dir)
	_ = srv
	// Leaving a page with a change not saved asks first: leave.
	watchDialogs(t, ctx)

	// A new community roadmap in Latvian, from the home page.
	do(t, ctx, chromedp.Navigate(base+"/?lang=lv"),
		insertText("#new-org", "Biedrība “Ābeļzieds”"),
		chromedp.Click(chromedp.CSS(`input[name=form][value=community]`)),
		chromedp.SetValue(chromedp.CSS("#new-lang"), "lv"),
	)
	if _, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`form[action^="/new"] button[type=submit]`))); err != nil {
		t.Fatal(err)
	}
	loc, _ := chromedp.Run(ctx, chromedp.Location())
	name := strings.TrimPrefix(loc, base+"/r/")
	if !strings.HasSuffix(name, ".yaml") {
		t.Fatalf("after Create the browser is at %s; want a roadmap's page", loc)
	}
	path := filepath.Join(dir, name)
	if h1 := eval[string](t, ctx, `document.querySelector('h1').textContent`); h1 != "Biedrība “Ābeļzieds”" {
		t.Errorf("the page's heading is %q", h1)
	}
	if lang := eval[string](t, ctx, `document.documentElement.lang`); lang != "lv" {
		t.Errorf("page language %q, want lv", lang)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll('article.cp').length`); n != 13 {
		t.Errorf("%d checkpoints on the community form's page, want 13", n)
	}

	// Answers, a status, options and an action-plan row with a deadline.
	do(t, ctx,
		insertText("#f-target-group-answer", latvian),
		insertText("#f-needs-answer", lithuanian),
		chromedp.Click(chromedp.CSS(`input[name="cp.target-group.status"][value=done]`)),
		chromedp.Click(chromedp.CSS(`input[name="cp.needs.status"][value=in-progress]`)),
		chromedp.Click(chromedp.CSS(`input[name="cp.needs.opt"][value=surveys]`)),
		chromedp.Click(chromedp.CSS(`input[name="cp.needs.opt"][value=experts]`)),
		chromedp.Click(chromedp.CSS(`button[value="add:ap"]`)),
	)
	rows := eval[int](t, ctx, `document.querySelectorAll('#rows-ap > li').length`)
	if rows != 2 {
		t.Fatalf("%d action-plan rows after adding one to the example row, want 2", rows)
	}
	do(t, ctx, insertText("#ap-1-activity", "Tikšanās ar Talsu novada pašvaldību"))
	// A date input takes its value as the date picker sets it.
	eval[bool](t, ctx, `(function(){var e=document.getElementById('ap-1-deadline'); e.value='2027-03-01'; e.dispatchEvent(new Event('change',{bubbles:true})); return true})()`)
	if got := waitState(t, ctx, "saved"); got != "Visas izmaiņas saglabātas" {
		t.Errorf("save status %q", got)
	}
	if os.Getenv("SERVE_DEBUG") != "" {
		data, _ := os.ReadFile(path)
		t.Logf("%s", data)
		t.Log(eval[string](t, ctx, `document.getElementById('ap-1-activity').value + '|' + document.activeElement.id + '|' + document.getElementById('ap-1-deadline').value`))
	}

	// After a reload, everything is still there.
	do(t, ctx, chromedp.Reload())
	checks := map[string]string{
		`document.getElementById('f-target-group-answer').value`:                                         latvian,
		`document.getElementById('f-needs-answer').value`:                                                lithuanian,
		`document.querySelector('input[name="cp.target-group.status"]:checked').value`:                   "done",
		`document.querySelector('input[name="cp.needs.status"]:checked').value`:                          "in-progress",
		`[...document.querySelectorAll('input[name="cp.needs.opt"]:checked')].map(e=>e.value).join(',')`: "surveys,experts",
		`document.getElementById('ap-1-activity').value`:                                                 "Tikšanās ar Talsu novada pašvaldību",
		`document.getElementById('ap-1-deadline').value`:                                                 "2027-03-01",
		`document.getElementById('f-org-name').value`:                                                    "Biedrība “Ābeļzieds”",
	}
	for js, want := range checks {
		if got := eval[string](t, ctx, js); got != want {
			t.Errorf("after reload, %s = %q, want %q", js, got, want)
		}
	}

	// The file on disk passes roadmap validate.
	var out, errb bytes.Buffer
	if code := cli.Main([]string{"validate", path}, strings.NewReader(""), &out, &errb); code != 0 {
		data, _ := os.ReadFile(path)
		t.Fatalf("roadmap validate %s: exit %d\n%s%s\n%s", name, code, out.String(), errb.String(), data)
	}
	saved, _ := os.ReadFile(path)
	if !strings.Contains(string(saved), "# 1.1 Definējiet savu mērķa grupu") {
		t.Errorf("the comments of the new file were lost:\n%s", saved)
	}

	// The filled PDF, downloaded by the page, holds the answers.
	b64 := eval[string](t, ctx, `fetch(document.querySelector('a[href$="form.pdf"]').href).then(r=>r.arrayBuffer()).then(b=>{let s='';new Uint8Array(b).forEach(c=>s+=String.fromCharCode(c));return btoa(s)})`+"")
	pdf, err := base64.StdEncoding.DecodeString(b64)
	if err != nil || !bytes.HasPrefix(pdf, []byte("%PDF")) {
		t.Fatalf("the downloaded form is not a PDF (%v): %.40q", err, pdf)
	}
	text := strings.Join(strings.Fields(pdftest.Text(t, pdf)), " ")
	for _, want := range []string{latvian, lithuanian, "Tikšanās ar Talsu novada pašvaldību", "Biedrība “Ābeļzieds”"} {
		if !strings.Contains(text, strings.Join(strings.Fields(want), " ")) {
			t.Errorf("the downloaded PDF does not hold %q; its text:\n%s", want, text)
		}
	}

	// Two tabs on one roadmap: the second save, based on the old revision,
	// is refused and says so; the first tab's text stays in the file.
	tab := newTab(t, ctx)
	watchDialogs(t, tab)
	do(t, tab, chromedp.Navigate(base+"/r/"+name))
	do(t, ctx, insertText("#f-pilot-answer", "Pirmās cilnes teksts."))
	waitState(t, ctx, "saved")
	do(t, tab, insertText("#f-pitch-answer", "Otrās cilnes teksts."))
	msg := waitState(t, tab, "error")
	if !strings.Contains(msg, "mainīta citā cilnē") {
		t.Errorf("the second tab says %q; want the conflict message", msg)
	}
	data, _ := os.ReadFile(path)
	if !strings.Contains(string(data), "Pirmās cilnes teksts.") || strings.Contains(string(data), "Otrās cilnes teksts.") {
		t.Errorf("after the conflict the file holds:\n%s", data)
	}

	// An edit on disk while the page is open is noticed on the next save.
	edited := strings.Replace(string(data), "Pirmās cilnes teksts.", "Labots diskā.", 1)
	if err := os.WriteFile(path, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	do(t, ctx, insertText("#f-pilot-answer", " Vēl."))
	if msg := waitState(t, ctx, "error"); !strings.Contains(msg, "failā") {
		t.Errorf("after an edit on disk the page says %q", msg)
	}
	if data, _ := os.ReadFile(path); string(data) != edited {
		t.Errorf("the edit on disk was overwritten:\n%s", data)
	}

	// A cross-origin form post, from a page of another site, is refused
	// (in the roadmap's language) and saves nothing.
	before, _ := os.ReadFile(path)
	evil := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprintf(w, `<form id=f method=post action="%s/r/%s"><input name=rev value="x"><input name="org.name" value="Pwned"></form><script>document.getElementById('f').submit()</script>`, base, name)
	}))
	defer evil.Close()
	evilURL := strings.Replace(evil.URL, "127.0.0.1", "localhost", 1)
	do(t, tab, chromedp.Navigate(evilURL))
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) && !strings.Contains(eval[string](t, tab, `document.body ? document.body.innerText : ''`), "citas tīmekļvietnes") {
		time.Sleep(100 * time.Millisecond)
	}
	if body := eval[string](t, tab, `document.body.innerText`); !strings.Contains(body, "Atteikts: pieprasījums nāca no citas tīmekļvietnes") {
		t.Errorf("the cross-origin post shows:\n%s", body)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Errorf("the cross-origin post changed the file:\n%s", after)
	}

	// A broken file in the folder is listed with its problem, and opens
	// read-only with the problem's line and column.
	if err := os.WriteFile(filepath.Join(dir, "salauzts.yaml"), []byte("form: community\nlanguage: lv\norganisation:\n\tname: x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	do(t, ctx, chromedp.Navigate(base+"/?lang=lv"))
	home := eval[string](t, ctx, `document.body.innerText`)
	if !strings.Contains(home, "salauzts.yaml:4:1: nederīgs YAML: atkāpei izmantota tabulēšanas zīme") || !strings.Contains(home, "Biedrība “Ābeļzieds”") {
		t.Errorf("the home page shows:\n%s", home)
	}
	do(t, ctx, chromedp.Navigate(base+"/r/salauzts.yaml"))
	page := eval[string](t, ctx, `document.body.innerText`)
	if !strings.Contains(page, "salauzts.yaml:4:1") || !strings.Contains(page, "tikai lasīšanai") {
		t.Errorf("the broken file's page shows:\n%s", page)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll('textarea, input:not([type=hidden])').length`); n != 0 {
		t.Errorf("the broken file's page has %d fields; it must be read-only", n)
	}
}

// TestBrowserNoScript saves the page with JavaScript off: the Save button
// posts the form, and a row is added with the form's own button.
func TestBrowserNoScript(t *testing.T) {
	ctx := newBrowser(t)
	dir := t.TempDir()
	copyExample(t, dir, "brinumins-community-lv.yaml")
	_, base := startServer(t, dir)
	do(t, ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	}), chromedp.Navigate(base+"/r/brinumins-community-lv.yaml"))
	if js := eval[bool](t, ctx, `document.documentElement.classList.contains('js')`); js {
		t.Fatal("the script ran although scripts are off")
	}
	rows := eval[int](t, ctx, `document.querySelectorAll('#rows-ap > li').length`)
	if _, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`button[value="add:ap"]`))); err != nil {
		t.Fatal(err)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll('#rows-ap > li').length`); n != rows+1 {
		t.Errorf("%d rows after adding one without script, want %d", n, rows+1)
	}
	do(t, ctx, insertText("#f-pilot-answer", " Bez skriptiem: ā ą."))
	if _, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`.save-bar button`))); err != nil {
		t.Fatal(err)
	}
	if s := eval[string](t, ctx, `document.getElementById('save-status').textContent`); s != "Saglabāts." {
		t.Errorf("after Save the page says %q", s)
	}
	data, _ := os.ReadFile(filepath.Join(dir, "brinumins-community-lv.yaml"))
	if !strings.Contains(string(data), "Bez skriptiem: ā ą.") {
		t.Errorf("the answer typed without script is not in the file:\n%s", data)
	}
}

// TestScreenshots writes screenshots of the pages at laptop and phone
// widths into $SERVE_SCREENSHOTS, to look at; it runs only when that is set.
func TestScreenshots(t *testing.T) {
	out := os.Getenv("SERVE_SCREENSHOTS")
	if out == "" {
		t.Skip("set SERVE_SCREENSHOTS=DIR to write screenshots")
	}
	ctx := newBrowser(t)
	dir := t.TempDir()
	for _, n := range []string{"brinumins-community-lv.yaml", "talsi-municipality-en.yaml"} {
		copyExample(t, dir, n)
	}
	os.WriteFile(filepath.Join(dir, "salauzts.yaml"), []byte("form: community\nlanguage: lv\norganisation:\n\tname: x\n"), 0o644)
	_, base := startServer(t, dir)
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := noRedirect.PostForm(base+"/new", map[string][]string{"form": {"municipality"}, "lang": {"lt"}, "org": {"Trakų rajono savivaldybė"}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	for _, w := range []int64{1280, 390, 320} {
		for name, u := range map[string]string{"home": "/?lang=lv", "edit": "/r/brinumins-community-lv.yaml", "broken": "/r/salauzts.yaml", "edit-en": "/r/talsi-municipality-en.yaml", "home-lt": "/?lang=lt", "new-lt": res.Header.Get("Location"), "history": "/r/brinumins-community-lv.yaml/history", "notfound": "/r/nothing.yaml?lang=el"} {
			do(t, ctx, chromedp.EmulateViewport(w, 900), chromedp.Navigate(base+u))
			if name == "edit" {
				eval[bool](t, ctx, `(function(){document.querySelector('#cp-needs details').open=true;return true})()`)
			}
			// Screens as a person scrolls through them: the top, and the
			// places worth seeing (a step band, the guidance, a plan).
			for i, at := range []string{"", "#step-1", "#cp-needs", "#plan-ap", "#plan-cm"} {
				if at != "" {
					if !strings.HasPrefix(name, "edit") {
						break
					}
					eval[bool](t, ctx, `(function(){var e=document.querySelector('`+at+`'); if(e) e.scrollIntoView(); return true})()`)
				}
				png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(out, fmt.Sprintf("%s-%d-%d.png", name, w, i)), png, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
}
