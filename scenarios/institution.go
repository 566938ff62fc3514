package scenarios

import "slices"

// Institution is who hosts the force: the functions its mandate can hold,
// whom its guardian and coordinator act against, and whether its
// clearinghouse works from open data. The comparison follows Akatyev &
// James, "United Nations Digital Blue Helmets as a Starting Point for
// Cyber Peacekeeping" (2017), sections 3.3, 3.4 and 4
// (../shared/seeds/); docs/institutions.md quotes the passages.
type Institution struct {
	Name string
	// Functions lists the functions ("role.function") the institution's
	// mandate can hold; nil means all of them.
	Functions []string
	// CrimeOnly limits monitoring and the sharing of indicators to
	// criminal attackers: a mandate against cybercrime, not state
	// operations.
	CrimeOnly bool
	// OpenData lets the clearinghouse work in every state's information
	// space, member or not, from public data and social media; otherwise
	// it works only in states with an agreement.
	OpenData bool
	// Summary says what the preset is, in a line.
	Summary string
}

// dbhFunctions is what the Digital Blue Helmets do in the model: watch for
// and answer cyber threats, share what they learn (§3.3).
var dbhFunctions = []string{"guardian.monitoring", "coordinator.information-sharing", "coordinator.incident-response"}

// Institutions lists the presets of force.institution; the first is the
// default.
var Institutions = []Institution{
	{Name: "cpk", Summary: "the full Cyber Peacekeeping framework: every function of the four roles in the three stages"},
	{Name: "cpk-first-steps", Functions: append(slices.Clone(dbhFunctions), "guardian.safe-layer", "coordinator.clearinghouse"), OpenData: true,
		Summary: "the paper's recommendation: the Digital Blue Helmets start with the Safe Layer and the Information Clearinghouse, with Global Pulse's data analysis behind the clearinghouse"},
	{Name: "dbh", Functions: dbhFunctions, CrimeOnly: true,
		Summary: "the UN's Digital Blue Helmets as the paper finds them: monitoring, sharing and incident response against cybercrime, no mediator and no builder"},
	{Name: "global-pulse", Functions: []string{"coordinator.clearinghouse"}, OpenData: true,
		Summary: "UN Global Pulse: analysis of open data and social media, which debunks rumours everywhere but has no access inside any state"},
	{Name: "dbh-gp", Functions: append(slices.Clone(dbhFunctions), "coordinator.clearinghouse"), CrimeOnly: true, OpenData: true,
		Summary: "the Digital Blue Helmets and Global Pulse working together, as the paper says they could, without the rest of the framework"},
}

// InstitutionNamed returns the preset called name.
func InstitutionNamed(name string) (*Institution, bool) {
	for i := range Institutions {
		if Institutions[i].Name == name {
			return &Institutions[i], true
		}
	}
	return nil, false
}

// Holds reports whether the institution's mandate can hold function fn.
func (in *Institution) Holds(fn string) bool {
	return in.Functions == nil || slices.Contains(in.Functions, fn)
}

// Host returns the force's institution (the default for an unknown name,
// which validation refuses).
func (f *Force) Host() *Institution {
	if in, ok := InstitutionNamed(f.Institution); ok {
		return in
	}
	return &Institutions[0]
}
