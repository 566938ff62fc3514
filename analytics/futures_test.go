package analytics

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"cpkrange/agents"
	"cpkrange/scenarios"
)

// firstDecision forks the default scenario, run with seed 1 on its
// defaults, at its first decision.
func firstDecision(t testing.TB) (*Origin, []Option) {
	t.Helper()
	sc, _, err := scenarios.Open(scenarios.Default, scenarios.Options{})
	require.NoError(t, err)
	o, err := OriginAtDecision(sc, 1, nil, "", sc.Decisions[0].ID)
	require.NoError(t, err)
	opts, err := DecisionOptions(o)
	require.NoError(t, err)
	return o, opts
}

func runAll(t *testing.T, spec FuturesSpec) ([]Future, *FuturesSummary) {
	t.Helper()
	var got []Future
	s, err := RunFutures(context.Background(), spec, func(f Future) { got = append(got, f) })
	require.NoError(t, err)
	return got, s
}

// TestFuturesAreTheSameOnAnyNumberOfWorkers: 1, 2 and 8 workers stream the
// same futures in the same order (future 0 of every option, then 1, ...)
// and summarise them the same, byte for byte.
func TestFuturesAreTheSameOnAnyNumberOfWorkers(t *testing.T) {
	o, opts := firstDecision(t)
	spec := FuturesSpec{Origin: o, Options: opts, Reference: DefaultOption(o), N: 16}
	var first []Future
	var firstJSON []byte
	for _, n := range []int{1, 2, 8} {
		spec.Workers = n
		got, s := runAll(t, spec)
		require.Len(t, got, spec.N*len(opts))
		for j, f := range got {
			assert.Equal(t, j/len(opts), f.Index, "future %d streamed out of order", j)
			assert.Equal(t, j%len(opts), f.Option)
			assert.Equal(t, FutureSeed(o.World.Seed(), f.Index), f.Seed)
		}
		js, err := json.Marshal(s)
		require.NoError(t, err)
		if first == nil {
			first, firstJSON = got, js
			continue
		}
		assert.Equal(t, first, got, "%d workers", n)
		assert.Equal(t, string(firstJSON), string(js), "%d workers", n)
	}
	assert.Equal(t, spec.N, first[len(first)-1].Index+1)
}

// TestFutureIMeetsTheSameRandomNumbersInEveryOption: an option that
// changes nothing (the default taken again, under another label) has
// futures identical to the default's, so every paired difference is
// exactly 0 and its verdict "identical"; the futures themselves differ
// from one another (each is reseeded), and the options that do something
// differ from the default.
func TestFutureIMeetsTheSameRandomNumbersInEveryOption(t *testing.T) {
	o, opts := firstDecision(t)
	def := DefaultOption(o)
	same := opts[def]
	same.Label = "the default again"
	opts = append(opts, same)
	futures, s := runAll(t, FuturesSpec{Origin: o, Options: opts, Reference: def, N: 20})
	twin := len(opts) - 1
	k := len(opts)
	for i := range 20 {
		assert.Equal(t, futures[i*k+def].Values, futures[i*k+twin].Values, "future %d: every metric the same", i)
	}
	for _, name := range FutureMetrics {
		c, ok := s.Versus(twin, name)
		require.True(t, ok)
		assert.Zero(t, float64(c.Diff), name)
		assert.Zero(t, float64(c.SDDiff), name)
		assert.Zero(t, c.Up+c.Down, name)
		assert.False(t, c.Clear(), name)
		assert.Contains(t, Difference(c), "the same in every future")
	}
	harm := func(f Future) float64 { return f.Values[0].Value }
	require.Equal(t, "harm", futures[0].Values[0].Name)
	assert.NotEqual(t, harm(futures[def]), harm(futures[k+def]), "futures 0 and 1 of an option must differ")
	differs := false
	for i := range 20 {
		for opt := range k - 1 {
			if opt != def && harm(futures[i*k+opt]) != harm(futures[i*k+def]) {
				differs = true
			}
		}
	}
	assert.True(t, differs, "the options that do something must change some future")
}

