package agents

import (
	"math"
	"slices"

	"cpkrange/scenarios"
	"cpkrange/sim"
)

// Function is one function of the cyber peacekeeping force: a cell of the
// role × stage table of the CPK framework. Its word in scenarios is
// "role.function" (FunctionInfo.Name).
type Function uint8

// The force's functions, by role.
const (
	GuardianMonitoring Function = iota
	GuardianSafeLayer
	GuardianContainment
	GuardianCleanup
	MediatorConsultations
	MediatorAttribution
	MediatorDeEscalation
	MediatorVerification
	CoordinatorInformationSharing
	CoordinatorClearinghouse
	CoordinatorIncidentResponse
	CoordinatorLessons
	BuilderCapacity
	BuilderContinuity
	BuilderRehabilitation
	numFunctions
)

// FunctionInfo is what a function is and does (docs/force.md is generated
// from Functions).
type FunctionInfo struct {
	Function Function
	Name     string          // role.function, as scenarios name it
	Role     string          // one of Roles
	Stages   [numStages]bool // the stages in which it acts
	Does     string          // what it does in the model, in a sentence
	// Emits lists the record kinds the function emits or changes: its own
	// force.action records first, then the mechanisms' records it acts on.
	Emits []Kind
	// Serves is the metric the framework says the function serves, and
	// Worse the sign of its change when the function is switched off (+1:
	// it rises): the force lab's test and `cpkrange effects` measure it.
	Serves string
	Worse  int
}

// Functions lists every function of the force, by role, in the stages the
// framework places them (Akatyev & James, Cyber Peacekeeping, 2015/2017;
// ../shared/DOMAIN.md); Functions[f].Function == f.
var Functions = []FunctionInfo{
	{GuardianMonitoring, "guardian.monitoring", "guardian", stages(PreConflict, Conflict, PostConflict), "monitoring and early warning: more attacks detected, sooner, where the member state's agreement allows", emits(KindForce, KindAttackDetected), "detect_hours", +1},
	{GuardianSafeLayer, "guardian.safe-layer", "guardian", stages(PreConflict, Conflict), "protects the Cyberspace Safe Layer: blocks a share of attacks on it under full access", emits(KindForce, KindAttackBlocked, KindNormViolation), "safe_layer_hits", +1},
	{GuardianContainment, "guardian.containment", "guardian", stages(Conflict), "stops the spread of cyber weapons: faster worm cleanup", emits(KindForce, KindWormEnded), "worm_host_hours", +1},
	{GuardianCleanup, "guardian.cleanup", "guardian", stages(PostConflict), "collects and contains cyber weapons after the conflict: leaked tools are less often reused, worms cleaned faster", emits(KindForce, KindToolReused), "tools_reused", +1},
	{MediatorConsultations, "mediator.consultations", "mediator", stages(PreConflict), "confidence building: tense dyads gain trust and lose tension", emits(KindForce, KindRelation), "mean_trust", -1},
	{MediatorAttribution, "mediator.attribution", "mediator", stages(PreConflict, Conflict), "supports attribution: faster, fewer misattributions, evidence shared with both sides", emits(KindForce, KindForceQueued, KindAttackAttributed), "attribute_hours", +1},
	{MediatorDeEscalation, "mediator.de-escalation", "mediator", stages(Conflict), "talks that help disputes step down the ladder, and ceasefire brokering that ends the conflict sooner", emits(KindForce, KindForceQueued, KindEscalation, KindStage), "hours_conflict", +1},
	{MediatorVerification, "mediator.verification", "mediator", stages(PostConflict), "verifies commitments: trust rebuilt after the conflict", emits(KindForce, KindRelation), "mean_trust", -1},
	{CoordinatorInformationSharing, "coordinator.information-sharing", "coordinator", stages(PreConflict, Conflict), "shares indicators between CERTs: an attacker seen once is detected faster everywhere", emits(KindForce, KindAttackDetected), "detect_hours", +1},
	{CoordinatorClearinghouse, "coordinator.clearinghouse", "coordinator", stages(PreConflict, Conflict), "the Information Clearinghouse debunks rumours and disinformation", emits(KindForce, KindForceQueued, KindRumourEnded, KindPressure), "rumour_reach", +1},
	{CoordinatorIncidentResponse, "coordinator.incident-response", "coordinator", stages(Conflict), "coordinates incident response: outages repaired sooner", emits(KindForce, KindForceQueued, KindAssetStatus), "harm", +1},
	{CoordinatorLessons, "coordinator.lessons", "coordinator", stages(PostConflict), "coordinates recovery and lessons learned: hit states' defences improve", emits(KindForce), "mean_maturity", -1},
	{BuilderCapacity, "builder.capacity", "builder", stages(PreConflict), "capacity building: member states' defence maturity grows", emits(KindForce), "mean_maturity", -1},
	{BuilderContinuity, "builder.continuity", "builder", stages(Conflict), "keeps critical services running: less civilian harm from outages under full access", emits(KindForce, KindAssetStatus), "harm", +1},
	{BuilderRehabilitation, "builder.rehabilitation", "builder", stages(PostConflict), "rehabilitation: restoration sooner after the conflict, trust rebuilt", emits(KindForce, KindForceQueued, KindAssetStatus, KindRelation), "mean_trust", -1},
}

