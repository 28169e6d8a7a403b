package access

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestLinks(t *testing.T) {
	dir := t.TempDir()
	now := time.Date(2027, 3, 1, 12, 0, 0, 0, time.UTC)
	a, b := Open(dir), Open(dir) // the server's and the command's
	l, tok, err := a.Add(Link{Roadmap: "x.yaml", Expires: now.Add(time.Hour)}, now)
	if err != nil {
		t.Fatal(err)
	}
	if len(l.ID) != 8 || len(tok) != 32 || l.Hash == "" || strings.Contains(l.Hash, tok) {
		t.Errorf("link %+v, secret %q", l, tok)
	}
	fi, err := os.Stat(filepath.Join(dir, Folder, "access.json"))
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("the access list: %v %v, want mode 0600", fi.Mode(), err)
	}
	for _, c := range []struct {
		token string
		at    time.Time
		found bool
		state State
	}{
		{tok, now, true, Active},
		{tok, now.Add(time.Hour), true, Expired},
		{tok[:31], now, false, Active},
		{"", now, false, Active},
	} {
		got, st, ok, err := b.Find(c.token, c.at)
		if err != nil || ok != c.found || (ok && (st != c.state || got.ID != l.ID)) {
			t.Errorf("Find(%q, %v) = %v %v %v", c.token, c.at, st, ok, err)
		}
	}
	// A revocation by the other Store is seen at the next Find.
	if _, err := b.Revoke(l.ID, now); err != nil {
		t.Fatal(err)
	}
	if _, st, ok, _ := a.Find(tok, now); !ok || st != Revoked {
		t.Errorf("after the revocation: %v %v", st, ok)
	}
	if _, err := b.Revoke("nope", now); !errors.Is(err, ErrNoLink) {
		t.Errorf("revoking an unknown ID: %v", err)
	}
	st, _ := LoadSettings(dir)
	if st.PublicURL != "" {
		t.Error("settings before any were saved")
	}
	if err := SaveSettings(dir, Settings{PublicURL: "https://r.example.lv"}); err != nil {
		t.Fatal(err)
	}
	if st, _ := LoadSettings(dir); st.PublicURL != "https://r.example.lv" {
		t.Errorf("settings read back: %+v", st)
	}
}

// TestAddAtOnce adds links from many Stores at once, as several
// "roadmap access" runs would: none is lost.
func TestAddAtOnce(t *testing.T) {
	dir := t.TempDir()
	now := time.Now()
	errs := make(chan error, 20)
	for range 20 {
		go func() {
			_, _, err := Open(dir).Add(Link{Coordinator: true}, now)
			errs <- err
		}()
	}
	for range 20 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	if links, _ := Open(dir).Links(); len(links) != 20 {
		t.Errorf("%d links after 20 adds", len(links))
	}
}
