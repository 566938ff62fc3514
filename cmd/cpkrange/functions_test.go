package main

import (
	"bytes"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"cpkrange/agents"
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

// TestForceEffectIsWordedBySign: values that print alike read "the same",
// never "-0%: better"; a small difference says so.
func TestForceEffectIsWordedBySign(t *testing.T) {
	with, without := &agents.Metrics{RumourReach: 0.8061}, &agents.Metrics{RumourReach: 0.8064}
	var out bytes.Buffer
	printForceEffect(&out, with, without)
	assert.Contains(t, out.String(), "largest rumour         81% with and without: the same")
	with.Harm, without.Harm = 1000, 1002
	out.Reset()
	printForceEffect(&out, with, without)
	assert.Contains(t, out.String(), "civilian harm          1,000 with, 1,002 without (less than 1% apart): better")
}
