package agents

import "cpkrange/scenarios"

// The peacekeeping path: the ways by which an impartial force calms a
// crisis rather than only making attacks visible (docs/model.md §11).
// "With attribution nearly impossible, it is less obvious when good faith
// measures are taking place. In such a situation countries need more
// support for building peaceful cooperation in cyberspace" (Akatyev &
// James 2017, §1): findings passed in private before anyone names anyone
// in public, exculpatory evidence, verified restraint, and the trust in the
// force on which each of them depends.

// side is which state of dyad d state s is: 0 for d.a, 1 for d.b.
func (d *dyad) side(s int) int {
	if s == d.a {
		return 0
	}
	return 1
}

// confidential reports whether the victim of operation id takes the
// force's finding to the other side in private: the victim names in
// private, the mediator's consultations are there to carry it, a team has
// worked on the attribution, the accused has not already turned down a
// private finding from this victim, and the victim trusts the force enough
// (a keyed draw against its trust in the force).
func (w *World) confidential(id, blamed int) bool {
	o := &w.ops[id-1]
	v := &w.states[o.victim]
	if !v.private || !w.on(MediatorConsultations) || w.mediatorHelp(id) == 0 {
		return false
	}
	d := w.dyad(o.victim, blamed)
	if d.declined[d.side(blamed)] {
		return false
	}
	return w.uniform(drawPrivate, uint64(id)) < v.forceTrust
}

// privateFinding is the victim's answer when it takes the finding to
// consultations: tension rises half as much as in public, trust does not
// fall, nobody climbs the ladder, and the accused is asked to hold its
// operations back. It accepts with a chance equal to its own trust in the
// force; a party that accepts holds its units back for
// model.peacekeeping.restraint; one that refuses is named in public the
// next time.
func (w *World) privateFinding(id, blamed int) {
	o := &w.ops[id-1]
	d := w.dyad(o.victim, blamed)
	sev := o.severity
	if !o.success {
		sev = max(1, sev-1) // as in public: an attempt that did nothing provokes less
	}
	d.tension = clamp01(d.tension + 0.01*float64(sev))
	o.private = true
	w.act(MediatorConsultations, Record{Op: id, State: w.states[o.victim].id, Other: w.states[blamed].id, Correct: true,
		Text: "the finding is passed in private, through consultations: no public accusation"})
	accused := &w.states[blamed]
	side := d.side(blamed)
	accepts := w.uniform(drawRestrain, uint64(id)) < accused.forceTrust
	until := w.env.Now() + w.sc.Model.Peacekeeping.Restraint.Hours()
	rec := Record{Kind: KindRestraint, Op: id, State: accused.id, Other: w.states[o.victim].id, Correct: accepts, Value: until}
	if accepts {
		d.holdUntil[side] = max(d.holdUntil[side], until)
		d.gesture[side], d.gestureAt[side], d.gestureEnd[side] = true, w.env.Now(), until
		d.quietSince[side] = w.env.Now()
	} else {
		d.declined[side] = true
	}
	w.emit(rec)
}

// clearInPrivate is the private channel when the victim suspects the wrong
// state: in consultations the force's evidence, shared with both sides,
// clears it before anyone names it in public. No grievance follows.
func (w *World) clearInPrivate(id, wrong int) {
	o := &w.ops[id-1]
	o.private, o.cleared = true, true
	w.act(MediatorConsultations, Record{Op: id, State: w.states[o.victim].id, Other: w.states[wrong].id,
		Text: "the suspicion is taken to consultations in private, where the evidence clears " + w.states[wrong].id})
	a := &w.attackers[o.attacker]
	w.emit(Record{Kind: KindExculpation, Op: id, Actor: a.id, Origin: w.stateID(a.sponsor), State: w.states[o.victim].id, Other: w.states[wrong].id, Method: o.method.String()})
	w.trustForce(wrong, +1)
}

// holding reports whether state s has agreed to hold its operations
// against state t now.
func (w *World) holding(s, t int) bool {
	if s < 0 || s == t {
		return false
	}
	d := w.dyad(s, t)
	return w.env.Now() < d.holdUntil[d.side(s)]
}

