package serve

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/partnership-roadmap/roadmap/internal/answers"
	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/contenttest"
	"github.com/partnership-roadmap/roadmap/internal/pdf"
)

const benchExample = "brinumins-community-lv.yaml"

// benchServer is a Server over a folder holding one example roadmap.
func benchServer(tb testing.TB) (*Server, string) {
	tb.Helper()
	b := contenttest.Bundle(tb)
	dir := tb.TempDir()
	data, err := os.ReadFile(filepath.Join("..", "..", "examples", benchExample))
	if err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, benchExample), data, 0o644); err != nil {
		tb.Fatal(err)
	}
	s, err := New(Options{Dir: dir, Content: b, Theme: pdf.DefaultTheme(), Logf: tb.Logf})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s, dir
}

func get(tb testing.TB, h http.Handler, target string) *httptest.ResponseRecorder {
	r := httptest.NewRequest("GET", target, nil)
	r.Host = "127.0.0.1"
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	if w.Code != 200 {
		tb.Fatalf("GET %s = %d", target, w.Code)
	}
	return w
}

// BenchmarkEditPage serves the editing page of a filled-in roadmap.
func BenchmarkEditPage(b *testing.B) {
	s, _ := benchServer(b)
	get(b, s, "/r/"+benchExample) // the guidance HTML is made once per language
	for b.Loop() {
		get(b, s, "/r/"+benchExample)
	}
}

// BenchmarkFormPDF downloads the filled checklist, made anew each time (the
// cache of made documents is emptied), as the first download after a
// change is.
func BenchmarkFormPDF(b *testing.B) {
	s, _ := benchServer(b)
	for b.Loop() {
		s.cache.lru().clear()
		get(b, s, "/r/"+benchExample+"/form.pdf")
	}
}

// BenchmarkFormPDFUnchanged downloads the checklist of a roadmap that has
// not changed since the last download.
func BenchmarkFormPDFUnchanged(b *testing.B) {
	s, _ := benchServer(b)
	for b.Loop() {
		get(b, s, "/r/"+benchExample+"/form.pdf")
	}
}

// BenchmarkAutosave is one autosave of the page's script: the fields
// decoded, encoded, validated as "roadmap validate" does, and written
// atomically and synced, file and folder.
func BenchmarkAutosave(b *testing.B) {
	s, dir := benchServer(b)
	data, _ := os.ReadFile(filepath.Join(dir, benchExample))
	bd := s.opts.Content
	f, err := answers.Parse(benchExample, data, bd)
	if err != nil {
		b.Fatal(err)
	}
	lang, _ := bd.Language("lv")
	v := formValues(f, lang)
	rev := answers.Revision(data)
	i := 0
	for b.Loop() {
		i++
		v.Set("rev", rev)
		v.Set("cp.pilot.answer", "Atbilde nr. "+strconv.Itoa(i))
		r := httptest.NewRequest("POST", "/r/"+benchExample, strings.NewReader(v.Encode()))
		r.Host = "127.0.0.1"
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		r.Header.Set("Accept", "application/json")
		w := httptest.NewRecorder()
		s.ServeHTTP(w, r)
		var rep saveReply
		if err := json.Unmarshal(w.Body.Bytes(), &rep); err != nil || rep.State != "saved" {
			b.Fatalf("save: %d %s", w.Code, w.Body)
		}
		rev = rep.Rev
	}
}

// formValues are the fields the editing page posts for f.
func formValues(f *answers.File, lang *content.Language) url.Values {
	v := url.Values{}
	v.Set("date", f.Date.String())
	v.Set("org.name", f.Organisation.Name)
	v.Set("org.contact", f.Organisation.Contact)
	v.Set("org.partner", f.Organisation.Partner)
	for _, cp := range lang.Checkpoints(f.Form) {
		c := f.Checkpoint(cp.ID)
		v.Set("cp."+cp.ID+".status", string(c.Status))
		v.Set("cp."+cp.ID+".answer", c.Answer)
		for _, o := range c.Options {
			v.Add("cp."+cp.ID+".opt", o)
		}
	}
	for _, a := range f.ActionPlan {
		for k, val := range map[string]string{"activity": a.Activity, "responsible": a.Responsible, "goals": a.Goals, "deadline": a.Deadline.String(), "status": a.Status, "notes": a.Notes} {
			v.Add("ap."+k, val)
		}
	}
	for _, c := range f.CommunicationPlan {
		for k, val := range map[string]string{"topic": c.Topic, "audience": c.Audience, "channel": c.Channel, "frequency": c.Frequency, "format": c.Format, "responsible": c.Responsible, "notes": c.Notes} {
			v.Add("cm."+k, val)
		}
	}
	for _, e := range f.EvaluationPlan {
		for k, val := range map[string]string{"stage": e.Stage, "when": e.When.String(), "indicator": e.Indicator, "method": e.Method, "baseline": e.Baseline, "target": e.Target, "responsible": e.Responsible, "result": e.Result} {
			v.Add("ev."+k, val)
		}
	}
	return v
}

