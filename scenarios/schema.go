package scenarios

// The scenario schema: plain data, decoded from TOML, no behaviour.
//
// Struct tags are the single source of truth for what docs/scenario-format.md
// documents and what Validate checks generically:
//
//	toml:"key"            the key as written in the file
//	default:"value"       the value a missing key takes, written as in --set
//	range:"lo..hi"        inclusive bounds of a number (either side may be empty)
//	enum:"a|b|c"          the allowed words of a string, or of each element of a list
//	ref:"state"           the string (or each element) must name an id of that kind
//	limit:"N"             the most elements a list may hold
//	prose:""              a string that may hold line breaks and tabs; no
//	                      string may hold any other control character
//
// Times are Duration (hours), rates are Rate (per hour), shares are Fraction
// ([0, 1], written 0.35 or "35%").
//
// Every field has a doc comment: the reference in docs/scenario-format.md is
// generated from them (TestFormatReferenceInSync), so they are written for
// facilitators, and a comment that starts with the field's Go name followed
// by "is" or "are" loses those words in the reference.

// Scenario is one exercise: the world at its start, its actors, its script
// and its experimental design.
type Scenario struct {
	// Meta is what the scenario is and how long it runs.
	Meta Meta `toml:"scenario"`
	// States are the countries of the exercise.
	States []State `toml:"state" limit:"64"`
	// Relations are how pairs of states start; a pair without one starts
	// with the defaults of [[relation]].
	Relations []Relation `toml:"relation" limit:"2016"`
	// Assets are the infrastructure that attacks hit and people depend on.
	Assets []Asset `toml:"asset" limit:"2000"`
	// Attackers are the groups that launch cyber operations.
	Attackers []Attacker `toml:"attacker" limit:"200"`
	// Information holds the states' social networks.
	Information Information `toml:"information"`
	// Force is the cyber peacekeeping force.
	Force Force `toml:"force"`
	// Stages are the rules that move the conflict between its stages.
	Stages Stages `toml:"stages"`
	// Injects are the timed events of the facilitator's script.
	Injects []Inject `toml:"inject" limit:"500"`
	// Decisions are the points where a team decides.
	Decisions []Decision `toml:"decision" limit:"100"`
	// Model holds the mechanisms' parameters.
	Model Model `toml:"model"`
	// Variants are named sets of overrides, applied with --variant.
	Variants []Variant `toml:"variant" limit:"100"`
	// Sweeps are parameter ranges for batch experiments.
	Sweeps []Sweep `toml:"sweep" limit:"20"`
	// Debrief is what the after-action review (`cpkrange debrief`) asks
	// the room.
	Debrief Debrief `toml:"debrief"`
}

// Debrief is what the after-action review asks beyond what the log shows.
type Debrief struct {
	// Questions are the lessons-learned questions the report prints, each
	// with space to answer; none for a report without them.
	Questions []DebriefQuestion `toml:"question" limit:"50"`
}

// DebriefQuestion is one lessons-learned question of the debrief.
type DebriefQuestion struct {
	// Text is the question as the report prints it.
	Text string `toml:"text" prose:""`
	// About is the decision the question is about, if any: the report
	// prints it beside that decision's outcome and counterfactual.
	About string `toml:"about" default:"" ref:"decision"`
	// Lines is how many ruled lines the printed report leaves for the
	// answer.
	Lines int `toml:"lines" default:"4" range:"1..20"`
}

// Meta is what the scenario is and how long it runs.
type Meta struct {
	// Name is the scenario's title, shown on the display and in reports.
	Name string `toml:"name"`
	// Summary is one sentence on what happens, shown by `cpkrange scenarios`.
	Summary string `toml:"summary"`
	// Briefing is the read-ahead for participants: the setting, the
	// actors, what to watch and the questions for the teams.
	Briefing string `toml:"briefing" prose:""`
	// Author is who wrote the scenario.
	Author string `toml:"author" default:""`
	// Horizon is how long a run lasts, from time zero.
	Horizon Duration `toml:"horizon" range:"1h..3650d"`
	// Seed is the random seed of a single run; batch runs derive their
	// seeds from it.
	Seed uint64 `toml:"seed" default:"1"`
	// Timezone is the exercise's local time as an offset from UTC in hours;
	// the display shows the clock in it and team shifts are set against it.
	Timezone float64 `toml:"timezone" default:"0" range:"-12..14"`
	// Start is the calendar date of time zero, shown on the display
	// ("2027-03-01"); the model does not use it.
	Start string `toml:"start" default:""`
}

