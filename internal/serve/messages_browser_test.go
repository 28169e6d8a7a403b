package serve_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserLithuanianMessage: on a Lithuanian roadmap's page, an activity
// typed too long is refused beside its field in Lithuanian, naming the
// column as the page shows it; the field is marked invalid and the message
// is its description for a screen reader (aria-describedby).
func TestBrowserLithuanianMessage(t *testing.T) {
	ctx := newBrowser(t)
	dir := t.TempDir()
	data := strings.Replace(string(copyExample(t, dir, "brinumins-community-en.yaml")), "\nlanguage: en\n", "\nlanguage: lt\n", 1)
	if !strings.Contains(data, "\nlanguage: lt\n") {
		t.Fatal("the example has no language: en line")
	}
	path := filepath.Join(dir, "lt.yaml")
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(dir, "brinumins-community-en.yaml"))
	_, base := startServer(t, dir)
	do(t, ctx, chromedp.Navigate(base+"/r/lt.yaml"))
	if lang := eval[string](t, ctx, `document.documentElement.lang`); lang != "lt" {
		t.Fatalf("the page is in %q, want lt", lang)
	}

	long := strings.TrimSpace(strings.Repeat("Susitikimas su jaunimo taryba ir savivaldybės atstovais ", 7))
	eval[bool](t, ctx, `(function(){var e=document.getElementById('ap-0-activity'); e.focus(); e.value=''; e.dispatchEvent(new Event('input',{bubbles:true})); return true})()`)
	do(t, ctx, insertText("#ap-0-activity", long))
	const refused = "Išsaugota viskas, išskyrus raudonai pažymėtus atsakymus: pataisykite juos, ir jie taip pat bus išsaugoti."
	if got := waitState(t, ctx, "error"); got != refused {
		t.Errorf("the save status says %q, want %q", got, refused)
	}
	const want = "„Veikla / veiksmas“ (activity) per ilgas: 391 simbolis; leidžiama: ne daugiau kaip 300 simbolių"
	got := eval[string](t, ctx, `(function(){var f=document.getElementById('ap-0-activity'), e=f.nextElementSibling;
		if (!e || !e.classList.contains('err') || e.dataset.err!=='ap.0.activity') return '(no message after the field)';
		var linked = (f.getAttribute('aria-describedby')||'').split(' ').indexOf(e.id) >= 0 && e.id !== '';
		return e.textContent + ' | ' + f.getAttribute('aria-invalid') + ' | ' + (linked ? 'described by it' : 'not described by it')})()`)
	if got != want+" | true | described by it" {
		t.Errorf("beside the activity field: %q, want %q, aria-invalid=true and the field described by it", got, want)
	}
	if strings.Contains(got, "too long") || strings.Contains(got, "characters") {
		t.Errorf("English on a Lithuanian page: %q", got)
	}
}
