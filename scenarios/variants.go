package scenarios

import (
	"fmt"
	"maps"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"cpkrange/scenarios/internal/tomlx"
)

// variantsBasic checks variants without applying them.
func (c *checker) variantsBasic() {
	seen := map[string]int{}
	for i, v := range c.s.Variants {
		p := fmt.Sprintf("variant[%d]", i)
		if v.Name != "" {
			if !validID(v.Name) {
				c.add(CodeInvalid, p+".name", "variant name %q may only use letters, digits, '-' and '_'", v.Name)
			}
			if j, dup := seen[v.Name]; dup {
				c.add(CodeDuplicate, p+".name", "duplicate variant name %q (first at %s)", v.Name, c.where(fmt.Sprintf("variant[%d].name", j)))
			} else {
				seen[v.Name] = i
			}
		}
		if len(v.Set) == 0 && !c.missing(p+".set") {
			c.add(CodeInvalid, p+".set", "the variant sets nothing")
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
				c.addErr(p+".key", err)
			}
			continue
		}
		vt := t.ValueType()
		if !tomlx.IsNumeric(vt) {
			c.add(CodeInvalid, p+".key", "cannot sweep %q: it takes %s, and a sweep needs a number, duration, rate or fraction", sw.Key, codec.Want(vt))
			continue
		}
		if j, dup := seen[t.PathString()]; dup {
			c.add(CodeDuplicate, p+".key", "%q is swept twice (first at %s)", sw.Key, c.where(fmt.Sprintf("sweep[%d].key", j)))
		} else {
			seen[t.PathString()] = i
		}
		hasRange := sw.Min != 0 || sw.Max != 0 || c.src != nil && (c.src.Has(p+".min") || c.src.Has(p+".max"))
		var n int
		switch {
		case len(sw.Values) > 0 && hasRange:
			c.add(CodeInvalid, p, "give either values or min and max, not both")
			continue
		case len(sw.Values) > 0:
			if c.src != nil && c.src.Has(p+".steps") {
				c.add(CodeInvalid, p+".steps", "steps is only used with min and max, not with values")
			}
			n = len(sw.Values)
			for k, x := range sw.Values {
				c.sweepPoint(fmt.Sprintf("%s.values[%d]", p, k), sw.Key, t, x)
			}
		case !hasRange:
			c.add(CodeInvalid, p, "a sweep needs values, or min and max")
			continue
		default:
			if !(sw.Min < sw.Max) {
				c.add(CodeInvalid, p+".max", "max %g must be above min %g", sw.Max, sw.Min)
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
						c.add(CodeInvalid, p+".steps", "%d steps from %g to %g give %g, but %q takes whole numbers", n, sw.Min, sw.Max, x, sw.Key)
						break
					}
				}
			}
		}
		total *= float64(n)
		counts = append(counts, strconv.Itoa(n))
	}
	if total > maxSweepPoints {
		c.add(CodeLimit, "sweep", "the sweeps make %s combinations (%s), the limit is %s", tomlx.GroupFloat(total), strings.Join(counts, " × "), tomlx.GroupInt(maxSweepPoints))
	}
}

// sweepPoint checks that x is a valid value for the swept key.
func (c *checker) sweepPoint(p, key string, t tomlx.Target, x float64) {
	v, err := codec.ConvertValue(t.ValueType(), x, tomlx.FromGo)
	if err != nil {
		d := tomlx.WithError(c.src.At(p, ""), err)
		d.Msg = fmt.Sprintf("not a valid value for %q: %s", key, d.Msg)
		c.put(d)
		return
	}
	if t.Field.Range != nil {
		if msg := t.Field.Range.Check(codec, v); msg != "" {
			c.add(CodeOutOfRange, p, "%g is out of range for %q: %s", x, key, msg)
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

// applyVariant applies variant i to s; it returns the overrides and the
// problems with keys that could not be set.
func applyVariant(s *Scenario, src *Source, i int) ([]override, Diagnostics) {
	var ovs []override
	var ds Diagnostics
	v := s.Variants[i]
	for _, k := range slices.Sorted(maps.Keys(v.Set)) {
		d := src.At(variantKeyPath(i, k), "")
		p, err := s.set(k, v.Set[k], tomlx.FromTOML)
		if err != nil {
			ds.Add(tomlx.WithError(d, err))
			continue
		}
		ovs = append(ovs, override{path: p, at: d})
	}
	return ovs, ds
}

// validateVariants applies each variant but skip to a copy of s and
// reports what is wrong with it: keys that cannot be set, and problems the
// variant brings that s does not have, at the variant's keys.
func validateVariants(s *Scenario, src *Source, skip int, budget int64) Diagnostics {
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
	// A variant may ask for more work than the scenario: the budget is
	// checked on each, as the run of that variant would, unless the
	// scenario itself is over it (said once, for the scenario).
	overBudget := len(checkBudget(s, nil, budget)) > 0
	for i := range s.Variants {
		if i == skip {
			continue
		}
		clone := s.Clone()
		ovs, setDs := applyVariant(clone, src, i)
		ds = append(ds, setDs...)
		vds := validateCore(clone, nil)
		if !overBudget {
			vds = append(vds, checkBudget(clone, nil, budget)...)
		}
		for _, d := range vds {
			if base[problemKey(d)] {
				continue
			}
			if o, ok := explain(ovs, d.Key); ok {
				nd := o.at
				nd.Code, nd.Msg, nd.Suggestion = d.Code, d.Msg, d.Suggestion
				ds.Add(nd)
				continue
			}
			nd := src.At(fmt.Sprintf("variant[%d].set", i), "")
			nd.Code, nd.Msg = d.Code, fmt.Sprintf("with this variant, %s: %s", d.Key, d.Msg)
			ds.Add(nd)
		}
		if len(ds) > tomlx.MaxDiagnostics {
			break
		}
	}
	return ds
}

func variantLimit() int {
	f, _ := fieldByName(reflect.TypeFor[Scenario](), "variant")
	return f.Limit
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
func validateSweeps(s *Scenario, src *Source, budget int64) Diagnostics {
	if len(s.Sweeps) == 0 {
		return nil
	}
	bc := runChecks(s, nil)
	if bc.blocked {
		return nil
	}
	base := problemSet(bc.ds)
	overBudget := len(checkBudget(s, nil, budget)) > 0
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
			val, err := codec.ConvertValue(t.ValueType(), x, tomlx.FromGo)
			if err != nil {
				continue // validateCore reports it
			}
			target, _ := clone.set(sw.Key, x, tomlx.FromGo)
			for _, d := range validateCore(clone, nil) {
				if base[problemKey(d)] || d.Key == target {
					continue // the value itself: validateCore reports it
				}
				nd := src.At(paths[k], "")
				nd.Code, nd.Msg = d.Code, fmt.Sprintf("at %s, %s: %s", codec.Format(val), d.Key, d.Msg)
				ds.Add(nd)
			}
			if overBudget {
				continue // said once, for the scenario
			}
			// Each end is held to the budget alone; the work grows with
			// most keys, so the ends are where a sweep asks for the most.
			for _, d := range checkBudget(clone, nil, budget) {
				nd := src.At(paths[k], "")
				nd.Code, nd.Msg = d.Code, fmt.Sprintf("at %s, %s", codec.Format(val), d.Msg)
				ds.Add(nd)
			}
		}
	}
	return ds
}