// State is a country: its people, its cyber defence and its stance.
type State struct {
	// ID names the state in references and keys ("kaldonia"): letters,
	// digits, '-' and '_'.
	ID string `toml:"id"`
	// Name is the state's full name, shown on the display.
	Name string `toml:"name"`
	// Position is where the state is drawn on the map: [x, y], each from 0
	// (left, top) to 1 (right, bottom).
	Position []float64 `toml:"position" range:"0..1"`
	// Population is the number of people living in the state.
	Population int64 `toml:"population" range:"1..2000000000"`
	// Maturity is the state's cyber defence capability: how fast it detects
	// attacks and how well its assets resist them.
	Maturity Fraction `toml:"maturity" default:"0.5"`
	// Attribution is the state's ability to find out who attacked it: how
	// fast and how often correctly.
	Attribution Fraction `toml:"attribution" default:"0.5"`
	// Posture is how hard the state answers an attack it blames on another
	// state: restraint, proportional or escalatory.
	Posture string `toml:"posture" default:"proportional" enum:"restraint|proportional|escalatory"`
	// Agreement is what the state lets the force do on its networks: full
	// access, monitoring only, or none.
	Agreement string `toml:"agreement" default:"monitoring" enum:"full|monitoring|none"`
	// Norms are the UN GGE 2015 norms (a to k) the state has committed to.
	Norms []string `toml:"norms" default:"" enum:"a|b|c|d|e|f|g|h|i|j|k"`
	// Naming is how the state names whom it blames for an attack: "public"
	// names them in public at once; "private" first takes the force's
	// findings to the other side through the mediator's consultations, and
	// names in public only when that channel is not there.
	Naming string `toml:"naming" default:"public" enum:"public|private"`
	// TrustInForce is how far the state trusts the peacekeeping force: the
	// chance that it takes a finding to consultations, and that, accused in
	// private, it holds its operations back.
	TrustInForce Fraction `toml:"trust_in_force" default:"0.5"`
}

// Relation is what two states feel about each other when the run starts.
type Relation struct {
	// Between names the two states, in either order.
	Between []string `toml:"between" ref:"state"`
	// Trust is how much the two states trust each other.
	Trust Fraction `toml:"trust" default:"0.5"`
	// Tension is how strained the relation is.
	Tension Fraction `toml:"tension" default:"0.2"`
	// Alliance makes the two states allies, who escalate against each other
	// less readily.
	Alliance bool `toml:"alliance" default:"false"`
	// CBMs are the OSCE confidence-building measures in force between the
	// two states; a hotline calms escalation.
	CBMs []string `toml:"cbms" default:"" enum:"national-views|information-exchange|consultations|open-internet|osce-platform|laws|strategies|contact-points|terminology|osce-network|expert-meetings|workshops|hotline|public-private|ci-cooperation|vulnerability-reporting"`
	// Rung is the step of the escalation ladder the dispute starts on.
	Rung string `toml:"rung" default:"none" enum:"none|protest|sanctions|retaliation|armed"`
}

// Asset is a piece of infrastructure that serves people.
type Asset struct {
	// ID names the asset in references and keys ("kal-grid"): letters,
	// digits, '-' and '_'.
	ID string `toml:"id"`
	// Name is the asset's full name, shown on the display.
	Name string `toml:"name" default:""`
	// Owner is the state the asset belongs to.
	Owner string `toml:"owner" ref:"state"`
	// Sector is the kind of service the asset provides.
	Sector string `toml:"sector" enum:"energy|water|finance|telecom|health|transport|government|media|military"`
	// People is the number of people who lose a service when the asset is
	// down.
	People int64 `toml:"people" range:"0..2000000000"`
	// DependsOn lists the assets this one needs to work: when one of them is
	// down, this one goes down too once its backup runs out.
	DependsOn []string `toml:"depends_on" default:"" ref:"asset"`
	// Backup is how long the asset keeps working when a dependency is down
	// (generators, caches, manual fallback).
	Backup Duration `toml:"backup" default:"0h" range:"..365d"`
	// Restore is the mean time to bring the asset back after an outage.
	Restore Duration `toml:"restore" default:"24h" range:"1m..365d"`
	// SafeLayer puts the asset in the Cyberspace Safe Layer: services whose
	// loss harms civilians, which norm (f) protects and the guardian
	// shields.
	SafeLayer bool `toml:"safe_layer" default:"false"`
	// Hosts is the number of hosts a worm can infect in this asset.
	Hosts int64 `toml:"hosts" default:"100" range:"0..10000000"`
	// Defence overrides the owner's maturity for this asset; -1 means use
	// the owner's.
	Defence float64 `toml:"defence" default:"-1" range:"-1..1"`
}

