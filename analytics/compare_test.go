package analytics

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// runStudy runs a small finished study of the test scenario into dir.
func runStudy(t *testing.T, dir string, st *Study) {
	t.Helper()
	st.Kind, st.Scenario, st.Dir, st.Workers = Batch, testScenario, dir, 2
	_, err := Run(context.Background(), st, nil)
	require.NoError(t, err)
}

func TestCompareStudyWithItself(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	runStudy(t, dir, &Study{Variants: []string{Base, "no-force"}, N: 8})
	c, err := CompareStudies(dir, dir)
	require.NoError(t, err)
	assert.True(t, c.Paired)
	assert.Len(t, c.Diffs, 2*len(KeyMetrics))
	for _, d := range c.Diffs {
		assert.Equal(t, 0.0, float64(d.Diff), d.Metric)
		assert.False(t, d.Clear(), d.Metric)
		if d.Binary {
			// Newcombe's interval has width even with no discordant pair.
			assert.True(t, d.Low < 0 && d.High > 0, "%s: %v to %v", d.Metric, d.Low, d.High)
			assert.Equal(t, noise, d.Verdict, d.Metric)
			continue
		}
		assert.Equal(t, 0.0, float64(d.Low), d.Metric)
		assert.Equal(t, 0.0, float64(d.High), d.Metric)
		// Every pair equal: the batch's verdict for no difference at all.
		assert.Equal(t, identical, d.Verdict, d.Metric)
	}
}

// Two studies of the base, one with the no-force variant's override given
// as --set, compare as the batch compares the variant with its base.
func TestCompareStudiesAsTheBatchDoes(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	batch, a, b := filepath.Join(root, "batch"), filepath.Join(root, "a"), filepath.Join(root, "b")
	runStudy(t, batch, &Study{Variants: []string{Base, "no-force"}, N: 10})
	sum := summarize(t, batch)
	runStudy(t, a, &Study{N: 10})
	runStudy(t, b, &Study{N: 10, Sets: []string{"force.enabled=false"}})
	c, err := CompareStudies(a, b)
	require.NoError(t, err)
	assert.True(t, c.Paired, c.Unpaired)
	require.Len(t, c.Diffs, len(KeyMetrics))
	for _, d := range c.Diffs {
		var want *Comparison
		for i := range sum.Comparisons {
			if sum.Comparisons[i].Metric == d.Metric {
				want = &sum.Comparisons[i]
			}
		}
		require.NotNil(t, want, d.Metric)
		assert.Equal(t, Base, d.Arm)
		assert.Equal(t, want.Diff, d.Diff, d.Metric)
		assert.Equal(t, want.Low, d.Low, d.Metric)
		assert.Equal(t, want.High, d.High, d.Metric)
		assert.Equal(t, want.Test, d.Test, d.Metric)
		assert.Equal(t, want.Verdict, d.Verdict, d.Metric)
		assert.Equal(t, want.Base, d.MeanA, d.Metric)
		assert.Equal(t, want.Mean, d.MeanB, d.Metric)
		if !math.IsNaN(float64(want.P)) {
			assert.Equal(t, want.P, d.P, d.Metric)
		}
	}

	// Another seed breaks the pairs: the same comparison, unpaired.
	other := filepath.Join(root, "other")
	seed := uint64(99)
	runStudy(t, other, &Study{N: 10, Sets: []string{"force.enabled=false"}, Seed: &seed})
	c, err = CompareStudies(a, other)
	require.NoError(t, err)
	assert.False(t, c.Paired)
	assert.Contains(t, c.Unpaired, "seeds")
	for _, d := range c.Diffs {
		assert.Contains(t, []string{"welch-t", "two-proportion-z"}, d.Test)
		assert.Equal(t, float64(d.MeanB-d.MeanA), float64(d.Diff), d.Metric)
		if !math.IsNaN(float64(d.Low)) {
			assert.LessOrEqual(t, float64(d.Low), float64(d.High), d.Metric)
		}
	}
}

func TestCompareRefuses(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	base, noForce := filepath.Join(root, "base"), filepath.Join(root, "no-force")
	runStudy(t, base, &Study{N: 2})
	runStudy(t, noForce, &Study{Variants: []string{"no-force"}, N: 2})
	_, err := CompareStudies(base, noForce)
	assert.ErrorContains(t, err, "no arm in common")

	other := filepath.Join(root, "other")
	_, err = Run(context.Background(), &Study{Kind: Batch, Scenario: "ddos-election", N: 1, Dir: other, Workers: 2}, nil)
	require.NoError(t, err)
	_, err = CompareStudies(base, other)
	assert.ErrorContains(t, err, "only studies of the same scenario compare")

	m, err := ReadManifest(noForce)
	require.NoError(t, err)
	m.Arms = []string{Base}
	m.Metrics = m.Metrics[1:]
	fewer := filepath.Join(root, "fewer")
	require.NoError(t, os.MkdirAll(fewer, 0o755))
	require.NoError(t, writeJSON(filepath.Join(fewer, ManifestFile), m))
	_, err = CompareStudies(base, fewer)
	assert.ErrorContains(t, err, "different metrics")

	_, err = CompareStudies(base, filepath.Join(root, "none"))
	assert.ErrorContains(t, err, "holds no study")

	unfinished := filepath.Join(root, "unfinished")
	m.Metrics = append([]string{"harm"}, m.Metrics...)
	require.NoError(t, os.MkdirAll(unfinished, 0o755))
	require.NoError(t, writeJSON(filepath.Join(unfinished, ManifestFile), m))
	_, err = CompareStudies(base, unfinished)
	assert.ErrorContains(t, err, "unfinished")
}
