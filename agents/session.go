package agents

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"slices"

	"cpkrange/scenarios"
	"cpkrange/sim"
)

// Reenactment runs a scenario again as a session's event log says it went:
// the model makes its records again, and what the facilitator did (the
// answers to decisions, injects fired out of turn, commands, futures shown)
// is done again at the same event boundaries. Each record the model makes
// is checked against the log's, so a log of another scenario, seed or
// model version is refused where it first differs instead of being
// followed into another story. Past the log's end decisions take their
// defaults, as in a batch run.
type Reenactment struct {
	w       *World
	log     []Record
	logName string
	made    int   // records the world has made or done again
	err     error // the first record that differs from the log
	line    []byte
	enc     *LogWriter // formats records as the log does, to compare them
	injects map[string]int
	stepped bool // the last command was a single step, and nothing has run since
}

// Reenact builds sc with seed, ready to run again the session whose records
// are log (nil: a run that takes every default), reporting every record,
// the facilitator's included, to rec (which may be nil). name is the log's
// file, for messages.
func Reenact(sc *scenarios.Scenario, seed uint64, log []Record, name string, rec sim.Recorder[Record]) (*Reenactment, error) {
	s := &Reenactment{log: log, logName: name, injects: map[string]int{}}
	s.enc = &LogWriter{w: bufio.NewWriter(io.Discard)}
	for i, in := range sc.Injects {
		s.injects[in.ID] = i
	}
	check := sim.RecorderFunc[Record](func(r Record) {
		s.check(r)
		if rec != nil {
			rec.Record(r)
		}
	})
	w, err := Build(sc, seed, check)
	if err != nil {
		return nil, err
	}
	w.SetInteractive(true)
	s.w = w
	if s.err != nil {
		return nil, s.err
	}
	return s, nil
}

// World returns the world as reenacted so far.
func (s *Reenactment) World() *World { return s.w }

// LogEnded reports whether every record of the log has been made again:
// from here on the run takes the scenario's defaults.
func (s *Reenactment) LogEnded() bool { return s.made >= len(s.log) }

// encode returns r's log line, valid until the next call.
func (s *Reenactment) encode(r Record) []byte {
	s.enc.Record(r)
	return s.enc.buf
}

// check compares a record the world made with the log's next one.
func (s *Reenactment) check(r Record) {
	defer func() { s.made++ }()
	if s.err != nil || s.made >= len(s.log) {
		return
	}
	s.line = append(s.line[:0], s.encode(r)...)
	if want := s.encode(s.log[s.made]); !bytes.Equal(s.line, want) {
		s.err = fmt.Errorf("agents: %s: record %d differs from what the scenario makes now (another scenario, seed or model version?):\n  log:   %s  model: %s",
			s.logName, s.made+1, want, s.line)
	}
}

// ToDecision runs until the decision with the given id is put to its
// decider and every event due at that moment has fired, as the display
// runs to a decision (in a log of a batch run, which answers in the event
// that puts the decision, right after it): the decision is then pending,
// and a fork of the world can take each of its options.
func (s *Reenactment) ToDecision(id string) error {
	w := s.w
	i, ok := w.DecisionIndex(id)
	if !ok {
		return fmt.Errorf("agents: the scenario has no decision %q", id)
	}
	asked := func() bool { return slices.ContainsFunc(w.pending, func(d Decision) bool { return d.Index == i }) }
	for !asked() {
		if err := s.step(i, w.horizon); err != nil {
			return err
		}
		if w.ended {
			return fmt.Errorf("agents: decision %q (at %s) was never put: the run ended at %s", id, Clock(w.sc.Decisions[i].At.Hours()), Clock(w.Now()))
		}
		if !asked() && w.Now() > w.sc.Decisions[i].At.Hours() {
			return fmt.Errorf("agents: decision %q was put at %s, before this point of the session", id, Clock(w.sc.Decisions[i].At.Hours()))
		}
	}
	if s.made < len(s.log) {
		if r := s.log[s.made]; r.Kind == KindDecided && r.Target == id && r.Actor == "default" {
			return s.err // a batch run answers in the event that puts the decision
		}
	}
	w.env.RunUntil(w.env.Now(), w)
	return s.err
}

// ToTime runs until time t (hours), doing what the log did up to then.
func (s *Reenactment) ToTime(t float64) error {
	w := s.w
	if !(t >= w.Now() && t <= w.horizon) {
		return fmt.Errorf("agents: cannot run to %s: the run is at %s and ends at %s", Clock(t), Clock(w.Now()), Clock(w.horizon))
	}
	for {
		if err := s.redo(t); err != nil {
			return err
		}
		next, ok := w.env.Peek()
		if !ok || w.ended || next > t {
			break
		}
		if err := s.step(-1, t); err != nil {
			return err
		}
	}
	w.Advance(t)
	return s.redo(t)
}

// ToEnd runs the session and then the run to its horizon.
func (s *Reenactment) ToEnd() error { return s.ToTime(s.w.horizon) }

// step does what the log did at this boundary (up to time t), fires the
// next event, and answers with its default any decision the log will not
// answer (except decision keep, which the caller waits for).
func (s *Reenactment) step(keep int, t float64) error {
	w := s.w
	if err := s.redo(t); err != nil {
		return err
	}
	if !w.StepEvent() {
		if !w.ended {
			return fmt.Errorf("agents: the run stopped at %s with nothing left to happen", Clock(w.Now()))
		}
		return s.err
	}
	if s.LogEnded() {
		for len(w.pending) > 0 {
			k := slices.IndexFunc(w.pending, func(d Decision) bool { return d.Index != keep })
			if k < 0 {
				break
			}
			i := w.pending[k].Index
			w.Decide(i, w.sc.Decisions[i].Default, "default")
		}
	}
	return s.err
}

// redo does again what the facilitator did next, as far as the log's next
// records are the facilitator's and no later than t: a command, an answer,
// futures shown.
func (s *Reenactment) redo(t float64) error {
	w := s.w
	for s.err == nil && s.made < len(s.log) {
		r := s.log[s.made]
		if r.Kind != KindCommand && r.Kind != KindDecided && r.Kind != KindFutures || r.Time > t {
			break
		}
		// The display does what the facilitator asks after running the
		// world to the moment (every event due then has fired), unless the
		// last thing asked was a single step; a default answer is taken in
		// the event that puts the decision.
		byDefault := r.Kind == KindDecided && r.Actor == "default"
		if !w.ended && (r.Time > w.Now() || !s.stepped && !byDefault) {
			w.env.RunUntil(r.Time, w)
			s.stepped = false
			if s.err != nil || s.made >= len(s.log) || s.log[s.made] != r {
				break
			}
		}
		switch r.Kind {
		case KindCommand:
			w.Command(r.Function, r.Text)
			switch r.Function {
			case "step":
				w.StepEvent()
				s.stepped = true
			case "inject":
				i, ok := s.injects[r.Text]
				if !ok {
					return fmt.Errorf("agents: %s: record %d fires inject %q, which the scenario does not have", s.logName, s.made, r.Text)
				}
				w.Fire(i)
			}
		case KindDecided:
			i, ok := w.DecisionIndex(r.Target)
			if !ok || !w.Decide(i, int(r.Value), r.Actor) {
				return fmt.Errorf("agents: %s: record %d answers decision %q at %s, which is not open then", s.logName, s.made+1, r.Target, Clock(r.Time))
			}
		case KindFutures:
			w.ShowFutures(r.Target, int(r.Value), r.Hours, r.Text)
		}
	}
	return s.err
}
