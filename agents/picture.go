package agents

import (
	"fmt"
	"slices"
	"strings"

	"cpkrange/scenarios"
)

// Observers is the actor who knows only what is public: the stage, the
// escalation ladder, the injects and decisions, rumours, the clearinghouse's
// statements. A workshop's observers (and the press) see this picture.
const Observers = "observers"

// Picture is what one actor of a run knows: a fold of the run's records
// through that actor's eyes. The run's records tell the truth; an actor
// learns of an attack only when it detects it (or its own group made it),
// never who is really behind it unless it names the culprit itself, and
// hears from the force only what the force shares with it under its
// agreement. The rules are the model's (docs/model.md, "What each actor
// knows"), so the team pages and the projector's "what X sees" show the
// same picture, rebuilt exactly from the log.
//
// The actor is a state's id, "force", or Observers.
type Picture struct {
	Actor string

	sc        *scenarios.Scenario
	states    map[string]bool
	sponsor   map[string]string    // attacker → sponsoring state ("" none)
	agreement map[string]agreement // each state's agreement, as the script changes it
	ops       map[int]opTruth      // each operation's truth, to apply the rules
	status    map[string]Status    // every asset's status (the truth; Assets filters it)
	attacks   []KnownAttack
	attackIdx map[int]int
	names     Namer
	describer *Describer // fed the records the actor sees, in order
}

// Seen is a record as an actor knows it, and what it says to the actor.
type Seen struct {
	Record Record
	Text   string
	Tone   Tone
}

type opTruth struct{ attacker, origin, victim string }

// Belief is what an actor believes about who is behind an attack it knows.
type Belief uint8

// Beliefs, from knowing nothing to naming someone.
const (
	BeliefUnknown Belief = iota // detected, not attributed (yet)
	BeliefBlames                // it names a state (Blamed) or a group no state sponsors (Group)
	BeliefNoName                // it tried and could not name anyone
	BeliefOwn                   // its own group's operation
)

// KnownAttack is an attack as an actor knows it.
type KnownAttack struct {
	Op      int
	Since   float64 // when the actor learnt of it
	Target  string  // asset (or state) hit
	Victim  string
	Method  string
	Own     bool   // the actor's own group made it (the actor is its sponsor)
	Group   string // the attacker, when the actor knows it: its own group, or a group it named
	Outcome Kind   // for its own operations: succeeded, failed or blocked (0 not yet known)
	Belief  Belief
	Blamed  string // the state blamed, with BeliefBlames
}

// KnownAsset is an asset as an actor knows it: its own, or for the force an
// asset of a state that lets it monitor.
type KnownAsset struct {
	ID, Name, Owner, Sector string
	Status                  Status
}

// NewPicture starts the picture of actor in a run of sc; n names things in
// what the records say to the actor (nil: by their ids).
func NewPicture(sc *scenarios.Scenario, actor string, n Namer) *Picture {
	if n == nil {
		n = IDs{}
	}
	p := &Picture{Actor: actor, sc: sc, states: map[string]bool{}, sponsor: map[string]string{},
		agreement: map[string]agreement{}, ops: map[int]opTruth{}, status: map[string]Status{}, attackIdx: map[int]int{},
		names: n, describer: NewDescriber(sc, n)}
	for _, s := range sc.States {
		p.states[s.ID] = true
		p.agreement[s.ID], _ = agreementWords.parse(s.Agreement)
	}
	for _, a := range sc.Attackers {
		p.sponsor[a.ID] = a.Sponsor
	}
	return p
}

// Actors returns the actors of sc that have a picture of their own: each
// state, the force when the scenario has one, and the observers.
func Actors(sc *scenarios.Scenario) []string {
	var out []string
	for _, s := range sc.States {
		out = append(out, s.ID)
	}
	if sc.Force.Enabled {
		out = append(out, "force")
	}
	return append(out, Observers)
}

// Record folds r into the picture (a Picture is a Recorder).
func (p *Picture) Record(r Record) { p.See(r) }

// See folds r into the picture and returns it as the actor knows it, with
// what the actor cannot know cleared (the attacker and its sponsor, whether
// a blame is right), and what it says to the actor; ok is false when the
// actor does not learn of it at all. Records must come in the run's order.
func (p *Picture) See(r Record) (Seen, bool) {
	p.track(r)
	out, ok := p.sees(r)
	if !ok {
		return Seen{}, false
	}
	p.learn(out)
	d := p.describer.Describe(out)
	return Seen{Record: out, Text: p.says(out, d), Tone: d.Tone}, true
}

