package agents

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"cpkrange/scenarios"
	"cpkrange/sim"
)

// pcgStates appends, for every rand.PCG reachable from v, its path and
// state.
func pcgStates(path string, v reflect.Value, out map[string][2]uint64) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			pcgStates(path, v.Elem(), out)
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			pcgStates(fmt.Sprintf("%s[%d]", path, i), v.Index(i), out)
		}
	case reflect.Map:
		it := v.MapRange()
		for it.Next() {
			pcgStates(fmt.Sprintf("%s[%v]", path, it.Key()), it.Value(), out)
		}
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[rand.PCG]() {
			out[path] = [2]uint64{v.Field(0).Uint(), v.Field(1).Uint()}
			return
		}
		for i := range v.NumField() {
			pcgStates(path+"."+v.Type().Field(i).Name, v.Field(i), out)
		}
	}
}

// TestReseedReachesEveryGenerator forks every bundled scenario's run at
// the middle (when worms and rumours have their own generators) twice and
// reseeds the forks differently: every generator reachable from the world
// must then differ between them. A generator added to the model without a
// line in Reseed stays as the fork copied it, and fails here.
func TestReseedReachesEveryGenerator(t *testing.T) {
	for _, info := range scenarios.Bundled() {
		t.Run(info.Name, func(t *testing.T) {
			sc, _, err := scenarios.Open(info.Name, scenarios.Options{})
			require.NoError(t, err)
			w, err := Build(sc, 5, nil)
			require.NoError(t, err)
			w.Advance(w.Horizon() / 2)
			a, b := w.Fork(nil), w.Fork(nil)
			a.Reseed(11)
			b.Reseed(12)
			sa, sb := map[string][2]uint64{}, map[string][2]uint64{}
			pcgStates("", reflect.ValueOf(a).Elem(), sa)
			pcgStates("", reflect.ValueOf(b).Elem(), sb)
			require.NotEmpty(t, sa)
			for path, st := range sa {
				assert.NotEqual(t, st, sb[path], "%s is not reseeded: Reseed must give it a generator of the new seed", path)
			}
		})
	}
}

// Two forks reseeded with the same seed make the same future; with
// another seed, another.
func TestReseededForksAreFuturesOfTheSeed(t *testing.T) {
	sc, _, err := scenarios.Open(scenarios.Default, scenarios.Options{})
	require.NoError(t, err)
	w, err := Build(sc, 5, nil)
	require.NoError(t, err)
	w.Advance(w.Horizon() / 3)
	run := func(seed uint64) []Record {
		var out []Record
		f := w.Fork(sim.RecorderFunc[Record](func(r Record) { out = append(out, r) }))
		f.Reseed(seed)
		f.Run()
		return out
	}
	a := run(21)
	assert.Equal(t, a, run(21))
	assert.NotEqual(t, a, run(22))
}

func TestEndAtStopsTheRunWithItsFinalRecords(t *testing.T) {
	sc, _, err := scenarios.Open(scenarios.Default, scenarios.Options{})
	require.NoError(t, err)
	var recs []Record
	w, err := Build(sc, 5, sim.RecorderFunc[Record](func(r Record) { recs = append(recs, r) }))
	require.NoError(t, err)
	w.Advance(100)
	require.Error(t, w.EndAt(50), "a look-ahead before now")
	require.NoError(t, w.EndAt(14*24))
	w.Run()
	assert.True(t, w.Ended())
	last := recs[len(recs)-1]
	assert.Equal(t, KindRunEnd, last.Kind)
	assert.Equal(t, 14*24.0, last.Time)
	assert.True(t, slices.ContainsFunc(recs, func(r Record) bool { return r.Kind == KindDyadFinal && r.Time == 14*24 }))
}

// TestMetricsCloneSharesNothing clones the metrics of every bundled
// scenario's run at its middle and checks that the clone shares no memory
// with the original but the tables NewServices fixes.
func TestMetricsCloneSharesNothing(t *testing.T) {
	readOnly := []string{"services.states[].cells", "services.byID", "safeLayer.states[].cells", "safeLayer.byID", "stateIDs"}
	for _, info := range scenarios.Bundled() {
		t.Run(info.Name, func(t *testing.T) {
			sc, _, err := scenarios.Open(info.Name, scenarios.Options{})
			require.NoError(t, err)
			m := NewMetrics(sc)
			w, err := Build(sc, 5, m)
			require.NoError(t, err)
			w.Advance(w.Horizon() / 2)
			c := m.Clone()
			var shared []string
			sharedRefs("", reflect.ValueOf(m).Elem(), reflect.ValueOf(c).Elem(), &shared)
			for _, p := range slices.Compact(shared) {
				ok := slices.ContainsFunc(readOnly, func(r string) bool { return p == r || strings.HasPrefix(p, r+"[]") })
				assert.True(t, ok, "a clone of the metrics shares %s: copy it in Metrics.Clone", p)
			}
			// The clone goes on as the original would.
			f := w.Fork(c)
			w.Run()
			f.Run()
			assert.Equal(t, m.Values(), c.Values())
		})
	}
}

