package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestBatchExtend(t *testing.T) {
	t.Parallel()
	tmp := t.TempDir()
	args := []string{"batch", "grid-wiper", "--variants", "base,no-force", "--quiet", "--workers", "2"}
	whole, grown := filepath.Join(tmp, "whole"), filepath.Join(tmp, "grown")
	got, code := studyTranscript(tmp, append(args, "-n", "12", "--out", whole)...)
	require.Equal(t, exitOK, code, got)
	got, code = studyTranscript(tmp, append(args, "-n", "6", "--out", grown)...)
	require.Equal(t, exitOK, code, got)
	got, code = studyTranscript(tmp, "batch", "--extend", grown, "-n", "12", "--quiet")
	require.Equal(t, exitOK, code, got)
	assert.Contains(t, got, "12 replications of 2 variants")
	sameStudyFiles(t, whole, grown)
	plots, err := os.ReadDir(filepath.Join(whole, "plots"))
	require.NoError(t, err)
	for _, p := range plots {
		a, err := os.ReadFile(filepath.Join(whole, "plots", p.Name()))
		require.NoError(t, err)
		b, err := os.ReadFile(filepath.Join(grown, "plots", p.Name()))
		require.NoError(t, err)
		assert.Equal(t, a, b, p.Name())
	}

	for _, bad := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"batch", "--extend", grown}, exitUsage, "--extend needs -n"},
		{[]string{"batch", "grid-wiper", "--extend", grown, "-n", "20"}, exitUsage, "not a scenario"},
		{[]string{"batch", "--extend", grown, "-n", "20", "--seed", "3"}, exitUsage, "not --seed"},
		{[]string{"sweep", "--extend", grown, "-n", "20"}, exitUsage, "holds a batch: extend it with cpkrange batch --extend"},
		{[]string{"batch", "--extend", grown, "-n", "12"}, exitProblems, "cpkrange batch: $TMP/grown already has 12 replications"},
		{[]string{"batch", "--extend", filepath.Join(tmp, "none"), "-n", "12"}, exitProblems, "holds no study"},
	} {
		got, code := studyTranscript(tmp, bad.args...)
		assert.Equal(t, bad.code, code, got)
		assert.Contains(t, got, bad.want)
	}
}
