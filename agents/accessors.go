package agents

// Typed views of the records whose flat fields mean different things by
// kind (Value is a severity, hours, people, trust or an option number;
// Correct a verdict, a cause or a spill-over). The event log keeps the flat
// Record; code that reads one kind reads it through these.

// Blame is what an attack.attributed record says.
type Blame struct {
	Op      int
	Victim  string  // the state that attributes
	Blamed  string  // the state blamed; "" for a group no state sponsors
	Correct bool    // the blamed state is the sponsor
	Hours   float64 // since the launch
}

// Blame reads an attack.attributed record.
func (r Record) Blame() Blame {
	return Blame{Op: r.Op, Victim: r.State, Blamed: r.Other, Correct: r.Correct, Hours: r.Value}
}

// AssetChange is what an asset.status record says.
type AssetChange struct {
	Asset, State  string // the asset and its owner
	Status        Status
	ViaDependency bool    // the outage comes from an asset it depends on
	Harm          float64 // people left without service, weighted by sector
}

// AssetChange reads an asset.status record.
func (r Record) AssetChange() AssetChange {
	return AssetChange{Asset: r.Target, State: r.State, Status: r.Status, ViaDependency: r.Correct, Harm: r.Value}
}

// LadderStep is what an escalation record says.
type LadderStep struct {
	By, Towards    string // the state that moved, and towards whom
	Rung           Rung   // the rung reached
	Lower          bool   // a step down
	Trust, Tension float64
}

// LadderStep reads an escalation record.
func (r Record) LadderStep() LadderStep {
	return LadderStep{By: r.State, Towards: r.Other, Rung: r.Rung, Lower: r.Lower, Trust: r.Value, Tension: r.Tension}
}

// Answer is what a decision.taken record says.
type Answer struct {
	Decision string // the decision's id
	Decider  string // who decides: a state, "force" or "facilitator"
	By       string // who answered: "facilitator", "default", ...
	Option   int    // from 1
	Label    string // the option's label
}

// Answer reads a decision.taken record.
func (r Record) Answer() Answer {
	return Answer{Decision: r.Target, Decider: r.State, By: r.Actor, Option: int(r.Value), Label: r.Text}
}

// Ballot is what a decision.vote record says: a team's vote on a decision
// put to it, with its reasons. A vote answers nothing by itself; the
// facilitator confirms or overrides it (decision.taken).
type Ballot struct {
	Decision  string // the decision's id
	Team      string // who voted: the decider (a state id or "force")
	Option    int    // from 1
	Rationale string // the team's reasons, at most MaxRationale characters
}

// Ballot reads a decision.vote record.
func (r Record) Ballot() Ballot {
	return Ballot{Decision: r.Target, Team: r.Actor, Option: int(r.Value), Rationale: r.Text}
}
