package agents

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"

	"cpkrange/scenarios"
	"cpkrange/sim"
)

// Event kinds on the kernel's queue. Subject and Object index the world's
// tables; Value carries a generation count where a later event can make an
// earlier one stale.
const (
	evAttackerTick int32 = iota // Subject: attacker
	evDetect                    // Subject: operation
	evAttribute                 // Subject: operation
	evRepair                    // Subject: asset; Value: generation
	evBackupOut                 // Subject: asset; Value: generation
	evDaily                     // once a day: dyads, stages, force routines
	evWormStep                  // Subject: worm outbreak
	evRumourStep                // Subject: rumour wave
	evInject                    // Subject: inject
	evDecision                  // Subject: decision
	evShift                     // Subject: team; Object: 1 shift starts, 0 ends
	evTaskDone                  // Subject: team; Object: task
	evRetaliate                 // Subject: attacker; Object: target state
	evEnd                       // the horizon
)

// Priorities order simultaneous events: the horizon last, so that
// everything due at the horizon still happens.
const (
	prioNormal int32 = 0
	prioEnd    int32 = 100
)

// World is one run of a scenario: the kernel, the model's state and its
// recorders. Build makes one; Run or Advance moves it.
type World struct {
	sc      *scenarios.Scenario
	env     *sim.Env
	rec     sim.Recorder[Record]
	horizon float64
	ended   bool

	stage      Stage
	calmSince  float64 // when every dyad last became calm; -1 while not calm
	armedSince float64 // first time any dyad reached armed conflict; -1 never

	states    []state
	stateIdx  map[string]int
	dyads     []dyad // triangular: see dyadIndex
	assets    []asset
	assetIdx  map[string]int
	attackers []attacker
	atkIdx    map[string]int
	ops       []operation
	worms     []outbreak
	unpatched float64 // share of the vulnerable hosts not patched while no outbreak ran, for the next one
	patched   float64 // share of hosts that took the fix for the leaked tools' flaw, over the run
	rumours   []wave
	networks  []network

	force force

	interactive bool
	pending     []Decision
	told        bool // an inject's effects are being applied: its attacks happen as written
}

// Build makes a world from a loaded, validated scenario, seeded with seed,
// reporting to rec (which may be nil). The world's tables are sorted by id,
// so the order of entries in the file does not change a run.
func Build(sc *scenarios.Scenario, seed uint64, rec sim.Recorder[Record]) (*World, error) {
	w := &World{
		sc:         sc,
		env:        sim.New(seed),
		rec:        rec,
		horizon:    sc.Meta.Horizon.Hours(),
		calmSince:  -1,
		armedSince: -1,
		unpatched:  1,
		stateIdx:   map[string]int{},
		assetIdx:   map[string]int{},
		atkIdx:     map[string]int{},
	}
	start, ok := ParseStage(sc.Stages.Start)
	if !ok {
		return nil, fmt.Errorf("agents: unknown start stage %q", sc.Stages.Start)
	}
	w.stage = start
	if err := w.buildStates(); err != nil {
		return nil, err
	}
	if err := w.buildAssets(); err != nil {
		return nil, err
	}
	if err := w.buildAttackers(); err != nil {
		return nil, err
	}
	if err := w.buildForce(); err != nil {
		return nil, err
	}
	w.schedule()
	return w, nil
}

// byID returns the indices of items sorted by their ids.
func byID[T any](items []T, id func(T) string) []int {
	idx := make([]int, len(items))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return strings.Compare(id(items[a]), id(items[b])) })
	return idx
}

func (w *World) schedule() {
	w.emit(Record{Kind: KindRunStart, Text: w.sc.Meta.Name, Value: float64(w.env.Seed())})
	for i := range w.attackers {
		w.nextTick(i)
	}
	for i, in := range w.sc.Injects {
		w.env.At(in.At.Hours(), sim.Event{Kind: evInject, Subject: int32(i)})
	}
	for i, d := range w.sc.Decisions {
		w.env.At(d.At.Hours(), sim.Event{Kind: evDecision, Subject: int32(i)})
	}
	w.env.At(24, sim.Event{Kind: evDaily})
	w.scheduleShifts()
	w.env.At(w.horizon, sim.Event{Kind: evEnd, Priority: prioEnd})
}

// emit stamps r with the time and stage and passes it to the recorders.
func (w *World) emit(r Record) {
	if w.rec == nil {
		return
	}
	r.Time = w.env.Now()
	r.Stage = w.stage
	w.rec.Record(r)
}

// Now returns the simulated time in hours.
func (w *World) Now() float64 { return w.env.Now() }