// Attacker is a group that launches cyber operations.
type Attacker struct {
	// ID names the attacker in references and keys ("nightjar"): letters,
	// digits, '-' and '_'.
	ID string `toml:"id"`
	// Name is the attacker's full name, shown on the display.
	Name string `toml:"name" default:""`
	// Kind is what the attacker is: a state unit, a proxy working for a
	// state, criminals or hacktivists.
	Kind string `toml:"kind" enum:"state|proxy|criminal|hacktivist"`
	// Sponsor is the state behind the attacker, which is blamed when an
	// operation is attributed correctly; required for a state unit or a
	// proxy.
	Sponsor string `toml:"sponsor" default:"" ref:"state"`
	// Skill is how likely the attacker's operations are to succeed against
	// a defence of the same level.
	Skill Fraction `toml:"skill" default:"0.5"`
	// Stealth is how hard the attacker's operations are to detect and to
	// attribute correctly.
	Stealth Fraction `toml:"stealth" default:"0.5"`
	// Tempo is how often the attacker launches an operation while active;
	// the default is DCID 2.0's pooled tempo of cyber incidents, raised by
	// the attacker's share of disinformation, which comes on top
	// (docs/calibration.md).
	Tempo Rate `toml:"tempo" default:"1.03/year" range:"..100/h"`
	// Methods weighs the methods the attacker uses; empty means DCID 2.0's
	// method mix.
	Methods map[string]float64 `toml:"methods" default:"" enum:"ddos|defacement|intrusion|espionage|wiper|ransomware|worm|disinformation" range:"0.."`
	// Targets says where the attacker aims.
	Targets Targets `toml:"targets"`
	// FalseFlag is a state the attacker tries to make its operations look
	// like the work of.
	FalseFlag string `toml:"false_flag" default:"" ref:"state"`
	// Stages are the stages in which the attacker acts on its own.
	Stages []string `toml:"stages" default:"pre-conflict,conflict,post-conflict" enum:"pre-conflict|conflict|post-conflict"`
	// Retaliates makes a state unit answer for its sponsor when the
	// sponsor's dyad reaches the retaliation rung.
	Retaliates bool `toml:"retaliates" default:"false"`
	// Reuses names an attacker whose leaked tools this one can pick up
	// after the conflict.
	Reuses string `toml:"reuses" default:"" ref:"attacker"`
}

// Targets says where an attacker aims.
type Targets struct {
	// States are the states the attacker attacks; empty means every state
	// but its sponsor.
	States []string `toml:"states" default:"" ref:"state"`
	// Sectors weighs the sectors the attacker aims at; empty means every
	// sector alike, and a sector left out of a non-empty table is never
	// attacked.
	Sectors map[string]float64 `toml:"sectors" default:"" enum:"energy|water|finance|telecom|health|transport|government|media|military" range:"0.."`
	// SafeLayer is the weight of Safe Layer assets relative to others: 0
	// for an attacker that respects the norm, 1 for one that ignores it.
	SafeLayer float64 `toml:"safe_layer" default:"1" range:"0..10"`
}

// Information is each state's social network, where rumours spread.
type Information struct {
	// Networks are the states' social networks, at most one per state; a
	// state without one has no rumours.
	Networks []Network `toml:"network" limit:"64"`
}

