package agents

import (
	"math"
	"math/rand/v2"
	"slices"

	"cpkrange/scenarios"
	"cpkrange/sim"
)

// attacker is an attacking group at run time.
type attacker struct {
	id         string
	kind       attackerKind
	sponsor    int // state index, or -1
	skill      float64
	stealth    float64
	tempo      float64              // operations per hour
	methods    []Method             // in table order
	cumWeight  []float64            // cumulative weights of methods
	targets    []bool               // per state: may be targeted
	sectors    *[numSectors]float64 // sector weights; nil: every sector alike
	safeLayerW float64
	falseFlag  int
	stages     [numStages]bool
	retaliates bool
	reuses     int     // attacker whose leaked tool this one can pick up, or -1
	reused     bool    // it has picked it up
	stoodDown  bool    // a script set its tempo to zero: it takes no orders either
	tickGen    float64 // generation of the pending tick; a tempo change starts a new chain
	usedTool   bool    // it has used a worm, wiper or ransomware
	leaked     bool    // its tools are loose
	// leakScripted: an inject leaks its tools (effect "leak"), so the end of
	// the conflict does not.
	leakScripted bool
	known        bool // its indicators have been shared between CERTs
	warned       bool // the guardian has issued an early warning about it
	rng          *rand.Rand
}

// operation is one cyber operation, from launch to attribution.
type operation struct {
	attacker int
	method   Method
	asset    int // -1 when the target is a state's population
	victim   int
	severity int
	launched float64
	blocked  bool
	success  bool
	blamed   int  // the state the victim named, or -1
	correct  bool // the victim named the state behind it
	private  bool // named in private, through the force's consultations
	cleared  bool // the force's finding cleared the state wrongly named
	// What naming it in public did to the dyad, for the force's finding
	// to undo if the name was wrong.
	addedTension, lostTrust float64
}

func (w *World) buildAttackers() error {
	order := byID(w.sc.Attackers, func(a scenarios.Attacker) string { return a.ID })
	for _, i := range order {
		w.atkIdx[w.sc.Attackers[i].ID] = len(w.attackers)
		w.attackers = append(w.attackers, attacker{})
	}
	for _, i := range order {
		sa := &w.sc.Attackers[i]
		a := &w.attackers[w.atkIdx[sa.ID]]
		kind, ok := attackerKindWords.parse(sa.Kind)
		if !ok {
			return errorf("attacker %s: unknown kind %q", sa.ID, sa.Kind)
		}
		*a = attacker{
			id: sa.ID, kind: kind, sponsor: w.stateOr(sa.Sponsor),
			skill: float64(sa.Skill), stealth: float64(sa.Stealth), tempo: sa.Tempo.PerHour(),
			safeLayerW: sa.Targets.SafeLayer,
			falseFlag:  w.stateOr(sa.FalseFlag), retaliates: sa.Retaliates,
			reuses: -1, rng: w.env.Stream("attacker/" + sa.ID),
		}
		if sa.Reuses != "" {
			a.reuses = w.atkIdx[sa.Reuses]
		}
		a.leakScripted = w.leaksByScript(sa.ID)
		mix := sa.Methods
		if len(mix) == 0 {
			mix = scenarios.DefaultMethodMix
		}
		for name := range mix {
			if _, ok := ParseMethod(name); !ok {
				return errorf("attacker %s: unknown method %q", sa.ID, name)
			}
		}
		if len(sa.Targets.Sectors) > 0 {
			a.sectors = new([numSectors]float64)
			for name, wt := range sa.Targets.Sectors {
				sec, ok := ParseSector(name)
				if !ok {
					return errorf("attacker %s: unknown sector %q", sa.ID, name)
				}
				a.sectors[sec] = wt
			}
		}
		total := 0.0
		for _, m := range Methods() { // fixed order: map order must not leak into runs
			if wt := mix[m.String()]; wt > 0 {
				total += wt
				a.methods = append(a.methods, m)
				a.cumWeight = append(a.cumWeight, total)
			}
		}
		a.targets = make([]bool, len(w.states))
		for s := range w.states {
			a.targets[s] = len(sa.Targets.States) == 0 && s != a.sponsor
		}
		for _, id := range sa.Targets.States {
			a.targets[w.stateIdx[id]] = true
		}
		for _, s := range sa.Stages {
			st, ok := ParseStage(s)
			if !ok {
				return errorf("attacker %s: unknown stage %q", sa.ID, s)
			}
			a.stages[st] = true
		}
	}
	return nil
}

