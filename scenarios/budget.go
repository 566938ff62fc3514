package scenarios

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// The work budget. A scenario can be valid in every value and still ask for
// a run that never ends: ten years at sixty operations an hour is five
// million operations. Validation estimates the events of one run from the
// scenario alone, before anything runs, and refuses what is over the
// budget; --budget raises it for the rare study that means it.
//
// The estimate is an upper bound of the expected work, in events (one
// scheduled event or one record; measured here, a run costs 0.8 to 1.5 µs
// of one core per estimated event: ddos-election at 10/h, the minimal test
// scenario at 20/h and 60/h):
//
//   - operations: each attacker's tempo over the horizon (the highest of its
//     tempo and of each scripted tempo change over what is left of the
//     horizon after it), at eventsPerOperation each: launch, detection,
//     attribution, outages, restores, the force's tasks, escalation;
//   - worm steps: when any operation may be a worm, a step every
//     model.worm.step over the whole horizon (outbreaks run one at a
//     time), each updating every asset;
//   - rumour steps: one wave per expected disinformation operation and per
//     scripted rumour, each stepping every model.rumour.step for at most
//     rumourLife;
//   - daily records (a day's calm and tension for every pair of states),
//     the force's shift changes, injects and decisions with their effects,
//     and the final records.
const (
	// DefaultBudget is the work a run may take without --budget: under
	// 10 s of one core. Every bundled scenario estimates under 2% of it
	// (docs/limits.md).
	DefaultBudget = 5_000_000

	// MaxBudget bounds --budget itself.
	MaxBudget = 1_000_000_000_000

	// maxTempo bounds an attacker's tempo (the range of attacker.tempo,
	// per hour) and a scripted tempo change.
	maxTempo = 100

	eventsPerOperation = 10
	// assetsPerWormEvent: a worm step draws for every asset, each draw
	// about a tenth of an event's work.
	assetsPerWormEvent = 10
	rumourLife         = 14 * 24.0 // hours; waves in the bundled scenarios end within 5 days
)

// Work is the estimated work of one run of a scenario.
type Work struct {
	Events float64 // the whole estimate, in events
	// Operations is the expected attack operations of every attacker.
	Operations float64
	// Dominant names the part that is most of the work, as the message
	// says it, and Keys the scenario keys that set it, the most telling
	// first.
	Dominant string
	Keys     []string
}