// At a moment, "no change" against itself: every comparison identical.
func TestFuturesOfAMoment(t *testing.T) {
	sc, _, err := scenarios.Open(scenarios.Default, scenarios.Options{})
	require.NoError(t, err)
	o, err := OriginAtTime(sc, 3, nil, "", 100)
	require.NoError(t, err)
	assert.Equal(t, 100.0, o.World.Now())
	fire := Option{Label: "fire " + sc.Injects[len(sc.Injects)-1].ID, Do: func(w *agents.World) error {
		w.Fire(len(sc.Injects) - 1)
		return nil
	}}
	_, s := runAll(t, FuturesSpec{Origin: o, Options: []Option{{Label: "no change"}, {Label: "no change again"}, fire}, N: 10, Until: 24 * 30})
	assert.Equal(t, 24*30.0, s.Until)
	for _, name := range FutureMetrics {
		c, _ := s.Versus(1, name)
		assert.Zero(t, float64(c.Diff))
		assert.Zero(t, float64(c.SDDiff))
	}
	assert.NotEmpty(t, s.Said())
}

func TestCancellingStopsTheFutures(t *testing.T) {
	o, opts := firstDecision(t)
	ctx, cancel := context.WithCancel(context.Background())
	n := 0
	s, err := RunFutures(ctx, FuturesSpec{Origin: o, Options: opts, N: 200, Workers: 2}, func(f Future) {
		n++
		if n == 5 {
			cancel()
		}
	})
	require.Error(t, err)
	assert.True(t, errors.Is(err, ErrInterrupted))
	assert.Less(t, n, 200*len(opts))
	assert.Equal(t, n/len(opts), s.N, "the summary counts the futures complete for every option")
}

func TestFuturesRefuseWhatCannotBe(t *testing.T) {
	o, opts := firstDecision(t)
	for _, spec := range []FuturesSpec{
		{Origin: o, Options: opts, N: 0},
		{Origin: o, Options: nil, N: 5},
		{Origin: o, Options: opts, N: 5, Reference: 7},
		{Origin: o, Options: opts, N: 5, Until: 10},
		{Options: opts, N: 5},
	} {
		_, err := RunFutures(context.Background(), spec, nil)
		assert.Error(t, err)
	}
	sc := o.World.Scenario()
	_, err := OriginAtDecision(sc, 1, nil, "", "no-such-decision")
	assert.ErrorContains(t, err, `no decision "no-such-decision"`)
}

func TestDifferenceSaysItInWords(t *testing.T) {
	assert.Equal(t, "conflict 31 points less likely (clear)",
		Difference(Comparison{Metric: "reached_conflict", Diff: -0.31, Low: -0.4, High: -0.2, Verdict: clearDecrease}))
	assert.Equal(t, "civilian harm 25% higher (noise)",
		Difference(Comparison{Metric: "harm", Base: 4e6, Diff: 1e6, Low: -1, High: 2e6, Verdict: noise}))
	assert.Equal(t, "trust: the same in every future",
		Difference(Comparison{Metric: "mean_trust", Verdict: identical}))
	assert.Equal(t, "armed conflict: the same in every future",
		Difference(Comparison{Metric: "armed", Low: -0.07, High: 0.07, Verdict: noise}))
}

// BenchmarkFutures runs 3 options × 200 futures of the default scenario
// from its first decision on GOMAXPROCS workers; it also reports when the
// first 20 futures of every option were in (what the display shows first).
func BenchmarkFutures(b *testing.B) {
	o, opts := firstDecision(b)
	spec := FuturesSpec{Origin: o, Options: opts, N: 200}
	var first time.Duration
	for b.Loop() {
		tally := NewFuturesTally(spec)
		start := time.Now()
		var at20 time.Duration
		if _, err := RunFutures(context.Background(), spec, func(f Future) {
			tally.Add(f)
			if at20 == 0 && tally.Complete() == 20 {
				at20 = time.Since(start)
			}
		}); err != nil {
			b.Fatal(err)
		}
		first += at20
	}
	b.ReportMetric(float64(first.Milliseconds())/float64(b.N), "ms-to-20-per-option")
}

// BenchmarkOneFuture is one future on one goroutine: fork at the first
// decision, reseed, answer, run to the horizon; against
// BenchmarkOneReplication, a fresh run of the same scenario from its
// start.
func BenchmarkOneFuture(b *testing.B) {
	o, opts := firstDecision(b)
	i := 0
	for b.Loop() {
		if _, err := runFuture(o, opts[0], 0, i, FutureSeed(o.World.Seed(), i), o.World.Horizon()); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

func BenchmarkOneReplication(b *testing.B) {
	sc, _, err := scenarios.Open(scenarios.Default, scenarios.Options{})
	require.NoError(b, err)
	i := uint64(0)
	for b.Loop() {
		if _, err := agents.Replicate(sc, i); err != nil {
			b.Fatal(err)
		}
		i++
	}
}
