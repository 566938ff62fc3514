package agents

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// Worm is one outbreak of a random-scanning, self-spreading worm: the
// susceptible, infected and removed (cleaned or immune) hosts of each asset.
//
// Every infected host probes `scans` addresses an hour drawn uniformly from
// the whole address space of Omega hosts, every host of every asset; a probe
// that lands on a susceptible host infects it, wherever that host is. That
// uniform draw over all assets is why a worm seeded in one state spills into
// the others: nothing in the scan respects borders. Each infected host is
// cleaned at rate γ_a an hour, which a peacekeeping force raises in the
// assets it contains. This is the random-constant-spread model of
// Staniford, Paxson & Weaver (2002, "How to 0wn the Internet in Your Spare
// Time", USENIX Security) with removal added, i.e. the Kermack–McKendrick
// SIR model of Zou, Gong & Towsley (2002, "Code Red worm propagation
// modeling and analysis", ACM CCS), per asset with one shared force of
// infection:
//
//	dS_a/dt = -β I S_a / Ω,   dI_a/dt = β I S_a / Ω - γ_a I_a,   dR_a/dt = γ_a I_a,
//
// with β = scans and I = Σ_a I_a. Early on (S ≈ S0) I grows as
// exp((β S0/Ω - γ) t); with one γ everywhere the share s∞ of the susceptible
// hosts never infected solves s∞ = exp(-R0 (1 - s∞)), R0 = β S0 / (Ω γ).
//
// Step integrates this by tau-leaping with binomial draws, so counts stay
// whole and non-negative and the same rng state gives the same outbreak.
// The world builds one Worm per outbreak and may copy or read the exported
// counts, but should change them only through Seed and Step.
type Worm struct {
	S, I, R []int64 // per asset: susceptible, infected, removed hosts
	Omega   int64   // address space: total hosts of all assets, or more (model.worm.address_space)
}

// patch removes share of each asset's susceptible hosts (rounded down), as
// hosts that took a fix and still absorb probes.
func (w *Worm) patch(share float64) {
	for a := range w.S {
		n := int64(float64(w.S[a]) * min(max(share, 0), 1))
		w.S[a] -= n
		w.R[a] += n
	}
}

// NewWorm returns an outbreak with no infected host yet. hosts[a] is the
// number of hosts in asset a; the share vulnerable of them (clamped to
// [0, 1], rounded down per asset) starts susceptible and the rest start
// removed, as patched or immune hosts still absorb probes. It panics on a
// negative host count. The slices are allocated here once: Step does not
// allocate.
func NewWorm(hosts []int64, vulnerable float64) *Worm {
	n := len(hosts)
	buf := make([]int64, 3*n)
	w := &Worm{S: buf[:n:n], I: buf[n : 2*n : 2*n], R: buf[2*n:]}
	v := min(max(vulnerable, 0), 1)
	if math.IsNaN(vulnerable) {
		v = 0
	}
	for a, h := range hosts {
		if h < 0 {
			panic(fmt.Sprintf("agents.NewWorm: asset %d has %d hosts", a, h))
		}
		x := v * float64(h)
		// 0.29 * 100 is 28.999999999999996 in floats: snap products within
		// rounding of a whole number before rounding down, so the share
		// the scenario wrote is the share the model gets.
		if r := math.Round(x); math.Abs(x-r) <= 1e-9*max(1, x) {
			x = r
		}
		s := min(int64(x), h)
		w.S[a] = s
		w.R[a] = h - s
		w.Omega += h
	}
	return w
}

// Clone returns a copy of w that shares nothing with it, for forking a run.
func (w *Worm) Clone() *Worm {
	n := len(w.S)
	buf := make([]int64, 3*n)
	c := &Worm{S: buf[:n:n], I: buf[n : 2*n : 2*n], R: buf[2*n:], Omega: w.Omega}
	copy(c.S, w.S)
	copy(c.I, w.I)
	copy(c.R, w.R)
	return c
}

// Seed infects up to n susceptible hosts of asset a: patient zero, or a
// fresh introduction by an attacker.
func (w *Worm) Seed(a int, n int64) {
	n = min(max(n, 0), w.S[a])
	w.S[a] -= n
	w.I[a] += n
}

// Step advances the outbreak by dt hours. scans is the probes per infected
// host an hour; cleanup[a] the rate an hour at which each infected host of
// asset a is cleaned (one per asset: len(cleanup) must be len(w.S)).
//
// Tau-leaping with the rates of the start of the step: with I the total
// infected then, each susceptible host of every asset escapes all
// scans·I·dt probes with probability exp(-scans·I·dt/Ω), so asset a gets
// Binomial(S_a, 1 - exp(-scans·I·dt/Ω)) new infections, and
// Binomial(I_a, 1 - exp(-cleanup[a]·dt)) of its infected hosts are cleaned.
// Hosts infected during the step start probing at the next one.
//
// The leap's error is O(dt): the early growth rate r comes out low by about
// r²dt/2 (0.9% at r = 0.35/h, dt = 0.05 h), and each host stays infected
// dt/2 longer on average, as it is cleaned at a step boundary, raising R0
// by a factor 1 + γ dt/2 (the share never infected then comes out low by
// 1.4% at γ = 0.2/h, dt = 0.05 h, R0 = 2; by 0.3% at dt = 0.01 h).
// dt ≤ 0, or Ω = 0, leaves w unchanged; negative rates count as zero.
func (w *Worm) Step(rng *rand.Rand, dt, scans float64, cleanup []float64) {
	if len(cleanup) != len(w.S) {
		panic(fmt.Sprintf("agents.Worm.Step: %d cleanup rates for %d assets", len(cleanup), len(w.S)))
	}
	if !(dt > 0) || w.Omega <= 0 {
		return
	}
	infected := w.Infected()
	if infected == 0 {
		return
	}
	pInfect := -math.Expm1(-max(scans, 0) * float64(infected) * dt / float64(w.Omega))
	for a := range w.S {
		newI := binomial(rng, w.S[a], pInfect)
		cleaned := binomial(rng, w.I[a], -math.Expm1(-max(cleanup[a], 0)*dt))
		w.S[a] -= newI
		w.I[a] += newI - cleaned
		w.R[a] += cleaned
	}
}

// Susceptible returns the number of susceptible hosts over all assets.
func (w *Worm) Susceptible() int64 {
	var n int64
	for _, s := range w.S {
		n += s
	}
	return n
}

// Infected returns the number of infected hosts over all assets.
func (w *Worm) Infected() int64 {
	var n int64
	for _, i := range w.I {
		n += i
	}
	return n
}

// Done reports whether no infected host is left: the outbreak is over and
// Step will change nothing until the next Seed.
func (w *Worm) Done() bool { return w.Infected() == 0 }
