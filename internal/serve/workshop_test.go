package serve_test

import (
	"strings"
	"testing"
	"time"

	"github.com/partnership-roadmap/roadmap/internal/answers"
	"github.com/partnership-roadmap/roadmap/internal/serve"
)

// TestWorkshop checks the workshop block on the editing page: its values
// are shown in the organisation section, a save of another field keeps
// them, what is typed in them is saved, and a next review that is not a
// date is refused beside its field.
func TestWorkshop(t *testing.T) {
	dir := t.TempDir()
	path := exampleWith(t, dir, `workshop:
  facilitator: Ilze Kalēja
  next_review: 2027-05-01
  participants: |
    Jānis Kalniņš, Līga Ozola
    Γιώργος Παπαδόπουλος
`)
	h := newServer(t, dir)
	js := []string{"Accept", "application/json"}
	saved := func() *answers.File { return parseFile(t, path) }
	want := answers.Workshop{Facilitator: "Ilze Kalēja", NextReview: answers.Date{Year: 2027, Month: time.May, Day: 1},
		Participants: "Jānis Kalniņš, Līga Ozola\nΓιώργος Παπαδόπουλος"}

	_, body := call(t, h, "GET", "/r/"+example, nil)
	for _, s := range []string{
		`<label for="f-ws-facilitator">Vadītājs (moderators)</label><input id="f-ws-facilitator" name="ws.facilitator" value="Ilze Kalēja">`,
		`<label for="f-ws-next_review">Nākamā pārskatīšana</label><input id="f-ws-next_review" type="date" name="ws.next_review" value="2027-05-01">`,
		`<label for="f-ws-participants">Dalībnieki</label><textarea id="f-ws-participants" name="ws.participants" rows="3">Jānis Kalniņš, Līga Ozola` + "\n" + `Γιώργος Παπαδόπουλος</textarea>`,
	} {
		if !strings.Contains(body, s) {
			t.Errorf("the editing page lacks %s", s)
		}
	}

	// What is typed reaches the page escaped.
	v := fields(t, h, example)
	v.Set("ws.participants", "</textarea><script>alert(1)</script>")
	if res, body := post(t, h, "/r/"+example, v, js...); res.StatusCode != 200 {
		t.Fatalf("save = %d %s", res.StatusCode, body)
	}
	if _, body := call(t, h, "GET", "/r/"+example, nil); strings.Contains(body, "<script>alert") || !strings.Contains(body, "&lt;/textarea&gt;&lt;script&gt;") {
		t.Error("the participants reached the page unescaped")
	}
	v.Set("ws.participants", want.Participants)
	v.Set("rev", fields(t, h, example).Get("rev"))
	if res, body := post(t, h, "/r/"+example, v, js...); res.StatusCode != 200 {
		t.Fatalf("save = %d %s", res.StatusCode, body)
	}

	// A save of an answer keeps the workshop as it was.
	v = fields(t, h, example)
	v.Set("cp.pilot.answer", "Jauns teksts.")
	if res, body := post(t, h, "/r/"+example, v, js...); res.StatusCode != 200 {
		t.Fatalf("save = %d %s", res.StatusCode, body)
	}
	if got := saved().Workshop; got != want {
		t.Errorf("after a save of an answer the workshop is %+v, want %+v", got, want)
	}
	// A save without the workshop's fields (a page from before they were
	// on it) keeps it too.
	v = fields(t, h, example)
	for k := range v {
		if strings.HasPrefix(k, "ws.") {
			delete(v, k)
		}
	}
	v.Set("cp.pilot.answer", "Vēl jaunāks teksts.")
	if res, body := post(t, h, "/r/"+example, v, js...); res.StatusCode != 200 {
		t.Fatalf("save = %d %s", res.StatusCode, body)
	}
	if got := saved().Workshop; got != want {
		t.Errorf("after a save without the workshop fields the workshop is %+v, want %+v", got, want)
	}

	// What is typed in the workshop's fields is saved.
	v = fields(t, h, example)
	v.Set("ws.facilitator", "Aušra Žemaitė")
	v.Set("ws.next_review", "2027-09-15")
	v.Set("ws.participants", "Ελένη Χριστοδούλου\r\nJānis Kalniņš\r\n")
	if res, body := post(t, h, "/r/"+example, v, js...); res.StatusCode != 200 {
		t.Fatalf("save = %d %s", res.StatusCode, body)
	}
	want = answers.Workshop{Facilitator: "Aušra Žemaitė", NextReview: answers.Date{Year: 2027, Month: time.September, Day: 15},
		Participants: "Ελένη Χριστοδούλου\nJānis Kalniņš"}
	if got := saved().Workshop; got != want {
		t.Errorf("saved workshop %+v, want %+v", got, want)
	}

	// A next review that is not a date is refused beside its field, and the
	// page shows again what was typed.
	before := read(t, path)
	v = fields(t, h, example)
	v.Set("ws.next_review", "maijā")
	res, body := post(t, h, "/r/"+example, v, js...)
	p, _ := reply(t, body)["problems"].(map[string]any)
	if got, _ := p["ws.next_review"].(string); res.StatusCode != 422 || !strings.Contains(got, `„maijā“ nav datums`) {
		t.Errorf("bad next review = %d, problems %v", res.StatusCode, p)
	}
	res, body = post(t, h, "/r/"+example, v)
	if res.StatusCode != 422 || !strings.Contains(body, `name="ws.next_review" value="maijā"`) {
		t.Errorf("bad next review, plain save = %d; the page must show what was typed", res.StatusCode)
	}
	if read(t, path) != before {
		t.Error("an invalid save changed the file")
	}
}

// TestWorkshopQR shows the workshop's links as QR codes to the workshop
// key's holder, and to no one else.
func TestWorkshopQR(t *testing.T) {
	dir := t.TempDir()
	links := []string{"http://192.168.1.5:8080/?token=s3cret", "http://10.0.0.7:8080/?token=s3cret"}
	h := newServer(t, dir, func(o *serve.Options) {
		o.Token, o.AnyIPHost, o.WorkshopLinks = "s3cret", true, links
	})
	key := []string{"Host", "192.168.1.5:8080", "Cookie", "roadmap_token=s3cret", "Accept-Language", "en"}
	_, home := call(t, h, "GET", "/?lang=en", nil, key...)
	if !strings.Contains(home, `<a href="/workshop?lang=en">Link for phones (QR code)</a>`) {
		t.Error("the list does not lead to the QR codes")
	}
	res, page := call(t, h, "GET", "/workshop?lang=en", nil, key...)
	if res.StatusCode != 200 || strings.Count(page, `<svg xmlns="http://www.w3.org/2000/svg"`) != 2 ||
		!strings.Contains(page, `<figcaption><code>http://10.0.0.7:8080/?token=s3cret</code></figcaption>`) {
		t.Errorf("the workshop page = %d\n%s", res.StatusCode, page)
	}
	if res, _ := call(t, h, "GET", "/workshop", nil, "Host", "192.168.1.5:8080"); res.StatusCode != 401 {
		t.Errorf("the workshop page without the key = %d", res.StatusCode)
	}
	// A server for this computer alone has no such page.
	if res, _ := call(t, newServer(t, dir), "GET", "/workshop", nil); res.StatusCode != 404 {
		t.Errorf("the workshop page of a local server = %d", res.StatusCode)
	}
}
