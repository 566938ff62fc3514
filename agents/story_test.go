package agents

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"cpkrange/scenarios"
)

// storyErrors returns the orderings in recs that cannot happen.
func storyErrors(recs []Record) []string {
	var bad []string
	launched, detected := map[int]bool{}, map[int]bool{}
	leaked := map[string]bool{}
	status := map[string]Status{}
	told, injectAt := map[int]string{}, -1.0 // ops an inject launched: the card says they happened
	for _, r := range recs {
		switch r.Kind {
		case KindInject:
			injectAt = r.Time
		case KindDecided:
			injectAt = -1
		case KindAttackLaunched:
			launched[r.Op] = true
			if r.Time == injectAt {
				told[r.Op] = r.Target
			}
		case KindAttackSucceeded, KindAttackFailed, KindAttackBlocked:
			if !launched[r.Op] {
				bad = append(bad, fmt.Sprintf("%s of op %d before its launch", r.Kind, r.Op))
			}
			if target, ok := told[r.Op]; ok && r.Kind != KindAttackSucceeded {
				bad = append(bad, fmt.Sprintf("op %d on %s, which an inject says happened, %s", r.Op, target, r.Kind))
			}
		case KindAttackDetected:
			if !launched[r.Op] {
				bad = append(bad, fmt.Sprintf("op %d detected before its launch", r.Op))
			}
			detected[r.Op] = true
		case KindAttackAttributed, KindAttackUnattributed:
			if !detected[r.Op] {
				bad = append(bad, fmt.Sprintf("op %d attributed before it was detected", r.Op))
			}
		case KindToolLeaked:
			if leaked[r.Actor] {
				bad = append(bad, fmt.Sprintf("the tools of %s leak twice", r.Actor))
			}
			leaked[r.Actor] = true
		case KindToolReused:
			if !leaked[r.Other] {
				bad = append(bad, fmt.Sprintf("%s reuses the tools of %s before they leak", r.Actor, r.Other))
			}
		case KindForce:
			if r.Function == GuardianCleanup.String() && r.Target != "" && !leaked[r.Target] {
				bad = append(bad, fmt.Sprintf("the tools of %s collected before they leak", r.Target))
			}
		case KindAssetStatus:
			if r.Status == status[r.Target] && r.Value == 0 && r.Status != Working {
				bad = append(bad, fmt.Sprintf("%s reported %s twice with nothing changed", r.Target, r.Status))
			}
			status[r.Target] = r.Status
		case KindEscalation:
			if r.Lower && r.Rung == RungArmed {
				bad = append(bad, "a step down to armed conflict")
			}
		}
	}
	return bad
}

// TestEveryBundledRunIsCredible runs every bundled scenario over 50 seeds
// and checks each run for what a room would catch: a count above the
// population it refers to or a state's harm above its population × hours
// (populationErrors), and orderings that cannot happen (storyErrors). One
// pass over the runs serves both.
func TestEveryBundledRunIsCredible(t *testing.T) {
	seeds := uint64(50)
	if testing.Short() {
		seeds = 10
	}
	for _, info := range scenarios.Bundled() {
		t.Run(info.Name, func(t *testing.T) {
			sc, _, err := scenarios.Open(info.Name, scenarios.Options{})
			require.NoError(t, err)
			for seed := uint64(1); seed <= seeds; seed++ {
				var recs []Record
				m, err := Replicate(sc, seed, recorderFunc(func(r Record) { recs = append(recs, r) }))
				require.NoError(t, err)
				assert.Empty(t, populationErrors(sc, recs, m), "seed %d: counts above their population", seed)
				assert.Empty(t, storyErrors(recs), "seed %d: impossible orderings", seed)
			}
		})
	}
}

// TestTheDeciderMoves: a decision by one side of a dyad that escalates the
// dispute moves that side, whichever order the effect names the states in;
// escalating "to" a rung below the current one leaves the dispute where it
// is.
func TestTheDeciderMoves(t *testing.T) {
	sc, _, err := scenarios.Open("../testdata/scenarios/small.toml", scenarios.Options{})
	require.NoError(t, err)
	var esc []Record
	w, err := Build(sc, 1, recorderFunc(func(r Record) {
		if r.Kind == KindEscalation {
			esc = append(esc, r)
		}
	}))
	require.NoError(t, err)
	east, west := w.stateIdx["east"], w.stateIdx["west"]
	w.apply(scenarios.Effect{Do: "escalate", Between: []string{"east", "west"}, By: 1}, west)
	require.Len(t, esc, 1)
	assert.Equal(t, "west", esc[0].State, "west decided, so west moves")
	assert.Equal(t, "east", esc[0].Other)
	w.apply(scenarios.Effect{Do: "escalate", Between: []string{"east", "west"}, By: 1}, -1)
	require.Len(t, esc, 2)
	assert.Equal(t, "east", esc[1].State, "an inject moves the first state it names")
	before := w.dyad(east, west).rung
	w.apply(scenarios.Effect{Do: "escalate", Between: []string{"east", "west"}, To: "protest"}, east)
	assert.Equal(t, before, w.dyad(east, west).rung, "escalating to a lower rung does not step down")
	assert.Len(t, esc, 2)
}

// TestStartingDisputesStayUntilQuiet: a dispute the scenario starts with is
// live; it cannot calm before a quiet spell has passed.
func TestStartingDisputesStayUntilQuiet(t *testing.T) {
	sc, _, err := scenarios.Open("ddos-election", scenarios.Options{})
	require.NoError(t, err)
	quiet := sc.Model.Escalation.Quiet.Hours()
	for seed := uint64(1); seed <= 20; seed++ {
		var first *Record
		_, err := Replicate(sc, seed, recorderFunc(func(r Record) {
			if first == nil && r.Kind == KindEscalation && r.Lower {
				first = &r
			}
		}))
		require.NoError(t, err)
		if first != nil {
			assert.GreaterOrEqual(t, first.Time, quiet, "seed %d: a starting dispute calmed on day %.0f", seed, first.Time/24+1)
		}
	}
}

// TestArmedConflictRalliesThePublics: a dispute that reaches armed conflict
// raises each public's pressure against the other to the rally floor.
func TestArmedConflictRalliesThePublics(t *testing.T) {
	sc, _, err := scenarios.Open("../testdata/scenarios/small.toml", scenarios.Options{})
	require.NoError(t, err)
	w, err := Build(sc, 1, recorderFunc(func(Record) {}))
	require.NoError(t, err)
	east, west := w.stateIdx["east"], w.stateIdx["west"]
	w.apply(scenarios.Effect{Do: "escalate", Between: []string{"east", "west"}, To: "armed"}, -1)
	floor := float64(sc.Model.Escalation.Rally)
	assert.Greater(t, floor, 0.0)
	assert.GreaterOrEqual(t, w.states[east].pressureOn(west), floor)
	assert.GreaterOrEqual(t, w.states[west].pressureOn(east), floor)
	assert.Equal(t, 1.0, w.dyad(east, west).tension)
}
