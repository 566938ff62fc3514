package analytics

import (
	"hash/fnv"
	"math"
	"math/rand/v2"
	"slices"

	"gonum.org/v1/gonum/mat"
)

// bootstrapResamples is the number of bootstrap resamples behind each
// sensitivity interval: enough for stable 2.5% and 97.5% percentiles
// without making the summary of a large sweep slow.
const bootstrapResamples = 200

// sensitivityIntervals are the bootstrap intervals of one metric's
// sensitivity to each swept parameter.
type sensitivityIntervals struct {
	src, spearman []interval // one per parameter
}

// bootstrapSensitivity returns level percentile intervals of the
// standardised regression coefficients and Spearman correlations of y on
// the columns xs, by resampling the runs (rows) with replacement
// bootstrapResamples times. The resamples are drawn from a PCG stream
// seeded by the study's seed and the metric's name, so the same study
// always gives the same intervals, whatever the workers or shards that
// made it. An interval is NaN when fewer than half the resamples give the
// statistic a value (a constant column).
//
// A resample is held as the number of times it draws each row, so that
// each statistic is a weighted one over the original rows: ranks come
// from one sort of each column made beforehand, and the regression from
// the weighted normal equations, in O(rows) a resample instead of a sort
// and a QR of the resampled rows.
func bootstrapSensitivity(xs [][]float64, y []float64, seed uint64, metric string) sensitivityIntervals {
	h := fnv.New64a()
	h.Write([]byte(metric))
	rng := rand.New(rand.NewPCG(seed, h.Sum64()))
	n, k := len(y), len(xs)
	yOrder := sortedOrder(y)
	xOrders := make([][]int, k)
	for j, x := range xs {
		xOrders[j] = sortedOrder(x)
	}
	w := make([]float64, n)
	ry := make([]float64, n)
	rx := make([][]float64, k)
	for j := range rx {
		rx[j] = make([]float64, n)
	}
	srcs := make([][]float64, k)
	rhos := make([][]float64, k)
	for range bootstrapResamples {
		clear(w)
		for range n {
			w[rng.IntN(n)]++
		}
		weightedRanks(y, yOrder, w, ry)
		for j := range xs {
			weightedRanks(xs[j], xOrders[j], w, rx[j])
			if rho := weightedPearson(rx[j], ry, w); !math.IsNaN(rho) {
				rhos[j] = append(rhos[j], rho)
			}
		}
		for j, v := range weightedSRC(xs, y, w) {
			if !math.IsNaN(v) {
				srcs[j] = append(srcs[j], v)
			}
		}
	}
	out := sensitivityIntervals{src: make([]interval, k), spearman: make([]interval, k)}
	for j := range xs {
		out.src[j] = percentileInterval(srcs[j])
		out.spearman[j] = percentileInterval(rhos[j])
	}
	return out
}

// sortedOrder returns the indices of x in increasing order of value.
func sortedOrder(x []float64) []int {
	idx := make([]int, len(x))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return cmpFloat(x[a], x[b]) })
	return idx
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// weightedRanks writes into r the ranks (from 1, ties averaged) that each
// row of x would have in a sample holding row i w[i] times, walking the
// rows in their sorted order.
func weightedRanks(x []float64, order []int, w, r []float64) {
	pos := 0.0
	for i := 0; i < len(order); {
		j, tied := i, 0.0
		for j < len(order) && x[order[j]] == x[order[i]] {
			tied += w[order[j]]
			j++
		}
		avg := pos + (tied+1)/2
		for _, o := range order[i:j] {
			r[o] = avg
		}
		pos += tied
		i = j
	}
}

// weightedPearson is the Pearson correlation of a sample holding row i of
// a and b w[i] times; NaN when either is constant.
func weightedPearson(a, b, w []float64) float64 {
	var sw, ma, mb float64
	for i, wi := range w {
		sw += wi
		ma += wi * a[i]
		mb += wi * b[i]
	}
	ma, mb = ma/sw, mb/sw
	var saa, sbb, sab float64
	for i, wi := range w {
		da, db := a[i]-ma, b[i]-mb
		saa += wi * da * da
		sbb += wi * db * db
		sab += wi * da * db
	}
	if !(saa > 0) || !(sbb > 0) {
		return math.NaN()
	}
	return sab / math.Sqrt(saa*sbb)
}

// weightedSRC is standardisedCoefficients of a sample holding row i w[i]
// times, solved by the normal equations of the standardised columns.
func weightedSRC(xs [][]float64, y []float64, w []float64) []float64 {
	src := make([]float64, len(xs))
	for i := range src {
		src[i] = math.NaN()
	}
	my, sy := weightedMeanSD(y, w)
	means := make([]float64, len(xs))
	sds := make([]float64, len(xs))
	var use []int
	for j, x := range xs {
		means[j], sds[j] = weightedMeanSD(x, w)
		if sds[j] > 0 {
			use = append(use, j)
		}
	}
	if float64(len(y)) < float64(len(use)+2) || !(sy > 0) || len(use) == 0 {
		return src
	}
	p := len(use)
	ata := mat.NewSymDense(p, nil)
	atb := mat.NewVecDense(p, nil)
	z := make([]float64, p)
	for i, wi := range w {
		if wi == 0 {
			continue
		}
		for k, j := range use {
			z[k] = (xs[j][i] - means[j]) / sds[j]
		}
		zy := (y[i] - my) / sy
		for a := range p {
			atb.SetVec(a, atb.AtVec(a)+wi*z[a]*zy)
			for b := a; b < p; b++ {
				ata.SetSym(a, b, ata.At(a, b)+wi*z[a]*z[b])
			}
		}
	}
	var beta mat.VecDense
	if err := beta.SolveVec(ata, atb); err != nil {
		return src
	}
	for k, j := range use {
		src[j] = beta.AtVec(k)
	}
	return src
}

// weightedMeanSD is meanSD of a sample holding row i of x w[i] times.
func weightedMeanSD(x, w []float64) (mean, sd float64) {
	var sw, s float64
	for i, wi := range w {
		sw += wi
		s += wi * x[i]
	}
	mean = s / sw
	var ss float64
	for i, wi := range w {
		d := x[i] - mean
		ss += wi * d * d
	}
	if sw < 2 {
		return mean, math.NaN()
	}
	return mean, math.Sqrt(ss / (sw - 1))
}

// percentileInterval returns the level interval of bootstrap values by
// their percentiles; NaN when fewer than half the resamples gave one.
func percentileInterval(v []float64) interval {
	if 2*len(v) < bootstrapResamples || len(v) == 0 {
		return interval{math.NaN(), math.NaN()}
	}
	slices.Sort(v)
	a := (1 - level) / 2
	return interval{sortedQuantile(a, v), sortedQuantile(1-a, v)}
}
