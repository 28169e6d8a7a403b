package serve_test

import (
	"context"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/partnership-roadmap/roadmap/internal/access"
	"github.com/partnership-roadmap/roadmap/internal/contenttest"
	"github.com/partnership-roadmap/roadmap/internal/serve"
	"github.com/partnership-roadmap/roadmap/internal/testtool"
)

// axeScript returns axe-core's script (internal/serve/testdata/axe), or
// stops the test as testtool.Missing does.
func axeScript(t *testing.T) string {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("testdata", "axe", "node_modules", "axe-core", "axe.min.js"))
	if err != nil {
		testtool.Missing(t, "axe-core not installed (cd internal/serve/testdata/axe && npm ci)")
	}
	return string(src)
}

// axeRules are the rules run: those of WCAG 2.1 levels A and AA, and
// axe's best practices (landmarks, the order of headings, one h1), which
// are what a screen reader's user finds their way by.
const axeRules = `['wcag2a','wcag2aa','wcag21a','wcag21aa','best-practice']`

// checkAxe runs axe-core on the page open in ctx and reports each
// violation with its rule, the elements it concerns and the rule's help.
func checkAxe(t *testing.T, ctx context.Context, axe, name string) {
	t.Helper()
	if report := axeReport(t, ctx, axe); report != "" {
		t.Errorf("%s: axe-core finds:\n%s", name, report)
	}
}

// axeReport runs axe-core on the page open in ctx and returns its
// violations, one rule a paragraph: its id, impact and help, then each
// element (its CSS path) and what is wrong with it.
func axeReport(t *testing.T, ctx context.Context, axe string) string {
	t.Helper()
	if !eval[bool](t, ctx, `typeof axe === 'object'`) {
		eval[bool](t, ctx, axe+"\n;true")
	}
	return eval[string](t, ctx, `axe.run(document, {runOnly: {type: 'tag', values: `+axeRules+`}, resultTypes: ['violations']}).then(function (r) {
		return r.violations.map(function (v) {
			return v.id + ' (' + v.impact + '): ' + v.help + '\n' + v.nodes.map(function (n) {
				return '    ' + n.target.join(' ') + (n.failureSummary ? '\n      ' + n.failureSummary.replace(/\n/g, '\n      ') : '');
			}).join('\n');
		}).join('\n');
	})`)
}

// checkBorders reports a text field, list or text area whose border, what
// shows where it is, has less than 3:1 contrast with what is around it
// (WCAG 1.4.11, which axe-core does not check).
func checkBorders(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	if low := eval[string](t, ctx, `(function () {
		function rgb(s) { var m = s.match(/[\d.]+/g).map(Number); return m.length > 3 && m[3] === 0 ? null : m.slice(0, 3); }
		function lum(c) {
			c = c.map(function (v) { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
			return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
		}
		var out = [];
		document.querySelectorAll('input:not([type=hidden]):not([type=radio]):not([type=checkbox]), select, textarea').forEach(function (e) {
			if (!e.offsetParent) return;
			// The border against the field's inside and against its outside.
			var b = lum(rgb(getComputedStyle(e).borderTopColor)), p = e.parentElement, bg = null, r = 21;
			while (p && !(bg = rgb(getComputedStyle(p).backgroundColor))) p = p.parentElement;
			[rgb(getComputedStyle(e).backgroundColor) || bg, bg || [255, 255, 255]].forEach(function (c) {
				var l = [b, lum(c || [255, 255, 255])].sort(function (x, y) { return x - y; });
				r = Math.min(r, (l[1] + 0.05) / (l[0] + 0.05));
			});
			if (r < 3 && out.length < 5) out.push((e.id || e.name) + ' ' + r.toFixed(2) + ':1');
		});
		return out.join(', ');
	})()`); low != "" {
		t.Errorf("%s: fields whose border is too faint: %s", name, low)
	}
}

