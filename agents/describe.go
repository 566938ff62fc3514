package agents

import (
	"fmt"
	"math"
	"strings"

	"cpkrange/scenarios"
)

// Clock formats a time in hours as "d3 14:05": day (from 1) and hour.
func Clock(hours float64) string {
	d := int(math.Floor(hours / 24))
	rem := hours - float64(d)*24
	h := int(math.Floor(rem))
	m := int(math.Round((rem - float64(h)) * 60))
	if m == 60 {
		h, m = h+1, 0
	}
	if h == 24 {
		d, h = d+1, 0
	}
	return fmt.Sprintf("d%d %02d:%02d", d+1, h, m)
}

// Tone is what a record means for the story, so that a display can colour
// it: harm, protection, a wrong blame, a step up or down the ladder.
type Tone uint8

// The tones of a description.
const (
	ToneNeutral    Tone = iota // routine: the run's bounds, the facilitator's commands
	ToneHarm                   // harm done: an attack got through, a service went down
	ToneFutile                 // nothing came of it: an attack failed, no culprit named
	ToneProtected              // the force stopped an attack
	ToneNoticed                // the victim saw an attack
	ToneGood                   // better: a correct blame, a service back, a step down the ladder
	ToneWrong                  // the wrong state blamed
	ToneNorm                   // a norm of the Cyberspace Safe Layer violated
	ToneEscalation             // a step up the ladder
	ToneStage                  // the conflict changed stage
	ToneInject                 // the script's inject
	ToneDecision               // a decision put or taken
	ToneForce                  // the peacekeeping force acted
	ToneRumour                 // a rumour spreads or dies down
	ToneWorm                   // worms and leaked tools
)

// Namer names what records refer to by id. IDs is the command line's; the
// display names things by their short names and its palette's labels.
type Namer interface {
	State(id string) string
	Attacker(id string) string
	Asset(id string) string
	Decider(id string) string // a state, "force" or "facilitator"
	Method(id string) string
	Stage(s Stage) string
	Rung(r Rung) string
}

// IDs names everything by its scenario id and the model's own words.
type IDs struct{}

func (IDs) State(id string) string    { return id }
func (IDs) Attacker(id string) string { return id }
func (IDs) Asset(id string) string    { return id }
func (IDs) Decider(id string) string  { return id }
func (IDs) Method(id string) string   { return id }
func (IDs) Stage(s Stage) string      { return s.String() }
func (IDs) Rung(r Rung) string        { return r.String() }

// Description is what one record says: who did what to whom, how it
// reads for the story, and the whole in one line of plain English. The
// parts are named by the Describer's Namer, for the display's columns; the
// Line speaks the model's own terms (ids), as the event log does.
type Description struct {
	Actor   string // who acted, named
	Origin  string // the state behind the actor ("—" for an attacker no state sponsors)
	Object  string // what or whom it was done to
	Verb    string // what happened, in a word or two: the method, OUTAGE, ESCALATE
	Outcome string // what came of it, briefly
	Tone    Tone
	Feed    bool   // worth a line of the display's feed
	Key     bool   // a turn of the story: in the command line's short timeline
	Line    string // the whole, in one line, with ids
}

// Describer describes a run's records in order. It remembers what a line
// needs from earlier records: each operation's method, target and outcome
// (an attribution names none of them) and each asset's status (an outage
// is news only when the asset was not down already). It is the one place
// records become English: the command line's timeline and the display's
// feed both read its Descriptions.
type Describer struct {
	names   Namer
	noLines bool             // leave Line empty: the display reads only the parts
	assets  map[string]int64 // the scenario's assets: the people each serves
	ops     map[int]*opSeen
	status  map[string]Status
	// downSince is when each asset last went down, for "back after 14h".
	downSince map[string]float64
	quiet     float64 // model.escalation.quiet, hours: why a dispute calms by itself
	scriptAt  float64 // when the last inject or decision took effect: the attacks it launched are the story's
}

type opSeen struct {
	method, target, victim, outcome string
	scripted                        bool // launched by an inject or a decision: its outcome is a turn of the story
}

