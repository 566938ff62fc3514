package agents

import (
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/stat/distuv"
)

// binomialSmall is the mean n·min(p, 1-p) below which binomial samples by
// inversion. Inversion costs about one multiply per unit of mean, so it is
// the faster exact method up to here; above it gonum's rejection sampler,
// whose cost does not grow with the mean, wins.
const binomialSmall = 30

// binomialExactMax is the largest n for which gonum's rejection sampler is
// used. Its acceptance test takes differences of lgamma values of order
// n·ln n, which keep about 1e-5 of absolute precision at n = 2^32 and lose it
// fast beyond (at n = 1e16 the rounding is larger than 1).
const binomialExactMax = 1 << 32

// binomialNormalMin is the variance n·p·(1-p) from which, for n beyond
// binomialExactMax, binomial uses the normal approximation.
const binomialNormalMin = 1e5

// binomial draws from Binomial(n, p) using only rng:
//
//   - n·min(p, 1-p) < 30: inversion by sequential search from k = 0, with
//     the pmf recurrence f(k+1) = f(k)·(n-k)/(k+1)·p/(1-p), on the smaller
//     of p and 1-p (then reflected). f(0) = (1-p)^n ≥ e^(-42) here, so it
//     cannot underflow whatever n. Exact, and one uniform per draw but for
//     a redraw about once in 1e16.
//   - n ≤ 2^32: gonum's distuv.Binomial (Numerical Recipes' rejection from
//     a Cauchy envelope), given rng as its source. Exact up to rounding.
//   - n > 2^32 (more hosts or people than any one state has, but a count
//     the world might still pass): when npq ≥ 1e5,
//     round(np + sqrt(npq)·Z) clamped to [0, n], whose CDF is then off by at
//     most 2e-4; otherwise Poisson(np) (gonum's PTRS), whose total variation
//     distance from the binomial is at most p < 2e5/2^32 ≈ 5e-5 (Le Cam).
//
// Why gonum and not a normal approximation for large n: measured on the
// 2-core reference machine, gonum's sampler does not allocate (its
// rand.New(Src) stays on the stack) and costs about 300 ns a draw, against
// about 10 ns for the normal draw. The normal approximation's mean and
// variance are right to within the rounding (+1/12 on the variance), but its
// distribution is not: at the threshold (n = 1000, p = 0.03) its CDF is off
// by up to 0.012 and its pmf by a factor of 15 where the pmf is 1e-6; at
// n = 1e9, p = 1e-6 (np = 1000) the CDF is still off by 0.002. A few hundred
// nanoseconds are small beside a world step, and with an exact sampler the
// only error left in the sub-models is the leap's own, which their theory
// tests then measure alone.
//
// n ≤ 0 or p ≤ 0 (or NaN) gives 0; p ≥ 1 gives n. Results depend only on
// the state of rng. No allocation.
func binomial(rng *rand.Rand, n int64, p float64) int64 {
	if n <= 0 || !(p > 0) {
		return 0
	}
	if p >= 1 {
		return n
	}
	flip := p > 0.5
	if flip {
		p = 1 - p
	}
	nf := float64(n)
	var k int64
	switch mean := nf * p; {
	case mean < binomialSmall:
		k = binomialInversion(rng, n, p)
	case n <= binomialExactMax:
		k = int64(distuv.Binomial{N: nf, P: p, Src: rng}.Rand())
	case mean*(1-p) >= binomialNormalMin:
		k = int64(math.Floor(mean + math.Sqrt(mean*(1-p))*rng.NormFloat64() + 0.5))
	default:
		k = int64(distuv.Poisson{Lambda: mean, Src: rng}.Rand())
	}
	k = min(max(k, 0), n)
	if flip {
		return n - k
	}
	return k
}

// binomialInversion draws Binomial(n, p) for 0 < p ≤ 1/2 and n·p < 30 by
// walking the pmf from k = 0 until the uniform is used up.
func binomialInversion(rng *rand.Rand, n int64, p float64) int64 {
	ratio := p / (1 - p)
	f0 := math.Exp(float64(n) * math.Log1p(-p))
	for {
		u := rng.Float64()
		f := f0
		var k int64
		for u >= f {
			u -= f
			k++
			f *= ratio * float64(n-k+1) / float64(k)
			if f == 0 {
				// The walk went past n, or the pmf underflowed in the far
				// tail: u fell in the mass (about 1e-16) lost to rounding
				// in the running sum. Drawing again keeps the result exact
				// for the distribution the floats represent.
				break
			}
		}
		if f != 0 {
			return k
		}
	}
}
