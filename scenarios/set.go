package scenarios

import (
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"

	"cpkrange/scenarios/internal/tomlx"
)

// Overrides: a path language over the schema.
//
// A key names a value the way a facilitator thinks of it: tables by their
// TOML key, elements of arrays of tables by their id rather than their
// position.
//
//	scenario.horizon                     a key of a table
//	state.nordland.maturity              a state, asset, attacker, team, inject or decision by id
//	force.team.emea.capacity             teams by id, under force
//	information.network.nordland.users   networks by their state
//	relation.nordland:ostmark.trust      relations by their two states, in either order
//	attacker.apt-ost.methods.wiper       one entry of a table of numbers
//	model.attack.steepness               a model parameter
//
// Ids, the states of a relation and the state of a network cannot be set;
// neither can effects, options, variants or sweeps.

// Set sets the value at key from text written as on the command line:
// numbers, true or false, units ("90d", "2/week", "35%"), comma-separated
// lists ("guardian,mediator"; empty for none) and "key:weight" pairs for
// tables of numbers ("ddos:0.6,wiper:0.4"). The error is a Diagnostic with
// File "--set" and Key the key. Set does not check ranges or references:
// Validate does, as for values from a file.
func (s *Scenario) Set(key, value string) error {
	if _, err := s.set(key, value, tomlx.FromGo); err != nil {
		return tomlx.WithError(Diagnostic{File: "--set", Key: key}, err)
	}
	return nil
}

// SetValue sets the value at key from a Go value: a string (read as by
// Set), a bool, a number (float64, int or int64; a duration in hours, a rate
// per hour, a fraction between 0 and 1), a []string, []float64 or []any
// list, or a map[string]float64 or map[string]any table. Parameter sweeps
// pass float64 values. The error is a Diagnostic with Key the key.
func (s *Scenario) SetValue(key string, v any) error {
	if _, err := s.set(key, v, tomlx.FromGo); err != nil {
		return tomlx.WithError(Diagnostic{Key: key}, err)
	}
	return nil
}

// VariantNames returns the names of the scenario's variants in file order.
// (It cannot be called Variants: that is the field holding them.)
func (s *Scenario) VariantNames() []string {
	names := make([]string, len(s.Variants))
	for i, v := range s.Variants {
		names[i] = v.Name
	}
	return names
}

// Clone returns a deep copy of s, which can be changed (a variant applied,
// a sweep point set) without touching s.
func (s *Scenario) Clone() *Scenario {
	if s == nil {
		return nil
	}
	c := new(Scenario)
	tomlx.DeepCopy(reflect.ValueOf(c).Elem(), reflect.ValueOf(s).Elem())
	return c
}

// set resolves key and stores v there; it returns the resolved path.
func (s *Scenario) set(key string, v any, mode tomlx.Mode) (string, error) {
	t, err := s.resolve(key)
	if err != nil {
		return "", err
	}
	val, err := codec.ConvertValue(t.ValueType(), v, mode)
	if err != nil {
		return "", err
	}
	fv := t.Owner.Field(t.Field.Index)
	if !t.Entry {
		fv.Set(val)
		return t.PathString(), nil
	}
	if fv.IsNil() {
		m := reflect.MakeMap(fv.Type())
		// An attacker without methods uses DCID's mix; changing one weight
		// keeps the others.
		if t.Field.Type == reflect.TypeFor[map[string]float64]() && t.Field.Name == "methods" {
			for k, w := range DefaultMethodMix {
				m.SetMapIndex(reflect.ValueOf(k), reflect.ValueOf(w))
			}
		}
		fv.Set(m)
	}
	fv.SetMapIndex(reflect.ValueOf(t.MapKey).Convert(fv.Type().Key()), val)
	return t.PathString(), nil
}

// resolve follows key through the scenario.
func (s *Scenario) resolve(key string) (tomlx.Target, error) {
	if s == nil {
		return tomlx.Target{}, tomlx.Errorf(tomlx.CodeInvalid, "no scenario")
	}
	return codec.Resolve(reflect.ValueOf(s).Elem(), key, elementNames{})
}

// elementNames names the elements of the scenario's arrays of tables in
// keys: by id, networks by their state, relations by their two states.
type elementNames struct{}

// Word is "id", "state" (networks) or "states" (relations); "" for lists
// whose elements have no name (effects, options, variants, sweeps).
func (elementNames) Word(elem reflect.Type) string {
	switch elem {
	case reflect.TypeFor[Network]():
		return "state"
	case reflect.TypeFor[Relation]():
		return "states"
	}
	if f, ok := fieldByName(elem, "id"); ok && f.Type.Kind() == reflect.String {
		return "id"
	}
	return ""
}

