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
//
// Times are Duration (hours), rates are Rate (per hour), shares are Fraction
// ([0, 1], written 0.35 or "35%").

// Scenario is one exercise: the world at its start, its actors, its script
// and its experimental design.
type Scenario struct {
	Meta        Meta        `toml:"scenario"`
	States      []State     `toml:"state" limit:"64"`
	Relations   []Relation  `toml:"relation" limit:"2016"`
	Assets      []Asset     `toml:"asset" limit:"2000"`
	Attackers   []Attacker  `toml:"attacker" limit:"200"`
	Information Information `toml:"information"`
	Force       Force       `toml:"force"`
	Stages      Stages      `toml:"stages"`
	Injects     []Inject    `toml:"inject" limit:"500"`
	Decisions   []Decision  `toml:"decision" limit:"100"`
	Model       Model       `toml:"model"`
	Variants    []Variant   `toml:"variant" limit:"100"`
	Sweeps      []Sweep     `toml:"sweep" limit:"20"`
}

// Meta is what the scenario is and how long it runs.
type Meta struct {
	Name     string   `toml:"name"`
	Summary  string   `toml:"summary"`
	Briefing string   `toml:"briefing"`
	Author   string   `toml:"author" default:""`
	Horizon  Duration `toml:"horizon" range:"1h..3650d"`
	Seed     uint64   `toml:"seed" default:"1"`
	// Timezone is the exercise's local time as an offset from UTC in hours;
	// the display shows the clock in it and team shifts are set against it.
	Timezone float64 `toml:"timezone" default:"0" range:"-12..14"`
	// Start is the calendar date of time zero, shown on the display
	// ("2027-03-01"); the model does not use it.
	Start string `toml:"start" default:""`
}

// State is a country: its people, its cyber defence and its stance.
type State struct {
	ID          string    `toml:"id"`
	Name        string    `toml:"name"`
	Position    []float64 `toml:"position" range:"0..1"`
	Population  int64     `toml:"population" range:"1..2000000000"`
	Maturity    Fraction  `toml:"maturity" default:"0.5"`
	Attribution Fraction  `toml:"attribution" default:"0.5"`
	Posture     string    `toml:"posture" default:"proportional" enum:"restraint|proportional|escalatory"`
	Agreement   string    `toml:"agreement" default:"monitoring" enum:"full|monitoring|none"`
	Norms       []string  `toml:"norms" default:"" enum:"a|b|c|d|e|f|g|h|i|j|k"`
}

// Relation is what two states feel about each other when the run starts.
type Relation struct {
	Between  []string `toml:"between" ref:"state"`
	Trust    Fraction `toml:"trust" default:"0.5"`
	Tension  Fraction `toml:"tension" default:"0.2"`
	Alliance bool     `toml:"alliance" default:"false"`
	CBMs     []string `toml:"cbms" default:"" enum:"national-views|information-exchange|consultations|open-internet|osce-platform|laws|strategies|contact-points|terminology|osce-network|expert-meetings|workshops|hotline|public-private|ci-cooperation|vulnerability-reporting"`
	Rung     string   `toml:"rung" default:"none" enum:"none|protest|sanctions|retaliation|armed"`
}

// Asset is a piece of infrastructure that serves people.
type Asset struct {
	ID        string   `toml:"id"`
	Name      string   `toml:"name" default:""`
	Owner     string   `toml:"owner" ref:"state"`
	Sector    string   `toml:"sector" enum:"energy|water|finance|telecom|health|transport|government|media|military"`
	People    int64    `toml:"people" range:"0..2000000000"`
	DependsOn []string `toml:"depends_on" default:"" ref:"asset"`
	// Backup is how long the asset keeps working when a dependency is down
	// (generators, caches, manual fallback).
	Backup    Duration `toml:"backup" default:"0h" range:"..365d"`
	Restore   Duration `toml:"restore" default:"24h" range:"1m..365d"`
	SafeLayer bool     `toml:"safe_layer" default:"false"`
	// Hosts is the number of hosts a worm can infect in this asset.
	Hosts int64 `toml:"hosts" default:"100" range:"0..10000000"`
	// Defence overrides the owner's maturity for this asset; -1 means use
	// the owner's.
	Defence float64 `toml:"defence" default:"-1" range:"-1..1"`
}

