package analytics

import (
	"math"
	"slices"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"
)

// The statistics of a study. Every function here is deterministic: it reads
// its input in order and never draws random numbers. Functions that need a
// sorted sample sort a copy, unless their name says otherwise.

// level is the confidence level of every interval and test in this package.
const level = 0.95

// z975 is the 0.975 quantile of the standard normal distribution.
var z975 = distuv.UnitNormal.Quantile(1 - (1-level)/2)

// interval is a two-sided confidence interval.
type interval struct {
	Low, High float64
}

// HalfWidth returns half the interval's width, the "±" of a mean.
func (iv interval) HalfWidth() float64 { return (iv.High - iv.Low) / 2 }

// Contains reports whether x lies in the closed interval.
func (iv interval) Contains(x float64) bool { return iv.Low <= x && x <= iv.High }

// description describes one sample.
type description struct {
	N        int
	Mean, SD float64 // SD is the sample standard deviation (n-1); NaN when N < 2
	Min, Max float64
	// Q holds the 5, 25, 50, 75 and 95% quantiles (Hyndman–Fan type 7).
	Q [5]float64
}

// quantileProbs are the probabilities of description.Q.
var quantileProbs = [5]float64{0.05, 0.25, 0.50, 0.75, 0.95}

// describe describes x. It sorts a copy of x: O(n log n) time, O(n) space.
// All fields are NaN when x is empty.
func describe(x []float64) description {
	d := description{N: len(x)}
	if len(x) == 0 {
		nan := math.NaN()
		d.Mean, d.SD, d.Min, d.Max = nan, nan, nan, nan
		for i := range d.Q {
			d.Q[i] = nan
		}
		return d
	}
	d.Mean, d.SD = meanSD(x)
	s := slices.Clone(x)
	slices.Sort(s)
	d.Min, d.Max = s[0], s[len(s)-1]
	for i, p := range quantileProbs {
		d.Q[i] = sortedQuantile(p, s)
	}
	return d
}

// meanSD returns the mean and the sample standard deviation (divisor n-1)
// of x, in two passes in the order of x: the sum divided by n (exact for
// counts and shares of runs), then the squared deviations from it. The
// standard deviation is NaN when len(x) < 2; both are NaN when x is empty.
func meanSD(x []float64) (mean, sd float64) {
	return meanSDOf(len(x), func(i int) float64 { return x[i] })
}

// meanSDOf is meanSD of the n values at(0), ..., at(n-1).
func meanSDOf(n int, at func(int) float64) (mean, sd float64) {
	if n == 0 {
		return math.NaN(), math.NaN()
	}
	var sum float64
	for i := 0; i < n; i++ {
		sum += at(i)
	}
	mean = sum / float64(n)
	if n < 2 {
		return mean, math.NaN()
	}
	var ss float64
	for i := 0; i < n; i++ {
		d := at(i) - mean
		ss += d * d
	}
	return mean, math.Sqrt(ss / float64(n-1))
}

// welford accumulates a mean and a sum of squared deviations in one pass,
// for series read as a stream (daily.csv).
type welford struct {
	n    int
	m    float64
	sum2 float64
}

func (w *welford) add(x float64) {
	w.n++
	d := x - w.m
	w.m += d / float64(w.n)
	w.sum2 += d * (x - w.m)
}

func (w *welford) mean() float64 {
	if w.n == 0 {
		return math.NaN()
	}
	return w.m
}

func (w *welford) sd() float64 {
	if w.n < 2 {
		return math.NaN()
	}
	return math.Sqrt(w.sum2 / float64(w.n-1))
}

