package analytics

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/stat"
)

// The published values below were also recomputed from the formulas by
// hand (Python) before being asserted.

func TestWilsonPublished(t *testing.T) {
	// Newcombe (1998), "Two-sided confidence intervals for the single
	// proportion", Stat Med 17:857-872, Table I, method 3 (score, no
	// continuity correction).
	for _, c := range []struct {
		k, n      int
		low, high float64
	}{
		{81, 263, 0.2553, 0.3662},
		{15, 148, 0.0624, 0.1605},
		{0, 20, 0.0000, 0.1611},
		{1, 29, 0.0061, 0.1718},
		{29, 29, 0.8830, 1.0000},
	} {
		iv := wilson(c.k, c.n)
		assert.InDelta(t, c.low, iv.Low, 5e-5, "%d/%d low", c.k, c.n)
		assert.InDelta(t, c.high, iv.High, 5e-5, "%d/%d high", c.k, c.n)
	}
	assert.True(t, math.IsNaN(wilson(0, 0).Low))
}

func TestNewcombePairedPublished(t *testing.T) {
	// Complete response before and after consolidation therapy (Cavo et
	// al. 2012), Fagerland, Lydersen and Laake (2017), ch. 8: the table
	// (59, 6; 16, 80), difference -0.0621, square-and-add interval
	// -0.1186 to -0.0046 (as R's contingencytables reports).
	iv := newcombePaired(59, 6, 16, 80)
	assert.InDelta(t, -0.1186, iv.Low, 5e-5)
	assert.InDelta(t, -0.0046, iv.High, 5e-5)
	// Built from paired 0/1 samples, the same table gives the same answer.
	var x, y []float64
	add := func(n int, a, b float64) {
		for range n {
			x, y = append(x, a), append(y, b)
		}
	}
	add(59, 1, 1)
	add(6, 1, 0)
	add(16, 0, 1)
	add(80, 0, 0)
	p := pairedBinary(x, y)
	assert.InDelta(t, -10.0/161, p.Diff, 1e-15)
	assert.Equal(t, iv, p.CI)
	assert.Equal(t, 6, p.Up)
	assert.Equal(t, 16, p.Down)
	assert.Equal(t, "mcnemar-exact", p.Test)
	assert.InDelta(t, mcNemarExact(6, 16), p.P, 0)
}

func TestMcNemarExact(t *testing.T) {
	// b=1, c=7: 2·P(X ≤ 1), X ~ Bin(8, 1/2) = 2·(1+8)/256.
	assert.InDelta(t, 18.0/256, mcNemarExact(1, 7), 1e-12)
	assert.InDelta(t, 18.0/256, mcNemarExact(7, 1), 1e-12)
	assert.Equal(t, 1.0, mcNemarExact(0, 0))
	assert.Equal(t, 1.0, mcNemarExact(3, 3))
	// b=0, c=5: 2/32.
	assert.InDelta(t, 2.0/32, mcNemarExact(0, 5), 1e-12)
}

func TestPairedTSleep(t *testing.T) {
	// Student's (1908) sleep data, R: t.test(extra ~ group, data = sleep,
	// paired = TRUE) gives t = 4.0621 on 9 df, p = 0.002833, 95% interval
	// 0.7001142 to 2.4598858 (for group 2 - group 1).
	g1 := []float64{0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0}
	g2 := []float64{1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4}
	p := pairedT(g2, g1)
	assert.Equal(t, 10, p.N)
	assert.InDelta(t, 1.58, p.Diff, 1e-12)
	assert.InDelta(t, 1.2299954832798732, p.SD, 1e-12)
	assert.InDelta(t, 0.7001142, p.CI.Low, 5e-7)
	assert.InDelta(t, 2.4598858, p.CI.High, 5e-7)
	assert.InDelta(t, 0.002833, p.P, 5e-7)
	assert.InDelta(t, 1.58/1.2299954832798732, p.Effect, 1e-12)
	assert.Equal(t, "paired-t", p.Test)
}

func TestPairedTDegenerate(t *testing.T) {
	same := pairedT([]float64{1, 2, 3}, []float64{1, 2, 3})
	assert.Equal(t, 0.0, same.Diff)
	assert.Equal(t, interval{0, 0}, same.CI)
	assert.Equal(t, 1.0, same.P)
	assert.True(t, math.IsNaN(same.Effect))
	shifted := pairedT([]float64{2, 3, 4}, []float64{1, 2, 3})
	assert.Equal(t, interval{1, 1}, shifted.CI)
	assert.Equal(t, 0.0, shifted.P)
	one := pairedT([]float64{2}, []float64{1})
	assert.True(t, math.IsNaN(one.CI.Low))
	assert.Panics(t, func() { pairedT([]float64{1}, nil) })
}

