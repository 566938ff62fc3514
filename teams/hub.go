// Package teams is the team server of a facilitated session: each team
// (each state of the scenario, the force, the observers) follows the run
// on its own device, through a page served from the same process, and
// votes on the decisions put to it.
//
// What a team sees is its agents.Picture: the model's fold of the run's
// records through that actor's eyes. The hub hears every record on the
// display's goroutine, keeps each team's list of what it learnt and its
// current picture, and wakes the teams' streams; the HTTP handlers only
// read what the hub holds, under its lock. Votes go the other way: a
// handler checks one and queues it, and the display takes the queue once a
// frame and records the votes in the run (agents.World.Vote), so that they
// are records of the log like everything else.
package teams

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"cpkrange/agents"
	"cpkrange/scenarios"
)

// Item is one thing a team learnt, in its own words, numbered from 1 in
// the order it learnt them (per run: a restart starts again at 1).
type Item struct {
	Seq   int     `json:"seq"`
	Time  float64 `json:"t"`
	Clock string  `json:"clock"`
	Kind  string  `json:"kind"`
	Tone  string  `json:"tone"`
	Text  string  `json:"text"`
}

// team is one team of the session.
type team struct {
	id, name string
	token    string
	pic      *agents.Picture
	items    []Item
	votes    map[string]agents.Ballot // the team's last recorded vote per pending decision
	limit    bucket
	streams  int
}

// Hub is the teams' side of a session. It is safe for concurrent use.
type Hub struct {
	sc    *scenarios.Scenario
	names agents.Namer

	mu      sync.Mutex
	teams   []*team
	run     int
	now     float64
	paused  bool
	ended   bool
	stage   agents.Stage
	pending []pending // the decisions put and not yet taken, oldest first
	ballots []agents.Ballot
	version int // bumped on every change a page shows
	wake    map[chan struct{}]bool
	lastCl  time.Time // when Clock last woke the streams
}

type pending struct {
	id, decider, prompt string
	index               int
}

// Options configure a hub.
type Options struct {
	// Observers adds a team that sees only what is public.
	Observers bool
	// Names names states, assets and methods in what the teams read
	// (nil: by their ids).
	Names agents.Namer
	// Limit is each team's budget of votes: Burst at once, then one every
	// Every (defaults 5 and 2 s).
	Burst int
	Every time.Duration
}

// New makes the hub of a session of sc: one team per state, one for the
// force when the scenario has one, and the observers when asked, each with
// a fresh unguessable token.
func New(sc *scenarios.Scenario, o Options) (*Hub, error) {
	if o.Names == nil {
		o.Names = agents.IDs{}
	}
	if o.Burst <= 0 {
		o.Burst = 5
	}
	if o.Every <= 0 {
		o.Every = 2 * time.Second
	}
	h := &Hub{sc: sc, names: o.Names, wake: map[chan struct{}]bool{}}
	if s, ok := agents.ParseStage(sc.Stages.Start); ok {
		h.stage = s
	}
	for _, id := range agents.Actors(sc) {
		if id == agents.Observers && !o.Observers {
			continue
		}
		tok, err := newToken()
		if err != nil {
			return nil, err
		}
		name := o.Names.Decider(id)
		if r := []rune(name); len(r) > 0 && r[0] >= 'a' && r[0] <= 'z' {
			name = string(r[0]-'a'+'A') + string(r[1:]) // "The peacekeeping force"
		}
		if id == agents.Observers {
			name = "Observers"
		}
		h.teams = append(h.teams, &team{id: id, name: name, token: tok, pic: agents.NewPicture(sc, id, o.Names),
			votes: map[string]agents.Ballot{}, limit: bucket{burst: float64(o.Burst), every: o.Every}})
	}
	return h, nil
}

// newToken is 128 random bits, in hex: the key to one team's page.
func newToken() (string, error) {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("teams: no randomness for the tokens: %w", err)
	}
	return hex.EncodeToString(b), nil
}

// Record hears one record of the run (the hub is the run's recorder).
func (h *Hub) Record(r agents.Record) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if r.Kind == agents.KindRunStart {
		h.run++
		h.pending, h.ended = nil, false
		for _, t := range h.teams {
			t.items, t.votes = nil, map[string]agents.Ballot{}
		}
		if s, ok := agents.ParseStage(h.sc.Stages.Start); ok {
			h.stage = s
		}
	}
	h.now = max(h.now, r.Time)
	if r.Kind == agents.KindRunStart {
		h.now = r.Time
	}
	switch r.Kind {
	case agents.KindStage:
		h.stage = r.Stage
	case agents.KindRunEnd:
		h.ended = true
	case agents.KindDecision:
		i := slices.IndexFunc(h.sc.Decisions, func(d scenarios.Decision) bool { return d.ID == r.Target })
		h.pending = append(h.pending, pending{id: r.Target, decider: r.State, prompt: r.Text, index: i})
	case agents.KindDecided:
		h.pending = slices.DeleteFunc(h.pending, func(p pending) bool { return p.id == r.Target })
		for _, t := range h.teams {
			delete(t.votes, r.Target)
		}
	}
	for _, t := range h.teams {
		s, ok := t.pic.See(r)
		if !ok {
			continue
		}
		if r.Kind == agents.KindVote {
			t.votes[r.Target] = r.Ballot()
		}
		t.items = append(t.items, Item{Seq: len(t.items) + 1, Time: r.Time, Clock: agents.Clock(r.Time), Kind: r.Kind.String(), Tone: toneNames[s.Tone], Text: s.Text})
	}
	h.changed()
}