// Network is one state's online population and how rumours move in it.
type Network struct {
	// State is the state whose network this is.
	State string `toml:"state" ref:"state"`
	// Users is the number of people on the network; at most the state's
	// population.
	Users int64 `toml:"users" range:"100..2000000000"`
	// Contacts is how often a spreader tells the rumour to someone.
	Contacts Rate `toml:"contacts" default:"6/day"`
	// Pressure is how strongly the share of people reached pushes the
	// government towards a hard response.
	Pressure Fraction `toml:"pressure" default:"0.5"`
	// Degrees is how contacts are spread over people: homogeneous (everyone
	// has the mean, a well-mixed population) or scale-free (a few people
	// have very many contacts, as on online social networks), where rumours
	// reach fewer people (Moreno, Nekovee & Pacheco 2004).
	Degrees string `toml:"degrees" default:"homogeneous" enum:"homogeneous|scale-free"`
	// Exponent is γ of a scale-free network's degrees, P(k) ∝ k^-γ: the
	// smaller, the more unequal the contacts.
	Exponent float64 `toml:"exponent" default:"2.5" range:"2.01..5"`
	// Credibility is the chance that someone told the rumour believes it
	// and passes it on (the spreading probability of Nekovee et al. 2007).
	Credibility Fraction `toml:"credibility" default:"1"`
	// Forgetting is the rate at which a spreader loses interest by itself
	// (the forgetting mechanism of Nekovee et al. 2007).
	Forgetting Rate `toml:"forgetting" default:"0/day"`
}

// Force is the cyber peacekeeping force.
type Force struct {
	// Enabled deploys the force; false runs the scenario without one.
	Enabled bool `toml:"enabled" default:"true"`
	// Institution is who hosts the force, and so what its mandate holds
	// (docs/institutions.md): the full CPK framework, the paper's first
	// steps, the UN's Digital Blue Helmets, Global Pulse, or the two
	// together.
	Institution string `toml:"institution" default:"cpk" enum:"cpk|cpk-first-steps|dbh|global-pulse|dbh-gp"`
	// Roles lists the roles the mandate includes.
	Roles []string `toml:"roles" default:"guardian,mediator,coordinator,builder" enum:"guardian|mediator|coordinator|builder"`
	// Disabled lists functions switched off one by one (role.function).
	Disabled []string `toml:"disabled" default:"" enum:"guardian.monitoring|guardian.safe-layer|guardian.containment|guardian.cleanup|mediator.consultations|mediator.attribution|mediator.de-escalation|mediator.verification|coordinator.information-sharing|coordinator.clearinghouse|coordinator.incident-response|coordinator.lessons|builder.capacity|builder.continuity|builder.rehabilitation"`
	// Standby lists functions in the mandate that wait to be asked: off
	// until an inject or a decision switches them on ({do = "force", to =
	// "on"}), as a force that helps with attribution once a state hands it
	// the evidence.
	Standby []string `toml:"standby" default:"" enum:"guardian.monitoring|guardian.safe-layer|guardian.containment|guardian.cleanup|mediator.consultations|mediator.attribution|mediator.de-escalation|mediator.verification|coordinator.information-sharing|coordinator.clearinghouse|coordinator.incident-response|coordinator.lessons|builder.capacity|builder.continuity|builder.rehabilitation"`
	// Teams are the force's teams; an enabled force needs at least one.
	Teams []Team `toml:"team" limit:"48"`
}

// Team is one group of the force, working day shifts in its own time zone;
// teams around the world give follow-the-sun coverage.
type Team struct {
	// ID names the team in keys ("geneva"): letters, digits, '-' and '_'.
	ID string `toml:"id"`
	// Region is where the team sits, shown on the display.
	Region string `toml:"region" default:""`
	// UTCOffset is the team's local time, in hours from UTC.
	UTCOffset float64 `toml:"utc_offset" default:"0" range:"-12..14"`
	// Shift is the local working hours [start, end), 0–24.
	Shift []float64 `toml:"shift" default:"8,20" range:"0..24"`
	// Capacity is how many requests the team works on at once.
	Capacity int `toml:"capacity" default:"2" range:"1..1000"`
}