// EstimateWork estimates the work of one run of s, an upper bound of the
// expected events (see DefaultBudget). It costs a pass over the attackers,
// injects and decisions, whatever the horizon.
func EstimateWork(s *Scenario) Work {
	H := max(0, s.Meta.Horizon.Hours())
	var w Work
	parts := map[string]float64{}
	keys := map[string][]string{}
	note := func(what string, events float64, key ...string) {
		w.Events += events
		parts[what] += events
		if _, ok := keys[what]; !ok {
			keys[what] = key
		}
	}

	// Scripted tempo changes and rumours, by attacker.
	type change struct{ at, rate float64 }
	changes := map[string][]change{}
	rumours := 0.0
	scriptWork := 0.0
	worm := false
	wormOps := 0.0 // expected worm releases: each may start an outbreak
	visit := func(at Duration, effects []Effect) {
		for _, e := range effects {
			switch e.Do {
			case "tempo":
				if r, err := ParseRate(e.To); err == nil {
					changes[e.Attacker] = append(changes[e.Attacker], change{at.Hours(), r.PerHour()})
				}
			case "rumour":
				rumours++
			case "attack":
				switch e.Method {
				case "worm":
					worm = true
					wormOps++
				case "disinformation":
					rumours++
				}
				scriptWork += eventsPerOperation
			}
		}
	}
	for _, in := range s.Injects {
		scriptWork += 1 + float64(len(in.Effects))
		visit(in.At, in.Effects)
	}
	for _, d := range s.Decisions {
		most := 0
		for _, o := range d.Options {
			most = max(most, len(o.Effects))
			visit(d.At, o.Effects)
		}
		scriptWork += 1 + float64(most)
	}

	disinfo, mostDisinfo, wormKey := 0.0, 0.0, ""
	var disinfoKey string
	for i, a := range s.Attackers {
		ops := finite(a.Tempo.PerHour()) * H
		for _, c := range changes[a.ID] {
			ops = max(ops, finite(c.rate)*max(0, H-c.at))
		}
		w.Operations += ops
		mix := a.Methods
		if len(mix) == 0 {
			mix = DefaultMethodMix
		}
		key := fmt.Sprintf("attacker[%d].tempo", i)
		if total := weightSum(mix); total > 0 && finite(total) == total {
			if mix["worm"] > 0 {
				worm = true
				wormOps += ops * mix["worm"] / total
				if wormKey == "" {
					wormKey = key
				}
			}
			d := ops * mix["disinformation"] / total
			disinfo += d
			if d > mostDisinfo {
				mostDisinfo, disinfoKey = d, key
			}
		}
		what := fmt.Sprintf("attacker %q: %s operations over %s", a.ID, count(ops), s.Meta.Horizon)
		// Each attacker is its own part, so that the message names the one
		// that asks for the most.
		note(what, ops*eventsPerOperation, key, fmt.Sprintf("attacker[%d]", i))
	}
	if worm {
		if step := s.Model.Worm.Step.Hours(); step > 0 {
			// A step every model.worm.step, and the finer steps of a fast
			// worm's growth (WormStep), once per outbreak that may start.
			var hosts int64
			for _, a := range s.Assets {
				hosts += a.Hosts
			}
			steps := H / step
			if fine := s.Model.Worm.WormStep(hosts, s.Model.Worm.WormSpace(hosts)); fine < step {
				steps += WormGrowthSteps(hosts) * max(1, wormOps)
			}
			note(fmt.Sprintf("worm steps: %s, every %s over %s, each over %d assets", count(steps), s.Model.Worm.Step, s.Meta.Horizon, len(s.Assets)),
				steps*(1+float64(len(s.Assets))/assetsPerWormEvent), "model.worm.step", wormKey, "scenario.horizon")
		}
	}
	if waves := disinfo + rumours; waves > 0 {
		if step := s.Model.Rumour.Step.Hours(); step > 0 {
			steps := waves * min(H, rumourLife) / step
			note(fmt.Sprintf("rumour steps: %s waves, each every %s", count(waves), s.Model.Rumour.Step),
				steps, disinfoKey, "model.rumour.step", "scenario.horizon")
		}
	}
	n := float64(len(s.States))
	days := H / 24
	note("daily records", days*(1+n+n*(n-1)/2), "scenario.horizon")
	if len(s.Force.Teams) > 0 {
		note("the force's shift changes", 2*days*float64(len(s.Force.Teams)), "force.team", "scenario.horizon")
	}
	note("injects and decisions", scriptWork, "inject", "decision")
	note("final records", n*(n+1)/2+float64(len(s.Assets)), "state", "asset")

	best := -1.0
	for what, v := range parts {
		if v > best || (v == best && what < w.Dominant) {
			best, w.Dominant, w.Keys = v, what, keys[what]
		}
	}
	return w
}

func finite(x float64) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) || x < 0 {
		return 0
	}
	return x
}

// checkBudget refuses a scenario whose estimated work is over budget (0:
// DefaultBudget), at the key of the part that is most of it.
func checkBudget(s *Scenario, src *Source, budget int64) Diagnostics {
	if budget <= 0 {
		budget = DefaultBudget
	}
	w := EstimateWork(s)
	if !(w.Events > float64(budget)) {
		return nil
	}
	key := ""
	for _, k := range w.Keys {
		if k != "" && (src == nil || src.Has(k)) {
			key = k
			break
		}
	}
	if key == "" && len(w.Keys) > 0 {
		key = w.Keys[0]
	}
	d := src.At(key, "a run would take about %s events (%s), over the work budget of %s; shorten the horizon or lower the tempo, or raise the budget on purpose with --budget %d (docs/limits.md)",
		count(w.Events), w.Dominant, count(float64(budget)), int64(math.Min(MaxBudget, math.Ceil(w.Events/1e6)*1e6)))
	d.Code = CodeLimit
	return Diagnostics{d}
}

// count writes a large number with thousands separators: 5,256,000.
func count(x float64) string {
	if x >= 1e15 {
		return strconv.FormatFloat(x, 'g', 3, 64)
	}
	s := strconv.FormatInt(int64(math.Round(x)), 10)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}