// changed wakes every stream; the caller holds the lock.
func (h *Hub) changed() {
	h.version++
	for c := range h.wake {
		select {
		case c <- struct{}{}:
		default: // already woken: it will read everything new
		}
	}
}

// Clock hears the run's time once a frame; the streams are woken at most
// four times a second for it (records wake them at once).
func (h *Hub) Clock(now float64, paused bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	moved := paused != h.paused || now != h.now
	h.now, h.paused = now, paused
	if moved && time.Since(h.lastCl) >= 250*time.Millisecond {
		h.lastCl = time.Now()
		h.changed()
	}
}

// Ballots returns the votes checked and queued since the last call.
func (h *Hub) Ballots() []agents.Ballot {
	h.mu.Lock()
	defer h.mu.Unlock()
	out := h.ballots
	h.ballots = nil
	return out
}

// Link is a team's way in: its name and the path with its token.
type Link struct {
	Team, Name string
	Path       string // "/t/TOKEN"
}

// Links returns each team's link, in the scenario's order.
func (h *Hub) Links() []Link {
	var out []Link
	for _, t := range h.teams {
		out = append(out, Link{Team: t.id, Name: t.name, Path: "/t/" + t.token})
	}
	return out
}

// tokens returns every team's token, to keep them out of error logs.
func (h *Hub) tokens() []string {
	var out []string
	for _, t := range h.teams {
		out = append(out, t.token)
	}
	return out
}

// toneNames are the tones as the page's style sheet names them.
var toneNames = map[agents.Tone]string{
	agents.ToneNeutral: "neutral", agents.ToneHarm: "harm", agents.ToneFutile: "futile", agents.ToneProtected: "protected",
	agents.ToneNoticed: "noticed", agents.ToneGood: "good", agents.ToneWrong: "wrong", agents.ToneNorm: "norm",
	agents.ToneEscalation: "escalation", agents.ToneStage: "stage", agents.ToneInject: "inject", agents.ToneDecision: "decision",
	agents.ToneForce: "force", agents.ToneRumour: "rumour", agents.ToneWorm: "worm",
}

// maxAttacks is how many attacks a view lists: the view goes to every
// page several times a second, so it stays small however long the run; the
// older ones are in the team's list of what it learnt.
const maxAttacks = 40

// View is what a team's page shows besides the list of what it learnt:
// the run's clock and stage, the team's picture now, and the decision on
// the table.
type View struct {
	Team     string      `json:"team"`
	Name     string      `json:"name"`
	Scenario string      `json:"scenario"`
	Run      int         `json:"run"`
	Clock    string      `json:"clock"`
	Stage    string      `json:"stage"`
	Paused   bool        `json:"paused"`
	Ended    bool        `json:"ended"`
	Assets   []AssetView `json:"assets"`
	Attacks  []Attack    `json:"attacks"` // the newest maxAttacks, newest first
	Known    int         `json:"known"`   // how many attacks the team knows of in all
	Decision *Decision   `json:"decision"`
	Items    int         `json:"items"` // how many items the team has learnt in this run
}

// AssetView is one of the team's assets.
type AssetView struct {
	Name, Sector, Status string
}

// Attack is an attack the team knows of, and what it believes about it.
type Attack struct {
	Clock  string `json:"clock"`
	What   string `json:"what"`
	Belief string `json:"belief"`
	Tone   string `json:"tone"`
}

// Decision is the decision on the table as the team sees it: its own, with
// the options and its vote, or another's, by name only.
type Decision struct {
	ID        string   `json:"id"`
	Decider   string   `json:"decider"`
	Prompt    string   `json:"prompt"`
	Yours     bool     `json:"yours"`
	Options   []string `json:"options,omitempty"`
	Voted     int      `json:"voted,omitempty"` // the team's recorded vote (0 none)
	Rationale string   `json:"rationale,omitempty"`
}

