package view

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"cpkrange/agents"
	"cpkrange/scenarios"
	"cpkrange/sim"
)

// cardSeconds is how long an inject or an answer stays on screen (Esc
// closes it sooner).
const cardSeconds = 10

// LiveConfig is what a live session runs.
type LiveConfig struct {
	Scenario *scenarios.Scenario
	Source   string   // the bundled name or file the scenario came from
	Variant  string   // applied when loading, for the log header
	Sets     []string // applied when loading, for the log header
	Seed     uint64
	Log      string  // write the event log here ("" none); a restart writes NAME-2.EXT, ...
	At       float64 // run to this simulated time (hours) before the first frame
	TPS      int     // frames a second (default 60): a frame advances speed/TPS hours
	ShotDir  string  // where screenshots go ("" the working directory)
	// Teams, when set, hears every record of the run and hands in the
	// votes teams cast from their own devices (facilitate --teams).
	Teams Participants
}

// Participants are the teams playing from their own devices: they hear the
// run's records (each team's picture is a fold of them) and hand in votes.
// Ballots and Clock are called on the display's goroutine, once a frame;
// an implementation takes its votes from elsewhere and must lock.
type Participants interface {
	sim.Recorder[agents.Record]
	// Ballots returns the votes cast since the last call, oldest first.
	Ballots() []agents.Ballot
	// Clock tells the teams the run's time and whether it is paused.
	Clock(now float64, paused bool)
}

// Requests are what a controller asks the window to do; package ui takes
// them each frame.
type Requests struct {
	Screenshot string // save the next frame as this PNG file
	Fullscreen bool   // toggle full screen
	Quit       bool
}

// Live drives a running world: it takes the facilitator's commands,
// records each one in the run's log (World.Command), advances the world by
// the speed each frame, pauses for decisions, and keeps the Model folded
// from the world's records.
type Live struct {
	core
	cfg   LiveConfig
	world *agents.World
	model *Model
	met   *agents.Metrics // the run's metrics so far, where futures fork from
	kept  recordKeeper    // the run's records so far, for the end screen
	log   *logSink
	run   int
	logs  []string // logs written so far

	paused, auto bool // auto: paused for a decision
	menu         bool
	menuPage     int
	confirm      bool
	decisionAt   []float64 // the scenario's decision times, sorted
	err          error
}

// NewLive builds the world and runs it to cfg.At. Decisions due before
// cfg.At take their scenario defaults (logged with actor "default"); one
// due exactly at cfg.At waits for the facilitator.
func NewLive(cfg LiveConfig) (*Live, error) {
	l := &Live{core: newCore(cfg.TPS), cfg: cfg}
	for _, d := range cfg.Scenario.Decisions {
		l.decisionAt = append(l.decisionAt, d.At.Hours())
	}
	slices.Sort(l.decisionAt)
	if err := l.start(); err != nil {
		return nil, err
	}
	if cfg.At > 0 {
		at := math.Min(cfg.At, l.world.Horizon())
		l.world.Command("advance", fmt.Sprintf("to %s before the first frame; earlier decisions take their defaults", agents.Clock(at)))
		l.world.Advance(math.Nextafter(at, 0))
		l.world.SetInteractive(true)
		l.world.Advance(at)
		l.model.SetNow(l.world.Now())
		l.skipOldCards(l.model, at)
		l.checkWaiting()
	}
	return l, nil
}