// sortedQuantile returns the p quantile of the sorted sample s by linear
// interpolation between order statistics (Hyndman and Fan's type 7, the
// default of R's quantile and of NumPy and pandas). It panics if s is empty
// or p is outside [0, 1].
func sortedQuantile(p float64, s []float64) float64 {
	if len(s) == 0 || !(p >= 0 && p <= 1) {
		panic("analytics: quantile of an empty sample or out of [0, 1]")
	}
	h := p * float64(len(s)-1)
	lo := int(math.Floor(h))
	if lo >= len(s)-1 {
		return s[len(s)-1]
	}
	return s[lo] + (h-float64(lo))*(s[lo+1]-s[lo])
}

// tQuantile returns the 1-(1-level)/2 quantile of Student's t with df
// degrees of freedom; NaN when df < 1.
func tQuantile(df int) float64 {
	if df < 1 {
		return math.NaN()
	}
	return distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(df)}.Quantile(1 - (1-level)/2)
}

// meanCI returns the level confidence interval of the mean of a sample of n
// values with the given mean and standard deviation, by Student's t with
// n-1 degrees of freedom. It is NaN when n < 2.
func meanCI(mean, sd float64, n int) interval {
	if n < 2 {
		return interval{math.NaN(), math.NaN()}
	}
	h := tQuantile(n-1) * sd / math.Sqrt(float64(n))
	return interval{mean - h, mean + h}
}

// wilson returns the Wilson score interval (Wilson 1927) at level for k
// successes in n trials: it stays within [0, 1] and behaves well near 0
// and 1, where the normal approximation fails. It is NaN when n is 0.
func wilson(k, n int) interval {
	if n <= 0 {
		return interval{math.NaN(), math.NaN()}
	}
	z := z975
	nf := float64(n)
	p := float64(k) / nf
	z2 := z * z
	den := 1 + z2/nf
	centre := (p + z2/(2*nf)) / den
	half := z / den * math.Sqrt(p*(1-p)/nf+z2/(4*nf*nf))
	return interval{math.Max(0, centre-half), math.Min(1, centre+half)}
}

// paired is the comparison of two paired samples x (a variant) and y (the
// base): the differences x[i]-y[i].
type paired struct {
	N      int
	Diff   float64  // mean difference, x - y
	SD     float64  // standard deviation of the differences
	CI     interval // level interval of the mean difference
	Effect float64  // Cohen's d for paired samples (d_z): Diff / SD; NaN when SD is 0
	P      float64  // two-sided p-value of the test
	Test   string   // "paired-t" or "mcnemar-exact"
	// For binary samples: the discordant pairs, x=1,y=0 (Up) and x=0,y=1 (Down).
	Up, Down int
}

// pairedT compares paired samples x and y (same length) by the paired
// t-test: the mean difference, its Student t interval, Cohen's d_z and the
// two-sided p-value. When every difference is the same, the interval is
// that difference and P is 1 if it is 0, else 0. It panics if the lengths
// differ.
func pairedT(x, y []float64) paired {
	if len(x) != len(y) {
		panic("analytics: paired samples of different lengths")
	}
	r := paired{N: len(x), Test: "paired-t"}
	r.Diff, r.SD = meanSDOf(len(x), func(i int) float64 { return x[i] - y[i] })
	r.CI = meanCI(r.Diff, r.SD, r.N)
	r.Effect, r.P = math.NaN(), math.NaN()
	switch {
	case r.N < 2:
	case r.SD == 0:
		r.CI = interval{r.Diff, r.Diff}
		r.P = 1
		if r.Diff != 0 {
			r.P = 0
		}
	default:
		r.Effect = r.Diff / r.SD
		t := r.Diff / (r.SD / math.Sqrt(float64(r.N)))
		r.P = math.Min(1, 2*distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(r.N - 1)}.Survival(math.Abs(t)))
	}
	return r
}

