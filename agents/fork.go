package agents

import (
	"maps"
	"math/rand/v2"
	"slices"

	"cpkrange/sim"
)

// Fork returns an independent copy of the world at this event boundary,
// reporting to rec: the same clock, pending events, random streams and
// model state, so that, run on, it makes the same future as the original
// would. A workshop forks a live run at a decision point to explore other
// answers. It costs a copy of every table.
func (w *World) Fork(rec sim.Recorder[Record]) *World {
	f := *w
	f.rec = rec
	f.env = w.env.Clone()

	f.states = slices.Clone(w.states)
	for i := range f.states {
		f.states[i].against = slices.Clone(w.states[i].against)
	}
	f.dyads = slices.Clone(w.dyads)
	f.assets = slices.Clone(w.assets) // deps and dependents are never written after Build
	f.attackers = slices.Clone(w.attackers)
	for i := range f.attackers {
		f.attackers[i].rng = f.env.Stream("attacker/" + f.attackers[i].id)
	}
	f.ops = slices.Clone(w.ops)
	f.worms = slices.Clone(w.worms)
	for i := range f.worms {
		ob := &f.worms[i]
		ob.w = ob.w.Clone()
		pcg := *ob.pcg
		ob.pcg = &pcg
		ob.rng = rand.New(ob.pcg)
		ob.reached = slices.Clone(ob.reached)
		ob.cleanup = slices.Clone(ob.cleanup)
	}
	f.rumours = slices.Clone(w.rumours)
	for i := range f.rumours {
		wv := &f.rumours[i]
		wv.r = wv.r.Clone()
		pcg := *wv.pcg
		wv.pcg = &pcg
		wv.rng = rand.New(wv.pcg)
	}
	f.force.reported = maps.Clone(w.force.reported)
	f.force.teams = slices.Clone(w.force.teams)
	f.force.tasks = slices.Clone(w.force.tasks)
	f.force.queue = slices.Clone(w.force.queue)
	f.force.state = slices.Clone(w.force.state)
	f.force.talks = slices.Clone(w.force.talks)
	f.pending = slices.Clone(w.pending)
	return &f
}