// Attacker is a group that launches cyber operations.
type Attacker struct {
	ID      string   `toml:"id"`
	Name    string   `toml:"name" default:""`
	Kind    string   `toml:"kind" enum:"state|proxy|criminal|hacktivist"`
	Sponsor string   `toml:"sponsor" default:"" ref:"state"`
	Skill   Fraction `toml:"skill" default:"0.5"`
	Stealth Fraction `toml:"stealth" default:"0.5"`
	// Tempo is how often the attacker launches an operation while active;
	// the default is DCID 2.0's pooled tempo (docs/calibration.md).
	Tempo Rate `toml:"tempo" default:"1.03/year"`
	// Methods weighs the methods the attacker uses; empty means DCID 2.0's
	// method mix.
	Methods map[string]float64 `toml:"methods" default:"" enum:"ddos|defacement|intrusion|espionage|wiper|ransomware|worm|disinformation" range:"0.."`
	Targets Targets            `toml:"targets"`
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
	States  []string           `toml:"states" default:"" ref:"state"`
	Sectors map[string]float64 `toml:"sectors" default:"" enum:"energy|water|finance|telecom|health|transport|government|media|military" range:"0.."`
	// SafeLayer is the weight of Safe Layer assets relative to others: 0
	// for an attacker that respects the norm, 1 for one that ignores it.
	SafeLayer float64 `toml:"safe_layer" default:"1" range:"0..10"`
}

// Information is each state's social network, where rumours spread.
type Information struct {
	Networks []Network `toml:"network" limit:"64"`
}

// Network is one state's online population and how rumours move in it.
type Network struct {
	State string `toml:"state" ref:"state"`
	Users int64  `toml:"users" range:"100..2000000000"`
	// Contacts is how often a spreader tells the rumour to someone.
	Contacts Rate `toml:"contacts" default:"6/day"`
	// Pressure is how strongly the share of people reached pushes the
	// government towards a hard response.
	Pressure Fraction `toml:"pressure" default:"0.5"`
}

// Force is the cyber peacekeeping force.
type Force struct {
	Enabled bool `toml:"enabled" default:"true"`
	// Roles lists the roles the mandate includes.
	Roles []string `toml:"roles" default:"guardian,mediator,coordinator,builder" enum:"guardian|mediator|coordinator|builder"`
	// Disabled lists functions switched off one by one (role.function).
	Disabled []string `toml:"disabled" default:"" enum:"guardian.monitoring|guardian.safe-layer|guardian.containment|guardian.cleanup|mediator.consultations|mediator.attribution|mediator.de-escalation|mediator.verification|coordinator.information-sharing|coordinator.clearinghouse|coordinator.incident-response|coordinator.lessons|builder.capacity|builder.continuity|builder.rehabilitation"`
	Teams    []Team   `toml:"team" limit:"48"`
}

// Team is one group of the force, working day shifts in its own time zone;
// teams around the world give follow-the-sun coverage.
type Team struct {
	ID     string `toml:"id"`
	Region string `toml:"region" default:""`
	// UTCOffset is the team's local time, in hours from UTC.
	UTCOffset float64 `toml:"utc_offset" default:"0" range:"-12..14"`
	// Shift is the local working hours [start, end), 0–24.
	Shift    []float64 `toml:"shift" default:"8,20" range:"0..24"`
	Capacity int       `toml:"capacity" default:"2" range:"1..1000"`
}

// Stages are the rules by which the conflict moves between its stages.
type Stages struct {
	Start string `toml:"start" default:"pre-conflict" enum:"pre-conflict|conflict|post-conflict"`
	// ConflictAt is the rung that, reached by any dyad, opens the conflict.
	ConflictAt string `toml:"conflict_at" default:"retaliation" enum:"protest|sanctions|retaliation|armed"`
	// CalmAt and CalmFor end it: every dyad at or below CalmAt for CalmFor.
	CalmAt  string   `toml:"calm_at" default:"protest" enum:"none|protest|sanctions"`
	CalmFor Duration `toml:"calm_for" default:"7d" range:"1h..365d"`
}

