package main

import (
	"bytes"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestForceDocInSync keeps docs/force.md, the table of the force's
// functions, in step with agents.Functions: regenerate it with
// go test ./cmd/cpkrange -run TestForceDocInSync -update.
func TestForceDocInSync(t *testing.T) {
	var out, errOut bytes.Buffer
	require.Equal(t, exitOK, dispatch([]string{"functions", "--markdown"}, &out, &errOut))
	const doc = "../../docs/force.md"
	if updating() {
		require.NoError(t, os.WriteFile(doc, out.Bytes(), 0o644))
	}
	want, err := os.ReadFile(doc)
	require.NoError(t, err)
	assert.Equal(t, string(want), out.String(), "docs/force.md is out of date: run go test ./cmd/cpkrange -run TestForceDocInSync -update")
}

// TestMetricsDocInSync keeps docs/metrics.md in step with
// agents.MetricTable: regenerate it with
// go test ./cmd/cpkrange -run TestMetricsDocInSync -update.
func TestMetricsDocInSync(t *testing.T) {
	var out, errOut bytes.Buffer
	require.Equal(t, exitOK, dispatch([]string{"metrics", "--markdown"}, &out, &errOut))
	const doc = "../../docs/metrics.md"
	if updating() {
		require.NoError(t, os.WriteFile(doc, out.Bytes(), 0o644))
	}
	want, err := os.ReadFile(doc)
	require.NoError(t, err)
	assert.Equal(t, string(want), out.String(), "docs/metrics.md is out of date: run go test ./cmd/cpkrange -run TestMetricsDocInSync -update")
}
