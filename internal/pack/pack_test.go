package pack

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"

	"github.com/partnership-roadmap/roadmap/internal/document"
)

func TestRunWritesInOrderAndIsolatesFailures(t *testing.T) {
	dir := t.TempDir()
	var done atomic.Int32
	jobs := []Job{
		{Name: "a", Build: func() ([]Doc, error) {
			return []Doc{{Path: filepath.Join(dir, "a", "1.pdf"), Result: document.Result{Data: []byte("one"), Pages: 1}}, {Path: filepath.Join(dir, "a", "2.xlsx"), Result: document.Result{Data: []byte("two"), Sheets: 2}}}, nil
		}},
		{Name: "b", Build: func() ([]Doc, error) { return nil, errors.New("b: broken") }},
		{Name: "c", Build: func() ([]Doc, error) { panic("boom") }},
		{Name: "d", Build: func() ([]Doc, error) {
			return []Doc{{Path: filepath.Join(dir, "d.pdf"), Result: document.Result{Data: []byte("d")}}, {Path: filepath.Join(dir, "d.xlsx")}}, nil
		}},
	}
	res := Run(context.Background(), jobs, Options{Workers: 3, Done: func(Result) { done.Add(1) }})
	if len(res) != 4 || done.Load() != 4 {
		t.Fatalf("%d results, %d done calls; want 4 and 4", len(res), done.Load())
	}
	if res[0].Err != nil || len(res[0].Files) != 2 || res[0].Files[1].Sheets != 2 || res[0].Files[0].Size != 3 {
		t.Errorf("job a: %+v", res[0])
	}
	if res[1].Err == nil || res[1].Err.Error() != "b: broken" {
		t.Errorf("job b: err %v", res[1].Err)
	}
	if res[2].Err == nil || res[2].Err.Error() != "c: internal error: boom" {
		t.Errorf("job c: err %v", res[2].Err)
	}
	if res[3].Err == nil {
		t.Errorf("job d: an empty document must fail the job")
	}
	if _, err := os.Stat(filepath.Join(dir, "d.pdf")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("job d wrote d.pdf although it failed as a whole (%v)", err)
	}
}

func TestRunStopsWhenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var built atomic.Int32
	jobs := make([]Job, 50)
	for i := range jobs {
		jobs[i] = Job{Name: "j", Build: func() ([]Doc, error) { built.Add(1); return nil, nil }}
	}
	res := Run(ctx, jobs, Options{Workers: 2})
	cancelled := 0
	for _, r := range res {
		if errors.Is(r.Err, context.Canceled) {
			cancelled++
		}
	}
	if cancelled+int(built.Load()) != 50 || cancelled < 45 {
		t.Errorf("%d cancelled, %d built; want most of 50 cancelled and none lost", cancelled, built.Load())
	}
}

func TestEach(t *testing.T) {
	seen := make([]atomic.Int32, 100)
	Each(len(seen), 3, func(i int) { seen[i].Add(1) })
	for i := range seen {
		if n := seen[i].Load(); n != 1 {
			t.Fatalf("fn(%d) called %d times, want once", i, n)
		}
	}
	Each(0, 0, func(int) { t.Fatal("called for n = 0") })
}
