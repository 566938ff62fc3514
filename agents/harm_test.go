package agents

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"cpkrange/scenarios"
)

// TestServicesCountAPersonOnce: two grids of a state of 1,000 people serve
// 600 each; both down leave 1,000 × (1 − 0.4 × 0.4) = 840 people without
// power, not 1,200, and a third outage cannot take it above 1,000.
func TestServicesCountAPersonOnce(t *testing.T) {
	sc := &scenarios.Scenario{
		States: []scenarios.State{{ID: "a", Population: 1000}},
		Assets: []scenarios.Asset{
			{ID: "g1", Owner: "a", Sector: "energy", People: 600},
			{ID: "g2", Owner: "a", Sector: "energy", People: 600},
			{ID: "g3", Owner: "a", Sector: "energy", People: 1000},
			{ID: "w", Owner: "a", Sector: "water", People: 1000},
		},
		Model: scenarios.Model{Harm: scenarios.HarmModel{Weights: map[string]float64{"energy": 3, "water": 1}}},
	}
	sv := NewServices(sc)
	down := func(id string, people float64) {
		sv.Record(Record{Kind: KindAssetStatus, Target: id, Status: Down, Value: people})
	}
	down("g1", 600)
	assert.InDelta(t, 600, sv.Without(0, SectorEnergy), 1e-9)
	down("g2", 600)
	assert.InDelta(t, 840, sv.Without(0, SectorEnergy), 1e-9)
	assert.InDelta(t, 0.75*840, sv.Rate(0), 1e-9, "energy weighs 3 of 4")
	down("g3", 1000)
	assert.InDelta(t, 1000, sv.Without(0, SectorEnergy), 1e-9)
	down("w", 1000)
	assert.InDelta(t, 1000, sv.Rate(0), 1e-9, "everyone without everything counts once")
	down("g2", 0)
	down("g3", 0)
	assert.InDelta(t, 600, sv.Without(0, SectorEnergy), 1e-9, "back when the outages end")
}

// TestNoCountAbovePopulation runs every bundled scenario over many seeds
// and checks the rule of the harm measure: at every moment no state has
// more people without a service than it has people, and over the run no
// state's harm exceeds its population × the hours.
func TestNoCountAbovePopulation(t *testing.T) {
	seeds := uint64(40)
	if testing.Short() {
		seeds = 8
	}
	for _, info := range scenarios.Bundled() {
		t.Run(info.Name, func(t *testing.T) {
			sc, _, err := scenarios.Open(info.Name, scenarios.Options{})
			require.NoError(t, err)
			pop := map[string]float64{}
			for _, s := range sc.States {
				pop[s.ID] = float64(s.Population)
			}
			for seed := uint64(1); seed <= seeds; seed++ {
				sv := NewServices(sc)
				bad := 0
				m, err := Replicate(sc, seed, recorderFunc(func(r Record) {
					if !sv.Record(r) {
						return
					}
					for s := range sv.States() {
						for _, k := range Sectors() {
							if sv.Without(s, k) > pop[sv.StateID(s)]*(1+1e-12) {
								bad++
							}
						}
						if sv.Rate(s) > pop[sv.StateID(s)]*(1+1e-12) {
							bad++
						}
					}
				}))
				require.NoError(t, err)
				assert.Zero(t, bad, "seed %d: a count above its population", seed)
				hours := sc.Meta.Horizon.Hours()
				for id, h := range m.HarmByState {
					assert.LessOrEqual(t, h, pop[id]*hours*(1+1e-12), "seed %d: harm in %s above its population × hours", seed, id)
				}
				assert.LessOrEqual(t, m.SafeLayerHarm, m.Harm*(1+1e-12), "seed %d: Safe Layer harm is part of harm", seed)
			}
		})
	}
}