func TestDescribe(t *testing.T) {
	// R: quantile(1:10, c(.05, .25, .5, .75, .95)) = 1.45 3.25 5.50 7.75 9.55
	x := []float64{7, 3, 10, 1, 5, 9, 2, 8, 4, 6}
	d := describe(x)
	assert.Equal(t, 10, d.N)
	assert.InDelta(t, 5.5, d.Mean, 1e-15)
	assert.InDelta(t, math.Sqrt(55.0/6), d.SD, 1e-14) // var(1:10) = 9.1667
	assert.Equal(t, 1.0, d.Min)
	assert.Equal(t, 10.0, d.Max)
	for i, want := range []float64{1.45, 3.25, 5.5, 7.75, 9.55} {
		assert.InDelta(t, want, d.Q[i], 1e-12, "q%v", quantileProbs[i])
	}
	assert.Equal(t, []float64{7, 3, 10, 1, 5, 9, 2, 8, 4, 6}, x, "describe must not reorder its input")
	// Against gonum's mean and standard deviation.
	mean, sd := stat.MeanStdDev(x, nil)
	assert.InDelta(t, mean, d.Mean, 1e-14)
	assert.InDelta(t, sd, d.SD, 1e-14)
	e := describe(nil)
	assert.True(t, math.IsNaN(e.Mean) && math.IsNaN(e.Q[2]))
	one := describe([]float64{4})
	assert.Equal(t, 4.0, one.Q[0])
	assert.True(t, math.IsNaN(one.SD))
}

func TestMeanCI(t *testing.T) {
	// t(0.975, 9) = 2.262157; mean 10, sd 2, n 10: 10 ± 2.262157·2/√10.
	iv := meanCI(10, 2, 10)
	h := 2.2621571627409915 * 2 / math.Sqrt(10)
	assert.InDelta(t, 10-h, iv.Low, 1e-9)
	assert.InDelta(t, 10+h, iv.High, 1e-9)
	assert.InDelta(t, h, iv.HalfWidth(), 1e-9)
	assert.True(t, math.IsNaN(meanCI(1, 0, 1).Low))
}

func TestHolm(t *testing.T) {
	// R: p.adjust(c(0.01, 0.04, 0.03, 0.005), "holm") = 0.03 0.06 0.06 0.02
	got := holm([]float64{0.01, 0.04, 0.03, 0.005})
	for i, want := range []float64{0.03, 0.06, 0.06, 0.02} {
		assert.InDelta(t, want, got[i], 1e-15)
	}
	nan := holm([]float64{0.01, math.NaN(), 0.5})
	assert.InDelta(t, 0.02, nan[0], 1e-15)
	assert.True(t, math.IsNaN(nan[1]))
	assert.InDelta(t, 0.5, nan[2], 1e-15)
}

func TestRanksAndSpearman(t *testing.T) {
	assert.Equal(t, []float64{1, 2, 3.5, 5, 3.5}, ranks([]float64{5, 6, 7, 8, 7}))
	// By hand: 8/√95; scipy.stats.spearmanr gives 0.8207826816681233.
	assert.InDelta(t, 0.8207826816681233, spearman([]float64{1, 2, 3, 4, 5}, []float64{5, 6, 7, 8, 7}), 1e-12)
	assert.InDelta(t, -1, spearman([]float64{1, 2, 3}, []float64{30, 20, 10}), 1e-15)
	assert.True(t, math.IsNaN(spearman([]float64{1, 1, 1}, []float64{1, 2, 3})))
}

func TestSRC(t *testing.T) {
	// y = 1 + 3·x1 - 2·x2 on a 3×3 grid: x1 and x2 are uncorrelated with
	// sd √0.75 each (n-1 divisor: √(6/8)); sd(y) = √(9+4)·sd(x).
	var x1, x2, y []float64
	for _, a := range []float64{-1, 0, 1} {
		for _, b := range []float64{-1, 0, 1} {
			x1, x2 = append(x1, a), append(x2, b)
			y = append(y, 1+3*a-2*b)
		}
	}
	src, r2 := standardisedCoefficients([][]float64{x1, x2}, y)
	require.Len(t, src, 2)
	assert.InDelta(t, 3/math.Sqrt(13), src[0], 1e-12)
	assert.InDelta(t, -2/math.Sqrt(13), src[1], 1e-12)
	assert.InDelta(t, 1, r2, 1e-12)
	// A constant column has no coefficient; the others still do.
	c := []float64{5, 5, 5, 5, 5, 5, 5, 5, 5}
	src, _ = standardisedCoefficients([][]float64{x1, c, x2}, y)
	assert.True(t, math.IsNaN(src[1]))
	assert.InDelta(t, 3/math.Sqrt(13), src[0], 1e-12)
}

func TestCheckpoints(t *testing.T) {
	assert.Equal(t, []int{10, 20, 50, 100, 200, 250}, checkpointNs(250))
	assert.Equal(t, []int{10, 20, 50, 100}, checkpointNs(100))
	assert.Equal(t, []int{5}, checkpointNs(5))
	assert.Equal(t, []int{10, 15}, checkpointNs(15))
}