var functionWords = namesOf[Function]("function", Functions, func(f FunctionInfo) string { return f.Name })

func (f Function) String() string { return functionWords.name(f) }

func (f Function) info() *FunctionInfo { return &Functions[f] }

// ParseFunction returns the Function named s ("guardian.monitoring").
func ParseFunction(s string) (Function, bool) { return functionWords.parse(s) }

func emits(ks ...Kind) []Kind { return ks }

func stages(ss ...Stage) (out [numStages]bool) {
	for _, s := range ss {
		out[s] = true
	}
	return out
}

// Roles are the four roles of the force.
var Roles = []string{"guardian", "mediator", "coordinator", "builder"}

// taskKind is the kind of a request the force's teams work on.
type taskKind uint8

const (
	taskAttribution taskKind = iota // mediator.attribution
	taskRepair                      // coordinator.incident-response or builder.rehabilitation
	taskDebunk                      // coordinator.clearinghouse
	taskTalks                       // mediator.de-escalation
)

// taskState is where a request stands.
type taskState uint8

const (
	taskOpen   taskState = iota // queued or being worked on
	taskDone                    // finished: its effect applies
	taskLapsed                  // finished after its function stopped acting: no effect
)

// task is one request to the force.
type task struct {
	kind      taskKind
	function  Function
	op        int // operation, for attribution support
	asset     int
	wave      int
	dyad      int
	requester int // the state that asked
	since     float64
}

// team is a group of the force at run time.
type team struct {
	id       string
	offset   float64 // hours from the exercise clock to the team's local time
	start    float64
	end      float64
	capacity int
	busy     int
	onShift  bool
}

// force is the peacekeeping force at run time.
type force struct {
	enabled  bool
	host     *scenarios.Institution // who hosts it: its scope and reach
	on       [numFunctions]bool     // in the mandate and not switched off
	teams    []team
	tasks    []task
	queue    []int // pending tasks, oldest first
	state    []taskState
	talks    []float64 // per dyad: talks help until this time
	reported map[reportKey]float64
}

// reportKey names a routine report: a function and what it is about (a
// state, a dyad's first state with other set, an asset). A struct of
// strings hashes without building a new string.
type reportKey struct {
	function     Function
	about, other string
}

func (w *World) buildForce() error {
	f := &w.sc.Force
	w.force = force{enabled: f.Enabled, host: f.Host(), reported: map[reportKey]float64{}, talks: make([]float64, len(w.dyads))}
	for _, name := range f.Disabled {
		if _, ok := ParseFunction(name); !ok {
			return errorf("force.disabled: unknown function %q", name)
		}
	}
	for _, role := range f.Roles {
		if !slices.Contains(Roles, role) {
			return errorf("force.roles: unknown role %q", role)
		}
	}
	for _, name := range f.Standby {
		if _, ok := ParseFunction(name); !ok {
			return errorf("force.standby: unknown function %q", name)
		}
	}
	for _, fn := range Functions {
		w.force.on[fn.Function] = f.OnAtStart(fn.Name)
	}
	order := byID(f.Teams, func(t scenarios.Team) string { return t.ID })
	for _, i := range order {
		t := f.Teams[i]
		w.force.teams = append(w.force.teams, team{
			id: t.ID, offset: t.UTCOffset - w.sc.Meta.Timezone,
			start: t.Shift[0], end: t.Shift[1], capacity: t.Capacity,
		})
	}
	return nil
}

// on reports whether function fn acts now.
func (w *World) on(fn Function) bool {
	return w.force.on[fn] && fn.info().Stages[w.stage]
}

// act reports an action of the force.
func (w *World) act(fn Function, r Record) {
	r.Kind = KindForce
	r.Function = fn.String()
	r.Role = fn.info().Role
	if r.Actor == "" {
		r.Actor = "force"
	}
	w.emit(r)
}

