package view

import (
	"testing"

	"cpkrange/agents"
)

// The map draws at most MaxMapArcs arcs, the latest, and counts the rest.
func TestMapArcsAreCapped(t *testing.T) {
	m := newModel(bundled(t)["ddos-election"], 1)
	const n = 3*MaxMapArcs + 7
	for i := range n {
		m.arcs = append(m.arcs, Arc{Op: i + 1, Origin: 0, Group: -1, Victim: 1, Asset: -1, Blamed: -1, Launched: 10, changed: 10})
	}
	m.Now = 11
	arcs, strength, hidden := m.MapArcs(MaxMapArcs)
	if len(arcs) != MaxMapArcs || len(strength) != MaxMapArcs || hidden != n-MaxMapArcs {
		t.Fatalf("MapArcs: %d arcs, %d strengths, %d hidden; want %d, %d, %d", len(arcs), len(strength), hidden, MaxMapArcs, MaxMapArcs, n-MaxMapArcs)
	}
	if arcs[len(arcs)-1].Op != n || arcs[0].Op != n-MaxMapArcs+1 {
		t.Errorf("not the latest: ops %d to %d", arcs[0].Op, arcs[len(arcs)-1].Op)
	}
	if More(hidden) != "+127 more" || More(0) != "" {
		t.Errorf("More = %q, %q", More(hidden), More(0))
	}
}

// The highest rung of any pair is known, so that the header can show it
// beside a stage that says less.
func TestHighestRung(t *testing.T) {
	m := newModel(bundled(t)["ddos-election"], 1)
	for i := range m.dyads {
		m.dyads[i].Rung = agents.RungNone
	}
	if r, _ := m.HighestRung(); r != agents.RungNone {
		t.Fatalf("all calm: %v", r)
	}
	m.dyads[len(m.dyads)-1].Rung = agents.RungSanctions
	if r, k := m.HighestRung(); r != agents.RungSanctions || k != 1 {
		t.Errorf("HighestRung = %v, %d", r, k)
	}
	if r, _ := m.HighestRungBeyond(m.DyadCount()); r != agents.RungNone {
		t.Errorf("nothing is beyond all pairs: %v", r)
	}
}