// seenOperating notes that operation id of state s's units against state
// t has been detected: it ends any quiet spell the guardian was watching,
// and a gesture of restraint s had made is seen broken: it costs the dyad
// what a certificate would have given. What nobody detects, nobody sees:
// the guardian can certify restraint that was not kept.
func (w *World) seenOperating(s, t, id int) {
	if s < 0 || s == t {
		return
	}
	d := w.dyad(s, t)
	side := d.side(s)
	lasts := w.gestureLasts(d, side)
	if lasts && w.ops[id-1].launched < d.gestureAt[side] {
		return // launched before the gesture: it breaks nothing
	}
	d.quietSince[side] = w.env.Now()
	if !lasts {
		return
	}
	d.gesture[side] = false
	d.holdUntil[side] = 0
	g := float64(w.sc.Model.Peacekeeping.GoodFaith)
	d.tension = clamp01(d.tension + g)
	d.trust -= g * d.trust
	w.emit(Record{Kind: KindRestraint, Op: id, State: w.states[s].id, Other: w.states[t].id, Text: restraintBroken})
}

// restraintBroken marks a restraint record of a gesture seen broken.
const restraintBroken = "broken"

// standDown is a gesture of restraint by state s: its units stood down by
// the script, in every dispute it is part of.
func (w *World) standDown(s int) {
	if s < 0 {
		return
	}
	for t := range w.states {
		if t == s {
			continue
		}
		d := w.dyad(s, t)
		if side := d.side(s); d.rung >= RungProtest && !d.gesture[side] {
			d.gesture[side], d.gestureAt[side], d.gestureEnd[side] = true, w.env.Now(), 0
			d.quietSince[side] = w.env.Now()
		}
	}
}

// standUp ends state s's stand-downs: its units are sent again, which
// ends the gesture without breaking it.
func (w *World) standUp(s int) {
	if s < 0 {
		return
	}
	for t := range w.states {
		if t != s {
			if d := w.dyad(s, t); d.gesture[d.side(s)] && d.gestureEnd[d.side(s)] == 0 {
				d.gesture[d.side(s)] = false
			}
		}
	}
}

// gestureLasts reports whether side's gesture in dyad d still stands,
// ending one whose time has run out.
func (w *World) gestureLasts(d *dyad, side int) bool {
	if d.gesture[side] && d.gestureEnd[side] > 0 && w.env.Now() >= d.gestureEnd[side] {
		d.gesture[side] = false // kept to the end: nothing broken
	}
	return d.gesture[side]
}

// certifyRestraint is the guardian's verification of good faith, run
// daily: where a dispute is live (protest or above) and one side has made
// a gesture of restraint (it accepted a finding passed in private, or
// stood its units down) and no operation of its units against the other
// has been detected for model.peacekeeping.verify_after, the force,
// monitoring the other side's networks (an agreement there), certifies it.
// A certified gesture takes good_faith off the dyad's tension and repairs
// good_faith of its distrust. A force whose mandate is cybercrime does not
// watch states' restraint.
func (w *World) certifyRestraint() {
	if !w.on(GuardianMonitoring) || w.force.host.CrimeOnly {
		return
	}
	window := w.sc.Model.Peacekeeping.VerifyAfter.Hours()
	g := float64(w.sc.Model.Peacekeeping.GoodFaith)
	now := w.env.Now()
	for i := range w.dyads {
		d := &w.dyads[i]
		if d.rung < RungProtest {
			continue
		}
		for side, s := range [2]int{d.a, d.b} {
			other := d.b
			if side == 1 {
				other = d.a
			}
			if !w.gestureLasts(d, side) || !w.hasUnits(s) || w.states[other].agreement == agreeNone || now-d.quietSince[side] < window {
				continue
			}
			d.quietSince[side] = now // the next certificate needs a new quiet spell
			d.tension = clamp01(d.tension - g)
			d.trust += g * (1 - d.trust)
			w.act(GuardianMonitoring, Record{State: w.states[s].id, Other: w.states[other].id, Value: window,
				Text: "restraint verified: no operation from " + w.states[s].id + " against " + w.states[other].id + " for " + hoursText(window)})
		}
	}
}

// isVerifiedRestraint tells a certificate of restraint among the
// guardian's actions: it alone carries the window it watched.
func isVerifiedRestraint(r Record) bool {
	return r.Kind == KindForce && r.Function == GuardianMonitoring.String() && r.Value > 0
}

// hasUnits reports whether state s sponsors an attacker, so that its
// restraint means something.
func (w *World) hasUnits(s int) bool {
	for i := range w.attackers {
		if w.attackers[i].sponsor == s {
			return true
		}
	}
	return false
}

