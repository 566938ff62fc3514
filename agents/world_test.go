package agents_test

import (
	"bytes"
	"flag"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"cpkrange/agents"
	"cpkrange/scenarios"
	"cpkrange/sim"
)

var update = flag.Bool("update", false, "rewrite the golden event logs")

func open(t testing.TB, name string, opt scenarios.Options) *scenarios.Scenario {
	t.Helper()
	sc, _, err := scenarios.Open(name, opt)
	require.NoError(t, err)
	return sc
}

// logOf runs sc with seed and returns its event log.
func logOf(t testing.TB, sc *scenarios.Scenario, seed uint64) []byte {
	t.Helper()
	var buf bytes.Buffer
	lw := agents.NewLogWriter(&buf, agents.LogHeader{Scenario: sc.Meta.Name, Source: "test", Seed: seed, Horizon: sc.Meta.Horizon.Hours()})
	_, err := agents.Replicate(sc, seed, lw)
	require.NoError(t, err)
	require.NoError(t, lw.Flush())
	return buf.Bytes()
}

func bundledNames() []string {
	var names []string
	for _, b := range scenarios.Bundled() {
		names = append(names, b.Name)
	}
	return names
}

func TestSameSeedSameLog(t *testing.T) {
	for _, name := range bundledNames() {
		t.Run(name, func(t *testing.T) {
			sc := open(t, name, scenarios.Options{})
			a, b := logOf(t, sc, 11), logOf(t, sc, 11)
			assert.Equal(t, a, b)
			assert.NotEqual(t, a, logOf(t, sc, 12), "different seeds give different logs")
		})
	}
}

// TestFileOrderDoesNotChangeTheRun builds the same world from a scenario
// whose states, relations, assets, attackers and teams are listed in the
// opposite order: the log must be the same, byte for byte.
func TestFileOrderDoesNotChangeTheRun(t *testing.T) {
	for _, name := range bundledNames() {
		t.Run(name, func(t *testing.T) {
			sc := open(t, name, scenarios.Options{})
			want := logOf(t, sc, 5)
			rev := sc.Clone()
			slices.Reverse(rev.States)
			slices.Reverse(rev.Relations)
			slices.Reverse(rev.Assets)
			slices.Reverse(rev.Attackers)
			slices.Reverse(rev.Force.Teams)
			slices.Reverse(rev.Information.Networks)
			assert.Equal(t, string(want), string(logOf(t, rev, 5)))
		})
	}
}