// NewDescriber describes the records of a run of sc, naming things with n.
func NewDescriber(sc *scenarios.Scenario, n Namer) *Describer {
	d := &Describer{names: n, assets: map[string]int64{}, ops: map[int]*opSeen{}, status: map[string]Status{}, downSince: map[string]float64{}, scriptAt: -1}
	if sc != nil {
		for _, a := range sc.Assets {
			d.assets[a.ID] = a.People
		}
		d.quiet = sc.Model.Escalation.Quiet.Hours()
	}
	return d
}

// kindText is how the records of one kind read.
type kindText struct {
	parts func(d *Describer, r Record) Description // the named parts (nil: none worth naming)
	line  func(d *Describer, r Record) string      // the one line, with ids
	key   func(d *Describer, r Record) bool        // a turn of the story (nil: never)
}

// texts holds, for each kind, how its records read; every kind has an
// entry (TestEveryKindIsDescribed).
var texts = [numKinds]kindText{
	KindRunStart: {line: func(d *Describer, r Record) string {
		return fmt.Sprintf("run of %q starts (seed %d)", r.Text, uint64(r.Value))
	}},
	KindRunEnd: {line: func(d *Describer, r Record) string {
		return fmt.Sprintf("run ends after %d events", int64(r.Value))
	}},
	KindStage: {key: always,
		parts: func(d *Describer, r Record) Description {
			return Description{Verb: "STAGE", Outcome: strings.ToUpper(d.names.Stage(r.Stage)) + ": " + r.Text, Tone: ToneStage, Feed: true}
		},
		line: func(d *Describer, r Record) string {
			return fmt.Sprintf("STAGE: %s (%s)", strings.ToUpper(r.Stage.String()), r.Text)
		}},
	KindAttackLaunched: {
		parts: func(d *Describer, r Record) Description { return d.attack(r) },
		line: func(d *Describer, r Record) string {
			return fmt.Sprintf("op %d: %s%s launches %s against %s (severity %d)", r.Op, r.Actor, paren(r.Origin), r.Method, r.Target, int(r.Value))
		}},
	KindAttackSucceeded: {key: always,
		parts: func(d *Describer, r Record) Description {
			return d.attackOutcome(r, "succeeds", ToneHarm)
		},
		line: func(d *Describer, r Record) string {
			return fmt.Sprintf("op %d: %s by %s%s succeeds against %s%s", r.Op, r.Method, r.Actor, paren(r.Origin), r.Target, parenUnless(r.State, r.Target))
		}},
	KindAttackFailed: {key: func(d *Describer, r Record) bool { o := d.ops[r.Op]; return o != nil && o.scripted },
		parts: func(d *Describer, r Record) Description {
			return d.attackOutcome(r, "fails: the defence holds", ToneFutile)
		},
		line: func(d *Describer, r Record) string {
			return fmt.Sprintf("op %d: %s by %s against %s fails", r.Op, r.Method, r.Actor, r.Target)
		}},
	KindAttackBlocked: {key: always,
		parts: func(d *Describer, r Record) Description {
			return d.attackOutcome(r, "BLOCKED by the CPK guardian (Safe Layer)", ToneProtected)
		},
		line: func(d *Describer, r Record) string {
			return fmt.Sprintf("op %d: %s by %s against %s is blocked", r.Op, r.Method, r.Actor, r.Target)
		}},
	KindAttackDetected: {
		parts: func(d *Describer, r Record) Description {
			return d.attackOutcome(r, fmt.Sprintf("detected by %s after %s", d.names.State(r.State), Span(r.Value)), ToneNoticed)
		},
		line: func(d *Describer, r Record) string {
			return fmt.Sprintf("op %d: %s detects the %s on %s after %s", r.Op, r.State, r.Method, r.Target, Span(r.Value)) + d.opSummary(r.Op)
		}},
	KindAttackAttributed: {key: always,
		parts: func(d *Describer, r Record) Description {
			n, b := d.names, r.Blame()
			switch {
			case b.Blamed == "":
				return d.attackOutcome(r, fmt.Sprintf("%s blames %s, a group with no state behind it", n.State(b.Victim), n.Attacker(r.Actor)), ToneGood)
			case !b.Correct:
				return d.attackOutcome(r, fmt.Sprintf("%s WRONGLY blames %s", n.State(b.Victim), n.State(b.Blamed)), ToneWrong)
			}
			return d.attackOutcome(r, fmt.Sprintf("%s correctly blames %s", n.State(b.Victim), n.State(b.Blamed)), ToneGood)
		},
		line: func(d *Describer, r Record) string {
			b := r.Blame()
			verdict := "correctly"
			switch {
			case b.Blamed == "":
				return fmt.Sprintf("op %d: %s attributes the %s to %s, a group with no state behind it", r.Op, b.Victim, r.Method, r.Actor) + d.opSummary(r.Op)
			case !b.Correct:
				verdict = "WRONGLY"
			}
			// The group is named: blaming a state for its proxies or its
			// patriotic hackers is a claim (norm c), not the same as blaming
			// its own unit.
			return fmt.Sprintf("op %d: %s %s blames %s for the %s by %s", r.Op, b.Victim, verdict, b.Blamed, r.Method, r.Actor) + d.opSummary(r.Op)
		}},
	KindAttackUnattributed: {
		parts: func(d *Describer, r Record) Description {
			return d.attackOutcome(r, d.names.State(r.State)+" cannot attribute it", ToneFutile)
		},
		line: func(d *Describer, r Record) string {
			return fmt.Sprintf("op %d: %s cannot attribute the %s", r.Op, r.State, r.Method) + d.opSummary(r.Op)
		}},
	KindNormViolation: {key: always,
		parts: func(d *Describer, r Record) Description {
			return d.attackOutcome(r, "Safe Layer attack: norm (f) violated", ToneNorm)
		},
		line: func(d *Describer, r Record) string {
			return fmt.Sprintf("op %d: norm violation: %s by %s%s on %s, %s", r.Op, r.Method, r.Actor, paren(r.Origin), r.Target, r.Text) + d.opSummary(r.Op)
		}},
	// A change of the harm an outage does (a function of the force switching
	// on) is not news; going down and coming back are.
	KindAssetStatus: {key: func(d *Describer, r Record) bool {
		x, was := r.AssetChange(), d.status[r.Target]
		return (x.Status == Down) != (was == Down)
	},
		parts: func(d *Describer, r Record) Description {
			n, x := d.names, r.AssetChange()
			out := Description{Object: n.Asset(x.Asset) + " (" + n.State(x.State) + ")"}
			switch was := d.status[x.Asset]; {
			case x.Status == Down && was != Down: // news only when it was not down already
				why := "DOWN"
				if x.ViaDependency {
					why = "DOWN through a dependency"
				}
				out.Verb, out.Tone, out.Feed = "OUTAGE", ToneHarm, true
				out.Outcome = fmt.Sprintf("%s: %s people without service", why, People(float64(d.assets[x.Asset])))
			case x.Status == Working && was == Down:
				out.Verb, out.Outcome, out.Tone, out.Feed = "BACK UP", "service restored", ToneGood, true
			}
			return out
		},
		line: func(d *Describer, r Record) string {
			x := r.AssetChange()
			if was := d.status[x.Asset]; was == Down && x.Status != Down {
				return fmt.Sprintf("%s (%s) is back (%s) after %s", x.Asset, x.State, x.Status, Span(r.Time-d.downSince[x.Asset]))
			}
			cause := ""
			if x.ViaDependency {
				cause = ", through a dependency"
			}
			if d.assets[x.Asset] == 0 {
				return fmt.Sprintf("%s (%s) is %s%s; it serves no one directly", x.Asset, x.State, x.Status, cause)
			}
			return fmt.Sprintf("%s (%s) is %s%s; %s people without service", x.Asset, x.State, x.Status, cause, People(x.Harm))
		}},
	KindWormOutbreak: {key: always,
		parts: func(d *Describer, r Record) Description {
			return Description{Object: d.names.Asset(r.Target), Verb: "WORM", Outcome: "worm breaks out in " + d.names.State(r.State), Tone: ToneWorm, Feed: true}
		},
		line: func(d *Describer, r Record) string {
			return fmt.Sprintf("op %d: a worm breaks out at %s (%s)", r.Op, r.Target, r.State)
		}},
	KindWormSpread: {key: always,
		parts: func(d *Describer, r Record) Description {
			n := d.names
			out := Description{Origin: n.State(r.Other), Object: n.State(r.State), Verb: "WORM", Outcome: "the worm spreads in " + n.State(r.State), Tone: ToneWorm, Feed: true}
			if r.Correct { // a spill-over into a state the worm was not aimed at
				out.Outcome = "the worm SPILLS OVER into " + n.State(r.State)
			}
			return out
		},
		line: func(d *Describer, r Record) string {
			if r.Correct {
				return fmt.Sprintf("op %d: the worm spills over into %s (%s)", r.Op, r.State, r.Target)
			}
			return fmt.Sprintf("op %d: the worm spreads in %s", r.Op, r.State)
		}},
	KindWormEnded: {
		parts: func(d *Describer, r Record) Description {
			return Description{Verb: "WORM", Outcome: fmt.Sprintf("the worm is gone after %s hosts", People(r.Value)), Tone: ToneWorm, Feed: true}
		},
		line: func(d *Describer, r Record) string {
			return fmt.Sprintf("op %d: the worm is gone after infecting %s hosts", r.Op, People(r.Value))
		}},
	KindWormPatched: {key: always,
		parts: func(d *Describer, r Record) Description {
			return Description{Verb: "PATCH", Outcome: fmt.Sprintf("a fix for the worm's flaw is published: %.0f%% of the vulnerable hosts apply it", 100*r.Value), Tone: ToneGood, Feed: true}
		},
		line: func(d *Describer, r Record) string {
			return fmt.Sprintf("a fix for the worm's flaw is published; %.0f%% of the hosts still vulnerable apply it and can no longer be infected", 100*r.Value)
		}},
	KindRumourWave: {key: always,
		parts: func(d *Describer, r Record) Description {
			out := "a rumour starts spreading"
			if r.Other != "" {
				out += ", blaming " + d.names.State(r.Other)
			}
			return Description{Object: d.names.State(r.State), Verb: "RUMOUR", Outcome: out, Tone: ToneRumour, Feed: true}
		},
		line: func(d *Describer, r Record) string {
			if r.Other != "" {
				return fmt.Sprintf("a rumour starts spreading in %s, blaming %s", r.State, r.Other)
			}
			return fmt.Sprintf("a rumour starts spreading in %s", r.State)
		}},
	KindRumourEnded: {
		parts: func(d *Describer, r Record) Description {
			return Description{Object: d.names.State(r.State), Verb: "RUMOUR", Outcome: fmt.Sprintf("the rumour dies down after reaching %.0f%% of users", 100*r.Value), Tone: ToneRumour, Feed: true}
		},
		line: func(d *Describer, r Record) string {
			return fmt.Sprintf("the rumour in %s dies down, having reached %.0f%% of users", r.State, 100*r.Value)
		}},
	KindEscalation: {key: always,
		parts: func(d *Describer, r Record) Description {
			n, x := d.names, r.LadderStep()
			out := Description{Actor: n.State(x.By), Object: n.State(x.Towards), Feed: true}
			switch {
			case x.Lower && r.Actor == quietActor:
				out.Actor, out.Object = n.State(x.By)+" and "+n.State(x.Towards), ""
				out.Verb, out.Outcome, out.Tone = "CALMER", "quiet, down to "+n.Rung(x.Rung), ToneGood
			case x.Lower:
				out.Verb, out.Outcome, out.Tone = "CALMER", "down to "+n.Rung(x.Rung), ToneGood
			default:
				out.Verb, out.Outcome, out.Tone = "ESCALATE", "up to "+strings.ToUpper(n.Rung(x.Rung)), ToneEscalation
			}
			return out
		},
		line: func(d *Describer, r Record) string {
			x := r.LadderStep()
			switch {
			case x.Lower && r.Actor == quietActor:
				quiet := ""
				if d.quiet > 0 {
					quiet = ", no serious attack attributed between them for " + Span(d.quiet)
				}
				return fmt.Sprintf("DE-ESCALATION between %s and %s: down to %s%s", x.By, x.Towards, strings.ToUpper(x.Rung.String()), quiet)
			case x.Lower:
				return fmt.Sprintf("DE-ESCALATION %s → %s: down to %s", x.By, x.Towards, strings.ToUpper(x.Rung.String()))
			}
			return fmt.Sprintf("ESCALATION %s → %s: %s", x.By, x.Towards, strings.ToUpper(x.Rung.String()))
		}},
	KindRelation: {line: func(d *Describer, r Record) string {
		return fmt.Sprintf("%s and %s: trust %.2f, tension %.2f", r.State, r.Other, r.Value, r.Tension)
	}},
	KindPressure: {line: func(d *Describer, r Record) string {
		if r.Other != "" {
			return fmt.Sprintf("public pressure in %s: %.0f%%, against %s", r.State, 100*r.Value, r.Other)
		}
		return fmt.Sprintf("public pressure in %s: %.0f%%", r.State, 100*r.Value)
	}},
	KindToolLeaked: {key: always,
		parts: func(d *Describer, r Record) Description {
			return Description{Actor: d.names.Attacker(r.Actor), Origin: d.names.State(r.Origin), Verb: "TOOLS", Outcome: "its cyber weapons are loose after the conflict", Tone: ToneWorm, Feed: true}
		},
		line: func(d *Describer, r Record) string {
			return fmt.Sprintf("the tools of %s are loose after the conflict", r.Actor)
		}},
	KindToolReused: {key: always,
		parts: func(d *Describer, r Record) Description {
			return Description{Actor: d.names.Attacker(r.Actor), Verb: "TOOLS", Outcome: "reuses the leaked tools of " + d.names.Attacker(r.Other), Tone: ToneWorm, Feed: true}
		},
		line: func(d *Describer, r Record) string {
			return fmt.Sprintf("%s reuses the leaked tools of %s", r.Actor, r.Other)
		}},
	KindInject: {key: always,
		parts: func(d *Describer, r Record) Description {
			return Description{Actor: "script", Verb: "INJECT", Outcome: r.Text, Tone: ToneInject, Feed: true}
		},
		line: func(d *Describer, r Record) string { return "INJECT: " + r.Text }},
	KindDecision: {key: always,
		parts: func(d *Describer, r Record) Description {
			return Description{Actor: d.names.Decider(r.State), Verb: "DECISION", Outcome: r.Text, Tone: ToneDecision, Feed: true}
		},
		line: func(d *Describer, r Record) string {
			return fmt.Sprintf("DECISION for %s: %s", r.State, r.Text)
		}},
	KindDecided: {key: always,
		parts: func(d *Describer, r Record) Description {
			x := r.Answer()
			return Description{Actor: d.names.Decider(x.Decider), Verb: "DECIDED", Outcome: fmt.Sprintf("%d. %s", x.Option, x.Label), Tone: ToneDecision, Feed: true}
		},
		line: func(d *Describer, r Record) string {
			x := r.Answer()
			return fmt.Sprintf("%s decides (%s): %d. %s", x.Decider, x.By, x.Option, x.Label)
		}},
	// A vote's feed line says only that the team voted: the projector shows
	// who has voted, never how, until the decision is taken. The line (the
	// command line's timeline, the debrief) says how and why.
	KindVote: {key: always,
		parts: func(d *Describer, r Record) Description {
			x := r.Ballot()
			return Description{Actor: d.names.Decider(x.Team), Verb: "VOTED", Outcome: "a vote is in; how stays secret until the decision is taken", Tone: ToneDecision, Feed: true}
		},
		line: func(d *Describer, r Record) string {
			x := r.Ballot()
			if x.Rationale == "" {
				return fmt.Sprintf("%s votes on %s: option %d", x.Team, x.Decision, x.Option)
			}
			return fmt.Sprintf("%s votes on %s: option %d, because %q", x.Team, x.Decision, x.Option, x.Rationale)
		}},
	KindForce: {key: func(_ *Describer, r Record) bool {
		// A finding passed in private is a turn of the story; routine
		// consultations are not.
		return storyFunctions[r.Function] || r.Function == MediatorConsultations.String() && r.Op > 0
	},
		parts: func(d *Describer, r Record) Description {
			n := d.names
			out := Description{Actor: r.Role + " (" + r.Actor + ")", Verb: "CPK", Outcome: r.Text, Tone: ToneForce, Feed: true}
			switch {
			case d.isAsset(r.Target):
				out.Object = n.Asset(r.Target)
			case r.State != "" && r.Other != "" && r.State != r.Other:
				out.Object = n.State(r.State) + " & " + n.State(r.Other)
			case r.State != "":
				out.Object = n.State(r.State)
			}
			return out
		},
		line: func(d *Describer, r Record) string {
			return fmt.Sprintf("CPK %s (%s): %s%s", r.Function, r.Actor, r.Text, helped(r))
		}},
	KindForceQueued: {line: func(d *Describer, r Record) string {
		return fmt.Sprintf("CPK request from %s for %s waits (%d in queue)", r.State, r.Function, int(r.Value))
	}},
	KindCommand: {
		parts: func(d *Describer, r Record) Description {
			return Description{Actor: "facilitator", Verb: "COMMAND", Outcome: strings.TrimSpace(r.Function + " " + r.Text), Feed: true}
		},
		line: func(d *Describer, r Record) string {
			return fmt.Sprintf("facilitator: %s %s", r.Function, r.Text)
		}},
	KindFutures: {key: always,
		parts: func(d *Describer, r Record) Description {
			return Description{Actor: "facilitator", Verb: "FUTURES", Outcome: futuresLine(r), Tone: ToneDecision, Feed: true}
		},
		line: func(d *Describer, r Record) string { return "facilitator shows " + futuresLine(r) }},
	KindNote: {
		parts: func(d *Describer, r Record) Description {
			out := Description{Actor: "facilitator", Verb: "NOTE", Outcome: r.Text, Feed: true}
			if r.Target != "" {
				out.Verb, out.Object = "RATIONALE", r.Target
			}
			return out
		},
		line: func(d *Describer, r Record) string {
			if r.Target != "" {
				return fmt.Sprintf("facilitator notes the rationale of %s: %s", r.Target, r.Text)
			}
			return "facilitator notes: " + r.Text
		}},
	KindRestraint: {key: always,
		parts: func(d *Describer, r Record) Description {
			n := d.names
			out := Description{Actor: n.State(r.State), Object: n.State(r.Other), Verb: "RESTRAINT", Tone: ToneGood, Feed: true,
				Outcome: "accepts the finding passed in private and holds its operations until " + Clock(r.Value)}
			switch {
			case r.Text == restraintBroken:
				out.Outcome, out.Tone = "is seen breaking the restraint it showed", ToneEscalation
			case !r.Correct:
				out.Outcome, out.Tone = "rejects the finding passed in private", ToneFutile
			}
			return out
		},
		line: func(d *Describer, r Record) string {
			if r.Text == restraintBroken {
				return fmt.Sprintf("op %d: %s is seen breaking the restraint it showed towards %s", r.Op, r.State, r.Other)
			}
			if r.Correct {
				return fmt.Sprintf("op %d: %s accepts the finding passed in private and holds its operations against %s until %s", r.Op, r.State, r.Other, Clock(r.Value))
			}
			return fmt.Sprintf("op %d: %s rejects the finding passed in private by %s", r.Op, r.State, r.Other)
		}},
	KindExculpation: {key: always,
		parts: func(d *Describer, r Record) Description {
			n := d.names
			return Description{Actor: "CPK mediator", Object: n.State(r.Other), Verb: "CLEARED", Tone: ToneGood, Feed: true,
				Outcome: fmt.Sprintf("the force's finding clears %s of the %s on %s", n.State(r.Other), n.Method(r.Method), n.State(r.State))}
		},
		line: func(d *Describer, r Record) string {
			return fmt.Sprintf("op %d: the force's finding clears %s of the %s on %s: %s, not %s, was behind it%s", r.Op, r.Other, r.Method, r.State, orNobody(r.Origin), r.Other, paren(r.Actor))
		}},
	KindNormBroken: {key: always,
		parts: func(d *Describer, r Record) Description {
			return Description{Actor: d.names.State(r.State), Object: d.names.State(r.Other), Verb: "NORM", Tone: ToneNorm, Feed: true,
				Outcome: "seen breaking norm (" + r.Text + ") it committed to: trust with every state falls"}
		},
		line: func(d *Describer, r Record) string {
			op := ""
			if r.Op > 0 {
				op = fmt.Sprintf("op %d: ", r.Op)
			}
			return fmt.Sprintf("%s%s is seen breaking UN GGE norm (%s), which it committed to; its trust with every state falls by %.0f%%", op, r.State, r.Text, 100*r.Value)
		}},
	KindSupport: {key: always,
		parts: func(d *Describer, r Record) Description {
			return Description{Actor: "CPK", Object: d.names.State(r.State), Verb: "SUPPORT", Outcome: r.Text, Tone: ToneNorm, Feed: true}
		},
		line: func(d *Describer, r Record) string {
			return fmt.Sprintf("%s: %s", r.State, r.Text)
		}},
	KindAgreement: {key: always,
		parts: func(d *Describer, r Record) Description {
			return Description{Actor: d.names.State(r.State), Verb: "AGREEMENT", Outcome: agreementText(r.Text), Tone: ToneForce, Feed: true}
		},
		line: func(d *Describer, r Record) string {
			return fmt.Sprintf("%s: %s", r.State, agreementText(r.Text))
		}},
	KindForceTrust: {line: func(d *Describer, r Record) string {
		return fmt.Sprintf("trust of %s in the force: %.2f", r.State, r.Value)
	}},
	KindSafeLayer: {key: always,
		parts: func(d *Describer, r Record) Description {
			out := "joins the Cyberspace Safe Layer"
			if !r.Correct {
				out = "leaves the Cyberspace Safe Layer"
			}
			return Description{Object: d.names.Asset(r.Target) + " (" + d.names.State(r.State) + ")", Verb: "SAFE LAYER", Outcome: out, Tone: ToneGood, Feed: true}
		},
		line: func(d *Describer, r Record) string {
			if r.Correct {
				return fmt.Sprintf("%s (%s) joins the Cyberspace Safe Layer", r.Target, r.State)
			}
			return fmt.Sprintf("%s (%s) leaves the Cyberspace Safe Layer", r.Target, r.State)
		}},
	KindAttackNoTarget: {line: func(d *Describer, r Record) string {
		return fmt.Sprintf("%s%s finds nothing to aim a %s at", r.Actor, paren(r.Origin), r.Method)
	}},
	KindDyadFinal: {line: func(d *Describer, r Record) string {
		return fmt.Sprintf("at the end, %s and %s: %s, trust %.2f, tension %.2f", r.State, r.Other, r.Rung, r.Value, r.Tension)
	}},
	KindStateFinal: {line: func(d *Describer, r Record) string {
		return fmt.Sprintf("at the end, %s's defence maturity is %.2f", r.State, r.Value)
	}},
	KindWormFinal: {line: func(d *Describer, r Record) string {
		return fmt.Sprintf("op %d: the worm infected %s hosts in all, for %s host-hours", r.Op, People(r.Value), People(r.Hours))
	}},
}