// pairedBinary compares paired 0/1 samples x (a variant) and y (the base):
// the difference of proportions with Newcombe's square-and-add interval for
// paired data (Newcombe 1998, method 10, with the continuity-corrected
// correlation of Fagerland, Lydersen and Laake 2017), McNemar's exact test
// (a two-sided binomial test on the discordant pairs) and Cohen's d_z of
// the differences. It panics if the lengths differ.
func pairedBinary(x, y []float64) paired {
	r := pairedT(x, y)
	r.Test = "mcnemar-exact"
	var both, up, down, neither int
	for i := range x {
		switch {
		case x[i] != 0 && y[i] != 0:
			both++
		case x[i] != 0:
			up++
		case y[i] != 0:
			down++
		default:
			neither++
		}
	}
	r.Up, r.Down = up, down
	r.CI = newcombePaired(both, up, down, neither)
	r.P = mcNemarExact(up, down)
	return r
}

// newcombePaired returns Newcombe's square-and-add interval at level for
// the difference p1 - p2 of paired proportions, from the 2×2 table of pairs:
// both (1,1), only1 (1,0), only2 (0,1) and neither (0,0). The correlation
// term is corrected for continuity as in Fagerland, Lydersen and Laake
// (2017, ch. 8), which R's contingencytables implements. NaN when the table
// is empty.
func newcombePaired(both, only1, only2, neither int) interval {
	n := both + only1 + only2 + neither
	if n == 0 {
		return interval{math.NaN(), math.NaN()}
	}
	nf := float64(n)
	r1, r2 := both+only1, only2+neither // rows: sample 1 is 1 / is 0
	c1, c2 := both+only2, only1+neither // columns: sample 2 is 1 / is 0
	p1, p2 := float64(r1)/nf, float64(c1)/nf
	w1, w2 := wilson(r1, n), wilson(c1, n)
	psi := 0.0
	if r1 > 0 && r2 > 0 && c1 > 0 && c2 > 0 {
		prod := float64(r1) * float64(r2) * float64(c1) * float64(c2)
		a := float64(both)*float64(neither) - float64(only1)*float64(only2)
		switch {
		case a > nf/2:
			psi = (a - nf/2) / math.Sqrt(prod)
		case a < 0:
			psi = a / math.Sqrt(prod)
		}
	}
	d := p1 - p2
	dl1, du1 := p1-w1.Low, w1.High-p1
	dl2, du2 := p2-w2.Low, w2.High-p2
	lo := d - math.Sqrt(math.Max(0, dl1*dl1+du2*du2-2*psi*dl1*du2))
	hi := d + math.Sqrt(math.Max(0, dl2*dl2+du1*du1-2*psi*dl2*du1))
	return interval{math.Max(-1, lo), math.Min(1, hi)}
}

// mcNemarExact returns the two-sided p-value of McNemar's exact test for b
// and c discordant pairs: twice the binomial(b+c, 1/2) probability of a
// count as small as min(b, c), capped at 1. It is 1 when there are no
// discordant pairs.
func mcNemarExact(b, c int) float64 {
	if b+c == 0 {
		return 1
	}
	k := min(b, c)
	return math.Min(1, 2*distuv.Binomial{N: float64(b + c), P: 0.5}.CDF(float64(k)))
}

// holm adjusts p-values for multiple comparisons by Holm's step-down
// method, which controls the family-wise error rate. NaN p-values are left
// as they are and do not count. The result has the order of p.
func holm(p []float64) []float64 {
	idx := make([]int, 0, len(p))
	for i, v := range p {
		if !math.IsNaN(v) {
			idx = append(idx, i)
		}
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		switch {
		case p[a] < p[b]:
			return -1
		case p[a] > p[b]:
			return 1
		}
		return 0
	})
	out := slices.Clone(p)
	m := len(idx)
	run := 0.0
	for rank, i := range idx {
		adj := math.Min(1, float64(m-rank)*p[i])
		run = math.Max(run, adj)
		out[i] = run
	}
	return out
}

