package agents

import (
	"unicode/utf8"

	"cpkrange/scenarios"
)

// inject fires inject i of the facilitator's script.
func (w *World) inject(i int) {
	in := &w.sc.Injects[i]
	w.emit(Record{Kind: KindInject, Actor: "facilitator", Target: in.ID, Text: in.Title})
	// An inject tells the room what has happened: the attacks it launches
	// succeed, with no draw and no block, so the story and the card agree.
	// A decision's attack is an attempt, drawn as any other.
	w.told = true
	for _, e := range in.Effects {
		w.apply(e, -1)
	}
	w.told = false
}

// Decision is a decision put to a team and not yet answered.
type Decision struct {
	Index   int // in the scenario's decisions
	Asked   float64
	Decider string
}

// SetInteractive makes decisions wait for Decide instead of taking their
// default option at once; a facilitation display turns it on.
func (w *World) SetInteractive(on bool) { w.interactive = on }

// Pending returns the decisions waiting for an answer, oldest first.
func (w *World) Pending() []Decision { return w.pending }

// prompt puts decision i to its decider.
func (w *World) prompt(i int) {
	d := &w.sc.Decisions[i]
	if (d.Decider == "force" && !w.sc.Force.Enabled) || (d.Requires != "" && !w.sc.Force.Mandates(d.Requires)) {
		return // nobody to decide, or an offer nobody can make
	}
	w.emit(Record{Kind: KindDecision, Actor: d.Decider, State: d.Decider, Target: d.ID, Text: d.Prompt})
	if w.interactive {
		w.pending = append(w.pending, Decision{Index: i, Asked: w.env.Now(), Decider: d.Decider})
		return
	}
	w.decide(i, d.Default, "default")
}

// Decide answers pending decision i (scenario index) with option (1-based),
// as `by` (a team or the facilitator); it reports false when decision i is
// not pending or the option does not exist.
func (w *World) Decide(i, option int, by string) bool {
	for k, p := range w.pending {
		if p.Index == i && option >= 1 && option <= len(w.sc.Decisions[i].Options) {
			w.pending = append(w.pending[:k], w.pending[k+1:]...)
			w.decide(i, option, by)
			return true
		}
	}
	return false
}

func (w *World) decide(i, option int, by string) {
	d := &w.sc.Decisions[i]
	opt := &d.Options[option-1]
	w.emit(Record{Kind: KindDecided, Actor: by, State: d.Decider, Target: d.ID, Value: float64(option), Text: opt.Label})
	decider := w.stateOr(d.Decider)
	for _, e := range opt.Effects {
		w.apply(e, decider)
	}
}

// MaxRationale is the longest rationale a vote may carry, in characters:
// a few sentences, enough to read out at the debrief.
const MaxRationale = 500

// Vote records team b.Team's vote on a pending decision it is the decider
// of; it reports false (recording nothing) when the decision is not
// pending, the team is not its decider, the option does not exist, or the
// rationale is longer than MaxRationale characters or not valid UTF-8. A
// team may vote again until the decision is answered; the last vote
// counts.
func (w *World) Vote(b Ballot) bool {
	if !utf8.ValidString(b.Rationale) || utf8.RuneCountInString(b.Rationale) > MaxRationale {
		return false
	}
	for _, p := range w.pending {
		d := &w.sc.Decisions[p.Index]
		if d.ID == b.Decision && d.Decider == b.Team && b.Option >= 1 && b.Option <= len(d.Options) {
			w.emit(Record{Kind: KindVote, Actor: b.Team, State: d.Decider, Target: d.ID, Value: float64(b.Option), Text: b.Rationale})
			return true
		}
	}
	return false
}

// Fire fires inject i now, out of its time (a facilitator's command).
func (w *World) Fire(i int) bool {
	if i < 0 || i >= len(w.sc.Injects) || w.ended {
		return false
	}
	w.inject(i)
	return true
}

// Command records a facilitator's command (pause, speed, screenshot, ...)
// in the log so that a session can be reproduced.
func (w *World) Command(name, arg string) {
	w.emit(Record{Kind: KindCommand, Actor: "facilitator", Function: name, Text: arg})
}

