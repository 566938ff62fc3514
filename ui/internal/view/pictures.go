package view

import (
	"cpkrange/agents"
	"cpkrange/scenarios"
)

// pictures are what each actor of the run knows (agents.Picture), folded
// from the same records as the screen, so that the projector can show the
// room one actor's fog (the V key) live and in a replay. They are folded
// only when asked for: the records wait in order until then, so that a
// replay's refold costs nothing for a key nobody pressed.
type pictures struct {
	actors []string
	recs   []agents.Record // the records so far (a replay's log, shared, of which n are folded)
	shared bool
	n      int
	list   []*agents.Picture
	fed    int // records folded into list so far
	names  agents.Namer
	sc     *scenarios.Scenario
}

func newPictures(m *Model) pictures {
	return pictures{actors: agents.Actors(m.Scenario), names: feedNames{m}, sc: m.Scenario}
}

func (p *pictures) record(r agents.Record) {
	if p.shared {
		p.n++
		return
	}
	p.recs = append(p.recs, r)
	p.n++
}

// readsLog makes the pictures read a replay's log in place: the model
// folds it in order from the start, so its first n records are the ones
// folded, and nothing needs copying.
func (p *pictures) readsLog(recs []agents.Record) { p.recs, p.shared = recs, true }

// Pictures returns every actor's picture, in the order of agents.Actors,
// up to date with the records folded so far.
func (m *Model) Pictures() []*agents.Picture {
	p := &m.pictures
	if p.list == nil {
		for _, a := range p.actors {
			p.list = append(p.list, agents.NewPicture(p.sc, a, p.names))
		}
	}
	for ; p.fed < p.n; p.fed++ {
		for _, pic := range p.list {
			pic.Record(p.recs[p.fed])
		}
	}
	return p.list
}

// ActorName names an actor of the pictures as the screen does.
func (m *Model) ActorName(actor string) string {
	if actor == agents.Observers {
		return "the observers"
	}
	return m.deciderName(actor)
}

// pictureFrame fills the frame's picture: the actor the facilitator chose
// with V, or none for the truth.
func (c *core) pictureFrame(m *Model, f *Frame) {
	if c.actor > 0 && c.actor <= len(m.pictures.actors) {
		f.Picture = m.Pictures()[c.actor-1]
	}
	f.Join = c.join
}

// nextActor steps the picture on: the truth, then each actor in turn.
func (c *core) nextActor(m *Model) string {
	c.actor = (c.actor + 1) % (len(m.pictures.actors) + 1)
	if c.actor == 0 {
		return "the projector shows the truth"
	}
	return "the projector shows what " + m.ActorName(m.pictures.actors[c.actor-1]) + " knows (V: the next)"
}

// Names names states, assets, groups and methods as the screen does, for
// the teams' pages.
func Names(sc *scenarios.Scenario) agents.Namer { return feedNames{newModel(sc, 0)} }
