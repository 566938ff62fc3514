package agents_test

import (
	"bytes"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"cpkrange/agents"
	"cpkrange/scenarios"
)

// TestMetricsAreAFoldOfTheLog writes the log of runs of every bundled
// scenario, reads it back and folds it into fresh metrics: every value must
// equal the run's own, to the last bit. So the debrief, which has only the
// log, computes exactly what the batch reported.
func TestMetricsAreAFoldOfTheLog(t *testing.T) {
	for _, name := range bundledNames() {
		t.Run(name, func(t *testing.T) {
			sc := open(t, name, scenarios.Options{})
			for seed := uint64(1); seed <= 3; seed++ {
				var buf bytes.Buffer
				lw := agents.NewLogWriter(&buf, agents.LogHeader{Scenario: sc.Meta.Name, Source: name, Seed: seed, Horizon: sc.Meta.Horizon.Hours()})
				run, err := agents.Replicate(sc, seed, lw)
				require.NoError(t, err)
				require.NoError(t, lw.Flush())
				_, recs, err := agents.ReadLog(name+".jsonl", &buf)
				require.NoError(t, err)
				folded := agents.NewMetrics(sc)
				for _, r := range recs {
					folded.Record(r)
				}
				want, got := run.Values(), folded.Values()
				require.Len(t, got, len(want))
				for i := range want {
					assert.Equal(t, math.Float64bits(want[i].Value), math.Float64bits(got[i].Value),
						"seed %d: %s is %v from the run, %v from its log", seed, want[i].Name, want[i].Value, got[i].Value)
				}
				assert.Equal(t, run.Daily, folded.Daily, "seed %d: daily points", seed)
			}
		})
	}
}

// TestMetricTableIsWellFormed checks the one definition of the metrics:
// unique names usable as CSV columns, and a label, unit and meaning for each.
func TestMetricTableIsWellFormed(t *testing.T) {
	seen := map[string]bool{}
	for i, m := range agents.MetricTable {
		assert.Regexp(t, `^[a-z][a-z0-9_]*$`, m.Name, "metric %d", i)
		assert.False(t, seen[m.Name], "metric %s defined twice", m.Name)
		seen[m.Name] = true
		assert.NotEmpty(t, m.Label, m.Name)
		assert.NotEmpty(t, m.Unit, m.Name)
		assert.NotEmpty(t, m.Meaning, m.Name)
		assert.NotNil(t, m.Value, m.Name)
		assert.Equal(t, m.Name, agents.MetricNames[i])
	}
}

// TestSeverityFitsDCIDByMethod checks that the model's severities follow
// DCID 2.0's distribution for every method, share by share.
func TestSeverityFitsDCIDByMethod(t *testing.T) {
	for _, f := range agents.FitSeverities(100000, 7) {
		for i := range f.Data {
			assert.InDelta(t, f.Data[i], f.Model[i], 0.01, "%s: share of severity %d", f.Method, i+1)
		}
	}
}
