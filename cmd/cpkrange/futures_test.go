package main

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"cpkrange/agents"
	"cpkrange/analytics"
	"cpkrange/scenarios"
)

// TestFuturesTranscript: the table of a decision's futures, and the same
// files on one worker and on two.
func TestFuturesTranscript(t *testing.T) {
	t.Parallel()
	tmp := t.TempDir()
	args := []string{"futures", "ddos-election", "--decision", "name-dravinia", "-n", "24", "--quiet"}
	got, code := studyTranscript(tmp, append(args, "--workers", "1", "--out", filepath.Join(tmp, "one"))...)
	require.Equal(t, exitOK, code, got)
	checkGolden(t, "futures", got)
	_, code = studyTranscript(tmp, append(args, "--workers", "2", "--out", filepath.Join(tmp, "two"))...)
	require.Equal(t, exitOK, code)
	for _, f := range []string{analytics.FuturesFile, analytics.FuturesSummaryFile, analytics.FuturesPageFile} {
		a, err := os.ReadFile(filepath.Join(tmp, "one", f))
		require.NoError(t, err)
		b, err := os.ReadFile(filepath.Join(tmp, "two", f))
		require.NoError(t, err)
		assert.Equal(t, strings.ReplaceAll(string(a), "/one", "/two"), string(b), "%s differs with the number of workers", f)
	}
	csv, err := os.ReadFile(filepath.Join(tmp, "one", analytics.FuturesFile))
	require.NoError(t, err)
	assert.Equal(t, 1+24*3, strings.Count(string(csv), "\n"), "a header and one row per future")
}

// displaySession writes the log a facilitate --at session writes when it
// opens at decision id (every earlier decision takes its default) and the
// facilitator answers it with its default.
func displaySession(t *testing.T, path, id string) {
	t.Helper()
	sc, _, err := scenarios.Open("ddos-election", scenarios.Options{})
	require.NoError(t, err)
	f, err := os.Create(path)
	require.NoError(t, err)
	defer f.Close()
	lw := agents.NewLogWriter(f, agents.LogHeader{Scenario: sc.Meta.Name, Source: "ddos-election", Seed: 5, Horizon: sc.Meta.Horizon.Hours()})
	w, err := agents.Build(sc, 5, lw)
	require.NoError(t, err)
	i, _ := w.DecisionIndex(id)
	at := sc.Decisions[i].At.Hours()
	w.Command("advance", "to the decision before the first frame; earlier decisions take their defaults")
	w.Advance(math.Nextafter(at, 0))
	w.SetInteractive(true)
	w.Advance(at)
	w.Command("pause", "waiting for a decision")
	w.Command("decide", fmt.Sprintf("%s %d", id, sc.Decisions[i].Default))
	require.True(t, w.Decide(i, sc.Decisions[i].Default, "facilitator"))
	w.Advance(at + 50)
	require.NoError(t, lw.Flush())
}

// A session's log replays to the decision: a display session's log forks
// where the scenario's defaults do, into the same futures; a batch run's
// log replays too; a torn log replays up to its tear and says so; a log of
// another seed is refused.
func TestFuturesFromASessionLog(t *testing.T) {
	t.Parallel()
	tmp := t.TempDir()
	session := filepath.Join(tmp, "session.jsonl")
	displaySession(t, session, "sarnian-servers")
	r := runArgs("futures", "--log", session, "--decision", "sarnian-servers", "-n", "6", "--quiet", "--out", filepath.Join(tmp, "log"))
	require.Equal(t, exitOK, r.code, r.errOut)
	assert.Contains(t, r.out, "replaying "+session)
	r = runArgs("futures", "ddos-election", "--seed", "5", "--decision", "sarnian-servers", "-n", "6", "--quiet", "--out", filepath.Join(tmp, "defaults"))
	require.Equal(t, exitOK, r.code, r.errOut)
	a, err := os.ReadFile(filepath.Join(tmp, "log", analytics.FuturesFile))
	require.NoError(t, err)
	b, err := os.ReadFile(filepath.Join(tmp, "defaults", analytics.FuturesFile))
	require.NoError(t, err)
	assert.Equal(t, string(b), string(a))

	log := filepath.Join(tmp, "batch.jsonl")
	r = runArgs("run", "ddos-election", "--seed", "5", "--quiet", "--log", log)
	require.Equal(t, exitOK, r.code, r.errOut)
	r = runArgs("futures", "--log", log, "--decision", "sarnian-servers", "-n", "6", "--quiet", "--out", filepath.Join(tmp, "batch"))
	require.Equal(t, exitOK, r.code, r.errOut)

	data, err := os.ReadFile(log)
	require.NoError(t, err)
	lines := strings.SplitAfter(string(data), "\n")
	torn := filepath.Join(tmp, "torn.jsonl")
	require.NoError(t, os.WriteFile(torn, []byte(strings.Join(lines[:40], "")+lines[40][:10]), 0o644))
	r = runArgs("futures", "--log", torn, "--decision", "sarnian-servers", "-n", "6", "--quiet", "--out", filepath.Join(tmp, "torn"))
	require.Equal(t, exitOK, r.code, r.errOut)
	assert.Contains(t, r.errOut, "the session is replayed up to "+torn+":41")

	other := filepath.Join(tmp, "other.jsonl")
	require.NoError(t, os.WriteFile(other, []byte(strings.Replace(string(data), `"seed":5`, `"seed":6`, 1)), 0o644))
	r = runArgs("futures", "--log", other, "--decision", "sarnian-servers", "-n", "6", "--quiet", "--out", filepath.Join(tmp, "other"))
	assert.Equal(t, exitProblems, r.code)
	assert.Contains(t, r.errOut, "record 1 differs from what the scenario makes now")
}

