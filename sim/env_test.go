package sim_test

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"cpkrange/sim"
)

// collect records the events fired through it.
type collect struct{ got []sim.Event }

func (c *collect) Handle(ev sim.Event) { c.got = append(c.got, ev) }

func TestOrderIsTimeThenPriorityThenScheduling(t *testing.T) {
	env := sim.New(1)
	env.At(2, sim.Event{Subject: 1})
	env.At(1, sim.Event{Subject: 2, Priority: 5})
	env.At(1, sim.Event{Subject: 3, Priority: -1})
	env.At(1, sim.Event{Subject: 4, Priority: 5})
	env.At(1, sim.Event{Subject: 5, Priority: 5})
	var c collect
	env.Run(&c)
	var order []int32
	for _, ev := range c.got {
		order = append(order, ev.Subject)
	}
	assert.Equal(t, []int32{3, 2, 4, 5, 1}, order)
	assert.Equal(t, 2.0, env.Now())
	assert.Equal(t, uint64(5), env.Fired())
}

func TestQueueMatchesASortUnderRandomLoad(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	env := sim.New(1)
	type key struct {
		time float64
		prio int32
		id   int32
	}
	var want []key
	for i := range int32(5000) {
		// Few distinct times and priorities, so that ties are common.
		k := key{float64(rng.IntN(50)), int32(rng.IntN(3)), i}
		want = append(want, k)
		env.At(k.time, sim.Event{Priority: k.prio, Subject: i})
	}
	// Cancel a random fifth of them.
	cancelled := map[int32]bool{}
	handles := []sim.Handle{}
	env2 := sim.New(1)
	for _, k := range want {
		handles = append(handles, env2.At(k.time, sim.Event{Priority: k.prio, Subject: k.id}))
	}
	for _, i := range rng.Perm(len(want))[:1000] {
		require.True(t, env2.Cancel(handles[i]))
		cancelled[int32(i)] = true
	}
	slices.SortStableFunc(want, func(a, b key) int {
		if a.time != b.time {
			if a.time < b.time {
				return -1
			}
			return 1
		}
		return int(a.prio - b.prio)
	})
	var c, c2 collect
	env.Run(&c)
	env2.Run(&c2)
	require.Len(t, c.got, len(want))
	var kept []int32
	for i, ev := range c.got {
		assert.Equal(t, want[i].id, ev.Subject, "position %d", i)
		if !cancelled[want[i].id] {
			kept = append(kept, want[i].id)
		}
	}
	var got2 []int32
	for _, ev := range c2.got {
		got2 = append(got2, ev.Subject)
	}
	assert.Equal(t, kept, got2)
}

func TestCancel(t *testing.T) {
	env := sim.New(1)
	h := env.Schedule(5, sim.Event{Subject: 1})
	env.Schedule(1, sim.Event{Subject: 2})
	assert.True(t, env.Cancel(h))
	assert.False(t, env.Cancel(h), "second cancel")
	assert.False(t, env.Cancel(sim.Handle(99)), "unknown handle")
	var c collect
	env.Run(&c)
	require.Len(t, c.got, 1)
	assert.Equal(t, int32(2), c.got[0].Subject)
	assert.Equal(t, 1.0, env.Now())
}

func TestStepPeekRunUntilStop(t *testing.T) {
	env := sim.New(1)
	_, ok := env.Peek()
	assert.False(t, ok)
	_, ok = env.Step()
	assert.False(t, ok)

	for i := range 10 {
		env.At(float64(i+1), sim.Event{Subject: int32(i)})
	}
	next, ok := env.Peek()
	assert.True(t, ok)
	assert.Equal(t, 1.0, next)

	ev, ok := env.Step()
	assert.True(t, ok)
	assert.Equal(t, 1.0, ev.Time)
	assert.Equal(t, 1.0, env.Now())

	var c collect
	env.RunUntil(4.5, &c)
	assert.Len(t, c.got, 3, "events at 2, 3, 4")
	assert.Equal(t, 4.5, env.Now(), "the clock moves to the horizon")

	stopAt7 := sim.HandlerFunc(func(ev sim.Event) {
		if ev.Time == 7 {
			env.Stop()
		}
	})
	env.RunUntil(100, stopAt7)
	assert.True(t, env.Stopped())
	assert.Equal(t, 7.0, env.Now(), "a stopped run leaves the clock at the last event")
	assert.Equal(t, 3, env.Pending())

	env.RunUntil(100, stopAt7)
	assert.False(t, env.Stopped())
	assert.Equal(t, 100.0, env.Now())
}

func TestProgrammingErrorsPanic(t *testing.T) {
	env := sim.New(1)
	env.RunUntil(10, sim.HandlerFunc(func(sim.Event) {}))
	assert.PanicsWithValue(t, "sim: Schedule: invalid delay -1 (want a finite number >= 0)",
		func() { env.Schedule(-1, sim.Event{}) })
	assert.PanicsWithValue(t, "sim: Schedule: invalid delay NaN (want a finite number >= 0)",
		func() { env.Schedule(math.NaN(), sim.Event{}) })
	assert.PanicsWithValue(t, "sim: Schedule: invalid delay +Inf (want a finite number >= 0)",
		func() { env.Schedule(math.Inf(1), sim.Event{}) })
	assert.PanicsWithValue(t, "sim: At: invalid time 3 (now is 10; want a finite time >= now)",
		func() { env.At(3, sim.Event{}) })
	assert.PanicsWithValue(t, "sim: RunUntil: invalid time 9 (now is 10)",
		func() { env.RunUntil(9, sim.HandlerFunc(func(sim.Event) {})) })
	assert.Equal(t, 0, env.Pending(), "nothing was scheduled by the failed calls")
}

