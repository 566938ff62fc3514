package debrief

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"

	"cpkrange/agents"
	"cpkrange/analytics"
	"cpkrange/scenarios"
)

// Decision is one decision of the session: what was asked, what the room
// chose and why, what it looked at, and what the other options would have
// given.
type Decision struct {
	ID, Decider, Prompt string
	At                  float64  // when it was put, hours
	Options             []string // labels, in order
	Default             int      // the option taken when no one answers, from 1
	Chosen              int      // the option taken, from 1; 0 when the log ends before an answer
	By                  string   // who answered: "facilitator", "default"
	AnsweredAt          float64
	Rationale           []Entry // what the room said of its answer (facilitator.note about it)
	Shown               []Shown // the futures the room looked at (facilitator.futures)
	Questions           []scenarios.DebriefQuestion
	Counter             *Counterfactual // nil when not run
	NoCounter           string          // why there is no counterfactual
}

// Shown is the futures the room looked at before it decided, as the
// display recorded them.
type Shown struct {
	Time  float64
	N     int     // futures per option on screen
	Until float64 // when they ended, hours (0: the horizon)
	Text  string  // what the screen said of each option
	Upto  int     // the record's index in the log
}

// Counterfactual is N futures of each option of a decision, forked where
// it was put with common random numbers, compared with the option chosen.
type Counterfactual struct {
	Summary *analytics.FuturesSummary
	// Chosen holds, per metric of analytics.FutureMetrics, the values of
	// the chosen option's futures: the distribution the session's actual
	// outcome is placed in.
	Chosen map[string][]float64
	// Placements place the session's outcome in that distribution, one per
	// metric of analytics.FutureMetrics; empty when the log does not reach
	// the horizon (there is no outcome to place).
	Placements []Placement
	// Better are the other options that did clearly better than the one
	// chosen on some outcome, in words; Worse those that did clearly worse.
	Better, Worse []string
}

// Placement is where the session's outcome on one metric falls among the
// chosen option's futures.
type Placement struct {
	Metric string
	Actual float64
	// BetterThan is the share of futures the session did better than;
	// WorseThan the share it did worse than; the rest tie.
	BetterThan, WorseThan float64
}

// Verdict says whether the room was lucky on this outcome: "luckier than
// most futures" when the session did better than three in four of them,
// "unluckier than most" when worse than three in four, else "as the
// futures expected".
func (p Placement) Verdict() string {
	switch {
	case p.BetterThan >= 0.75:
		return "luckier than most futures"
	case p.WorseThan >= 0.75:
		return "unluckier than most futures"
	}
	return "as the futures expected"
}

// higherIsBetter are the outcomes of analytics.FutureMetrics where more is
// better; for the rest less is.
var higherIsBetter = map[string]bool{"mean_trust": true}

func newDecision(sc *scenarios.Scenario, r agents.Record) Decision {
	d := Decision{ID: r.Target, Decider: r.State, Prompt: r.Text, At: r.Time}
	if i := slices.IndexFunc(sc.Decisions, func(x scenarios.Decision) bool { return x.ID == r.Target }); i >= 0 {
		for _, o := range sc.Decisions[i].Options {
			d.Options = append(d.Options, o.Label)
		}
		d.Default = sc.Decisions[i].Default
	}
	for _, q := range sc.Debrief.Questions {
		if q.About == d.ID {
			d.Questions = append(d.Questions, q)
		}
	}
	return d
}

// counterfactuals forks the session at each of its decisions and runs
// in.N futures of every option, the chosen one the reference.
func counterfactuals(ctx context.Context, rep *Report, in Input) error {
	for i := range rep.Decisions {
		d := &rep.Decisions[i]
		o, err := analytics.OriginAtDecision(in.Scenario, in.Header.Seed, in.Records, in.LogName, d.ID)
		if err != nil {
			d.NoCounter = err.Error()
			continue
		}
		opts, err := analytics.DecisionOptions(o)
		if err != nil {
			d.NoCounter = err.Error()
			continue
		}
		ref := d.Chosen - 1
		if ref < 0 {
			ref = analytics.DefaultOption(o)
		}
		cf := &Counterfactual{Chosen: map[string][]float64{}}
		idx := map[string]int{}
		for j, name := range agents.MetricNamesFor(in.Scenario) {
			idx[name] = j
		}
		var chosen [][]agents.Value
		sum, err := analytics.RunFutures(ctx, analytics.FuturesSpec{Origin: o, Options: opts, Reference: ref, N: in.N, Workers: in.Workers},
			func(f analytics.Future) {
				if f.Option == ref {
					chosen = append(chosen, f.Values)
				}
			})
		if err != nil && !errors.Is(err, analytics.ErrInterrupted) {
			d.NoCounter = err.Error()
			continue
		}
		chosen = chosen[:min(len(chosen), sum.N)]
		cf.Summary = sum
		for _, m := range analytics.FutureMetrics {
			vs := make([]float64, len(chosen))
			for k, v := range chosen {
				vs[k] = v[idx[m]].Value
			}
			cf.Chosen[m] = vs
			if actual, ok := rep.Metric(m); ok && rep.Complete && len(vs) > 0 {
				cf.Placements = append(cf.Placements, place(m, actual, vs))
			}
		}
		for k := range sum.Options {
			for _, m := range analytics.FutureMetrics {
				c, ok := sum.Versus(k, m)
				if !ok || !c.Clear() {
					continue
				}
				better := (float64(c.Diff) > 0) == higherIsBetter[m]
				text := fmt.Sprintf("Option %d: %s", k+1, analytics.Difference(c))
				if better {
					cf.Better = append(cf.Better, text)
				} else {
					cf.Worse = append(cf.Worse, text)
				}
			}
		}
		d.Counter = cf
		if err != nil {
			return err
		}
	}
	return nil
}

// place counts the futures the actual outcome did better and worse than.
func place(metric string, actual float64, vs []float64) Placement {
	p := Placement{Metric: metric, Actual: actual}
	const tie = 1e-9
	for _, v := range vs {
		switch d := actual - v; {
		case math.Abs(d) <= tie*math.Max(1, math.Abs(v)):
		case (d > 0) == higherIsBetter[metric]:
			p.BetterThan++
		default:
			p.WorseThan++
		}
	}
	p.BetterThan /= float64(len(vs))
	p.WorseThan /= float64(len(vs))
	return p
}

// ChoiceVerdict says in one sentence whether the choice was good, by the
// counterfactual: another option clearly better on some outcome, or none.
func (d *Decision) ChoiceVerdict() string {
	cf := d.Counter
	if cf == nil {
		return ""
	}
	which := "the option chosen"
	if d.Chosen == 0 {
		which = "the default"
	}
	switch {
	case len(cf.Better) > 0 && len(cf.Worse) == 0:
		return fmt.Sprintf("Another option would probably have done better than %s: %s.", which, cf.Better[0])
	case len(cf.Better) > 0:
		return fmt.Sprintf("A trade-off: some options would have done better than %s on some outcomes (%s) and worse on others (%s).", which, cf.Better[0], cf.Worse[0])
	case len(cf.Worse) > 0:
		return fmt.Sprintf("No option clearly did better than %s; some did clearly worse (%s).", which, cf.Worse[0])
	}
	return fmt.Sprintf("No option's futures differ clearly from those of %s in %d futures each.", which, cf.Summary.N)
}
