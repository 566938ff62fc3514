package sim

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// Handler is what a model gives the kernel to run its events: the kernel
// pops an event, advances the clock to its time and calls Handle with it.
type Handler interface {
	Handle(ev Event)
}

// HandlerFunc adapts a function to a Handler.
type HandlerFunc func(ev Event)

// Handle calls f(ev).
func (f HandlerFunc) Handle(ev Event) { f(ev) }

// Env is a simulation environment: a virtual clock, a queue of pending
// events and the run's random streams. The zero value is not usable; call
// New.
type Env struct {
	now     float64
	seq     uint64
	fired   uint64
	q       queue
	stopped bool
	streams *Streams
	cur     Event // the event being fired; a field so popInto writes in place
}

// New returns an environment at time 0 whose random streams derive from seed.
func New(seed uint64) *Env {
	return &Env{streams: NewStreams(seed), q: make(queue, 0, 64)}
}

// Now returns the current virtual time.
func (e *Env) Now() float64 { return e.now }

// Seed returns the seed the random streams derive from.
func (e *Env) Seed() uint64 { return e.streams.Seed() }

// Stream returns the random stream of the given name (see Streams.Stream).
func (e *Env) Stream(name string) *rand.Rand { return e.streams.Stream(name) }

// Pending returns the number of events waiting to fire.
func (e *Env) Pending() int { return len(e.q) }

// Fired returns the number of events fired so far.
func (e *Env) Fired() uint64 { return e.fired }

// Schedule schedules ev to fire delay time units from now and returns a
// handle for Cancel. It panics if delay is negative, NaN or infinite: that
// is a bug in the model, never something a scenario can cause.
func (e *Env) Schedule(delay float64, ev Event) Handle {
	if !(delay >= 0 && delay <= math.MaxFloat64) { // false for NaN and +Inf too
		badDelay(delay)
	}
	return e.push(e.now+delay, ev)
}

// At schedules ev to fire at absolute time t and returns a handle for
// Cancel. It panics if t is before Now, NaN or infinite.
func (e *Env) At(t float64, ev Event) Handle {
	if !(t >= e.now && t <= math.MaxFloat64) {
		panic(fmt.Sprintf("sim: At: invalid time %v (now is %v; want a finite time >= now)", t, e.now))
	}
	return e.push(t, ev)
}

// badDelay panics; kept out of Schedule so that Schedule stays small enough
// to inline into the model, leaving one call (push) per event scheduled.
//
//go:noinline
func badDelay(delay float64) {
	panic(fmt.Sprintf("sim: Schedule: invalid delay %v (want a finite number >= 0)", delay))
}

// push stamps ev with time t and the next sequence number and adds it to
// the heap, sifting it up from the last slot.
func (e *Env) push(t float64, ev Event) Handle {
	e.seq++
	ev.Time = t
	ev.seq = e.seq
	h := append(e.q, ev)
	e.q = h
	i := len(h) - 1
	for i > 0 {
		parent := (i - 1) / 2
		if !before(&ev, &h[parent]) {
			break
		}
		h[i] = h[parent]
		i = parent
	}
	h[i] = ev
	return Handle(e.seq)
}

// Cancel removes a pending event and reports whether it was pending (false
// when it has fired already or was cancelled before). It costs O(n) in the
// number of pending events; models that cancel often can instead carry a
// generation number in Event.Value and ignore stale events when they fire.
func (e *Env) Cancel(h Handle) bool {
	for i := range e.q {
		if e.q[i].seq == uint64(h) {
			e.q.remove(i)
			return true
		}
	}
	return false
}

// Peek returns the time of the next event, and false when none is pending.
func (e *Env) Peek() (float64, bool) {
	if len(e.q) == 0 {
		return 0, false
	}
	return e.q[0].Time, true
}

// Step pops the next event, advances the clock to its time and returns it,
// without calling any handler; false when no event is pending. It is the
// primitive under RunUntil, for callers that dispatch themselves.
func (e *Env) Step() (Event, bool) {
	if len(e.q) == 0 {
		return Event{}, false
	}
	e.q.popInto(&e.cur)
	e.now = e.cur.Time
	e.fired++
	return e.cur, true
}

// RunUntil fires, through h, every event due at or before t, then sets the
// clock to t. When h calls Stop, it returns right after that event with the
// clock at the event's time. It panics if t is before Now or NaN.
func (e *Env) RunUntil(t float64, h Handler) {
	if !(t >= e.now) {
		panic(fmt.Sprintf("sim: RunUntil: invalid time %v (now is %v)", t, e.now))
	}
	e.stopped = false
	for len(e.q) > 0 && e.q[0].Time <= t {
		e.q.popInto(&e.cur)
		e.now = e.cur.Time
		e.fired++
		h.Handle(e.cur)
		if e.stopped {
			return
		}
	}
	if !math.IsInf(t, 1) {
		e.now = t
	}
}

// Run fires every event through h until none is pending or h calls Stop.
func (e *Env) Run(h Handler) { e.RunUntil(math.Inf(1), h) }

// Stop makes the running RunUntil or Run return after the current event.
func (e *Env) Stop() { e.stopped = true }

// Stopped reports whether the last RunUntil or Run was ended by Stop.
func (e *Env) Stopped() bool { return e.stopped }

// Reseed makes every random stream start afresh from seed: a stream
// fetched after it (by name, as on a clone) draws what a new environment
// of seed would. A fork reseeded with its own seed is one more Monte Carlo
// future of the same moment; the clock and the queue are untouched.
func (e *Env) Reseed(seed uint64) { e.streams = NewStreams(seed) }

// Clone returns an independent copy of the environment at this event
// boundary: same clock, same pending events, and random streams in the same
// state, so that the copy and the original draw the same numbers from here
// on. Nothing is shared. The model clones its own state alongside and looks
// its streams up again by name on the clone. It costs O(pending events +
// streams).
func (e *Env) Clone() *Env {
	c := *e
	c.q = append(make(queue, 0, cap(e.q)), e.q...)
	c.streams = e.streams.Clone()
	return &c
}
