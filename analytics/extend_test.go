package analytics

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestExtendEqualsTheLargerStudy(t *testing.T) {
	t.Parallel()
	want := reference(t) // the test study at N = 12
	dir := t.TempDir()
	st := testStudy(dir, 2)
	st.N = 6
	_, err := Run(context.Background(), st, nil)
	require.NoError(t, err)
	summarize(t, dir)
	res, err := Extend(context.Background(), dir, 12, 3, nil)
	require.NoError(t, err)
	assert.Equal(t, 12, res.Manifest.N)
	assert.Equal(t, int64(12*3), res.Done)
	summarize(t, dir)
	assertSameFiles(t, want, readFiles(t, dir))
}

func TestExtendSweep(t *testing.T) {
	t.Parallel()
	for _, design := range []string{Grid, LatinHypercube} {
		samples := 0
		if design == LatinHypercube {
			samples = 5 // the points depend on the seed and the samples, not on N
		}
		run := func(n int) string {
			dir := t.TempDir()
			st := &Study{Kind: Sweep, Scenario: testScenario, N: n, Design: design, Samples: samples, Dir: dir, Workers: 2}
			_, err := Run(context.Background(), st, nil)
			require.NoError(t, err)
			return dir
		}
		big := run(4)
		small := run(2)
		_, err := Extend(context.Background(), small, 4, 1, nil)
		require.NoError(t, err, design)
		summarize(t, big)
		summarize(t, small)
		assertSameFiles(t, readFilesExcept(t, big, DailyFile), readFilesExcept(t, small, DailyFile))
	}
}

// readFilesExcept is readFiles without one file, which the study lacks.
func readFilesExcept(t *testing.T, dir, skip string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, f := range resultFiles {
		if f == skip {
			out[f] = ""
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, f))
		require.NoError(t, err, f)
		out[f] = string(b)
	}
	return out
}

func TestExtendRefuses(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	small := func(name string) string {
		dir := filepath.Join(root, name)
		st := testStudy(dir, 2)
		st.N = 2
		_, err := Run(context.Background(), st, nil)
		require.NoError(t, err)
		return dir
	}
	t.Run("fewer replications", func(t *testing.T) {
		dir := small("fewer")
		_, err := Extend(context.Background(), dir, 2, 1, nil)
		assert.ErrorContains(t, err, "already has 2 replications")
	})
	t.Run("unfinished", func(t *testing.T) {
		dir := filepath.Join(root, "unfinished")
		st := testStudy(dir, 1)
		st.N = 4
		ctx, cancel := context.WithCancel(context.Background())
		_, err := Run(ctx, st, func(p Progress) {
			if p.Done == 3 {
				cancel()
			}
		})
		require.True(t, errors.Is(err, ErrInterrupted), "%v", err)
		_, err = Extend(context.Background(), dir, 8, 1, nil)
		assert.ErrorContains(t, err, "is unfinished")
		assert.ErrorContains(t, err, "--resume")
	})
	t.Run("another build", func(t *testing.T) {
		dir := small("build")
		m, err := ReadManifest(dir)
		require.NoError(t, err)
		m.Build = "git 0123456789abcdef 2026-12-01T00:00:00Z"
		require.NoError(t, writeJSON(filepath.Join(dir, ManifestFile), m))
		_, err = Extend(context.Background(), dir, 4, 1, nil)
		assert.ErrorContains(t, err, "another build")
	})
	t.Run("shard", func(t *testing.T) {
		dir := filepath.Join(root, "shard")
		st := testStudy(dir, 1)
		st.N = 2
		st.Shard = Shard{Index: 1, Count: 2}
		_, err := Run(context.Background(), st, nil)
		require.NoError(t, err)
		_, err = Extend(context.Background(), dir, 4, 1, nil)
		assert.ErrorContains(t, err, "merge the shards first")
	})
	t.Run("no study", func(t *testing.T) {
		_, err := Extend(context.Background(), t.TempDir(), 4, 1, nil)
		assert.ErrorContains(t, err, "holds no study")
	})
}

// TestSweepRanges checks that ranges given on the command line replace the
// scenario's [[sweep]] tables, are recorded in the manifest and its
// command line, and survive an extension.
func TestSweepRanges(t *testing.T) {
	t.Parallel()
	ranges := []string{"model.peacekeeping.good_faith=0..0.2/3", "model.peacekeeping.exculpation=0,1"}
	run := func(n int) (string, *Result) {
		dir := t.TempDir()
		st := &Study{Kind: Sweep, Scenario: testScenario, N: n, Design: Grid, Ranges: ranges, Dir: dir, Workers: 2}
		res, err := Run(context.Background(), st, nil)
		require.NoError(t, err)
		return dir, res
	}
	big, res := run(4)
	assert.Equal(t, []string{"model.peacekeeping.good_faith", "model.peacekeeping.exculpation"}, res.Manifest.Params)
	assert.Equal(t, [][]float64{{0, 0}, {0, 1}, {0.1, 0}, {0.1, 1}, {0.2, 0}, {0.2, 1}}, res.Manifest.Points)
	assert.Contains(t, res.Manifest.Command, "--sweep model.peacekeeping.good_faith=0..0.2/3 --sweep model.peacekeeping.exculpation=0,1")
	small, _ := run(2)
	_, err := Extend(context.Background(), small, 4, 1, nil)
	require.NoError(t, err)
	summarize(t, big)
	summarize(t, small)
	assertSameFiles(t, readFilesExcept(t, big, DailyFile), readFilesExcept(t, small, DailyFile))

	_, err = Run(context.Background(), &Study{Kind: Sweep, Scenario: testScenario, N: 2, Ranges: []string{"model.peacekeeping.good_faith=0.2..0.1"}, Dir: t.TempDir()}, nil)
	assert.ErrorContains(t, err, "want max above min")
}