func TestStreamsAreIndependentByName(t *testing.T) {
	draw := func(s *sim.Streams, name string) []uint64 {
		r := s.Stream(name)
		out := make([]uint64, 5)
		for i := range out {
			out[i] = r.Uint64()
		}
		return out
	}
	a := sim.NewStreams(42)
	alone := draw(a, "attacker/apt")

	b := sim.NewStreams(42)
	draw(b, "attacker/new-one") // another actor created first and drawn from
	assert.Equal(t, alone, draw(b, "attacker/apt"), "adding a stream changes no other")

	assert.NotEqual(t, alone, draw(sim.NewStreams(42), "attacker/other"), "names differ")
	assert.NotEqual(t, alone, draw(sim.NewStreams(43), "attacker/apt"), "seeds differ")
	assert.Same(t, a.Stream("attacker/apt"), a.Stream("attacker/apt"))
	assert.Equal(t, []string{"attacker/apt"}, a.Names())
}

func TestDeriveSpreadsSeeds(t *testing.T) {
	seen := map[uint64]bool{}
	for s := range uint64(100) {
		for i := range uint64(100) {
			seen[sim.Derive(s, i)] = true
		}
	}
	assert.Len(t, seen, 10000)
	assert.Equal(t, sim.Derive(5, 6), sim.Derive(5, 6))
}

func TestCloneForksAnIdenticalFuture(t *testing.T) {
	m := newMM1(3)
	m.env.RunUntil(500, m)

	fork := *m
	fork.env = m.env.Clone()
	fork.rng = fork.env.Stream("mm1")
	fork.waiting = slices.Clone(m.waiting)

	m.env.RunUntil(5000, m)
	fork.env.RunUntil(5000, &fork)
	assert.Equal(t, m.served, fork.served)
	assert.Equal(t, m.totalWait, fork.totalWait)
	assert.Equal(t, m.env.Fired(), fork.env.Fired())

	// The fork shares nothing: running the original on leaves it behind.
	m.env.RunUntil(6000, m)
	assert.Equal(t, 5000.0, fork.env.Now())
	assert.NotEqual(t, m.served, fork.served)
}

// Reseeding a clone gives it the draws of a fresh environment of the new
// seed, and leaves its clock, queue and the original as they were.
func TestReseedStartsTheStreamsAfresh(t *testing.T) {
	e := sim.New(1)
	e.Stream("a").Uint64()
	e.At(7, sim.Event{Kind: 3})
	c := e.Clone()
	c.Reseed(99)
	assert.Equal(t, uint64(99), c.Seed())
	assert.Equal(t, sim.New(99).Stream("a").Uint64(), c.Stream("a").Uint64())
	assert.Equal(t, 1, c.Pending())
	assert.Equal(t, uint64(1), e.Seed())
	next := sim.New(1)
	next.Stream("a").Uint64()
	assert.Equal(t, next.Stream("a").Uint64(), e.Stream("a").Uint64(), "the original draws on as before")
}

func TestTeePassesRecordsInOrder(t *testing.T) {
	var a, b []string
	tee := sim.Tee[string]{
		sim.RecorderFunc[string](func(s string) { a = append(a, s) }),
		sim.RecorderFunc[string](func(s string) { b = append(b, "b:"+s) }),
	}
	tee.Record("x")
	tee.Record("y")
	assert.Equal(t, []string{"x", "y"}, a)
	assert.Equal(t, []string{"b:x", "b:y"}, b)
}

// The mean wait in queue of M/M/1 is rho/(mu-lambda) = 8.1 for lambda = 1
// and a mean service time of 0.9. At load 0.9 one run of a million customers
// has a spread of about 2.3% around that, so the test pools five independent
// runs (standard error about 1%) after a warm-up of 10,000 customers each,
// and asks for 2%.
func TestMM1MatchesQueueingTheory(t *testing.T) {
	const (
		warmup    = 10_000
		customers = 1_000_000
		runs      = 5
	)
	lambda, mu := 1/meanArrival, 1/meanService
	theory := lambda / (mu * (mu - lambda))
	var sum float64
	for seed := uint64(1); seed <= runs; seed++ {
		m := newMM1(seed)
		m.limit = warmup
		m.env.Run(m)
		m.served, m.totalWait, m.limit = 0, 0, customers
		m.env.Run(m)
		wq := m.totalWait / float64(m.served)
		t.Logf("seed %d: mean wait %.3f (theory %.3f)", seed, wq, theory)
		sum += wq
	}
	assert.InEpsilon(t, theory, sum/runs, 0.02)
}