func always(*Describer, Record) bool { return true }

// Describe says what r reports. Records must come in the run's order.
func (d *Describer) Describe(r Record) Description {
	if r.Kind >= numKinds || texts[r.Kind].line == nil {
		return Description{Line: r.Kind.String()} // a kind without an entry, which TestEveryKindIsDescribed catches
	}
	t := &texts[r.Kind]
	var out Description
	if t.parts != nil {
		out = t.parts(d, r)
	}
	if t.key != nil {
		out.Key = t.key(d, r)
	}
	if !d.noLines {
		out.Line = t.line(d, r)
	}
	d.remember(r)
	return out
}

// remember keeps what later records' descriptions need.
func (d *Describer) remember(r Record) {
	switch r.Kind {
	case KindAttackLaunched:
		d.ops[r.Op] = &opSeen{method: r.Method, target: r.Target, victim: r.State, outcome: "under way", scripted: r.Time == d.scriptAt}
	case KindInject, KindDecided:
		d.scriptAt = r.Time
	case KindAttackSucceeded:
		d.settle(r.Op, "succeeded")
	case KindAttackFailed:
		d.settle(r.Op, "failed")
	case KindAttackBlocked:
		d.settle(r.Op, "blocked")
	case KindAssetStatus:
		if r.Status == Down && d.status[r.Target] != Down {
			d.downSince[r.Target] = r.Time
		}
		d.status[r.Target] = r.Status
	}
}

