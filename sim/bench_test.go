package sim_test

import (
	"runtime"
	"testing"

	"cpkrange/sim"
)

// perEvent times run, which fires some events, and reports ns/event and
// allocs/event over the events it really fired.
func perEvent(b *testing.B, env *sim.Env, run func()) {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	fired := env.Fired()
	b.ResetTimer()
	run()
	b.StopTimer()
	runtime.ReadMemStats(&after)
	n := float64(env.Fired() - fired)
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/n, "ns/event")
	b.ReportMetric(float64(after.Mallocs-before.Mallocs)/n, "allocs/event")
	b.ReportMetric(0, "ns/op") // per event is the figure that means something
}

// holdModel keeps a constant number of pending events: each one that fires
// schedules the next after an Exp(1) delay (the classic hold benchmark).
type holdModel struct {
	env *sim.Env
	exp func() float64
}

func (h *holdModel) Handle(sim.Event) { h.env.Schedule(h.exp(), sim.Event{}) }

// BenchmarkHold runs the hold model with 1,000 pending events. With mean
// delay 1 and n pending events, the clock advances 1/n per event.
func BenchmarkHold(b *testing.B) {
	const pending = 1000
	env := sim.New(1)
	rng := env.Stream("hold")
	h := &holdModel{env: env, exp: rng.ExpFloat64}
	for range pending {
		env.Schedule(rng.ExpFloat64(), sim.Event{})
	}
	env.RunUntil(10, h) // warm the queue to its steady shape
	perEvent(b, env, func() { env.RunUntil(env.Now()+float64(b.N)/pending, h) })
}

// BenchmarkMM1 runs the M/M/1 example; it fires about two events per unit
// of time.
func BenchmarkMM1(b *testing.B) {
	m := newMM1(1)
	m.env.RunUntil(10_000, m) // steady state: buffers grown, heap sized
	perEvent(b, m.env, func() { m.env.RunUntil(m.env.Now()+float64(b.N)/2, m) })
}
