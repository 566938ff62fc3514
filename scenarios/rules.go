package scenarios

import (
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"
	"time"

	"cpkrange/scenarios/internal/tomlx"
)

// ------------------------------------------------------- semantic checks

func (c *checker) meta() {
	if st := c.s.Meta.Start; st != "" {
		if _, err := time.Parse("2006-01-02", st); err != nil {
			c.add(CodeBadValue, "scenario.start", "want a date such as \"2027-03-01\", got %q", st)
		}
	}
}

func (c *checker) states() {
	if len(c.s.States) == 0 {
		c.add(CodeInvalid, "state", "a scenario needs at least one [[state]]")
	}
	var total float64
	for i, st := range c.s.States {
		p := fmt.Sprintf("state[%d]", i)
		if n := len(st.Position); n != 2 && !c.missing(p+".position") {
			c.add(CodeInvalid, p+".position", "want 2 numbers [x, y], got %d", n)
		}
		total += float64(st.Population)
	}
	if total > maxTotalPopulation {
		c.add(CodeOutOfRange, "state", "the states have %s people together, more than the %s the world will ever have", tomlx.GroupFloat(total), tomlx.GroupInt(maxTotalPopulation))
	}
}

func (c *checker) relations() {
	seen := map[[2]string]int{}
	for i, r := range c.s.Relations {
		for j, cbm := range r.CBMs {
			if !slices.Contains(modelledCBMs, cbm) && slices.Contains(enumOf(reflect.TypeFor[Relation](), "cbms"), cbm) {
				c.add(CodeInvalid, fmt.Sprintf("relation[%d].cbms[%d]", i, j), "the CBM %q is not modelled: the model has nothing it could act on (docs/model.md §5); leave it out", cbm)
			}
		}
		p := fmt.Sprintf("relation[%d].between", i)
		if c.missing(p) {
			continue
		}
		if len(r.Between) != 2 {
			c.add(CodeInvalid, p, "want 2 different states, got %d", len(r.Between))
			continue
		}
		a, b := r.Between[0], r.Between[1]
		if a == b {
			c.add(CodeInvalid, p, "want 2 different states, got %q twice", a)
			continue
		}
		if a > b {
			a, b = b, a
		}
		if j, dup := seen[[2]string{a, b}]; dup {
			c.add(CodeDuplicate, p, "duplicate relation between %q and %q (first at %s)", a, b, c.where(fmt.Sprintf("relation[%d]", j)))
			continue
		}
		seen[[2]string{a, b}] = i
	}
}

func (c *checker) assets() {
	var hosts float64
	for i, a := range c.s.Assets {
		hosts += float64(a.Hosts)
		for j, d := range a.DependsOn {
			if d == a.ID && d != "" {
				c.add(CodeCycle, fmt.Sprintf("asset[%d].depends_on[%d]", i, j), "asset %q depends on itself", d)
			}
		}
	}
	if hosts > maxTotalHosts {
		c.add(CodeLimit, "asset", "the assets have %s hosts together, the limit is %s", tomlx.GroupFloat(hosts), tomlx.GroupInt(maxTotalHosts))
	}
	c.cycles()
}

func (c *checker) attackers() {
	for i, a := range c.s.Attackers {
		p := fmt.Sprintf("attacker[%d]", i)
		switch a.Kind {
		case "state":
			if a.Sponsor == "" {
				c.add(CodeInvalid, p+".sponsor", "a state attacker needs a \"sponsor\": the state it works for")
			}
		case "proxy":
			if a.Sponsor == "" {
				c.add(CodeInvalid, p+".sponsor", "a proxy needs a \"sponsor\": the state behind it")
			}
		}
		if a.Retaliates && a.Kind != "state" && a.Kind != "" {
			c.add(CodeInvalid, p+".retaliates", "only a state attacker can retaliate for its sponsor; this one is a %s", a.Kind)
		}
		if a.Reuses != "" && a.Reuses == a.ID {
			c.add(CodeInvalid, p+".reuses", "an attacker cannot reuse its own tools")
		}
		if a.FalseFlag != "" && a.FalseFlag == a.Sponsor {
			c.add(CodeInvalid, p+".false_flag", "false_flag is the attacker's own sponsor %q: a false flag points at another state", a.Sponsor)
		}
		c.weights(p+".methods", "method", a.Methods)
		c.weights(p+".targets.sectors", "sector", a.Targets.Sectors)
	}
}