// Inject is a timed event from the facilitator's master scenario events list.
type Inject struct {
	ID      string   `toml:"id"`
	At      Duration `toml:"at"`
	Title   string   `toml:"title"`
	Text    string   `toml:"text" default:""`
	Effects []Effect `toml:"effects" limit:"20"`
}

// Decision is a point where a team decides; the run waits for no one: a
// batch run takes the default option, a workshop the facilitator's answer.
type Decision struct {
	ID      string   `toml:"id"`
	At      Duration `toml:"at"`
	Decider string   `toml:"decider"`
	Prompt  string   `toml:"prompt"`
	Options []Option `toml:"option" limit:"9"`
	// Default is the option (1-based) taken when no one answers.
	Default int `toml:"default" default:"1" range:"1..9"`
}

// Option is one answer to a decision.
type Option struct {
	Label   string   `toml:"label"`
	Effects []Effect `toml:"effects" limit:"20"`
}

// Effect is one change to the world, from an inject or a decision. Do says
// which; the other keys are its arguments.
type Effect struct {
	Do string `toml:"do" enum:"attack|rumour|tension|trust|escalate|stage|posture|agreement|cbm|force|note"`
	// Between names the two states of a dyad (tension, trust, escalate).
	Between []string `toml:"between" default:"" ref:"state"`
	// By is the change: a share for tension and trust, rungs for escalate.
	By float64 `toml:"by" default:"0" range:"-4..4"`
	// Attacker, Target (an asset) and Method for attack.
	Attacker string `toml:"attacker" default:"" ref:"attacker"`
	Target   string `toml:"target" default:"" ref:"asset"`
	Method   string `toml:"method" default:"" enum:"|ddos|defacement|intrusion|espionage|wiper|ransomware|worm|disinformation"`
	// State for rumour, posture and agreement.
	State string `toml:"state" default:"" ref:"state"`
	// Share is the share of a network that starts spreading (rumour).
	Share Fraction `toml:"share" default:"0.001"`
	// To is the new value: a stage, a posture, an agreement, a CBM (for
	// cbm, added to the dyad in between), or on/off for force.
	To string `toml:"to" default:""`
	// Function is the force function switched by force; the mandate wins:
	// "on" cannot switch on a function of a role the force does not have.
	Function string `toml:"function" default:""`
	// Text is what a note says in the log and on the display.
	Text string `toml:"text" default:""`
}

// Variant is a named set of overrides: "with-cpk", "no-clearinghouse".
type Variant struct {
	Name    string         `toml:"name"`
	Summary string         `toml:"summary" default:""`
	Set     map[string]any `toml:"set"`
}

// Sweep is a range of values for one parameter.
type Sweep struct {
	Key    string    `toml:"key"`
	Min    float64   `toml:"min" default:"0"`
	Max    float64   `toml:"max" default:"0"`
	Steps  int       `toml:"steps" default:"5" range:"2..1000"`
	Values []float64 `toml:"values" default:"" limit:"1000"`
}

// Model holds the mechanisms' parameters; docs/model.md states each and its
// source. A scenario rarely sets them; researchers sweep them.
type Model struct {
	Attack       AttackModel       `toml:"attack"`
	Escalation   EscalationModel   `toml:"escalation"`
	Worm         WormModel         `toml:"worm"`
	Rumour       RumourModel       `toml:"rumour"`
	Peacekeeping PeacekeepingModel `toml:"peacekeeping"`
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
}

// WormModel parameterises self-spreading malware (random scanning SIR).
type WormModel struct {
	// Scans is how many hosts an infected host probes per hour, over the
	// whole vulnerable population of every state.
	Scans float64 `toml:"scans" default:"1" range:"0..1000"`
	// Vulnerable is the share of hosts that can be infected.
	Vulnerable Fraction `toml:"vulnerable" default:"0.6"`
	// Cleanup is the rate at which an infected host is cleaned.
	Cleanup Rate `toml:"cleanup" default:"1/week"`
	// Step is the time step of the epidemic's tau-leaping; the early growth
	// rate is about r·step/2 too slow (agents/worm.go).
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
}