// TestLoad is a load test on loopback: PDF downloads at a steady rate over
// real connections, counted and timed. It runs only when asked:
//
//	SERVE_LOAD=1 go test ./internal/serve/ -run TestLoad -v
//
// SERVE_LOAD_RATE (per second, default 200) and SERVE_LOAD_SECONDS (default
// 30) change the load; SERVE_LOAD_CHANGE=1 changes the roadmap before every
// tenth download, so a tenth of them are made anew.
func TestLoad(t *testing.T) {
	if os.Getenv("SERVE_LOAD") == "" {
		t.Skip("set SERVE_LOAD=1 to run the load test")
	}
	rate, seconds := envInt("SERVE_LOAD_RATE", 200), envInt("SERVE_LOAD_SECONDS", 30)
	s, dir := benchServer(t)
	ts := httptest.NewServer(s)
	defer ts.Close()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}, Timeout: 10 * time.Second}
	url := ts.URL + "/r/" + benchExample + "/form.pdf"
	path := filepath.Join(dir, benchExample)
	orig, _ := os.ReadFile(path)

	n := rate * seconds
	lat := make([]time.Duration, n)
	errs := make([]error, n)
	ctx, cancel := context.WithTimeout(context.Background(), time.Duration(seconds+30)*time.Second)
	defer cancel()
	var wg sync.WaitGroup
	start := time.Now()
	interval := time.Second / time.Duration(rate)
	for i := range n {
		// Request i leaves at start + i×interval (at once when late), so
		// the rate holds on average even when the machine is busy.
		if d := time.Until(start.Add(time.Duration(i) * interval)); d > 0 {
			time.Sleep(d)
		}
		if ctx.Err() != nil {
			t.Fatalf("the load loop ran out of time after %d requests", i)
		}
		if os.Getenv("SERVE_LOAD_CHANGE") != "" && i%10 == 0 {
			os.WriteFile(path, append(append([]byte(nil), orig...), []byte("# "+strconv.Itoa(i)+"\n")...), 0o644)
		}
		wg.Go(func() {
			t0 := time.Now()
			res, err := client.Get(url)
			if err == nil {
				_, err = io.Copy(io.Discard, res.Body)
				res.Body.Close()
				if err == nil && res.StatusCode != 200 {
					err = fmt.Errorf("status %d", res.StatusCode)
				}
			}
			lat[i], errs[i] = time.Since(t0), err
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	failed := 0
	for _, err := range errs {
		if err != nil {
			failed++
			if failed <= 3 {
				t.Error(err)
			}
		}
	}
	slices.Sort(lat)
	p := func(q float64) time.Duration { return lat[min(len(lat)-1, int(q*float64(len(lat))))] }
	t.Logf("%d PDF downloads in %.1fs (%.0f/s): %d failed; latency p50 %v, p90 %v, p99 %v, max %v",
		n, elapsed.Seconds(), float64(n)/elapsed.Seconds(), failed, p(.5), p(.9), p(.99), lat[len(lat)-1])
	if failed > 0 {
		t.Errorf("%d of %d downloads failed", failed, n)
	}
	if p(.99) > 100*time.Millisecond {
		t.Errorf("p99 latency %v, over 100 ms", p(.99))
	}
}

func envInt(name string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil && n > 0 {
		return n
	}
	return def
}

// manyRoadmaps writes n roadmaps into dir, each its own organisation.
func manyRoadmaps(tb testing.TB, dir string, n int) []string {
	tb.Helper()
	src, err := os.ReadFile(filepath.Join("..", "..", "examples", benchExample))
	if err != nil {
		tb.Fatal(err)
	}
	var names []string
	for i := range n {
		name := fmt.Sprintf("org-%04d.yaml", i)
		data := strings.Replace(string(src), `name: Biedrība "Brīnumiņš"`, fmt.Sprintf(`name: "Biedrība %04d"`, i), 1)
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			tb.Fatal(err)
		}
		names = append(names, name)
	}
	return names
}

// BenchmarkHome2000 serves the list of a folder of 2,000 roadmaps, warm
// (every file read once): a page of 50, sorted by name.
func BenchmarkHome2000(b *testing.B) {
	s, dir := benchServer(b)
	manyRoadmaps(b, dir, 2000)
	get(b, s, "/?lang=lv")
	for b.Loop() {
		get(b, s, "/?lang=lv")
	}
}

// TestLoadAutosave is the load a municipality brings, on loopback: 40
// organisations with a page open each, autosaving once a second (the
// page's cadence while someone types) for 30 s, in a folder of 2,000
// roadmaps, with the coordinator's list loaded every second besides. It
// runs only when asked:
//
//	SERVE_LOAD=1 go test ./internal/serve/ -run TestLoadAutosave -v
//
// SERVE_LOAD_CLIENTS (default 40) and SERVE_LOAD_SECONDS (default 30)
// change it. It fails on any error, a save p99 over 100 ms, a warm list
// over 50 ms (p50), or a peak heap over 200 MB.
func TestLoadAutosave(t *testing.T) {
	if os.Getenv("SERVE_LOAD") == "" {
		t.Skip("set SERVE_LOAD=1 to run the load test")
	}
	clients, seconds := envInt("SERVE_LOAD_CLIENTS", 40), envInt("SERVE_LOAD_SECONDS", 30)
	s, dir := benchServer(t)
	names := manyRoadmaps(t, dir, 2000)
	ts := httptest.NewServer(s)
	defer ts.Close()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients + 4}, Timeout: 20 * time.Second}
	bd := s.opts.Content
	lang, _ := bd.Language("lv")

	var peak atomic.Uint64
	sample := func() {
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		for {
			p := peak.Load()
			if ms.HeapInuse+ms.StackInuse <= p || peak.CompareAndSwap(p, ms.HeapInuse+ms.StackInuse) {
				return
			}
		}
	}
	// The first list reads every file (a server does it once, at its first
	// visitor); it is timed apart, before the clients come.
	t0 := time.Now()
	if res, err := client.Get(ts.URL + "/?lang=lv"); err != nil || res.StatusCode != 200 {
		t.Fatalf("the first list: %v", err)
	} else {
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
	}
	cold := time.Since(t0)
	deadline := time.Now().Add(time.Duration(seconds) * time.Second)
	var mu sync.Mutex
	var saves, lists []time.Duration
	var failures []error
	fail := func(err error) {
		mu.Lock()
		failures = append(failures, err)
		mu.Unlock()
	}
	var wg sync.WaitGroup
	for c := range clients {
		name := names[c*len(names)/clients]
		wg.Go(func() {
			data, _ := os.ReadFile(filepath.Join(dir, name))
			f, err := answers.Parse(name, data, bd)
			if err != nil {
				fail(err)
				return
			}
			v := formValues(f, lang)
			rev := answers.Revision(data)
			// The clients start spread over the first second.
			next := time.Now().Add(time.Duration(c) * time.Second / time.Duration(clients))
			for i := 0; ; i++ {
				time.Sleep(time.Until(next))
				if time.Now().After(deadline) {
					return
				}
				next = next.Add(time.Second)
				v.Set("rev", rev)
				v.Set("cp.pilot.answer", "Atbilde nr. "+strconv.Itoa(i))
				req, _ := http.NewRequest("POST", ts.URL+"/r/"+name, strings.NewReader(v.Encode()))
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
				req.Header.Set("Accept", "application/json")
				t0 := time.Now()
				res, err := client.Do(req)
				if err != nil {
					fail(err)
					return
				}
				body, _ := io.ReadAll(res.Body)
				res.Body.Close()
				d := time.Since(t0)
				var rep saveReply
				if err := json.Unmarshal(body, &rep); err != nil || rep.State != "saved" {
					fail(fmt.Errorf("save of %s: %d %s", name, res.StatusCode, body))
					return
				}
				rev = rep.Rev
				mu.Lock()
				saves = append(saves, d)
				mu.Unlock()
			}
		})
	}
	wg.Go(func() {
		for time.Now().Before(deadline) {
			t0 := time.Now()
			res, err := client.Get(ts.URL + "/?lang=lv&sort=changed")
			if err != nil {
				fail(err)
				return
			}
			io.Copy(io.Discard, res.Body)
			res.Body.Close()
			mu.Lock()
			lists = append(lists, time.Since(t0))
			mu.Unlock()
			sample()
			time.Sleep(time.Second)
		}
	})
	wg.Wait()
	sample()
	for i, err := range failures {
		if i < 3 {
			t.Error(err)
		}
	}
	if len(saves) == 0 || len(lists) == 0 {
		t.Fatalf("%d saves, %d lists", len(saves), len(lists))
	}
	q := func(d []time.Duration, f float64) time.Duration {
		slices.Sort(d)
		return d[min(len(d)-1, int(f*float64(len(d))))]
	}
	warm := lists
	// The peak resident size of the whole test process (Linux).
	rss := "unknown"
	if st, err := os.ReadFile("/proc/self/status"); err == nil {
		for line := range strings.SplitSeq(string(st), "\n") {
			if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
				rss = strings.TrimSpace(v)
			}
		}
	}
	t.Logf("%d clients × %d s: %d saves, %d failed; save p50 %v, p99 %v, max %v; list of 2,000 cold %v, warm p50 %v, max %v; peak heap+stacks %.0f MB, peak resident %s",
		clients, seconds, len(saves), len(failures), q(saves, .5), q(saves, .99), q(saves, 1), cold, q(warm, .5), q(warm, 1), float64(peak.Load())/1e6, rss)
	if p := q(saves, .99); p > 100*time.Millisecond {
		t.Errorf("save p99 %v, over 100 ms", p)
	}
	if p := q(warm, .5); p > 50*time.Millisecond {
		t.Errorf("warm list p50 %v, over 50 ms", p)
	}
	if peak.Load() > 200e6 {
		t.Errorf("peak heap %d bytes, over 200 MB", peak.Load())
	}
}
