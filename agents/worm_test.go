package agents

import (
	"cpkrange/scenarios"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/stat"
)

// bisect returns a root of f in [lo, hi], where f(lo) and f(hi) differ in
// sign, to within tol. The theory tests derive their constants with it
// rather than quoting numbers.
func bisect(f func(float64) float64, lo, hi, tol float64) float64 {
	flo := f(lo)
	if flo*f(hi) > 0 {
		panic("bisect: no sign change")
	}
	for hi-lo > tol {
		mid := lo + (hi-lo)/2
		if fm := f(mid); (fm < 0) == (flo < 0) {
			lo, flo = mid, fm
		} else {
			hi = mid
		}
	}
	return lo + (hi-lo)/2
}

// finalSizeSIR is the share s∞ < 1 of the susceptibles never infected by a
// Kermack–McKendrick SIR epidemic of reproduction number r0 > 1:
// s∞ = exp(-r0 (1 - s∞)).
func finalSizeSIR(r0 float64) float64 {
	return bisect(func(s float64) float64 { return s - math.Exp(-r0*(1-s)) }, 1e-12, 1-1e-9, 1e-14)
}

func TestBisect(t *testing.T) {
	assert.InDelta(t, math.Sqrt2, bisect(func(x float64) float64 { return x*x - 2 }, 0, 2, 1e-13), 1e-12)
	// The rumour constant: the classic Maki–Thompson limit is about 0.2032.
	assert.InDelta(t, 0.2032, finalSizeSIR(2), 1e-4)
}

// wormHosts is the four-asset world of the theory tests: Ω = 1,000,000.
var wormHosts = []int64{400_000, 300_000, 200_000, 100_000}

func sum(xs []int64) int64 {
	var n int64
	for _, x := range xs {
		n += x
	}
	return n
}

func fill(xs []float64, v float64) []float64 {
	for i := range xs {
		xs[i] = v
	}
	return xs
}

// checkWorm asserts the invariants after every step: no negative count and
// S+I+R per asset equal to the asset's hosts.
func checkWorm(t *testing.T, w *Worm, hosts []int64) {
	t.Helper()
	for a := range hosts {
		if w.S[a] < 0 || w.I[a] < 0 || w.R[a] < 0 {
			require.FailNow(t, "negative count", "asset %d: S %d I %d R %d", a, w.S[a], w.I[a], w.R[a])
		}
		if w.S[a]+w.I[a]+w.R[a] != hosts[a] {
			require.FailNow(t, "hosts not conserved", "asset %d: S+I+R = %d, hosts %d", a, w.S[a]+w.I[a]+w.R[a], hosts[a])
		}
	}
}

func TestNewWorm(t *testing.T) {
	w := NewWorm([]int64{100, 0, 7, 1000}, 0.29)
	assert.Equal(t, []int64{29, 0, 2, 290}, w.S, "0.29 of each, rounded down")
	assert.Equal(t, []int64{71, 0, 5, 710}, w.R)
	assert.Equal(t, []int64{0, 0, 0, 0}, w.I)
	assert.Equal(t, int64(1107), w.Omega)
	assert.True(t, w.Done())

	assert.Equal(t, []int64{10}, NewWorm([]int64{10}, 1.5).S, "vulnerable clamps to 1")
	assert.Equal(t, []int64{0}, NewWorm([]int64{10}, -1).S, "vulnerable clamps to 0")
	assert.Equal(t, []int64{0}, NewWorm([]int64{10}, math.NaN()).S)
	assert.Panics(t, func() { NewWorm([]int64{10, -1}, 0.5) })
	assert.Zero(t, NewWorm(nil, 0.5).Omega)

	w = NewWorm([]int64{10, 10}, 0.5)
	w.Seed(1, 3)
	w.Seed(1, 100)
	w.Seed(0, -4)
	assert.Equal(t, []int64{5, 0}, w.S, "seeding stops at the susceptibles")
	assert.Equal(t, []int64{0, 5}, w.I)
	assert.Equal(t, int64(5), w.Infected())
	assert.False(t, w.Done())
	assert.Panics(t, func() { w.Step(rand.New(rand.NewPCG(1, 1)), 1, 1, []float64{0.1}) })

	c := w.Clone()
	c.Step(rand.New(rand.NewPCG(1, 1)), 1, 2, []float64{1, 1})
	assert.Equal(t, []int64{0, 5}, w.I, "a clone shares nothing")
}