// reportOnce reports a routine action at most once a week per key, so that
// daily routines do not flood the log.
func (w *World) reportOnce(key reportKey, function Function, r Record) {
	now := w.env.Now()
	if last, ok := w.force.reported[key]; ok && now-last < 24*7 {
		return
	}
	w.force.reported[key] = now
	w.act(function, r)
}

// --- teams, shifts and the request queue (follow-the-sun) ---

// localHour is the hour of day of a team at exercise time t.
func (t *team) localHour(now float64) float64 {
	h := math.Mod(now+t.offset, 24)
	if h < 0 {
		h += 24
	}
	return h
}

func (t *team) shiftOn(now float64) bool {
	h := t.localHour(now)
	if t.start <= t.end {
		return h >= t.start && h < t.end
	}
	return h >= t.start || h < t.end // a shift across midnight
}

// nextChange is how long until the team's shift starts or ends.
func (t *team) nextChange(now float64) float64 {
	h := t.localHour(now)
	next := math.Inf(1)
	for _, b := range []float64{t.start, t.end} {
		d := b - h
		if d <= 1e-9 {
			d += 24
		}
		next = math.Min(next, d)
	}
	return next
}

func (w *World) scheduleShifts() {
	if !w.force.enabled {
		return
	}
	for i := range w.force.teams {
		t := &w.force.teams[i]
		t.onShift = t.shiftOn(0)
		w.env.Schedule(t.nextChange(0), sim.Event{Kind: evShift, Subject: int32(i)})
	}
}

func (w *World) shift(i int, _ bool) {
	t := &w.force.teams[i]
	now := w.env.Now()
	t.onShift = t.shiftOn(now)
	w.env.Schedule(t.nextChange(now), sim.Event{Kind: evShift, Subject: int32(i)})
	w.dispatch()
}

// request queues a task for the force's teams and starts it if a team on
// shift has capacity.
func (w *World) request(t task) int {
	t.since = w.env.Now()
	w.force.tasks = append(w.force.tasks, t)
	w.force.state = append(w.force.state, taskOpen)
	id := len(w.force.tasks) - 1
	w.force.queue = append(w.force.queue, id)
	w.dispatch()
	if len(w.force.queue) > 0 && w.force.queue[len(w.force.queue)-1] == id {
		w.emit(Record{Kind: KindForceQueued, Function: t.function.String(), State: w.stateID(t.requester), Value: float64(len(w.force.queue))})
	}
	return id
}

// dispatch gives queued tasks, oldest first, to the teams on shift with the
// most free capacity.
func (w *World) dispatch() {
	for len(w.force.queue) > 0 {
		best := -1
		for i := range w.force.teams {
			t := &w.force.teams[i]
			if t.onShift && t.busy < t.capacity && (best < 0 || t.capacity-t.busy > w.force.teams[best].capacity-w.force.teams[best].busy) {
				best = i
			}
		}
		if best < 0 {
			return
		}
		id := w.force.queue[0]
		w.force.queue = w.force.queue[1:]
		w.force.teams[best].busy++
		t := &w.force.tasks[id]
		// Keyed by what the task is about, so other requests do not shift it.
		mean := w.sc.Model.Peacekeeping.TaskTime.Hours()
		d := w.expKeyed(mean, drawTask, uint64(t.kind), uint64(t.op), uint64(t.asset+1), uint64(t.wave+1), uint64(t.dyad+1), math.Float64bits(t.since))
		w.env.Schedule(d, sim.Event{Kind: evTaskDone, Subject: int32(best), Object: int32(id)})
	}
}

