package scenarios

import (
	"fmt"
	"slices"
)

// Warnings returns what in a valid scenario is allowed but does nothing:
// an option or inject that switches on a force function that is on from the
// start and that nothing in the script ever switches off (or off what is
// never on), so the effect changes nothing when it fires. A facilitator
// would promise the room a decision that does not do what it says. src
// gives positions; it may be nil.
func Warnings(s *Scenario, src *Source) Diagnostics {
	if s == nil {
		return nil
	}
	type place struct {
		path string
		e    Effect
	}
	var switches, cbms []place
	collect := func(path string, e Effect) {
		switch e.Do {
		case "force":
			switches = append(switches, place{path, e})
		case "cbm":
			cbms = append(cbms, place{path, e})
		}
	}
	for i, in := range s.Injects {
		for j, e := range in.Effects {
			collect(fmt.Sprintf("inject[%d].effects[%d]", i, j), e)
		}
	}
	for i, d := range s.Decisions {
		for k, o := range d.Options {
			for j, e := range o.Effects {
				collect(fmt.Sprintf("decision[%d].option[%d].effects[%d]", i, k, j), e)
			}
		}
	}
	f := &s.Force
	switchedTo := func(fn, to string) bool {
		return slices.ContainsFunc(switches, func(p place) bool { return p.e.Function == fn && p.e.To == to })
	}
	var ds Diagnostics
	for _, p := range switches {
		fn, to := p.e.Function, p.e.To
		var why string
		switch {
		case to == "on" && !f.Mandates(fn):
			why = fmt.Sprintf("switches on %s, which the mandate leaves out (force.roles or force.disabled): it stays off", fn)
		case to == "on" && f.OnAtStart(fn) && !switchedTo(fn, "off"):
			why = fmt.Sprintf("switches on %s, which is on from the start and nothing switches off: put it in force.standby if the force should wait to be asked", fn)
		case to == "off" && !f.OnAtStart(fn) && !switchedTo(fn, "on"):
			why = fmt.Sprintf("switches off %s, which is never on", fn)
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