// Stages are the rules by which the conflict moves between its stages.
type Stages struct {
	// Start is the stage the run starts in.
	Start string `toml:"start" default:"pre-conflict" enum:"pre-conflict|conflict|post-conflict"`
	// ConflictAt is the rung that, reached by any dyad, opens the conflict.
	ConflictAt string `toml:"conflict_at" default:"retaliation" enum:"protest|sanctions|retaliation|armed"`
	// CalmAt is the rung at or below which a dyad counts as calm; when every
	// dyad has been calm for calm_for, the conflict ends.
	CalmAt string `toml:"calm_at" default:"protest" enum:"none|protest|sanctions"`
	// CalmFor is how long every dyad must stay calm to end the conflict.
	CalmFor Duration `toml:"calm_for" default:"7d" range:"1h..365d"`
}

// Inject is a timed event from the facilitator's master scenario events list.
type Inject struct {
	// ID names the inject in keys and in the event log.
	ID string `toml:"id"`
	// At is when the inject fires, from time zero; at most the horizon.
	At Duration `toml:"at"`
	// Title is the inject's headline, shown on the display.
	Title string `toml:"title"`
	// Text is what the facilitator reads out or hands over.
	Text string `toml:"text" default:"" prose:""`
	// Effects are the changes the inject makes to the world; none for an
	// inject that only informs.
	Effects []Effect `toml:"effects" limit:"20"`
}

// Decision is a point where a team decides; the run waits for no one: a
// batch run takes the default option, a workshop the facilitator's answer.
type Decision struct {
	// ID names the decision in keys and in the event log.
	ID string `toml:"id"`
	// At is when the decision is put, from time zero; at most the horizon.
	At Duration `toml:"at"`
	// Decider is who decides: a state id, "force" or "facilitator".
	Decider string `toml:"decider"`
	// Prompt is the question put to the decider.
	Prompt string `toml:"prompt" prose:""`
	// Options are the possible answers, at least 2.
	Options []Option `toml:"option" limit:"9"`
	// Default is the option (1-based) taken when no one answers.
	Default int `toml:"default" default:"1" range:"1..9"`
	// Requires names a function of the force (role.function) the decision
	// is about, as an offer of the force's mediator: it is put only when
	// the force's mandate holds that function. A decision the force takes
	// is put only when a force is deployed.
	Requires string `toml:"requires" default:"" enum:"|guardian.monitoring|guardian.safe-layer|guardian.containment|guardian.cleanup|mediator.consultations|mediator.attribution|mediator.de-escalation|mediator.verification|coordinator.information-sharing|coordinator.clearinghouse|coordinator.incident-response|coordinator.lessons|builder.capacity|builder.continuity|builder.rehabilitation"`
}

// Option is one answer to a decision.
type Option struct {
	// Label is the answer as the decider reads it.
	Label string `toml:"label"`
	// Effects are the changes the answer makes; at least one (an answer
	// that changes nothing is { do = "note" }).
	Effects []Effect `toml:"effects" limit:"20"`
}

