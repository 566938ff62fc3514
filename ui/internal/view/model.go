package view

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"cpkrange/agents"
	"cpkrange/scenarios"
)

// How long things stay on the map, in simulated hours.
const (
	arcHold      = 36.0 // an arc stays this long after its last change
	wrongHold    = 72.0 // a wrong attribution stays up longer: it is the story
	arcGrow      = 1.5  // an arc takes this long to reach its target
	ForceHold    = 24.0 // a force action is shown this long
	feedCapacity = 300  // lines kept in the feed
)

// StateView is a state as the display shows it.
type StateView struct {
	ID, Name, Short string
	X, Y            float64 // scenario position, 0–1
	Assets          []int   // indices into Model.Assets, in map order
	Pressure        float64 // public pressure, 0–1
	HasNetwork      bool    // rumours can spread here
	Rumours         int     // waves spreading now
	RumourSince     float64
	RumourReach     float64 // share of users the last finished wave reached
	Worms           int     // outbreaks present here now
	attacked        int     // operations launched against it
}

// AssetView is an asset as the display shows it.
type AssetView struct {
	ID, Name, Sector string
	State            int // owner, index into Model.States
	SafeLayer        bool
	People           int64
	Status           agents.Status
	restoring        bool    // the force is speeding its restoration
	Harm             float64 // people without service now (weighted)
	Since            float64 // when its status last changed
	viaDependency    bool    // its outage comes from an asset it depends on
}

// Shown is the asset's state on the map.
func (a *AssetView) Shown() AssetState {
	switch {
	case a.Status != agents.Working && a.restoring:
		return AssetRestoring
	case a.Status == agents.Down:
		return AssetDown
	case a.Status == agents.Degraded:
		return AssetDegraded
	}
	return AssetWorking
}

// DyadView is the relation between two states.
type DyadView struct {
	A, B           int // state indices, A < B
	Trust, Tension float64
	Rung, Peak     agents.Rung
	explicit       int     // order in the scenario's relations, or large
	changed        float64 // last move on the ladder
	Talks          float64 // last time the force brought them to talks; -1 never
}

// Group is an attacker with no state behind it, drawn as its own node.
type Group struct {
	ID, Name string
}

// Arc is one operation, from its origin to its target.
type Arc struct {
	Op        int
	Attacker  string // attacker id
	Actor     string // attacker's short name
	Origin    int    // state behind it, or -1
	Group     int    // index into Model.Groups when Origin is -1, else -1
	Victim    int    // state hit
	Asset     int    // asset hit, or -1 when the target is the state's population
	Method    string
	severity  int
	Launched  float64
	Outcome   Outcome
	Attr      Attribution
	Blamed    int // the state the victim blamed, -1 none
	Violation bool
	changed   float64
}

// visible reports whether the arc is on the map at time now, and how
// strongly (1 fresh, fading to 0.35 before it goes).
func (a *Arc) visible(now float64) (bool, float64) {
	hold := arcHold
	if a.Attr == AttrWrong {
		hold = wrongHold
	}
	age := now - a.changed
	if age < 0 || age > hold {
		return false, 0
	}
	if age < hold/3 {
		return true, 1
	}
	return true, 1 - 0.65*(age-hold/3)/(hold*2/3)
}

// Grown is how far the arc has reached from its origin, 0–1.
func (a *Arc) Grown(now float64) float64 {
	return math.Max(0, math.Min(1, (now-a.Launched)/arcGrow))
}

// FeedLine is one line of the live feed: when, in which stage, and the
// record's description (actor, origin, object, verb, outcome, tone).
type FeedLine struct {
	Time  float64
	Stage agents.Stage
	agents.Description
}

// Prompt is a decision waiting for an answer.
type Prompt struct {
	Index   int // in the scenario's decisions
	ID      string
	Decider string // who decides, as shown
	Text    string
	Options []string
	asked   float64
	// Voted is set when the deciding team has voted from its own device
	// (facilitate --teams): the screen says so, never how, until the
	// decision is taken.
	Voted bool
	vote  agents.Ballot
}