// start builds a fresh world (first run or restart).
func (l *Live) start() error {
	l.run++
	l.model = newModel(l.cfg.Scenario, l.cfg.Seed)
	l.met = agents.NewMetrics(l.cfg.Scenario)
	l.kept = recordKeeper{}
	var rec sim.Recorder[agents.Record] = sim.Tee[agents.Record]{l.model, l.met, &l.kept}
	l.log = nil
	if l.cfg.Log != "" {
		l.log = newLogSink(logPath(l.cfg.Log, l.run), agents.LogHeader{
			Scenario: l.cfg.Scenario.Meta.Name, Source: l.cfg.Source, Variant: l.cfg.Variant,
			Sets: l.cfg.Sets, Seed: l.cfg.Seed, Horizon: l.cfg.Scenario.Meta.Horizon.Hours(),
		})
		rec = sim.Tee[agents.Record]{l.model, l.met, &l.kept, l.log}
	}
	if l.cfg.Teams != nil {
		rec = sim.Tee[agents.Record]{rec, l.cfg.Teams}
	}
	w, err := agents.Build(l.cfg.Scenario, l.cfg.Seed, rec)
	if err != nil {
		return err
	}
	l.world = w
	// While cfg.At is pre-advanced, decisions take their defaults; NewLive
	// turns interaction on before the last instant.
	w.SetInteractive(l.cfg.At <= 0 || l.run > 1)
	l.cardSeq, l.cardFrom, l.cardShut = 0, 0, 0
	return nil
}

// logPath is the log of run k: the path itself for the first run, NAME-k.EXT
// after restarts.
func logPath(path string, k int) string {
	if k <= 1 {
		return path
	}
	ext := filepath.Ext(path)
	return fmt.Sprintf("%s-%d%s", strings.TrimSuffix(path, ext), k, ext)
}

// Save writes the event log so far (atomically). It is called on pause,
// restart and exit, so a crash loses at most what happened since the last
// pause.
func (l *Live) Save() error {
	if l.log == nil {
		return nil
	}
	if err := l.log.save(); err != nil {
		return fmt.Errorf("view: writing the event log %s: %w", l.log.path, err)
	}
	if !slices.Contains(l.logs, l.log.path) {
		l.logs = append(l.logs, l.log.path)
	}
	return nil
}

// Logs returns the event logs written so far.
func (l *Live) Logs() []string { return l.logs }

// Err returns the first error met (a log that could not be written).
func (l *Live) Err() error { return l.err }

func (l *Live) fail(err error) {
	if err != nil && l.err == nil {
		l.err = err
	}
}

// Paused reports whether the run is paused.
func (l *Live) Paused() bool { return l.paused || l.world.Ended() }

// Do applies one command. Commands that change the run are first recorded
// in its log.
func (l *Live) Do(c Command) {
	l.do(c)
	l.trackCard(l.model)
}

func (l *Live) do(c Command) {
	w := l.world
	if l.confirm && c.Kind != CmdRestart {
		l.confirm = false
		if c.Kind == CmdClose {
			return
		}
	}
	if l.core.do(c, l) {
		return
	}
	switch c.Kind {
	case CmdPause:
		if w.Ended() {
			return
		}
		if l.paused {
			if l.waiting() {
				return
			}
			w.Command("resume", "")
			l.paused, l.auto = false, false
		} else {
			w.Command("pause", "")
			l.paused = true
			l.fail(l.Save())
		}
	case CmdStep:
		if w.Ended() || l.waiting() {
			return
		}
		w.Command("step", "")
		l.paused = true
		w.StepEvent()
		l.sync()
	case CmdHour, CmdDay:
		h, name := 1.0, "1h"
		if c.Kind == CmdDay {
			h, name = 24, "1d"
		}
		if w.Ended() || l.waiting() {
			return
		}
		w.Command("advance", name)
		l.advanceTo(w.Now() + h)
	case CmdInjects:
		l.menu = !l.menu
		l.help = false
	case CmdPage:
		if l.menu {
			pages := l.pages()
			l.menuPage = (l.menuPage + c.Arg + pages) % pages
		}
	case CmdNumber:
		l.number(c.Arg)
	case CmdConfirm:
		l.confirmVote()
	case CmdRestart:
		if !l.confirm {
			l.confirm = true
			return
		}
		l.confirm = false
		w.Command("restart", fmt.Sprintf("seed %d", l.cfg.Seed))
		l.fail(l.Save())
		if err := l.start(); err != nil {
			l.fail(err)
			return
		}
		l.world.SetInteractive(true)
		l.paused, l.auto, l.menu, l.help = true, false, false, false
		l.notice(fmt.Sprintf("restarted with seed %d (paused: Space to run)", l.cfg.Seed))
	}
}