// checkWidth reports a page that scrolls sideways at the viewport's width.
func checkWidth(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	if wide := eval[string](t, ctx, `(function () {
		var d = document.scrollingElement;
		if (d.scrollWidth <= d.clientWidth) return '';
		var out = [];
		document.querySelectorAll('body *').forEach(function (e) {
			// An element past the edge, or whose text runs out of it.
			var r = e.getBoundingClientRect(), over = getComputedStyle(e).overflowX === 'visible' && e.scrollWidth > e.clientWidth + 1 && e.clientWidth > 0;
			if ((r.right > d.clientWidth + 0.5 || over) && out.length < 8) out.push(e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (typeof e.className === 'string' && e.className ? '.' + e.className.split(' ').join('.') : '') + ' right=' + Math.round(r.right) + (over ? ' text ' + e.scrollWidth + '>' + e.clientWidth : ''));
		});
		return d.scrollWidth + ' > ' + d.clientWidth + ': ' + out.join(', ');
	})()`); wide != "" {
		t.Errorf("%s scrolls sideways: %s", name, wide)
	}
}

// a11yPage is a page to check: its address, and what to do there first.
type a11yPage struct {
	name, path string
	// before runs on the page before it is checked.
	before func(t *testing.T, ctx context.Context)
}

// TestAccessibility opens every page of serve, filled and empty, at a
// laptop's and a phone's width, and asks axe-core for its WCAG 2.1 AA
// violations: there must be none. At 320 px no page scrolls sideways.
func TestAccessibility(t *testing.T) {
	axe := axeScript(t)
	ctx := newBrowser(t)
	watchDialogs(t, ctx)
	dir, cookies := linkFolder(t)
	copyExample(t, dir, "talsi-municipality-en.yaml")
	os.WriteFile(filepath.Join(dir, "salauzts.yaml"), []byte("form: community\nlanguage: lv\norganisation:\n\tname: x\n"), 0o644)
	_, base := startServer(t, dir, func(o *serve.Options) {
		o.Access = access.Open(dir)
		o.Now = func() time.Time { return clock }
		o.Token = "workshop-key"
		o.WorkshopLinks = []string{"http://192.0.2.1:8080/?token=workshop-key"}
	})
	empty := t.TempDir()
	_, emptyBase := startServer(t, empty)
	// A registration (the organisation directory's form), in Greek.
	_, regBase := startServer(t, t.TempDir())
	res, err := (&http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}).
		PostForm(regBase+"/new", url.Values{"form": {"registration"}, "lang": {"el"}, "org": {"Δήμος Αγλαντζιάς"}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("a new registration: %d", res.StatusCode)
	}
	registration := regBase + res.Header.Get("Location")
	// Files to upload: one with a problem, one too large.
	bad, huge := filepath.Join(t.TempDir(), "bad.yaml"), filepath.Join(t.TempDir(), "huge.yaml")
	os.WriteFile(bad, []byte("form: community\nlanguage: lv\nwhat: x\n"), 0o644)
	os.WriteFile(huge, []byte("# "+strings.Repeat("x", serve.MaxBody)+"\n"), 0o644)
	upload := func(t *testing.T, ctx context.Context, file string) {
		do(t, ctx, chromedp.SetUploadFiles(chromedp.CSS("#up-file"), []string{file}))
		if _, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`form[action^="/upload"] button`))); err != nil {
			t.Fatal(err)
		}
		waitFor(t, ctx, `.alert`)
	}
	// A page of another site that posts to a roadmap (refused, 403).
	evil := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprintf(w, `<form id=f method=post action="%s/r/%s"><input name=rev value="x"></form><script>document.getElementById('f').submit()</script>`, emptyBase, "x.yaml")
	}))
	t.Cleanup(evil.Close)
	evil.URL = strings.Replace(evil.URL, "127.0.0.1", "localhost", 1)
	token := func(who string) string { return strings.TrimPrefix(cookies[who], "roadmap_token=") }

	// Without a link: the page asking for one.
	var pages []a11yPage
	pages = append(pages, a11yPage{name: "no link (401)", path: base + "/?lang=lt", before: func(t *testing.T, ctx context.Context) {
		do(t, ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, network.ClearBrowserCookies, cdp.Empty{})
			return err
		}), chromedp.Reload())
	}})
	pages = append(pages, a11yPage{name: "coordinator link", path: base + "/?token=" + token("coordinator")})
	for _, p := range []struct{ name, path string }{
		{"home", "/?lang=lv"},
		{"home en, search with no match", "/?lang=en&q=nothing-like-this"},
		{"edit lv", "/r/" + roadmapA},
		{"edit en", "/r/talsi-municipality-en.yaml"},
		{"broken file", "/r/salauzts.yaml"},
		{"history", "/r/" + roadmapA + "/history"},
		{"archive", "/archive?lang=lv"},
		{"workshop", "/workshop?lang=sv"},
		{"privacy", "/privacy?lang=el"},
		{"not found (404)", "/r/no-such.yaml"},
	} {
		pages = append(pages, a11yPage{name: p.name, path: base + p.path})
	}
	pages = append(pages,
		a11yPage{name: "empty home", path: emptyBase + "/?lang=pt"},
		a11yPage{name: "empty archive", path: emptyBase + "/archive?lang=lv"},
		a11yPage{name: "registration el", path: registration},
		a11yPage{name: "new roadmap lt", path: emptyBase + "/?lang=lt", before: func(t *testing.T, ctx context.Context) {
			do(t, ctx, insertText("#new-org", "Trakų rajono savivaldybė"), chromedp.SetValue(chromedp.CSS("#new-lang"), "lt"))
			if _, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`form[action^="/new"] button[type=submit]`))); err != nil {
				t.Fatal(err)
			}
		}},
		a11yPage{name: "history of a new roadmap", path: emptyBase + "/?lang=lt", before: func(t *testing.T, ctx context.Context) {
			do(t, ctx, chromedp.Navigate(emptyBase+"/r/"+url.PathEscape(firstYAML(t, empty))+"/history"))
		}},
		a11yPage{name: "read-only link", path: base + "/?token=" + token("A read-only"), before: func(t *testing.T, ctx context.Context) {
			do(t, ctx, chromedp.Navigate(base+"/r/"+roadmapA))
		}},
		a11yPage{name: "coordinator only (403)", path: base + "/archive?lang=lv"},
		a11yPage{name: "guidance open", path: emptyBase + "/?lang=en", before: func(t *testing.T, ctx context.Context) {
			do(t, ctx, chromedp.Navigate(emptyBase+"/r/"+url.PathEscape(firstYAML(t, empty))))
			eval[bool](t, ctx, `(document.querySelectorAll('details').forEach(function (d) { d.open = true }), true)`)
		}},
		a11yPage{name: "upload refused (422)", path: emptyBase + "/?lang=lv", before: func(t *testing.T, ctx context.Context) {
			upload(t, ctx, bad)
		}},
		a11yPage{name: "upload too large (413)", path: emptyBase + "/?lang=lt", before: func(t *testing.T, ctx context.Context) {
			upload(t, ctx, huge)
		}},
		a11yPage{name: "a post from another site (403)", path: evil.URL, before: func(t *testing.T, ctx context.Context) {
			waitFor(t, ctx, `.alert`)
		}},
	)
	// axe-core, as run here, finds what it should: a field without a
	// label and a picture without a text.
	do(t, ctx, chromedp.Navigate(emptyBase+"/?lang=lv"))
	eval[bool](t, ctx, `(function () { var m = document.querySelector('main'); m.insertAdjacentHTML('beforeend', '<input id="bad-field"><img id="bad-img" src="/static/none.png">'); return true })()`)
	if r := axeReport(t, ctx, axe); !strings.Contains(r, "label (critical): Form elements must have labels\n    #bad-field") || !strings.Contains(r, "image-alt (critical)") {
		t.Fatalf("axe-core does not find a field without a label and a picture without a text; it finds:\n%s", r)
	}

	for _, w := range []int64{1280, 390, 320} {
		for _, p := range pages {
			do(t, ctx, chromedp.EmulateViewport(w, 800), chromedp.Navigate(p.path))
			if p.before != nil {
				p.before(t, ctx)
			}
			name := fmt.Sprintf("%s at %d px", p.name, w)
			if w == 320 {
				checkWidth(t, ctx, name)
				continue
			}
			checkAxe(t, ctx, axe, name)
			checkBorders(t, ctx, name)
		}
	}
}

