package agents

import (
	"strings"

	"cpkrange/scenarios"
)

// Metrics collects a run's outcome from its records; it is a
// sim.Recorder[Record]. Civilian harm is integrated exactly: who is without
// which service (Services) is constant between asset status records.
type Metrics struct {
	services  *Services         // every asset
	safeLayer *Services         // fed the status of the Safe Layer's assets only
	slAssets  map[string]bool   // ids of the assets in the Safe Layer now
	lastSeen  map[string]Record // each asset's latest asset.status record
	last      float64

	Harm          float64            // people-hours without essential services, weighted by sector
	HarmByState   map[string]float64 // the part of Harm in each state
	HarmBySector  map[string]float64 // the part of Harm from each sector's services
	HarmByStage   [numStages]float64 // the part of Harm in each stage
	SafeLayerHarm float64            // Harm counting the Cyberspace Safe Layer's assets only
	SafeLayerHits int                // successful operations against Safe Layer assets
	// PeakWithout is, by sector, the most people of all states together
	// without that sector's service at any moment of the run.
	PeakWithout map[string]float64

	Attacks         int
	AttacksByMethod map[string]int
	// NoTarget counts the turns, by attacker, whose method found nothing the
	// attacker may aim at (attack.no-target): a sign of a scenario whose
	// attacker cannot do what it was written to do.
	NoTarget        map[string]int
	Succeeded       int
	Blocked         int
	Detected        int
	Attributed      int
	Misattributed   int
	Unattributed    int
	detectSum       float64
	attributeSum    float64
	NormViolations  int
	WormSpills      int // states a worm reached that it was not aimed at
	RumourReach     float64
	RumourState     string // whose network the largest rumour spread in
	ToolsLeaked     int
	ToolsReused     int
	PeakRung        Rung
	Armed           bool
	ArmedAt         float64 // hours; -1 when never
	StageHours      [numStages]float64
	ReachedConflict bool
	stage           Stage
	stageSince      float64
	ForceActions    map[string]int // by role
	ForceQueued     int
	// The peacekeeping path (docs/model.md §11).
	PrivateFindings   int                // findings passed in private instead of a public accusation
	Restraints        int                // accused parties that accepted one and held back
	Cleared           int                // states the force's finding cleared of a wrong public blame
	VerifiedRestraint int                // gestures of restraint the guardian certified
	NormsBroken       int                // norms a committed state was seen to break
	ForceTrust        map[string]float64 // each state's trust in the force, latest
	effort, need      map[string]float64 // force actions for each state; operations it detected
	stateIDs          []string           // in the scenario's order, so that sums are in a fixed order
	agreement         map[string]string  // each state's agreement with the force now
	// Daily samples the run at the end of each day (hour 24, 48, ...).
	Daily []Point
	rungs map[[2]string]Rung

	// What the run's final records (dyad.final, state.final, worm.final)
	// report: the metrics are a fold of the log and nothing else.
	FinalRung      Rung    // the highest rung of any dyad at the end
	MeanTrust      float64 // mean trust over dyads at the end
	MinTrust       float64 // lowest trust of any dyad at the end; 0 with no dyad
	WormInfections int64   // hosts ever infected, over every outbreak
	WormHostHours  float64 // infected hosts × hours, over every outbreak
	MeanMaturity   float64 // mean defence maturity of the states at the end
	dyadsFinal     int
	trustSum       float64
	states         int
}

// Point is the state of a run at one moment, for time series.
type Point struct {
	Time    float64 // hours
	Harm    float64 // civilian harm so far, people-hours
	TopRung Rung    // the highest rung of any dyad at that moment
	Stage   Stage
}

// NewMetrics returns a collector for runs of sc.
func NewMetrics(sc *scenarios.Scenario) *Metrics {
	m := &Metrics{
		services:        NewServices(sc),
		safeLayer:       NewServices(sc),
		slAssets:        map[string]bool{},
		lastSeen:        map[string]Record{},
		HarmByState:     map[string]float64{},
		HarmBySector:    map[string]float64{},
		PeakWithout:     map[string]float64{},
		AttacksByMethod: map[string]int{},
		NoTarget:        map[string]int{},
		ForceActions:    map[string]int{},
		ForceTrust:      map[string]float64{},
		effort:          map[string]float64{},
		need:            map[string]float64{},
		agreement:       map[string]string{},
		ArmedAt:         -1,
		rungs:           map[[2]string]Rung{},
	}
	for _, r := range sc.Relations {
		if rung, ok := ParseRung(r.Rung); ok && len(r.Between) == 2 {
			m.rungs[dyadKey(r.Between[0], r.Between[1])] = rung
			m.PeakRung = max(m.PeakRung, rung)
		}
	}
	for _, a := range sc.Assets {
		if a.SafeLayer {
			m.slAssets[a.ID] = true
		}
	}
	for _, s := range sc.States {
		m.ForceTrust[s.ID] = float64(s.TrustInForce)
		m.stateIDs = append(m.stateIDs, s.ID)
		m.agreement[s.ID] = s.Agreement
	}
	m.states = len(sc.States)
	if len(sc.States) > 1 {
		m.MinTrust = 1 // lowered by each dyad.final
	}
	if s, ok := ParseStage(sc.Stages.Start); ok {
		m.stage = s
	}
	m.ReachedConflict = m.stage == Conflict
	return m
}