// TestGoldenLog pins the whole event log of a small scenario; run with
// -update to rewrite it after a deliberate change of the model.
func TestGoldenLog(t *testing.T) {
	sc := open(t, "../testdata/scenarios/small.toml", scenarios.Options{})
	got := logOf(t, sc, sc.Meta.Seed)
	golden := filepath.Join("..", "testdata", "golden", "small.jsonl")
	if *update {
		require.NoError(t, os.MkdirAll(filepath.Dir(golden), 0o755))
		require.NoError(t, os.WriteFile(golden, got, 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err, "run with -update to create it")
	assert.Equal(t, string(want), string(got), "the event log changed; if on purpose, run go test ./agents -run TestGoldenLog -update")
}

// TestForkMakesTheSameFuture forks a run halfway and checks that the fork
// writes exactly what the original writes from there on.
func TestForkMakesTheSameFuture(t *testing.T) {
	for _, name := range bundledNames() {
		t.Run(name, func(t *testing.T) {
			sc := open(t, name, scenarios.Options{})
			var orig, fork []agents.Record
			w, err := agents.Build(sc, 3, sim.RecorderFunc[agents.Record](func(r agents.Record) { orig = append(orig, r) }))
			require.NoError(t, err)
			w.Advance(w.Horizon() / 2)
			f := w.Fork(sim.RecorderFunc[agents.Record](func(r agents.Record) { fork = append(fork, r) }))
			mark := len(orig)
			w.Run()
			f.Run()
			require.NotEmpty(t, fork)
			assert.Equal(t, orig[mark:], fork)
		})
	}
}

func TestLogRoundTrip(t *testing.T) {
	sc := open(t, "../testdata/scenarios/small.toml", scenarios.Options{})
	var recs []agents.Record
	var buf bytes.Buffer
	lw := agents.NewLogWriter(&buf, agents.LogHeader{Scenario: sc.Meta.Name, Source: "small", Seed: 7, Horizon: sc.Meta.Horizon.Hours()})
	_, err := agents.Replicate(sc, 7, lw, sim.RecorderFunc[agents.Record](func(r agents.Record) { recs = append(recs, r) }))
	require.NoError(t, err)
	require.NoError(t, lw.Flush())

	h, back, err := agents.ReadLog("small.jsonl", &buf)
	require.NoError(t, err)
	assert.Equal(t, "Small", h.Scenario)
	assert.Equal(t, uint64(7), h.Seed)
	assert.Equal(t, recs, back)
}

func TestReadLogReportsEveryProblem(t *testing.T) {
	log := strings.Join([]string{
		`{"format":"cpkrange-event-log","version":2,"scenario":"x","source":"x","seed":1,"horizon":10}`,
		`{"t":1,"kind":"run.start","stage":"pre-conflict"}`,
		`{"t":2,"kind":"attack.teleported","stage":"pre-conflict"}`,
		`{"t":3,"kind":"inject","stage":"mid-conflict"}`,
		`{"t":"four","kind":"inject","stage":"conflict"}`,
		`{"t":5,"kind":"inject"`,
		`{"t":0.5,"kind":"inject","stage":"conflict"}`,
		`{"t":6,"kind":"asset.status","stage":"conflict","status":"melted"}`,
	}, "\n")
	_, recs, err := agents.ReadLog("run.jsonl", strings.NewReader(log))
	require.Error(t, err)
	assert.Equal(t, strings.Join([]string{
		`run.jsonl:3:1: unknown kind "attack.teleported"`,
		`run.jsonl:4:1: unknown stage "mid-conflict"`,
		`run.jsonl:5:11: field "t": want float64, got string`,
		`run.jsonl:6:22: unexpected end of JSON input`,
		`run.jsonl:7:1: time 0.5 goes back (previous 1)`,
		`run.jsonl:8:1: unknown status "melted"`,
	}, "\n"), err.Error())
	assert.Len(t, recs, 1, "the good lines are still read")

	_, _, err = agents.ReadLog("x.jsonl", strings.NewReader(`{"format":"other","version":1}`))
	assert.EqualError(t, err, `x.jsonl:1:1: not a cpkrange event log (format "other")`)
	_, _, err = agents.ReadLog("x.jsonl", strings.NewReader(`{"format":"cpkrange-event-log","version":9}`))
	assert.EqualError(t, err, `x.jsonl:1:1: event log version 9; this build reads version 2 only (run the scenario again for a new log)`)
	_, _, err = agents.ReadLog("x.jsonl", strings.NewReader(""))
	assert.EqualError(t, err, `x.jsonl:1:1: empty file: no event log header`)
	_, _, err = agents.ReadLog("x.jsonl", strings.NewReader("\x00\x01garbage"))
	assert.ErrorContains(t, err, "x.jsonl:1:1: not an event log header")
}

// TestWriteLogFileKeepsTheOldFileOnFailure: a run that fails leaves an
// existing log untouched and no temporary file behind.
func TestWriteLogFileKeepsTheOldFileOnFailure(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "run.jsonl")
	require.NoError(t, os.WriteFile(path, []byte("old"), 0o644))
	err := agents.WriteLogFile(path, func(w io.Writer) error {
		_, _ = w.Write([]byte("half"))
		return assert.AnError
	})
	assert.ErrorIs(t, err, assert.AnError)
	got, _ := os.ReadFile(path)
	assert.Equal(t, "old", string(got))
	entries, _ := os.ReadDir(dir)
	assert.Len(t, entries, 1)
}

func BenchmarkRun(b *testing.B) {
	for _, name := range bundledNames() {
		b.Run(name, func(b *testing.B) {
			sc := open(b, name, scenarios.Options{})
			var events uint64
			b.ReportAllocs()
			for i := range b.N {
				w, err := agents.Build(sc, uint64(i), nil)
				if err != nil {
					b.Fatal(err)
				}
				w.Run()
				events += w.Events()
			}
			b.ReportMetric(float64(events)/b.Elapsed().Seconds(), "events/s")
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(events), "ns/event")
			b.ReportMetric(float64(events)/float64(b.N), "events/run")
		})
	}
}

// TestSameSeedSameMetrics: the run's numbers, not only its log, are the
// same to the last bit. Harm is a floating-point sum, so its order must
// not depend on map iteration (which Go randomises on every loop).
func TestSameSeedSameMetrics(t *testing.T) {
	for _, name := range bundledNames() {
		sc := open(t, name, scenarios.Options{})
		for seed := uint64(1); seed <= 10; seed++ {
			a, err := agents.Replicate(sc, seed)
			require.NoError(t, err)
			b, err := agents.Replicate(sc, seed)
			require.NoError(t, err)
			require.Equal(t, a.Values(), b.Values(), "%s seed %d", name, seed)
			require.Equal(t, a.Daily, b.Daily, "%s seed %d", name, seed)
		}
	}
}

// TestOperationWithoutTargetIsReported gives an attacker only a sector no
// asset of its target states belongs to: its turns must be reported as
// attack.no-target, never dropped without a trace.
func TestOperationWithoutTargetIsReported(t *testing.T) {
	sc := open(t, "../testdata/scenarios/small.toml", scenarios.Options{Set: []string{
		`attacker.west-proxy.methods=ddos:1`,
		`attacker.west-proxy.targets.sectors=military:1`,
	}})
	var recs []agents.Record
	m, err := agents.Replicate(sc, 7, sim.RecorderFunc[agents.Record](func(r agents.Record) { recs = append(recs, r) }))
	require.NoError(t, err)
	n := 0
	for _, r := range recs {
		if r.Kind == agents.KindAttackNoTarget {
			n++
			assert.Equal(t, "west-proxy", r.Actor)
			assert.Equal(t, "ddos", r.Method)
		}
		assert.NotEqual(t, agents.KindAttackLaunched, r.Kind, "no operation can be launched")
	}
	assert.Greater(t, n, 3, "about one turn a day over ten days")
	assert.Equal(t, n, m.NoTarget["west-proxy"])
}
