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
	ArcHold      = 36.0 // an arc stays this long after its last change
	WrongHold    = 72.0 // a wrong attribution stays up longer: it is the story
	ArcGrow      = 1.5  // an arc takes this long to reach its target
	ForceHold    = 24.0 // a force action is shown this long
	FeedCapacity = 300  // lines kept in the feed
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
	Attacked        int     // operations launched against it
}

// AssetView is an asset as the display shows it.
type AssetView struct {
	ID, Name, Sector string
	State            int // owner, index into Model.States
	SafeLayer        bool
	People           int64
	Status           agents.Status
	Restoring        bool    // the force is speeding its restoration
	Harm             float64 // people without service now (weighted)
	Since            float64 // when its status last changed
	ViaDependency    bool    // its outage comes from an asset it depends on
}

// Shown is the asset's state on the map.
func (a *AssetView) Shown() AssetState {
	switch {
	case a.Status != agents.Working && a.Restoring:
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
	Explicit       int     // order in the scenario's relations, or large
	Changed        float64 // last move on the ladder
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
	Severity  int
	Launched  float64
	Outcome   Outcome
	Attr      Attribution
	Blamed    int // the state the victim blamed, -1 none
	Violation bool
	Changed   float64
}

// Visible reports whether the arc is on the map at time now, and how
// strongly (1 fresh, fading to 0.35 before it goes).
func (a *Arc) Visible(now float64) (bool, float64) {
	hold := ArcHold
	if a.Attr == AttrWrong {
		hold = WrongHold
	}
	age := now - a.Changed
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
	return math.Max(0, math.Min(1, (now-a.Launched)/ArcGrow))
}

// Tone says how a feed line is coloured.
type Tone uint8

// Tones of the feed's type column.
const (
	ToneNeutral Tone = iota
	ToneHit
	ToneFailed
	ToneBlocked
	ToneDetected
	ToneCorrect
	ToneWrong
	ToneUnattributed
	ToneNorm
	ToneDown
	ToneRestored
	ToneEscalation
	ToneCalm
	ToneStage
	ToneInject
	ToneDecision
	ToneForce
	ToneRumour
	ToneWorm
	ToneFacilitator
)

// FeedLine is one line of the live feed: time, actor, origin, target,
// type, outcome.
type FeedLine struct {
	Time    float64
	Actor   string
	Origin  string
	Target  string
	Type    string
	Outcome string
	Tone    Tone
	Stage   agents.Stage
}

// Prompt is a decision waiting for an answer.
type Prompt struct {
	Index   int // in the scenario's decisions
	ID      string
	Decider string // who decides, as shown
	Text    string
	Options []string
	Asked   float64
}

// Card is an inject or an answered decision, shown for a while over the
// map.
type Card struct {
	Kind  string // "INJECT" or "DECIDED"
	Title string
	Text  string
	Time  float64
	Seq   int // the record number that raised it
}

// ForceMark is one action of the peacekeeping force, shown on the map.
type ForceMark struct {
	Time     float64
	Role     string
	Function string
	Team     string
	State    int // state helped, -1 none
	Other    int // the other state (talks, consultations), -1 none
	Asset    int // asset restored or kept running, -1 none
	Text     string
}

// StageChange is when the conflict entered a stage.
type StageChange struct {
	Time  float64
	Stage agents.Stage
	Why   string
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
// not usable; call NewModel.
type Model struct {
	Scenario *scenarios.Scenario
	Seed     uint64
	Horizon  float64

	Now        float64 // the latest time seen (records, or the clock set by SetNow)
	Stage      agents.Stage
	StageSince float64
	Stages     []StageChange // every stage the run has been in, from the start
	Ended      bool
	Seq        int // records applied

	States []StateView
	Assets []AssetView
	Dyads  []DyadView
	Groups []Group
	Arcs   []Arc // every operation so far, by op number - 1

	Feed    []FeedLine // a ring of the last FeedCapacity lines
	feedPos int

	Origins, Types, Targets Counter

	Tally   Tally
	Prompts []Prompt
	Card    Card // the latest inject or answer; Seq 0: none yet
	Force   []ForceMark
	Injects []float64      // times of the injects fired
	Fired   map[string]int // injects fired, by id
	Asked   []float64      // times of the decisions put

	harm, harmRate, harmLast float64
	services                 *agents.Services // who is without which service now

	stateIdx  map[string]int
	assetIdx  map[string]int
	groupIdx  map[string]int
	dyadIdx   map[[2]int]int
	attackers map[string]scenarios.Attacker
	decisions map[string]int
	worms     map[int][]int // op → states the worm reached
}

// NewModel returns the display state of a run of sc with the given seed,
// before its first record.
func NewModel(sc *scenarios.Scenario, seed uint64) *Model {
	m := &Model{
		Scenario: sc, Seed: seed, Horizon: sc.Meta.Horizon.Hours(),
		Origins: Counter{}, Types: Counter{}, Targets: Counter{},
		stateIdx: map[string]int{}, assetIdx: map[string]int{}, groupIdx: map[string]int{},
		dyadIdx: map[[2]int]int{}, attackers: map[string]scenarios.Attacker{},
		decisions: map[string]int{}, worms: map[int][]int{}, Fired: map[string]int{},
		services: agents.NewServices(sc),
	}
	if s, ok := agents.ParseStage(sc.Stages.Start); ok {
		m.Stage = s
	}
	m.Stages = []StageChange{{0, m.Stage, "start"}}
	for _, s := range sc.States {
		v := StateView{ID: s.ID, Name: s.Name, Short: ShortStateName(s.ID, s.Name)}
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
		if c := SectorRank(x.Sector) - SectorRank(y.Sector); c != 0 {
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
		m.Assets = append(m.Assets, AssetView{ID: a.ID, Name: ShortName(a.ID, a.Name), Sector: a.Sector, State: owner, SafeLayer: a.SafeLayer, People: a.People})
	}
	n := len(m.States)
	for i := range n {
		for j := i + 1; j < n; j++ {
			m.dyadIdx[[2]int{i, j}] = len(m.Dyads)
			m.Dyads = append(m.Dyads, DyadView{A: i, B: j, Trust: 0.5, Tension: 0.2, Explicit: 1 << 20, Talks: -1})
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
		d.Trust, d.Tension, d.Explicit = float64(r.Trust), float64(r.Tension), k
		if rung, ok := agents.ParseRung(r.Rung); ok {
			d.Rung, d.Peak = rung, rung
		}
	}
	for _, a := range sc.Attackers {
		m.attackers[a.ID] = a
		if a.Sponsor == "" {
			m.groupIdx[a.ID] = len(m.Groups)
			m.Groups = append(m.Groups, Group{ID: a.ID, Name: ShortName(a.ID, a.Name)})
		}
	}
	for i, d := range sc.Decisions {
		m.decisions[d.ID] = i
	}
	return m
}

// Sectors in the order they go round a state on the map, clockwise from
// the top, with the abbreviations the map writes.
var Sectors = []struct{ Name, Abbr string }{
	{"government", "GOV"}, {"energy", "PWR"}, {"water", "WAT"}, {"health", "HLT"},
	{"finance", "FIN"}, {"telecom", "TEL"}, {"transport", "TRN"}, {"media", "MED"}, {"military", "MIL"},
}

// SectorRank is a sector's place in Sectors (unknown sectors last).
func SectorRank(s string) int {
	for i, x := range Sectors {
		if x.Name == s {
			return i
		}
	}
	return len(Sectors)
}

// SectorAbbr is a sector's three-letter abbreviation.
func SectorAbbr(s string) string {
	if i := SectorRank(s); i < len(Sectors) {
		return Sectors[i].Abbr
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
	return &m.Dyads[m.dyadIdx[[2]int{i, j}]]
}

// StateName is the short name of state id, or id itself.
func (m *Model) StateName(id string) string {
	if i := m.state(id); i >= 0 {
		return m.States[i].Short
	}
	return id
}

// AttackerName is the short name of attacker id, or id itself.
func (m *Model) AttackerName(id string) string {
	if a, ok := m.attackers[id]; ok {
		return ShortName(a.ID, a.Name)
	}
	return id
}

// AssetName is the short name of asset id, or id itself.
func (m *Model) AssetName(id string) string {
	if i, ok := m.assetIdx[id]; ok {
		return m.Assets[i].Name
	}
	return id
}

// DeciderName says who decides: a state's name, the force or the
// facilitator.
func (m *Model) DeciderName(id string) string {
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
func (m *Model) Record(r agents.Record) { m.Apply(r) }

// SetNow moves the display's clock to t (the world's time, which runs on
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

// Apply folds one record into the display state. Records must come in
// time order, as a world emits them and a log stores them.
func (m *Model) Apply(r agents.Record) {
	m.integrate(r.Time)
	if r.Time > m.Now {
		m.Now = r.Time
	}
	m.Seq++
	switch r.Kind {
	case agents.KindRunEnd:
		m.Ended = true
	case agents.KindStage:
		m.Stage, m.StageSince = r.Stage, r.Time
		m.Stages = append(m.Stages, StageChange{r.Time, r.Stage, r.Text})
		m.feed(r, FeedLine{Type: "STAGE", Outcome: strings.ToUpper(m.stageLabel(r.Stage)) + ": " + r.Text, Tone: ToneStage})
	case agents.KindAttackLaunched:
		m.launch(r)
	case agents.KindAttackSucceeded, agents.KindAttackFailed, agents.KindAttackBlocked:
		m.outcome(r)
	case agents.KindAttackDetected:
		if a := m.arc(r.Op); a != nil {
			if a.Attr == AttrUndetected {
				a.Attr = AttrDetected
			}
			a.Changed = r.Time
			m.Tally.Detected++
			m.attackLine(r, a, fmt.Sprintf("detected by %s after %s", m.StateName(r.State), agents.Span(r.Value)), ToneDetected)
		}
	case agents.KindAttackAttributed:
		if a := m.arc(r.Op); a != nil {
			a.Changed = r.Time
			a.Blamed = m.state(r.Other)
			m.Tally.Attributed++
			switch {
			case !r.Correct:
				a.Attr = AttrWrong
				m.Tally.Wrong++
				m.attackLine(r, a, fmt.Sprintf("%s WRONGLY blames %s", m.StateName(r.State), m.StateName(r.Other)), ToneWrong)
			case r.Other == "":
				a.Attr = AttrCorrect
				m.attackLine(r, a, fmt.Sprintf("%s blames %s, a group with no state behind it", m.StateName(r.State), a.Actor), ToneCorrect)
			default:
				a.Attr = AttrCorrect
				m.attackLine(r, a, fmt.Sprintf("%s correctly blames %s", m.StateName(r.State), m.StateName(r.Other)), ToneCorrect)
			}
		}
	case agents.KindAttackUnattributed:
		if a := m.arc(r.Op); a != nil {
			a.Attr, a.Changed = AttrUnattributed, r.Time
			m.Tally.Unattrib++
			m.attackLine(r, a, m.StateName(r.State)+" cannot attribute it", ToneUnattributed)
		}
	case agents.KindNormViolation:
		m.Tally.NormViolations++
		if a := m.arc(r.Op); a != nil {
			a.Violation, a.Changed = true, r.Time
			m.attackLine(r, a, "Safe Layer attack: norm (f) violated", ToneNorm)
		}
	case agents.KindAssetStatus:
		m.assetStatus(r)
	case agents.KindWormOutbreak:
		if s := m.state(r.State); s >= 0 {
			m.worms[r.Op] = append(m.worms[r.Op], s)
			m.States[s].Worms++
		}
		m.feed(r, FeedLine{Target: m.AssetName(r.Target), Type: "WORM", Outcome: fmt.Sprintf("worm breaks out in %s", m.StateName(r.State)), Tone: ToneWorm})
	case agents.KindWormSpread:
		if s := m.state(r.State); s >= 0 && !slices.Contains(m.worms[r.Op], s) {
			m.worms[r.Op] = append(m.worms[r.Op], s)
			m.States[s].Worms++
		}
		what := "the worm spreads in " + m.StateName(r.State)
		if r.Correct {
			what = "the worm SPILLS OVER into " + m.StateName(r.State)
		}
		m.feed(r, FeedLine{Origin: m.StateName(r.Other), Target: m.StateName(r.State), Type: "WORM", Outcome: what, Tone: ToneWorm})
	case agents.KindWormEnded:
		for _, s := range m.worms[r.Op] {
			m.States[s].Worms = max(0, m.States[s].Worms-1)
		}
		delete(m.worms, r.Op)
		m.feed(r, FeedLine{Type: "WORM", Outcome: fmt.Sprintf("the worm is gone after %s hosts", agents.People(r.Value)), Tone: ToneWorm})
	case agents.KindRumourWave:
		if s := m.state(r.State); s >= 0 {
			m.States[s].Rumours++
			m.States[s].RumourSince = r.Time
		}
		m.feed(r, FeedLine{Target: m.StateName(r.State), Type: "RUMOUR", Outcome: "a rumour starts spreading", Tone: ToneRumour})
	case agents.KindRumourEnded:
		if s := m.state(r.State); s >= 0 {
			m.States[s].Rumours = max(0, m.States[s].Rumours-1)
			m.States[s].RumourReach = r.Value
		}
		m.feed(r, FeedLine{Target: m.StateName(r.State), Type: "RUMOUR", Outcome: fmt.Sprintf("the rumour dies down after reaching %.0f%% of users", 100*r.Value), Tone: ToneRumour})
	case agents.KindEscalation:
		if d := m.dyad(r.State, r.Other); d != nil {
			d.Rung, d.Peak = r.Rung, max(d.Peak, r.Rung)
			d.Trust, d.Tension, d.Changed = r.Value, r.Tension, r.Time
		}
		if r.Text == "de-escalation" {
			m.feed(r, FeedLine{Actor: m.StateName(r.State), Target: m.StateName(r.Other), Type: "CALMER", Outcome: "down to " + m.rungLabel(r.Rung), Tone: ToneCalm})
		} else {
			m.feed(r, FeedLine{Actor: m.StateName(r.State), Target: m.StateName(r.Other), Type: "ESCALATE", Outcome: "up to " + strings.ToUpper(m.rungLabel(r.Rung)), Tone: ToneEscalation})
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
		m.feed(r, FeedLine{Actor: m.AttackerName(r.Actor), Origin: m.StateName(r.Origin), Type: "TOOLS", Outcome: "its cyber weapons are loose after the conflict", Tone: ToneWorm})
	case agents.KindToolReused:
		m.Tally.ToolsReused++
		m.feed(r, FeedLine{Actor: m.AttackerName(r.Actor), Type: "TOOLS", Outcome: "reuses the leaked tools of " + m.AttackerName(r.Other), Tone: ToneWorm})
	case agents.KindInject:
		m.Injects = append(m.Injects, r.Time)
		if r.Target != "" {
			m.Fired[r.Target]++
		}
		title, text := r.Text, ""
		for _, in := range m.Scenario.Injects {
			if in.ID == r.Target && r.Target != "" {
				title, text = in.Title, in.Text
			}
		}
		m.Card = Card{Kind: "INJECT", Title: title, Text: text, Time: r.Time, Seq: m.Seq}
		m.feed(r, FeedLine{Actor: "script", Type: "INJECT", Outcome: title, Tone: ToneInject})
	case agents.KindDecision:
		m.Asked = append(m.Asked, r.Time)
		p := Prompt{Index: -1, ID: r.Target, Decider: m.DeciderName(r.State), Text: r.Text, Asked: r.Time}
		if i, ok := m.decisions[r.Target]; ok {
			p.Index = i
			for _, o := range m.Scenario.Decisions[i].Options {
				p.Options = append(p.Options, o.Label)
			}
		}
		m.Prompts = append(m.Prompts, p)
		m.feed(r, FeedLine{Actor: m.DeciderName(r.State), Type: "DECISION", Outcome: r.Text, Tone: ToneDecision})
	case agents.KindDecided:
		m.Tally.Decisions++
		m.Prompts = slices.DeleteFunc(m.Prompts, func(p Prompt) bool { return p.ID == r.Target })
		who := m.DeciderName(r.State)
		by := ""
		switch r.Actor {
		case "default":
			by = " (the scenario's default)"
		case "facilitator":
		default:
			by = " (" + r.Actor + ")"
		}
		m.Card = Card{Kind: "DECIDED", Title: fmt.Sprintf("%s decides%s", upperFirst(who), by), Text: fmt.Sprintf("%d. %s", int(r.Value), r.Text), Time: r.Time, Seq: m.Seq}
		m.feed(r, FeedLine{Actor: who, Type: "DECIDED", Outcome: fmt.Sprintf("%d. %s", int(r.Value), r.Text), Tone: ToneDecision})
	case agents.KindForce:
		m.force(r)
	case agents.KindCommand:
		m.feed(r, FeedLine{Actor: "facilitator", Type: "COMMAND", Outcome: strings.TrimSpace(r.Function + " " + r.Text), Tone: ToneFacilitator})
	}
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func (m *Model) stageLabel(s agents.Stage) string { return Default.Stage[s].Label }

func (m *Model) rungLabel(r agents.Rung) string {
	if r >= 0 && int(r) < len(Default.Rung) {
		return Default.Rung[r].Label
	}
	return r.String()
}

func (m *Model) arc(op int) *Arc {
	if op >= 1 && op <= len(m.Arcs) && m.Arcs[op-1].Op == op {
		return &m.Arcs[op-1]
	}
	for i := range m.Arcs { // a log that skips operation numbers
		if m.Arcs[i].Op == op {
			return &m.Arcs[i]
		}
	}
	return nil
}

func (m *Model) launch(r agents.Record) {
	a := Arc{
		Op: r.Op, Attacker: r.Actor, Actor: m.AttackerName(r.Actor), Origin: m.state(r.Origin), Group: -1,
		Victim: m.state(r.State), Asset: -1, Method: r.Method, Severity: int(r.Value),
		Launched: r.Time, Blamed: -1, Changed: r.Time,
	}
	if a.Origin < 0 {
		if g, ok := m.groupIdx[r.Actor]; ok {
			a.Group = g
		}
	}
	if i, ok := m.assetIdx[r.Target]; ok {
		a.Asset = i
	}
	m.Arcs = append(m.Arcs, a)
	m.Tally.Attacks++
	origin := a.Actor
	if a.Origin >= 0 {
		origin = m.States[a.Origin].Short
	}
	m.Origins[origin]++
	m.Types[Default.Method(r.Method).Label]++
	if a.Victim >= 0 {
		m.Targets[m.States[a.Victim].Short]++
		m.States[a.Victim].Attacked++
	}
}

func (m *Model) outcome(r agents.Record) {
	a := m.arc(r.Op)
	if a == nil {
		return
	}
	a.Changed = r.Time
	var what string
	var tone Tone
	switch r.Kind {
	case agents.KindAttackSucceeded:
		a.Outcome, what, tone = OutcomeSucceeded, "succeeds", ToneHit
		m.Tally.Succeeded++
	case agents.KindAttackFailed:
		a.Outcome, what, tone = OutcomeFailed, "fails: the defence holds", ToneFailed
		m.Tally.Failed++
	default:
		a.Outcome, what, tone = OutcomeBlocked, "BLOCKED by the CPK guardian (Safe Layer)", ToneBlocked
		m.Tally.Blocked++
	}
	m.attackLine(r, a, what, tone)
}

// attackLine adds a feed line about operation a.
func (m *Model) attackLine(r agents.Record, a *Arc, outcome string, tone Tone) {
	origin := "—"
	if a.Origin >= 0 {
		origin = m.States[a.Origin].Short
	}
	target := ""
	if a.Asset >= 0 {
		target = m.Assets[a.Asset].Name
		if a.Victim >= 0 {
			target += " (" + m.States[a.Victim].Short + ")"
		}
	} else if a.Victim >= 0 {
		target = m.States[a.Victim].Short
	}
	m.feed(r, FeedLine{Actor: a.Actor, Origin: origin, Target: target, Type: Default.Method(a.Method).Label, Outcome: outcome, Tone: tone})
}

func (m *Model) assetStatus(r agents.Record) {
	i, ok := m.assetIdx[r.Target]
	if !ok {
		return
	}
	a := &m.Assets[i]
	m.services.Record(r)
	m.harmRate = m.services.TotalRate()
	was := a.Status
	a.Status, a.Harm, a.Since, a.ViaDependency = r.Status, r.Value, r.Time, r.Correct
	if a.Status == agents.Working {
		a.Restoring = false
	}
	switch {
	case a.Status == agents.Down && was != agents.Down:
		why := "DOWN"
		if r.Correct {
			why = "DOWN through a dependency"
		}
		m.feed(r, FeedLine{Target: a.Name + " (" + m.States[a.State].Short + ")", Type: "OUTAGE", Outcome: fmt.Sprintf("%s: %s people without service", why, agents.People(float64(a.People))), Tone: ToneDown})
	case a.Status == agents.Working && was == agents.Down:
		m.feed(r, FeedLine{Target: a.Name + " (" + m.States[a.State].Short + ")", Type: "BACK UP", Outcome: "service restored", Tone: ToneRestored})
	}
}

func (m *Model) force(r agents.Record) {
	m.Tally.ForceActions++
	f := ForceMark{Time: r.Time, Role: r.Role, Function: r.Function, Team: r.Actor, State: m.state(r.State), Other: m.state(r.Other), Asset: -1, Text: r.Text}
	if f.Other == f.State {
		f.Other = -1
	}
	if i, ok := m.assetIdx[r.Target]; ok {
		f.Asset = i
		if a := &m.Assets[i]; a.Status != agents.Working {
			a.Restoring = true
		}
	}
	if f.State >= 0 && f.Other >= 0 && (r.Function == "mediator.de-escalation" || r.Function == "mediator.consultations") {
		a, b := min(f.State, f.Other), max(f.State, f.Other)
		m.Dyads[m.dyadIdx[[2]int{a, b}]].Talks = r.Time
	}
	// Keep only what can still be shown: the marks of the last ForceHold hours.
	keep := m.Force[:0]
	for _, x := range m.Force {
		if r.Time-x.Time <= ForceHold {
			keep = append(keep, x)
		}
	}
	m.Force = append(keep, f)
	target := ""
	switch {
	case f.Asset >= 0:
		target = m.Assets[f.Asset].Name
	case f.State >= 0 && f.Other >= 0:
		target = m.States[f.State].Short + " & " + m.States[f.Other].Short
	case f.State >= 0:
		target = m.States[f.State].Short
	}
	m.feed(r, FeedLine{Actor: r.Role + " (" + r.Actor + ")", Target: target, Type: "CPK", Outcome: r.Text, Tone: ToneForce})
}

func (m *Model) feed(r agents.Record, l FeedLine) {
	l.Time, l.Stage = r.Time, r.Stage
	if len(m.Feed) < FeedCapacity {
		m.Feed = append(m.Feed, l)
		return
	}
	m.Feed[m.feedPos] = l
	m.feedPos = (m.feedPos + 1) % FeedCapacity
}

// FeedLines returns up to n lines of the feed, newest first.
func (m *Model) FeedLines(n int) []FeedLine {
	n = min(n, len(m.Feed))
	out := make([]FeedLine, 0, n)
	newest := len(m.Feed) - 1
	if len(m.Feed) == FeedCapacity {
		newest = (m.feedPos - 1 + FeedCapacity) % FeedCapacity
	}
	for k := 0; k < n; k++ {
		out = append(out, m.Feed[(newest-k+len(m.Feed))%len(m.Feed)])
	}
	return out
}

// VisibleArcs returns the operations on the map at the display's clock,
// oldest first, with their strength (see Arc.Visible).
func (m *Model) VisibleArcs() ([]*Arc, []float64) {
	var arcs []*Arc
	var alpha []float64
	for i := range m.Arcs {
		if ok, a := m.Arcs[i].Visible(m.Now); ok {
			arcs = append(arcs, &m.Arcs[i])
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
	out := slices.Clone(m.Dyads)
	slices.SortStableFunc(out, func(a, b DyadView) int {
		if a.Peak != b.Peak {
			return int(b.Peak) - int(a.Peak)
		}
		if a.Explicit != b.Explicit {
			return a.Explicit - b.Explicit
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
	if len(m.Prompts) == 0 {
		return Prompt{}, false
	}
	return m.Prompts[0], true
}