// track keeps what the rules need from every record, seen or not.
func (p *Picture) track(r Record) {
	switch r.Kind {
	case KindRunStart:
		np := NewPicture(p.sc, p.Actor, p.names)
		*p = *np
	case KindAttackLaunched:
		p.ops[r.Op] = opTruth{attacker: r.Actor, origin: r.Origin, victim: r.State}
	case KindAssetStatus:
		p.status[r.Target] = r.Status
	case KindAgreement:
		p.agreement[r.State], _ = agreementWords.parse(r.Text)
	}
}

func (p *Picture) isForce() bool { return p.Actor == "force" }

// monitors reports whether the force sees inside state s: it does where the
// state's agreement allows monitoring.
func (p *Picture) monitors(s string) bool { return p.agreement[s] != agreeNone }

// member reports whether the actor is a state the force shares with.
func (p *Picture) member() bool { return p.states[p.Actor] && p.agreement[p.Actor] != agreeNone }

// public are the kinds everyone sees: what happens in the open.
var public = [numKinds]bool{
	KindRunStart: true, KindRunEnd: true, KindStage: true, KindEscalation: true, KindPressure: true,
	KindInject: true, KindDecision: true, KindDecided: true, KindSafeLayer: true, KindToolLeaked: true, KindWormPatched: true,
	KindRumourWave: true, KindRumourEnded: true, KindNormBroken: true, KindAgreement: true,
}

// sees applies the rules of who knows what.
func (p *Picture) sees(r Record) (Record, bool) {
	me := p.Actor
	if r.Kind < numKinds && public[r.Kind] {
		return r, true
	}
	own := r.Origin != "" && r.Origin == me // the actor sponsors the attacker
	switch r.Kind {
	case KindAttackLaunched, KindAttackSucceeded, KindAttackFailed, KindAttackNoTarget:
		return r, own
	case KindAttackBlocked:
		// The guardian blocks only under full access, and tells the victim.
		return r, own || p.isForce() || r.State == me
	case KindAttackDetected, KindAttackUnattributed, KindNormViolation:
		if own {
			return r, false // a sponsor does not learn that its operation was seen
		}
		return hidden(r), r.State == me || (p.isForce() && p.monitors(r.State))
	case KindAttackAttributed:
		if own {
			return r, false
		}
		out := hidden(r)
		if r.Other == "" {
			out.Actor = r.Actor // the victim names the group itself
		}
		return out, r.State == me || (p.isForce() && p.monitors(r.State))
	case KindAssetStatus, KindWormOutbreak, KindWormSpread, KindWormEnded:
		return r, r.State == me || (p.isForce() && p.monitors(r.State))
	case KindRelation:
		return r, r.State == me || r.Other == me || p.isForce()
	case KindToolReused:
		return r, p.sponsor[r.Actor] == me && me != ""
	case KindVote:
		return r, r.Actor == me
	case KindForceQueued:
		return r, p.isForce()
	case KindForce:
		if p.isForce() {
			return r, true
		}
		r.Correct = false // a finding passed in private: whether it is right is the force's to know
		return r, p.sharedWith(r)
	case KindRestraint:
		// A finding passed in private, and the accused's answer: between the
		// two parties and the force.
		return r, r.State == me || r.Other == me || p.isForce()
	case KindExculpation:
		// The force clears a state wrongly named; the victim and the cleared
		// learn it, not (from this) who really did it.
		return hidden(r), r.State == me || r.Other == me || p.isForce()
	case KindSupport, KindForceTrust:
		return r, r.State == me || p.isForce()
	}
	// The facilitator's commands and the final records are for the room's
	// debrief, not for the actors.
	return r, false
}

// hidden clears what a victim (or the force) cannot know of an attack:
// who made it and whether a blame is right.
func hidden(r Record) Record {
	r.Actor, r.Origin, r.Correct = "", "", false
	return r
}

// sharedWith reports whether the force shares action r with the actor.
func (p *Picture) sharedWith(r Record) bool {
	me := p.Actor
	switch r.Function {
	case CoordinatorClearinghouse.String():
		return true // the clearinghouse speaks in public
	case CoordinatorInformationSharing.String(), GuardianMonitoring.String():
		return p.member() // indicators and early warnings go to every member CERT
	case MediatorAttribution.String():
		// Evidence goes to both sides: the victim and the state whose group
		// made the attack.
		return r.State == me || (p.ops[r.Op].origin == me && me != "")
	}
	return r.State == me || r.Other == me
}