// TestWormEarlyGrowth checks the exponential phase: while I ≪ S, I(t) grows
// as I0·exp(r t) with r = scans·S0/Ω - γ. The slope of ln I on t, over the
// window where I stays below 2% of S0, averaged over 20 seeds, must be
// within 3% of r. (The leap itself lowers the slope by about r²dt/2, 0.9%
// here; the susceptibles used up by the end of the window, a little more.)
func TestWormEarlyGrowth(t *testing.T) {
	const (
		vulnerable = 0.8
		scans      = 0.5
		gamma      = 0.05
		i0         = 100
		dt         = 0.05
		seeds      = 20
	)
	s0 := float64(sum(NewWorm(wormHosts, vulnerable).S))
	r := scans*s0/float64(sum(wormHosts)) - gamma
	cleanup := fill(make([]float64, len(wormHosts)), gamma)

	var mean float64
	for seed := uint64(1); seed <= seeds; seed++ {
		rng := rand.New(rand.NewPCG(seed, seed))
		w := NewWorm(wormHosts, vulnerable)
		w.Seed(0, i0)
		var ts, lnI []float64
		for step := 0; float64(w.Infected()) < 0.02*s0; step++ {
			ts = append(ts, float64(step)*dt)
			lnI = append(lnI, math.Log(float64(w.Infected())))
			w.Step(rng, dt, scans, cleanup)
			checkWorm(t, w, wormHosts)
			require.False(t, w.Done(), "seed %d died out at step %d", seed, step)
		}
		_, slope := stat.LinearRegression(ts, lnI, nil, false)
		mean += slope / seeds
	}
	t.Logf("early growth rate: measured %.4f/h, theory %.4f/h (%+.2f%%)", mean, r, 100*(mean/r-1))
	assert.InEpsilon(t, r, mean, 0.03)
}

// runWorm steps w until no host is infected and returns the number of steps.
func runWorm(t *testing.T, w *Worm, rng *rand.Rand, dt, scans float64, cleanup []float64, hosts []int64) int {
	t.Helper()
	steps := 0
	for !w.Done() {
		w.Step(rng, dt, scans, cleanup)
		checkWorm(t, w, hosts)
		steps++
		require.Less(t, steps, 10_000_000, "outbreak never ends")
	}
	return steps
}

// TestWormFinalSize checks the Kermack–McKendrick final size: the share of
// the susceptibles never infected, S∞/S0, solves s∞ = exp(-R0 (1 - s∞))
// with R0 = scans·S0/(Ω γ). R0 = 2 here, so s∞ ≈ 0.203; the mean of 8
// seeds must be within 2%. The leap lengthens each host's infectious time
// by dt/2 on average (it is cleaned at a step boundary), raising the
// effective R0 by a factor 1 + γ dt/2, which lowers s∞ by about 0.3% at
// dt = 0.01 but 1.4% at dt = 0.05 (measured over 16 seeds: -0.3%, -1.4%;
// one seed's s∞ has a spread of about 0.6%).
func TestWormFinalSize(t *testing.T) {
	const (
		vulnerable = 0.8
		scans      = 0.5
		gamma      = 0.2
		dt         = 0.01
		seeds      = 8
	)
	s0 := float64(sum(NewWorm(wormHosts, vulnerable).S))
	r0 := scans * s0 / (float64(sum(wormHosts)) * gamma)
	want := finalSizeSIR(r0)
	cleanup := fill(make([]float64, len(wormHosts)), gamma)

	var mean float64
	for seed := uint64(1); seed <= seeds; seed++ {
		rng := rand.New(rand.NewPCG(seed, seed))
		w := NewWorm(wormHosts, vulnerable)
		w.Seed(0, 100)
		runWorm(t, w, rng, dt, scans, cleanup, wormHosts)
		mean += float64(sum(w.S)) / s0 / seeds
	}
	t.Logf("final size: s∞ measured %.4f, theory %.4f for R0 = %.2f (%+.2f%%)", mean, want, r0, 100*(mean/want-1))
	assert.InEpsilon(t, want, mean, 0.02)
}