// ForkNow returns a copy of the run as it stands, and of its metrics so
// far, that shares nothing with it: where the futures of the decision on
// screen fork from, in the background, while the run waits.
func (l *Live) ForkNow() (*agents.World, *agents.Metrics) {
	return l.world.Fork(nil), l.met.Clone()
}

// ShowFutures records in the run's log what the screen showed of the
// futures of a decision (agents.World.ShowFutures).
func (l *Live) ShowFutures(decision string, n int, until float64, text string) {
	l.world.ShowFutures(decision, n, until, text)
}

// command, shotName, closeOverlay and quit make Live the core's mode.

func (l *Live) command(name, arg string) { l.world.Command(name, arg) }

func (l *Live) closeOverlay() bool {
	open := l.menu
	l.menu = false
	return open
}

func (l *Live) quit() { l.fail(l.Save()) }

func (l *Live) shown() *Model { return l.model }

// waiting reports whether a decision is open, saying so: the run waits
// for its answer.
func (l *Live) waiting() bool {
	if len(l.model.prompts) > 0 {
		l.notice("answer the decision first (keys 1–9)")
		return true
	}
	return false
}

// number answers the decision on screen, or fires an inject of the list.
func (l *Live) number(n int) {
	w := l.world
	if l.help {
		return
	}
	if l.menu {
		i := l.menuPage*9 + n - 1
		if i >= len(l.cfg.Scenario.Injects) || w.Ended() {
			return
		}
		in := l.cfg.Scenario.Injects[i]
		w.Command("inject", in.ID)
		w.Fire(i)
		l.menu = false
		l.sync()
		return
	}
	p, ok := l.model.Prompt()
	if !ok || p.Index < 0 || n > len(p.Options) {
		return
	}
	if p.Voted && p.vote.Option != n {
		w.Command("decide", fmt.Sprintf("%s %d, overriding the vote of %s (%d)", p.ID, n, p.vote.Team, p.vote.Option))
	} else {
		w.Command("decide", fmt.Sprintf("%s %d", p.ID, n))
	}
	if !w.Decide(p.Index, n, "facilitator") {
		l.notice("that decision is no longer open")
		return
	}
	l.sync()
	if len(l.model.prompts) == 0 && l.auto {
		w.Command("resume", "after the decision")
		l.paused, l.auto = false, false
	}
}

// confirmVote answers the decision on screen as its team voted: the answer
// is the team's (decision.taken by the team), confirmed by the facilitator.
func (l *Live) confirmVote() {
	p, ok := l.model.Prompt()
	if l.help || l.menu || !ok || p.Index < 0 {
		return
	}
	if !p.Voted {
		l.notice("no vote from " + p.Decider + " yet: wait, or answer with 1–9")
		return
	}
	w := l.world
	w.Command("decide", fmt.Sprintf("%s %d, confirming the vote of %s", p.ID, p.vote.Option, p.vote.Team))
	if !w.Decide(p.Index, p.vote.Option, p.vote.Team) {
		l.notice("that decision is no longer open")
		return
	}
	l.sync()
	if len(l.model.prompts) == 0 && l.auto {
		w.Command("resume", "after the decision")
		l.paused, l.auto = false, false
	}
}

func (l *Live) pages() int { return max(1, (len(l.cfg.Scenario.Injects)+8)/9) }

// shotName is the next screenshot's file: SCENARIO-dDD-HHMM.png, with -2,
// -3, ... when taken already.
func (l *Live) shotName() string {
	return uniqueShot(l.cfg.ShotDir, l.cfg.Source, l.world.Now())
}

func uniqueShot(dir, source string, t float64) string {
	base := strings.TrimSuffix(filepath.Base(source), filepath.Ext(source))
	clock := strings.NewReplacer(" ", "-", ":", "").Replace(agents.Clock(t))
	name := filepath.Join(dir, fmt.Sprintf("%s-%s.png", base, clock))
	for k := 2; ; k++ {
		if _, err := os.Stat(name); errors.Is(err, os.ErrNotExist) {
			return name
		}
		name = filepath.Join(dir, fmt.Sprintf("%s-%s-%d.png", base, clock, k))
	}
}

