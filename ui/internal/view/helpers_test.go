package view

import (
	"testing"

	"cpkrange/agents"
	"cpkrange/scenarios"
	"cpkrange/sim"
)

// bundled loads every bundled scenario.
func bundled(t testing.TB) map[string]*scenarios.Scenario {
	t.Helper()
	out := map[string]*scenarios.Scenario{}
	for _, b := range scenarios.Bundled() {
		sc, _, err := scenarios.Open(b.Name, scenarios.Options{})
		if err != nil {
			t.Fatalf("%s: %v", b.Name, err)
		}
		out[b.Name] = sc
	}
	if len(out) == 0 {
		t.Fatal("no bundled scenarios")
	}
	return out
}

// records runs sc to its horizon (decisions taking their defaults) and
// returns its records and metrics.
func records(t testing.TB, sc *scenarios.Scenario, seed uint64) ([]agents.Record, *agents.Metrics) {
	t.Helper()
	var recs []agents.Record
	m, err := agents.Replicate(sc, seed, sim.RecorderFunc[agents.Record](func(r agents.Record) { recs = append(recs, r) }))
	if err != nil {
		t.Fatal(err)
	}
	return recs, m
}