func (n elementNames) Names(elem reflect.Type, field string) bool {
	switch n.Word(elem) {
	case "state":
		return field == "state"
	case "states":
		return field == "between"
	case "id":
		return field == "id"
	}
	return false
}

// Find finds the element of list (an array of tables named name) that
// want names.
func (n elementNames) Find(list reflect.Value, name, want string) (int, error) {
	var known []string
	sel := n.Word(list.Type().Elem())
	if sel == "states" {
		a, b, ok := strings.Cut(want, ":")
		if !ok || a == "" || b == "" || strings.Contains(b, ":") {
			return 0, tomlx.Errorf(tomlx.CodeBadValue, "want a relation as two state ids joined by ':' (%s.nordland:ostmark), got %q", name, want)
		}
		for i := 0; i < list.Len(); i++ {
			between := list.Index(i).Interface().(Relation).Between
			if len(between) != 2 {
				continue
			}
			if between[0] == a && between[1] == b || between[0] == b && between[1] == a {
				return i, nil
			}
			known = append(known, between[0]+":"+between[1])
		}
		return 0, tomlx.Errorf(tomlx.CodeUnknownRef, "no relation between %q and %q; the relations are %s", a, b, knownList(known))
	}
	field := "ID"
	if sel == "state" {
		field = "State"
	}
	for i := 0; i < list.Len(); i++ {
		id := list.Index(i).FieldByName(field).String()
		if id == want {
			return i, nil
		}
		known = append(known, id)
	}
	hint := tomlx.Hint(want, known)
	msg := fmt.Sprintf("unknown %s %q%s; the %ss are %s", name, want, tomlx.DidYouMean(hint), name, knownList(known))
	if sel == "state" {
		msg = fmt.Sprintf("no %s for state %q%s; the networks are for %s", name, want, tomlx.DidYouMean(hint), knownList(known))
	}
	return 0, &tomlx.Problem{Code: tomlx.CodeUnknownRef, Msg: msg, Suggestion: hint}
}

func knownList(known []string) string {
	if len(known) == 0 {
		return "none"
	}
	return tomlx.ListSome(known, 12)
}

// didYouMean renders the suggestion for name among known for a message.
func didYouMean(name string, known []string) string {
	return tomlx.DidYouMean(tomlx.Hint(name, known))
}

// ParseSweep reads a sweep written on the command line: "key=min..max"
// (five values), "key=min..max/steps", or "key=v1,v2,...", with the key
// written as for --set and the values as numbers (durations in hours,
// rates per hour).
func ParseSweep(s string) (Sweep, error) {
	key, spec, ok := strings.Cut(s, "=")
	key, spec = strings.TrimSpace(key), strings.TrimSpace(spec)
	if !ok || key == "" || spec == "" {
		return Sweep{}, fmt.Errorf("--sweep %q: want key=min..max, key=min..max/steps or a list key=v1,v2", s)
	}
	num := func(x string) (float64, error) {
		v, err := strconv.ParseFloat(strings.TrimSpace(x), 64)
		if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
			return 0, fmt.Errorf("--sweep %s: %q is not a finite number", key, x)
		}
		return v, nil
	}
	sw := Sweep{Key: key, Steps: 5}
	if lo, hi, isRange := strings.Cut(spec, ".."); isRange {
		if h, steps, ok := strings.Cut(hi, "/"); ok {
			n, err := strconv.Atoi(strings.TrimSpace(steps))
			if err != nil || n < 2 || n > 1000 {
				return Sweep{}, fmt.Errorf("--sweep %s: want between 2 and 1000 steps, got %q", key, steps)
			}
			sw.Steps, hi = n, h
		}
		var err error
		if sw.Min, err = num(lo); err != nil {
			return Sweep{}, err
		}
		if sw.Max, err = num(hi); err != nil {
			return Sweep{}, err
		}
		if !(sw.Max > sw.Min) {
			return Sweep{}, fmt.Errorf("--sweep %s: want max above min, got %g..%g", key, sw.Min, sw.Max)
		}
		return sw, nil
	}
	parts := strings.Split(spec, ",")
	if len(parts) > 1000 {
		return Sweep{}, fmt.Errorf("--sweep %s: want at most 1000 values, got %d", key, len(parts))
	}
	for _, p := range parts {
		v, err := num(p)
		if err != nil {
			return Sweep{}, err
		}
		sw.Values = append(sw.Values, v)
	}
	return sw, nil
}