// advance integrates harm up to time t.
func (m *Metrics) advance(t float64) {
	dt := t - m.last
	if dt <= 0 {
		return
	}
	// Floating-point sums depend on their order: summing in id order, never
	// in map order, keeps a run's metrics identical to the last bit.
	sv := m.services
	for s := range sv.States() {
		rate := sv.Rate(s)
		if rate == 0 {
			continue
		}
		h := rate * dt
		m.Harm += h
		m.HarmByStage[m.stage] += h
		m.HarmByState[sv.StateID(s)] += h
		for _, k := range Sectors() {
			if r := sv.RateBySector(s, k); r > 0 {
				m.HarmBySector[k.String()] += r * dt
			}
		}
	}
	m.SafeLayerHarm += m.safeLayer.TotalRate() * dt
	m.last = t
}

func dyadKey(a, b string) [2]string {
	if a > b {
		a, b = b, a
	}
	return [2]string{a, b}
}

// sample records the daily points due up to time t.
func (m *Metrics) sample(t float64) {
	for next := 24 * float64(len(m.Daily)+1); next <= t; next += 24 {
		m.advance(next)
		top := RungNone
		for _, r := range m.rungs {
			top = max(top, r)
		}
		m.Daily = append(m.Daily, Point{Time: next, Harm: m.Harm, TopRung: top, Stage: m.stage})
	}
}

// Record takes one record of the run.
func (m *Metrics) Record(r Record) {
	m.sample(r.Time)
	m.advance(r.Time)
	switch r.Kind {
	case KindAttackLaunched:
		m.Attacks++
		m.AttacksByMethod[r.Method]++
	case KindAttackSucceeded:
		m.Succeeded++
		if m.slAssets[r.Target] {
			m.SafeLayerHits++
		}
	case KindAttackNoTarget:
		m.NoTarget[r.Actor]++
	case KindAttackBlocked:
		m.Blocked++
	case KindAttackDetected:
		m.Detected++
		if m.agreement[r.State] != "none" {
			m.need[r.State]++ // need the force may answer: the state consents
		}
		m.detectSum += r.Value
	case KindAgreement:
		m.agreement[r.State] = r.Text
	case KindAttackAttributed:
		m.Attributed++
		m.attributeSum += r.Value
		if !r.Correct {
			m.Misattributed++
		}
	case KindAttackUnattributed:
		m.Unattributed++
	case KindNormViolation:
		m.NormViolations++
	case KindAssetStatus:
		if m.services.Record(r) {
			for _, k := range Sectors() {
				n := 0.0
				for s := range m.services.States() {
					n += m.services.Without(s, k)
				}
				if n > m.PeakWithout[k.String()] {
					m.PeakWithout[k.String()] = n
				}
			}
		}
		m.lastSeen[r.Target] = r
		if m.slAssets[r.Target] {
			m.safeLayer.Record(r)
		}
	case KindSafeLayer:
		// A declaration extends or narrows the Safe Layer: its harm counts
		// the asset's outage from now on, or no longer.
		m.slAssets[r.Target] = r.Correct
		last, seen := m.lastSeen[r.Target]
		if !seen {
			last = Record{Kind: KindAssetStatus, Target: r.Target}
		}
		if !r.Correct {
			last.Value = 0
		}
		m.safeLayer.Record(last)
	case KindWormSpread:
		if r.Correct {
			m.WormSpills++
		}
	case KindRumourEnded:
		if r.Value > m.RumourReach {
			m.RumourReach, m.RumourState = r.Value, r.State
		}
	case KindToolLeaked:
		m.ToolsLeaked++
	case KindToolReused:
		m.ToolsReused++
	case KindEscalation:
		m.rungs[dyadKey(r.State, r.Other)] = r.Rung
		m.PeakRung = max(m.PeakRung, r.Rung)
		if r.Rung == RungArmed && !m.Armed {
			m.Armed, m.ArmedAt = true, r.Time
		}
	case KindStage:
		m.StageHours[m.stage] += r.Time - m.stageSince
		m.stage, m.stageSince = r.Stage, r.Time
		if r.Stage == Conflict {
			m.ReachedConflict = true
		}
	case KindRunEnd:
		m.StageHours[m.stage] += r.Time - m.stageSince
		m.stageSince = r.Time
	case KindForce:
		m.ForceActions[r.Role]++
		switch {
		case r.State != "" && r.Other != "" && r.Other != r.State:
			m.effort[r.State] += 0.5
			m.effort[r.Other] += 0.5
		case r.State != "":
			m.effort[r.State]++
		}
		if r.Function == MediatorConsultations.String() && r.Op > 0 {
			m.PrivateFindings++
		}
		if isVerifiedRestraint(r) {
			m.VerifiedRestraint++
		}
	case KindRestraint:
		if r.Correct {
			m.Restraints++
		}
	case KindExculpation:
		m.Cleared++
	case KindNormBroken:
		m.NormsBroken++
	case KindForceTrust:
		m.ForceTrust[r.State] = r.Value
	case KindForceQueued:
		m.ForceQueued++
	case KindDyadFinal:
		m.FinalRung = max(m.FinalRung, r.Rung)
		m.dyadsFinal++
		m.trustSum += r.Value
		m.MinTrust = min(m.MinTrust, r.Value)
		m.MeanTrust = m.trustSum / float64(m.dyadsFinal)
	case KindStateFinal:
		m.MeanMaturity += r.Value / float64(m.states)
	case KindWormFinal:
		m.WormInfections += int64(r.Value)
		m.WormHostHours += r.Hours
	}
}

