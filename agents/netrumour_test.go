package agents

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"cpkrange/scenarios"
)

// meanFieldReach integrates the mean-field equations of NetworkRumour with
// RK4 and returns the final share reached.
func meanFieldReach(classes []DegreeClass, seed, lambda, beta, stop float64) float64 {
	n := len(classes)
	x := make([]float64, n)
	y := make([]float64, n)
	for i := range classes {
		x[i] = 1 - seed
		y[i] = seed
	}
	deriv := func(x, y []float64) ([]float64, []float64) {
		var ts, tk float64
		for i, c := range classes {
			ts += c.K * c.Share * y[i]
			tk += c.K * c.Share * (1 - x[i])
		}
		dx := make([]float64, n)
		dy := make([]float64, n)
		for i, c := range classes {
			dx[i] = -lambda * beta * c.K * x[i] * ts
			dy[i] = -dx[i] - lambda*c.K*y[i]*tk - stop*y[i]
		}
		return dx, dy
	}
	h := 0.01 / lambda / 50
	for step := 0; step < 20_000_000; step++ {
		add := func(a, b []float64, s float64) []float64 {
			o := make([]float64, n)
			for i := range a {
				o[i] = a[i] + s*b[i]
			}
			return o
		}
		k1x, k1y := deriv(x, y)
		k2x, k2y := deriv(add(x, k1x, h/2), add(y, k1y, h/2))
		k3x, k3y := deriv(add(x, k2x, h/2), add(y, k2y, h/2))
		k4x, k4y := deriv(add(x, k3x, h), add(y, k3y, h))
		ysum := 0.0
		for i := range x {
			x[i] += h / 6 * (k1x[i] + 2*k2x[i] + 2*k3x[i] + k4x[i])
			y[i] += h / 6 * (k1y[i] + 2*k2y[i] + 2*k3y[i] + k4y[i])
			ysum += classes[i].Share * y[i]
		}
		if ysum < 1e-9 {
			break
		}
	}
	r := 0.0
	for i, c := range classes {
		r += c.Share * (1 - x[i])
	}
	return r
}

// TestNetworkRumourHomogeneousIsMakiThompson: on a network where everyone
// has the mean contacts, fully credible and never forgotten, the network
// rumour is Rumour's Maki–Thompson model draw for draw.
func TestNetworkRumourHomogeneousIsMakiThompson(t *testing.T) {
	for seed := range uint64(5) {
		a := NewRumour(200_000, 20, MakiThompson)
		b := NewNetworkRumour(200_000, 20, HomogeneousDegrees(), 1)
		ra, rb := rand.New(rand.NewPCG(seed, 1)), rand.New(rand.NewPCG(seed, 1))
		for step := 0; !a.Done(); step++ {
			a.Step(ra, 0.25, 0.25, 0.01)
			b.Step(rb, 0.25, 0.25, 0.01)
			require.Equal(t, []int64{a.X, a.Y, a.Z}, []int64{b.X[0], b.Y[0], b.Z[0]}, "seed %d step %d", seed, step)
		}
		assert.True(t, b.Done())
		assert.Equal(t, a.Reached(), b.Reached())
	}
}

// TestNetworkRumourMatchesItsMeanField runs the rumour on a million people
// for each network shape, credibility and forgetting rate and compares the
// mean share reached over five runs with the mean-field equations of
// Moreno, Nekovee & Pacheco (2004) and Nekovee et al. (2007): within one
// point at a fine step. The reach depends on what a scenario sets: the more
// unequal the contacts, the less credible the rumour or the sooner it is
// forgotten, the fewer people it reaches.
func TestNetworkRumourMatchesItsMeanField(t *testing.T) {
	const lambda, dt = 0.25, 0.05
	cases := []struct {
		name        string
		classes     []DegreeClass
		beta, stop  float64
		wantBetween [2]float64 // the mean-field reach must fall here
	}{
		{"well mixed", HomogeneousDegrees(), 1, 0, [2]float64{0.79, 0.80}}, // Maki–Thompson: 0.797
		{"scale-free γ=3", ScaleFreeDegrees(3, 1000), 1, 0, [2]float64{0.6, 0.75}},
		{"scale-free γ=2.5", ScaleFreeDegrees(2.5, 1000), 1, 0, [2]float64{0.4, 0.6}},
		{"half credible", HomogeneousDegrees(), 0.5, 0, [2]float64{0.4, 0.75}},
		{"forgotten in a day", HomogeneousDegrees(), 1, 1.0 / 24, [2]float64{0.3, 0.79}},
	}
	prev := map[bool]float64{}
	for i, c := range cases {
		mf := meanFieldReach(c.classes, 1e-5, lambda, c.beta, c.stop)
		assert.True(t, mf >= c.wantBetween[0] && mf <= c.wantBetween[1], "%s: mean field %.4f outside %v", c.name, mf, c.wantBetween)
		sum := 0.0
		for s := range uint64(5) {
			rng := rand.New(rand.NewPCG(s, 9))
			r := NewNetworkRumour(1_000_000, 10, c.classes, c.beta)
			for !r.Done() {
				r.Step(rng, dt, lambda, c.stop)
			}
			sum += r.Reached()
		}
		got := sum / 5
		t.Logf("%s: stochastic %.4f, mean field %.4f", c.name, got, mf)
		assert.InDelta(t, mf, got, 0.01, c.name)
		if i > 0 {
			assert.Less(t, got, prev[true], "%s reaches fewer than the well-mixed case", c.name)
		} else {
			prev[true] = got
		}
	}
}

func TestScaleFreeDegreesAreADistribution(t *testing.T) {
	classes := ScaleFreeDegrees(2.5, 1000)
	var share, mean float64
	for _, c := range classes {
		share += c.Share
		mean += c.Share * c.K
	}
	assert.InDelta(t, 1, share, 1e-12)
	assert.InDelta(t, 1, mean, 1e-12, "K is relative to the mean")
	assert.Greater(t, classes[len(classes)-1].K, 100.0, "hubs have hundreds of times the mean contacts")
	assert.Panics(t, func() { ScaleFreeDegrees(1, 10) })
}

// TestRumourBlamePressesAgainstTheStateBlamed starts a rumour in east that
// blames west: the public pressure it raises is against west, and only
// west, and it is what east's drive to answer west feels.
func TestRumourBlamePressesAgainstTheStateBlamed(t *testing.T) {
	sc, _, err := scenarios.Open("../testdata/scenarios/small.toml", scenarios.Options{})
	require.NoError(t, err)
	w, err := Build(sc, 1, recorderFunc(func(Record) {}))
	require.NoError(t, err)
	east, west := w.stateIdx["east"], w.stateIdx["west"]
	w.startRumour(east, 0.01, 0, west)
	i := len(w.rumours) - 1
	for !w.rumours[i].done {
		w.rumourStep(i)
	}
	st := &w.states[east]
	assert.Greater(t, st.against[west], 0.1)
	assert.Zero(t, st.against[east])
	assert.Zero(t, st.pressure, "a rumour that blames someone presses against them, not in general")
	assert.Equal(t, st.against[west], st.pressureOn(west))
	felt, most := st.felt()
	assert.Equal(t, st.against[west], felt)
	assert.Equal(t, west, most)
}
