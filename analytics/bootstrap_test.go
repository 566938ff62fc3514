package analytics

import (
	"context"
	"encoding/json"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestBootstrapSensitivity(t *testing.T) {
	t.Parallel()
	// y depends on the first parameter only; the second has no effect.
	rng := rand.New(rand.NewPCG(1, 2))
	n := 300
	x1, x2, y := make([]float64, n), make([]float64, n), make([]float64, n)
	for i := range n {
		x1[i], x2[i] = float64(i%10), float64((i/10)%10)
		y[i] = 2*x1[i] + rng.NormFloat64()*3
	}
	xs := [][]float64{x1, x2}
	ivs := bootstrapSensitivity(xs, y, 7, "harm")
	src, _ := standardisedCoefficients(xs, y)
	for j := range xs {
		assert.True(t, ivs.src[j].Contains(src[j]), "SRC %d: %v not in %v", j, src[j], ivs.src[j])
		rho := spearman(xs[j], y)
		assert.True(t, ivs.spearman[j].Contains(rho), "rho %d: %v not in %v", j, rho, ivs.spearman[j])
	}
	assert.Greater(t, ivs.src[0].Low, 0.5, "the first parameter's effect is clear")
	assert.True(t, ivs.src[1].Contains(0), "no effect: %v", ivs.src[1])
	assert.True(t, ivs.spearman[1].Contains(0), "no effect: %v", ivs.spearman[1])

	// Seeded: the same data and seed give the same intervals, another seed others.
	assert.Equal(t, ivs, bootstrapSensitivity(xs, y, 7, "harm"))
	assert.NotEqual(t, ivs, bootstrapSensitivity(xs, y, 8, "harm"))

	// A constant metric has no coefficients and no intervals.
	flat := make([]float64, n)
	ivs = bootstrapSensitivity(xs, flat, 7, "harm")
	assert.True(t, math.IsNaN(ivs.src[0].Low) && math.IsNaN(ivs.spearman[1].High))
}

func TestSweepSensitivityIntervals(t *testing.T) {
	t.Parallel()
	sums := make([]*Summary, 2)
	for k, workers := range []int{1, 2} {
		dir := t.TempDir()
		st := &Study{Kind: Sweep, Scenario: testScenario, N: 3, Design: LatinHypercube, Samples: 6, Dir: dir, Workers: workers}
		_, err := Run(context.Background(), st, nil)
		require.NoError(t, err)
		sums[k] = summarize(t, dir)
	}
	// NaN is not equal to itself: compare the JSON, as summary.json holds it.
	a, err := json.Marshal(sums[0].Sensitivity)
	require.NoError(t, err)
	b, err := json.Marshal(sums[1].Sensitivity)
	require.NoError(t, err)
	assert.Equal(t, string(a), string(b))
	checked := 0
	for _, in := range sums[0].Sensitivity {
		if math.IsNaN(float64(in.SRC)) {
			continue
		}
		checked++
		assert.LessOrEqual(t, float64(in.SRCLow), float64(in.SRC), "%s %s", in.Metric, in.Param)
		assert.GreaterOrEqual(t, float64(in.SRCHigh), float64(in.SRC), "%s %s", in.Metric, in.Param)
	}
	assert.Positive(t, checked)
}

// The weighted statistics of a resample are those of the resampled rows.
func TestWeightedStatisticsAreTheResamples(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(3, 4))
	n := 40
	x1, x2, y := make([]float64, n), make([]float64, n), make([]float64, n)
	for i := range n {
		x1[i], x2[i] = float64(i%4), float64(i%5)
		y[i] = x1[i] - 0.5*x2[i] + rng.NormFloat64()
	}
	y[3] = y[7] // a tie
	w := make([]float64, n)
	var rx1, rx2, ry []float64
	for range n {
		r := rng.IntN(n)
		w[r]++
		rx1, rx2, ry = append(rx1, x1[r]), append(rx2, x2[r]), append(ry, y[r])
	}
	wantSRC, _ := standardisedCoefficients([][]float64{rx1, rx2}, ry)
	gotSRC := weightedSRC([][]float64{x1, x2}, y, w)
	for j := range wantSRC {
		assert.InDelta(t, wantSRC[j], gotSRC[j], 1e-9)
	}
	ranksY, ranksX := make([]float64, n), make([]float64, n)
	weightedRanks(y, sortedOrder(y), w, ranksY)
	weightedRanks(x1, sortedOrder(x1), w, ranksX)
	assert.InDelta(t, spearman(rx1, ry), weightedPearson(ranksX, ranksY, w), 1e-12)
}