// firstYAML returns the name of the first answers file in dir.
func firstYAML(t *testing.T, dir string) string {
	t.Helper()
	for _, e := range answersFiles(t, dir) {
		if strings.HasSuffix(e.Name(), ".yaml") {
			return e.Name()
		}
	}
	t.Fatalf("no answers file in %s", dir)
	return ""
}

// TestFocusNotHidden moves the focus over the editing page as a keyboard
// user does, and follows the stepper's links: what gets the focus or is
// jumped to is never under the sticky bar at the top (nor, without script,
// under the Save bar at the bottom), at a laptop's and a phone's width.
func TestFocusNotHidden(t *testing.T) {
	dir := t.TempDir()
	copyExample(t, dir, example)
	_, base := startServer(t, dir)
	// hidden tells where the element is under the bar at the top (any
	// part of it), under the Save bar at the bottom (all of it: a tall
	// field may go on below, as the browser leaves it when it is partly in
	// view), or out of the window; "" when it is in view.
	const hidden = `(function (e) {
		var bar = document.querySelector('.bar.sticky'), save = document.querySelector('.save-bar'), r = e.getBoundingClientRect(), name = e.id || e.name || e.tagName;
		var top = getComputedStyle(bar).position === 'sticky' ? bar.getBoundingClientRect().bottom : 0;
		var bottom = getComputedStyle(save).display !== 'none' ? save.getBoundingClientRect().top : innerHeight;
		if (r.bottom > 0 && r.top < top - 0.5) return name + ': top ' + Math.round(r.top) + ', the bar at the top ends at ' + Math.round(top);
		if (r.top < innerHeight && r.top > bottom - 0.5) return name + ': top ' + Math.round(r.top) + ', the Save bar starts at ' + Math.round(bottom);
		if (r.top >= innerHeight || r.bottom <= 0) return name + ': out of the window, top ' + Math.round(r.top);
		return '';
	})`
	for _, script := range []bool{true, false} {
		ctx := newBrowser(t)
		watchDialogs(t, ctx)
		how := "with script"
		if !script {
			how = "without script"
			do(t, ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
				_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
				return err
			}))
		}
		for _, w := range []int64{1280, 390, 320} {
			do(t, ctx, chromedp.EmulateViewport(w, 700), chromedp.Navigate(base+"/r/"+example))
			// Down the page with Tab, from the top; then the last field,
			// focused from the top.
			do(t, ctx, chromedp.Focus(chromedp.CSS("#f-org-name")))
			for i := range 40 {
				do(t, ctx, chromedp.KeyEvent("\t"))
				if got := eval[string](t, ctx, hidden+`(document.activeElement)`); got != "" {
					t.Errorf("%s at %d px, after %d × Tab the focus is hidden: %s", how, w, i+1, got)
					break
				}
			}
			if got := eval[string](t, ctx, hidden+`((function () {
				scrollTo(0, 0);
				var all = document.querySelectorAll('#roadmap input:not([type=hidden]), #roadmap textarea, #roadmap select'), e = all[all.length - 1];
				e.focus();
				return e;
			})())`); got != "" {
				t.Errorf("%s at %d px the last field, focused, is hidden: %s", how, w, got)
			}
			// Back up the page with Shift+Tab: each field scrolls in at the top.
			for i := range 40 {
				do(t, ctx, chromedp.KeyEvent("\t", chromedp.KeyModifiers(chromedp.ModifierShift)))
				if got := eval[string](t, ctx, hidden+`(document.activeElement)`); got != "" {
					t.Errorf("%s at %d px, after %d × Shift+Tab the focus is hidden: %s", how, w, i+1, got)
					break
				}
			}
			// The stepper's links.
			for _, n := range []string{"2", "3", "1"} {
				do(t, ctx, chromedp.Click(chromedp.CSS(`.stepper a[href="#step-`+n+`"]`)))
				time.Sleep(100 * time.Millisecond)
				if got := eval[string](t, ctx, hidden+`(document.getElementById('step-`+n+`-h'))`); got != "" {
					t.Errorf("%s at %d px the link to step %s leaves its heading hidden: %s", how, w, n, got)
				}
			}
		}
	}
}