// Card is an inject or an answered decision, shown for a while over the
// map.
type Card struct {
	Kind  string // "INJECT" or "DECIDED"
	Title string
	Text  string
	Time  float64
	seq   int // the record number that raised it
}

// ForceMark is one action of the peacekeeping force, shown on the map.
type ForceMark struct {
	Time     float64
	Role     string
	Function string
	team     string
	State    int // state helped, -1 none
	Other    int // the other state (talks, consultations), -1 none
	Asset    int // asset restored or kept running, -1 none
	Text     string
}

// StageChange is when the conflict entered a stage.
type StageChange struct {
	Time  float64
	Stage agents.Stage
	why   string
}

// Count is one entry of a top-N list.
type Count struct {
	Name string
	N    int
}

// Counter counts occurrences by name.
type Counter map[string]int

// Top returns the n largest counts, ties by name.
func (c Counter) Top(n int) []Count {
	out := make([]Count, 0, len(c))
	for k, v := range c {
		out = append(out, Count{k, v})
	}
	slices.SortFunc(out, func(a, b Count) int {
		if a.N != b.N {
			return b.N - a.N
		}
		return strings.Compare(a.Name, b.Name)
	})
	if len(out) > n {
		out = out[:n]
	}
	return out
}

// Tally is the running count of what happened.
type Tally struct {
	Attacks, Succeeded, Failed, Blocked     int
	Detected, Attributed, Wrong, Unattrib   int
	NormViolations, ForceActions, Decisions int
	ToolsLeaked, ToolsReused                int
}

// Model is the display's state: a fold over a run's records on top of the
// static scenario. It is a sim.Recorder[agents.Record]. The zero value is
// not usable; call newModel.
type Model struct {
	Scenario *scenarios.Scenario
	Seed     uint64
	Horizon  float64

	Now        float64 // the latest time seen (records, or the clock set by setNow)
	Stage      agents.Stage
	stageSince float64
	Stages     []StageChange // every stage the run has been in, from the start
	Ended      bool
	seq        int // records applied

	States []StateView
	Assets []AssetView
	dyads  []DyadView
	Groups []Group
	arcs   []Arc // every operation so far, by op number - 1

	Feed    []FeedLine // a ring of the last feedCapacity lines
	feedPos int

	Origins, Types, Targets Counter

	Tally   Tally
	prompts []Prompt
	Card    Card // the latest inject or answer; Seq 0: none yet
	Force   []ForceMark
	Injects []float64      // times of the injects fired
	fired   map[string]int // injects fired, by id
	asked   []float64      // times of the decisions put

	harm, harmRate, harmLast float64
	services                 *agents.Services // who is without which service now

	stateIdx  map[string]int
	assetIdx  map[string]int
	groupIdx  map[string]int
	dyadIdx   map[[2]int]int
	attackers map[string]scenarios.Attacker
	decisions map[string]int
	worms     map[int][]int // op → states the worm reached
	describer *agents.Describer
	pictures  pictures
}

