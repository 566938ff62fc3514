package main

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCompare(t *testing.T) {
	t.Parallel()
	tmp := t.TempDir()
	a, b := filepath.Join(tmp, "a"), filepath.Join(tmp, "b")
	got, code := studyTranscript(tmp, "batch", "grid-wiper", "-n", "6", "--quiet", "--out", a)
	require.Equal(t, exitOK, code, got)
	got, code = studyTranscript(tmp, "batch", "grid-wiper", "-n", "6", "--quiet", "--set", "force.enabled=false", "--out", b)
	require.Equal(t, exitOK, code, got)
	got, code = studyTranscript(tmp, "compare", a, b)
	require.Equal(t, exitOK, code, got)
	checkGolden(t, "compare", got)

	got, code = studyTranscript(tmp, "compare", a)
	assert.Equal(t, exitUsage, code, got)
	assert.Contains(t, got, "want two study directories")
	got, code = studyTranscript(tmp, "compare", a, filepath.Join(tmp, "none"))
	assert.Equal(t, exitProblems, code, got)
	assert.Contains(t, got, "cpkrange compare: $TMP/none holds no study")
}