// Impartiality is one minus the total variation distance between how the
// force's actions spread over the states and how the operations detected
// in states that consent to its work did: 1 when the force's effort follows
// need exactly, 0 when it goes wholly where there was none ("CPK must be
// impartial to any State independent of contributions", Akatyev & James
// 2017, §2.1). Actions are counted as records, so routine work reported
// once a week weighs less than a request. It is 1 when the force took no
// action or there was no need: read it beside force_actions.
func (m *Metrics) Impartiality() float64 {
	var e, n float64
	for _, s := range m.stateIDs {
		e += m.effort[s]
		n += m.need[s]
	}
	if e == 0 || n == 0 {
		return 1
	}
	var tv float64
	for _, s := range m.stateIDs {
		tv += abs(m.effort[s]/e - m.need[s]/n)
	}
	return 1 - tv/2
}

// MeanForceTrust is the states' mean trust in the force at the end.
func (m *Metrics) MeanForceTrust() float64 {
	if len(m.stateIDs) == 0 {
		return 0
	}
	var sum float64
	for _, s := range m.stateIDs {
		sum += m.ForceTrust[s]
	}
	return sum / float64(len(m.stateIDs))
}

// MeanDetectHours is the mean time from launch to detection.
func (m *Metrics) MeanDetectHours() float64 { return ratio(m.detectSum, m.Detected) }

// MeanAttributeHours is the mean time from launch to attribution.
func (m *Metrics) MeanAttributeHours() float64 { return ratio(m.attributeSum, m.Attributed) }

func ratio(sum float64, n int) float64 {
	if n == 0 {
		return 0
	}
	return sum / float64(n)
}

// MetricSpec defines one number of a run's outcome: a column of a batch's
// runs.csv, a label on plots and reports, a line of docs/metrics.md.
type MetricSpec struct {
	Name    string // the column name
	Label   string // short, for plots and tables
	Unit    string // "people-hours", "hours", "count", "0-1", "0 or 1", "rung"
	Meaning string // one sentence: what it counts, and from which records
	Value   func(*Metrics) float64
}

