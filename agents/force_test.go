package agents_test

import (
	"math"
	"slices"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"cpkrange/agents"
	"cpkrange/scenarios"
)

// runMetrics runs sc once per seed 1..n and returns every metric's values
// by name.
func runMetrics(t *testing.T, sc *scenarios.Scenario, n int) map[string][]float64 {
	t.Helper()
	out := map[string][]float64{}
	for i := range n {
		m, err := agents.Replicate(sc, uint64(i+1))
		require.NoError(t, err)
		for _, v := range m.Values() {
			out[v.Name] = append(out[v.Name], v.Value)
		}
	}
	return out
}

// runMetric runs sc once per seed 1..n and returns metric name's values.
func runMetric(t *testing.T, sc *scenarios.Scenario, n int, name string) []float64 {
	t.Helper()
	return runMetrics(t, sc, n)[name]
}

// pairedT is the t statistic of the mean paired difference b − a.
func pairedT(a, b []float64) (mean, t float64) {
	n := float64(len(a))
	var sum, sum2 float64
	for i := range a {
		d := b[i] - a[i]
		sum += d
		sum2 += d * d
	}
	mean = sum / n
	sd := math.Sqrt((sum2 - n*mean*mean) / (n - 1))
	if sd == 0 {
		if mean == 0 {
			return 0, 0 // nothing moved: no evidence either way
		}
		return mean, math.Copysign(math.Inf(1), mean)
	}
	return mean, mean / (sd / math.Sqrt(n))
}

// TestEachFunctionHasItsEffect switches each function of the force off, one
// at a time, in the force lab, and checks over 60 seeds, paired by seed,
// that the metric the framework says it serves moves the expected way with
// a paired t statistic beyond 3 (p < 0.005, two-sided).
func TestEachFunctionHasItsEffect(t *testing.T) {
	if testing.Short() {
		t.Skip("runs 960 replications")
	}
	const seeds = 60
	// Each function's row names the metric it serves and the sign of its
	// change when switched off (agents.FunctionInfo.Serves, Worse).
	type fnCase struct {
		function string
		metric   string
		worse    float64
	}
	var cases []fnCase
	for _, fn := range agents.Functions {
		cases = append(cases, fnCase{fn.Name, fn.Serves, float64(fn.Worse)})
	}
	lab := open(t, "../testdata/scenarios/force-lab.toml", scenarios.Options{})

	// One baseline run per seed serves every case: a run gives all metrics.
	baseline := sync.OnceValue(func() map[string][]float64 { return runMetrics(t, lab, seeds) })
	base := func(metric string) []float64 { return baseline()[metric] }
	for _, c := range cases {
		t.Run(c.function, func(t *testing.T) {
			t.Parallel()
			off := lab.Clone()
			off.Force.Disabled = append(slices.Clone(off.Force.Disabled), c.function)
			with, without := base(c.metric), runMetric(t, off, seeds, c.metric)
			mean, tstat := pairedT(with, without)
			t.Logf("%s off: %s changes by %+.4g on average (paired t = %.1f over %d seeds)", c.function, c.metric, mean, tstat, seeds)
			assert.Greater(t, c.worse*tstat, 3.0, "switching %s off should move %s by sign %+.0f", c.function, c.metric, c.worse)
		})
	}
}

// TestTheForceActsInItsStages checks the log of every bundled scenario with
// the force: every action names a function of the framework in a stage where
// the framework places it, every role acts, and every function that queues
// requests is one that works through teams.
func TestTheForceActsInItsStages(t *testing.T) {
	byName := map[string]agents.FunctionInfo{}
	queues := map[string]bool{}
	for _, fn := range agents.Functions {
		byName[fn.Name] = fn
		queues[fn.Name] = slices.Contains(fn.Emits, agents.KindForceQueued)
	}
	for _, name := range bundledNames() {
		t.Run(name, func(t *testing.T) {
			sc := open(t, name, scenarios.Options{})
			roles := map[string]map[agents.Stage]bool{}
			stagesSeen := map[agents.Stage]bool{} // stages that lasted two days or more
			for seed := uint64(1); seed <= 5; seed++ {
				rec := &collect{}
				_, err := agents.Replicate(sc, seed, rec)
				require.NoError(t, err)
				since := 0.0
				for i, r := range rec.got {
					if i == len(rec.got)-1 || r.Kind == agents.KindStage {
						if r.Time-since >= 48 && i > 0 {
							stagesSeen[rec.got[i-1].Stage] = true
						}
						since = r.Time
					}
					switch r.Kind {
					case agents.KindForce:
						fn, ok := byName[r.Function]
						require.True(t, ok, "unknown function %q", r.Function)
						assert.Equal(t, fn.Role, r.Role)
						assert.True(t, fn.Stages[r.Stage], "%s acted in %s", r.Function, r.Stage)
						if roles[r.Role] == nil {
							roles[r.Role] = map[agents.Stage]bool{}
						}
						roles[r.Role][r.Stage] = true
					case agents.KindForceQueued:
						assert.True(t, queues[r.Function], "%s queued a request but does not declare force.queued", r.Function)
					}
				}
			}
			for _, role := range agents.Roles {
				assert.NotEmpty(t, roles[role], "the %s never acts", role)
			}
			// In every stage the runs stay in for two days or more, some role acts.
			for s := range stagesSeen {
				acted := false
				for _, byStage := range roles {
					acted = acted || byStage[s]
				}
				assert.True(t, acted, "no role acts in %s", s)
			}
		})
	}
}

type collect struct{ got []agents.Record }

func (c *collect) Record(r agents.Record) { c.got = append(c.got, r) }
