package debrief

import (
	"fmt"
	"slices"
	"strings"

	"cpkrange/agents"
	"cpkrange/scenarios"
)

// Blame is one misattribution chain: a victim blamed the wrong state for
// an operation, on some evidence, and things followed.
type Blame struct {
	Time     float64
	Op       int
	Victim   string
	Blamed   string
	Culprit  string // the attacker
	Sponsor  string // the state behind it ("" none)
	Method   string
	Evidence []string
	Followed []Entry // what came of it between the two states, up to followWindow later
}

// followWindow is how long after a wrong blame the report looks for what
// followed between the two states: two weeks, the time an escalation takes
// to show in the bundled scenarios' runs.
const followWindow = 14 * 24

// blames finds every wrong attribution and what followed it.
func blames(sc *scenarios.Scenario, recs []agents.Record) []Blame {
	var out []Blame
	desc := agents.NewDescriber(sc, agents.IDs{})
	lines := make([]string, len(recs))
	for i, r := range recs {
		lines[i] = desc.Describe(r).Line
	}
	for i, r := range recs {
		if r.Kind != agents.KindAttackAttributed {
			continue
		}
		b := r.Blame()
		if b.Correct || b.Blamed == "" {
			continue
		}
		x := Blame{Time: r.Time, Op: b.Op, Victim: b.Victim, Blamed: b.Blamed, Culprit: r.Actor, Sponsor: r.Origin, Method: r.Method}
		x.Evidence = append(x.Evidence, fmt.Sprintf("%s's own attribution after %s of investigation", b.Victim, agents.Span(b.Hours)))
		if a := slices.IndexFunc(sc.Attackers, func(a scenarios.Attacker) bool { return a.ID == r.Actor }); a >= 0 && sc.Attackers[a].FalseFlag == b.Blamed {
			x.Evidence = append(x.Evidence, fmt.Sprintf("%s plants a false flag pointing at %s", r.Actor, b.Blamed))
		}
		supported := false
		for _, p := range recs[:i] {
			if p.Kind == agents.KindForce && p.Op == b.Op && p.Function == agents.MediatorAttribution.String() {
				supported = true
			}
		}
		if supported {
			x.Evidence = append(x.Evidence, "with the force's attribution support")
		} else {
			x.Evidence = append(x.Evidence, "without the force's attribution support")
		}
		pair := func(p agents.Record) bool {
			return p.State == b.Victim && p.Other == b.Blamed || p.State == b.Blamed && p.Other == b.Victim
		}
		for j := i + 1; j < len(recs) && recs[j].Time <= r.Time+followWindow; j++ {
			p := recs[j]
			follows := false
			switch p.Kind {
			case agents.KindEscalation, agents.KindRestraint, agents.KindNormBroken:
				follows = pair(p)
			case agents.KindExculpation:
				follows = p.Op == b.Op || pair(p)
			case agents.KindRumourWave:
				follows = p.State == b.Victim && p.Other == b.Blamed
			case agents.KindStage:
				follows = true
			}
			if follows {
				e := Entry{Time: p.Time, Stage: p.Stage, Kind: p.Kind.String(), Line: lines[j]}
				e.Mark, e.Weight = markOf(p)
				x.Followed = append(x.Followed, e)
			}
		}
		out = append(out, x)
	}
	return out
}

// norms lists the records about norms and confidence-building measures:
// norms violated and broken, support withdrawn, agreements changed,
// restraint and findings clearing a state, and the CBMs injects and
// decisions added; and the CBMs in force at the start.
func norms(sc *scenarios.Scenario, recs []agents.Record) ([]Entry, []string) {
	var out []Entry
	desc := agents.NewDescriber(sc, agents.IDs{})
	for _, r := range recs {
		d := desc.Describe(r)
		switch r.Kind {
		case agents.KindNormViolation, agents.KindNormBroken, agents.KindSupport, agents.KindAgreement, agents.KindRestraint, agents.KindExculpation:
		case agents.KindForce:
			if r.Function != agents.MediatorConsultations.String() || r.Op == 0 {
				continue // a finding passed in private uses the consultations CBM; routine ones are counted with the force
			}
		case agents.KindInject, agents.KindDecided:
			cbms := addedCBMs(sc, r)
			if len(cbms) == 0 {
				continue
			}
			d.Line += " — adds " + strings.Join(cbms, "; ")
		default:
			continue
		}
		e := Entry{Time: r.Time, Stage: r.Stage, Kind: r.Kind.String(), Line: d.Line}
		e.Mark, e.Weight = markOf(r)
		out = append(out, e)
	}
	var start []string
	for _, rel := range sc.Relations {
		if len(rel.CBMs) > 0 && len(rel.Between) == 2 {
			start = append(start, fmt.Sprintf("%s and %s: %s", rel.Between[0], rel.Between[1], strings.Join(rel.CBMs, ", ")))
		}
	}
	return out, start
}

