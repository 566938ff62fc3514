package analytics

import (
	"errors"
	"fmt"
	"math/rand/v2"

	"cpkrange/scenarios"
	"cpkrange/sim"
)

// Designs of a parameter sweep.
const (
	Grid           = "grid" // every combination of each sweep's values
	LatinHypercube = "lhs"  // Samples points, one in each of Samples strata of every range
)

// maxPoints bounds the points of a design, so that a typo in steps cannot
// ask for a billion arms.
const maxPoints = 100000

// sweepValues returns the values a grid takes along one [[sweep]]: its
// Values if it lists any, else Steps evenly spaced points from Min to Max
// (both included).
func sweepValues(s scenarios.Sweep) []float64 {
	if len(s.Values) > 0 {
		return append([]float64(nil), s.Values...)
	}
	steps := max(s.Steps, 2)
	out := make([]float64, steps)
	for i := range out {
		out[i] = s.Min + (s.Max-s.Min)*float64(i)/float64(steps-1)
	}
	out[steps-1] = s.Max
	return out
}

// gridPoints returns every combination of the sweeps' values (sweepValues),
// the first sweep varying slowest. Each point holds one value per sweep, in
// the order of sweeps.
func gridPoints(sweeps []scenarios.Sweep) ([][]float64, error) {
	if len(sweeps) == 0 {
		return nil, errors.New("analytics: the scenario declares no [[sweep]] ranges")
	}
	axes := make([][]float64, len(sweeps))
	total := 1
	for i, s := range sweeps {
		axes[i] = sweepValues(s)
		total *= len(axes[i])
		if total > maxPoints {
			return nil, fmt.Errorf("analytics: the grid has more than %d points; use the Latin hypercube design", maxPoints)
		}
	}
	points := make([][]float64, total)
	for p := range points {
		pt := make([]float64, len(axes))
		rem := p
		for i := len(axes) - 1; i >= 0; i-- {
			pt[i] = axes[i][rem%len(axes[i])]
			rem /= len(axes[i])
		}
		points[p] = pt
	}
	return points, nil
}

// latinHypercubePoints returns k points of a Latin hypercube over the
// sweeps: along each sweep the range [Min, Max] is cut into k equal strata
// and every stratum holds exactly one point, at a uniform position within
// it; the strata are matched across sweeps by independent random
// permutations. A sweep that lists Values is sampled through them: the
// point takes Values[floor(u·len(Values))] for its stratified u in [0, 1).
// The draws come from a PCG stream derived from seed alone, so the same
// seed gives the same design.
func latinHypercubePoints(sweeps []scenarios.Sweep, k int, seed uint64) ([][]float64, error) {
	if len(sweeps) == 0 {
		return nil, errors.New("analytics: the scenario declares no [[sweep]] ranges")
	}
	if k < 1 || k > maxPoints {
		return nil, fmt.Errorf("analytics: a Latin hypercube needs between 1 and %d samples, not %d", maxPoints, k)
	}
	rng := rand.New(rand.NewPCG(sim.Derive(seed, lhsStream), sim.Derive(lhsStream, seed)))
	points := make([][]float64, k)
	for p := range points {
		points[p] = make([]float64, len(sweeps))
	}
	for j, s := range sweeps {
		perm := rng.Perm(k)
		for p := range points {
			u := (float64(perm[p]) + rng.Float64()) / float64(k)
			if len(s.Values) > 0 {
				points[p][j] = s.Values[min(int(u*float64(len(s.Values))), len(s.Values)-1)]
			} else {
				points[p][j] = s.Min + u*(s.Max-s.Min)
			}
		}
	}
	return points, nil
}

// lhsStream names the random stream of Latin hypercube designs.
const lhsStream = 0x6c68732d64657369 // "lhs-desi"
