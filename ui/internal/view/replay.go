package view

import (
	"fmt"
	"math"
	"path/filepath"

	"cpkrange/agents"
	"cpkrange/scenarios"
)

// ReplayConfig is what a replay plays: an event log and the scenario it
// was recorded from (loaded from the log header's source, variant and
// overrides).
type ReplayConfig struct {
	Scenario *scenarios.Scenario
	Header   agents.LogHeader
	Records  []agents.Record
	Log      string  // the log's path, shown on screen
	At       float64 // start at this simulated time (hours)
	TPS      int     // frames a second (default 60)
	ShotDir  string  // where screenshots go
}

// Replay plays an event log on the live screen. Its cursor is a time and
// the number of records applied; playing applies the records up to the
// cursor as it moves, and pauses at each decision so the room sees the
// question before the answer. Jumping back folds the records again from
// the start (BenchmarkRefold: a third of a millisecond for the largest
// bundled scenario's log).
// Nothing the facilitator does in a replay changes the log.
type Replay struct {
	core
	cfg    ReplayConfig
	model  *Model
	n      int     // records applied
	t      float64 // the cursor
	paused bool

	stages    []StageChange
	injects   []float64
	decisions []float64
	horizon   float64
}

// NewReplay prepares a replay at cfg.At (0: the start), running.
func NewReplay(cfg ReplayConfig) *Replay {
	r := &Replay{core: newCore(cfg.TPS), cfg: cfg, horizon: cfg.Header.Horizon}
	if r.horizon <= 0 {
		r.horizon = cfg.Scenario.Meta.Horizon.Hours()
	}
	if n := len(cfg.Records); n > 0 {
		r.horizon = math.Max(r.horizon, cfg.Records[n-1].Time)
	}
	start := newModel(cfg.Scenario, cfg.Header.Seed)
	start.pictures.readsLog(cfg.Records)
	r.stages = []StageChange{{0, start.Stage, "start"}}
	for _, rec := range cfg.Records {
		switch rec.Kind {
		case agents.KindStage:
			r.stages = append(r.stages, StageChange{rec.Time, rec.Stage, rec.Text})
		case agents.KindInject:
			r.injects = append(r.injects, rec.Time)
		case agents.KindDecision:
			r.decisions = append(r.decisions, rec.Time)
		}
	}
	r.model = start
	r.seek(cfg.At)
	return r
}

// seek moves the cursor to time t: forward by applying the records up to
// t, back by folding the log again from the start. A seek passes decisions
// without stopping.
func (r *Replay) seek(t float64) {
	t = math.Max(0, math.Min(t, r.horizon))
	if t < r.t || (t == r.t && r.n > 0 && r.cfg.Records[r.n-1].Time > t) {
		r.model = newModel(r.cfg.Scenario, r.cfg.Header.Seed)
		r.model.pictures.readsLog(r.cfg.Records)
		r.n = 0
	}
	r.t = t
	for r.n < len(r.cfg.Records) && r.cfg.Records[r.n].Time <= t {
		r.model.apply(r.cfg.Records[r.n])
		r.n++
	}
	r.model.SetNow(t)
	r.skipOldCards(r.model, t)
}

// play moves the cursor forward to t, stopping right after a decision is
// put.
func (r *Replay) play(t float64) {
	t = math.Min(t, r.horizon)
	for r.n < len(r.cfg.Records) && r.cfg.Records[r.n].Time <= t {
		rec := r.cfg.Records[r.n]
		r.model.apply(rec)
		r.n++
		if rec.Kind == agents.KindDecision {
			r.t = rec.Time
			r.model.SetNow(r.t)
			r.paused = true
			return
		}
	}
	r.t = math.Max(r.t, t)
	r.model.SetNow(r.t)
}

func (r *Replay) atEnd() bool { return r.n >= len(r.cfg.Records) && r.t >= r.horizon }

// Do applies one command.
func (r *Replay) Do(c Command) {
	if !r.core.do(c, r) {
		r.do(c)
	}
	r.trackCard(r.model)
}

func (r *Replay) do(c Command) {
	switch c.Kind {
	case CmdPause:
		if r.atEnd() {
			r.seek(0)
			r.paused = false
			return
		}
		r.paused = !r.paused
	case CmdStep:
		r.paused = true
		if r.n < len(r.cfg.Records) {
			rec := r.cfg.Records[r.n]
			r.model.apply(rec)
			r.n++
			r.t = math.Max(r.t, rec.Time)
			r.model.SetNow(r.t)
		}
	case CmdHour:
		r.seek(r.t + 1)
	case CmdDay:
		r.seek(r.t + 24)
	case CmdBackHour:
		r.seek(r.t - 1)
	case CmdBackDay:
		r.seek(r.t - 24)
	case CmdPrevStage:
		target := 0.0
		for _, s := range r.stages {
			if s.Time < r.t-1e-9 {
				target = s.Time
			}
		}
		r.seek(target)
		r.paused = true
	case CmdNextStage:
		for _, s := range r.stages {
			if s.Time > r.t+1e-9 {
				r.seek(s.Time)
				r.paused = true
				return
			}
		}
		r.notice("no later stage change")
	case CmdStart:
		r.seek(0)
		r.paused = true
	case CmdEnd:
		r.seek(r.horizon)
	case CmdSeek:
		r.seek(c.Hours)
	}
}

// command, shotName, closeOverlay and quit make Replay the core's mode:
// nothing the facilitator does in a replay is recorded.

func (r *Replay) command(name, arg string) {}

func (r *Replay) shotName() string { return uniqueShot(r.cfg.ShotDir, r.cfg.Header.Source, r.t) }

func (r *Replay) closeOverlay() bool { return false }

func (r *Replay) quit() {}

// Update runs one frame: unless paused, the cursor moves by speed × dt
// simulated hours, dt being the real seconds the frame stands for.
func (r *Replay) Update(dt float64) {
	r.tick++
	if !r.paused && !r.help && !r.atEnd() { // the help holds the replay
		r.play(r.t + r.speedHours()*dt)
	}
	r.trackCard(r.model)
}

// Now is the cursor's time.
func (r *Replay) Now() float64 { return r.t }

// applied is the number of records applied.
func (r *Replay) applied() int { return r.n }

// Frame is what the screen shows now.
func (r *Replay) Frame() Frame {
	m := r.model
	f := Frame{
		Mode: ModeReplay, Source: r.cfg.Header.Source, Run: 1, Paused: r.paused || r.help || r.atEnd(), Ended: r.atEnd(),
		Position: fmt.Sprintf("REPLAY of %s · event %d of %d", filepath.Base(r.cfg.Log), r.n, len(r.cfg.Records)),
	}
	r.frame(m, &f)
	f.Timeline = Timeline{Horizon: r.horizon, Now: r.t, Stages: r.stages, End: r.horizon,
		Injects: r.injects, Decisions: r.decisions, Scrub: true}
	return f
}

func (r *Replay) shown() *Model { return r.model }