// apply makes one effect of an inject or a decision happen; by is the state
// that decided (-1 for an inject or a decider that is not a state). The
// scenario is validated, so every id and word it names exists.
func (w *World) apply(e scenarios.Effect, by int) {
	if e.Requires != "" && !w.sc.Force.Mandates(e.Requires) {
		return // it works through a function the force does not have
	}
	do, _ := effectWords.parse(e.Do)
	switch do {
	case doAttack:
		ai := w.atkIdx[e.Attacker]
		a := &w.attackers[ai]
		m, ok := ParseMethod(e.Method)
		if !ok {
			m = a.pickMethod() // no method given: the attacker's own mix
		}
		target := w.assetIdx[e.Target]
		if w.told && a.reuses >= 0 && !a.reused && w.attackers[a.reuses].leaked {
			// The script says this group strikes with the leaked tools:
			// it has them, whatever the clean-up caught before.
			w.pickUp(ai)
		}
		w.launchAt(ai, m, target, w.assets[target].owner)
	case doRumour:
		w.startRumour(w.stateIdx[e.State], float64(e.Share), 0, w.stateOr(e.Blames))
	case doTension, doTrust, doEscalate:
		a, b := w.stateIdx[e.Between[0]], w.stateIdx[e.Between[1]]
		d := w.dyad(a, b)
		switch do {
		case doTension:
			d.tension = clamp01(d.tension + e.By)
		case doTrust:
			d.trust = clamp01(d.trust + e.By)
		case doEscalate:
			r := max(RungNone, min(RungArmed, d.rung+Rung(e.By)))
			if e.To != "" {
				// "to" is the rung the dispute climbs to: a dispute already
				// above it stays where it is, never steps down by escalating.
				to, _ := ParseRung(e.To)
				r = max(d.rung, to)
			}
			if r > d.rung {
				d.lastHostile = w.env.Now()
			}
			// The side that decides is the side that moves; an inject moves
			// the first state it names.
			mover, other := a, b
			if by == b {
				mover, other = b, a
			}
			w.setRung(d, r, mover, other, 0)
		}
	case doTempo:
		ai := w.atkIdx[e.Attacker]
		a := &w.attackers[ai]
		rate, _ := scenarios.ParseRate(e.To)
		a.tempo = rate.PerHour()
		switch {
		case a.tempo <= 0 && !a.stoodDown:
			w.standDown(a.sponsor)
		case a.tempo > 0 && a.stoodDown:
			w.standUp(a.sponsor)
		}
		a.stoodDown = a.tempo <= 0
		a.tickGen++ // the pending tick, drawn at the old tempo, is void
		w.nextTick(ai)
	case doStage:
		s, _ := ParseStage(e.To)
		w.setStage(s, "by the script")
	case doPosture:
		// The posture carries its factor and its severity shift together,
		// so a state changed by script answers as one built that way.
		w.states[w.stateIdx[e.State]].posture, _ = ParsePosture(e.To)
	case doAgreement:
		a, _ := agreementWords.parse(e.To)
		w.setAgreement(w.stateIdx[e.State], a)
	case doNaming:
		w.states[w.stateIdx[e.State]].private = e.To == namingWords.names[namePrivate]
	case doCBM:
		c, _ := ParseCBM(e.To)
		w.dyad(w.stateIdx[e.Between[0]], w.stateIdx[e.Between[1]]).cbms[c] = true
	case doForce:
		fn, _ := ParseFunction(e.Function)
		was := w.force.on[fn]
		w.force.on[fn] = e.To == "on" && w.sc.Force.Mandates(fn.String())
		w.refreshHarm()
		if !was && w.force.on[fn] && (fn == CoordinatorIncidentResponse || fn == BuilderRehabilitation) {
			// Asked to help restore: the teams take up what is down now,
			// not only what goes down from here on.
			for ai := range w.assets {
				if w.assets[ai].own == Down {
					w.requestRepairHelp(ai, 0)
				}
			}
		}
	case doNote:
		w.emit(Record{Kind: KindInject, Actor: "facilitator", Text: e.Text})
	case doLeak:
		w.leak(w.atkIdx[e.Attacker])
	case doPatch:
		w.patch(float64(e.Share))
	case doSafeLayer:
		a := &w.assets[w.assetIdx[e.Target]]
		if on := e.To == "on"; a.safeLayer != on {
			a.safeLayer = on
			w.emit(Record{Kind: KindSafeLayer, Target: a.id, State: w.states[a.owner].id, Correct: on})
		}
	}
}