// Effect is one change to the world, from an inject or a decision. Do says
// which; the other keys are its arguments.
type Effect struct {
	// Do is the kind of change; it decides which other keys the effect
	// takes (see "Effects" above).
	Do string `toml:"do" enum:"attack|rumour|tension|trust|escalate|stage|posture|agreement|naming|cbm|tempo|force|note|leak|safe-layer|patch"`
	// Requires names a function of the force (role.function) the effect
	// works through, as "ask the force's mediator for consultations": it
	// applies only when the force's mandate holds that function.
	Requires string `toml:"requires" default:"" enum:"|guardian.monitoring|guardian.safe-layer|guardian.containment|guardian.cleanup|mediator.consultations|mediator.attribution|mediator.de-escalation|mediator.verification|coordinator.information-sharing|coordinator.clearinghouse|coordinator.incident-response|coordinator.lessons|builder.capacity|builder.continuity|builder.rehabilitation"`
	// Between names the two states of a dyad (tension, trust, escalate).
	Between []string `toml:"between" default:"" ref:"state"`
	// By is the change: a share between -1 and 1 for tension and trust, a
	// whole number of rungs up or down for escalate (or give to instead).
	By float64 `toml:"by" default:"0" range:"-4..4"`
	// Attacker is the attacker that launches the operation (attack), whose
	// tempo changes (tempo), or whose tools leak (leak: attackers that reuse
	// its tools may pick them up from then on, instead of when the conflict
	// ends).
	Attacker string `toml:"attacker" default:"" ref:"attacker"`
	// Target is the asset the operation hits (attack), or the asset that
	// joins or leaves the Cyberspace Safe Layer (safe-layer, with to = "on"
	// or "off"), as a signed declaration extends it.
	Target string `toml:"target" default:"" ref:"asset"`
	// Method is the operation's method (attack); empty draws one from the
	// attacker's methods.
	Method string `toml:"method" default:"" enum:"|ddos|defacement|intrusion|espionage|wiper|ransomware|worm|disinformation"`
	// State is the state whose network a rumour starts in (rumour), or
	// whose posture (posture), agreement (agreement: "none" withdraws its
	// consent) or way of naming attackers (naming) changes.
	State string `toml:"state" default:"" ref:"state"`
	// Share is the share of a network that starts spreading (rumour), or
	// the share of the hosts still open to the worms' flaw that apply the
	// vendor's fix once it is published (patch: they can no longer be
	// infected, in an outbreak under way or a later one).
	Share Fraction `toml:"share" default:"0.001"`
	// Blames is the state the rumour blames (rumour): public pressure
	// rises against that state. Empty: a rumour that blames no one in
	// particular raises pressure for a hard response to anyone.
	Blames string `toml:"blames" default:"" ref:"state"`
	// To is the new value: a stage (stage), a posture (posture), an
	// agreement (agreement), the rung the dyad moves to (escalate, instead
	// of by), a CBM added to the dyad in between (cbm: hotline,
	// contact-points or consultations, the ones the model acts on), the
	// attacker's new tempo (tempo: "0/day" stands it down), or on/off
	// (force).
	To string `toml:"to" default:""`
	// Function is the force function switched by force; the mandate wins:
	// "on" cannot switch on a function of a role the force does not have.
	Function string `toml:"function" default:""`
	// Text is what a note says in the log and on the display.
	Text string `toml:"text" default:"" prose:""`
}

// Variant is a named set of overrides: "with-cpk", "no-clearinghouse".
type Variant struct {
	// Name is what --variant takes: letters, digits, '-' and '_'.
	Name string `toml:"name"`
	// Summary says what the variant changes, for listings.
	Summary string `toml:"summary" default:""`
	// Set maps keys, written as for --set ("state.kaldonia.posture"), to
	// their values in this variant, written as TOML values.
	Set map[string]any `toml:"set"`
}

// Sweep is a range of values for one parameter.
type Sweep struct {
	// Key is the swept value, written as for --set; it must be a number,
	// duration (in hours), rate (per hour) or fraction.
	Key string `toml:"key"`
	// Min is the first value of a range sweep.
	Min float64 `toml:"min" default:"0"`
	// Max is the last value of a range sweep; above min.
	Max float64 `toml:"max" default:"0"`
	// Steps is how many values a range sweep takes, min and max included.
	Steps int `toml:"steps" default:"5" range:"2..1000"`
	// Values lists the values to take instead of a range.
	Values []float64 `toml:"values" default:"" limit:"1000"`
}

// Model holds the mechanisms' parameters; docs/model.md states each and its
// source. A scenario rarely sets them; researchers sweep them.
type Model struct {
	// Attack parameterises the attack lifecycle.
	Attack AttackModel `toml:"attack"`
	// Escalation parameterises states' responses.
	Escalation EscalationModel `toml:"escalation"`
	// Worm parameterises self-spreading malware.
	Worm WormModel `toml:"worm"`
	// Rumour parameterises rumours.
	Rumour RumourModel `toml:"rumour"`
	// Peacekeeping parameterises the force's functions.
	Peacekeeping PeacekeepingModel `toml:"peacekeeping"`
	// CBM parameterises the confidence-building measures other than the
	// hotline, contact points and consultations.
	CBM CBMModel `toml:"cbm"`
	// Harm defines the measure of civilian harm.
	Harm HarmModel `toml:"harm"`
}

