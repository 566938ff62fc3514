package scenarios

import (
	"cmp"
	"fmt"
	"slices"
)

// Warnings returns what in a valid scenario is allowed but does nothing:
// an option or inject that switches on a force function that is on from the
// start and that nothing earlier in the script can switch off (or off what
// nothing earlier can have switched on), so the effect changes nothing when
// it fires. The script is read in time order: a switch at the same moment or
// later cannot prepare this one. A facilitator
// would promise the room a decision that does not do what it says. src
// gives positions; it may be nil.
func Warnings(s *Scenario, src *Source) Diagnostics {
	if s == nil {
		return nil
	}
	type place struct {
		path string
		at   Duration
		e    Effect
	}
	var switches, cbms []place
	collect := func(path string, at Duration, e Effect) {
		switch e.Do {
		case "force":
			switches = append(switches, place{path, at, e})
		case "cbm":
			cbms = append(cbms, place{path, at, e})
		}
	}
	for i, in := range s.Injects {
		for j, e := range in.Effects {
			collect(fmt.Sprintf("inject[%d].effects[%d]", i, j), in.At, e)
		}
	}
	for i, d := range s.Decisions {
		for k, o := range d.Options {
			for j, e := range o.Effects {
				collect(fmt.Sprintf("decision[%d].option[%d].effects[%d]", i, k, j), d.At, e)
			}
		}
	}
	f := &s.Force
	script := inTimeOrder(s)
	var ds Diagnostics
	for _, p := range switches {
		fn, to := p.e.Function, p.e.To
		var why string
		switch states := switchStatesBefore(script, fn, p.at, f.OnAtStart(fn)); {
		case to == "on" && !f.Mandates(fn):
			why = fmt.Sprintf("switches on %s, which the mandate leaves out (force.roles or force.disabled): it stays off", fn)
		case to == "on" && states == canBeOn:
			why = fmt.Sprintf("switches on %s, which is on by then whatever is decided before (on from the start unless in force.standby): put it in force.standby if the force should wait to be asked", fn)
		case to == "off" && states == canBeOff:
			why = fmt.Sprintf("switches off %s, which is off by then whatever is decided before", fn)
		default:
			continue
		}
		d := src.At(p.path, "warning: %s", why)
		d.Code = CodeNoEffect
		ds = append(ds, d)
	}
	for _, p := range cbms {
		if len(p.e.Between) != 2 {
			continue
		}
		for _, r := range s.Relations {
			if len(r.Between) == 2 && sameDyad(r.Between, p.e.Between) && slices.Contains(r.CBMs, p.e.To) {
				d := src.At(p.path, "warning: adds the CBM %q, which %s and %s hold from the start", p.e.To, p.e.Between[0], p.e.Between[1])
				d.Code = CodeNoEffect
				ds = append(ds, d)
			}
		}
	}
	return ds
}

// The states a force function can be in at a moment of the script.
const (
	canBeOn = 1 << iota
	canBeOff
)

// scriptStep is one moment of the script: an inject (one list of effects)
// or a decision (a list per option).
type scriptStep struct {
	at      Duration
	options [][]Effect
}

// inTimeOrder returns the injects and decisions of s by their time.
func inTimeOrder(s *Scenario) []scriptStep {
	var steps []scriptStep
	for _, in := range s.Injects {
		steps = append(steps, scriptStep{in.At, [][]Effect{in.Effects}})
	}
	for _, d := range s.Decisions {
		st := scriptStep{at: d.At}
		for _, o := range d.Options {
			st.options = append(st.options, o.Effects)
		}
		steps = append(steps, st)
	}
	slices.SortStableFunc(steps, func(a, b scriptStep) int { return cmp.Compare(a.at, b.at) })
	return steps
}

// switchStatesBefore follows the script up to (not including) at and
// returns the states function fn can be in then: an inject's switch is
// certain, a decision's options each lead somewhere (an option that does
// not touch fn leaves it as it was).
func switchStatesBefore(script []scriptStep, fn string, at Duration, onAtStart bool) int {
	states := canBeOff
	if onAtStart {
		states = canBeOn
	}
	for _, st := range script {
		if st.at >= at {
			break
		}
		next := 0
		for _, effects := range st.options {
			after := states
			for _, e := range effects {
				if e.Do == "force" && e.Function == fn {
					after = canBeOff
					if e.To == "on" {
						after = canBeOn
					}
				}
			}
			next |= after
		}
		if next != 0 {
			states = next
		}
	}
	return states
}

func sameDyad(a, b []string) bool {
	return a[0] == b[0] && a[1] == b[1] || a[0] == b[1] && a[1] == b[0]
}

// WarningsOf returns the Warnings of scenario s, loaded by Open from source
// (a bundled name or a file path), with positions in that source.
func WarningsOf(source string, s *Scenario) Diagnostics {
	data, err := BundledSource(source)
	if err != nil || !isBundledName(source) {
		if data, err = readFile(source); err != nil {
			return Warnings(s, nil)
		}
	}
	src, ds := NewSource(source, data)
	if len(ds) > 0 {
		src = nil
	}
	return Warnings(s, src)
}
