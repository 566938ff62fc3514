package scenarios

import (
	"fmt"
	"reflect"
	"strconv"

	"cpkrange/scenarios/internal/tomlx"
)

// Limits against hostile or mistaken files, beyond the limit tags.
const (
	maxTotalHosts      = 1_000_000_000
	maxTotalPopulation = 10_000_000_000
	maxSweepPoints     = 100_000
)

// The escalation ladder, lowest rung first.
var ladder = []string{"none", "protest", "sanctions", "retaliation", "armed"}

// modelledCBMs are the confidence-building measures the model acts on
// (docs/model.md §5); a relation may hold and a script may add only these,
// so that no measure passes validation and then does nothing.
var modelledCBMs = []string{"national-views", "information-exchange", "consultations", "osce-platform", "laws", "strategies",
	"contact-points", "terminology", "osce-network", "expert-meetings", "workshops", "hotline", "public-private",
	"ci-cooperation", "vulnerability-reporting"}

// Deciders other than states.
var otherDeciders = []string{"force", "facilitator"}

// effectArgs lists the arguments each kind of effect uses, in the order
// they are checked.
var effectArgs = map[string][]string{
	"attack":     {"attacker", "target", "method"},
	"rumour":     {"state", "share", "blames"},
	"tension":    {"between", "by"},
	"trust":      {"between", "by"},
	"escalate":   {"between", "by", "to"},
	"stage":      {"to"},
	"posture":    {"state", "to"},
	"agreement":  {"state", "to"},
	"naming":     {"state", "to"},
	"cbm":        {"between", "to"},
	"tempo":      {"attacker", "to"},
	"force":      {"function", "to"},
	"note":       {"text"},
	"leak":       {"attacker"},
	"safe-layer": {"target", "to"},
	"patch":      {"share"},
}

// Validate checks a decoded scenario and returns every problem, sorted.
// src is the source it was decoded from, for positions and to tell written
// keys from defaults; it may be nil for a scenario built in code, and then
// the diagnostics carry key paths but no positions.
//
// It checks what the struct tags say (required keys, ranges, allowed words,
// references, list limits) and what they cannot: unique ids, dependency
// cycles, times within the horizon, decisions and their options, the
// arguments of each effect, attackers' sponsors, networks, the force's
// teams, the stage rules, sweeps, and each variant applied to a copy.
func Validate(s *Scenario, src *Source) Diagnostics {
	if s == nil {
		return Diagnostics{{Msg: "no scenario"}}
	}
	ds := validateCore(s, src)
	ds = append(ds, checkBudget(s, src, DefaultBudget)...)
	ds = append(ds, validateVariants(s, src, -1, DefaultBudget)...)
	ds = append(ds, validateSweeps(s, src, DefaultBudget)...)
	return capped(src.File(), ds).Sorted()
}

// checker collects the problems of one scenario.
type checker struct {
	s    *Scenario
	src  *Source
	ds   Diagnostics
	full bool
	// ids maps "state", "asset" and "attacker" to the index of the first
	// element with each id; order keeps the ids in file order for messages.
	ids   map[string]map[string]int
	order map[string][]string
	// networks maps a state id to its network's index.
	networks map[string]int
	// blocked is set when a list is over its limit: the expensive checks
	// (variants) are skipped for a file that big.
	blocked bool
	// segs is the path the generic walk is at.
	segs []tomlx.Seg
}

func validateCore(s *Scenario, src *Source) Diagnostics {
	return runChecks(s, src).ds
}

// runChecks runs every check but the variants'.
func runChecks(s *Scenario, src *Source) *checker {
	c := &checker{s: s, src: src, ids: map[string]map[string]int{}, order: map[string][]string{}, networks: map[string]int{}}
	c.collectIDs()
	c.walk(reflect.ValueOf(s).Elem())
	c.meta()
	c.states()
	c.relations()
	c.assets()
	c.attackers()
	c.information()
	c.force()
	c.stages()
	c.injects()
	c.decisions()
	c.variantsBasic()
	c.sweeps()
	return c
}