// leaksByScript reports whether an inject or a decision's option leaks the
// tools of attacker id.
func (w *World) leaksByScript(id string) bool {
	leaks := func(es []scenarios.Effect) bool {
		return slices.ContainsFunc(es, func(e scenarios.Effect) bool { return e.Do == doLeak.String() && e.Attacker == id })
	}
	for _, in := range w.sc.Injects {
		if leaks(in.Effects) {
			return true
		}
	}
	for _, d := range w.sc.Decisions {
		for _, o := range d.Options {
			if leaks(o.Effects) {
				return true
			}
		}
	}
	return false
}

// stateOr returns the index of state id, or -1 for "" or an unknown id.
func (w *World) stateOr(id string) int {
	if i, ok := w.stateIdx[id]; ok {
		return i
	}
	return -1
}

func (w *World) nextTick(ai int) {
	a := &w.attackers[ai]
	if a.tempo <= 0 {
		return
	}
	if t := w.env.Now() + exp(a.rng, 1/a.tempo); t < w.horizon {
		w.env.At(t, sim.Event{Kind: evAttackerTick, Subject: int32(ai), Value: a.tickGen})
	}
}

// active reports whether attacker a acts on its own now.
func (w *World) active(a *attacker) bool {
	return a.stages[w.stage] && (a.reuses < 0 || a.reused)
}

func (w *World) attackerTick(ai int, gen float64) {
	a := &w.attackers[ai]
	if gen != a.tickGen {
		return // a tempo change started a new chain of ticks
	}
	if a.tempo > 0 && w.active(a) {
		w.launch(ai, -1)
	}
	w.nextTick(ai)
}

func (w *World) retaliate(ai, target int) { w.launch(ai, target) }

// pickMethod draws a method from the attacker's mix.
// An attacker always has a method: the schema refuses an empty mix.
func (a *attacker) pickMethod() Method {
	u := a.rng.Float64() * a.cumWeight[len(a.cumWeight)-1]
	i, _ := slices.BinarySearch(a.cumWeight, u)
	return a.methods[min(i, len(a.methods)-1)]
}

// pickTarget draws the asset attacker a hits with method m (or the state,
// for disinformation): weight = sector preference × (Safe Layer weight for
// Safe Layer assets), over the states it targets (only `only` when ≥ 0).
// It returns asset -1 and victim -1 when nothing fits.
func (w *World) pickTarget(a *attacker, m Method, only int) (asset, victim int) {
	allowed := func(s int) bool {
		if only >= 0 {
			return s == only
		}
		return a.targets[s] && !w.holding(a.sponsor, s)
	}
	if m.spec().population {
		total := 0
		for s := range w.states {
			if allowed(s) && w.states[s].network >= 0 {
				total++
			}
		}
		if total == 0 {
			return -1, -1
		}
		k := a.rng.IntN(total)
		for s := range w.states {
			if allowed(s) && w.states[s].network >= 0 {
				if k == 0 {
					return -1, s
				}
				k--
			}
		}
	}
	total := 0.0
	for i := range w.assets {
		total += w.targetWeight(a, m, i, allowed)
	}
	if total <= 0 {
		return -1, -1
	}
	u := a.rng.Float64() * total
	last := -1
	for i := range w.assets {
		wt := w.targetWeight(a, m, i, allowed)
		if wt <= 0 {
			continue
		}
		last = i
		if u -= wt; u < 0 {
			break
		}
	}
	return last, w.assets[last].owner // last: rounding can leave u just above 0
}

func (w *World) targetWeight(a *attacker, m Method, i int, allowed func(int) bool) float64 {
	as := &w.assets[i]
	if !allowed(as.owner) || (m.spec().hosts && as.hosts == 0) {
		return 0
	}
	wt := 1.0
	if a.sectors != nil {
		wt = a.sectors[as.sector]
	}
	if as.safeLayer {
		wt *= a.safeLayerW
	}
	return wt
}

// severity draws an operation's severity on DCID's scale (1–6) from the
// severities DCID 2.0 records for incidents of the method
// (scenarios.DefaultSeverityCountsByMethod), or from all incidents for a
// method DCID has none of.
func severity(rng *rand.Rand, m Method) int {
	counts, ok := scenarios.DefaultSeverityCountsByMethod[m.String()]
	if !ok {
		return 1 + sampleIndex(rng, scenarios.DefaultSeverity[:])
	}
	var w [6]float64
	for i, c := range counts {
		w[i] = float64(c)
	}
	return 1 + sampleIndex(rng, w[:])
}