// MetricTable lists a run's metrics in column order. It is the one place a
// metric is defined: the CSV columns, the plot labels and docs/metrics.md
// all come from it.
var MetricTable = append([]MetricSpec{
	{"harm", "civilian harm", "people-hours", "people without essential services × hours, each person once per sector, sectors weighted by model.harm.weights (asset.status records)", func(m *Metrics) float64 { return m.Harm }},
	{"safe_layer_harm", "Safe Layer harm", "people-hours", "harm counting only the outages of assets in the Cyberspace Safe Layer", func(m *Metrics) float64 { return m.SafeLayerHarm }},
	{"safe_layer_hits", "Safe Layer hits", "count", "operations that succeeded against Safe Layer assets (attack.succeeded)", func(m *Metrics) float64 { return float64(m.SafeLayerHits) }},
	{"attacks", "operations", "count", "operations launched (attack.launched)", func(m *Metrics) float64 { return float64(m.Attacks) }},
	{"succeeded", "succeeded", "count", "operations that got through (attack.succeeded)", func(m *Metrics) float64 { return float64(m.Succeeded) }},
	{"blocked", "blocked", "count", "operations the guardian blocked on the Safe Layer (attack.blocked)", func(m *Metrics) float64 { return float64(m.Blocked) }},
	{"detected", "detected", "count", "operations their victim noticed (attack.detected)", func(m *Metrics) float64 { return float64(m.Detected) }},
	{"attributed", "attributed", "count", "operations whose victim named a culprit (attack.attributed)", func(m *Metrics) float64 { return float64(m.Attributed) }},
	{"misattributed", "misattributed", "count", "attributions that named the wrong state", func(m *Metrics) float64 { return float64(m.Misattributed) }},
	{"unattributed", "unattributed", "count", "detected operations whose victim could name no one (attack.unattributed)", func(m *Metrics) float64 { return float64(m.Unattributed) }},
	{"detect_hours", "hours to detect", "hours", "mean time from launch to detection, over detected operations (0 when none)", func(m *Metrics) float64 { return m.MeanDetectHours() }},
	{"attribute_hours", "hours to attribute", "hours", "mean time from launch to attribution, over attributed operations (0 when none)", func(m *Metrics) float64 { return m.MeanAttributeHours() }},
	{"norm_violations", "norm violations", "count", "attacks on the Safe Layer seen as violations of UN GGE norm (f) (norm.violation)", func(m *Metrics) float64 { return float64(m.NormViolations) }},
	{"worm_spills", "worm spill-overs", "count", "states a worm reached that it was not aimed at (worm.spread with correct)", func(m *Metrics) float64 { return float64(m.WormSpills) }},
	{"rumour_reach", "largest rumour", "0-1", "the largest share of a network any rumour reached (rumour.ended)", func(m *Metrics) float64 { return m.RumourReach }},
	{"tools_leaked", "tools leaked", "count", "attackers' tools loose after the conflict (tool.leaked)", func(m *Metrics) float64 { return float64(m.ToolsLeaked) }},
	{"tools_reused", "tools reused", "count", "leaked tools picked up by another attacker (tool.reused)", func(m *Metrics) float64 { return float64(m.ToolsReused) }},
	{"peak_rung", "peak rung", "rung 0–4", "the highest rung any dyad reached (0 none … 4 armed)", func(m *Metrics) float64 { return float64(m.PeakRung) }},
	{"final_rung", "final rung", "rung 0–4", "the highest rung of any dyad at the end (dyad.final)", func(m *Metrics) float64 { return float64(m.FinalRung) }},
	{"armed", "armed conflict", "0 or 1", "1 when a dyad reached the armed rung", func(m *Metrics) float64 { return b2f(m.Armed) }},
	{"armed_at", "armed at", "hours", "when a dyad first reached the armed rung; -1 when never", func(m *Metrics) float64 { return m.ArmedAt }},
	{"reached_conflict", "reached conflict", "0 or 1", "1 when the run was in the conflict stage at any time", func(m *Metrics) float64 { return b2f(m.ReachedConflict) }},
	{"hours_pre", "hours before conflict", "hours", "hours in the pre-conflict stage", func(m *Metrics) float64 { return m.StageHours[PreConflict] }},
	{"hours_conflict", "hours in conflict", "hours", "hours in the conflict stage", func(m *Metrics) float64 { return m.StageHours[Conflict] }},
	{"hours_post", "hours after conflict", "hours", "hours in the post-conflict stage", func(m *Metrics) float64 { return m.StageHours[PostConflict] }},
	{"mean_trust", "mean trust", "0-1", "mean trust over every pair of states at the end (dyad.final)", func(m *Metrics) float64 { return m.MeanTrust }},
	{"trust_in_force", "trust in the force", "0-1", "the states' mean trust in the peacekeeping force at the end (force.trust)", func(m *Metrics) float64 { return m.MeanForceTrust() }},
	{"impartiality", "impartiality", "0-1", "1 − the distance between the force's actions by state and the operations detected in each state that consents to its work (force.action, attack.detected, agreement.changed); 1 when the force took no action or there was no need: read it beside force_actions", func(m *Metrics) float64 { return m.Impartiality() }},
	{"private_findings", "findings in private", "count", "attributions taken to the other side in private through the force's consultations, not named in public (force.action of mediator.consultations with an operation)", func(m *Metrics) float64 { return float64(m.PrivateFindings) }},
	{"restraints", "restraint accepted", "count", "accused parties that accepted a finding passed in private and held their operations back (restraint)", func(m *Metrics) float64 { return float64(m.Restraints) }},
	{"cleared", "cleared by the force", "count", "states the force's finding cleared of a wrong public blame (attribution.cleared)", func(m *Metrics) float64 { return float64(m.Cleared) }},
	{"restraint_verified", "restraint verified", "count", "quiet spells of a party in dispute that the guardian certified (force.action of guardian.monitoring with a window)", func(m *Metrics) float64 { return float64(m.VerifiedRestraint) }},
	{"norms_broken", "norms broken", "count", "UN GGE norms a committed state was seen to break (norm.broken)", func(m *Metrics) float64 { return float64(m.NormsBroken) }},
	{"min_trust", "lowest trust", "0-1", "the lowest trust of any pair of states at the end (dyad.final); 0 with fewer than two states", func(m *Metrics) float64 { return m.MinTrust }},
	{"force_actions", "force actions", "count", "actions of the peacekeeping force, every role (force.action)", func(m *Metrics) float64 { return float64(m.forceActions()) }},
	{"force_queued", "requests queued", "count", "requests to the force that had to wait for a team (force.queued)", func(m *Metrics) float64 { return float64(m.ForceQueued) }},
	{"worm_infections", "worm infections", "hosts", "hosts ever infected, over every outbreak (worm.final)", func(m *Metrics) float64 { return float64(m.WormInfections) }},
	{"worm_host_hours", "worm host-hours", "host-hours", "infected hosts × hours, over every outbreak (worm.final)", func(m *Metrics) float64 { return m.WormHostHours }},
	{"mean_maturity", "mean defence maturity", "0-1", "mean defence maturity of the states at the end (state.final)", func(m *Metrics) float64 { return m.MeanMaturity }},
}, harmBreakdown()...)