func TestFuturesAtAMoment(t *testing.T) {
	t.Parallel()
	tmp := t.TempDir()
	r := runArgs("futures", "ddos-election", "--at", "5d", "--inject", "botnet-arrests", "--until", "14d", "-n", "8", "--quiet", "--out", tmp)
	require.Equal(t, exitOK, r.code, r.errOut)
	assert.Contains(t, r.out, "futures of the moment at d6 00:00")
	assert.Contains(t, r.out, "each to d20 00:00;")
	assert.Contains(t, r.out, "1. No change")
	assert.Contains(t, r.out, "2. Fire inject botnet-arrests now")

	r = runArgs("futures", "ddos-election", "--at", "5d", "--force", "mediator.attribution=off", "-n", "8", "--quiet", "--out", filepath.Join(tmp, "force"))
	require.Equal(t, exitOK, r.code, r.errOut)
	assert.Contains(t, r.out, "2. The force switches off mediator.attribution now")
	assert.NotContains(t, r.out, "Fire inject", "with --force the injects come only when asked for")
}

func TestFuturesUsage(t *testing.T) {
	t.Parallel()
	tmp := t.TempDir()
	out := filepath.Join(tmp, "x")
	for name, c := range map[string]struct {
		args []string
		code int
	}{
		"futures-nowhere":         {[]string{"futures", "ddos-election", "--out", out}, exitUsage},
		"futures-both":            {[]string{"futures", "--decision", "name-dravinia", "--at", "3d", "--out", out}, exitUsage},
		"futures-no-decision":     {[]string{"futures", "ddos-election", "--decision", "name-dravina", "--out", out}, exitUsage},
		"futures-bad-until":       {[]string{"futures", "--decision", "name-dravinia", "--until", "soon", "--out", out}, exitUsage},
		"futures-after-horizon":   {[]string{"futures", "--at", "90d", "--out", out}, exitUsage},
		"futures-inject-no-at":    {[]string{"futures", "--decision", "name-dravinia", "--inject", "x", "--out", out}, exitUsage},
		"futures-bad-reference":   {[]string{"futures", "--decision", "name-dravinia", "--reference", "7", "-n", "2", "--out", out}, exitUsage},
		"futures-log-and-seed":    {[]string{"futures", "--log", "s.jsonl", "--seed", "3", "--decision", "name-dravinia", "--out", out}, exitUsage},
		"futures-unknown-inject":  {[]string{"futures", "--at", "3d", "--inject", "nope", "--out", out}, exitUsage},
		"futures-force-no-change": {[]string{"futures", "--at", "3d", "--force", "mediator.attribution", "--out", out}, exitUsage},
	} {
		t.Run(name, func(t *testing.T) {
			got, code := studyTranscript(tmp, c.args...)
			assert.Equal(t, c.code, code, got)
			checkGolden(t, name, got)
		})
	}
	_, err := os.Stat(out)
	assert.True(t, os.IsNotExist(err), "nothing written by futures that could not start")
}