// sampleIndex draws index i with probability weights[i]/Σweights.
func sampleIndex(rng *rand.Rand, weights []float64) int {
	var total float64
	for _, x := range weights {
		total += x
	}
	u := rng.Float64() * total
	last := 0
	for i, x := range weights {
		if x <= 0 {
			continue
		}
		if u < x {
			return i
		}
		u -= x
		last = i // rounding can leave u just above 0: the last possible index
	}
	return last
}

// launch starts one operation of attacker ai, of a method drawn from its
// mix, against a target it chooses (in state `only` when ≥ 0).
func (w *World) launch(ai, only int) {
	a := &w.attackers[ai]
	m := a.pickMethod()
	target, victim := w.pickTarget(a, m, only)
	if victim < 0 {
		// Nothing the attacker may aim at fits the method: say so, so that
		// a scenario whose attacker cannot act is seen, not silently quiet.
		rec := Record{Kind: KindAttackNoTarget, Actor: a.id, Origin: w.stateID(a.sponsor), Method: m.String()}
		if only >= 0 {
			rec.State = w.states[only].id
		}
		w.emit(rec)
		return
	}
	w.launchAt(ai, m, target, victim)
}

// launchAt starts one operation of attacker ai with method m against asset
// target (-1 for a state's population) of state victim.
func (w *World) launchAt(ai int, m Method, target, victim int) {
	a := &w.attackers[ai]
	op := operation{attacker: ai, method: m, asset: target, victim: victim, severity: severity(a.rng, m), launched: w.env.Now(), blamed: -1}
	w.ops = append(w.ops, op)
	id := len(w.ops)
	o := &w.ops[id-1]
	if m.spec().weapon {
		a.usedTool = true
	}
	rec := Record{Kind: KindAttackLaunched, Op: id, Actor: a.id, Origin: w.stateID(a.sponsor), State: w.states[victim].id, Method: m.String(), Value: float64(o.severity)}
	if target >= 0 {
		rec.Target = w.assets[target].id
	} else {
		rec.Target = w.states[victim].id
	}
	w.emit(rec)

	if !w.told && target >= 0 && w.assets[target].safeLayer && w.blockOnSafeLayer(id) {
		o.blocked = true
		rec.Kind = KindAttackBlocked
		w.emit(rec)
		w.violation(id)
		return
	}
	o.success = w.told || m.spec().population || a.rng.Float64() < w.successChance(a, target)
	if o.success {
		rec.Kind = KindAttackSucceeded
		w.emit(rec)
		w.effect(id)
	} else {
		rec.Kind = KindAttackFailed
		w.emit(rec)
	}
	w.scheduleDetection(id)
}

// successChance is the logistic curve of skill against defence:
// 1 / (1 + exp(−k (skill − defence))).
func (w *World) successChance(a *attacker, target int) float64 {
	d := 0.5
	if target >= 0 {
		d = w.defenceOf(&w.assets[target]) + w.earlyWarning(a, w.assets[target].owner)
	}
	p := 1 / (1 + math.Exp(-w.sc.Model.Attack.Steepness*(a.skill-d)))
	if a.reused {
		p *= 1 - w.patched // the leaked exploit no longer opens a patched host
	}
	return p
}

// effect applies a successful operation's effect on its target.
func (w *World) effect(id int) {
	o := &w.ops[id-1]
	a := &w.attackers[o.attacker]
	sev := float64(o.severity) / 3
	ms := o.method.spec()
	switch ms.effect {
	case effectDamage:
		if o.method == MethodDDoS && !onlineSector[w.assets[o.asset].sector] {
			// A flood takes down web fronts and online services; power and
			// water do not flow through them (Ukraine 2015 flooded the call
			// centres, not the grid). The operation succeeds; no one loses
			// the service.
			return
		}
		hours := exp(a.rng, w.sc.Model.Attack.Outage.Hours()*sev*ms.outageShare)
		if ms.restoreShare > 0 {
			hours += w.assets[o.asset].restore * sev * ms.restoreShare
		}
		w.damage(o.asset, ms.status, hours, id)
	case effectWorm:
		w.startWorm(o.asset, id)
	case effectRumour:
		// Disinformation blames whom the attacker would have blamed: its
		// false flag, if it has one; else it stirs pressure in general.
		w.startRumour(o.victim, 0.001*sev, id, a.falseFlag)
	}
}

