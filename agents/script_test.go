package agents

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"cpkrange/scenarios"
)

// A unit stood down and started again runs one chain of ticks, not two:
// a tempo change voids the tick drawn at the old tempo.
func TestTempoRestartKeepsOneTickChain(t *testing.T) {
	sc := cascadeScenario()
	sc.Meta.Horizon = 1000
	sc.Attackers = []scenarios.Attacker{{ID: "x", Kind: "criminal", Tempo: 0.1, Methods: map[string]float64{"ddos": 1}, Stages: []string{"pre-conflict"}}}
	launched := 0
	w, err := Build(sc, 1, recorderFunc(func(r Record) {
		if r.Kind == KindAttackLaunched {
			launched++
		}
	}))
	require.NoError(t, err)
	w.apply(scenarios.Effect{Do: "tempo", Attacker: "x", To: "0/day"})
	w.apply(scenarios.Effect{Do: "tempo", Attacker: "x", To: "1/h"})
	w.Run()
	// At 1 per hour over 1000 hours a single chain launches about 1000
	// operations (sd about 32); two chains would launch about 2000.
	assert.InDelta(t, 1000, launched, 150)
}

// The mediator's support counts for the operation it was given to.
func TestMediatorHelpIsPerOperation(t *testing.T) {
	sc := cascadeScenario()
	sc.Model.Peacekeeping.AttributionHelp = 0.6
	w, err := Build(sc, 1, nil)
	require.NoError(t, err)
	w.ops = make([]operation, 3)
	w.force.tasks = []task{{kind: taskAttribution, op: 2}}
	w.force.state = []taskState{taskDone}
	assert.Equal(t, 0.0, w.mediatorHelp(1))
	assert.Equal(t, 0.6, w.mediatorHelp(2))
	w.force.state[0] = taskLapsed
	assert.Equal(t, 0.0, w.mediatorHelp(2), "lapsed work helps no one")
}
