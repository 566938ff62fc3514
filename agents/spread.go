package agents

import (
	"math"
	"math/rand/v2"

	"cpkrange/sim"
)

// network is a state's online population, where rumours spread.
type network struct {
	state       int
	users       int64
	contacts    float64 // mean contacts per spreader per hour
	pressure    float64 // weight of the share reached in public pressure
	classes     []DegreeClass
	credibility float64
	forgetting  float64 // per spreader per hour
}

// wave is one rumour or disinformation campaign running in a network.
type wave struct {
	r       *NetworkRumour
	blames  int       // the state the rumour blames, or -1
	pcg     *rand.PCG // the wave's own generator
	rng     *rand.Rand
	network int
	op      int
	done    bool

	debunkAsked bool
	debunkTask  int
}

// outbreak is one worm epidemic over every asset's hosts.
type outbreak struct {
	w       *Worm
	pcg     *rand.PCG // the outbreak's own generator
	rng     *rand.Rand
	op      int
	victim  int
	reached []bool    // per state: has had an infected host
	cleanup []float64 // per asset: cleanup rate per host per hour
	initial int64     // susceptible hosts at the start
	dt      float64   // the step now (model.worm.step, or finer while it grows fast)
	done    bool

	hostHours float64 // infected hosts × hours, integrated step by step
}

// wormDisrupts is the share of an asset's hosts that, infected, take it down.
const wormDisrupts = 0.2

func (w *World) buildNetworks() {
	for _, n := range w.sc.Information.Networks {
		s := w.stateIdx[n.State]
		w.states[s].network = len(w.networks)
		classes := HomogeneousDegrees()
		if shape, _ := degreesWords.parse(n.Degrees); shape == degreesScaleFree {
			// The structural cut-off of an uncorrelated network, √N
			// (Boguñá, Pastor-Satorras & Vespignani 2004), at most 10,000.
			kmax := int(min(1e4, math.Sqrt(float64(n.Users))))
			classes = ScaleFreeDegrees(n.Exponent, max(kmax, 1))
		}
		w.networks = append(w.networks, network{state: s, users: n.Users, contacts: n.Contacts.PerHour(), pressure: float64(n.Pressure),
			classes: classes, credibility: float64(n.Credibility), forgetting: n.Forgetting.PerHour()})
	}
}

func (w *World) rumourActive(net int) bool {
	for i := range w.rumours {
		if w.rumours[i].network == net && !w.rumours[i].done {
			return true
		}
	}
	return false
}

// startRumour seeds a wave in state s's network: share of its users start
// spreading a rumour that blames state blames (-1: no one in particular).
func (w *World) startRumour(s int, share float64, op, blames int) {
	net := w.states[s].network
	if net < 0 {
		return
	}
	n := w.networks[net]
	seeds := max(1, int64(share*float64(n.users)))
	i := len(w.rumours)
	pcg := w.ownStream(drawRumour, uint64(i))
	if blames == s {
		blames = -1 // a rumour against one's own government is pressure in general
	}
	w.rumours = append(w.rumours, wave{r: NewNetworkRumour(n.users, seeds, n.classes, n.credibility), blames: blames, network: net, op: op, pcg: pcg, rng: rand.New(pcg)})
	w.emit(Record{Kind: KindRumourWave, Op: op, State: w.states[s].id, Target: w.states[s].id, Other: w.stateID(blames), Value: float64(seeds)})
	w.env.Schedule(w.sc.Model.Rumour.Step.Hours(), sim.Event{Kind: evRumourStep, Subject: int32(i)})
}

func (w *World) rumourStep(i int) {
	wv := &w.rumours[i]
	n := &w.networks[wv.network]
	dt := w.sc.Model.Rumour.Step.Hours()
	wv.r.Step(wv.rng, dt, n.contacts, n.forgetting+w.debunkRate(n.state))
	st := &w.states[n.state]
	felt := clamp01(wv.r.Reached() * n.pressure)
	if wv.blames >= 0 {
		st.against[wv.blames] = max(st.against[wv.blames], felt)
	} else {
		st.pressure = max(st.pressure, felt)
	}
	if wv.r.Done() {
		wv.done = true
		w.emit(Record{Kind: KindRumourEnded, Op: wv.op, State: st.id, Target: st.id, Other: w.stateID(wv.blames), Value: wv.r.Reached()})
		return
	}
	w.env.Schedule(dt, sim.Event{Kind: evRumourStep, Subject: int32(i)})
}