// problemsJS describes the refused field sel as a screen reader finds it:
// aria-invalid, the texts its aria-describedby points to, and the summary
// at the top (shown or not, its heading, the links' targets and texts).
const problemsJS = `(function (sel) {
	var f = document.querySelector(sel), box = document.getElementById('problems');
	return {
		invalid: f.getAttribute('aria-invalid') || '',
		described: (f.getAttribute('aria-describedby') || '').split(' ').filter(Boolean).map(function (id) {
			var e = document.getElementById(id);
			return e ? e.textContent : 'no element #' + id;
		}),
		shown: !box.hidden,
		heading: box.querySelector('h2').textContent,
		links: [].map.call(box.querySelectorAll('li'), function (li) {
			var a = li.querySelector('a');
			return {href: a ? a.getAttribute('href') : '', name: a ? a.textContent : '', text: li.textContent};
		}),
		focused: document.activeElement.id
	};
})`

type problemLink struct{ Href, Name, Text string }

type problemsView struct {
	Invalid   string
	Described []string
	Shown     bool
	Heading   string
	Links     []problemLink
	Focused   string
}

// TestBrowserProblemSummary types a too-long activity into the action plan
// of a Lithuanian roadmap: its message is beside the field and tied to it
// (aria-invalid, aria-describedby), and the summary at the top of the page
// links to it by the names the page shows; a save asked for with Enter
// takes the focus to the summary, its link takes it to the field. Without
// script, the page the Save button brings back does the same. Corrected,
// the field and the summary are clear again.
func TestBrowserProblemSummary(t *testing.T) {
	axe := axeScript(t)
	dir := t.TempDir()
	_, base := startServer(t, dir)
	lt := contenttest.Language(t, "lt")
	res, err := (&http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}).
		PostForm(base+"/new", url.Values{"form": {"municipality"}, "lang": {"lt"}, "org": {"Trakų rajono savivaldybė"}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	page := base + res.Header.Get("Location")
	long := strings.Repeat("Susitikimas su bendruomene ", 12)[:301]
	wantName := lt.Label("sheet.action.col.activity")

	check := func(t *testing.T, ctx context.Context, how string) {
		t.Helper()
		v := eval[problemsView](t, ctx, problemsJS+`('#ap-0-activity')`)
		msg := eval[string](t, ctx, `(document.querySelector('.err[data-err="ap.0.activity"]') || {}).textContent || ''`)
		if msg == "" || !strings.Contains(msg, "301") || !strings.Contains(msg, "300") {
			t.Fatalf("%s: beside the activity: %q, want its problem (301 characters, at most 300)", how, msg)
		}
		if v.Invalid != "true" {
			t.Errorf("%s: the activity has aria-invalid=%q", how, v.Invalid)
		}
		if !slices.Contains(v.Described, msg) {
			t.Errorf("%s: the activity's aria-describedby gives %q, not its message %q", how, v.Described, msg)
		}
		plan := eval[string](t, ctx, `document.getElementById('plan-ap-h').textContent`)
		want := problemLink{"#ap-0-activity", plan + " · " + lt.Format("serve.row", "n", "1") + " · " + wantName, ""}
		want.Text = want.Name + ": " + msg
		if !v.Shown || v.Heading != lt.Label("serve.refused") || len(v.Links) != 1 || v.Links[0] != want {
			t.Errorf("%s: the summary (shown %v) is %q %+v, want %q %+v", how, v.Shown, v.Heading, v.Links, lt.Label("serve.refused"), want)
		}
	}

	t.Run("script", func(t *testing.T) {
		ctx := newBrowser(t)
		watchDialogs(t, ctx)
		do(t, ctx, chromedp.EmulateViewport(390, 800), chromedp.Navigate(page))
		eval[bool](t, ctx, `(document.getElementById('ap-0-activity').value = '', true)`)
		do(t, ctx, insertText("#ap-0-activity", long))
		waitState(t, ctx, "error")
		check(t, ctx, "after the autosave")
		if f := eval[string](t, ctx, `document.activeElement.id`); f != "ap-0-activity" {
			t.Errorf("the autosave took the focus from the field to #%s", f)
		}
		checkAxe(t, ctx, axe, "a refused field")
		do(t, ctx, chromedp.EmulateViewport(320, 800))
		checkWidth(t, ctx, "a refused field at 320 px")
		do(t, ctx, chromedp.EmulateViewport(390, 800))
		// Enter in a field asks for a save: refused, it takes the focus to
		// the summary.
		do(t, ctx, chromedp.Focus(chromedp.CSS("#ap-0-responsible")), chromedp.KeyEvent("\r"))
		deadline := time.Now().Add(10 * time.Second)
		for eval[string](t, ctx, `document.activeElement.id`) != "problems" && time.Now().Before(deadline) {
			time.Sleep(50 * time.Millisecond)
		}
		check(t, ctx, "after Enter")
		screenshots(t, ctx, "summary-lt", "#problems")
		if f := eval[string](t, ctx, `document.activeElement.id`); f != "problems" {
			t.Errorf("after a save asked for and refused the focus is on #%s, want the summary", f)
		}
		// Its link takes the focus to the field, in view below the bar.
		do(t, ctx, chromedp.Click(chromedp.CSS(`#problems a`)))
		if f := eval[string](t, ctx, `document.activeElement.id`); f != "ap-0-activity" {
			t.Errorf("the summary's link took the focus to #%s", f)
		}
		if top := eval[float64](t, ctx, `document.getElementById('ap-0-activity').getBoundingClientRect().top - document.querySelector('.bar.sticky').getBoundingClientRect().bottom`); top < 0 {
			t.Errorf("the field the summary's link went to is %.0f px under the bar", -top)
		}
		// Corrected: saved, and nothing refused is shown or described.
		eval[bool](t, ctx, `(function () { var e = document.getElementById('ap-0-activity'); e.value = 'Susitikimas'; e.dispatchEvent(new Event('input', {bubbles: true})); return true })()`)
		waitState(t, ctx, "saved")
		v := eval[problemsView](t, ctx, problemsJS+`('#ap-0-activity')`)
		if v.Invalid != "" || len(v.Described) != 0 || v.Shown {
			t.Errorf("after the correction: %+v", v)
		}

		// A status the server refuses (a page of another version, say):
		// its group of choices is tied to the message, and linked to.
		eval[bool](t, ctx, `(function () { var e = document.querySelector('input[name="cp.target-group.status"]:not(:checked)'); e.value = 'finished'; e.click(); return true })()`)
		waitState(t, ctx, "error")
		v = eval[problemsView](t, ctx, problemsJS+`('#g-cp-target-group-status')`)
		msg := eval[string](t, ctx, `document.querySelector('.err[data-err="cp.target-group.status"]').textContent`)
		num := eval[string](t, ctx, `document.querySelector('#cp-target-group .num').textContent`)
		want := problemLink{"#g-cp-target-group-status", num + " " + lt.Label("serve.status"), num + " " + lt.Label("serve.status") + ": " + msg}
		if v.Invalid != "true" || !slices.Contains(v.Described, msg) || !v.Shown || len(v.Links) != 1 || v.Links[0] != want {
			t.Errorf("a refused status: %+v, want the group tied to %q and the link %+v", v, msg, want)
		}
		checkAxe(t, ctx, axe, "a refused status")
		do(t, ctx, chromedp.Click(chromedp.CSS(`#problems a`)))
		if f := eval[string](t, ctx, `document.activeElement.name`); f != "cp.target-group.status" {
			t.Errorf("the summary's link to the status took the focus to %q", f)
		}
	})

	t.Run("no script", func(t *testing.T) {
		ctx := newBrowser(t)
		do(t, ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
			return err
		}), chromedp.EmulateViewport(1280, 800), chromedp.Navigate(page))
		do(t, ctx, chromedp.SetValue(chromedp.CSS("#ap-0-activity"), long))
		if _, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`.save-bar button`))); err != nil {
			t.Fatal(err)
		}
		check(t, ctx, "after Save")
		if f := eval[string](t, ctx, `document.activeElement.id`); f != "problems" {
			t.Errorf("the page after a refused save has the focus on #%s, want the summary", f)
		}
		// axe-core needs script: allowed now, it runs on the page as it
		// came without (the page's own script ran at loading only).
		do(t, ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: false})
			return err
		}))
		if js := eval[bool](t, ctx, `document.documentElement.classList.contains('js')`); js {
			t.Fatal("the page's script ran although scripts were off")
		}
		checkAxe(t, ctx, axe, "a refused field, no script")
	})
}

