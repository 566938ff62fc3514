package agents

import (
	"math"

	"cpkrange/scenarios"
	"cpkrange/sim"
)

// state is a country at run time.
type state struct {
	id            string
	maturity      float64 // cyber defence maturity; capacity building raises it
	attribution   float64 // attribution capability
	posture       Posture // how hard it answers (factor and severity shift: postureSpecs)
	cleanupRate   float64 // worm cleanup per infected host per hour, this step
	agreement     agreement
	population    int64
	network       int       // index into the information networks, or -1
	pressure      float64   // public pressure on the government for a hard answer to anyone, 0..1
	against       []float64 // by state: pressure raised by rumours blaming that state, 0..1
	shownPressure float64
	private       bool           // names attackers in private first (state.naming)
	forceTrust    float64        // its trust in the force, 0..1
	shownForce    float64        // forceTrust as last reported
	norms         [numNorms]bool // the UN GGE norms it committed to
	noSafeLayer   bool           // its Safe Layer protection was withdrawn
}

// dyad is the relation between two states.
type dyad struct {
	a, b         int // state indices, a < b
	trust        float64
	tension      float64
	tension0     float64 // the tension tension relaxes towards
	alliance     bool
	cbms         [numCBMs]bool // the confidence-building measures in force
	rung         Rung
	peak         Rung
	lastHostile  float64 // when either side last blamed the other
	shownTrust   float64 // as last reported in a relation record
	shownTension float64
	// By side (0: a, 1: b): the side holds its operations against the other
	// until holdUntil; its units last acted against the other (or a quiet
	// spell was last certified) at quietSince; it turned down a finding
	// passed in private.
	holdUntil  [2]float64
	quietSince [2]float64
	declined   [2]bool
	gesture    [2]bool    // the side made a gesture of restraint (a promise, a stand-down) not yet seen broken
	gestureAt  [2]float64 // when
	// gestureEnd is when the gesture ends by itself (a promise of restraint
	// runs out); 0 while it lasts, as a stand-down does until the units
	// are sent again.
	gestureEnd [2]float64
	climbOp    int // the operation whose blame last moved the dyad up
}

func (w *World) buildStates() error {
	order := byID(w.sc.States, func(s scenarios.State) string { return s.ID })
	for _, i := range order {
		s := &w.sc.States[i]
		posture, ok := ParsePosture(s.Posture)
		if !ok {
			return errorf("state %s: unknown posture %q", s.ID, s.Posture)
		}
		agree, ok := agreementWords.parse(s.Agreement)
		if !ok {
			return errorf("state %s: unknown agreement %q", s.ID, s.Agreement)
		}
		var norms [numNorms]bool
		for _, letter := range s.Norms {
			n, ok := normWords.parse(letter)
			if !ok {
				return errorf("state %s: unknown norm %q", s.ID, letter)
			}
			norms[n] = true
		}
		w.stateIdx[s.ID] = len(w.states)
		w.states = append(w.states, state{
			private:     s.Naming == namingWords.names[namePrivate],
			forceTrust:  float64(s.TrustInForce),
			shownForce:  float64(s.TrustInForce),
			norms:       norms,
			id:          s.ID,
			maturity:    float64(s.Maturity),
			attribution: float64(s.Attribution),
			posture:     posture,
			agreement:   agree,
			population:  s.Population,
			network:     -1,
			against:     make([]float64, len(w.sc.States)),
		})
	}
	n := len(w.states)
	w.dyads = make([]dyad, n*(n-1)/2)
	for i := range n {
		for j := i + 1; j < n; j++ {
			trust, tension := scenarios.DefaultTrust, scenarios.DefaultTension
			w.dyads[w.dyadIndex(i, j)] = dyad{a: i, b: j, trust: trust, tension: tension, tension0: tension, lastHostile: -1e9, shownTrust: trust, shownTension: tension}
		}
	}
	for _, r := range w.sc.Relations {
		a, b := w.stateIdx[r.Between[0]], w.stateIdx[r.Between[1]]
		d := w.dyad(a, b)
		d.trust, d.tension, d.tension0 = float64(r.Trust), float64(r.Tension), float64(r.Tension)
		d.shownTrust, d.shownTension = d.trust, d.tension
		d.alliance = r.Alliance
		for _, name := range r.CBMs {
			c, ok := ParseCBM(name)
			if !ok {
				return errorf("relation %s/%s: unknown CBM %q", r.Between[0], r.Between[1], name)
			}
			d.cbms[c] = true
		}
		rung, ok := ParseRung(r.Rung)
		if !ok {
			return errorf("relation %s/%s: unknown rung %q", r.Between[0], r.Between[1], r.Rung)
		}
		d.rung, d.peak = rung, rung
		if rung > RungNone {
			d.lastHostile = 0 // a dispute the run starts with is live: it calms only after a quiet spell
		}
	}
	w.buildNetworks()
	return nil
}