// TestWormSpillsOver seeds only asset 0 and expects every asset infected in
// the end: random scanning ignores borders. Asset 3 is hardened (cleanup
// ten times faster) but still hit, since its own infected hosts do not
// drive its infections. Counts stay consistent throughout.
func TestWormSpillsOver(t *testing.T) {
	cleanup := []float64{0.1, 0.1, 0.1, 1}
	for seed := uint64(1); seed <= 3; seed++ {
		rng := rand.New(rand.NewPCG(seed, seed))
		w := NewWorm(wormHosts, 0.8)
		start := append([]int64(nil), w.S...)
		w.Seed(0, 10)
		runWorm(t, w, rng, 0.1, 0.5, cleanup, wormHosts)
		for a := range wormHosts {
			assert.Less(t, w.S[a], start[a], "seed %d: asset %d never infected", seed, a)
		}
		assert.True(t, w.Done())
		assert.Zero(t, w.Infected())
	}
}

// TestWormDoneAfterCleanup: with no scanning, the infected hosts are only
// cleaned, and the outbreak ends with every one of them removed, after
// about ln(I0)/γ hours.
func TestWormDoneAfterCleanup(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 5))
	hosts := []int64{1000, 2000}
	w := NewWorm(hosts, 1)
	w.Seed(0, 500)
	w.Seed(1, 2000)
	steps := runWorm(t, w, rng, 0.1, 0, []float64{1, 1}, hosts)
	assert.Equal(t, []int64{500, 0}, w.S)
	assert.Equal(t, []int64{500, 2000}, w.R)
	assert.Less(t, float64(steps)*0.1, 30.0, "2,500 hosts cleaned at 1/h take about 8 h")

	// No cleanup: the worm never stops, but the counts stay whole.
	w = NewWorm(hosts, 0.5)
	w.Seed(1, 1)
	for range 1000 {
		w.Step(rng, 0.1, 2, []float64{0, 0})
		checkWorm(t, w, hosts)
	}
	assert.Equal(t, int64(1500), w.Infected(), "every vulnerable host infected")
	assert.False(t, w.Done())
}

// TestWormStepEdgeCases: dt ≤ 0, no infected host, or negative rates
// change nothing they should not.
func TestWormStepEdgeCases(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 9))
	w := NewWorm([]int64{100, 100}, 0.5)
	w.Step(rng, 1, 10, []float64{1, 1})
	assert.Equal(t, []int64{50, 50}, w.S, "nothing to spread")
	w.Seed(0, 10)
	w.Step(rng, 0, 10, []float64{1, 1})
	w.Step(rng, -1, 10, []float64{1, 1})
	w.Step(rng, math.NaN(), 10, []float64{1, 1})
	assert.Equal(t, []int64{10, 0}, w.I, "dt ≤ 0 leaves the outbreak alone")
	w.Step(rng, 1, -3, []float64{-1, math.NaN()})
	assert.Equal(t, []int64{10, 0}, w.I, "negative rates count as zero")
	assert.Equal(t, []int64{40, 50}, w.S)
}

// TestWormDeterministic: the same rng state gives the same outbreak.
func TestWormDeterministic(t *testing.T) {
	run := func(seed uint64) []int64 {
		rng := rand.New(rand.NewPCG(seed, 1))
		w := NewWorm(wormHosts, 0.8)
		w.Seed(2, 50)
		var trace []int64
		for range 400 {
			w.Step(rng, 0.1, 0.5, []float64{0.1, 0.2, 0.3, 0.4})
			trace = append(trace, w.S...)
			trace = append(trace, w.I...)
		}
		return trace
	}
	assert.Equal(t, run(1), run(1))
	assert.NotEqual(t, run(1), run(2))
}