// session plays a workshop on sc as the display does: interactive, the
// facilitator answering every decision with its last option (through the
// commands the display records), firing the first inject out of turn on
// day 3, and showing futures at each decision. It returns the log.
func session(t *testing.T, sc *scenarios.Scenario, seed uint64, answer func(d int) int) []byte {
	t.Helper()
	var buf bytes.Buffer
	lw := NewLogWriter(&buf, LogHeader{Scenario: sc.Meta.Name, Source: "test", Seed: seed, Horizon: sc.Meta.Horizon.Hours()})
	w, err := Build(sc, seed, lw)
	require.NoError(t, err)
	w.SetInteractive(true)
	drive(t, w, answer, true)
	require.NoError(t, lw.Flush())
	return buf.Bytes()
}

// drive runs w to its end as the display does: in steps that stop at each
// decision, firing the first inject out of turn on day 3 and answering
// each decision with answer(its index) as the facilitator; with commands,
// recording the facilitator's commands and futures shown too.
func drive(t *testing.T, w *World, answer func(d int) int, commands bool) {
	sc := w.Scenario()
	for !w.Ended() {
		next := w.Now() + 7.25
		for _, d := range sc.Decisions {
			if at := d.At.Hours(); at > w.Now() && at < next {
				next = at
			}
		}
		w.Advance(next)
		if len(sc.Injects) > 0 && w.Now() >= 72 && w.Now() < 72+7.25 {
			if commands {
				w.Command("inject", sc.Injects[0].ID)
			}
			w.Fire(0)
		}
		for len(w.Pending()) > 0 {
			p := w.Pending()[0]
			d := sc.Decisions[p.Index]
			k := answer(p.Index)
			if commands {
				w.Command("pause", "waiting for a decision")
				w.ShowFutures(d.ID, 20, 0, "1. something: conflict 40%")
				w.Command("decide", fmt.Sprintf("%s %d", d.ID, k))
			}
			require.True(t, w.Decide(p.Index, k, "facilitator"))
			if commands {
				w.Command("resume", "after the decision")
			}
		}
	}
}

// reenactLog reads a log and runs it again to its end, returning the log
// the reenactment writes.
func reenactLog(t *testing.T, sc *scenarios.Scenario, log []byte) []byte {
	t.Helper()
	h, recs, err := ReadLogFor("session.jsonl", bytes.NewReader(log), sc)
	require.NoError(t, err)
	var buf bytes.Buffer
	lw := NewLogWriter(&buf, h)
	re, err := Reenact(sc, h.Seed, recs, "session.jsonl", lw)
	require.NoError(t, err)
	require.NoError(t, re.ToEnd())
	assert.True(t, re.LogEnded())
	require.NoError(t, lw.Flush())
	return buf.Bytes()
}

// TestReenactingASessionMakesItsLogAgain: a session's log, run again,
// comes out byte for byte, on every bundled scenario; so does a batch
// run's.
func TestReenactingASessionMakesItsLogAgain(t *testing.T) {
	for _, info := range scenarios.Bundled() {
		t.Run(info.Name, func(t *testing.T) {
			sc, _, err := scenarios.Open(info.Name, scenarios.Options{})
			require.NoError(t, err)
			log := session(t, sc, 9, func(d int) int { return len(sc.Decisions[d].Options) })
			assert.Equal(t, string(log), string(reenactLog(t, sc, log)))

			var batch bytes.Buffer
			lw := NewLogWriter(&batch, LogHeader{Scenario: sc.Meta.Name, Source: "test", Seed: 9, Horizon: sc.Meta.Horizon.Hours()})
			_, err = Replicate(sc, 9, lw)
			require.NoError(t, err)
			require.NoError(t, lw.Flush())
			assert.Equal(t, batch.String(), string(reenactLog(t, sc, batch.Bytes())))
		})
	}
}

