package agents

import (
	"fmt"
	"maps"
	"math"
	"math/rand/v2"
	"slices"

	"cpkrange/scenarios"
	"cpkrange/sim"
)

// What a fork needs to become one Monte Carlo future of a moment of a run
// (the futures engine in package analytics drives these).

// Reseed draws every random number from here on from seed instead of the
// run's seed: the named streams start afresh, every worm and rumour gets a
// generator of its own again, and keyed draws hash the new seed. Nothing
// else changes, so forks of one moment reseeded with seeds s1, s2, ... are
// that many futures of it, and two forks reseeded with the same seed meet
// the same random numbers wherever what they do is the same (common random
// numbers).
func (w *World) Reseed(seed uint64) {
	w.env.Reseed(seed)
	for i := range w.attackers {
		w.attackers[i].rng = w.env.Stream("attacker/" + w.attackers[i].id)
	}
	for i := range w.worms {
		ob := &w.worms[i]
		ob.pcg = w.ownStream(drawWorm, uint64(i))
		ob.rng = rand.New(ob.pcg)
	}
	for i := range w.rumours {
		wv := &w.rumours[i]
		wv.pcg = w.ownStream(drawRumour, uint64(i))
		wv.rng = rand.New(wv.pcg)
	}
}

// EndAt makes the run end at time t (hours) instead of its horizon, with
// the final records (dyad.final, state.final, worm.final) of that moment:
// a look-ahead whose metrics are those of a run that stops there. A t at or
// after the horizon changes nothing; a t before now is refused.
func (w *World) EndAt(t float64) error {
	if !(t >= w.env.Now()) {
		return fmt.Errorf("agents: cannot end the run at %s: it is %s already", Clock(t), Clock(w.env.Now()))
	}
	if t >= w.horizon || w.ended {
		return nil
	}
	w.horizon = t
	w.env.At(t, sim.Event{Kind: evEnd, Priority: prioEnd})
	return nil
}

// DecisionIndex returns the index of the scenario's decision with the
// given id.
func (w *World) DecisionIndex(id string) (int, bool) {
	i := slices.IndexFunc(w.sc.Decisions, func(d scenarios.Decision) bool { return d.ID == id })
	return i, i >= 0
}

// SwitchFunction switches a function of the force on or off now, as a
// "force" effect of an inject does: what if the force had acted then? It
// refuses an unknown function, one the force's mandate does not hold, and
// a switch that would change nothing (the function is on, or off, already).
func (w *World) SwitchFunction(name string, on bool) error {
	fn, ok := ParseFunction(name)
	switch {
	case !ok:
		return fmt.Errorf("agents: the force has no function %q (cpkrange functions lists them)", name)
	case on && !w.sc.Force.Mandates(fn.String()):
		return fmt.Errorf("agents: the force's mandate does not hold %s: it cannot act", name)
	case w.force.on[fn] == on:
		state := "off"
		if on {
			state = "on"
		}
		return fmt.Errorf("agents: %s is %s already at %s: switching it would change nothing", name, state, Clock(w.env.Now()))
	}
	to := "off"
	if on {
		to = "on"
	}
	w.apply(scenarios.Effect{Do: "force", Function: fn.String(), To: to}, -1)
	return nil
}

// ShowFutures records that the facilitator showed the room the futures of
// a decision (its id; "" for futures of a moment): n futures per option,
// each ending at until (hours; 0 at the horizon), and text, what the
// screen said of each option. A debrief reads it to show what the room
// saw when it decided; a replay of the session re-emits it.
func (w *World) ShowFutures(decision string, n int, until float64, text string) {
	if until >= w.horizon {
		until = 0
	}
	w.emit(Record{Kind: KindFutures, Actor: "facilitator", Target: decision, Value: float64(n), Hours: until, Text: text})
}

// futuresLine is how a facilitator.futures record reads.
func futuresLine(r Record) string {
	what := "this moment"
	if r.Target != "" {
		what = "decision " + r.Target
	}
	to := "to the horizon"
	if r.Hours > 0 {
		to = "to " + Clock(r.Hours)
	}
	return fmt.Sprintf("the futures of %s (%d per option, %s): %s", what, int(math.Round(r.Value)), to, r.Text)
}

// Clone returns a copy of the metrics collected so far that shares no
// memory with m but the tables NewMetrics fixes: the collector of a fork,
// which goes on from what the original had seen
// (TestMetricsCloneSharesNothing).
func (m *Metrics) Clone() *Metrics {
	c := *m
	c.services = m.services.clone()
	c.safeLayer = m.safeLayer.clone()
	c.slAssets = maps.Clone(m.slAssets)
	c.lastSeen = maps.Clone(m.lastSeen)
	c.HarmByState = maps.Clone(m.HarmByState)
	c.HarmBySector = maps.Clone(m.HarmBySector)
	c.PeakWithout = maps.Clone(m.PeakWithout)
	c.AttacksByMethod = maps.Clone(m.AttacksByMethod)
	c.NoTarget = maps.Clone(m.NoTarget)
	c.ForceActions = maps.Clone(m.ForceActions)
	c.Daily = slices.Clone(m.Daily)
	c.rungs = maps.Clone(m.rungs)
	c.ForceTrust = maps.Clone(m.ForceTrust)
	c.effort = maps.Clone(m.effort)
	c.need = maps.Clone(m.need)
	c.agreement = maps.Clone(m.agreement)
	return &c
}

// clone copies what Record writes: the states' counts (arrays, copied with
// the slice's elements) and the assets' losses. The cells and the id table
// are fixed by NewServices.
func (sv *Services) clone() *Services {
	c := *sv
	c.states = slices.Clone(sv.states)
	c.assets = slices.Clone(sv.assets)
	return &c
}