func (w *World) stateID(i int) string {
	if i < 0 {
		return ""
	}
	return w.states[i].id
}

// scheduleDetection decides whether the victim will notice operation id and
// when: chance 0.3 + 0.6 maturity − 0.3 stealth, after an exponential delay
// with mean detect_delay × (0.5 + stealth)/(0.5 + maturity); the force's
// monitoring and shared indicators raise the chance and shorten the delay.
func (w *World) scheduleDetection(id int) {
	o := &w.ops[id-1]
	a := &w.attackers[o.attacker]
	v := &w.states[o.victim]
	p := clamp01(0.3 + 0.6*v.maturity - 0.3*a.stealth)
	mean := w.sc.Model.Attack.DetectDelay.Hours() * (0.5 + a.stealth) / (0.5 + v.maturity)
	p, mean = w.monitoring(o, p, mean)
	if a.known {
		mean /= 2
	}
	if w.uniform(drawDetect, uint64(id)) >= p {
		return
	}
	w.env.Schedule(w.expKeyed(mean, drawDetectDelay, uint64(id)), sim.Event{Kind: evDetect, Subject: int32(id)})
}

func (w *World) detect(id int) {
	o := &w.ops[id-1]
	a := &w.attackers[o.attacker]
	rec := Record{Kind: KindAttackDetected, Op: id, Actor: a.id, Origin: w.stateID(a.sponsor), State: w.states[o.victim].id, Method: o.method.String(), Value: w.env.Now() - o.launched}
	if o.asset >= 0 {
		rec.Target = w.assets[o.asset].id
	} else {
		rec.Target = rec.State
	}
	w.emit(rec)
	w.seenOperating(a.sponsor, o.victim, id)
	if o.asset >= 0 && w.assets[o.asset].safeLayer {
		w.violation(id)
	}
	w.shareIndicators(id)
	w.warn(id)
	v := &w.states[o.victim]
	mean := w.sc.Model.Attack.AttributeDelay.Hours() * (1.5 - v.attribution)
	mean = w.attributionSupport(id, mean)
	w.env.Schedule(w.expKeyed(mean, drawAttributeDelay, uint64(id)), sim.Event{Kind: evAttribute, Subject: int32(id)})
}

// violation reports an operation against the Cyberspace Safe Layer.
func (w *World) violation(id int) {
	o := &w.ops[id-1]
	a := &w.attackers[o.attacker]
	w.emit(Record{Kind: KindNormViolation, Op: id, Actor: a.id, Origin: w.stateID(a.sponsor), Target: w.assets[o.asset].id, State: w.states[o.victim].id, Method: o.method.String(), Text: "attack on the Cyberspace Safe Layer (UN GGE norm " + NormF.String() + ")"})
}