// newModel returns the display state of a run of sc with the given seed,
// before its first record.
func newModel(sc *scenarios.Scenario, seed uint64) *Model {
	m := &Model{
		Scenario: sc, Seed: seed, Horizon: sc.Meta.Horizon.Hours(),
		Origins: Counter{}, Types: Counter{}, Targets: Counter{},
		stateIdx: map[string]int{}, assetIdx: map[string]int{}, groupIdx: map[string]int{},
		dyadIdx: map[[2]int]int{}, attackers: map[string]scenarios.Attacker{},
		decisions: map[string]int{}, worms: map[int][]int{}, fired: map[string]int{},
		services: agents.NewServices(sc),
	}
	m.describer = agents.NewDescriber(sc, feedNames{m}).WithoutLines()
	m.pictures = newPictures(m)
	if s, ok := agents.ParseStage(sc.Stages.Start); ok {
		m.Stage = s
	}
	m.Stages = []StageChange{{0, m.Stage, "start"}}
	for _, s := range sc.States {
		v := StateView{ID: s.ID, Name: s.Name, Short: shortStateName(s.ID, s.Name)}
		if len(s.Position) == 2 {
			v.X, v.Y = s.Position[0], s.Position[1]
		}
		m.stateIdx[s.ID] = len(m.States)
		m.States = append(m.States, v)
	}
	for _, n := range sc.Information.Networks {
		if i, ok := m.stateIdx[n.State]; ok {
			m.States[i].HasNetwork = true
		}
	}
	// Assets in map order: by owner, then sector (SectorOrder), then id.
	order := make([]int, len(sc.Assets))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		x, y := &sc.Assets[a], &sc.Assets[b]
		if c := sectorRank(x.Sector) - sectorRank(y.Sector); c != 0 {
			return c
		}
		return strings.Compare(x.ID, y.ID)
	})
	for _, i := range order {
		a := &sc.Assets[i]
		owner, ok := m.stateIdx[a.Owner]
		if !ok {
			continue
		}
		m.assetIdx[a.ID] = len(m.Assets)
		m.States[owner].Assets = append(m.States[owner].Assets, len(m.Assets))
		m.Assets = append(m.Assets, AssetView{ID: a.ID, Name: shortName(a.ID, a.Name), Sector: a.Sector, State: owner, SafeLayer: a.SafeLayer, People: a.People})
	}
	n := len(m.States)
	for i := range n {
		for j := i + 1; j < n; j++ {
			m.dyadIdx[[2]int{i, j}] = len(m.dyads)
			m.dyads = append(m.dyads, DyadView{A: i, B: j, Trust: 0.5, Tension: 0.2, explicit: 1 << 20, Talks: -1})
		}
	}
	for k, r := range sc.Relations {
		if len(r.Between) != 2 {
			continue
		}
		d := m.dyad(r.Between[0], r.Between[1])
		if d == nil {
			continue
		}
		d.Trust, d.Tension, d.explicit = float64(r.Trust), float64(r.Tension), k
		if rung, ok := agents.ParseRung(r.Rung); ok {
			d.Rung, d.Peak = rung, rung
		}
	}
	for _, a := range sc.Attackers {
		m.attackers[a.ID] = a
		if a.Sponsor == "" {
			m.groupIdx[a.ID] = len(m.Groups)
			m.Groups = append(m.Groups, Group{ID: a.ID, Name: shortName(a.ID, a.Name)})
		}
	}
	for i, d := range sc.Decisions {
		m.decisions[d.ID] = i
	}
	return m
}

// sectors in the order they go round a state on the map, clockwise from
// the top, with the abbreviations the map writes.
var sectors = []struct{ Name, Abbr string }{
	{"government", "GOV"}, {"energy", "PWR"}, {"water", "WAT"}, {"health", "HLT"},
	{"finance", "FIN"}, {"telecom", "TEL"}, {"transport", "TRN"}, {"media", "MED"}, {"military", "MIL"},
}

// sectorRank is a sector's place in sectors (unknown sectors last).
func sectorRank(s string) int {
	for i, x := range sectors {
		if x.Name == s {
			return i
		}
	}
	return len(sectors)
}

// sectorAbbr is a sector's three-letter abbreviation.
func sectorAbbr(s string) string {
	if i := sectorRank(s); i < len(sectors) {
		return sectors[i].Abbr
	}
	return strings.ToUpper(s[:min(3, len(s))])
}

func (m *Model) state(id string) int {
	if i, ok := m.stateIdx[id]; ok {
		return i
	}
	return -1
}

func (m *Model) dyad(a, b string) *DyadView {
	i, j := m.state(a), m.state(b)
	if i < 0 || j < 0 || i == j {
		return nil
	}
	if i > j {
		i, j = j, i
	}
	return &m.dyads[m.dyadIdx[[2]int{i, j}]]
}