func TestWormStepDoesNotAllocate(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	w := NewWorm(wormHosts, 0.8)
	w.Seed(0, 50_000)
	cleanup := []float64{0.05, 0.05, 0.05, 0.05}
	assert.Zero(t, testing.AllocsPerRun(100, func() { w.Step(rng, 0.05, 0.5, cleanup) }))
}

// BenchmarkWormStep times one step of the four-asset world: "peak" at the
// height of an outbreak (every draw large, so every one goes to the
// rejection sampler), "outbreak" averaged over whole outbreaks from ten
// hosts to the end.
func BenchmarkWormStep(b *testing.B) {
	cleanup := fill(make([]float64, len(wormHosts)), 0.1)
	b.Run("peak", func(b *testing.B) {
		rng := rand.New(rand.NewPCG(1, 2))
		w := NewWorm(wormHosts, 0.8)
		w.Seed(0, 10)
		for w.Infected() < 100_000 {
			w.Step(rng, 0.05, 0.5, cleanup)
		}
		snap := w.Clone()
		b.ReportAllocs()
		b.ResetTimer()
		for range b.N {
			copy(w.S, snap.S)
			copy(w.I, snap.I)
			copy(w.R, snap.R)
			w.Step(rng, 0.05, 0.5, cleanup)
		}
	})
	b.Run("outbreak", func(b *testing.B) {
		rng := rand.New(rand.NewPCG(1, 2))
		w := NewWorm(wormHosts, 0.8)
		start := w.Clone()
		b.ReportAllocs()
		b.ResetTimer()
		for range b.N {
			if w.Done() {
				copy(w.S, start.S)
				copy(w.I, start.I)
				copy(w.R, start.R)
				w.Seed(0, 10)
			}
			w.Step(rng, 0.05, 0.5, cleanup)
		}
	})
}

// TestWormStepFollowsTheLogisticAtAnyRate checks the worm's growth against
// the closed form at every scale the format accepts: a random scanner with
// no cleanup is the logistic dI/dt = β I (N − I)/Ω, so the time at which
// half the N vulnerable hosts are infected is t½ = ln(N/I₀ − 1)·Ω/(βN).
// Stepped at scenarios.WormModel.WormStep, the simulated t½ must be within
// 2% of it, from a slow worm in a small network to a Code Red (six probes a
// second over 2^32 addresses) and a worm at the format's limit of 100 probes
// a second.
func TestWormStepFollowsTheLogisticAtAnyRate(t *testing.T) {
	cases := []struct {
		name  string
		scans float64 // per hour
		space int64
		hosts int64
	}{
		{"default worm, 100,000 hosts", 1, 0, 100_000},
		{"fast worm in a small network", 600, 0, 100_000},
		{"Code Red: 6/s over 2^32 addresses", 6 * 3600, 1 << 32, 360_000},
		{"100/s over 2^32 addresses, a million hosts", 100 * 3600, 1 << 32, 1_000_000},
		{"100/s over its own 100,000 hosts", 100 * 3600, 0, 100_000},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := scenarios.WormModel{Scans: c.scans, AddressSpace: c.space, Step: scenarios.Duration(1.0 / 6), Vulnerable: 1}
			hosts := []int64{c.hosts}
			w := NewWorm(hosts, 1)
			w.Omega = m.WormSpace(w.Omega)
			const i0 = 1000
			w.Seed(0, i0)
			n := float64(c.hosts)
			want := math.Log(n/i0-1) * float64(w.Omega) / (c.scans * n)
			rng := rand.New(rand.NewPCG(1, 2))
			now, steps := 0.0, 0
			for float64(w.Infected()) < n/2 {
				prev := float64(w.Infected())
				dt := m.WormStep(w.Susceptible(), w.Omega)
				w.Step(rng, dt, c.scans, []float64{0})
				steps++
				require.Less(t, steps, 1_000_000)
				if got := float64(w.Infected()); got >= n/2 {
					now += dt * (n/2 - prev) / (got - prev) // interpolated crossing
					break
				}
				now += dt
			}
			t.Logf("t½ %.4g h simulated, %.4g h closed form (%+.2f%%) in %d steps", now, want, 100*(now/want-1), steps)
			assert.InEpsilon(t, want, now, 0.02)
		})
	}
}