// advanceTo runs the world to time t, stopping at a decision on the way.
func (l *Live) advanceTo(t float64) {
	w := l.world
	now := w.Now()
	if i, ok := slices.BinarySearch(l.decisionAt, math.Nextafter(now, math.Inf(1))); i < len(l.decisionAt) {
		_ = ok
		t = math.Min(t, l.decisionAt[i])
	}
	w.Advance(t)
	l.sync()
}

// sync brings the model's clock to the world's and pauses for a decision.
func (l *Live) sync() {
	l.model.SetNow(l.world.Now())
	l.checkWaiting()
}

func (l *Live) checkWaiting() {
	if len(l.model.prompts) > 0 && !l.paused {
		l.world.Command("pause", "waiting for a decision")
		l.paused, l.auto = true, true
		l.fail(l.Save())
	}
}

// Update runs one frame: unless paused, the world advances by speed × dt
// simulated hours, dt being the real seconds the frame stands for (1/TPS
// for a deterministic run); cards come and go with the frame count.
func (l *Live) Update(dt float64) {
	l.tick++
	l.takeVotes()
	if !l.paused && !l.help && !l.world.Ended() { // the help holds the run: the room reads it
		l.advanceTo(l.world.Now() + l.speedHours()*dt)
	}
	if l.world.Ended() && !l.paused {
		l.paused = true
		l.fail(l.Save())
	}
	l.trackCard(l.model)
	if l.cfg.Teams != nil {
		l.cfg.Teams.Clock(l.world.Now(), l.Paused())
	}
}

// takeVotes records the votes the teams cast since the last frame; a vote
// the world refuses (its decision was answered meanwhile) is dropped, and
// the team's page never shows it as cast.
func (l *Live) takeVotes() {
	if l.cfg.Teams == nil {
		return
	}
	for _, b := range l.cfg.Teams.Ballots() {
		if !l.world.Ended() {
			l.world.Vote(b)
		}
	}
}

// Frame is what the screen shows now.
func (l *Live) Frame() Frame {
	m := l.model
	f := Frame{Mode: ModeLive, Source: l.cfg.Source, Run: l.run, Paused: l.Paused() || l.help, Ended: l.world.Ended()}
	l.frame(m, &f)
	if l.confirm {
		f.Confirm = fmt.Sprintf("Restart the run from the beginning with the same seed (%d)? Press R again to restart, Esc to carry on.", l.cfg.Seed)
	}
	if l.menu {
		f.Menu = l.injectMenu()
	}
	f.Timeline = Timeline{Horizon: m.Horizon, Now: m.Now, Stages: m.Stages, End: m.Now}
	for _, in := range l.cfg.Scenario.Injects {
		f.Timeline.Injects = append(f.Timeline.Injects, in.At.Hours())
	}
	f.Timeline.Decisions = l.decisionAt
	return f
}

func (l *Live) injectMenu() *Menu {
	ins := l.cfg.Scenario.Injects
	mn := &Menu{Title: "Fire an inject now", page: l.menuPage + 1, pages: l.pages()}
	for i := l.menuPage * 9; i < min(len(ins), l.menuPage*9+9); i++ {
		in := ins[i]
		note := "scheduled at " + agents.Clock(in.At.Hours())
		done := l.model.fired[in.ID] > 0
		if done {
			note = "fired already; fires again"
		}
		mn.items = append(mn.items, MenuItem{Label: in.Title, note: note, Done: done})
	}
	return mn
}

// logSink keeps a run's event log in memory and writes it out atomically.
type logSink struct {
	path string
	buf  bytes.Buffer
	lw   *agents.LogWriter
}

func newLogSink(path string, h agents.LogHeader) *logSink {
	s := &logSink{path: path}
	s.lw = agents.NewLogWriter(&s.buf, h)
	return s
}

func (s *logSink) Record(r agents.Record) { s.lw.Record(r) }

func (s *logSink) save() error {
	if err := s.lw.Flush(); err != nil {
		return err
	}
	return agents.WriteLogFile(s.path, func(w io.Writer) error {
		_, err := w.Write(s.buf.Bytes())
		return err
	})
}