// attackOutcome is a feed line about an operation: its common parts, what
// came of it and its tone.
func (d *Describer) attackOutcome(r Record, outcome string, tone Tone) Description {
	a := d.attack(r)
	a.Outcome, a.Tone, a.Feed = outcome, tone, true
	return a
}

// attack is the part every line about an operation shares: the attacker,
// the state behind it, the target (as launched) and the method.
func (d *Describer) attack(r Record) Description {
	n := d.names
	target, victim := r.Target, r.State
	if o := d.ops[r.Op]; o != nil {
		target, victim = o.target, o.victim
	}
	origin := "—"
	if r.Origin != "" {
		origin = n.State(r.Origin)
	}
	object := n.State(victim)
	if d.isAsset(target) {
		object = n.Asset(target) + " (" + object + ")"
	}
	return Description{Actor: n.Attacker(r.Actor), Origin: origin, Object: object, Verb: n.Method(r.Method)}
}

func (d *Describer) isAsset(id string) bool {
	_, ok := d.assets[id]
	return ok
}

// WithoutLines makes d leave Description.Line empty, for a reader of the
// parts only: formatting the line of every record would triple the cost of
// folding a log (BenchmarkRefold in ui).
func (d *Describer) WithoutLines() *Describer {
	d.noLines = true
	return d
}