// stateName is the short name of state id, or id itself.
func (m *Model) stateName(id string) string {
	if i := m.state(id); i >= 0 {
		return m.States[i].Short
	}
	return id
}

// attackerName is the short name of attacker id, or id itself.
func (m *Model) attackerName(id string) string {
	if a, ok := m.attackers[id]; ok {
		return shortName(a.ID, a.Name)
	}
	return id
}

// assetName is the short name of asset id, or id itself.
func (m *Model) assetName(id string) string {
	if i, ok := m.assetIdx[id]; ok {
		return m.Assets[i].Name
	}
	return id
}

// deciderName says who decides: a state's name, the force or the
// facilitator.
func (m *Model) deciderName(id string) string {
	switch id {
	case "force":
		return "the peacekeeping force"
	case "facilitator":
		return "the facilitator"
	}
	if i := m.state(id); i >= 0 {
		return m.States[i].Name
	}
	return id
}

// Record applies one record; Model is a sim.Recorder[agents.Record].
func (m *Model) Record(r agents.Record) { m.apply(r) }

// setNow moves the display's clock to t (the world's time, which runs on
// between records).
func (m *Model) SetNow(t float64) {
	if t > m.Now {
		m.integrate(t)
		m.Now = t
	}
}

func (m *Model) integrate(t float64) {
	if t > m.harmLast {
		m.harm += m.harmRate * (t - m.harmLast)
		m.harmLast = t
	}
}

// Harm is the civilian harm so far, in people-hours without service
// (weighted as agents.Metrics weighs it), at the display's clock.
func (m *Model) Harm() float64 { return m.harm + m.harmRate*math.Max(0, m.Now-m.harmLast) }

// HarmRate is the number of people without essential services now,
// weighted by sector as agents.Services weighs them.
func (m *Model) HarmRate() float64 { return m.harmRate }

// Without returns how many people of all states are without sector k's
// service now.
func (m *Model) Without(k agents.Sector) float64 {
	n := 0.0
	for s := range m.services.States() {
		n += m.services.Without(s, k)
	}
	return n
}

// apply folds one record into the display state. Records must come in
// time order, as a world emits them and a log stores them. What the record
// changes on screen is folded here; how it reads in the feed is the
// agents.Describer's.
func (m *Model) apply(r agents.Record) {
	m.integrate(r.Time)
	if r.Time > m.Now {
		m.Now = r.Time
	}
	m.seq++
	m.fold(r)
	m.pictures.record(r)
	if d := m.describer.Describe(r); d.Feed {
		m.feed(r, d)
	}
}

