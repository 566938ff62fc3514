package agents

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// DegreeClass is one class of people of a social network who have the same
// number of contacts: Share of the population, each with K times the
// network's mean number of contacts.
type DegreeClass struct {
	Share float64
	K     float64
}

// HomogeneousDegrees is a network where everyone has the mean number of
// contacts: the well-mixed population of Maki and Thompson.
func HomogeneousDegrees() []DegreeClass { return []DegreeClass{{Share: 1, K: 1}} }

// ScaleFreeDegrees returns the degree classes of a network whose degrees k
// follow P(k) ∝ k^-gamma for 1 ≤ k ≤ kmax, as on online social networks
// (Barabási & Albert 1999; Moreno, Nekovee & Pacheco 2004 use γ = 3), in
// logarithmic bins [1,2), [2,4), ...; each class's K is its mean degree over
// the network's mean. It panics on gamma ≤ 1 or kmax < 1.
func ScaleFreeDegrees(gamma float64, kmax int) []DegreeClass {
	if !(gamma > 1) || kmax < 1 {
		panic(fmt.Sprintf("agents.ScaleFreeDegrees: gamma %g, kmax %d", gamma, kmax))
	}
	var classes []DegreeClass
	var total, mean float64
	for lo := 1; lo <= kmax; lo *= 2 {
		hi := min(2*lo-1, kmax)
		var p, pk float64
		for k := lo; k <= hi; k++ {
			w := math.Pow(float64(k), -gamma)
			p += w
			pk += w * float64(k)
		}
		classes = append(classes, DegreeClass{Share: p, K: pk / p})
		total += p
		mean += pk
	}
	mean /= total
	for i := range classes {
		classes[i].Share /= total
		classes[i].K /= mean
	}
	return classes
}

// NetworkRumour is a rumour spreading Maki–Thompson fashion over a social
// network of heterogeneous contacts, in the annealed mean-field form of
// Moreno, Nekovee & Pacheco (2004), "Dynamics of rumor spreading in complex
// networks", Phys. Rev. E 69:066130, with the credibility and forgetting of
// Nekovee, Moreno, Bianconi & Marsili (2007), "Theory of rumour spreading in
// complex social networks", Physica A 374:457–470.
//
// People of class c (share P_c, K_c times the mean number of contacts) are
// X_c ignorants, Y_c spreaders, Z_c stiflers. A spreader of class c calls
// λ K_c people an hour, each drawn with probability proportional to their
// contacts (a call lands on class c' with probability K_c' N_c' / Σ K N).
// A called ignorant believes and spreads the rumour with probability β (the
// credibility); a spreader who calls someone who knows it stops; a spreader
// also forgets at rate φ and is stopped by debunking at rate δ. In the
// mean field (i_k, s_k shares of class k, Θ_a = Σ K P a / Σ K P):
//
//	di_k/dt = −λ β K_k i_k Θ_s
//	ds_k/dt =  λ β K_k i_k Θ_s − λ K_k s_k (Θ_s + Θ_r) − (φ + δ) s_k
//
// Well connected people hear early and, calling mostly people who know,
// stop early: on heterogeneous networks the rumour reaches fewer people than
// in a well-mixed population with the same mean contacts (Moreno et al.
// 2004, figure 3). With one class (HomogeneousDegrees), β = 1 and φ = 0 it
// is exactly Rumour's Maki–Thompson model, step for step.
type NetworkRumour struct {
	Classes     []DegreeClass
	N           int64
	Credibility float64
	X, Y, Z     []int64 // by class
	size        []int64 // people in each class
}

// NewNetworkRumour returns a rumour on a network of n people with the
// given degree classes, of whom seeds (clamped to [1, n]) start spreading,
// spread over the classes by their share of people. It panics on a
// negative population or no class.
func NewNetworkRumour(n, seeds int64, classes []DegreeClass, credibility float64) *NetworkRumour {
	if n < 0 || len(classes) == 0 {
		panic(fmt.Sprintf("agents.NewNetworkRumour: population %d, %d classes", n, len(classes)))
	}
	c := len(classes)
	r := &NetworkRumour{Classes: classes, N: n, Credibility: clamp01(credibility),
		X: make([]int64, c), Y: make([]int64, c), Z: make([]int64, c), size: apportion(n, classes)}
	seeds = min(max(seeds, 1), n)
	seedBy := apportion(seeds, classes)
	for i := range classes {
		s := min(seedBy[i], r.size[i])
		r.Y[i] = s
		r.X[i] = r.size[i] - s
	}
	return r
}

// apportion splits n over the classes by share, largest remainders first
// (ties to the lower class), so the parts sum to n.
func apportion(n int64, classes []DegreeClass) []int64 {
	out := make([]int64, len(classes))
	rem := make([]float64, len(classes))
	var given int64
	for i, c := range classes {
		exact := c.Share * float64(n)
		out[i] = int64(math.Floor(exact))
		rem[i] = exact - float64(out[i])
		given += out[i]
	}
	for ; given < n; given++ {
		best := 0
		for i := range rem {
			if rem[i] > rem[best] {
				best = i
			}
		}
		out[best]++
		rem[best] = -1
	}
	return out
}

// Step advances the rumour by dt hours, with lambda the mean contacts per
// person an hour and stop the rate (forgetting plus debunking) at which a
// spreader stops by itself, by tau-leaping as Rumour.Step: the ignorants of
// class c told are Binomial(X_c, 1 − exp(−λ β K_c Ŷ dt / Σ K N)) with
// Ŷ = Σ K Y; the spreaders of class c who stop are Binomial(Y_c,
// 1 − exp(−(λ K_c (Σ K (Y+Z) − K_c) / Σ K N + stop) dt)), a spreader not
// counting itself among those who know. dt ≤ 0 leaves r unchanged.
func (r *NetworkRumour) Step(rng *rand.Rand, dt, lambda, stop float64) {
	if !(dt > 0) || r.N <= 0 {
		return
	}
	lambda, stop = max(lambda, 0), max(stop, 0)
	var links, spreading, knowing float64
	var spreaders int64
	for i, c := range r.Classes {
		links += c.K * float64(r.size[i])
		spreading += c.K * float64(r.Y[i])
		knowing += c.K * float64(r.Y[i]+r.Z[i])
		spreaders += r.Y[i]
	}
	if spreaders == 0 || links <= 0 {
		return
	}
	for i, c := range r.Classes {
		told := binomial(rng, r.X[i], -math.Expm1(-lambda*r.Credibility*c.K*spreading*dt/links))
		stopped := binomial(rng, r.Y[i], -math.Expm1(-(lambda*c.K*(knowing-c.K)/links+stop)*dt))
		r.X[i] -= told
		r.Y[i] += told - stopped
		r.Z[i] += stopped
	}
}

// Reached returns the share of the population who heard the rumour and
// passed it on or still does; 0 for an empty population.
func (r *NetworkRumour) Reached() float64 {
	if r.N <= 0 {
		return 0
	}
	var heard int64
	for i := range r.Classes {
		heard += r.Y[i] + r.Z[i]
	}
	return float64(heard) / float64(r.N)
}

// Done reports whether no spreader is left.
func (r *NetworkRumour) Done() bool {
	for _, y := range r.Y {
		if y > 0 {
			return false
		}
	}
	return true
}

// Clone returns an independent copy (for World.Fork).
func (r *NetworkRumour) Clone() *NetworkRumour {
	c := *r
	c.X, c.Y, c.Z = append([]int64(nil), r.X...), append([]int64(nil), r.Y...), append([]int64(nil), r.Z...)
	return &c
}