// dyadIndex maps a pair of distinct states to its slot in the triangular
// table.
func (w *World) dyadIndex(i, j int) int {
	if i > j {
		i, j = j, i
	}
	n := len(w.states)
	return i*n - i*(i+1)/2 + (j - i - 1)
}

func (w *World) dyad(i, j int) *dyad { return &w.dyads[w.dyadIndex(i, j)] }

// respond is a state's answer to an operation it blames on another state:
// the dyad's tension rises with the severity, and the state climbs the
// ladder when its drive to respond clears the rung's threshold and the
// incident is severe enough for the next rung.
//
// drive = posture × severity/3 × (0.5 + tension + pressure − trust/2) ×
// (pressure: the public's, in general or against the state blamed) ×
// (0.5 if allied) × (0.8 with a hotline) × (0.5 during mediated talks) ×
// (1 − help/4 when the mediator supported the attribution); a rung r → r+1
// needs drive ≥
// threshold × (1 + r/2) and severity ≥ the severity of rung r+1 + posture shift,
// below the method's ceiling.
// Only incidents at least as severe as the current rung's floor keep the
// dispute from being quiet.
func (w *World) respond(victim, blamed int, severity int, method Method, op int) {
	if victim == blamed || blamed < 0 {
		return
	}
	d := w.dyad(victim, blamed)
	sev := float64(severity)
	tension0, trust0 := d.tension, d.trust
	d.tension = clamp01(d.tension + 0.02*sev)
	d.trust = clamp01(d.trust - 0.01*sev)
	if op > 0 {
		o := &w.ops[op-1]
		o.addedTension += d.tension - tension0
		o.lostTrust += trust0 - d.trust
	}
	if severity >= d.rung.severity() {
		d.lastHostile = w.env.Now()
	}
	st := &w.states[victim]
	ps := &postureSpecs[st.posture]
	if d.rung >= method.spec().ceiling || severity < (d.rung+1).severity()+ps.shift {
		return
	}
	drive := ps.factor * sev / 3 * (0.5 + d.tension + st.pressureOn(blamed) - d.trust/2)
	if d.alliance {
		drive *= 0.5
	}
	if d.cbms[CBMHotline] {
		drive *= 0.8
	}
	if w.env.Now() < w.force.talks[w.dyadIndex(victim, blamed)] {
		drive *= 0.5 // talks under way: the mediator keeps the channel open
	}
	drive *= 1 - w.mediatorHelp(op)/4 // evidence shared with both sides
	if drive >= w.sc.Model.Escalation.Threshold*(1+float64(d.rung)/2) {
		w.setRung(d, d.rung+1, victim, blamed, op)
	}
}

// setRung moves a dyad to rung r, decided by state `by` towards `other`.
func (w *World) setRung(d *dyad, r Rung, by, other int, op int) {
	if r == d.rung {
		return
	}
	up := r > d.rung
	d.rung = r
	d.peak = max(d.peak, r)
	rec := Record{Kind: KindEscalation, Rung: r, Op: op, Value: d.trust, Tension: d.tension}
	if by >= 0 {
		rec.State, rec.Other = w.states[by].id, w.states[other].id
	} else {
		rec.State, rec.Other = w.states[d.a].id, w.states[d.b].id
	}
	if !up {
		rec.Lower, rec.Text = true, deescalationText
		if by < 0 {
			rec.Actor = quietActor // no one decided: the dispute went quiet
		}
	}
	w.emit(rec)
	if r == RungArmed && w.armedSince < 0 {
		w.armedSince = w.env.Now()
	}
	if up && r == RungArmed {
		w.rally(d)
	}
	if up {
		d.climbOp = op
	}
	if up && r >= RungRetaliation && by >= 0 {
		w.orderRetaliation(by, other)
	}
	w.checkStage()
}

// rally is what armed conflict does to the two publics: each rallies against
// the other ("rally round the flag", Mueller 1970), so their pressure for a
// hard answer to the other is at least model.escalation.rally, and tension
// is at its highest. Judgement, swept with the other escalation parameters.
func (w *World) rally(d *dyad) {
	floor := float64(w.sc.Model.Escalation.Rally)
	a, b := &w.states[d.a], &w.states[d.b]
	a.against[d.b] = max(a.against[d.b], floor)
	b.against[d.a] = max(b.against[d.a], floor)
	d.tension = 1
}

// orderRetaliation makes state `by`'s retaliating units strike `other`.
func (w *World) orderRetaliation(by, other int) {
	for i := range w.attackers {
		a := &w.attackers[i]
		if a.retaliates && a.sponsor == by && !a.stoodDown {
			w.env.Schedule(exp(a.rng, 12), sim.Event{Kind: evRetaliate, Subject: int32(i), Object: int32(other)})
		}
	}
}