// CBMModel parameterises the three groups of OSCE confidence-building
// measures the model acts on through one rule each (docs/model.md §5).
type CBMModel struct {
	// Transparency is the share by which each transparency measure
	// (national views, information exchange, laws, strategies, terminology)
	// cuts misattribution between the two states.
	Transparency Fraction `toml:"transparency" default:"0.05"`
	// ChannelCalm is what each standing channel (the OSCE platform and
	// network, expert meetings) adds to a dispute's daily chance to step
	// down.
	ChannelCalm Fraction `toml:"channel_calm" default:"0.02"`
	// Cooperation is the yearly gain in both states' defence maturity from
	// each cooperative measure (workshops, public-private partnership,
	// critical infrastructure cooperation, vulnerability reporting).
	Cooperation Fraction `toml:"cooperation" default:"0.02"`
}

// HarmModel defines the measure of civilian harm: people without essential
// services, each person counted once (docs/model.md, civilian harm).
type HarmModel struct {
	// Weights says how essential each sector's service is, normalised to
	// sum to one: a person without every service counts one person-hour an
	// hour, one without only a sector's service counts the sector's share;
	// a sector left out of a non-empty table counts nothing. Judgement,
	// after the lifeline sectors of CISA's National Critical Functions
	// (energy, water, communications, transport) and health care.
	Weights map[string]float64 `toml:"weights" default:"energy:0.2,water:0.2,health:0.15,telecom:0.1,finance:0.1,transport:0.1,government:0.05,media:0.05,military:0.05" enum:"energy|water|finance|telecom|health|transport|government|media|military" range:"0.."`
	// Degraded is the share of an asset's people who lose its service while
	// it is degraded rather than down. Judgement.
	Degraded Fraction `toml:"degraded" default:"0.5"`
}

// AttackModel parameterises the attack lifecycle.
type AttackModel struct {
	// Steepness of the logistic success curve in skill minus defence.
	Steepness float64 `toml:"steepness" default:"6" range:"0.1..50"`
	// DetectDelay is the mean time to detect for a state of maturity 0.5.
	DetectDelay Duration `toml:"detect_delay" default:"72h" range:"1m..365d"`
	// AttributeDelay is the mean time from detection to attribution.
	AttributeDelay Duration `toml:"attribute_delay" default:"10d" range:"1h..365d"`
	// Misattribution is the chance that an attribution names the wrong
	// state, for a fully stealthy operation by a proxy.
	Misattribution Fraction `toml:"misattribution" default:"0.35"`
	// Outage is the mean outage of a successful disruptive operation of
	// severity 3, before restoration starts.
	Outage Duration `toml:"outage" default:"12h" range:"1m..365d"`
	// Reuse is the chance that a leaked tool is picked up by an attacker
	// able to reuse it, once the conflict ends.
	Reuse Fraction `toml:"reuse" default:"0.6"`
}

// EscalationModel parameterises states' responses.
type EscalationModel struct {
	// Threshold is the response pressure at which a state climbs one rung.
	Threshold float64 `toml:"threshold" default:"0.6" range:"0.01..10"`
	// Calm is the daily chance that a quiet dyad steps down one rung.
	Calm Fraction `toml:"calm" default:"0.08"`
	// Quiet is how long without an attributed attack makes a dyad quiet.
	Quiet Duration `toml:"quiet" default:"5d" range:"1h..365d"`
	// TensionDecay is the daily relaxation of tension towards its start.
	TensionDecay Fraction `toml:"tension_decay" default:"0.03"`
	// Rally is the public pressure, against each other, of two states whose
	// dispute reaches armed conflict ("rally round the flag"); judgement.
	Rally Fraction `toml:"rally" default:"0.5"`
}

// WormModel parameterises self-spreading malware (random scanning SIR).
type WormModel struct {
	// Scans is how many addresses an infected host probes per hour, drawn
	// over the whole address space; up to 100 a second (Code Red scanned
	// about 6 a second, Slammer thousands).
	Scans float64 `toml:"scans" default:"1" range:"0..360000"`
	// AddressSpace is how many addresses a worm scans: 0 is the hosts of
	// every asset together; an Internet-wide random scanner scans 2^32 =
	// 4294967296, most of which hold no host of the scenario.
	AddressSpace int64 `toml:"address_space" default:"0" range:"0..4294967296"`
	// Vulnerable is the share of hosts that can be infected.
	Vulnerable Fraction `toml:"vulnerable" default:"0.6"`
	// Cleanup is the rate at which an infected host is cleaned.
	Cleanup Rate `toml:"cleanup" default:"1/week"`
	// Step is the longest time step of the epidemic's tau-leaping; a worm
	// growing fast is stepped finer, so that its early growth rate r comes
	// out within 1% (WormStep).
	Step Duration `toml:"step" default:"10m" range:"1m..1d"`
}

