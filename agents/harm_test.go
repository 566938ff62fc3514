package agents

import (
	"fmt"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"

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

// populationErrors returns, for a run's records, the moments at which a
// state had more people without a service than it has people, and the
// states whose harm over the run exceeds population × hours (m: the run's
// metrics).
func populationErrors(sc *scenarios.Scenario, recs []Record, m *Metrics) []string {
	pop := map[string]float64{}
	for _, s := range sc.States {
		pop[s.ID] = float64(s.Population)
	}
	var bad []string
	sv := NewServices(sc)
	for _, r := range recs {
		if !sv.Record(r) {
			continue
		}
		for s := range sv.States() {
			id := sv.StateID(s)
			for _, k := range Sectors() {
				if sv.Without(s, k) > pop[id]*(1+1e-12) {
					bad = append(bad, fmt.Sprintf("t=%g: %s people of %s without %s", r.Time, People(sv.Without(s, k)), id, k.Noun()))
				}
			}
			if sv.Rate(s) > pop[id]*(1+1e-12) {
				bad = append(bad, fmt.Sprintf("t=%g: harm rate of %s above its population", r.Time, id))
			}
		}
	}
	hours := sc.Meta.Horizon.Hours()
	for id, h := range m.HarmByState {
		if h > pop[id]*hours*(1+1e-12) {
			bad = append(bad, fmt.Sprintf("harm in %s above its population × hours", id))
		}
	}
	if m.SafeLayerHarm > m.Harm*(1+1e-12) {
		bad = append(bad, "Safe Layer harm above harm")
	}
	// The parts of harm add up to it: by stage, by sector, by state.
	var byStage, bySector, byState float64
	for _, h := range m.HarmByStage {
		byStage += h
	}
	for _, h := range m.HarmBySector {
		bySector += h
	}
	for _, h := range m.HarmByState {
		byState += h
	}
	for what, sum := range map[string]float64{"stage": byStage, "sector": bySector, "state": byState} {
		if math.Abs(sum-m.Harm) > 1e-9*math.Max(1, m.Harm) {
			bad = append(bad, fmt.Sprintf("harm by %s adds up to %g, not %g", what, sum, m.Harm))
		}
	}
	return bad
}