// daily runs the once-a-day routines: de-escalation of quiet dyads, tension
// relaxing, public pressure fading, the force's routines, and the stage
// rules.
func (w *World) daily() {
	m := &w.sc.Model
	quiet := m.Escalation.Quiet.Hours()
	now := w.env.Now()
	for i := range w.dyads {
		d := &w.dyads[i]
		decay := float64(m.Escalation.TensionDecay)
		if d.cbms[CBMConsultations] {
			decay *= 2 // OSCE CBM 3: regular consultations reduce misperception
		}
		d.tension += (d.tension0 - d.tension) * decay
		talks := w.talks(d) // asked for while the dispute is still active
		if d.rung == RungNone || now-d.lastHostile < quiet {
			continue
		}
		p := float64(m.Escalation.Calm) + 0.05*d.trust
		if d.cbms[CBMHotline] {
			p += 0.05
		}
		p += float64(m.CBM.ChannelCalm) * float64(d.cbmCount(cbmChannel))
		p += talks
		if w.uniform(drawCalm, uint64(i), uint64(now/24)) < p {
			w.setRung(d, d.rung-1, -1, -1, 0)
		}
	}
	fade := float64(m.Rumour.Fade)
	for i := range w.states {
		st := &w.states[i]
		if st.network < 0 || !w.rumourActive(st.network) {
			st.pressure *= 1 - fade
			for j := range st.against {
				st.against[j] *= 1 - fade
			}
		}
	}
	w.cooperate()
	w.forceDaily()
	w.reportDaily()
	w.reportForceTrust()
	w.checkStage()
	if now+24 <= w.horizon {
		w.env.Schedule(24, sim.Event{Kind: evDaily})
	}
}

// cooperate applies the cooperative measures (OSCE Decision 1202): each
// one two states hold raises both states' defence maturity by
// model.cbm.cooperation a year.
func (w *World) cooperate() {
	gain := float64(w.sc.Model.CBM.Cooperation) / 365
	if gain == 0 {
		return
	}
	for i := range w.dyads {
		d := &w.dyads[i]
		if n := float64(d.cbmCount(cbmCooperation)); n > 0 {
			for _, s := range [2]int{d.a, d.b} {
				w.states[s].maturity = math.Min(1, w.states[s].maturity+gain*n)
			}
		}
	}
}

// checkStage applies the stage rules: any dyad at the conflict rung opens
// (or reopens) the conflict; every dyad calm for long enough ends it.
func (w *World) checkStage() {
	st := &w.sc.Stages
	conflictAt, _ := ParseRung(st.ConflictAt)
	calmAt, _ := ParseRung(st.CalmAt)
	top := RungNone
	for i := range w.dyads {
		top = max(top, w.dyads[i].rung)
	}
	now := w.env.Now()
	switch w.stage {
	case PreConflict, PostConflict:
		if top >= conflictAt {
			w.setStage(Conflict, "a dispute reached "+conflictAt.String())
		}
	case Conflict:
		if top > calmAt {
			w.calmSince = -1
			return
		}
		if w.calmSince < 0 {
			w.calmSince = now
		}
		need := st.CalmFor.Hours()
		if w.ceasefireBrokered() {
			need /= 2
		}
		if now-w.calmSince >= need {
			w.setStage(PostConflict, "every dispute calm for "+scenarios.Duration(need).String())
		}
	}
}

// setStage moves the world to stage s.
func (w *World) setStage(s Stage, why string) {
	if s == w.stage {
		return
	}
	from := w.stage
	w.stage = s
	w.calmSince = -1
	w.emit(Record{Kind: KindStage, Text: why, Value: float64(from)})
	if s == PostConflict {
		w.leakTools()
	}
	w.refreshHarm()
}

// refreshHarm recomputes the harm rate of every asset out of service: it
// depends on the stage, the agreements and the force's functions.
func (w *World) refreshHarm() {
	for i := range w.assets {
		if w.assets[i].status != Working {
			w.update(i, 0)
		}
	}
}

// reportDaily reports the relations and public pressure that changed
// noticeably since they were last reported, so that the log alone can
// redraw the display's panels.
func (w *World) reportDaily() {
	for i := range w.dyads {
		d := &w.dyads[i]
		if abs(d.trust-d.shownTrust) < 0.005 && abs(d.tension-d.shownTension) < 0.005 {
			continue
		}
		d.shownTrust, d.shownTension = d.trust, d.tension
		w.emit(Record{Kind: KindRelation, State: w.states[d.a].id, Other: w.states[d.b].id, Rung: d.rung, Value: d.trust, Tension: d.tension})
	}
	for i := range w.states {
		st := &w.states[i]
		felt, most := st.felt()
		if abs(felt-st.shownPressure) < 0.005 {
			continue
		}
		st.shownPressure = felt
		w.emit(Record{Kind: KindPressure, State: st.id, Other: w.stateID(most), Value: felt})
	}
}

// pressureOn is the public pressure on state st for a hard answer to state
// other: in general, or raised by rumours that blame other.
func (st *state) pressureOn(other int) float64 { return max(st.pressure, st.against[other]) }

// felt is the strongest public pressure on st, and the state it is against
// when a rumour's blame makes it so (-1 otherwise).
func (st *state) felt() (float64, int) {
	felt, most := st.pressure, -1
	for j, p := range st.against {
		if p > felt {
			felt, most = p, j
		}
	}
	return felt, most
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}
