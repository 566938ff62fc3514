package scenarios

import (
	"fmt"
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

// target is what a key resolves to.
type target struct {
	field  tomlx.Field   // the field holding the value (for a map entry: the map)
	owner  reflect.Value // the struct holding the field
	path   []tomlx.Seg   // the field's key path in the file, e.g. state[0].maturity
	mapKey string        // the entry of a map field; "" for the whole field
	entry  bool
}

// pathString is the resolved key path, as Diagnostics name it.
func (t target) pathString() string { return tomlx.RenderPath(t.path) }

// valueType is the type a value for the target must have.
func (t target) valueType() reflect.Type {
	if t.entry {
		return t.field.Type.Elem()
	}
	return t.field.Type
}

// set resolves key and stores v there; it returns the resolved path.
func (s *Scenario) set(key string, v any, mode tomlx.Mode) (string, error) {
	t, err := s.resolve(key)
	if err != nil {
		return "", err
	}
	val, err := codec.ConvertValue(t.valueType(), v, mode)
	if err != nil {
		return "", err
	}
	fv := t.owner.Field(t.field.Index)
	if !t.entry {
		fv.Set(val)
		return t.pathString(), nil
	}
	if fv.IsNil() {
		m := reflect.MakeMap(fv.Type())
		// An attacker without methods uses DCID's mix; changing one weight
		// keeps the others.
		if t.field.Type == reflect.TypeFor[map[string]float64]() && t.field.Name == "methods" {
			for k, w := range DefaultMethodMix {
				m.SetMapIndex(reflect.ValueOf(k), reflect.ValueOf(w))
			}
		}
		fv.Set(m)
	}
	fv.SetMapIndex(reflect.ValueOf(t.mapKey).Convert(fv.Type().Key()), val)
	return t.pathString(), nil
}

// resolve follows key through the scenario.
func (s *Scenario) resolve(key string) (target, error) {
	if s == nil {
		return target{}, tomlx.Errorf(tomlx.CodeInvalid, "no scenario")
	}
	if key == "" {
		return target{}, tomlx.Errorf(tomlx.CodeBadValue, "empty key")
	}
	parts := strings.Split(key, ".")
	for _, p := range parts {
		if p == "" {
			return target{}, tomlx.Errorf(tomlx.CodeBadValue, "malformed key %q: empty part between dots", key)
		}
	}
	cur := reflect.ValueOf(s).Elem()
	var path []tomlx.Seg
	for i := 0; i < len(parts); i++ {
		typ := cur.Type()
		f, ok := fieldByName(typ, parts[i])
		if !ok {
			return target{}, unknownSetKey(parts, i, tomlx.FieldNames(schemaFields(typ)))
		}
		path = append(path, tomlx.Key(f.Name))
		here := strings.Join(parts[:i+1], ".")
		last := i == len(parts)-1
		switch f.Kind {
		case tomlx.KindTableField:
			if last {
				return target{}, tomlx.Errorf(tomlx.CodeInvalid, "%q is a table: name one of its keys (%s)", here, strings.Join(settableNames(f.Type), ", "))
			}
			cur = cur.Field(f.Index)
		case tomlx.KindTablesList:
			sel := selectorOf(f.Type.Elem())
			if sel == "" {
				return target{}, tomlx.Errorf(tomlx.CodeInvalid, "%q cannot be set: only values, and elements named by an id, have keys", here)
			}
			if last {
				return target{}, tomlx.Errorf(tomlx.CodeInvalid, "%q is a list: name one by its %s, as in %s.<%s>.<key>", here, sel, here, sel)
			}
			i++
			idx, err := findElem(cur.Field(f.Index), f.Name, sel, parts[i])
			if err != nil {
				return target{}, err
			}
			path = append(path, tomlx.Index(idx))
			cur = cur.Field(f.Index).Index(idx)
			if i == len(parts)-1 {
				return target{}, tomlx.Errorf(tomlx.CodeInvalid, "%q is a table: name one of its keys (%s)", strings.Join(parts[:i+1], "."), strings.Join(settableNames(f.Type.Elem()), ", "))
			}
		default:
			if isSelector(typ, f.Name) {
				return target{}, tomlx.Errorf(tomlx.CodeInvalid, "%q cannot be set: ids tie the scenario together", f.Name)
			}
			t := target{field: f, owner: cur, path: path}
			if f.Type.Kind() == reflect.Map && f.Type.Elem().Kind() == reflect.Interface {
				return target{}, tomlx.Errorf(tomlx.CodeInvalid, "%q cannot be set with a key", here)
			}
			if last {
				return t, nil
			}
			if f.Type.Kind() != reflect.Map {
				return target{}, tomlx.Errorf(tomlx.CodeInvalid, "%q is a single value, it has no key %q", here, parts[i+1])
			}
			if i+2 != len(parts) {
				return target{}, tomlx.Errorf(tomlx.CodeInvalid, "%q is a single value, it has no key %q", here+"."+parts[i+1], parts[i+2])
			}
			t.entry, t.mapKey = true, parts[i+1]
			t.path = append(t.path, tomlx.Key(parts[i+1]))
			return t, nil
		}
	}
	return target{}, tomlx.Errorf(tomlx.CodeInvalid, "%q is a table: name one of its keys", key)
}

// selectorOf says how elements of an array of tables are named in keys:
// "id", "state" (networks) or "states" (relations); "" when they cannot be.
func selectorOf(elem reflect.Type) string {
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

// isSelector reports whether a field names its element in keys.
func isSelector(owner reflect.Type, name string) bool {
	switch sel := selectorOf(owner); sel {
	case "state":
		return name == "state"
	case "states":
		return name == "between"
	case "id":
		return name == "id"
	}
	return false
}

// settableNames lists the keys of a struct that a key can continue with.
func settableNames(t reflect.Type) []string {
	var names []string
	for _, f := range schemaFields(t) {
		if f.Kind == tomlx.KindTablesList && selectorOf(f.Type.Elem()) == "" || f.Kind == tomlx.KindValue && isSelector(t, f.Name) {
			continue
		}
		if f.Type.Kind() == reflect.Map && f.Type.Elem().Kind() == reflect.Interface {
			continue
		}
		names = append(names, f.Name)
	}
	return names
}

// findElem finds the element of list (an array of tables named name) that
// sel names.
func findElem(list reflect.Value, name, sel, want string) (int, error) {
	var known []string
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
	kind := name
	hint := tomlx.Hint(want, known)
	var msg string
	if sel == "state" {
		msg = fmt.Sprintf("no %s for state %q%s; the networks are for %s", kind, want, tomlx.DidYouMean(hint), knownList(known))
	} else {
		msg = fmt.Sprintf("unknown %s %q%s; the %ss are %s", kind, want, tomlx.DidYouMean(hint), kind, knownList(known))
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

// unknownSetKey reports parts[i] as unknown, suggesting the whole key with
// the closest known name in its place.
func unknownSetKey(parts []string, i int, known []string) error {
	key := strings.Join(parts, ".")
	if s := tomlx.Suggest(parts[i], known); s != "" {
		fixed := strings.Join(append(append(append([]string(nil), parts[:i]...), s), parts[i+1:]...), ".")
		return &tomlx.Problem{Code: tomlx.CodeUnknownKey, Msg: fmt.Sprintf("unknown key %q (did you mean %q?)", key, fixed), Suggestion: fixed}
	}
	where := "at the top level"
	if i > 0 {
		where = "in " + strconv.Quote(strings.Join(parts[:i], "."))
	}
	return tomlx.Errorf(tomlx.CodeUnknownKey, "unknown key %q: there is no %q %s (the keys there are %s)", key, parts[i], where, strings.Join(known, ", "))
}
