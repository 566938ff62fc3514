package agents

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/stat/distuv"
)

func TestBinomialEdgeCases(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	for range 1000 {
		require.Zero(t, binomial(rng, 0, 0.3), "n = 0")
		require.Zero(t, binomial(rng, -5, 0.3), "n < 0")
		require.Zero(t, binomial(rng, 10, 0), "p = 0")
		require.Zero(t, binomial(rng, 10, -0.1), "p < 0")
		require.Zero(t, binomial(rng, 10, math.NaN()), "p NaN")
		require.Equal(t, int64(10), binomial(rng, 10, 1), "p = 1")
		require.Equal(t, int64(10), binomial(rng, 10, 1.5), "p > 1")
		require.Equal(t, int64(1e9), binomial(rng, 1e9, 1), "p = 1, huge n")
		require.Zero(t, binomial(rng, 1e18, 0), "p = 0, huge n")
	}
}

// TestBinomialMoments checks the sample mean and variance of every branch
// of binomial (inversion, gonum, normal, Poisson; with and without the
// reflection p > 1/2) against np and np(1-p), to five standard errors.
func TestBinomialMoments(t *testing.T) {
	const draws = 100_000
	cases := []struct {
		n int64
		p float64
	}{
		{1, 0.5},
		{20, 0.3},         // inversion
		{1000, 0.01},      // inversion, np = 10
		{1000, 0.99},      // inversion, reflected
		{100, 0.35},       // gonum just past the threshold
		{100_000, 0.5},    // gonum
		{1e9, 0.3},        // gonum, huge n
		{1e9, 0.9},        // gonum, huge n, reflected
		{1e9, 1e-8},       // inversion, huge n, np = 10
		{4e9, 1e-6},       // gonum near its largest n
		{1e12, 0.3},       // normal
		{1e12, 1e-9},      // Poisson, np = 1000
		{1e15, 1e-14},     // inversion, np = 10
		{1e18, 1 - 1e-17}, // inversion, reflected, n(1-p) = 10
	}
	for i, c := range cases {
		t.Run(fmt.Sprintf("n=%d,p=%g", c.n, c.p), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(uint64(i), 7))
			// Welford's running mean and variance, on k - np to keep the
			// precision at n = 1e18.
			n, p := float64(c.n), c.p
			mu := n * p
			var mean, m2 float64
			for j := range draws {
				k := binomial(rng, c.n, c.p)
				require.True(t, 0 <= k && k <= c.n, "draw %d out of [0, n]", k)
				x := float64(k) - mu
				if c.n > 1<<53 {
					x = -(float64(c.n-k) - n*(1-p))
				}
				d := x - mean
				mean += d / float64(j+1)
				m2 += d * (x - mean)
			}
			variance := m2 / (draws - 1)
			want := n * p * (1 - p)
			// Excess kurtosis of the binomial sets the spread of the sample
			// variance.
			// (It is -2 at n = 1, p = 1/2, where the sample variance barely
			// moves; the floor keeps a tolerance there.)
			kurt := max((1-6*p*(1-p))/want, -1.9)
			assert.InDelta(t, 0, mean, 5*math.Sqrt(want/draws), "mean - np")
			assert.InDelta(t, want, variance, 5*want*math.Sqrt((2+kurt)/draws), "variance")
		})
	}
}

// TestBinomialDistribution compares histograms with the binomial pmf by a
// chi-square test, for the exact branches: matching moments alone would
// not catch a sampler with the wrong shape.
func TestBinomialDistribution(t *testing.T) {
	const draws = 200_000
	cases := []struct {
		n int64
		p float64
	}{
		{20, 0.3},     // inversion
		{1000, 0.02},  // inversion, np = 20
		{50, 0.9},     // inversion, reflected
		{200, 0.3},    // gonum
		{1e9, 2e-8},   // inversion, huge n
		{1e9, 1e-7},   // gonum, huge n, np = 100
		{1e13, 1e-11}, // Poisson, np = 100
	}
	for i, c := range cases {
		t.Run(fmt.Sprintf("n=%d,p=%g", c.n, c.p), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(uint64(i), 11))
			// gonum's binomial pmf takes lgamma(n) too, so past 2^32 the
			// reference is the Poisson pmf, within p = 1e-11 of it in
			// total variation.
			var ref interface {
				Mean() float64
				StdDev() float64
				Prob(float64) float64
				CDF(float64) float64
			} = distuv.Binomial{N: float64(c.n), P: c.p}
			if c.n > binomialExactMax {
				ref = distuv.Poisson{Lambda: float64(c.n) * c.p}
			}
			mu, sd := ref.Mean(), ref.StdDev()
			lo := max(0, int64(mu-6*sd))
			hi := min(c.n, int64(mu+6*sd)+1)
			counts := make([]float64, hi-lo+1)
			for range draws {
				k := binomial(rng, c.n, c.p)
				counts[min(max(k, lo), hi)-lo]++
			}
			// Cells: each k in [lo, hi] with the tails folded into the end
			// cells, then merged from the left until each expects >= 10.
			var chi2, obs, exp float64
			cells := 0
			for k := lo; k <= hi; k++ {
				var pk float64
				switch k {
				case lo:
					pk = ref.CDF(float64(lo))
				case hi:
					pk = 1 - ref.CDF(float64(hi-1))
				default:
					pk = ref.Prob(float64(k))
				}
				obs += counts[k-lo]
				exp += pk * draws
				if exp >= 10 || k == hi {
					chi2 += (obs - exp) * (obs - exp) / exp
					obs, exp = 0, 0
					cells++
				}
			}
			require.Greater(t, cells, 3)
			limit := distuv.ChiSquared{K: float64(cells - 1)}.Quantile(1 - 1e-4)
			assert.Less(t, chi2, limit, "chi-square over %d cells", cells)
		})
	}
}

func TestBinomialDeterministic(t *testing.T) {
	a := rand.New(rand.NewPCG(3, 4))
	b := rand.New(rand.NewPCG(3, 4))
	for i := range 10_000 {
		n := int64(i) * 1_000_003
		p := float64(i%97) / 96
		require.Equal(t, binomial(a, n, p), binomial(b, n, p))
	}
}
