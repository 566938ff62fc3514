package main

import (
	"bytes"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// run is the command line's result.
type ran struct {
	code        int
	out, errOut string
}

func runArgs(args ...string) ran {
	var out, errOut bytes.Buffer
	code := dispatch(args, &out, &errOut)
	return ran{code, out.String(), errOut.String()}
}

// A --set that is not key=value is a mistake of the command line for every
// command, with the same exit code.
func TestMalformedSetIsAUsageErrorEverywhere(t *testing.T) {
	for _, args := range [][]string{
		{"validate", good, "--set", "x"},
		{"run", good, "--set", "x"},
		{"batch", good, "--set", "x", "-n", "1", "--out", t.TempDir()},
		{"sweep", good, "--set", "x", "-n", "1", "--out", t.TempDir()},
		{"facilitate", good, "--set", "x"},
	} {
		r := runArgs(args...)
		assert.Equal(t, exitUsage, r.code, "%v: %s%s", args, r.out, r.errOut)
		assert.Contains(t, r.errOut, `--set "x": want key=value`, args)
		assert.Empty(t, r.out, args)
	}
}

// run says why it cannot load a scenario on stderr, as every other
// failure, so that its stdout is the timeline alone.
func TestRunPrintsLoadErrorsToStderr(t *testing.T) {
	r := runArgs("run", good, "--set", "state.nordlnd.maturity=0.5")
	assert.Equal(t, exitProblems, r.code)
	assert.Empty(t, r.out)
	assert.Contains(t, r.errOut, `--set: state.nordlnd.maturity: unknown state "nordlnd"`)
}

// --budget raises the work budget on purpose, and only within its range.
func TestBudgetFlag(t *testing.T) {
	runaway := []string{"--set", "attacker.grey-gull.tempo=60/h", "--set", "scenario.horizon=3650d"}
	r := runArgs(append([]string{"validate", good}, runaway...)...)
	assert.Equal(t, exitProblems, r.code)
	assert.Contains(t, r.out, "over the work budget of 5,000,000")
	r = runArgs(append([]string{"validate", good, "--budget", "60000000"}, runaway...)...)
	assert.Equal(t, exitOK, r.code, r.out)
	for _, cmd := range []string{"validate", "run", "batch", "sweep", "facilitate"} {
		r = runArgs(cmd, good, "--budget", "0")
		assert.Equal(t, exitUsage, r.code, cmd)
		assert.Contains(t, r.errOut, "--budget 0: want 1 to", cmd)
	}
}

// An error that analytics words with its own verb is said once under the
// command of that name: "cpkrange merge: ...", never "merge: merge:".
func TestNoDoubledPrefixes(t *testing.T) {
	dir := t.TempDir()
	shard := filepath.Join(dir, "s1")
	r := runArgs("batch", good, "-n", "2", "--shard", "1/2", "--out", shard, "--quiet")
	require.Equal(t, exitOK, r.code, r.errOut)
	for _, args := range [][]string{
		{"merge", "--out", filepath.Join(dir, "o"), shard, shard},
		{"merge", "--out", filepath.Join(dir, "o"), shard},
	} {
		r = runArgs(args...)
		assert.Equal(t, exitProblems, r.code)
		assert.True(t, strings.HasPrefix(r.errOut, "cpkrange merge: "), r.errOut)
		assert.NotContains(t, r.errOut, "merge: merge:")
	}
	// doubled finds "merge: merge:" or "cpkrange merge: merge:".
	doubled := func(text string) bool {
		for _, line := range strings.Split(text, "\n") {
			parts := strings.Split(line, ": ")
			for i := 1; i < len(parts); i++ {
				prev := parts[i-1][strings.LastIndexByte(parts[i-1], ' ')+1:]
				if prev != "" && prev == parts[i] {
					return true
				}
			}
		}
		return false
	}
	for _, args := range [][]string{
		{"batch", "no/such.toml", "-n", "1", "--out", filepath.Join(dir, "b")},
		{"sweep", good, "-n", "1", "--shard", "9/2", "--out", filepath.Join(dir, "s")},
		{"report", filepath.Join(dir, "none")},
		{"merge", "--out", filepath.Join(dir, "m"), filepath.Join(dir, "none")},
		{"run", good, "--set", "state.nordlnd.maturity=0.5"},
		{"facilitate", "--replay", filepath.Join(dir, "none.jsonl")},
		{"validate", "no/such.toml"},
	} {
		r = runArgs(args...)
		assert.NotEqual(t, exitOK, r.code, args)
		assert.False(t, doubled(r.out+r.errOut), "%v: %s%s", args, r.out, r.errOut)
	}
	assert.True(t, doubled("cpkrange merge: merge: x"), "the check finds what it looks for")
	assert.Equal(t, "cpkrange batch: x", prefixed("cpkrange batch", errors.New("analytics: batch: x")))
	assert.Equal(t, "cpkrange batch: merge: x", prefixed("cpkrange batch", errors.New("analytics: merge: x")))
}