// A log of another seed is refused at its first record that differs.
func TestReenactRefusesALogThatDiffers(t *testing.T) {
	sc, _, err := scenarios.Open(scenarios.Default, scenarios.Options{})
	require.NoError(t, err)
	log := session(t, sc, 9, func(d int) int { return 1 })
	_, recs, err := ReadLogFor("session.jsonl", bytes.NewReader(log), sc)
	require.NoError(t, err)
	re, err := Reenact(sc, 10, recs, "session.jsonl", nil)
	if err == nil {
		err = re.ToEnd()
	}
	require.Error(t, err)
	assert.Contains(t, err.Error(), "session.jsonl: record 1 differs")
}

// TestForkTakingAnOptionIsTheSessionTakingIt: replaying a session's log up
// to a decision and forking there, the fork that takes option k makes what
// the session that answered k made, record for record (but the
// facilitator's commands, which change nothing).
func TestForkTakingAnOptionIsTheSessionTakingIt(t *testing.T) {
	sc, _, err := scenarios.Open(scenarios.Default, scenarios.Options{})
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(sc.Decisions), 2)
	target := sc.Decisions[1].ID
	for k := 1; k <= len(sc.Decisions[1].Options); k++ {
		t.Run(fmt.Sprint(k), func(t *testing.T) {
			log := session(t, sc, 4, func(d int) int {
				if d == 1 {
					return k
				}
				return 1
			})
			_, recs, err := ReadLogFor("session.jsonl", bytes.NewReader(log), sc)
			require.NoError(t, err)
			var prefix int
			re, err := Reenact(sc, 4, recs, "session.jsonl", sim.RecorderFunc[Record](func(Record) { prefix++ }))
			require.NoError(t, err)
			require.NoError(t, re.ToDecision(target))
			var fork []Record
			f := re.World().Fork(sim.RecorderFunc[Record](func(r Record) { fork = append(fork, r) }))
			i, _ := f.DecisionIndex(target)
			require.True(t, f.Decide(i, k, "facilitator"))
			drive(t, f, func(int) int { return 1 }, false)
			var want []Record
			for _, r := range recs[prefix:] {
				if r.Kind != KindCommand && r.Kind != KindFutures {
					want = append(want, r)
				}
			}
			require.NotEmpty(t, fork)
			assert.Equal(t, want, fork)
		})
	}
}

// In a batch run's log the default is taken in the event that puts the
// decision: the fork there, taking the default, makes the rest of the log.
func TestForkOfABatchLogTakingTheDefaultIsTheBatchRun(t *testing.T) {
	sc, _, err := scenarios.Open(scenarios.Default, scenarios.Options{})
	require.NoError(t, err)
	var batch []Record
	_, err = Replicate(sc, 5, sim.RecorderFunc[Record](func(r Record) { batch = append(batch, r) }))
	require.NoError(t, err)
	for _, d := range sc.Decisions {
		var prefix int
		re, err := Reenact(sc, 5, batch, "batch.jsonl", sim.RecorderFunc[Record](func(Record) { prefix++ }))
		require.NoError(t, err)
		require.NoError(t, re.ToDecision(d.ID))
		var fork []Record
		f := re.World().Fork(sim.RecorderFunc[Record](func(r Record) { fork = append(fork, r) }))
		i, _ := f.DecisionIndex(d.ID)
		require.True(t, f.Decide(i, d.Default, "default"))
		f.SetInteractive(false)
		f.Run()
		assert.Equal(t, batch[prefix:], fork, d.ID)
	}
}

// What if the force had acted then: a switch that changes the force
// changes it; one that would change nothing is refused.
func TestSwitchFunctionRefusesWhatChangesNothing(t *testing.T) {
	sc, _, err := scenarios.Open(scenarios.Default, scenarios.Options{})
	require.NoError(t, err)
	w, err := Build(sc, 5, nil)
	require.NoError(t, err)
	w.Advance(100)
	require.True(t, w.on(MediatorAttribution))
	assert.ErrorContains(t, w.SwitchFunction("mediator.attribution", true), "on already")
	assert.ErrorContains(t, w.SwitchFunction("mediator.telepathy", true), "no function")
	require.NoError(t, w.SwitchFunction("mediator.attribution", false))
	assert.False(t, w.on(MediatorAttribution))
	require.NoError(t, w.SwitchFunction("mediator.attribution", true))
	assert.True(t, w.on(MediatorAttribution))

	sc2, _, err := scenarios.Open(scenarios.Default, scenarios.Options{Set: []string{"force.disabled=mediator.attribution"}})
	require.NoError(t, err)
	w2, err := Build(sc2, 5, nil)
	require.NoError(t, err)
	assert.ErrorContains(t, w2.SwitchFunction("mediator.attribution", true), "mandate does not hold")
}
