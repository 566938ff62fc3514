package agents

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"cpkrange/scenarios"
)

// cascadeScenario: a grid feeds telecom (2 h of batteries) and a hospital
// (72 h of generators); a bank depends on telecom with no backup.
func cascadeScenario() *scenarios.Scenario {
	return &scenarios.Scenario{
		Meta:   scenarios.Meta{Name: "cascade", Horizon: 48},
		States: []scenarios.State{{ID: "a", Population: 1000, Posture: "proportional", Agreement: "none"}},
		Assets: []scenarios.Asset{
			{ID: "grid", Owner: "a", Sector: "energy", People: 1000, Restore: 10, Defence: -1},
			{ID: "telecom", Owner: "a", Sector: "telecom", People: 500, DependsOn: []string{"grid"}, Backup: 2, Restore: 10, Defence: -1},
			{ID: "bank", Owner: "a", Sector: "finance", People: 200, DependsOn: []string{"telecom"}, Restore: 10, Defence: -1},
			{ID: "hospital", Owner: "a", Sector: "health", People: 300, DependsOn: []string{"grid"}, Backup: 72, Restore: 10, Defence: -1},
		},
		Stages: scenarios.Stages{Start: "pre-conflict", ConflictAt: "retaliation", CalmAt: "protest", CalmFor: 168},
		Model: scenarios.Model{Harm: scenarios.HarmModel{
			Weights:  map[string]float64{"energy": 0.5, "telecom": 0.3, "finance": 0.2},
			Degraded: 0.5,
		}},
	}
}

type statusChange struct {
	t      float64
	asset  string
	status Status
	viaDep bool
}

// TestCascade checks a cascade against a hand-computed timeline: the grid
// is down from hour 1 to hour 11. Telecom runs on batteries until hour 3,
// then goes down, and the bank with it; the hospital's generators outlast
// the outage; everything is back at hour 11.
func TestCascade(t *testing.T) {
	sc := cascadeScenario()
	var changes []statusChange
	m := NewMetrics(sc)
	w, err := Build(sc, 1, recorderFunc(func(r Record) {
		m.Record(r)
		if r.Kind == KindAssetStatus {
			changes = append(changes, statusChange{r.Time, r.Target, r.Status, r.Correct})
		}
	}))
	require.NoError(t, err)
	w.Advance(1)
	w.damage(w.assetIdx["grid"], Down, 10, 0)
	w.Run()

	assert.Equal(t, []statusChange{
		{1, "grid", Down, false},
		{3, "telecom", Down, true},
		{3, "bank", Down, true},
		{11, "grid", Working, false},
		{11, "telecom", Working, false},
		{11, "bank", Working, false},
	}, changes)
	// Weighted people-hours: grid 0.5 × 1000 × 10 h, telecom 0.3 × 500 × 8 h,
	// bank 0.2 × 200 × 8 h.
	assert.InDelta(t, 0.5*1000*10+0.3*500*8+0.2*200*8, m.Harm, 1e-9)
	assert.InDelta(t, 0.3*500*8, m.HarmBySector["telecom"], 1e-9)
}

// TestCascadeBackupOutlastsOutage: a dependency back before the backup runs
// out leaves the dependent working.
func TestCascadeBackupOutlastsOutage(t *testing.T) {
	sc := cascadeScenario()
	var downs []string
	w, err := Build(sc, 1, recorderFunc(func(r Record) {
		if r.Kind == KindAssetStatus && r.Status == Down {
			downs = append(downs, r.Target)
		}
	}))
	require.NoError(t, err)
	w.damage(w.assetIdx["grid"], Down, 1.5, 0) // shorter than telecom's 2 h
	w.Run()
	assert.Equal(t, []string{"grid"}, downs)
}

type recorderFunc func(Record)

func (f recorderFunc) Record(r Record) { f(r) }
