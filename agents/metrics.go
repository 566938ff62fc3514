package agents

import (
	"cpkrange/scenarios"
)

// Metrics collects a run's outcome from its records; it is a
// sim.Recorder[Record]. Civilian harm is integrated exactly: each asset's
// harm rate is constant between its status records.
type Metrics struct {
	assets  []assetTrack   // sorted by id: harm is summed in a fixed order
	assetIx map[string]int // asset id → index in assets
	last    float64

	Harm          float64            // people-hours without service, weighted
	HarmByState   map[string]float64 // people-hours by the asset owner's state
	HarmBySector  map[string]float64
	SafeLayerHarm float64 // people-hours without the Cyberspace Safe Layer's services
	SafeLayerHits int     // successful operations against Safe Layer assets

	Attacks         int
	AttacksByMethod map[string]int
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
	// Daily samples the run at the end of each day (hour 24, 48, ...).
	Daily []Point
	rungs map[[2]string]Rung

	FinalRung      Rung    // the highest rung of any dyad at the end
	MeanTrust      float64 // mean trust over dyads at the end
	MinTrust       float64 // lowest trust of any dyad at the end
	WormInfections int64   // hosts ever infected, over every outbreak
	WormHostHours  float64 // infected hosts × hours, over every outbreak
	MeanMaturity   float64 // mean defence maturity of the states at the end
}

// Point is the state of a run at one moment, for time series.
type Point struct {
	Time    float64 // hours
	Harm    float64 // civilian harm so far, people-hours
	TopRung Rung    // the highest rung of any dyad at that moment
	Stage   Stage
}

type assetTrack struct {
	rate      float64
	state     string
	sector    string
	safeLayer bool
}

// NewMetrics returns a collector for runs of sc.
func NewMetrics(sc *scenarios.Scenario) *Metrics {
	m := &Metrics{
		assetIx:         map[string]int{},
		HarmByState:     map[string]float64{},
		HarmBySector:    map[string]float64{},
		AttacksByMethod: map[string]int{},
		ForceActions:    map[string]int{},
		ArmedAt:         -1,
		rungs:           map[[2]string]Rung{},
	}
	for _, r := range sc.Relations {
		if rung, ok := ParseRung(r.Rung); ok && len(r.Between) == 2 {
			m.rungs[dyadKey(r.Between[0], r.Between[1])] = rung
			m.PeakRung = max(m.PeakRung, rung)
		}
	}
	// Floating-point sums depend on their order: summing in id order, never
	// in map order, keeps a run's metrics identical to the last bit.
	for _, i := range byID(sc.Assets, func(a scenarios.Asset) string { return a.ID }) {
		a := &sc.Assets[i]
		m.assetIx[a.ID] = len(m.assets)
		m.assets = append(m.assets, assetTrack{state: a.Owner, sector: a.Sector, safeLayer: a.SafeLayer})
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
	for i := range m.assets {
		a := &m.assets[i]
		if a.rate == 0 {
			continue
		}
		h := a.rate * dt
		m.Harm += h
		m.HarmByState[a.state] += h
		m.HarmBySector[a.sector] += h
		if a.safeLayer {
			m.SafeLayerHarm += h
		}
	}
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
		if i, ok := m.assetIx[r.Target]; ok && m.assets[i].safeLayer {
			m.SafeLayerHits++
		}
	case KindAttackBlocked:
		m.Blocked++
	case KindAttackDetected:
		m.Detected++
		m.detectSum += r.Value
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
		if i, ok := m.assetIx[r.Target]; ok {
			m.assets[i].rate = r.Value
		}
	case KindWormSpread:
		if r.Correct {
			m.WormSpills++
		}
	case KindRumourEnded:
		m.RumourReach = max(m.RumourReach, r.Value)
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
	case KindForceQueued:
		m.ForceQueued++
	}
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

// Finish reads what the records do not carry from the world at the end of
// the run: the final rungs and trust.
func (m *Metrics) Finish(w *World) {
	var trust float64
	m.MinTrust = 1
	for i := range w.dyads {
		d := &w.dyads[i]
		m.FinalRung = max(m.FinalRung, d.rung)
		trust += d.trust
		m.MinTrust = min(m.MinTrust, d.trust)
	}
	if n := len(w.dyads); n > 0 {
		m.MeanTrust = trust / float64(n)
	} else {
		m.MinTrust = 0
	}
	for i := range w.worms {
		ob := &w.worms[i]
		var s int64
		for _, x := range ob.w.S {
			s += x
		}
		m.WormInfections += ob.initial - s
		m.WormHostHours += ob.hostHours
	}
	for i := range w.states {
		m.MeanMaturity += w.states[i].maturity / float64(len(w.states))
	}
}

// Value is one named number of a run's outcome.
type Value struct {
	Name  string
	Value float64
}

// MetricNames lists the names Values returns, in order: the columns of a
// batch's runs.csv.
var MetricNames = []string{
	"harm", "safe_layer_harm", "safe_layer_hits", "attacks", "succeeded", "blocked", "detected", "attributed", "misattributed", "unattributed",
	"detect_hours", "attribute_hours", "norm_violations", "worm_spills", "rumour_reach",
	"tools_leaked", "tools_reused", "peak_rung", "final_rung", "armed", "armed_at",
	"reached_conflict", "hours_pre", "hours_conflict", "hours_post", "mean_trust", "min_trust",
	"force_actions", "force_queued", "worm_infections", "worm_host_hours", "mean_maturity",
}

// Values returns the run's outcome as named numbers, in MetricNames order.
// Booleans are 0 or 1; armed_at is -1 when there was no armed conflict.
func (m *Metrics) Values() []Value {
	b2f := func(b bool) float64 {
		if b {
			return 1
		}
		return 0
	}
	actions := 0
	for _, n := range m.ForceActions {
		actions += n
	}
	v := []float64{
		m.Harm, m.SafeLayerHarm, float64(m.SafeLayerHits), float64(m.Attacks), float64(m.Succeeded), float64(m.Blocked), float64(m.Detected),
		float64(m.Attributed), float64(m.Misattributed), float64(m.Unattributed),
		m.MeanDetectHours(), m.MeanAttributeHours(), float64(m.NormViolations), float64(m.WormSpills), m.RumourReach,
		float64(m.ToolsLeaked), float64(m.ToolsReused), float64(m.PeakRung), float64(m.FinalRung), b2f(m.Armed), m.ArmedAt,
		b2f(m.ReachedConflict), m.StageHours[PreConflict], m.StageHours[Conflict], m.StageHours[PostConflict], m.MeanTrust, m.MinTrust,
		float64(actions), float64(m.ForceQueued), float64(m.WormInfections), m.WormHostHours, m.MeanMaturity,
	}
	out := make([]Value, len(v))
	for i := range v {
		out[i] = Value{MetricNames[i], v[i]}
	}
	return out
}
