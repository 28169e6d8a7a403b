package serve

import (
	"fmt"
	"testing"
)

// TestLRU checks the bounds of the caches: by count, and by bytes.
func TestLRU(t *testing.T) {
	c := newLRU[int](3, 0, nil)
	for i := range 5 {
		c.put(fmt.Sprint(i), i)
	}
	c.get("2") // used: kept over 3
	c.put("5", 5)
	for k, want := range map[string]bool{"0": false, "1": false, "2": true, "3": false, "4": true, "5": true} {
		if _, ok := c.get(k); ok != want {
			t.Errorf("by count: %s kept = %v, want %v", k, ok, want)
		}
	}
	b := newLRU(0, 100, func(s string) int { return len(s) })
	b.put("a", string(make([]byte, 60)))
	b.put("b", string(make([]byte, 30)))
	b.put("c", string(make([]byte, 30))) // 120 > 100: a goes
	b.put("huge", string(make([]byte, 101)))
	if _, ok := b.get("a"); ok {
		t.Error("by bytes: the oldest was kept past the bound")
	}
	if _, ok := b.get("huge"); ok {
		t.Error("a value larger than the cache was kept")
	}
	if _, ok := b.get("c"); !ok || b.bytes != 60 {
		t.Errorf("by bytes: %d bytes kept, want 60", b.bytes)
	}
}