// startWorm releases a worm at asset a.
//
// A release while an outbreak runs feeds that outbreak: it is the same worm
// spreading among the same hosts. A release after an outbreak has ended
// starts a new one in which the hosts cleaned before stay patched, so a
// worm cannot sweep the same hosts twice.
func (w *World) startWorm(a int, op int) {
	for i := range w.worms {
		if ob := &w.worms[i]; !ob.done {
			ob.w.Seed(a, 10)
			w.emit(Record{Kind: KindWormOutbreak, Op: op, Target: w.assets[a].id, State: w.states[w.assets[a].owner].id, Value: float64(ob.w.Infected())})
			w.wormReport(i)
			return
		}
	}
	hosts := make([]int64, len(w.assets))
	for i := range w.assets {
		hosts[i] = w.assets[i].hosts
	}
	wm := NewWorm(hosts, float64(w.sc.Model.Worm.Vulnerable))
	wm.Omega = w.sc.Model.Worm.WormSpace(wm.Omega)
	if n := len(w.worms); n > 0 {
		last := w.worms[n-1].w // ended: its removed hosts are patched or immune
		for i := range wm.S {
			immune := min(wm.S[i], last.R[i]-(hosts[i]-wm.S[i]))
			wm.S[i] -= immune
			wm.R[i] += immune
		}
	}
	wm.patch(1 - w.unpatched)
	w.unpatched = 1
	var initial int64
	for _, s := range wm.S {
		initial += s
	}
	wm.Seed(a, 10)
	pcg := w.ownStream(drawWorm, uint64(len(w.worms)))
	ob := outbreak{w: wm, op: op, pcg: pcg, rng: rand.New(pcg), victim: w.assets[a].owner, reached: make([]bool, len(w.states)), cleanup: make([]float64, len(w.assets)), initial: initial}
	ob.dt = w.sc.Model.Worm.WormStep(wm.Susceptible(), wm.Omega)
	w.worms = append(w.worms, ob)
	i := len(w.worms) - 1
	w.emit(Record{Kind: KindWormOutbreak, Op: op, Target: w.assets[a].id, State: w.states[ob.victim].id, Value: float64(wm.Infected())})
	w.wormReport(i)
	w.env.Schedule(ob.dt, sim.Event{Kind: evWormStep, Subject: int32(i)})
}

// patch applies a vendor's fix for the flaw the worms use (MS17-010 for
// EternalBlue, March 2017): share of the hosts still susceptible take it and
// can no longer be infected, in the outbreak under way or, when none runs,
// in the next one; and the attackers who picked up the leaked tools find
// that share of their targets closed to them (successChance).
func (w *World) patch(share float64) {
	running := false
	for i := range w.worms {
		if ob := &w.worms[i]; !ob.done {
			ob.w.patch(share)
			running = true
		}
	}
	if !running {
		w.unpatched *= 1 - share
	}
	w.patched = 1 - (1-w.patched)*(1-share)
	w.emit(Record{Kind: KindWormPatched, Value: share})
}

// wormStep advances outbreak i by its step, then sets the next step from
// the susceptible hosts left: fine while the worm grows fast, back to
// model.worm.step once it has run out of hosts to infect.
func (w *World) wormStep(i int) {
	ob := &w.worms[i]
	dt := ob.dt
	base := w.sc.Model.Worm.Cleanup.PerHour()
	for s := range w.states {
		w.states[s].cleanupRate = base * w.containment(s, ob.reached[s])
	}
	for a := range w.assets {
		ob.cleanup[a] = w.states[w.assets[a].owner].cleanupRate
	}
	ob.hostHours += float64(ob.w.Infected()) * dt
	ob.w.Step(ob.rng, dt, w.sc.Model.Worm.Scans, ob.cleanup)
	// The next step is set before the report: an asset the worm holds down
	// stays down until that step looks again, however long it is.
	ob.dt = w.sc.Model.Worm.WormStep(ob.w.Susceptible(), ob.w.Omega)
	more := w.wormReport(i)
	if more {
		w.env.Schedule(ob.dt, sim.Event{Kind: evWormStep, Subject: int32(i)})
	}
}

// wormReport reports the states the worm reached and the assets it took
// down, and whether the outbreak goes on.
func (w *World) wormReport(i int) bool {
	ob := &w.worms[i]
	dt := ob.dt
	for a := range w.assets {
		as := &w.assets[a]
		if ob.w.I[a] == 0 {
			continue
		}
		if !ob.reached[as.owner] {
			ob.reached[as.owner] = true
			w.emit(Record{Kind: KindWormSpread, Op: ob.op, Target: as.id, State: w.states[as.owner].id, Other: w.states[ob.victim].id, Correct: as.owner != ob.victim, Value: float64(ob.w.I[a])})
		}
		if as.hosts > 0 && float64(ob.w.I[a]) >= wormDisrupts*float64(as.hosts) {
			w.damage(a, Down, 1.5*dt, ob.op)
		}
	}
	if ob.w.Done() {
		ob.done = true
		var s int64
		for _, x := range ob.w.S {
			s += x
		}
		w.emit(Record{Kind: KindWormEnded, Op: ob.op, State: w.states[ob.victim].id, Value: float64(ob.initial - s)})
		return false
	}
	return true
}