func (m *Model) fold(r agents.Record) {
	switch r.Kind {
	case agents.KindRunEnd:
		m.Ended = true
	case agents.KindStage:
		m.Stage, m.stageSince = r.Stage, r.Time
		m.Stages = append(m.Stages, StageChange{r.Time, r.Stage, r.Text})
	case agents.KindAttackLaunched:
		m.launch(r)
	case agents.KindAttackSucceeded, agents.KindAttackFailed, agents.KindAttackBlocked:
		m.outcome(r)
	case agents.KindAttackDetected:
		if a := m.arc(r.Op); a != nil {
			if a.Attr == AttrUndetected {
				a.Attr = AttrDetected
			}
			a.changed = r.Time
			m.Tally.Detected++
		}
	case agents.KindAttackAttributed:
		if a, b := m.arc(r.Op), r.Blame(); a != nil {
			a.changed = r.Time
			a.Blamed = m.state(b.Blamed)
			a.Attr = AttrCorrect
			m.Tally.Attributed++
			if !b.Correct {
				a.Attr = AttrWrong
				m.Tally.Wrong++
			}
		}
	case agents.KindAttackUnattributed:
		if a := m.arc(r.Op); a != nil {
			a.Attr, a.changed = AttrUnattributed, r.Time
			m.Tally.Unattrib++
		}
	case agents.KindNormViolation:
		m.Tally.NormViolations++
		if a := m.arc(r.Op); a != nil {
			a.Violation, a.changed = true, r.Time
		}
	case agents.KindAssetStatus:
		m.assetStatus(r, r.AssetChange())
	case agents.KindSafeLayer:
		if i, ok := m.assetIdx[r.Target]; ok {
			m.Assets[i].SafeLayer = r.Correct
		}
	case agents.KindWormOutbreak:
		if s := m.state(r.State); s >= 0 {
			m.worms[r.Op] = append(m.worms[r.Op], s)
			m.States[s].Worms++
		}
	case agents.KindWormSpread:
		if s := m.state(r.State); s >= 0 && !slices.Contains(m.worms[r.Op], s) {
			m.worms[r.Op] = append(m.worms[r.Op], s)
			m.States[s].Worms++
		}
	case agents.KindWormEnded:
		for _, s := range m.worms[r.Op] {
			m.States[s].Worms = max(0, m.States[s].Worms-1)
		}
		delete(m.worms, r.Op)
	case agents.KindRumourWave:
		if s := m.state(r.State); s >= 0 {
			m.States[s].Rumours++
			m.States[s].RumourSince = r.Time
		}
	case agents.KindRumourEnded:
		if s := m.state(r.State); s >= 0 {
			m.States[s].Rumours = max(0, m.States[s].Rumours-1)
			m.States[s].RumourReach = r.Value
		}
	case agents.KindEscalation:
		x := r.LadderStep()
		if d := m.dyad(x.By, x.Towards); d != nil {
			d.Rung, d.Peak = x.Rung, max(d.Peak, x.Rung)
			d.Trust, d.Tension, d.changed = x.Trust, x.Tension, r.Time
		}
	case agents.KindRelation:
		if d := m.dyad(r.State, r.Other); d != nil {
			d.Trust, d.Tension, d.Rung = r.Value, r.Tension, r.Rung
			d.Peak = max(d.Peak, r.Rung)
		}
	case agents.KindPressure:
		if s := m.state(r.State); s >= 0 {
			m.States[s].Pressure = r.Value
		}
	case agents.KindToolLeaked:
		m.Tally.ToolsLeaked++
	case agents.KindToolReused:
		m.Tally.ToolsReused++
	case agents.KindInject:
		m.Injects = append(m.Injects, r.Time)
		if r.Target != "" {
			m.fired[r.Target]++
		}
		title, text := r.Text, ""
		for _, in := range m.Scenario.Injects {
			if in.ID == r.Target && r.Target != "" {
				title, text = in.Title, in.Text
			}
		}
		m.Card = Card{Kind: "INJECT", Title: title, Text: text, Time: r.Time, seq: m.seq}
	case agents.KindDecision:
		m.asked = append(m.asked, r.Time)
		p := Prompt{Index: -1, ID: r.Target, Decider: m.deciderName(r.State), Text: r.Text, asked: r.Time}
		if i, ok := m.decisions[r.Target]; ok {
			p.Index = i
			for _, o := range m.Scenario.Decisions[i].Options {
				p.Options = append(p.Options, o.Label)
			}
		}
		m.prompts = append(m.prompts, p)
	case agents.KindVote:
		b := r.Ballot()
		for i := range m.prompts {
			if m.prompts[i].ID == b.Decision {
				m.prompts[i].Voted, m.prompts[i].vote = true, b
			}
		}
	case agents.KindDecided:
		x := r.Answer()
		m.Tally.Decisions++
		var vote agents.Ballot
		for _, p := range m.prompts {
			if p.ID == x.Decision && p.Voted {
				vote = p.vote
			}
		}
		m.prompts = slices.DeleteFunc(m.prompts, func(p Prompt) bool { return p.ID == x.Decision })
		by := ""
		switch x.By {
		case "default":
			by = " (the scenario's default)"
		case "facilitator":
		default:
			by = " (" + x.By + ")"
		}
		text := fmt.Sprintf("%d. %s", x.Option, x.Label)
		if vote.Team != "" { // the decision is closed: the room may hear how the team voted
			text += fmt.Sprintf(" · %s voted %d", upperFirst(m.deciderName(vote.Team)), vote.Option)
			if vote.Rationale != "" {
				text += ": “" + vote.Rationale + "”"
			}
		}
		m.Card = Card{Kind: "DECIDED", Title: fmt.Sprintf("%s decides%s", upperFirst(m.deciderName(x.Decider)), by), Text: text, Time: r.Time, seq: m.seq}
	case agents.KindForce:
		m.force(r)
	}
}

