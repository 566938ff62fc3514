package agents

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// RumourVariant chooses what ends a spreader's interest in a rumour.
type RumourVariant int

const (
	// MakiThompson: a spreader who contacts someone who already knows the
	// rumour (a spreader or a stifler) stops spreading; only the one who
	// made the contact stops. Maki & Thompson (1973), Mathematical Models
	// and Applications, Prentice-Hall.
	MakiThompson RumourVariant = iota
	// DaleyKendall: when two spreaders meet both stop; a spreader who meets
	// a stifler stops. Daley & Kendall (1965), "Stochastic rumours",
	// J. Inst. Maths Applics 1:42–55.
	DaleyKendall
)

// String returns "maki-thompson" or "daley-kendall".
func (v RumourVariant) String() string {
	switch v {
	case MakiThompson:
		return "maki-thompson"
	case DaleyKendall:
		return "daley-kendall"
	}
	return fmt.Sprintf("RumourVariant(%d)", int(v))
}

// Rumour is a rumour (a false attribution, a claimed attack) spreading by
// word of mouth through one well-mixed population of N people: X ignorants
// who have not heard it, Y spreaders who pass it on, and Z stiflers who
// heard it but no longer pass it on. Unlike a worm, a rumour stops by
// itself: spreaders lose interest as they find that everyone already knows,
// so it never reaches everybody. A clearinghouse that debunks the rumour
// adds a rate δ at which each spreader is turned into a stifler.
//
// Rates, with λ the contacts a spreader has an hour:
//
//	ignorant told:   λ X Y / N                   (X-1, Y+1, Z)
//	Maki–Thompson:   λ Y (Y-1+Z) / N + δ Y       (X, Y-1, Z+1)
//	Daley–Kendall:   λ Y (Y-1) / (2N)            (X, Y-2, Z+2)
//	                 λ Y Z / N + δ Y             (X, Y-1, Z+1)
//
// Maki–Thompson contacts are calls a spreader makes, λ an hour to people
// drawn uniformly; the caller alone stops on reaching someone who knows.
// Daley–Kendall contacts are meetings, one event for both people: each of
// the N(N-1)/2 pairs meets at rate λ/N, so everyone has about λ meetings an
// hour, an ignorant and a spreader meet at λ X Y / N (as above), and the
// Y(Y-1)/2 pairs of spreaders at λ Y (Y-1) / (2N) in all, each meeting
// stifling two. A spreader is then stifled at λ (Y-1+Z)/N + δ an hour in
// either variant, so the two share the mean-field limit (x = X/N, y = Y/N):
//
//	dx/dt = -λ x y,   dy/dt = λ x y - λ y (1 - x) - δ y,
//
// whence dy/dx = -2 + (1 + δ/λ)/x, and the share never reached solves
// 0 = y0 + 2 (x0 - x∞) + (1 + δ/λ) ln(x∞/x0). From one spreader and no
// debunking, x∞ = exp(-2 (1 - x∞)) ≈ 0.2032 (Daley & Kendall's 0.203):
// about 80% hear it. Debunking lowers the reach; once δ ≥ λ the rumour
// cannot grow even at the start (dy/dt ≤ (λ - δ) y), each spreader tells
// fewer than one other on average, and it dies out having reached only
// about seeds·δ/(δ - λ) people: a share that vanishes as N grows (at
// δ = λ it is critical, dying out with a heavy-tailed reach).
//
// The variants differ in their fluctuations, not their means: the
// Daley–Kendall stiflings come in pairs.
type Rumour struct {
	N, X, Y, Z int64 // population, ignorants, spreaders, stiflers
	Variant    RumourVariant
}

// NewRumour returns a rumour in a population of n people of whom seeds
// (clamped to [1, n], or 0 when n = 0) start as spreaders. It panics on a
// negative population.
func NewRumour(n, seeds int64, v RumourVariant) *Rumour {
	if n < 0 {
		panic(fmt.Sprintf("agents.NewRumour: population %d", n))
	}
	seeds = min(max(seeds, 1), n)
	return &Rumour{N: n, X: n - seeds, Y: seeds, Variant: v}
}

// Step advances the rumour by dt hours, with lambda the contacts per person
// an hour and debunk the clearinghouse's rate δ an hour.
//
// Tau-leaping with the rates of the start of the step: the ignorants told
// are Binomial(X, 1 - exp(-λ Y dt / N)). Maki–Thompson: the spreaders who
// stop are Binomial(Y, 1 - exp(-(λ (Y-1+Z)/N + δ) dt)). Daley–Kendall: the
// meetings between spreaders are Binomial(Y, 1 - exp(-λ (Y-1) dt / (2N))),
// as if each spreader held half of its meeting rate with other spreaders
// (the same mean as the Y(Y-1)/2 pairs meeting at λ/N, with no pair count
// to overflow), at most Y/2 of them, each stifling two; the other spreaders
// stop, by meeting a stifler or being debunked, as Binomial(Y - 2M,
// 1 - exp(-(λ Z/N + δ) dt)). Spreaders told during the step start at the
// next one.
//
// The leap's error is O(λ dt), and it matters: the share never reached
// comes out low by about 0.53·λ dt relative (measured at N = 1e6: 0.5% at
// λ dt = 0.01, 2.7% at 0.05, 5% at 0.1, 10% at 0.2), because once most
// people have heard, stopping is the faster process and loses more to the
// saturation of 1 - exp(-rate·dt) than telling does. Where the reach should
// hold to 1%, call Step with λ dt ≤ 0.02, repeatedly if need be.
//
// dt ≤ 0 leaves r unchanged; negative rates count as zero. An unknown
// Variant steps as Maki–Thompson.
func (r *Rumour) Step(rng *rand.Rand, dt, lambda, debunk float64) {
	if !(dt > 0) || r.Y <= 0 || r.N <= 0 {
		return
	}
	lambda, debunk = max(lambda, 0), max(debunk, 0)
	n := float64(r.N)
	told := binomial(rng, r.X, -math.Expm1(-lambda*float64(r.Y)*dt/n))
	var stopped int64
	if r.Variant == DaleyKendall {
		meetings := binomial(rng, r.Y, -math.Expm1(-lambda*float64(r.Y-1)*dt/(2*n)))
		meetings = min(meetings, r.Y/2)
		stopped = 2*meetings + binomial(rng, r.Y-2*meetings, -math.Expm1(-(lambda*float64(r.Z)/n+debunk)*dt))
	} else {
		stopped = binomial(rng, r.Y, -math.Expm1(-(lambda*float64(r.Y-1+r.Z)/n+debunk)*dt))
	}
	r.X -= told
	r.Y += told - stopped
	r.Z += stopped
}

// Reached returns the share of the population who heard the rumour,
// (Y+Z)/N, spreaders and stiflers alike; 0 for an empty population.
func (r *Rumour) Reached() float64 {
	if r.N <= 0 {
		return 0
	}
	return float64(r.Y+r.Z) / float64(r.N)
}

// Done reports whether no spreader is left: the rumour has run its course
// and Step will change nothing.
func (r *Rumour) Done() bool { return r.Y <= 0 }
