package sim

// Event is one pending happening: a time and a small plain-data payload.
//
// Events are values, never closures: the kernel stores them in a heap of
// structs and hands them back to the model, which decides what they mean by
// Kind. Because an event holds no pointers, a copy of the queue is a complete,
// independent copy of the future (see Env.Clone).
type Event struct {
	// Time is when the event fires; set by Env.Schedule and Env.At.
	Time float64
	// Priority breaks ties between events at the same Time: the lower value
	// fires first. Events with equal Time and Priority fire in the order they
	// were scheduled.
	Priority int32
	// Kind tells the model what the event is; its meaning is the model's.
	Kind int32
	// Subject and Object name what the event concerns (indices into the
	// model's own tables, for example an attacker and an asset).
	Subject, Object int32
	// Value is a free number for the model (an amount, a generation count).
	Value float64

	seq uint64
}

// Handle identifies a scheduled event so that it can be cancelled.
type Handle uint64

// before reports whether a fires before b: by time, then priority, then the
// order of scheduling. The sequence number makes the order total, so the run
// is the same whatever the heap's internal layout.
func before(a, b *Event) bool {
	if a.Time != b.Time {
		return a.Time < b.Time
	}
	if a.Priority != b.Priority {
		return a.Priority < b.Priority
	}
	return a.seq < b.seq
}

// queue is a binary min-heap of events stored by value. Sifting moves a
// hole instead of swapping, so each level costs one copy of an Event.
type queue []Event

// popInto moves the first event into dst. Writing through a pointer
// instead of returning the 40-byte value saves two copies on the hot path.
func (q *queue) popInto(dst *Event) {
	h := *q
	*dst = h[0]
	n := len(h) - 1
	last := h[n]
	h = h[:n]
	*q = h
	if n > 0 {
		h.siftDown(0, last)
	}
}

// remove deletes the element at index i.
func (q *queue) remove(i int) {
	h := *q
	n := len(h) - 1
	last := h[n]
	h = h[:n]
	*q = h
	if i == n {
		return
	}
	h.siftDown(i, last)
	// The moved element may belong above i instead.
	for i > 0 {
		parent := (i - 1) / 2
		if !before(&h[i], &h[parent]) {
			break
		}
		h[i], h[parent] = h[parent], h[i]
		i = parent
	}
}

// siftDown places ev in the hole at i, moving smaller children up.
func (h queue) siftDown(i int, ev Event) {
	n := len(h)
	for {
		c := 2*i + 1
		if c >= n {
			break
		}
		if c+1 < n && before(&h[c+1], &h[c]) {
			c++
		}
		if !before(&h[c], &ev) {
			break
		}
		h[i] = h[c]
		i = c
	}
	h[i] = ev
}
