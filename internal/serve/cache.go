package serve

import (
	"container/list"
	"sync"
)

// lru keeps at most max values, or values of at most maxBytes together
// (size measures one), dropping the least recently used first: a server
// that runs for a year over thousands of roadmaps keeps what is in use,
// not everything it ever made.
type lru[V any] struct {
	mu       sync.Mutex
	max      int
	maxBytes int
	size     func(V) int
	bytes    int
	order    *list.List // of *lruItem[V], most recent first
	items    map[string]*list.Element
}

type lruItem[V any] struct {
	key string
	val V
}

func newLRU[V any](max, maxBytes int, size func(V) int) *lru[V] {
	return &lru[V]{max: max, maxBytes: maxBytes, size: size, order: list.New(), items: map[string]*list.Element{}}
}

// get returns the value of key, if kept.
func (c *lru[V]) get(key string) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.items[key]; ok {
		c.order.MoveToFront(e)
		return e.Value.(*lruItem[V]).val, true
	}
	var zero V
	return zero, false
}

// put keeps val as key's value.
func (c *lru[V]) put(key string, val V) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.items[key]; ok {
		c.remove(e)
	}
	n := 0
	if c.size != nil {
		n = c.size(val)
		if c.maxBytes > 0 && n > c.maxBytes {
			return // larger than the whole cache: not kept
		}
	}
	c.items[key] = c.order.PushFront(&lruItem[V]{key, val})
	c.bytes += n
	for c.order.Len() > 0 && ((c.max > 0 && c.order.Len() > c.max) || (c.maxBytes > 0 && c.bytes > c.maxBytes)) {
		c.remove(c.order.Back())
	}
}

// drop forgets key.
func (c *lru[V]) drop(key string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.items[key]; ok {
		c.remove(e)
	}
}

// clear forgets everything.
func (c *lru[V]) clear() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.order.Init()
	c.items = map[string]*list.Element{}
	c.bytes = 0
}

func (c *lru[V]) remove(e *list.Element) {
	it := c.order.Remove(e).(*lruItem[V])
	delete(c.items, it.key)
	if c.size != nil {
		c.bytes -= c.size(it.val)
	}
}