// harmBreakdown are the metrics that split harm by stage and by sector,
// after the rest of the table.
func harmBreakdown() []MetricSpec {
	var out []MetricSpec
	for _, st := range []Stage{PreConflict, Conflict, PostConflict} {
		out = append(out, MetricSpec{"harm_" + strings.ReplaceAll(st.String(), "-", "_"), "harm " + st.String(), "people-hours",
			"the part of harm while the run was in the " + st.String() + " stage", func(m *Metrics) float64 { return m.HarmByStage[st] }})
	}
	for _, k := range Sectors() {
		out = append(out, MetricSpec{"harm_" + k.String(), "harm: " + k.Noun(), "people-hours",
			"the part of harm from people without " + k.Noun() + " (sector " + k.String() + ")", func(m *Metrics) float64 { return m.HarmBySector[k.String()] }})
	}
	return out
}

// MetricNames lists the metrics' names in MetricTable order: the first
// columns of a batch's runs.csv (MetricNamesFor adds a scenario's states).
var MetricNames = func() []string {
	out := make([]string, len(MetricTable))
	for i, s := range MetricTable {
		out[i] = s.Name
	}
	return out
}()

// stateHarmPrefix names the per-state harm columns: "harm_state_kaldonia".
const stateHarmPrefix = "harm_state_"

// MetricNamesFor lists the columns of runs.csv for runs of sc: MetricNames,
// then the harm of each of sc's states in id order.
func MetricNamesFor(sc *scenarios.Scenario) []string {
	out := append([]string{}, MetricNames...)
	for _, i := range byID(sc.States, func(s scenarios.State) string { return s.ID }) {
		out = append(out, stateHarmPrefix+sc.States[i].ID)
	}
	return out
}

// MetricByName returns the metric called name.
func MetricByName(name string) (MetricSpec, bool) {
	for _, s := range MetricTable {
		if s.Name == name {
			return s, true
		}
	}
	return MetricSpec{}, false
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

func (m *Metrics) forceActions() int {
	n := 0
	for _, k := range m.ForceActions {
		n += k
	}
	return n
}

// Value is one named number of a run's outcome.
type Value struct {
	Name  string
	Value float64
}

// Values returns the run's outcome as named numbers, in the order of
// MetricNamesFor the run's scenario: MetricTable, then each state's harm.
func (m *Metrics) Values() []Value {
	out := make([]Value, len(MetricTable), len(MetricTable)+m.services.States())
	for i, s := range MetricTable {
		out[i] = Value{s.Name, s.Value(m)}
	}
	for s := range m.services.States() {
		id := m.services.StateID(s)
		out = append(out, Value{stateHarmPrefix + id, m.HarmByState[id]})
	}
	return out
}
