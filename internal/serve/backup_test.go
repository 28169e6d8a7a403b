package serve_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/partnership-roadmap/roadmap/internal/answers"
	"github.com/partnership-roadmap/roadmap/internal/backup"
	"github.com/partnership-roadmap/roadmap/internal/contenttest"
)

// TestBackupDuringSaves takes backups of a folder while a running server
// saves its roadmaps as fast as it can, restores each into a new folder,
// and checks that every answers file and every kept version validates,
// and that each snapshot falls between two saves: the number of saves the
// audit log records for a roadmap is the counter its file holds.
func TestBackupDuringSaves(t *testing.T) {
	dir := t.TempDir()
	const n = 4
	src, _ := os.ReadFile("../../examples/" + roadmapA)
	var names []string
	for i := range n {
		name := fmt.Sprintf("org-%d.yaml", i)
		names = append(names, name)
		os.WriteFile(filepath.Join(dir, name), src, 0o644)
	}
	h, base := startServer(t, dir)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for _, name := range names {
		v := fields(t, h, name)
		wg.Go(func() {
			for k := 1; ; k++ {
				select {
				case <-stop:
					return
				default:
				}
				v.Set("org.contact", fmt.Sprintf("saves=%d", k))
				req, _ := http.NewRequest("POST", base+"/r/"+name, strings.NewReader(v.Encode()))
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
				req.Header.Set("Accept", "application/json")
				res, err := http.DefaultClient.Do(req)
				if err != nil {
					errs <- err
					return
				}
				body, _ := io.ReadAll(res.Body)
				res.Body.Close()
				var rep struct{ State, Rev string }
				if json.Unmarshal(body, &rep); res.StatusCode != 200 || rep.State != "saved" {
					errs <- fmt.Errorf("save %d of %s = %d %s", k, name, res.StatusCode, body)
					return
				}
				v.Set("rev", rep.Rev)
			}
		})
	}
	var zips []string
	for i := range 3 {
		time.Sleep(300 * time.Millisecond)
		zp := filepath.Join(t.TempDir(), fmt.Sprintf("b%d.zip", i))
		f, err := os.Create(zp)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := backup.Create(dir, f, time.Now()); err != nil {
			t.Fatal(err)
		}
		f.Close()
		zips = append(zips, zp)
	}
	close(stop)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}

	b := contenttest.Bundle(t)
	for _, zp := range zips {
		to := filepath.Join(t.TempDir(), "restored")
		sum, err := backup.Restore(zp, to, func(name string, data []byte) error {
			_, err := answers.Parse(name, data, b)
			return err
		})
		if err != nil {
			t.Fatalf("restoring %s: %v", zp, err)
		}
		if sum.Answers != n {
			t.Errorf("%s holds %d answers files, want %d", zp, sum.Answers, n)
		}
		saves := map[string]int{}
		audit, err := os.ReadFile(filepath.Join(to, ".roadmap", "audit.jsonl"))
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(strings.TrimSuffix(string(audit), "\n"), "\n") {
			var l struct{ Roadmap, Action string }
			if err := json.Unmarshal([]byte(line), &l); err != nil {
				t.Fatalf("%s: an audit line is not whole: %q", zp, line)
			}
			if l.Action == "save" {
				saves[l.Roadmap]++
			}
		}
		total := 0
		for _, name := range names {
			f, err := answers.Parse(name, []byte(read(t, filepath.Join(to, name))), b)
			if err != nil {
				t.Fatal(err)
			}
			want := fmt.Sprintf("saves=%d", saves[name])
			if saves[name] == 0 {
				want = parseFile(t, filepath.Join("..", "..", "examples", roadmapA)).Organisation.Contact
			}
			if f.Organisation.Contact != want {
				t.Errorf("%s: %s holds %q, but the audit log counts %d saves: the snapshot is not between two saves", zp, name, f.Organisation.Contact, saves[name])
			}
			total += saves[name]
			vs, _ := filepath.Glob(filepath.Join(to, ".roadmap", "history", name, "*.json"))
			for _, p := range vs {
				var v struct{ Data string }
				data, _ := os.ReadFile(p)
				if err := json.Unmarshal(data, &v); err != nil {
					t.Fatalf("%s: %v", p, err)
				}
				if _, err := answers.Parse(name, []byte(v.Data), b); err != nil {
					t.Errorf("%s: a kept version does not validate: %v", p, err)
				}
			}
		}
		t.Logf("%s: %d saves recorded", filepath.Base(zp), total)
		if total == 0 {
			t.Errorf("%s was taken before any save: the test proves nothing", zp)
		}
	}
}