// TestProblemSummaryPage saves without script two refused fields: the page
// that comes back lists them at its top in the page's order, each a link
// to its field by its label, and gives the summary the focus.
func TestProblemSummaryPage(t *testing.T) {
	dir := t.TempDir()
	copyExample(t, dir, example)
	h := newServer(t, dir)
	v := fields(t, h, example)
	v.Set("cp.pilot.answer", "ok\x01")
	v.Set("date", "2027-02-30")
	res, body := post(t, h, "/r/"+example, v)
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("save = %d", res.StatusCode)
	}
	m := regexp.MustCompile(`(?s)<section id="problems"[^>]*>.*?</section>`).FindString(body)
	for _, want := range []string{
		`<section id="problems" class="alert" tabindex="-1" aria-labelledby="problems-h" autofocus>`,
		`<h2 id="problems-h">` + lvRefused + `</h2>`,
		`<ul><li><a href="#f-date">Datums</a>: neiespējams datums „2027-02-30“`,
		`</li><li><a href="#f-pilot-answer">1.5 Jūsu atbilde</a>: `,
	} {
		if !strings.Contains(m, want) {
			t.Errorf("the summary lacks %s:\n%s", want, m)
		}
	}
	for _, want := range []string{
		`<input id="f-date" type="date" name="date" value="2027-02-30" aria-invalid="true" aria-describedby="err-date">`,
		`<span class="err" id="err-date" data-err="date">neiespējams datums`,
		`aria-describedby="cp-pilot-hint err-cp-pilot-answer" aria-invalid="true">ok`,
		`<span class="err" id="err-cp-pilot-answer" data-err="cp.pilot.answer">`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the page lacks %s", want)
		}
	}
	// A page with nothing refused has the summary hidden.
	if _, body := call(t, h, "GET", "/r/"+example, nil); !strings.Contains(body, `<section id="problems" class="alert" tabindex="-1" aria-labelledby="problems-h" hidden>`) {
		t.Error("the page with nothing refused shows a summary")
	}
}