// Horizon returns the time, in hours, at which the run ends.
func (w *World) Horizon() float64 { return w.horizon }

// Stage returns the current stage.
func (w *World) Stage() Stage { return w.stage }

// Ended reports whether the run has reached its horizon.
func (w *World) Ended() bool { return w.ended }

// Seed returns the seed of the run.
func (w *World) Seed() uint64 { return w.env.Seed() }

// Scenario returns the scenario the world was built from.
func (w *World) Scenario() *scenarios.Scenario { return w.sc }

// Events returns the number of kernel events fired so far.
func (w *World) Events() uint64 { return w.env.Fired() }

// Run runs the world to its horizon.
func (w *World) Run() { w.env.RunUntil(w.horizon, w) }

// Advance runs the world until time t (hours), or the horizon if sooner;
// a display calls it from its frame update.
func (w *World) Advance(t float64) {
	t = math.Min(t, w.horizon)
	if t > w.env.Now() {
		w.env.RunUntil(t, w)
	}
}

// StepEvent fires the next kernel event, if any before the horizon, and
// reports whether it did.
func (w *World) StepEvent() bool {
	next, ok := w.env.Peek()
	if !ok || w.ended || next > w.horizon {
		return false
	}
	ev, _ := w.env.Step()
	w.Handle(ev)
	return true
}

// Handle fires one kernel event; it is the world's sim.Handler.
func (w *World) Handle(ev sim.Event) {
	if w.ended {
		return
	}
	switch ev.Kind {
	case evAttackerTick:
		w.attackerTick(int(ev.Subject), ev.Value)
	case evDetect:
		w.detect(int(ev.Subject))
	case evAttribute:
		w.attribute(int(ev.Subject))
	case evRepair:
		w.repair(int(ev.Subject), ev.Value)
	case evBackupOut:
		w.backupOut(int(ev.Subject), ev.Value)
	case evDaily:
		w.daily()
	case evWormStep:
		w.wormStep(int(ev.Subject))
	case evRumourStep:
		w.rumourStep(int(ev.Subject))
	case evInject:
		w.inject(int(ev.Subject))
	case evDecision:
		w.prompt(int(ev.Subject))
	case evShift:
		w.shift(int(ev.Subject), ev.Object == 1)
	case evTaskDone:
		w.taskDone(int(ev.Subject), int(ev.Object))
	case evRetaliate:
		w.retaliate(int(ev.Subject), int(ev.Object))
	case evEnd:
		w.end()
	}
}

func (w *World) end() {
	w.reportFinal()
	w.emit(Record{Kind: KindRunEnd, Value: float64(w.env.Fired())})
	w.ended = true
	w.env.Stop()
}

// reportFinal reports the state of the world at the horizon that no earlier
// record carries exactly: each dyad's trust, tension and rung, each state's
// defence maturity, each worm outbreak's toll. With them the metrics of a
// run are a fold of its log.
func (w *World) reportFinal() {
	for i := range w.dyads {
		d := &w.dyads[i]
		w.emit(Record{Kind: KindDyadFinal, State: w.states[d.a].id, Other: w.states[d.b].id, Rung: d.rung, Value: d.trust, Tension: d.tension})
	}
	for i := range w.states {
		st := &w.states[i]
		w.emit(Record{Kind: KindStateFinal, State: st.id, Value: st.maturity})
		if st.forceTrust != st.shownForce {
			st.shownForce = st.forceTrust
			w.emit(Record{Kind: KindForceTrust, State: st.id, Value: st.forceTrust})
		}
	}
	for i := range w.worms {
		ob := &w.worms[i]
		var s int64
		for _, x := range ob.w.S {
			s += x
		}
		w.emit(Record{Kind: KindWormFinal, Op: ob.op, State: w.states[ob.victim].id, Value: float64(ob.initial - s), Hours: ob.hostHours})
	}
}

// exp draws an exponential time with the given mean (hours).
func exp(rng *rand.Rand, mean float64) float64 { return rng.ExpFloat64() * mean }

func clamp01(x float64) float64 { return math.Max(0, math.Min(1, x)) }

// Replicate runs sc once to its horizon with seed, reporting to the given
// recorders too (nil ones are skipped), and returns the run's metrics.
func Replicate(sc *scenarios.Scenario, seed uint64, recs ...sim.Recorder[Record]) (*Metrics, error) {
	m := NewMetrics(sc)
	tee := sim.Tee[Record]{m}
	for _, r := range recs {
		if r != nil {
			tee = append(tee, r)
		}
	}
	w, err := Build(sc, seed, tee)
	if err != nil {
		return nil, err
	}
	w.Run()
	return m, nil
}