// learn folds a record the actor knows into its picture of the attacks.
func (p *Picture) learn(r Record) {
	switch r.Kind {
	case KindAttackLaunched:
		p.attack(r).Group = r.Actor
	case KindAttackSucceeded, KindAttackFailed, KindAttackBlocked:
		a := p.attack(r)
		if a.Own {
			a.Outcome = r.Kind
		}
	case KindAttackDetected, KindNormViolation:
		p.attack(r)
	case KindAttackAttributed:
		a := p.attack(r)
		if !a.Own {
			a.Belief, a.Blamed, a.Group = BeliefBlames, r.Other, r.Actor
		}
	case KindAttackUnattributed:
		if a := p.attack(r); !a.Own {
			a.Belief = BeliefNoName
		}
	}
}

// attack returns the actor's entry for r's operation, making it.
func (p *Picture) attack(r Record) *KnownAttack {
	if i, ok := p.attackIdx[r.Op]; ok {
		a := &p.attacks[i]
		if a.Target == "" {
			a.Target = r.Target
		}
		return a
	}
	own := r.Origin != "" && r.Origin == p.Actor
	a := KnownAttack{Op: r.Op, Since: r.Time, Target: r.Target, Victim: r.State, Method: r.Method, Own: own}
	if own {
		a.Belief, a.Group = BeliefOwn, r.Actor
	}
	p.attackIdx[r.Op] = len(p.attacks)
	p.attacks = append(p.attacks, a)
	return &p.attacks[len(p.attacks)-1]
}

// Attacks returns the attacks the actor knows, oldest first.
func (p *Picture) Attacks() []KnownAttack { return slices.Clone(p.attacks) }

// Assets returns the assets the actor knows the status of: a state its
// own, the force those of the states that let it monitor, observers none.
func (p *Picture) Assets() []KnownAsset {
	var out []KnownAsset
	for _, a := range p.sc.Assets {
		if a.Owner == p.Actor || (p.isForce() && p.monitors(a.Owner)) {
			name := a.Name
			if name == "" {
				name = a.ID
			}
			out = append(out, KnownAsset{ID: a.ID, Name: name, Owner: a.Owner, Sector: a.Sector, Status: p.status[a.ID]})
		}
	}
	return out
}

// Agreement returns state s's agreement with the force now ("none",
// "monitoring", "full").
func (p *Picture) Agreement(s string) string { return p.agreement[s].String() }

// says is a record in the actor's own words: what it learnt, as the team's
// page lists it; d is the describer's description of it, for the records
// that read the same for everyone who sees them.
func (p *Picture) says(r Record, d Description) string {
	n := p.names
	target := n.Asset(r.Target)
	if p.states[r.Target] {
		target = n.State(r.Target)
	}
	method := n.Method(r.Method)
	switch r.Kind {
	case KindAttackLaunched:
		return fmt.Sprintf("Our group %s launches a %s against %s (%s)", n.Attacker(r.Actor), method, target, n.State(r.State))
	case KindAttackSucceeded:
		return fmt.Sprintf("Our group's %s against %s succeeds", method, target)
	case KindAttackFailed:
		return fmt.Sprintf("Our group's %s against %s fails", method, target)
	case KindAttackNoTarget:
		return fmt.Sprintf("Our group %s finds nothing to aim a %s at", n.Attacker(r.Actor), method)
	case KindAttackBlocked:
		if r.Origin == p.Actor {
			return fmt.Sprintf("Our group's %s against %s is blocked by the peacekeeping force", method, target)
		}
		return fmt.Sprintf("The peacekeeping force blocked a %s against %s (Safe Layer)", method, target)
	case KindAttackDetected:
		return fmt.Sprintf("%s detected on %s (%s), %s after it began; who is behind it is not known", upperFirst(method), target, n.State(r.State), Span(r.Value))
	case KindAttackAttributed:
		if r.Other == "" {
			return fmt.Sprintf("%s attributes the %s on %s to %s, a group with no state behind it", n.State(r.State), method, target, n.Attacker(r.Actor))
		}
		return fmt.Sprintf("%s blames %s for the %s on %s", n.State(r.State), n.State(r.Other), method, target)
	case KindAttackUnattributed:
		return fmt.Sprintf("%s cannot name who is behind the %s on %s", n.State(r.State), method, target)
	case KindNormViolation:
		return fmt.Sprintf("The %s on %s is an attack on the Cyberspace Safe Layer (UN GGE norm f)", method, target)
	case KindVote:
		x := r.Ballot()
		return fmt.Sprintf("Our vote on %s: option %d", x.Decision, x.Option)
	}
	if d.Verb == "" && d.Outcome == "" {
		return d.Line
	}
	parts := []string{}
	for _, s := range []string{d.Actor, d.Verb, d.Object, d.Outcome} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, " · ")
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
