package scenarios

import (
	"fmt"
	"math"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"time"
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
// (docs/model.md §5); a script may add only these, so that no effect
// passes validation and then does nothing.
var modelledCBMs = []string{"hotline", "contact-points", "consultations"}

// Deciders other than states.
var otherDeciders = []string{"force", "facilitator"}

// effectArgs lists the arguments each kind of effect uses, in the order
// they are checked.
var effectArgs = map[string][]string{
	"attack":    {"attacker", "target", "method"},
	"rumour":    {"state", "share", "blames"},
	"tension":   {"between", "by"},
	"trust":     {"between", "by"},
	"escalate":  {"between", "by", "to"},
	"stage":     {"to"},
	"posture":   {"state", "to"},
	"agreement": {"state", "to"},
	"cbm":       {"between", "to"},
	"tempo":     {"attacker", "to"},
	"force":     {"function", "to"},
	"note":      {"text"},
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
	ds = append(ds, validateVariants(s, src, -1)...)
	ds = append(ds, validateSweeps(s, src)...)
	if len(ds) > maxDiagnostics {
		ds = ds[:maxDiagnostics]
		ds.Add(Diagnostic{File: fileOf(src), Msg: fmt.Sprintf("too many problems, stopped after %d", maxDiagnostics)})
	}
	return ds.sorted()
}

func fileOf(src *Source) string {
	if src == nil {
		return ""
	}
	return src.file
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
	segs []seg
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

// add reports a problem at the value of path.
func (c *checker) add(path string, format string, args ...any) {
	msg := format
	if len(args) > 0 {
		msg = fmt.Sprintf(format, args...)
	}
	if c.full {
		return
	}
	if len(c.ds) >= maxDiagnostics {
		c.full = true
		c.ds.Add(Diagnostic{File: fileOf(c.src), Msg: fmt.Sprintf("too many problems, stopped after %d", maxDiagnostics)})
		return
	}
	if c.src == nil {
		c.ds.Add(Diagnostic{Key: path, Msg: msg})
		return
	}
	c.ds.Add(c.src.At(path, "%s", msg))
}

// addKey reports a problem with a key itself (a table's key), at the key.
func (c *checker) addKey(segs []seg, msg string) {
	if c.src == nil || c.full {
		c.add(renderPath(segs), "%s", msg)
		return
	}
	if len(c.ds) >= maxDiagnostics {
		c.add("", "%s", msg) // reports the cap
		return
	}
	c.ds.Add(c.src.atKey(segs, msg))
}

// missing reports whether a required key was left out of the file, in which
// case the loader has said so and the checks of its value are skipped.
func (c *checker) missing(path string) bool {
	return c.src != nil && !c.src.Has(path)
}

// where names the place of path for "first at ..." in messages: its line
// when known, else the path.
func (c *checker) where(path string) string {
	if c.src != nil {
		if d := c.src.At(path, ""); d.Line > 0 {
			return "line " + strconv.Itoa(d.Line)
		}
	}
	return path
}

func index(i int) seg { return seg{isIndex: true, index: i} }

func key(name string) seg { return seg{name: name} }

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
				c.add(p, "id %q may only use letters, digits, '-' and '_'", id)
			}
			if j, dup := seen[id]; dup {
				c.add(p, "duplicate %s id %q (first at %s)", l.kind, id, c.where(fmt.Sprintf("%s[%d].id", l.path, j)))
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
func validID(id string) bool { return isBareKey(id) }

// ------------------------------------------------------- generic checks

// walk applies the tag checks to every value under v; c.segs is the path
// of v, rendered only when there is something to report.
func (c *checker) walk(v reflect.Value) {
	for _, f := range schemaFields(v.Type()) {
		if c.full {
			return
		}
		c.segs = append(c.segs, key(f.name))
		fv := v.Field(f.index)
		switch f.kind {
		case kindTable:
			c.walk(fv)
		case kindTables:
			if f.limit >= 0 && fv.Len() > f.limit {
				c.add(renderPath(c.segs), "%d entries, the limit is %d", fv.Len(), f.limit)
				c.blocked = true
			}
			for i := 0; i < fv.Len() && !c.full; i++ {
				c.segs = append(c.segs, index(i))
				c.walk(fv.Index(i))
				c.segs = c.segs[:len(c.segs)-1]
			}
		default:
			c.value(f, fv)
		}
		c.segs = c.segs[:len(c.segs)-1]
	}
}

// here is the path being checked.
func (c *checker) here() string { return renderPath(c.segs) }

func (c *checker) value(f schemaField, v reflect.Value) {
	if f.required && c.src != nil && c.missing(c.here()) {
		return
	}
	switch v.Kind() {
	case reflect.Slice:
		if f.limit >= 0 && v.Len() > f.limit {
			c.add(c.here(), "%d entries, the limit is %d", v.Len(), f.limit)
			c.blocked = true
			return
		}
		// The two states of a between are checked as a pair.
		dups := v.Type().Elem().Kind() == reflect.String && (f.enum != nil || f.ref != "") && f.name != "between"
		var seen map[string]bool
		if dups {
			seen = make(map[string]bool, v.Len())
		}
		for i := 0; i < v.Len() && !c.full; i++ {
			e := v.Index(i)
			c.segs = append(c.segs, index(i))
			c.scalar(f, e, true, true)
			if dups {
				if seen[e.String()] {
					c.add(c.here(), "%q is listed twice", e.String())
				}
				seen[e.String()] = true
			}
			c.segs = c.segs[:len(c.segs)-1]
		}
	case reflect.Map:
		keys := v.MapKeys()
		sort.Slice(keys, func(i, j int) bool { return keys[i].String() < keys[j].String() })
		for _, k := range keys {
			c.segs = append(c.segs, key(k.String()))
			if f.enum != nil && !contains(f.enum, k.String()) {
				c.addKey(c.segs, fmt.Sprintf("unknown key %q%s; want one of %s", k.String(), didYouMean(k.String(), f.enum), enumList(f.enum)))
			}
			if e := v.MapIndex(k); e.Kind() != reflect.Interface {
				c.scalar(f, e, false, false)
			}
			c.segs = c.segs[:len(c.segs)-1]
		}
	default:
		if f.required && v.Kind() == reflect.String && v.String() == "" {
			if c.src == nil {
				c.add(c.here(), "missing required key %q", f.name)
			} else {
				c.add(c.here(), "%q must not be empty", f.name)
			}
			return
		}
		c.scalar(f, v, true, false)
	}
}

// scalar checks one value at c.segs: its range, and when words is set, its
// enum and reference; elem says it is an element of a list.
func (c *checker) scalar(f schemaField, v reflect.Value, words, elem bool) {
	if x, ok := numberOf(v); ok {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			c.add(c.here(), "want a finite number, got %s", formatValue(v))
			return
		}
		if f.rng != nil {
			if msg := f.rng.check(v); msg != "" {
				c.add(c.here(), "%s", msg)
			}
		}
		return
	}
	if v.Kind() != reflect.String || !words {
		return
	}
	s := v.String()
	if f.enum != nil && !contains(f.enum, s) {
		c.add(c.here(), "want one of %s; got %q%s", enumList(f.enum), s, didYouMean(s, f.enum))
	}
	if f.ref != "" {
		if s == "" {
			if elem {
				c.add(c.here(), "want %s id, got \"\"", article(f.ref))
			}
			return
		}
		if _, ok := c.ids[f.ref][s]; !ok {
			c.ref(c.here(), f.ref, s)
		}
	}
}

// ref checks that id names an element of kind.
func (c *checker) ref(path, kind, id string) {
	if _, ok := c.ids[kind][id]; ok {
		return
	}
	known := c.order[kind]
	if len(known) == 0 {
		c.add(path, "unknown %s %q: the scenario has no %ss", kind, id, kind)
		return
	}
	c.add(path, "unknown %s %q%s; the %ss are %s", kind, id, didYouMean(id, known), kind, listSome(known, 12))
}

// groupInt writes a large integer with underscores between groups of
// three digits, as scenarios write them ("1_400_000").
func groupInt(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	if len(s) <= 4 {
		if neg {
			return "-" + s
		}
		return s
	}
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('_')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// groupFloat writes a whole number too large for an int64 in the same way.
func groupFloat(x float64) string {
	if x < 9e18 && x > -9e18 {
		return groupInt(int64(x))
	}
	return strconv.FormatFloat(x, 'g', 4, 64)
}

// groupText groups the digits of a bound written as a plain integer.
func groupText(s string) string {
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		return groupInt(n)
	}
	return s
}

// plural writes a count of things: "1 option", "2 options".
func plural(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return strconv.Itoa(n) + " " + thing + "s"
}

func article(word string) string {
	if strings.ContainsRune("aeiou", rune(word[0])) {
		return "an " + word
	}
	return "a " + word
}

// check returns a message when v is out of the bounds, "" otherwise.
func (b *bounds) check(v reflect.Value) string {
	x, _ := numberOf(v)
	switch {
	case b.hasLo && b.hasHi:
		if !(x >= b.lo && x <= b.hi) {
			return fmt.Sprintf("want a value between %s and %s, got %s", groupText(b.loText), groupText(b.hiText), formatValue(v))
		}
	case b.hasLo:
		if !(x >= b.lo) {
			return fmt.Sprintf("want at least %s, got %s", groupText(b.loText), formatValue(v))
		}
	case b.hasHi:
		if !(x <= b.hi) {
			return fmt.Sprintf("want at most %s, got %s", groupText(b.hiText), formatValue(v))
		}
	}
	return ""
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// enumList renders allowed words for a message; "" shows as "".
func enumList(enum []string) string {
	words := make([]string, len(enum))
	for i, w := range enum {
		if w == "" {
			w = `""`
		}
		words[i] = w
	}
	return strings.Join(words, ", ")
}

// enumOf returns the enum tag of a field, for checks that reuse it.
func enumOf(t reflect.Type, name string) []string {
	f, ok := fieldByName(t, name)
	if !ok {
		panic("scenarios: no field " + name + " in " + t.Name())
	}
	return f.enum
}

// ------------------------------------------------------- semantic checks

func (c *checker) meta() {
	if st := c.s.Meta.Start; st != "" {
		if _, err := time.Parse("2006-01-02", st); err != nil {
			c.add("scenario.start", "want a date such as \"2027-03-01\", got %q", st)
		}
	}
}

func (c *checker) states() {
	if len(c.s.States) == 0 {
		c.add("state", "a scenario needs at least one [[state]]")
	}
	var total float64
	for i, st := range c.s.States {
		p := fmt.Sprintf("state[%d]", i)
		if n := len(st.Position); n != 2 && !c.missing(p+".position") {
			c.add(p+".position", "want 2 numbers [x, y], got %d", n)
		}
		total += float64(st.Population)
	}
	if total > maxTotalPopulation {
		c.add("state", "the states have %s people together, more than the %s the world will ever have", groupFloat(total), groupInt(maxTotalPopulation))
	}
}

func (c *checker) relations() {
	seen := map[[2]string]int{}
	for i, r := range c.s.Relations {
		p := fmt.Sprintf("relation[%d].between", i)
		if c.missing(p) {
			continue
		}
		if len(r.Between) != 2 {
			c.add(p, "want 2 different states, got %d", len(r.Between))
			continue
		}
		a, b := r.Between[0], r.Between[1]
		if a == b {
			c.add(p, "want 2 different states, got %q twice", a)
			continue
		}
		if a > b {
			a, b = b, a
		}
		if j, dup := seen[[2]string{a, b}]; dup {
			c.add(p, "duplicate relation between %q and %q (first at %s)", a, b, c.where(fmt.Sprintf("relation[%d]", j)))
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
				c.add(fmt.Sprintf("asset[%d].depends_on[%d]", i, j), "asset %q depends on itself", d)
			}
		}
	}
	if hosts > maxTotalHosts {
		c.add("asset", "the assets have %s hosts together, the limit is %s", groupFloat(hosts), groupInt(maxTotalHosts))
	}
	c.cycles()
}

// cycles reports one dependency cycle for every group of assets that depend
// on each other (a strongly connected component of two or more assets).
func (c *checker) cycles() {
	byID := c.ids["asset"]
	n := len(c.s.Assets)
	edges := make([][]int, n)
	for i, a := range c.s.Assets {
		if byID[a.ID] != i {
			continue // a duplicate; reported already
		}
		for _, d := range a.DependsOn {
			if j, ok := byID[d]; ok && j != i {
				edges[i] = append(edges[i], j)
			}
		}
	}
	comp := tarjan(n, edges)
	members := map[int][]int{}
	for i, k := range comp {
		members[k] = append(members[k], i)
	}
	var groups [][]int
	for _, m := range members {
		if len(m) > 1 {
			sort.Ints(m)
			groups = append(groups, m)
		}
	}
	sort.Slice(groups, func(i, j int) bool { return groups[i][0] < groups[j][0] })
	for _, g := range groups {
		start := g[0]
		cyc := shortestCycle(start, edges, comp)
		names := make([]string, len(cyc))
		for i, a := range cyc {
			names[i] = c.s.Assets[a].ID
		}
		// Point at the first step of the cycle in the first asset's list.
		j := 0
		for k, d := range c.s.Assets[start].DependsOn {
			if len(cyc) > 1 && d == c.s.Assets[cyc[1]].ID {
				j = k
				break
			}
		}
		c.add(fmt.Sprintf("asset[%d].depends_on[%d]", start, j), "dependency cycle: %s", strings.Join(names, " → "))
	}
}

// tarjan returns the strongly connected component of each node, iteratively
// so that a long chain of dependencies cannot exhaust the stack.
func tarjan(n int, edges [][]int) []int {
	idx := make([]int, n)
	low := make([]int, n)
	comp := make([]int, n)
	on := make([]bool, n)
	for i := range idx {
		idx[i], comp[i] = -1, -1
	}
	var stack []int
	counter, ncomp := 0, 0
	type frame struct{ v, next int }
	for root := 0; root < n; root++ {
		if idx[root] >= 0 {
			continue
		}
		calls := []frame{{root, 0}}
		idx[root], low[root] = counter, counter
		counter++
		stack = append(stack, root)
		on[root] = true
		for len(calls) > 0 {
			f := &calls[len(calls)-1]
			v := f.v
			if f.next < len(edges[v]) {
				w := edges[v][f.next]
				f.next++
				if idx[w] < 0 {
					idx[w], low[w] = counter, counter
					counter++
					stack = append(stack, w)
					on[w] = true
					calls = append(calls, frame{w, 0})
				} else if on[w] {
					low[v] = min(low[v], idx[w])
				}
				continue
			}
			if low[v] == idx[v] {
				for {
					w := stack[len(stack)-1]
					stack = stack[:len(stack)-1]
					on[w] = false
					comp[w] = ncomp
					if w == v {
						break
					}
				}
				ncomp++
			}
			calls = calls[:len(calls)-1]
			if len(calls) > 0 {
				u := calls[len(calls)-1].v
				low[u] = min(low[u], low[v])
			}
		}
	}
	return comp
}

// shortestCycle finds a shortest cycle through start within its component,
// breadth first; it returns the assets in order with start at both ends.
func shortestCycle(start int, edges [][]int, comp []int) []int {
	prev := map[int]int{start: -1}
	queue := []int{start}
	for len(queue) > 0 {
		v := queue[0]
		queue = queue[1:]
		for _, w := range edges[v] {
			if comp[w] != comp[start] {
				continue
			}
			if w == start {
				var path []int
				for u := v; u >= 0; u = prev[u] {
					path = append(path, u)
				}
				for i, j := 0, len(path)-1; i < j; i, j = i+1, j-1 {
					path[i], path[j] = path[j], path[i]
				}
				return append(path, start)
			}
			if _, seen := prev[w]; !seen {
				prev[w] = v
				queue = append(queue, w)
			}
		}
	}
	return []int{start, start}
}

func (c *checker) attackers() {
	for i, a := range c.s.Attackers {
		p := fmt.Sprintf("attacker[%d]", i)
		switch a.Kind {
		case "state":
			if a.Sponsor == "" {
				c.add(p+".sponsor", "a state attacker needs a \"sponsor\": the state it works for")
			}
		case "proxy":
			if a.Sponsor == "" {
				c.add(p+".sponsor", "a proxy needs a \"sponsor\": the state behind it")
			}
		}
		if a.Retaliates && a.Kind != "state" && a.Kind != "" {
			c.add(p+".retaliates", "only a state attacker can retaliate for its sponsor; this one is a %s", a.Kind)
		}
		if a.Reuses != "" && a.Reuses == a.ID {
			c.add(p+".reuses", "an attacker cannot reuse its own tools")
		}
		if a.FalseFlag != "" && a.FalseFlag == a.Sponsor {
			c.add(p+".false_flag", "false_flag is the attacker's own sponsor %q: a false flag points at another state", a.Sponsor)
		}
		if len(a.Methods) > 0 && weightSum(a.Methods) <= 0 {
			c.add(p+".methods", "the method weights add up to 0: give at least one method a positive weight, or leave methods out for DCID's mix")
		}
		if a.Targets.Sectors != nil && weightSum(a.Targets.Sectors) <= 0 {
			c.add(p+".targets.sectors", "the sector weights add up to 0: give at least one sector a positive weight, or leave sectors out to aim at every sector")
		}
	}
}

func weightSum(m map[string]float64) float64 {
	sum := 0.0
	for _, w := range m {
		if w > 0 {
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
			c.add(p+".state", "duplicate network for state %q (first at %s)", n.State, c.where(fmt.Sprintf("information.network[%d]", j)))
			continue
		}
		c.networks[n.State] = i
		if si, ok := c.ids["state"][n.State]; ok {
			if pop := c.s.States[si].Population; pop >= 1 && n.Users > pop {
				c.add(p+".users", "%s users is more than the population of %q (%s)", groupInt(n.Users), n.State, groupInt(pop))
			}
		}
	}
}

func (c *checker) force() {
	f := c.s.Force
	if f.Enabled && len(f.Teams) == 0 {
		c.add("force.enabled", "the force is enabled but has no [[force.team]]")
	}
	for i, t := range f.Teams {
		p := fmt.Sprintf("force.team[%d].shift", i)
		switch {
		case len(t.Shift) != 2:
			c.add(p, "want 2 hours [start, end], got %d", len(t.Shift))
		case t.Shift[0] == t.Shift[1]:
			c.add(p, "a shift from %g to %g is empty: want different start and end hours", t.Shift[0], t.Shift[1])
		}
	}
}

func (c *checker) stages() {
	st := c.s.Stages
	conflict, calm := rungOf(st.ConflictAt), rungOf(st.CalmAt)
	if conflict >= 0 && calm >= 0 && conflict <= calm {
		c.add("stages.conflict_at", "conflict_at %q must be above calm_at %q on the ladder %s", st.ConflictAt, st.CalmAt, strings.Join(ladder, " < "))
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

func (c *checker) injects() {
	h := c.s.Meta.Horizon
	for i, in := range c.s.Injects {
		p := fmt.Sprintf("inject[%d]", i)
		if h >= 1 && in.At > h {
			c.add(p+".at", "inject at %s is after the horizon %s", in.At, h)
		}
		for j, e := range in.Effects {
			c.effect(fmt.Sprintf("%s.effects[%d]", p, j), e)
		}
	}
}

func (c *checker) decisions() {
	h := c.s.Meta.Horizon
	for i, d := range c.s.Decisions {
		p := fmt.Sprintf("decision[%d]", i)
		if h >= 1 && d.At > h {
			c.add(p+".at", "decision at %s is after the horizon %s", d.At, h)
		}
		if d.Decider != "" && !contains(otherDeciders, d.Decider) {
			if _, ok := c.ids["state"][d.Decider]; !ok {
				choices := append(append([]string(nil), c.order["state"]...), otherDeciders...)
				c.add(p+".decider", "unknown decider %q%s: want a state id, \"force\" or \"facilitator\"", d.Decider, didYouMean(d.Decider, choices))
			}
		}
		if len(d.Options) < 2 {
			c.add(p+".option", "a decision needs at least 2 options ([[decision.option]]), got %d", len(d.Options))
		}
		if len(d.Options) > 0 && d.Default > len(d.Options) {
			c.add(p+".default", "default is option %d, but the decision has only %s", d.Default, plural(len(d.Options), "option"))
		}
		for j, o := range d.Options {
			op := fmt.Sprintf("%s.option[%d]", p, j)
			if len(o.Effects) == 0 {
				c.add(op, "option %d has no effects (write effects = [{ do = \"note\" }] for an option that changes nothing)", j+1)
			}
			for k, e := range o.Effects {
				c.effect(fmt.Sprintf("%s.effects[%d]", op, k), e)
			}
		}
	}
}

// effect checks that an effect has the arguments its do needs and no others.
func (c *checker) effect(p string, e Effect) {
	uses, ok := effectArgs[e.Do]
	if !ok {
		return // the enum check reports it
	}
	v := reflect.ValueOf(e)
	for _, f := range schemaFields(v.Type()) {
		if f.name == "do" || contains(uses, f.name) {
			continue
		}
		fp := p + "." + f.name
		if reflect.DeepEqual(v.Field(f.index).Interface(), f.defVal.Interface()) && (c.src == nil || !c.src.Has(fp)) {
			continue // not given
		}
		c.add(fp, "effect %q does not use %q (it takes %s)", e.Do, f.name, joinAnd(quoteAll(uses)))
	}
	switch e.Do {
	case "attack":
		if e.Attacker == "" {
			c.add(p, "effect \"attack\" needs \"attacker\" (an attacker id)")
		}
		if e.Target == "" {
			c.add(p, "effect \"attack\" needs \"target\" (an asset id)")
		}
	case "rumour":
		if e.State == "" {
			c.add(p, "effect \"rumour\" needs \"state\" (a state with an [[information.network]])")
		} else if _, known := c.ids["state"][e.State]; known {
			if _, ok := c.networks[e.State]; !ok {
				c.add(p+".state", "state %q has no [[information.network]] for a rumour to spread in", e.State)
			}
		}
	case "cbm":
		c.between(p, e)
		c.effectWord(p, e.Do, e.To, "to", modelledCBMs)
	case "escalate":
		c.between(p, e)
		switch {
		case e.By == 0 && e.To == "":
			c.add(p, "effect \"escalate\" needs a non-zero \"by\" (rungs up or down) or \"to\" (a rung)")
		case e.By != 0 && e.To != "":
			c.add(p, "effect \"escalate\" takes \"by\" or \"to\", not both")
		case e.To != "":
			c.effectWord(p, e.Do, e.To, "to", ladder)
		case e.By != math.Trunc(e.By):
			c.add(p+".by", "effect \"escalate\" moves whole rungs: want a whole number, got %g", e.By)
		}
	case "tempo":
		if e.Attacker == "" {
			c.add(p, "effect \"tempo\" needs \"attacker\" (an attacker id)")
		}
		if e.To == "" {
			c.add(p, "effect \"tempo\" needs \"to\": the attacker's new tempo, such as \"2/week\" or \"0/day\"")
		} else if _, err := ParseRate(e.To); err != nil {
			c.add(p+".to", "%v", err)
		}
	case "tension", "trust":
		c.between(p, e)
		switch {
		case e.By == 0:
			c.add(p, "effect %q needs a non-zero \"by\"", e.Do)
		case math.Abs(e.By) > 1:
			c.add(p+".by", "effect %q changes a share: want a value between -1 and 1, got %g", e.Do, e.By)
		}
	case "stage":
		c.effectWord(p, e.Do, e.To, "to", enumOf(reflect.TypeFor[Stages](), "start"))
	case "posture":
		if e.State == "" {
			c.add(p, "effect \"posture\" needs \"state\" (a state id)")
		}
		c.effectWord(p, e.Do, e.To, "to", enumOf(reflect.TypeFor[State](), "posture"))
	case "agreement":
		if e.State == "" {
			c.add(p, "effect \"agreement\" needs \"state\" (a state id)")
		}
		c.effectWord(p, e.Do, e.To, "to", enumOf(reflect.TypeFor[State](), "agreement"))
	case "force":
		c.effectWord(p, e.Do, e.Function, "function", enumOf(reflect.TypeFor[Force](), "disabled"))
		c.effectWord(p, e.Do, e.To, "to", []string{"on", "off"})
	}
}

// between checks the two states of a dyad effect.
func (c *checker) between(p string, e Effect) {
	switch {
	case len(e.Between) != 2:
		c.add(p, "effect %q needs \"between\" with 2 different states", e.Do)
	case e.Between[0] == e.Between[1]:
		c.add(p+".between", "effect %q needs 2 different states, got %q twice", e.Do, e.Between[0])
	}
}

func (c *checker) effectWord(p, do, val, arg string, allowed []string) {
	switch {
	case val == "":
		c.add(p, "effect %q needs %q: one of %s", do, arg, strings.Join(allowed, ", "))
	case !contains(allowed, val):
		c.add(p+"."+arg, "want one of %s; got %q%s", strings.Join(allowed, ", "), val, didYouMean(val, allowed))
	}
}

// variantsBasic checks variants without applying them.
func (c *checker) variantsBasic() {
	seen := map[string]int{}
	for i, v := range c.s.Variants {
		p := fmt.Sprintf("variant[%d]", i)
		if v.Name != "" {
			if !validID(v.Name) {
				c.add(p+".name", "variant name %q may only use letters, digits, '-' and '_'", v.Name)
			}
			if j, dup := seen[v.Name]; dup {
				c.add(p+".name", "duplicate variant name %q (first at %s)", v.Name, c.where(fmt.Sprintf("variant[%d].name", j)))
			} else {
				seen[v.Name] = i
			}
		}
		if len(v.Set) == 0 && !c.missing(p+".set") {
			c.add(p+".set", "the variant sets nothing")
		}
	}
}

func (c *checker) sweeps() {
	seen := map[string]int{}
	total := 1.0
	var counts []string
	for i, sw := range c.s.Sweeps {
		p := fmt.Sprintf("sweep[%d]", i)
		if c.missing(p + ".key") {
			continue
		}
		t, err := c.s.resolve(sw.Key)
		if err != nil {
			if sw.Key != "" {
				c.add(p+".key", "%s", err.Error())
			}
			continue
		}
		vt := t.valueType()
		if !isNumeric(vt) {
			c.add(p+".key", "cannot sweep %q: it takes %s, and a sweep needs a number, duration, rate or fraction", sw.Key, want(vt))
			continue
		}
		if j, dup := seen[t.pathString()]; dup {
			c.add(p+".key", "%q is swept twice (first at %s)", sw.Key, c.where(fmt.Sprintf("sweep[%d].key", j)))
		} else {
			seen[t.pathString()] = i
		}
		hasRange := sw.Min != 0 || sw.Max != 0 || c.src != nil && (c.src.Has(p+".min") || c.src.Has(p+".max"))
		var n int
		switch {
		case len(sw.Values) > 0 && hasRange:
			c.add(p, "give either values or min and max, not both")
			continue
		case len(sw.Values) > 0:
			if c.src != nil && c.src.Has(p+".steps") {
				c.add(p+".steps", "steps is only used with min and max, not with values")
			}
			n = len(sw.Values)
			for k, x := range sw.Values {
				c.sweepPoint(fmt.Sprintf("%s.values[%d]", p, k), sw.Key, t, x)
			}
		case !hasRange:
			c.add(p, "a sweep needs values, or min and max")
			continue
		default:
			if !(sw.Min < sw.Max) {
				c.add(p+".max", "max %g must be above min %g", sw.Max, sw.Min)
				continue
			}
			if sw.Steps < 2 {
				continue // the range check reports it
			}
			n = sw.Steps
			c.sweepPoint(p+".min", sw.Key, t, sw.Min)
			c.sweepPoint(p+".max", sw.Key, t, sw.Max)
			if k := vt.Kind(); k != reflect.Float32 && k != reflect.Float64 && n <= 1000 {
				for _, x := range sw.Points() {
					if x != math.Trunc(x) {
						c.add(p+".steps", "%d steps from %g to %g give %g, but %q takes whole numbers", n, sw.Min, sw.Max, x, sw.Key)
						break
					}
				}
			}
		}
		total *= float64(n)
		counts = append(counts, strconv.Itoa(n))
	}
	if total > maxSweepPoints {
		c.add("sweep", "the sweeps make %s combinations (%s), the limit is %s", groupFloat(total), strings.Join(counts, " × "), groupInt(maxSweepPoints))
	}
}

// sweepPoint checks that x is a valid value for the swept key.
func (c *checker) sweepPoint(p, key string, t target, x float64) {
	v, err := convert(t.valueType(), x, setGo)
	if err != nil {
		c.add(p, "not a valid value for %q: %s", key, err.Error())
		return
	}
	if t.field.rng != nil {
		if msg := t.field.rng.check(v); msg != "" {
			c.add(p, "%g is out of range for %q: %s", x, key, msg)
		}
	}
}

// Points returns the values a sweep takes: its values when given, else
// steps values evenly spaced from min to max, both included. Durations are
// in hours, rates per hour.
func (sw Sweep) Points() []float64 {
	if len(sw.Values) > 0 {
		return append([]float64(nil), sw.Values...)
	}
	n := sw.Steps
	if n < 2 || n > maxSweepPoints {
		return []float64{sw.Min, sw.Max}
	}
	out := make([]float64, n)
	for i := range out {
		out[i] = sw.Min + (sw.Max-sw.Min)*float64(i)/float64(n-1)
	}
	out[n-1] = sw.Max
	return out
}

// ------------------------------------------------------------ variants

// override is a value set by a variant or --set: the key path it resolved
// to and where it was written.
type override struct {
	path string
	at   Diagnostic
}

// explains reports whether a problem at key is about the overridden value.
func (o override) explains(key string) bool {
	return key == o.path || strings.HasPrefix(key, o.path+".") || strings.HasPrefix(key, o.path+"[")
}

// explain returns the last override that explains key.
func explain(ovs []override, key string) (override, bool) {
	for i := len(ovs) - 1; i >= 0; i-- {
		if ovs[i].explains(key) {
			return ovs[i], true
		}
	}
	return override{}, false
}

// variantKeyPath is the key path of one key of a variant's set table.
func variantKeyPath(i int, k string) string {
	return fmt.Sprintf("variant[%d].set.%s", i, strconv.Quote(k))
}

// at returns a diagnostic at path (without a message).
func at(src *Source, path string) Diagnostic {
	if src == nil {
		return Diagnostic{Key: path}
	}
	return src.At(path, "")
}

// applyVariant applies variant i to s; it returns the overrides and the
// problems with keys that could not be set.
func applyVariant(s *Scenario, src *Source, i int) ([]override, Diagnostics) {
	var ovs []override
	var ds Diagnostics
	v := s.Variants[i]
	for _, k := range sortedKeys(v.Set) {
		d := at(src, variantKeyPath(i, k))
		p, err := s.set(k, v.Set[k], setTOML)
		if err != nil {
			d.Msg = err.Error()
			ds.Add(d)
			continue
		}
		ovs = append(ovs, override{path: p, at: d})
	}
	return ovs, ds
}

// validateVariants applies each variant but skip to a copy of s and
// reports what is wrong with it: keys that cannot be set, and problems the
// variant brings that s does not have, at the variant's keys.
func validateVariants(s *Scenario, src *Source, skip int) Diagnostics {
	if len(s.Variants) == 0 || len(s.Variants) > variantLimit() {
		return nil
	}
	var ds Diagnostics
	bc := runChecks(s, nil)
	if bc.blocked {
		// A scenario over a list limit is too big to copy a hundred times;
		// it has to be cut down first anyway.
		return nil
	}
	base := problemSet(bc.ds)
	for i := range s.Variants {
		if i == skip {
			continue
		}
		clone := s.Clone()
		ovs, setDs := applyVariant(clone, src, i)
		ds = append(ds, setDs...)
		for _, d := range validateCore(clone, nil) {
			if base[problemKey(d)] {
				continue
			}
			if o, ok := explain(ovs, d.Key); ok {
				nd := o.at
				nd.Msg = d.Msg
				ds.Add(nd)
				continue
			}
			nd := at(src, fmt.Sprintf("variant[%d].set", i))
			nd.Msg = fmt.Sprintf("with this variant, %s: %s", d.Key, d.Msg)
			ds.Add(nd)
		}
		if len(ds) > maxDiagnostics {
			break
		}
	}
	return ds
}

func variantLimit() int {
	f, _ := fieldByName(reflect.TypeFor[Scenario](), "variant")
	return f.limit
}

func problemKey(d Diagnostic) string { return d.Key + "\x00" + d.Msg }

func problemSet(ds Diagnostics) map[string]bool {
	m := make(map[string]bool, len(ds))
	for _, d := range ds {
		m[problemKey(d)] = true
	}
	return m
}

// validateSweeps sets each sweep's extreme points (min and max, or the
// smallest and largest of its values) on a copy of s and reports the
// problems that brings, at the sweep; so a batch run need not validate
// every point. Points that are not valid values of the key are reported by
// validateCore.
func validateSweeps(s *Scenario, src *Source) Diagnostics {
	if len(s.Sweeps) == 0 {
		return nil
	}
	bc := runChecks(s, nil)
	if bc.blocked {
		return nil
	}
	base := problemSet(bc.ds)
	var ds Diagnostics
	for i, sw := range s.Sweeps {
		var ends []float64
		var paths []string
		p := fmt.Sprintf("sweep[%d]", i)
		if len(sw.Values) > 0 {
			lo, hi := 0, 0
			for k, x := range sw.Values {
				if x < sw.Values[lo] {
					lo = k
				}
				if x > sw.Values[hi] {
					hi = k
				}
			}
			ends = []float64{sw.Values[lo], sw.Values[hi]}
			paths = []string{fmt.Sprintf("%s.values[%d]", p, lo), fmt.Sprintf("%s.values[%d]", p, hi)}
		} else {
			ends = []float64{sw.Min, sw.Max}
			paths = []string{p + ".min", p + ".max"}
		}
		for k, x := range ends {
			if k == 1 && ends[1] == ends[0] {
				break
			}
			clone := s.Clone()
			t, err := clone.resolve(sw.Key)
			if err != nil {
				break // validateCore reports it
			}
			val, err := convert(t.valueType(), x, setGo)
			if err != nil {
				continue // validateCore reports it
			}
			target, _ := clone.set(sw.Key, x, setGo)
			for _, d := range validateCore(clone, nil) {
				if base[problemKey(d)] || d.Key == target {
					continue // the value itself: validateCore reports it
				}
				nd := at(src, paths[k])
				nd.Msg = fmt.Sprintf("at %s, %s: %s", formatValue(val), d.Key, d.Msg)
				ds.Add(nd)
			}
		}
	}
	return ds
}
