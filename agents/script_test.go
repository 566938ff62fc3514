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
	w.apply(scenarios.Effect{Do: "tempo", Attacker: "x", To: "0/day"}, -1)
	w.apply(scenarios.Effect{Do: "tempo", Attacker: "x", To: "1/h"}, -1)
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

// A second release of the worm feeds the running outbreak, and a release
// after an outbreak has ended finds the hosts cleaned before patched.
func TestWormReleasesShareImmunity(t *testing.T) {
	sc := cascadeScenario()
	sc.Meta.Horizon = 24 * 400
	sc.Model.Worm = scenarios.WormModel{Scans: 1, Vulnerable: 0.6, Cleanup: 1.0 / 24, Step: 1.0 / 6}
	for i := range sc.Assets {
		sc.Assets[i].Hosts = 1000
	}
	w, err := Build(sc, 1, nil)
	require.NoError(t, err)
	w.startWorm(0, 0)
	w.startWorm(1, 0)
	require.Len(t, w.worms, 1, "a release during an outbreak joins it")
	w.Advance(24 * 200)
	require.True(t, w.worms[0].done, "the outbreak ends")
	cleaned := w.worms[0].w.R[2] - 400 // 400 of 1,000 hosts were never vulnerable
	require.Positive(t, cleaned)

	w.startWorm(0, 0)
	require.Len(t, w.worms, 2)
	again := w.worms[1].w
	assert.Equal(t, int64(600)-cleaned, again.S[2], "cleaned hosts stay patched")
	assert.Equal(t, int64(400)+cleaned, again.R[2])
}

// A published fix (norm j) closes hosts to the worm and to the groups that
// picked up the leaked tools; it does nothing to a group with tools of its
// own.
func TestPatchClosesHostsToTheLeakedTools(t *testing.T) {
	sc := cascadeScenario()
	sc.Attackers = []scenarios.Attacker{
		{ID: "maker", Kind: "state", Tempo: 0, Methods: map[string]float64{"worm": 1}, Stages: []string{"pre-conflict"}, Skill: 0.6},
		{ID: "copycat", Kind: "criminal", Tempo: 0, Methods: map[string]float64{"ransomware": 1}, Stages: []string{"pre-conflict"}, Reuses: "maker", Skill: 0.6},
	}
	w, err := Build(sc, 1, nil)
	require.NoError(t, err)
	maker, copycat := &w.attackers[w.atkIdx["maker"]], &w.attackers[w.atkIdx["copycat"]]
	copycat.reused = true
	before, own := w.successChance(copycat, 0), w.successChance(maker, 0)
	w.apply(scenarios.Effect{Do: "patch", Share: 0.5}, -1)
	assert.InDelta(t, before/2, w.successChance(copycat, 0), 1e-12)
	assert.Equal(t, own, w.successChance(maker, 0))

	wm := NewWorm([]int64{100, 50}, 1)
	wm.patch(0.5)
	assert.Equal(t, []int64{50, 25}, wm.S)
	assert.Equal(t, []int64{50, 25}, wm.R)
}

// An inject's attack happens as written; a DDoS on the grid floods its web
// front and cuts no one's power, while one on the bank degrades payments.
func TestInjectAttacksHappenAndFloodsSpareThePower(t *testing.T) {
	sc := cascadeScenario()
	sc.Attackers = []scenarios.Attacker{{ID: "x", Kind: "criminal", Tempo: 0, Methods: map[string]float64{"ddos": 1}, Stages: []string{"pre-conflict"}, Skill: 0.01}}
	sc.Injects = []scenarios.Inject{{ID: "flood", At: 1, Title: "t", Effects: []scenarios.Effect{
		{Do: "attack", Attacker: "x", Target: "grid", Method: "ddos"},
		{Do: "attack", Attacker: "x", Target: "bank", Method: "ddos"},
	}}}
	var got []Record
	w, err := Build(sc, 1, recorderFunc(func(r Record) { got = append(got, r) }))
	require.NoError(t, err)
	w.Run()
	succeeded, down := map[string]bool{}, map[string]bool{}
	for _, r := range got {
		switch r.Kind {
		case KindAttackSucceeded:
			succeeded[r.Target] = true
		case KindAssetStatus:
			if r.Status != Working {
				down[r.Target] = true
			}
		}
	}
	assert.True(t, succeeded["grid"] && succeeded["bank"], "an inject's attacks succeed even at skill 0.01")
	assert.False(t, down["grid"], "a flood does not cut power")
	assert.True(t, down["bank"], "a flood degrades online payments")
}
