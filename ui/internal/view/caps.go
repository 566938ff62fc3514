package view

import "cpkrange/agents"

// What the screen draws per frame is bounded whatever the scenario holds:
// a valid scenario may have 10,000 attacks in the air at once (500
// injects of 20 attacks each), and drawing every one took 12 GB and a
// minute a frame under a software renderer. What is left out is said on
// screen ("+N more"), never dropped silently.

// MaxMapArcs is the most attack arcs the map draws at once: the latest.
const MaxMapArcs = 60

// MapArcs returns the arcs the map draws (the latest limit of the visible
// ones, oldest first, with their strength) and how many visible arcs it
// leaves out.
func (m *Model) MapArcs(limit int) (arcs []*Arc, strength []float64, hidden int) {
	arcs, strength = m.VisibleArcs()
	if len(arcs) > limit {
		hidden = len(arcs) - limit
		arcs, strength = arcs[hidden:], strength[hidden:]
	}
	return arcs, strength, hidden
}

// More is the note for what a list leaves out: "+3 more", or "" for none.
func More(n int) string {
	if n <= 0 {
		return ""
	}
	return "+" + itoa(n) + " more"
}

// DyadCount is the number of pairs of states the ladder could show.
func (m *Model) DyadCount() int { return len(m.dyads) }

// HighestRung is the highest rung any pair of states stands on now, and
// how many pairs stand on it: the stage alone can say "no conflict" while
// two states are at sanctions.
func (m *Model) HighestRung() (agents.Rung, int) { return highestRung(m.dyads) }

// HighestRungBeyond is the highest rung of the pairs the ladder leaves out
// when it shows n (MainDyads order).
func (m *Model) HighestRungBeyond(n int) (agents.Rung, int) {
	ds := m.MainDyads(len(m.dyads))
	return highestRung(ds[min(n, len(ds)):])
}

// highestRung is the highest rung of ds and how many of them stand on it.
func highestRung(ds []DyadView) (agents.Rung, int) {
	top, n := agents.RungNone, 0
	for _, d := range ds {
		switch {
		case d.Rung > top:
			top, n = d.Rung, 1
		case d.Rung == top:
			n++
		}
	}
	return top, n
}
