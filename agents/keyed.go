package agents

import (
	"math"
	"math/rand/v2"

	"cpkrange/sim"
)

// Keyed randomness. A draw that decides something about one thing (an
// operation's detection, a dyad's calm on a given day, a team's task) is a
// hash of the run's seed and what it is about, not the next number of a
// shared stream. Switching a function of the force off then leaves every
// other draw as it was, so runs of two variants with the same seed differ
// only where the variants differ (common random numbers), and a paired
// comparison sees the function's effect instead of noise. This is the idea
// of counter-based generators (Salmon, Moraes, Dror & Shaw 2011, "Parallel
// random numbers: as easy as 1, 2, 3"), built here on SplitMix64 mixing.

// Purposes of keyed draws, so that two draws about the same thing differ.
const (
	drawDetect uint64 = iota + 1
	drawDetectDelay
	drawName
	drawMisattribute
	drawScapegoat
	drawBlock
	drawCalm
	drawTask
	drawAttributeDelay
	drawReuse
	drawRumour
	drawWorm
	drawPrivate
	drawRestrain
	drawRetract
)

// uniform returns a number in [0, 1) determined by the run's seed and keys.
func (w *World) uniform(keys ...uint64) float64 {
	h := w.env.Seed()
	for _, k := range keys {
		h = sim.Derive(h, k)
	}
	return float64(h>>11) / (1 << 53)
}

// expKeyed returns an exponential time with the given mean from keyed
// draws.
func (w *World) expKeyed(mean float64, keys ...uint64) float64 {
	return -mean * math.Log(1-w.uniform(keys...))
}

// ownStream returns a generator of its own for one process (a worm
// outbreak, a rumour wave), seeded by the run's seed and keys, so that its
// draws never shift another's.
func (w *World) ownStream(keys ...uint64) *rand.PCG {
	h := w.env.Seed()
	for _, k := range keys {
		h = sim.Derive(h, k)
	}
	return rand.NewPCG(h, sim.Derive(h, 0x9e3779b97f4a7c15))
}