// exculpate runs when the force's work on operation id is done: if the
// victim has already named the wrong state in public, the force's finding
// clears it (a false flag exposed). The victim takes the correction as far
// as it trusts the force: the tension and distrust the wrong blame added
// (as respond recorded them) are undone in that proportion, the public pressure against the cleared
// state halves, and a rung the wrong blame climbed steps back down with
// that chance.
func (w *World) exculpate(id int) {
	o := &w.ops[id-1]
	if o.blamed < 0 || o.correct || o.private || o.cleared {
		return
	}
	o.cleared = true
	v, wrong := &w.states[o.victim], o.blamed
	d := w.dyad(o.victim, wrong)
	take := v.forceTrust * float64(w.sc.Model.Peacekeeping.Exculpation)
	d.tension = clamp01(d.tension - o.addedTension*take)
	d.trust = clamp01(d.trust + o.lostTrust*take)
	v.against[wrong] /= 2
	a := &w.attackers[o.attacker]
	w.emit(Record{Kind: KindExculpation, Op: id, Actor: a.id, Origin: w.stateID(a.sponsor), State: v.id, Other: w.states[wrong].id, Method: o.method.String()})
	w.trustForce(wrong, +1)
	if d.climbOp == id && d.rung > RungNone && w.uniform(drawRetract, uint64(id)) < take {
		w.setRung(d, d.rung-1, o.victim, wrong, id)
	}
}

// trustForce moves state s's trust in the force by
// model.peacekeeping.force_trust_gain: up (dir > 0) by gain × (1 − trust),
// down by gain × trust.
func (w *World) trustForce(s, dir int) {
	st := &w.states[s]
	g := float64(w.sc.Model.Peacekeeping.ForceTrustGain)
	if dir > 0 {
		st.forceTrust += g * (1 - st.forceTrust)
	} else {
		st.forceTrust -= g * st.forceTrust
	}
}

// --- norms with consequences ---

// normBroken is what a state committed to norm n pays when it is seen to
// break it: model.peacekeeping.norm_cost of its trust with every other
// state (proportionally, so trust stays above zero), "standing with third
// states" as the UN GGE report's voluntary norms rest on reputation.
func (w *World) normBroken(n Norm, s, victim, op int) {
	if s < 0 || !w.states[s].norms[n] {
		return
	}
	st := &w.states[s]
	cost := float64(w.sc.Model.Peacekeeping.NormCost)
	for t := range w.states {
		if t != s {
			d := w.dyad(s, t)
			d.trust -= cost * d.trust
		}
	}
	w.emit(Record{Kind: KindNormBroken, Op: op, State: st.id, Other: w.stateID(victim), Text: n.String(), Value: cost})
}

// seenBreaking checks the norms an operation correctly and publicly
// attributed to its sponsor breaks: (f) a successful operation that
// damages critical infrastructure, (c) an operation by a group that is
// not the state's own, from its territory.
func (w *World) seenBreaking(id int) {
	o := &w.ops[id-1]
	a := &w.attackers[o.attacker]
	if a.sponsor < 0 {
		return
	}
	if o.success && o.asset >= 0 && criticalSector[w.assets[o.asset].sector] {
		w.normBroken(NormF, a.sponsor, o.victim, id)
	}
	if a.kind != kindStateGroup {
		w.normBroken(NormC, a.sponsor, o.victim, id)
	}
}

// --- agreements as conditions ---

// loseSafeLayer withdraws the Safe Layer's protection from state s, a
// member whose own units were seen attacking the Safe Layer: "the
// conditions for that support, and the requirements member countries must
// meet to continue to receive such support" (Akatyev & James 2017, §2.2).
func (w *World) loseSafeLayer(s, op int) {
	if s < 0 || !w.on(GuardianSafeLayer) {
		return // only a force that protects the Safe Layer can withdraw it
	}
	st := &w.states[s]
	if st.noSafeLayer || st.agreement == agreeNone {
		return
	}
	st.noSafeLayer = true
	w.emit(Record{Kind: KindSupport, Op: op, State: st.id, Function: GuardianSafeLayer.String(), Text: "the Safe Layer's protection is withdrawn: its units attacked the Safe Layer"})
}

// setAgreement changes what state s lets the force do (consent given or
// withdrawn), and says so.
func (w *World) setAgreement(s int, a agreement) {
	st := &w.states[s]
	if st.agreement == a {
		return
	}
	st.agreement = a
	w.emit(Record{Kind: KindAgreement, State: st.id, Text: a.String()})
	w.refreshHarm()
}

// reportForceTrust reports each state's trust in the force when it has
// moved noticeably since last reported, so that the log carries it.
func (w *World) reportForceTrust() {
	for i := range w.states {
		st := &w.states[i]
		if abs(st.forceTrust-st.shownForce) < 0.005 {
			continue
		}
		st.shownForce = st.forceTrust
		w.emit(Record{Kind: KindForceTrust, State: st.id, Value: st.forceTrust})
	}
}

// hoursText writes a span of hours as the scenario format does ("7d").
func hoursText(h float64) string { return scenarios.Duration(h).String() }
