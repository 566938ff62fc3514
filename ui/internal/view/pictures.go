package view

import (
	"cpkrange/agents"
	"cpkrange/scenarios"
)

// pictures are what each actor of the run knows (agents.Picture), folded
// from the same records as the screen, so that the projector can show the
// room one actor's fog (the V key) live and in a replay.
type pictures struct {
	list []*agents.Picture
}

func newPictures(m *Model) pictures {
	var p pictures
	for _, a := range agents.Actors(m.Scenario) {
		p.list = append(p.list, agents.NewPicture(m.Scenario, a, feedNames{m}))
	}
	return p
}

func (p *pictures) record(r agents.Record) {
	for _, pic := range p.list {
		pic.Record(r)
	}
}

// Pictures returns every actor's picture, in the order of agents.Actors.
func (m *Model) Pictures() []*agents.Picture { return m.pictures.list }

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
	if list := m.Pictures(); c.actor > 0 && c.actor <= len(list) {
		f.Picture = list[c.actor-1]
	}
	f.Join = c.join
}

// nextActor steps the picture on: the truth, then each actor in turn.
func (c *core) nextActor(m *Model) string {
	c.actor = (c.actor + 1) % (len(m.Pictures()) + 1)
	if c.actor == 0 {
		return "the projector shows the truth"
	}
	return "the projector shows what " + m.ActorName(m.Pictures()[c.actor-1].Actor) + " knows (V: the next)"
}

// Names names states, assets, groups and methods as the screen does, for
// the teams' pages.
func Names(sc *scenarios.Scenario) agents.Namer { return feedNames{newModel(sc, 0)} }