func (d *Describer) settle(op int, outcome string) {
	if o := d.ops[op]; o != nil {
		o.outcome = outcome
	}
}

// opSummary reminds a later line about an operation of its method, target
// and outcome, since its launch may not have been in a short timeline.
func (d *Describer) opSummary(op int) string {
	if o := d.ops[op]; o != nil && op != 0 {
		return fmt.Sprintf(" [%s on %s, %s]", o.method, o.target, o.outcome)
	}
	return ""
}

// storyFunctions are the force's functions whose actions turn the story:
// the rest (attribution support for each incident, weekly routines) are
// counted in the summary and listed with run --all.
var storyFunctions = map[string]bool{
	"guardian.monitoring": true, "guardian.safe-layer": true, "guardian.cleanup": true,
	"mediator.de-escalation": true, "coordinator.clearinghouse": true, "coordinator.incident-response": true,
}

// agreementText says what an agreement with the force lets it do.
func agreementText(a string) string {
	switch a {
	case "none":
		return "withdraws its consent: the force no longer works on its networks"
	case "monitoring":
		return "lets the force monitor its networks from outside"
	}
	return "gives the force full access to its networks"
}

func orNobody(s string) string {
	if s == "" {
		return "a group with no state behind it"
	}
	return s
}

func helped(r Record) string {
	switch {
	case r.State != "" && r.Other != "" && r.State != r.Other:
		return fmt.Sprintf(" [%s, %s]", r.State, r.Other)
	case r.State != "":
		return fmt.Sprintf(" [%s]", r.State)
	}
	return ""
}

// parenUnless is paren(s), or nothing when s repeats what is already said.
func parenUnless(s, said string) string {
	if s == said {
		return ""
	}
	return paren(s)
}

func paren(s string) string {
	if s == "" {
		return ""
	}
	return " (" + s + ")"
}

// Span formats hours as "3d 4h", "5h", "25m".
func Span(h float64) string {
	switch {
	case h < 1:
		return fmt.Sprintf("%.0fm", h*60)
	case h < 48:
		return fmt.Sprintf("%.0fh", h)
	}
	total := math.Round(h) // whole hours, so that 14d 23.6h reads 15d 0h
	d := math.Floor(total / 24)
	return fmt.Sprintf("%.0fd %.0fh", d, total-24*d)
}

// People formats a count of people with thousands separators.
func People(x float64) string {
	n := int64(math.Round(x))
	s := fmt.Sprint(n)
	if n < 0 {
		return s
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}
