package analytics

import (
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strings"

	"gonum.org/v1/gonum/stat/distuv"
)

// StudyComparison is study B against study A, two finished studies of the
// same scenario (two model versions, two parameter sets): for each arm
// both ran and each key metric, the difference B − A.
type StudyComparison struct {
	A, B     string // the study directories
	Scenario string // scenario.name, the same in both
	NA, NB   int    // replications per arm
	// Paired is true when both studies ran the same seeds on the same
	// scenario source with the same N, so that replication i of an arm in
	// A and in B met the same random draws and are compared pair by pair;
	// Unpaired then says why not.
	Paired   bool
	Unpaired string
	Diffs    []StudyDiff
}

// StudyDiff is one arm and metric of a StudyComparison.
type StudyDiff struct {
	Arm    string
	Metric string
	Binary bool  // 0/1 in every run of both: the means are proportions
	MeanA  Float // of the arm in A
	MeanB  Float
	Diff   Float // MeanB − MeanA
	Low    Float // the 95% interval of Diff
	High   Float
	// Test is "paired-t" or "mcnemar-exact" (paired), "welch-t" or
	// "two-proportion-z" (unpaired).
	Test    string
	P       Float
	Verdict string
}

// CompareStudies compares the finished studies in dirA and dirB on the key
// metrics (KeyMetrics) of every arm both ran, in A's order: paired by
// replication when the studies used the same seeds, scenario source and
// N (the paired t-test, McNemar's for binary metrics, as a batch compares
// its variants), unpaired otherwise (Welch's t-test, or the two-proportion
// z-test with Newcombe's hybrid score interval). It refuses studies that
// are not comparable: another scenario, different metrics, no arm in
// common, a shard or an unfinished study.
func CompareStudies(dirA, dirB string) (*StudyComparison, error) {
	ma, err := wholeManifest(dirA)
	if err != nil {
		return nil, err
	}
	mb, err := wholeManifest(dirB)
	if err != nil {
		return nil, err
	}
	if ma.Scenario.Name != mb.Scenario.Name {
		return nil, fmt.Errorf("analytics: compare: %s is a study of scenario %q, %s of %q: only studies of the same scenario compare", dirA, ma.Scenario.Name, dirB, mb.Scenario.Name)
	}
	if !slices.Equal(ma.Metrics, mb.Metrics) {
		return nil, fmt.Errorf("analytics: compare: %s and %s record different metrics (%d and %d): the model has changed what it measures", dirA, dirB, len(ma.Metrics), len(mb.Metrics))
	}
	var arms []string
	for _, a := range ma.Arms {
		if slices.Contains(mb.Arms, a) {
			arms = append(arms, a)
		}
	}
	if len(arms) == 0 {
		return nil, fmt.Errorf("analytics: compare: %s (arms %s) and %s (arms %s) have no arm in common", dirA, strings.Join(ma.Arms, ", "), dirB, strings.Join(mb.Arms, ", "))
	}
	for _, d := range []struct {
		dir string
		m   *Manifest
	}{{dirA, ma}, {dirB, mb}} {
		rows, _, err := scanRows(filepath.Join(d.dir, RunsFile), d.m, runsHeader(d.m), true)
		if err != nil {
			return nil, err
		}
		if rows != d.m.totalTasks() {
			return nil, fmt.Errorf("analytics: compare: %s is unfinished (%d of its %d runs): finish it with --resume first", d.dir, rows, d.m.totalTasks())
		}
	}
	c := &StudyComparison{A: dirA, B: dirB, Scenario: ma.Scenario.Name, NA: ma.N, NB: mb.N}
	var why []string
	if ma.Seed != mb.Seed {
		why = append(why, fmt.Sprintf("seeds %d and %d", ma.Seed, mb.Seed))
	}
	if ma.Scenario.SHA256 != mb.Scenario.SHA256 {
		why = append(why, "different scenario sources")
	}
	if ma.N != mb.N {
		why = append(why, fmt.Sprintf("N %d and %d", ma.N, mb.N))
	}
	c.Paired = len(why) == 0
	c.Unpaired = strings.Join(why, ", ")

	var keys []string
	for _, k := range KeyMetrics {
		if slices.Contains(ma.Metrics, k) {
			keys = append(keys, k)
		}
	}
	colsA, err := armColumns(dirA, ma, keys)
	if err != nil {
		return nil, err
	}
	colsB, err := armColumns(dirB, mb, keys)
	if err != nil {
		return nil, err
	}
	for _, arm := range arms {
		ia, ib := slices.Index(ma.Arms, arm), slices.Index(mb.Arms, arm)
		for k, key := range keys {
			x, y := colsA[k][ia], colsB[k][ib]
			binary := isBinary(x) && isBinary(y)
			var pr paired
			if c.Paired {
				pr = compare(y, x, binary)
			} else {
				pr = unpaired(y, x, binary)
			}
			mA, _ := meanSD(x)
			mB, _ := meanSD(y)
			c.Diffs = append(c.Diffs, StudyDiff{
				Arm: arm, Metric: key, Binary: binary, MeanA: Float(mA), MeanB: Float(mB),
				Diff: Float(pr.Diff), Low: Float(pr.CI.Low), High: Float(pr.CI.High),
				Test: pr.Test, P: Float(pr.P), Verdict: verdict(pr),
			})
		}
	}
	return c, nil
}

