// Package debrief makes the after-action review of a session from its
// event log: the story by stage in the timeline's words, each decision with
// its counterfactual (futures of every option forked at the decision), the
// misattribution chains, norms and confidence-building measures, the
// force's work against the framework's table, a scorecard against the CPK
// goals, the facilitator's notes and the scenario's lessons-learned
// questions. It writes the review as a self-contained HTML page that
// prints to A4, a PDF of its own and CSV files.
package debrief

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"cpkrange/agents"
	"cpkrange/scenarios"
)

// Input is what a debrief is made from: a session's log, read against the
// scenario it is a run of.
type Input struct {
	Scenario *scenarios.Scenario
	Source   string // the bundled name or file the scenario came from
	Header   agents.LogHeader
	Records  []agents.Record // the log's records, up to its tear if torn
	LogName  string          // the log's file, for messages and the report
	// Tear, when not empty, is where the log stopped being readable
	// ("session.jsonl:412:1: unexpected end of JSON input"): the report
	// covers the session up to there and says so.
	Tear string
	// N is the futures per option of each decision's counterfactual; 0
	// leaves the counterfactuals out.
	N       int
	Workers int // futures run in parallel (0: all cores); results do not depend on it
}

// Report is the debrief of one session.
type Report struct {
	Scenario *scenarios.Scenario
	Source   string
	Header   agents.LogHeader
	LogName  string
	Tear     string
	Complete bool    // the log reaches the end of the run (run.end)
	End      float64 // the time of the log's last record, hours
	N        int     // futures per option asked for

	Commands  []Entry // the facilitator's commands
	Story     []Stage // the story by stage
	Moments   []Entry // the moments that mattered most, at most three, by weight
	Decisions []Decision
	Blames    []Blame
	Norms     []Entry
	CBMs      []string // the confidence-building measures in force at the start, per pair
	Force     []RoleWork
	Scorecard []Goal
	Notes     []Entry // the facilitator's notes (rationales are with their decisions)
	Questions []scenarios.DebriefQuestion
	Metrics   []agents.Value // folded from the log's records
}

// Entry is one record of the session as the report tells it.
type Entry struct {
	Time  float64
	Stage agents.Stage
	Kind  string // the record's kind, as the log names it
	Line  string // in the timeline's words (agents.Describer)
	Mark  string // why it mattered ("" for the rest of the story)
	// Weight orders the moments that mattered (see markOf); 0 for the rest.
	Weight int
}

// Clock is the entry's time as the display shows it.
func (e Entry) Clock() string { return agents.Clock(e.Time) }

// Stage is the story of one stage of the conflict, or of one spell of it.
type Stage struct {
	Stage      agents.Stage
	From, To   float64
	Entries    []Entry
	Marked     int // entries marked as moments that mattered
	Operations int // attack.launched records in the stage (the story names only those that turned it)
}

// Make reads the session and builds its debrief, running the
// counterfactuals of its decisions (in.N futures per option). A cancelled
// ctx stops the counterfactuals; the report then has those complete.
func Make(ctx context.Context, in Input) (*Report, error) {
	sc := in.Scenario
	rep := &Report{Scenario: sc, Source: in.Source, Header: in.Header, LogName: in.LogName, Tear: in.Tear, N: in.N,
		Questions: sc.Debrief.Questions}
	met := agents.NewMetrics(sc)
	desc := agents.NewDescriber(sc, agents.IDs{})
	var stage *Stage
	decisions := map[string]int{} // decision id → its index in rep.Decisions
	for i, r := range in.Records {
		met.Record(r)
		d := desc.Describe(r)
		rep.End = r.Time
		if r.Kind == agents.KindRunEnd {
			rep.Complete = true
		}
		if stage == nil || r.Kind == agents.KindStage && r.Stage != stage.Stage {
			if stage != nil {
				stage.To = r.Time
			}
			rep.Story = append(rep.Story, Stage{Stage: r.Stage, From: r.Time})
			stage = &rep.Story[len(rep.Story)-1]
		}
		e := Entry{Time: r.Time, Stage: r.Stage, Kind: r.Kind.String(), Line: d.Line}
		e.Mark, e.Weight = markOf(r)
		switch r.Kind {
		case agents.KindAttackLaunched:
			stage.Operations++
		case agents.KindCommand:
			rep.Commands = append(rep.Commands, e)
		case agents.KindNote:
			if r.Target == "" {
				note := e
				note.Line = r.Text // the notes' table says what was typed; the story says who typed it
				rep.Notes = append(rep.Notes, note)
			}
		case agents.KindDecision:
			decisions[r.Target] = len(rep.Decisions)
			rep.Decisions = append(rep.Decisions, newDecision(sc, r))
		}
		var dp *Decision
		if k, ok := decisions[r.Target]; ok && r.Target != "" {
			dp = &rep.Decisions[k]
		}
		switch r.Kind {
		case agents.KindDecided:
			if dp != nil {
				a := r.Answer()
				dp.Chosen, dp.By, dp.AnsweredAt = a.Option, a.By, r.Time
			}
		case agents.KindNote:
			if dp != nil {
				dp.Rationale = append(dp.Rationale, Entry{Time: r.Time, Stage: r.Stage, Kind: r.Kind.String(), Line: r.Text})
			}
		case agents.KindFutures:
			if dp != nil {
				dp.Shown = append(dp.Shown, Shown{Time: r.Time, N: int(r.Value), Until: r.Hours, Text: r.Text, Upto: i})
			}
		}
		if d.Key || r.Kind == agents.KindNote || r.Kind == agents.KindCommand {
			stage.Entries = append(stage.Entries, e)
			if e.Mark != "" {
				stage.Marked++
			}
		}
	}
	if stage != nil {
		stage.To = rep.End
	}
	rep.Metrics = met.Values()
	rep.Moments = moments(rep.Story, 3)
	rep.Blames = blames(sc, in.Records)
	rep.Norms, rep.CBMs = norms(sc, in.Records)
	rep.Force = forceWork(in.Records)
	rep.Scorecard = scorecard(rep.Metrics)
	if in.N > 0 {
		if err := counterfactuals(ctx, rep, in); err != nil {
			return rep, err
		}
	}
	return rep, nil
}