// view builds team t's view; the caller holds the lock.
func (h *Hub) view(t *team) View {
	n := h.names
	v := View{Team: t.id, Name: t.name, Scenario: h.sc.Meta.Name, Run: h.run, Clock: agents.Clock(h.now), Stage: n.Stage(h.stage),
		Paused: h.paused, Ended: h.ended, Items: len(t.items), Assets: []AssetView{}, Attacks: []Attack{}}
	for _, a := range t.pic.Assets() {
		name := a.Name
		if t.id == "force" {
			name += " (" + n.State(a.Owner) + ")"
		}
		v.Assets = append(v.Assets, AssetView{Name: name, Sector: a.Sector, Status: a.Status.String()})
	}
	atks := t.pic.Attacks()
	v.Known = len(atks)
	for i := len(atks) - 1; i >= max(0, len(atks)-maxAttacks); i-- { // newest first
		v.Attacks = append(v.Attacks, attackView(atks[i], n))
	}
	if len(h.pending) > 0 {
		p := h.pending[0]
		d := &Decision{ID: p.id, Decider: n.Decider(p.decider), Prompt: p.prompt, Yours: p.decider == t.id}
		if d.Yours && p.index >= 0 {
			for _, o := range h.sc.Decisions[p.index].Options {
				d.Options = append(d.Options, o.Label)
			}
			if b, ok := t.votes[p.id]; ok {
				d.Voted, d.Rationale = b.Option, b.Rationale
			}
		}
		v.Decision = d
	}
	return v
}

func attackView(a agents.KnownAttack, n agents.Namer) Attack {
	target := n.Asset(a.Target)
	if a.Target == a.Victim {
		target = n.State(a.Target)
	}
	out := Attack{Clock: agents.Clock(a.Since), What: fmt.Sprintf("%s on %s", n.Method(a.Method), target)}
	switch a.Belief {
	case agents.BeliefOwn:
		out.What = fmt.Sprintf("%s: %s", n.Attacker(a.Group), out.What)
		switch a.Outcome {
		case agents.KindAttackSucceeded:
			out.Belief, out.Tone = "our operation: it succeeded", "harm"
		case agents.KindAttackFailed:
			out.Belief, out.Tone = "our operation: it failed", "futile"
		case agents.KindAttackBlocked:
			out.Belief, out.Tone = "our operation: blocked by the force", "protected"
		default:
			out.Belief, out.Tone = "our operation", "neutral"
		}
	case agents.BeliefBlames:
		if a.Blamed == "" {
			out.Belief = "we blame " + n.Attacker(a.Group) + ", a group with no state behind it"
		} else {
			out.Belief = "we blame " + n.State(a.Blamed)
		}
		out.Tone = "decision"
	case agents.BeliefNoName:
		out.Belief, out.Tone = "we cannot say who did it", "futile"
	default:
		out.Belief, out.Tone = "detected; who is behind it is not known yet", "noticed"
	}
	return out
}

// find returns the team whose token is tok, comparing every token in
// constant time (a wrong guess takes as long whatever it shares with a
// real token, and as long whichever team it is near).
func (h *Hub) find(tok string) *team {
	var found *team
	for _, t := range h.teams {
		if constantTimeEqual(tok, t.token) {
			found = t
		}
	}
	return found
}

// teamName names a team by its id, for messages.
func (h *Hub) teamName(id string) string {
	for _, t := range h.teams {
		if t.id == id {
			return t.name
		}
	}
	return id
}

// vote checks a team's vote and queues it for the display.
func (h *Hub) vote(t *team, decision string, option int, rationale string) error {
	rationale = strings.TrimSpace(rationale)
	if !t.limit.take(time.Now()) {
		return errRate
	}
	i := slices.IndexFunc(h.pending, func(p pending) bool { return p.id == decision })
	switch {
	case i < 0:
		return fmt.Errorf("decision %q is not open", clip(decision))
	case h.pending[i].decider != t.id:
		return fmt.Errorf("decision %q is for %s to take", clip(decision), h.teamName(h.pending[i].decider))
	case h.pending[i].index < 0 || option < 1 || option > len(h.sc.Decisions[h.pending[i].index].Options):
		return fmt.Errorf("option %d: the decision has %d", option, len(h.sc.Decisions[max(0, h.pending[i].index)].Options))
	case len([]rune(rationale)) > agents.MaxRationale:
		return fmt.Errorf("a rationale of %d characters: at most %d", len([]rune(rationale)), agents.MaxRationale)
	}
	h.ballots = append(h.ballots, agents.Ballot{Decision: decision, Team: t.id, Option: option, Rationale: rationale})
	return nil
}

// clip keeps an echoed input short.
func clip(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}

// bucket is a token bucket: burst at once, then one every `every`.
type bucket struct {
	burst  float64
	every  time.Duration
	have   float64
	last   time.Time
	primed bool
}

func (b *bucket) take(now time.Time) bool {
	if !b.primed {
		b.have, b.last, b.primed = b.burst, now, true
	}
	b.have = min(b.burst, b.have+now.Sub(b.last).Seconds()/b.every.Seconds())
	b.last = now
	if b.have < 1 {
		return false
	}
	b.have--
	return true
}