// addedCBMs are the CBMs an inject or an answer to a decision puts in
// force, by its effects in the scenario.
func addedCBMs(sc *scenarios.Scenario, r agents.Record) []string {
	var effects []scenarios.Effect
	switch r.Kind {
	case agents.KindInject:
		for _, in := range sc.Injects {
			if in.Title == r.Text {
				effects = in.Effects
			}
		}
	case agents.KindDecided:
		a := r.Answer()
		for _, d := range sc.Decisions {
			if d.ID == a.Decision && a.Option >= 1 && a.Option <= len(d.Options) {
				effects = d.Options[a.Option-1].Effects
			}
		}
	}
	var out []string
	for _, e := range effects {
		if e.Do == "cbm" {
			out = append(out, fmt.Sprintf("CBM %s between %s", e.To, strings.Join(e.Between, " and ")))
		}
	}
	return out
}

// RoleWork is the force's work in one role: each of the framework's
// functions of the role with its actions in each stage.
type RoleWork struct {
	Role      string
	Functions []FunctionWork
}

// FunctionWork is one function of the framework's table and what the
// force did of it in each stage.
type FunctionWork struct {
	Name    string
	What    string
	InStage [3]bool // the framework gives the function this stage
	Actions [3]int  // force.action records of the function, by stage
}

// forceWork counts the force's actions by role, function and stage,
// against agents.Functions, the framework's table.
func forceWork(recs []agents.Record) []RoleWork {
	var out []RoleWork
	count := map[string]*[3]int{}
	for _, r := range recs {
		if r.Kind != agents.KindForce || int(r.Stage) > 2 {
			continue
		}
		c := count[r.Function]
		if c == nil {
			c = new([3]int)
			count[r.Function] = c
		}
		c[r.Stage]++
	}
	for _, role := range agents.Roles {
		rw := RoleWork{Role: role}
		for _, f := range agents.Functions {
			if f.Role != role {
				continue
			}
			fw := FunctionWork{Name: f.Name, What: f.Does, InStage: f.Stages}
			if c := count[f.Name]; c != nil {
				fw.Actions = *c
			}
			rw.Functions = append(rw.Functions, fw)
		}
		out = append(out, rw)
	}
	return out
}

// Goal is one goal of cyber peacekeeping with the metrics that indicate
// how the session did on it.
type Goal struct {
	Goal       string
	Means      string // what the goal asks, in the framework's words
	Indicators []Indicator
}

// Indicator is one metric of the run, as folded from the log.
type Indicator struct {
	Metric agents.MetricSpec
	Value  float64
}

// Text is the indicator's value as the report prints it.
func (i Indicator) Text() string { return formatValue(i.Metric, i.Value) }

// goals maps the CPK goals to the metrics that indicate them (DOMAIN.md:
// protect civilians and trust; prevention, mitigation, aftermath
// containment and rehabilitation).
var goals = []struct {
	goal, means string
	metrics     []string
}{
	{"Protect civilians", "keep essential services running for the people", []string{"harm", "safe_layer_hits"}},
	{"Trust", "keep trust between the states and in the force", []string{"mean_trust", "trust_in_force"}},
	{"Prevention", "prepare and stop escalation early", []string{"reached_conflict", "peak_rung"}},
	{"Mitigation", "contain attacks and limit damage during the conflict", []string{"hours_conflict", "harm_conflict"}},
	{"Aftermath containment", "collect and contain cyber weapons so that they are not reused", []string{"tools_reused", "worm_spills"}},
	{"Rehabilitation", "rebuild infrastructure, security and trust", []string{"mean_maturity", "final_rung"}},
}

func scorecard(values []agents.Value) []Goal {
	var out []Goal
	for _, g := range goals {
		goal := Goal{Goal: g.goal, Means: g.means}
		for _, name := range g.metrics {
			spec, ok := agents.MetricByName(name)
			if !ok {
				continue
			}
			i := slices.IndexFunc(values, func(v agents.Value) bool { return v.Name == name })
			if i < 0 {
				continue
			}
			goal.Indicators = append(goal.Indicators, Indicator{Metric: spec, Value: values[i].Value})
		}
		out = append(out, goal)
	}
	return out
}

// formatValue prints a metric's value in its unit.
func formatValue(m agents.MetricSpec, v float64) string {
	switch m.Unit {
	case "0 or 1":
		if v != 0 {
			return "yes"
		}
		return "no"
	case "0-1":
		return fmt.Sprintf("%.2f", v)
	case "count":
		return fmt.Sprintf("%d", int64(v))
	case "hours":
		return agents.Span(v)
	case "people-hours", "hosts", "host-hours":
		return agents.People(v) + " " + m.Unit
	}
	if strings.HasPrefix(m.Unit, "rung") {
		return fmt.Sprintf("%d (%s)", int(v), agents.Rung(int(v)))
	}
	return fmt.Sprintf("%g", v)
}