// Metric returns the value of the named metric folded from the log.
func (r *Report) Metric(name string) (float64, bool) {
	i := slices.IndexFunc(r.Metrics, func(v agents.Value) bool { return v.Name == name })
	if i < 0 {
		return 0, false
	}
	return r.Metrics[i].Value, true
}

// markOf says why a record was a moment that mattered, and how much, for
// the end screen's three and the story's marks: the conflict's stage
// changing (5), a step up the ladder (its rung: 1 to 4, armed conflict
// 5), a wrong blame (4), an attack on the Safe Layer (3), a decision
// taken (3), the force clearing a state or winning restraint (3), the
// force's other key actions (2). The weights are the report's judgement
// of what a room remembers, not the model's; ties go to the earlier.
func markOf(r agents.Record) (string, int) {
	switch r.Kind {
	case agents.KindStage:
		return "stage change", 5
	case agents.KindEscalation:
		if x := r.LadderStep(); !x.Lower {
			w := int(x.Rung)
			if x.Rung == agents.RungArmed {
				w = 5
			}
			return "rung climbed", max(w, 1)
		}
	case agents.KindAttackAttributed:
		if b := r.Blame(); !b.Correct && b.Blamed != "" {
			return "wrong blame", 4
		}
	case agents.KindNormViolation:
		return "Safe Layer hit", 3
	case agents.KindDecided:
		return "decision", 3
	case agents.KindExculpation, agents.KindRestraint:
		return "force's key action", 3
	case agents.KindForce:
		if storyFunction(r) {
			return "force's key action", 2
		}
	case agents.KindAttackBlocked:
		return "force's key action", 2
	case agents.KindNormBroken:
		return "norm broken", 3
	}
	return "", 0
}

// storyFunction reports whether a force.action turns the story, as the
// timeline's Describer decides (its Key).
func storyFunction(r agents.Record) bool {
	return agents.NewDescriber(nil, agents.IDs{}).WithoutLines().Describe(r).Key
}

// moments are the n entries of the story that weigh most, earliest first
// among equals, then in the order they happened.
func moments(story []Stage, n int) []Entry {
	var all []Entry
	for _, s := range story {
		for _, e := range s.Entries {
			if e.Weight > 0 {
				all = append(all, e)
			}
		}
	}
	slices.SortStableFunc(all, func(a, b Entry) int { return cmp.Compare(b.Weight, a.Weight) })
	all = all[:min(n, len(all))]
	slices.SortStableFunc(all, func(a, b Entry) int { return cmp.Compare(a.Time, b.Time) })
	return all
}

// Settings are the session's settings as label and value, for the report's
// first section.
func (r *Report) Settings() [][2]string {
	h := r.Header
	out := [][2]string{
		{"scenario", fmt.Sprintf("%s (%s)", r.Scenario.Meta.Name, r.Source)},
		{"seed", fmt.Sprint(h.Seed)},
		{"variant", orNone(h.Variant)},
		{"overrides (--set)", orNone(strings.Join(h.Sets, ", "))},
		{"horizon", agents.Clock(h.Horizon) + " (" + agents.Span(h.Horizon) + ")"},
		{"event log", r.LogName},
	}
	if r.Tear != "" {
		out = append(out, [2]string{"log torn", fmt.Sprintf("the log stops being readable at %s; this report covers the session up to %s", r.Tear, agents.Clock(r.End))})
	} else if !r.Complete {
		out = append(out, [2]string{"log ends", fmt.Sprintf("the session stopped at %s, before the horizon", agents.Clock(r.End))})
	}
	if r.N > 0 {
		out = append(out, [2]string{"counterfactuals", fmt.Sprintf("%d futures of each option, forked at each decision with common random numbers", r.N)})
	}
	return out
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}
