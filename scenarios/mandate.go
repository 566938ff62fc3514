package scenarios

import (
	"slices"
	"strings"
)

// Mandates reports whether the force's mandate includes function fn
// ("role.function"): the force is deployed, its institution can hold fn,
// it has fn's role, and fn is not switched off in force.disabled. A script
// can switch on only what the mandate includes.
func (f *Force) Mandates(fn string) bool {
	role, _, _ := strings.Cut(fn, ".")
	return f.Enabled && f.Host().Holds(fn) && slices.Contains(f.Roles, role) && !slices.Contains(f.Disabled, fn)
}

// OnAtStart reports whether function fn acts from the start of a run: it
// is in the mandate and not on standby.
func (f *Force) OnAtStart(fn string) bool {
	return f.Mandates(fn) && !slices.Contains(f.Standby, fn)
}