// attribute settles who the victim blames for operation id. It names
// someone with chance 0.2 + 0.7 attribution − 0.3 stealth; the name is wrong
// with chance misattribution × (0.5 + stealth/2) × (by kind: proxy 1,
// hacktivist 0.8, criminal 0.6, state 0.5), plus 0.3 for a false flag, and
// then it is the flagged state or another bystander.
func (w *World) attribute(id int) {
	o := &w.ops[id-1]
	a := &w.attackers[o.attacker]
	v := &w.states[o.victim]
	rec := Record{Kind: KindAttackAttributed, Op: id, Actor: a.id, Origin: w.stateID(a.sponsor), State: v.id, Method: o.method.String(), Value: w.env.Now() - o.launched}
	help := w.mediatorHelp(id)
	pName := clamp01(0.2 + 0.7*v.attribution - 0.3*a.stealth)
	pName = 1 - (1-pName)*(1-help/2)
	if w.uniform(drawName, uint64(id)) >= pName {
		rec.Kind = KindAttackUnattributed
		w.emit(rec)
		return
	}
	mis := float64(w.sc.Model.Attack.Misattribution) * (0.5 + a.stealth/2) * attackerKindSpecs[a.kind].misattribution
	if a.falseFlag >= 0 {
		mis += 0.3
	}
	if a.sponsor >= 0 {
		d := w.dyad(o.victim, a.sponsor)
		if d.cbms[CBMContactPoints] {
			mis *= 0.7
		}
		mis *= math.Pow(1-float64(w.sc.Model.CBM.Transparency), float64(d.cbmCount(cbmTransparency)))
	}
	mis *= 1 - help
	blamed, correct := a.sponsor, true
	if w.uniform(drawMisattribute, uint64(id)) < mis {
		if wrong := w.scapegoat(a, o.victim, id); wrong >= 0 {
			blamed, correct = wrong, false
		}
	}
	if blamed == o.victim {
		blamed = -1
	}
	rec.Other, rec.Correct = w.stateID(blamed), correct
	w.emit(rec)
	if blamed < 0 {
		return
	}
	o.blamed, o.correct = blamed, correct
	if w.confidential(id, blamed) {
		if correct {
			w.privateFinding(id, blamed)
		} else {
			w.clearInPrivate(id, blamed)
		}
		return
	}
	sev := o.severity
	if !o.success {
		sev = max(1, sev-1) // an attempt that did nothing provokes less
	}
	supported := help > 0
	if supported && correct {
		w.trustForce(blamed, -1) // named in public on the force's evidence
	}
	w.respond(o.victim, blamed, sev, o.method, id)
	if correct {
		w.seenBreaking(id)
		if o.asset >= 0 && w.assets[o.asset].safeLayer {
			w.loseSafeLayer(blamed, id)
		}
	} else if supported {
		w.exculpate(id) // the evidence the force shared clears the state named
	}
}

// scapegoat picks the state wrongly blamed: the false flag if there is one,
// else a bystander drawn at random.
func (w *World) scapegoat(a *attacker, victim, id int) int {
	if a.falseFlag >= 0 && a.falseFlag != victim && a.falseFlag != a.sponsor {
		return a.falseFlag
	}
	var n int
	for s := range w.states {
		if s != victim && s != a.sponsor {
			n++
		}
	}
	if n == 0 {
		return -1
	}
	k := int(w.uniform(drawScapegoat, uint64(id)) * float64(n))
	for s := range w.states {
		if s != victim && s != a.sponsor {
			if k == 0 {
				return s
			}
			k--
		}
	}
	return -1
}

// leakTools runs when a conflict ends: the tools of every attacker that
// used a cyber weapon and that another could reuse are loose, unless a
// scripted inject leaks them at its own moment.
func (w *World) leakTools() {
	for i := range w.attackers {
		src := &w.attackers[i]
		if src.usedTool && !src.leakScripted && w.reusable(i) {
			w.leak(i)
		}
	}
}

// reusable reports whether any attacker could pick up attacker src's tools.
func (w *World) reusable(src int) bool {
	for i := range w.attackers {
		if w.attackers[i].reuses == src {
			return true
		}
	}
	return false
}

// pickUp makes attacker i take up the leaked tools of the attacker it
// reuses: it becomes active, and the maker's tools have proliferated
// (norm i).
func (w *World) pickUp(i int) {
	a := &w.attackers[i]
	src := &w.attackers[a.reuses]
	a.reused = true
	w.emit(Record{Kind: KindToolReused, Actor: a.id, Other: src.id})
	w.normBroken(NormI, src.sponsor, -1, 0)
}

// leak makes attacker si's tools loose, once: each attacker able to reuse
// them picks them up with chance model.attack.reuse, unless the force's
// clean-up collects them first (a share model.peacekeeping.cleanup of those
// pick-ups). One draw per attacker decides both, so switching the clean-up
// off changes only the pick-ups it prevented.
func (w *World) leak(si int) {
	src := &w.attackers[si]
	if src.leaked {
		return
	}
	src.leaked = true
	w.emit(Record{Kind: KindToolLeaked, Actor: src.id, Origin: w.stateID(src.sponsor)})
	for i := range w.attackers {
		a := &w.attackers[i]
		if a.reuses != si || a.reused {
			continue
		}
		reuse := float64(w.sc.Model.Attack.Reuse)
		u := w.uniform(drawReuse, uint64(i))
		switch {
		case u < reuse*(1-w.cleanupShare()):
			w.pickUp(i)
		case u < reuse:
			w.act(GuardianCleanup, Record{Actor: "force", Target: src.id, Text: "leaked tools of " + src.id + " collected and contained before " + a.id + " could reuse them"})
		}
	}
}