// ranks returns the ranks of x, from 1, ties sharing their average rank.
func ranks(x []float64) []float64 {
	idx := make([]int, len(x))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		switch {
		case x[a] < x[b]:
			return -1
		case x[a] > x[b]:
			return 1
		}
		return 0
	})
	r := make([]float64, len(x))
	for i := 0; i < len(idx); {
		j := i + 1
		for j < len(idx) && x[idx[j]] == x[idx[i]] {
			j++
		}
		avg := float64(i+j+1) / 2 // ranks i+1..j
		for k := i; k < j; k++ {
			r[idx[k]] = avg
		}
		i = j
	}
	return r
}

// spearman returns Spearman's rank correlation of x and y: the Pearson
// correlation of their ranks (ties averaged). NaN when either is constant.
func spearman(x, y []float64) float64 {
	if len(x) != len(y) {
		panic("analytics: Spearman of samples of different lengths")
	}
	if len(x) < 2 {
		return math.NaN()
	}
	return pearson(ranks(x), ranks(y))
}

func pearson(x, y []float64) float64 {
	_, sx := meanSD(x)
	_, sy := meanSD(y)
	if sx == 0 || sy == 0 || math.IsNaN(sx) || math.IsNaN(sy) {
		return math.NaN()
	}
	return stat.Correlation(x, y, nil)
}

// standardisedCoefficients returns the standardised regression
// coefficients (SRC) of y on the columns xs (each as long as y): the
// least-squares coefficients of the model
// y = b0 + Σ bj xj, each multiplied by sd(xj)/sd(y), and the model's R². A
// coefficient is NaN for a constant column; all are NaN when y is constant
// or there are fewer rows than columns plus two. SRCs read as "standard
// deviations of y per standard deviation of xj" and are trustworthy as a
// ranking of influence when R² is high (say above 0.7) and the columns are
// uncorrelated, as in a grid or a Latin hypercube.
func standardisedCoefficients(xs [][]float64, y []float64) (src []float64, r2 float64) {
	src = make([]float64, len(xs))
	for i := range src {
		src[i] = math.NaN()
	}
	n := len(y)
	my, sy := meanSD(y)
	var use []int
	means := make([]float64, len(xs))
	sds := make([]float64, len(xs))
	for j, x := range xs {
		if len(x) != n {
			panic("analytics: SRC columns of different lengths")
		}
		means[j], sds[j] = meanSD(x)
		if sds[j] > 0 {
			use = append(use, j)
		}
	}
	if n < len(use)+2 || !(sy > 0) || len(use) == 0 {
		return src, math.NaN()
	}
	// Standardise, then solve the least-squares problem by QR (mat.Dense.Solve).
	a := mat.NewDense(n, len(use), nil)
	b := mat.NewVecDense(n, nil)
	for i := 0; i < n; i++ {
		for k, j := range use {
			a.Set(i, k, (xs[j][i]-means[j])/sds[j])
		}
		b.SetVec(i, (y[i]-my)/sy)
	}
	var beta mat.VecDense
	if err := beta.SolveVec(a, b); err != nil {
		return src, math.NaN()
	}
	var fit mat.VecDense
	fit.MulVec(a, &beta)
	var sse, sst float64
	for i := 0; i < n; i++ {
		e := b.AtVec(i) - fit.AtVec(i)
		sse += e * e
		sst += b.AtVec(i) * b.AtVec(i)
	}
	for k, j := range use {
		src[j] = beta.AtVec(k)
	}
	return src, 1 - sse/sst
}

// checkpointNs returns the sample sizes at which a study reports the
// convergence of its intervals: 10, 20, 50, 100, 200, 500, ... up to n,
// and n itself.
func checkpointNs(n int) []int {
	var out []int
	for scale := 10; scale <= n; scale *= 10 {
		for _, m := range []int{1, 2, 5} {
			if c := m * scale; c <= n {
				out = append(out, c)
			}
		}
	}
	if len(out) == 0 || out[len(out)-1] != n {
		out = append(out, n)
	}
	return out
}
