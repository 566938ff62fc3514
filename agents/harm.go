package agents

import "cpkrange/scenarios"

// Services folds asset.status records into who is without which service:
// for each state and sector, the number of people without that service now,
// and the state's harm rate, the people without essential services weighted
// by how essential each is (docs/model.md, civilian harm).
//
// A person who loses several services is one person: within a sector, the
// customers of a state's assets are taken to be spread independently over
// its population, so the share without the sector's service is
// 1 − Π(1 − lossₐ·peopleₐ/population), never above one; across sectors the
// weights sum to one, so a state's harm rate never exceeds its population.
type Services struct {
	states  []serviceState
	assets  []serviceAsset
	byID    map[string]int // asset id → index in assets
	weights [numSectors]float64
}

type serviceState struct {
	id         string
	population float64
	cells      [numSectors][]int   // assets of each sector, in id order
	without    [numSectors]float64 // people without the sector's service now
	rateBy     [numSectors]float64 // weight × without, by sector
	rate       float64             // Σ rateBy
}

type serviceAsset struct {
	state  int
	sector Sector
	people float64
	lost   float64 // people of this asset without its service (asset.status value)
}

// HarmWeights returns the weight of each sector's service in the harm
// measure, from the scenario's model.harm.weights normalised to sum to one
// (sectors left out weigh nothing).
func HarmWeights(sc *scenarios.Scenario) [numSectors]float64 {
	var w [numSectors]float64
	total := 0.0
	for _, s := range Sectors() {
		w[s] = sc.Model.Harm.Weights[s.String()]
		total += w[s]
	}
	if total > 0 {
		for s := range w {
			w[s] /= total
		}
	}
	return w
}

// NewServices returns the fold for runs of sc, over every asset.
func NewServices(sc *scenarios.Scenario) *Services {
	sv := &Services{byID: map[string]int{}, weights: HarmWeights(sc)}
	stateIdx := map[string]int{}
	for _, i := range byID(sc.States, func(s scenarios.State) string { return s.ID }) {
		st := &sc.States[i]
		stateIdx[st.ID] = len(sv.states)
		sv.states = append(sv.states, serviceState{id: st.ID, population: float64(st.Population)})
	}
	for _, i := range byID(sc.Assets, func(a scenarios.Asset) string { return a.ID }) {
		a := &sc.Assets[i]
		s, ok := stateIdx[a.Owner]
		sector, known := ParseSector(a.Sector)
		if !ok || !known {
			continue
		}
		sv.byID[a.ID] = len(sv.assets)
		sv.states[s].cells[sector] = append(sv.states[s].cells[sector], len(sv.assets))
		sv.assets = append(sv.assets, serviceAsset{state: s, sector: sector, people: float64(a.People)})
	}
	return sv
}

// Record takes one record; only asset.status records change anything.
// It reports whether the harm rate changed.
func (sv *Services) Record(r Record) bool {
	if r.Kind != KindAssetStatus {
		return false
	}
	i, ok := sv.byID[r.Target]
	if !ok {
		return false
	}
	a := &sv.assets[i]
	lost := min(max(r.Value, 0), a.people)
	if lost == a.lost {
		return false
	}
	a.lost = lost
	sv.recompute(a.state, a.sector)
	return true
}

// recompute sets the people without sector k's service in state s.
func (sv *Services) recompute(s int, k Sector) {
	st := &sv.states[s]
	kept := 1.0
	for _, i := range st.cells[k] {
		if a := &sv.assets[i]; a.lost > 0 && st.population > 0 {
			kept *= 1 - min(1, a.lost/st.population)
		}
	}
	st.without[k] = st.population * (1 - kept)
	st.rateBy[k] = sv.weights[k] * st.without[k]
	st.rate = 0
	for sec := range numSectors {
		st.rate += st.rateBy[sec]
	}
}

// States returns the number of states the fold tracks, in id order.
func (sv *Services) States() int { return len(sv.states) }

// StateID returns the id of state s (in id order).
func (sv *Services) StateID(s int) string { return sv.states[s].id }

// Without returns the number of people of state s without sector k's
// service now; at most the state's population.
func (sv *Services) Without(s int, k Sector) float64 { return sv.states[s].without[k] }

// Rate returns state s's harm rate: people without essential services,
// weighted; at most its population.
func (sv *Services) Rate(s int) float64 { return sv.states[s].rate }

// RateBySector returns the part of state s's harm rate from sector k.
func (sv *Services) RateBySector(s int, k Sector) float64 { return sv.states[s].rateBy[k] }

// TotalRate returns the harm rate summed over states, in id order.
func (sv *Services) TotalRate() float64 {
	t := 0.0
	for i := range sv.states {
		t += sv.states[i].rate
	}
	return t
}