// TestRefusalLanguage: a refusal is in the language of the page the request
// came from or is about, not the browser's (here English): the roadmap's
// for its address, the ?lang= the home page's forms carry, the language of
// a /blank/L/ address. A link that may not see a roadmap learns nothing of
// it, its language included.
func TestRefusalLanguage(t *testing.T) {
	dir, cookies := linkFolder(t)
	data, _ := os.ReadFile(filepath.Join(dir, roadmapA))
	lt := "trakai-lt.yaml"
	writeFile(t, filepath.Join(dir, lt), []byte(strings.Replace(string(data), "\nlanguage: lv", "\nlanguage: lt", 1)))
	h := newServer(t, dir, func(o *serve.Options) { o.Access = access.Open(dir); o.Now = func() time.Time { return clock } })
	big := strings.NewReader(strings.Repeat("x", serve.MaxBody+1))
	coordinator := []string{"Cookie", cookies["coordinator"], "Accept-Language", "en-GB,en;q=0.9"}
	for _, c := range []struct {
		name, method, target string
		hdr                  []string
		status               int
		lang, key            string
	}{
		{"a save too large", "POST", "/r/" + lt, coordinator, 413, "lt", "serve.error.toolarge"},
		{"a page of a roadmap that is not there", "GET", "/r/" + lt + "/nothing", coordinator, 404, "lt", "serve.error.notfound"},
		{"an upload too large, from the Greek home page", "POST", "/upload?lang=el", coordinator, 413, "el", "serve.error.toolarge"},
		{"a new roadmap of no form, from the Swedish home page", "POST", "/new?lang=sv", coordinator, 400, "sv", "serve.error.form"},
		{"a blank document that is not there", "GET", "/blank/pt/nothing.pdf", coordinator, 404, "pt", "serve.error.notfound"},
		{"a roadmap that is not there", "GET", "/r/no-such.yaml", coordinator, 404, "en", "serve.error.notfound"},
		{"a roadmap the link may not see", "GET", "/r/" + lt, []string{"Cookie", cookies["A"], "Accept-Language", "en"}, 404, "en", "serve.error.notfound"},
		{"a save by a read-only link", "POST", "/r/" + roadmapA, []string{"Cookie", cookies["A read-only"], "Accept-Language", "en"}, 403, "lv", "serve.readonlylink"},
	} {
		var body io.Reader
		if c.method == "POST" {
			body = strings.NewReader("form=none")
			if c.status == 413 {
				big.Seek(0, io.SeekStart)
				body = big
			}
		}
		res, page := call(t, h, c.method, c.target, body, c.hdr...)
		want := html.EscapeString(contenttest.Language(t, c.lang).Label(c.key))
		if res.StatusCode != c.status || !strings.Contains(page, `<html lang="`+c.lang+`">`) || !strings.Contains(page, want) {
			t.Errorf("%s: %d, want %d with %q in %s:\n%s", c.name, res.StatusCode, c.status, want, c.lang, page)
		}
	}
	// The home page's forms say the page's language.
	if _, page := call(t, h, "GET", "/?lang=el", nil, coordinator...); !strings.Contains(page, `action="/new?lang=el"`) || !strings.Contains(page, `action="/upload?lang=el"`) {
		t.Error("the Greek home page's forms do not carry its language")
	}
	// The page's script gets the message in the roadmap's language too.
	big.Seek(0, io.SeekStart)
	res, body := call(t, h, "POST", "/r/"+lt, big, append(coordinator, "Accept", "application/json")...)
	if want := contenttest.Language(t, "lt").Label("serve.error.toolarge"); res.StatusCode != 413 || !strings.Contains(body, want) {
		t.Errorf("a save too large from the script: %d %s, want %q", res.StatusCode, body, want)
	}
}

// waitFor waits until the page in ctx has an element sel.
func waitFor(t *testing.T, ctx context.Context, sel string) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if eval[bool](t, ctx, `!!document.querySelector('`+sel+`')`) {
			return
		}
	}
	t.Fatalf("no %s on the page %s", sel, eval[string](t, ctx, `location.href`))
}

// TestLanguageOfParts: on the home page, what is in another language than
// the page's says so (WCAG 3.1.2): a roadmap's name and language, and the
// names of the languages to choose from.
func TestLanguageOfParts(t *testing.T) {
	dir := t.TempDir()
	data := copyExample(t, dir, example)
	writeFile(t, filepath.Join(dir, "trakai.yaml"), []byte(strings.Replace(string(data), "\nlanguage: lv", "\nlanguage: lt", 1)))
	_, page := call(t, newServer(t, dir), "GET", "/?lang=en", nil)
	for _, want := range []string{
		`<a href="/r/trakai.yaml" lang="lt">`,
		`<td data-label="Language" lang="lt">Lietuvių</td>`,
		`<option value="el" lang="el">Ελληνικά</option>`,
		`<a href="/?lang=el" lang="el">Ελληνικά</a>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the home page lacks %s", want)
		}
	}
}