func (w *World) taskDone(ti, id int) {
	tm := &w.force.teams[ti]
	tm.busy--
	t := &w.force.tasks[id]
	if t.kind == taskRepair && t.function == CoordinatorIncidentResponse && w.stage == PostConflict {
		t.function = BuilderRehabilitation // the conflict ended while the team worked
	}
	if !w.on(t.function) {
		w.force.state[id] = taskLapsed // the stage moved on, or a script switched it off
		w.dispatch()
		return
	}
	if w.withoutConsent(t) {
		w.force.state[id] = taskLapsed // the state withdrew its consent meanwhile
		w.dispatch()
		return
	}
	w.force.state[id] = taskDone
	if t.kind == taskTalks {
		d := &w.dyads[t.dyad]
		w.trustForce(d.a, +1) // talks serve both parties
		w.trustForce(d.b, +1)
	} else {
		w.trustForce(t.requester, +1)
	}
	pk := &w.sc.Model.Peacekeeping
	r := Record{Actor: tm.id, Other: w.stateID(t.requester), Value: w.env.Now() - t.since}
	switch t.kind {
	case taskAttribution:
		o := &w.ops[t.op-1]
		r.Op, r.State, r.Text = t.op, w.states[o.victim].id, "evidence for attribution shared with both sides"
		w.act(t.function, r)
		w.exculpate(t.op) // the victim named already, and named wrongly
	case taskRepair:
		cut := float64(pk.RestoreCut)
		if t.function == CoordinatorIncidentResponse {
			cut /= 2
		}
		if w.speedRepair(t.asset, cut) {
			a := &w.assets[t.asset]
			r.Target, r.State, r.Text = a.id, w.states[a.owner].id, "restoration sped up"
			w.act(t.function, r)
		}
	case taskDebunk:
		wv := &w.rumours[t.wave]
		s := w.networks[wv.network].state
		r.State, r.Target, r.Op, r.Text = w.states[s].id, w.states[s].id, wv.op, "the clearinghouse debunks the rumour"
		w.act(t.function, r)
	case taskTalks:
		d := &w.dyads[t.dyad]
		w.force.talks[t.dyad] = w.env.Now() + 3*24
		r.State, r.Other, r.Text = w.states[d.a].id, w.states[d.b].id, "talks between the parties"
		w.act(t.function, r)
	}
	w.dispatch()
}

// withoutConsent reports whether task t needs access that its state no
// longer grants: attribution support and repair work inside the state,
// and the clearinghouse unless its institution works from open data.
func (w *World) withoutConsent(t *task) bool {
	if w.states[t.requester].agreement != agreeNone {
		return false
	}
	switch t.kind {
	case taskAttribution, taskRepair:
		return true
	case taskDebunk:
		return !w.force.host.OpenData
	}
	return false
}

// --- the hooks each mechanism calls ---

// monitoring raises the chance and speeds the detection of operation o
// where the member state lets the force monitor (guardian.monitoring).
func (w *World) monitoring(o *operation, p, mean float64) (float64, float64) {
	if !w.on(GuardianMonitoring) || !w.inScope(&w.attackers[o.attacker]) {
		return p, mean
	}
	boost := w.sc.Model.Peacekeeping.DetectBoost
	switch w.states[o.victim].agreement {
	case agreeFull:
		return 1 - (1-p)*0.4, mean / boost
	case agreeMonitoring:
		return 1 - (1-p)*0.7, mean / (1 + (boost-1)/2)
	}
	return p, mean
}

// blockOnSafeLayer decides whether the guardian blocks operation id against
// a Safe Layer asset; it reports the block as an action.
func (w *World) blockOnSafeLayer(id int) bool {
	o := &w.ops[id-1]
	if v := &w.states[o.victim]; !w.on(GuardianSafeLayer) || v.agreement != agreeFull || v.noSafeLayer {
		return false
	}
	if w.uniform(drawBlock, uint64(id)) >= float64(w.sc.Model.Peacekeeping.SafeLayerBlock) {
		return false
	}
	w.act(GuardianSafeLayer, Record{Op: id, Target: w.assets[o.asset].id, State: w.states[o.victim].id, Other: w.states[o.victim].id, Text: "attack on the Safe Layer blocked"})
	return true
}

// shareIndicators marks the attacker of a detected operation as known to
// every CERT (coordinator.information-sharing).
func (w *World) shareIndicators(id int) {
	o := &w.ops[id-1]
	a := &w.attackers[o.attacker]
	if a.known || !w.on(CoordinatorInformationSharing) || !w.inScope(a) {
		return
	}
	a.known = true
	w.act(CoordinatorInformationSharing, Record{Op: id, State: w.states[o.victim].id, Other: w.states[o.victim].id, Text: "indicators shared with every CERT"})
}

// warn issues the guardian's early warning about the attacker of a detected
// operation, once, where monitoring sees it.
func (w *World) warn(id int) {
	o := &w.ops[id-1]
	a := &w.attackers[o.attacker]
	fn, ok := w.warner()
	if a.warned || !ok || !w.inScope(a) || (fn == GuardianMonitoring && w.states[o.victim].agreement == agreeNone) {
		return
	}
	a.warned = true
	w.act(fn, Record{Op: id, State: w.states[o.victim].id, Other: w.states[o.victim].id, Text: "early warning issued to member states"})
}