// RumourModel parameterises rumours (Maki–Thompson).
type RumourModel struct {
	// Step is the time step of the rumour's tau-leaping; the share never
	// reached is about 0.53·contacts·step too low (agents/rumour.go).
	Step Duration `toml:"step" default:"15m" range:"1m..1d"`
	// Fade is the daily decay of public pressure once a wave has passed.
	Fade Fraction `toml:"fade" default:"0.1"`
}

// PeacekeepingModel parameterises the force's functions.
type PeacekeepingModel struct {
	// TaskTime is the mean time a team spends on one request.
	TaskTime Duration `toml:"task_time" default:"6h" range:"1m..30d"`
	// DetectBoost multiplies the detection rate under full access
	// monitoring (half of it under monitoring only).
	DetectBoost float64 `toml:"detect_boost" default:"3" range:"1..100"`
	// SafeLayerBlock is the chance that an attack on a Safe Layer asset is
	// blocked where the force protects it.
	SafeLayerBlock Fraction `toml:"safe_layer_block" default:"0.5"`
	// AttributionHelp cuts misattribution by this share and attribution
	// time by half of it.
	AttributionHelp Fraction `toml:"attribution_help" default:"0.6"`
	// TalksCalm adds to a dyad's daily chance of stepping down.
	TalksCalm Fraction `toml:"talks_calm" default:"0.15"`
	// Debunk is the rate at which the clearinghouse turns spreaders into
	// stiflers, per spreader.
	Debunk Rate `toml:"debunk" default:"0.25/h"`
	// CapacityGain is the yearly gain in maturity from capacity building.
	CapacityGain Fraction `toml:"capacity_gain" default:"0.2"`
	// Continuity is the share of outage harm avoided by keeping services
	// running.
	Continuity Fraction `toml:"continuity" default:"0.3"`
	// RestoreCut shortens restore times after the conflict by this share.
	RestoreCut Fraction `toml:"restore_cut" default:"0.4"`
	// Containment multiplies the worm cleanup rate where the guardian
	// contains a worm under full access (half the gain under monitoring).
	Containment float64 `toml:"containment" default:"4" range:"1..100"`
	// Cleanup cuts the chance that a leaked tool is reused.
	Cleanup Fraction `toml:"cleanup" default:"0.7"`
	// TrustGain is the daily gain in trust from consultations and
	// verification.
	TrustGain Fraction `toml:"trust_gain" default:"0.01"`
	// GoodFaith is the tension a verified gesture of restraint takes off a
	// dyad (and the share of the distrust it repairs).
	GoodFaith Fraction `toml:"good_faith" default:"0.05"`
	// Restraint is how long a party accused in private, that accepts the
	// finding, holds back its operations against the accuser.
	Restraint Duration `toml:"restraint" default:"14d" range:"1h..365d"`
	// VerifyAfter is the quiet spell the guardian must watch before it
	// certifies that a party kept its restraint.
	VerifyAfter Duration `toml:"verify_after" default:"7d" range:"1h..365d"`
	// Exculpation is the share of a wrong public blame's added tension and
	// distrust that the force's clearing finding undoes, times the victim's
	// trust in the force.
	Exculpation Fraction `toml:"exculpation" default:"1"`
	// NormCost is the trust a state loses with every other state when it is
	// seen to break a norm it committed to.
	NormCost Fraction `toml:"norm_cost" default:"0.05"`
	// ForceTrustGain is what a state's trust in the force gains, times (1 −
	// trust), each time the force finishes work for it or clears it of a
	// false accusation; being named in public on the force's evidence costs
	// it as much.
	ForceTrustGain Fraction `toml:"force_trust_gain" default:"0.05"`
}
