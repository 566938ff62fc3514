package ui

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"cpkrange/agents"
	"cpkrange/analytics"
	"cpkrange/scenarios"
	"cpkrange/ui/internal/view"
)

// liveAtFirstDecision opens a live session of the default scenario at its
// first decision, logging to a file.
func liveAtFirstDecision(t *testing.T) (*view.Live, *scenarios.Scenario, string) {
	t.Helper()
	sc, _, err := scenarios.Open(scenarios.Default, scenarios.Options{})
	require.NoError(t, err)
	log := filepath.Join(t.TempDir(), "session.jsonl")
	live, err := view.NewLive(view.LiveConfig{Scenario: sc, Source: scenarios.Default, Seed: 8, Log: log, At: sc.Decisions[0].At.Hours()})
	require.NoError(t, err)
	return live, sc, log
}

func readSession(t *testing.T, sc *scenarios.Scenario, path string) []agents.Record {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	_, recs, err := agents.ReadLogFor(path, bytes.NewReader(data), sc)
	require.NoError(t, err)
	return recs
}

// TestFuturesOverlayRecordsWhatTheRoomSaw: W opens the futures of the
// decision on screen; answering it closes them, and the log says what the
// screen showed before it says what the room decided. The futures are
// the engine's: run again from the session's log, they say the same.
func TestFuturesOverlayRecordsWhatTheRoomSaw(t *testing.T) {
	live, sc, log := liveAtFirstDecision(t)
	f := live.Frame()
	require.NotNil(t, f.Prompt)
	var fv futuresView
	assert.True(t, fv.intercept(view.Command{Kind: view.CmdFutures}, live, &f))
	require.True(t, fv.open)
	<-fv.done
	s := fv.snapshot()
	require.NotNil(t, s.summary)
	assert.Equal(t, futuresPerOption, s.summary.N)
	shown := s.summary.Said()

	answer := view.Command{Kind: view.CmdNumber, Arg: 2}
	assert.False(t, fv.intercept(answer, live, &f), "the answer goes on to the run")
	assert.False(t, fv.open)
	live.Do(answer)
	live.Update(0)
	f = live.Frame()
	fv.follow(live, &f)
	require.NoError(t, live.Save())

	recs := readSession(t, sc, log)
	fi := slices.IndexFunc(recs, func(r agents.Record) bool { return r.Kind == agents.KindFutures })
	di := slices.IndexFunc(recs, func(r agents.Record) bool { return r.Kind == agents.KindDecided && r.Actor == "facilitator" })
	require.GreaterOrEqual(t, fi, 0, "no facilitator.futures record")
	require.Greater(t, di, fi, "the futures shown come before the answer")
	r := recs[fi]
	assert.Equal(t, sc.Decisions[0].ID, r.Target)
	assert.Equal(t, float64(futuresPerOption), r.Value)
	assert.Equal(t, shown, r.Text)

	// A debrief can make the same futures again from the log.
	o, err := analytics.OriginAtDecision(sc, 8, recs, log, r.Target)
	require.NoError(t, err)
	opts, err := analytics.DecisionOptions(o)
	require.NoError(t, err)
	again, err := analytics.RunFutures(context.Background(), analytics.FuturesSpec{Origin: o, Options: opts, Reference: analytics.DefaultOption(o), N: int(r.Value)}, nil)
	require.NoError(t, err)
	assert.Equal(t, r.Text, again.Said())
}

// Closing the overlay while the futures run stops them at once, and the
// log says how many had finished.
func TestClosingTheFuturesCancelsThem(t *testing.T) {
	live, sc, log := liveAtFirstDecision(t)
	f := live.Frame()
	var fv futuresView
	fv.intercept(view.Command{Kind: view.CmdFutures}, live, &f)
	require.True(t, fv.open)
	assert.True(t, fv.intercept(view.Command{Kind: view.CmdClose}, live, &f))
	assert.False(t, fv.open)
	select {
	case <-fv.done:
	default:
		t.Fatal("the futures still run after the overlay closed")
	}
	require.NoError(t, live.Save())
	recs := readSession(t, sc, log)
	i := slices.IndexFunc(recs, func(r agents.Record) bool { return r.Kind == agents.KindFutures })
	require.GreaterOrEqual(t, i, 0)
	assert.Less(t, recs[i].Value, float64(futuresPerOption))
	assert.True(t, live.Paused(), "the run still waits for the decision")
}

// W with no decision on screen opens nothing.
func TestFuturesNeedADecision(t *testing.T) {
	sc, _, err := scenarios.Open(scenarios.Default, scenarios.Options{})
	require.NoError(t, err)
	live, err := view.NewLive(view.LiveConfig{Scenario: sc, Source: scenarios.Default, Seed: 8, At: 24})
	require.NoError(t, err)
	f := live.Frame()
	var fv futuresView
	fv.intercept(view.Command{Kind: view.CmdFutures}, live, &f)
	assert.False(t, fv.open)
	assert.Positive(t, fv.notice)
}

// Another overlay takes the screen from the futures: they close first.
func TestOtherOverlaysCloseTheFutures(t *testing.T) {
	for _, kind := range []view.CommandKind{view.CmdInjects, view.CmdHelp, view.CmdRestart} {
		live, _, _ := liveAtFirstDecision(t)
		f := live.Frame()
		var fv futuresView
		fv.intercept(view.Command{Kind: view.CmdFutures}, live, &f)
		require.True(t, fv.open)
		assert.False(t, fv.intercept(view.Command{Kind: kind}, live, &f), "%v goes on to the run", kind)
		assert.False(t, fv.open, "%v closes the futures", kind)
	}
}