// earlyWarning is what a guardian's early warning adds to a member state's
// defence against an attacker it has warned about.
func (w *World) earlyWarning(a *attacker, s int) float64 {
	if _, ok := w.warner(); !a.warned || !ok || w.states[s].agreement == agreeNone {
		return 0
	}
	return 0.1
}

// warner returns the function that issues early warnings: the guardian's
// monitoring, or, for an institution that works from open data without it
// (Global Pulse), the clearinghouse's analysis of open data and social
// media.
func (w *World) warner() (Function, bool) {
	switch {
	case w.on(GuardianMonitoring):
		return GuardianMonitoring, true
	case w.force.host.OpenData && w.on(CoordinatorClearinghouse):
		return CoordinatorClearinghouse, true
	}
	return 0, false
}

// attributionSupport asks the mediator to support the attribution of
// operation id and returns the expected attribution delay.
func (w *World) attributionSupport(id int, mean float64) float64 {
	o := &w.ops[id-1]
	if !w.on(MediatorAttribution) || w.states[o.victim].agreement == agreeNone {
		return mean // forensic work needs the victim's consent
	}
	w.request(task{kind: taskAttribution, function: MediatorAttribution, op: id, requester: o.victim})
	return mean * (1 - float64(w.sc.Model.Peacekeeping.AttributionHelp)/2)
}

// mediatorHelp is the share by which the mediator's support cuts
// misattribution of operation id: full when a team finished supporting it.
func (w *World) mediatorHelp(id int) float64 {
	for i, t := range w.force.tasks {
		if t.kind == taskAttribution && t.op == id && w.force.state[i] == taskDone {
			return float64(w.sc.Model.Peacekeeping.AttributionHelp)
		}
	}
	return 0
}

// requestRepairHelp asks for help restoring asset a, when the force can
// work in its state.
func (w *World) requestRepairHelp(ai, op int) {
	if op > 0 && !w.inScope(&w.attackers[w.ops[op-1].attacker]) {
		return // outside a cybercrime mandate
	}
	fn := CoordinatorIncidentResponse
	if w.stage == PostConflict {
		fn = BuilderRehabilitation
	}
	owner := w.assets[ai].owner
	if !w.on(fn) || w.states[owner].agreement == agreeNone {
		return
	}
	w.request(task{kind: taskRepair, function: fn, asset: ai, requester: owner})
}

// debunkRate is the clearinghouse's debunking rate in state s's network.
func (w *World) debunkRate(s int) float64 {
	if !w.on(CoordinatorClearinghouse) || (w.states[s].agreement == agreeNone && !w.force.host.OpenData) {
		return 0 // a non-member's public hears the clearinghouse only from open data
	}
	for i := range w.rumours {
		wv := &w.rumours[i]
		if w.networks[wv.network].state != s || wv.done {
			continue
		}
		if !wv.debunkAsked {
			wv.debunkAsked = true
			wv.debunkTask = w.request(task{kind: taskDebunk, function: CoordinatorClearinghouse, wave: i, requester: s})
		}
		if w.force.state[wv.debunkTask] == taskDone {
			return w.sc.Model.Peacekeeping.Debunk.PerHour()
		}
	}
	return 0
}

// containment multiplies the worm cleanup rate in state s; it reports the
// work where the worm has reached.
func (w *World) containment(s int, reached bool) float64 {
	fn := GuardianContainment
	if w.stage == PostConflict {
		fn = GuardianCleanup
	}
	if !w.on(fn) {
		return 1
	}
	f := w.sc.Model.Peacekeeping.Containment
	switch w.states[s].agreement {
	case agreeFull:
	case agreeMonitoring:
		f = 1 + (f-1)/2
	default:
		return 1
	}
	if !reached {
		return f
	}
	w.reportOnce(reportKey{fn, w.states[s].id, ""}, fn, Record{State: w.states[s].id, Other: w.states[s].id, Text: "infected hosts isolated and cleaned"})
	return f
}

// cleanupShare is the share by which the guardian's clean-up of cyber weapons
// cuts the chance that a leaked tool is reused.
func (w *World) cleanupShare() float64 {
	if !w.on(GuardianCleanup) {
		return 0
	}
	return float64(w.sc.Model.Peacekeeping.Cleanup)
}