// maxWeightSum bounds a table of weights: weights are relative, and a sum
// that overflows makes every draw land on the last entry.
const maxWeightSum = 1e9

// weights checks that a table of weights has a positive, finite sum within
// maxWeightSum; a nil table (not given) is fine.
func (c *checker) weights(path, what string, m map[string]float64) {
	if m == nil || what == "method" && len(m) == 0 {
		return
	}
	sum := weightSum(m)
	switch {
	case sum <= 0 && what == "method":
		c.add(CodeInvalid, path, "the method weights add up to 0: give at least one method a positive weight, or leave methods out for DCID's mix")
	case sum <= 0:
		c.add(CodeInvalid, path, "the sector weights add up to 0: give at least one sector a positive weight, or leave sectors out to aim at every sector")
	case !(sum <= maxWeightSum):
		c.add(CodeOutOfRange, path, "the %s weights add up to %s, more than the limit %s: weights are relative, so scale them down", what, formatFloat(sum), tomlx.GroupInt(maxWeightSum))
	}
}

// weightSum adds the positive weights in the order of their keys, so that
// the sum is the same in every run (a map's order is not).
func weightSum(m map[string]float64) float64 {
	sum := 0.0
	for _, k := range slices.Sorted(maps.Keys(m)) {
		if w := m[k]; w > 0 {
			sum += w
		}
	}
	return sum
}

func (c *checker) information() {
	for i, n := range c.s.Information.Networks {
		p := fmt.Sprintf("information.network[%d]", i)
		if n.State == "" {
			continue
		}
		if j, dup := c.networks[n.State]; dup {
			c.add(CodeDuplicate, p+".state", "duplicate network for state %q (first at %s)", n.State, c.where(fmt.Sprintf("information.network[%d]", j)))
			continue
		}
		c.networks[n.State] = i
		if si, ok := c.ids["state"][n.State]; ok {
			if pop := c.s.States[si].Population; pop >= 1 && n.Users > pop {
				c.add(CodeOutOfRange, p+".users", "%s users is more than the population of %q (%s)", tomlx.GroupInt(n.Users), n.State, tomlx.GroupInt(pop))
			}
		}
	}
}

func (c *checker) force() {
	f := c.s.Force
	if f.Enabled && len(f.Teams) == 0 {
		c.add(CodeInvalid, "force.enabled", "the force is enabled but has no [[force.team]]")
	}
	for i, t := range f.Teams {
		p := fmt.Sprintf("force.team[%d].shift", i)
		switch {
		case len(t.Shift) != 2:
			c.add(CodeInvalid, p, "want 2 hours [start, end], got %d", len(t.Shift))
		case t.Shift[0] == t.Shift[1]:
			c.add(CodeInvalid, p, "a shift from %g to %g is empty: want different start and end hours", t.Shift[0], t.Shift[1])
		}
	}
}

func (c *checker) stages() {
	st := c.s.Stages
	conflict, calm := rungOf(st.ConflictAt), rungOf(st.CalmAt)
	if conflict >= 0 && calm >= 0 && conflict <= calm {
		c.add(CodeInvalid, "stages.conflict_at", "conflict_at %q must be above calm_at %q on the ladder %s", st.ConflictAt, st.CalmAt, strings.Join(ladder, " < "))
	}
}

func rungOf(name string) int {
	for i, r := range ladder {
		if r == name {
			return i
		}
	}
	return -1
}
