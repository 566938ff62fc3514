package agents

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"cpkrange/scenarios"
	"cpkrange/sim"
)

// Every kind reads as a line of its own: a kind added without its entry
// in texts would print nothing on the command line and show nothing on
// the display.
func TestEveryKindIsDescribed(t *testing.T) {
	d := NewDescriber(nil, IDs{})
	lines := map[string]Kind{}
	for _, k := range Kinds() {
		require.NotNil(t, texts[k].line, "%s has no line", k)
		line := d.Describe(Record{Kind: k, Op: 1, Actor: "a", State: "s", Other: "o", Target: "t", Method: "m", Function: "f.g", Role: "f", Text: "x", Value: 1}).Line
		assert.NotEmpty(t, line, "%s", k)
		if prev, ok := lines[line]; ok {
			t.Errorf("%s reads as %s does: %q", k, prev, line)
		}
		lines[line] = k
	}
}

// The direction of a move on the ladder is a field the model sets: every
// escalation record of the bundled runs steps down exactly when it says
// so, and the log carries the direction there and back.
func TestLadderStepDirection(t *testing.T) {
	downs := 0
	for _, b := range scenarios.Bundled() {
		sc, _, err := scenarios.Open(b.Name, scenarios.Options{})
		require.NoError(t, err)
		rungs := map[[2]string]Rung{}
		for _, rel := range sc.Relations {
			if r, ok := ParseRung(rel.Rung); ok && len(rel.Between) == 2 {
				rungs[pair(rel.Between[0], rel.Between[1])] = r
			}
		}
		var recs []Record
		var buf bytes.Buffer
		lw := NewLogWriter(&buf, LogHeader{Scenario: sc.Meta.Name, Source: b.Name, Seed: 3, Horizon: sc.Meta.Horizon.Hours()})
		_, err = Replicate(sc, 3, lw, sim.RecorderFunc[Record](func(r Record) { recs = append(recs, r) }))
		require.NoError(t, err)
		require.NoError(t, lw.Flush())
		d := NewDescriber(sc, IDs{})
		for _, r := range recs {
			desc := d.Describe(r)
			switch r.Kind {
			case KindEscalation:
				x := r.LadderStep()
				k := pair(x.By, x.Towards)
				assert.Equal(t, x.Rung < rungs[k], x.Lower, "%s at %s: %v after %v", b.Name, Clock(r.Time), x.Rung, rungs[k])
				if x.Lower {
					downs++
					assert.Equal(t, "CALMER", desc.Verb)
					assert.Equal(t, ToneGood, desc.Tone)
					assert.True(t, strings.HasPrefix(desc.Line, "DE-ESCALATION"), desc.Line)
				} else {
					assert.Equal(t, ToneEscalation, desc.Tone)
				}
				rungs[k] = x.Rung
			case KindRelation:
				rungs[pair(r.State, r.Other)] = r.Rung
			}
		}
		_, back, err := ReadLog(b.Name+".jsonl", &buf)
		require.NoError(t, err)
		assert.Equal(t, recs, back, "%s: the log loses a field", b.Name)
	}
	assert.Positive(t, downs, "no bundled run steps down the ladder: the test tests nothing")
}

func pair(a, b string) [2]string {
	if a > b {
		a, b = b, a
	}
	return [2]string{a, b}
}

// A later line about an operation recalls its method, target and outcome,
// and an outage is news once, however often its status is reported.
func TestDescriberRemembers(t *testing.T) {
	sc := &scenarios.Scenario{Assets: []scenarios.Asset{{ID: "grid", Owner: "k", People: 1200}}}
	d := NewDescriber(sc, IDs{})
	launch := Record{Kind: KindAttackLaunched, Op: 4, Actor: "heron", Origin: "v", State: "k", Target: "grid", Method: "wiper"}
	d.Describe(launch)
	hit := launch
	hit.Kind = KindAttackSucceeded
	assert.Equal(t, "grid (k)", d.Describe(hit).Object)
	blame := Record{Kind: KindAttackAttributed, Op: 4, Actor: "heron", Origin: "v", State: "k", Other: "s", Method: "wiper"}
	got := d.Describe(blame)
	assert.Equal(t, "op 4: k WRONGLY blames s for the wiper by heron [wiper on grid, succeeded]", got.Line)
	assert.Equal(t, ToneWrong, got.Tone)
	assert.Equal(t, "grid (k)", got.Object, "the attribution names no target; the launch did")

	down := Record{Kind: KindAssetStatus, Target: "grid", State: "k", Status: Down, Value: 2400}
	first := d.Describe(down)
	assert.True(t, first.Feed && first.Key)
	assert.Equal(t, "DOWN: 1,200 people without service", first.Outcome)
	again := down
	again.Time, again.Value = 3, 1800 // the force keeps part of it running
	rest := d.Describe(again)
	assert.False(t, rest.Feed, "an asset already down is not news")
	assert.False(t, rest.Key, "a change of the harm it does is not a new outage")
	up := down
	up.Time, up.Status, up.Value = 14, Working, 0
	back := d.Describe(up)
	assert.Equal(t, "BACK UP", back.Verb)
	assert.True(t, back.Key, "a restoration is a turn of the story")
	assert.Equal(t, "grid (k) is back (working) after 14h", back.Line)
}

// WithoutLines leaves the line out and nothing else.
func TestWithoutLines(t *testing.T) {
	r := Record{Kind: KindInject, Text: "Polls close"}
	with := NewDescriber(nil, IDs{}).Describe(r)
	without := NewDescriber(nil, IDs{}).WithoutLines().Describe(r)
	assert.Equal(t, "INJECT: Polls close", with.Line)
	assert.Empty(t, without.Line)
	with.Line = ""
	assert.Equal(t, with, without)
}