// feedNames names things for the feed as the screen does: short names and
// the palette's labels.
type feedNames struct{ m *Model }

func (n feedNames) State(id string) string    { return n.m.stateName(id) }
func (n feedNames) Attacker(id string) string { return n.m.attackerName(id) }
func (n feedNames) Asset(id string) string    { return n.m.assetName(id) }
func (n feedNames) Decider(id string) string  { return n.m.deciderName(id) }
func (n feedNames) Method(id string) string   { return Default.Method(id).Label }
func (n feedNames) Stage(s agents.Stage) string {
	if int(s) < len(Default.Stage) {
		return Default.Stage[s].Label
	}
	return s.String()
}
func (n feedNames) Rung(r agents.Rung) string {
	if r >= 0 && int(r) < len(Default.Rung) {
		return Default.Rung[r].Label
	}
	return r.String()
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func (m *Model) arc(op int) *Arc {
	if op >= 1 && op <= len(m.arcs) && m.arcs[op-1].Op == op {
		return &m.arcs[op-1]
	}
	for i := range m.arcs { // a log that skips operation numbers
		if m.arcs[i].Op == op {
			return &m.arcs[i]
		}
	}
	return nil
}

func (m *Model) launch(r agents.Record) {
	a := Arc{
		Op: r.Op, Attacker: r.Actor, Actor: m.attackerName(r.Actor), Origin: m.state(r.Origin), Group: -1,
		Victim: m.state(r.State), Asset: -1, Method: r.Method, severity: int(r.Value),
		Launched: r.Time, Blamed: -1, changed: r.Time,
	}
	if a.Origin < 0 {
		if g, ok := m.groupIdx[r.Actor]; ok {
			a.Group = g
		}
	}
	if i, ok := m.assetIdx[r.Target]; ok {
		a.Asset = i
	}
	m.arcs = append(m.arcs, a)
	m.Tally.Attacks++
	origin := a.Actor
	if a.Origin >= 0 {
		origin = m.States[a.Origin].Short
	}
	m.Origins[origin]++
	m.Types[Default.Method(r.Method).Label]++
	if a.Victim >= 0 {
		m.Targets[m.States[a.Victim].Short]++
		m.States[a.Victim].attacked++
	}
}

func (m *Model) outcome(r agents.Record) {
	a := m.arc(r.Op)
	if a == nil {
		return
	}
	a.changed = r.Time
	switch r.Kind {
	case agents.KindAttackSucceeded:
		a.Outcome = OutcomeSucceeded
		m.Tally.Succeeded++
	case agents.KindAttackFailed:
		a.Outcome = OutcomeFailed
		m.Tally.Failed++
	default:
		a.Outcome = OutcomeBlocked
		m.Tally.Blocked++
	}
}

func (m *Model) assetStatus(r agents.Record, x agents.AssetChange) {
	i, ok := m.assetIdx[x.Asset]
	if !ok {
		return
	}
	a := &m.Assets[i]
	m.services.Record(r)
	m.harmRate = m.services.TotalRate()
	a.Status, a.Harm, a.Since, a.viaDependency = x.Status, x.Harm, r.Time, x.ViaDependency
	if a.Status == agents.Working {
		a.restoring = false
	}
}

func (m *Model) force(r agents.Record) {
	m.Tally.ForceActions++
	f := ForceMark{Time: r.Time, Role: r.Role, Function: r.Function, team: r.Actor, State: m.state(r.State), Other: m.state(r.Other), Asset: -1, Text: r.Text}
	if f.Other == f.State {
		f.Other = -1
	}
	if i, ok := m.assetIdx[r.Target]; ok {
		f.Asset = i
		if a := &m.Assets[i]; a.Status != agents.Working {
			a.restoring = true
		}
	}
	if f.State >= 0 && f.Other >= 0 && (r.Function == "mediator.de-escalation" || r.Function == "mediator.consultations") {
		a, b := min(f.State, f.Other), max(f.State, f.Other)
		m.dyads[m.dyadIdx[[2]int{a, b}]].Talks = r.Time
	}
	// Keep only what can still be shown: the marks of the last ForceHold hours.
	keep := m.Force[:0]
	for _, x := range m.Force {
		if r.Time-x.Time <= ForceHold {
			keep = append(keep, x)
		}
	}
	m.Force = append(keep, f)
}

func (m *Model) feed(r agents.Record, d agents.Description) {
	l := FeedLine{Time: r.Time, Stage: r.Stage, Description: d}
	if len(m.Feed) < feedCapacity {
		m.Feed = append(m.Feed, l)
		return
	}
	m.Feed[m.feedPos] = l
	m.feedPos = (m.feedPos + 1) % feedCapacity
}

// FeedLines returns up to n lines of the feed, newest first.
func (m *Model) FeedLines(n int) []FeedLine {
	n = min(n, len(m.Feed))
	out := make([]FeedLine, 0, n)
	newest := len(m.Feed) - 1
	if len(m.Feed) == feedCapacity {
		newest = (m.feedPos - 1 + feedCapacity) % feedCapacity
	}
	for k := 0; k < n; k++ {
		out = append(out, m.Feed[(newest-k+len(m.Feed))%len(m.Feed)])
	}
	return out
}

// VisibleArcs returns the operations on the map at the display's clock,
// oldest first, with their strength (see Arc.visible).
func (m *Model) VisibleArcs() ([]*Arc, []float64) {
	var arcs []*Arc
	var alpha []float64
	for i := range m.arcs {
		if ok, a := m.arcs[i].visible(m.Now); ok {
			arcs = append(arcs, &m.arcs[i])
			alpha = append(alpha, a)
		}
	}
	return arcs, alpha
}

// RecentForce returns the force's actions of the last ForceHold hours.
func (m *Model) RecentForce() []ForceMark {
	var out []ForceMark
	for _, f := range m.Force {
		if m.Now-f.Time <= ForceHold && f.Time <= m.Now {
			out = append(out, f)
		}
	}
	return out
}

// MainDyads returns up to n dyads to show on the ladder: the most
// escalated (by peak rung), then the scenario's own relations in their
// order, then the tensest. The order moves only when a dyad reaches a new
// peak, so rows do not jump about.
func (m *Model) MainDyads(n int) []DyadView {
	out := slices.Clone(m.dyads)
	slices.SortStableFunc(out, func(a, b DyadView) int {
		if a.Peak != b.Peak {
			return int(b.Peak) - int(a.Peak)
		}
		if a.explicit != b.explicit {
			return a.explicit - b.explicit
		}
		return 0
	})
	if len(out) > n {
		out = out[:n]
	}
	return out
}

// Counts says how many of a state's assets are in each state.
func (m *Model) Counts(state int) (counts [numAssetStates]int) {
	for _, i := range m.States[state].Assets {
		counts[m.Assets[i].Shown()]++
	}
	return counts
}

// Prompt returns the oldest decision waiting for an answer.
func (m *Model) Prompt() (Prompt, bool) {
	if len(m.prompts) == 0 {
		return Prompt{}, false
	}
	return m.prompts[0], true
}