// continuity is the share of harm avoided at asset a by keeping services
// running (builder.continuity, full access only).
func (w *World) continuity(a *asset, s Status) float64 {
	if !w.on(BuilderContinuity) || w.states[a.owner].agreement != agreeFull || s == Working {
		return 0
	}
	w.reportOnce(reportKey{BuilderContinuity, a.id, ""}, BuilderContinuity, Record{Target: a.id, State: w.states[a.owner].id, Other: w.states[a.owner].id, Text: "critical service kept running on fallback"})
	return float64(w.sc.Model.Peacekeeping.Continuity)
}

// talks is what the mediator's talks add to a dyad's daily chance to step
// down; it asks for talks on disputes above a protest.
func (w *World) talks(d *dyad) float64 {
	if !w.on(MediatorDeEscalation) {
		return 0
	}
	i := w.dyadIndex(d.a, d.b)
	now := w.env.Now()
	if now < w.force.talks[i] {
		return float64(w.sc.Model.Peacekeeping.TalksCalm)
	}
	if d.rung >= RungProtest && !w.talksPending(i) {
		w.request(task{kind: taskTalks, function: MediatorDeEscalation, dyad: i, requester: d.a})
	}
	return 0
}

func (w *World) talksPending(dyad int) bool {
	for i, t := range w.force.tasks {
		if t.kind == taskTalks && t.dyad == dyad && w.force.state[i] == taskOpen {
			return true
		}
	}
	return false
}

// ceasefireBrokered reports whether the mediator brokers a ceasefire, which
// halves the calm needed to end the conflict.
func (w *World) ceasefireBrokered() bool { return w.on(MediatorDeEscalation) }

// forceDaily runs the force's daily routines.
func (w *World) forceDaily() {
	if !w.force.enabled {
		return
	}
	w.certifyRestraint()
	pk := &w.sc.Model.Peacekeeping
	gain := float64(pk.TrustGain)
	for i := range w.dyads {
		d := &w.dyads[i]
		sa, sb := w.states[d.a].id, w.states[d.b].id
		switch {
		case w.on(MediatorConsultations) && d.tension > 0.3:
			d.trust += gain * (1 - d.trust) // diminishing: trust is slow to build
			d.tension = clamp01(d.tension - gain)
			w.reportOnce(reportKey{MediatorConsultations, sa, sb}, MediatorConsultations, Record{State: w.states[d.a].id, Other: w.states[d.b].id, Text: "consultations to reduce misperception"})
		case w.on(MediatorVerification) && d.peak >= RungProtest:
			d.trust += gain * (1 - d.trust)
			d.tension += (d.tension0 - d.tension) * 0.1
			w.reportOnce(reportKey{MediatorVerification, sa, sb}, MediatorVerification, Record{State: w.states[d.a].id, Other: w.states[d.b].id, Text: "commitments verified"})
		}
		if w.on(BuilderRehabilitation) && d.peak >= RungProtest {
			d.trust += gain / 2 * (1 - d.trust)
			w.reportOnce(reportKey{BuilderRehabilitation, sa, sb}, BuilderRehabilitation, Record{State: w.states[d.a].id, Other: w.states[d.b].id, Text: "trust rebuilt through joint recovery"})
		}
	}
	for i := range w.states {
		st := &w.states[i]
		if st.agreement == agreeNone {
			continue
		}
		if w.on(BuilderCapacity) {
			// Technical and diplomatic capacity: defence, and the forensic
			// and policy work of attributing an attack.
			st.maturity = math.Min(1, st.maturity+float64(pk.CapacityGain)/365)
			st.attribution = math.Min(1, st.attribution+float64(pk.CapacityGain)/365)
			w.reportOnce(reportKey{BuilderCapacity, st.id, ""}, BuilderCapacity, Record{State: st.id, Other: st.id, Value: st.maturity, Text: "training raises defence maturity and attribution capability"})
		}
		if w.on(CoordinatorLessons) && w.hit(i) {
			st.maturity = math.Min(1, st.maturity+float64(pk.CapacityGain)/365)
			w.reportOnce(reportKey{CoordinatorLessons, st.id, ""}, CoordinatorLessons, Record{State: st.id, Other: st.id, Value: st.maturity, Text: "lessons learned shared"})
		}
	}
}

// inScope reports whether the force's guardian and coordinator act
// against attacker a: every attacker, or only criminals for an
// institution whose mandate is cybercrime.
func (w *World) inScope(a *attacker) bool {
	return !w.force.host.CrimeOnly || a.kind == kindCriminal
}

// hit reports whether state s has had an operation against it succeed.
func (w *World) hit(s int) bool {
	for i := range w.ops {
		if w.ops[i].victim == s && w.ops[i].success {
			return true
		}
	}
	return false
}