// put adds d unless the list is full; the first problem over the limit
// ends the list with a note.
func (c *checker) put(d Diagnostic) {
	if c.full {
		return
	}
	if len(c.ds) >= tomlx.MaxDiagnostics {
		c.full = true
		c.ds.Add(tomlx.TooMany(c.src.File()))
		return
	}
	c.ds.Add(d)
}

// add reports a problem at the value of path; format is a format string
// only when args are given.
func (c *checker) add(code Code, path string, format string, args ...any) {
	d := c.src.At(path, format, args...)
	d.Code = code
	c.put(d)
}

// addHint reports a problem with a suggestion: what the author probably
// meant.
func (c *checker) addHint(code Code, hint, path, msg string) {
	d := c.src.At(path, "%s", msg)
	d.Code, d.Suggestion = code, hint
	c.put(d)
}

// addErr reports an error at path, with its code when it has one.
func (c *checker) addErr(path string, err error) {
	c.put(tomlx.WithError(c.src.At(path, ""), err))
}

// addKey reports a problem with a key itself (a table's key), at the key.
func (c *checker) addKey(code Code, hint string, segs []tomlx.Seg, msg string) {
	d := c.src.AtKey(segs, msg)
	d.Code, d.Suggestion = code, hint
	c.put(d)
}

// missing reports whether a required key was left out of the file, in which
// case the loader has said so and the checks of its value are skipped.
func (c *checker) missing(path string) bool {
	return c.src != nil && !c.src.Has(path)
}

// where names the place of path for "first at ..." in messages: its line
// when known, else the path.
func (c *checker) where(path string) string {
	if line := c.src.Line(path); line > 0 {
		return "line " + strconv.Itoa(line)
	}
	return path
}

// ---------------------------------------------------------------- ids

// idLists are the arrays of tables whose elements are named by an id, with
// the kind of reference that names them (or "" when nothing refers to them).
func (c *checker) idLists() []struct {
	kind, path string
	ids        []string
} {
	var out []struct {
		kind, path string
		ids        []string
	}
	add := func(kind, path string, n int, id func(int) string) {
		ids := make([]string, n)
		for i := range ids {
			ids[i] = id(i)
		}
		out = append(out, struct {
			kind, path string
			ids        []string
		}{kind, path, ids})
	}
	s := c.s
	add("state", "state", len(s.States), func(i int) string { return s.States[i].ID })
	add("asset", "asset", len(s.Assets), func(i int) string { return s.Assets[i].ID })
	add("attacker", "attacker", len(s.Attackers), func(i int) string { return s.Attackers[i].ID })
	add("team", "force.team", len(s.Force.Teams), func(i int) string { return s.Force.Teams[i].ID })
	add("inject", "inject", len(s.Injects), func(i int) string { return s.Injects[i].ID })
	add("decision", "decision", len(s.Decisions), func(i int) string { return s.Decisions[i].ID })
	return out
}

func (c *checker) collectIDs() {
	for _, l := range c.idLists() {
		seen := map[string]int{}
		for i, id := range l.ids {
			p := fmt.Sprintf("%s[%d].id", l.path, i)
			if id == "" {
				continue // the generic checks report it
			}
			if !validID(id) {
				c.add(CodeInvalid, p, "id %q may only use letters, digits, '-' and '_'", id)
			}
			if j, dup := seen[id]; dup {
				c.add(CodeDuplicate, p, "duplicate %s id %q (first at %s)", l.kind, id, c.where(fmt.Sprintf("%s[%d].id", l.path, j)))
				continue
			}
			seen[id] = i
			c.order[l.kind] = append(c.order[l.kind], id)
		}
		c.ids[l.kind] = seen
	}
}

// validID reports whether an id can stand in a key path such as
// asset.<id>.restore: letters, digits, '-' and '_'.
func validID(id string) bool { return tomlx.IsBareKey(id) }