// wholeManifest reads the manifest of a whole study, not a shard.
func wholeManifest(dir string) (*Manifest, error) {
	m, err := ReadManifest(dir)
	if err != nil {
		return nil, err
	}
	if !m.ShardOf().Whole() {
		return nil, fmt.Errorf("analytics: compare: %s holds shard %s of a study: merge the shards first", dir, m.ShardOf())
	}
	return m, nil
}

// armColumns reads the given metrics of a finished study, split by arm:
// out[metric][arm][replication].
func armColumns(dir string, m *Manifest, metrics []string) ([][][]float64, error) {
	first := len(runsHeader(m)) - len(m.Metrics)
	idx := make([]int, len(metrics))
	for i, k := range metrics {
		idx[i] = first + slices.Index(m.Metrics, k)
	}
	arms := len(m.Arms)
	cols, err := readColumns(filepath.Join(dir, RunsFile), idx, m.N*arms)
	if err != nil {
		return nil, err
	}
	out := make([][][]float64, len(metrics))
	for i, col := range cols {
		out[i] = make([][]float64, arms)
		for a := range arms {
			x := make([]float64, m.N)
			for r := range x {
				x[r] = col[r*arms+a]
			}
			out[i][a] = x
		}
	}
	return out, nil
}

// unpaired compares independent samples x and y by the difference of
// their means, mean(x) − mean(y): Welch's t-test and interval, or for 0/1
// samples the two-proportion z-test with Newcombe's hybrid score interval
// (Newcombe 1998, method 10). SD is 0 when both samples are constant, so
// that verdict says "identical" when they are also equal.
func unpaired(x, y []float64, binary bool) paired {
	mx, sx := meanSD(x)
	my, sy := meanSD(y)
	nx, ny := float64(len(x)), float64(len(y))
	r := paired{N: len(x) + len(y), Diff: mx - my, Effect: math.NaN(), P: math.NaN(), CI: interval{math.NaN(), math.NaN()}}
	r.SD = math.NaN()
	if sx == 0 && sy == 0 {
		r.SD = 0
	}
	if binary {
		r.Test = "two-proportion-z"
		kx, ky := int(math.Round(mx*nx)), int(math.Round(my*ny))
		wx, wy := wilson(kx, len(x)), wilson(ky, len(y))
		r.CI = interval{
			Low:  math.Max(-1, r.Diff-math.Hypot(mx-wx.Low, wy.High-my)),
			High: math.Min(1, r.Diff+math.Hypot(wx.High-mx, my-wy.Low)),
		}
		pool := float64(kx+ky) / (nx + ny)
		if pool == 0 || pool == 1 {
			r.P = 1
		} else {
			z := r.Diff / math.Sqrt(pool*(1-pool)*(1/nx+1/ny))
			r.P = math.Min(1, 2*distuv.UnitNormal.Survival(math.Abs(z)))
		}
		return r
	}
	r.Test = "welch-t"
	if len(x) < 2 || len(y) < 2 {
		return r
	}
	vx, vy := sx*sx/nx, sy*sy/ny
	se := math.Sqrt(vx + vy)
	if se == 0 {
		r.CI = interval{r.Diff, r.Diff}
		r.P = 1
		if r.Diff != 0 {
			r.P = 0
		}
		return r
	}
	df := (vx + vy) * (vx + vy) / (vx*vx/(nx-1) + vy*vy/(ny-1))
	t := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: df}
	h := t.Quantile(1-(1-level)/2) * se
	r.CI = interval{r.Diff - h, r.Diff + h}
	r.P = math.Min(1, 2*t.Survival(math.Abs(r.Diff/se)))
	return r
}

// PValue formats P as the report does: "p = 0.042", "p < 0.001".
func (d StudyDiff) PValue() string { return pValue(float64(d.P)) }

// Clear reports whether the verdict is a clear difference.
func (d StudyDiff) Clear() bool { return d.Verdict == clearIncrease || d.Verdict == clearDecrease }
