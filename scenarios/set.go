package scenarios

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"sort"
	"strconv"
	"strings"
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
	if _, err := s.set(key, value, setText); err != nil {
		return Diagnostic{File: "--set", Key: key, Msg: err.Error()}
	}
	return nil
}

// SetValue sets the value at key from a Go value: a string (read as by
// Set), a bool, a number (float64, int or int64; a duration in hours, a rate
// per hour, a fraction between 0 and 1), a []string, []float64 or []any
// list, or a map[string]float64 or map[string]any table. Parameter sweeps
// pass float64 values. The error is a Diagnostic with Key the key.
func (s *Scenario) SetValue(key string, v any) error {
	if _, err := s.set(key, v, setGo); err != nil {
		return Diagnostic{Key: key, Msg: err.Error()}
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
	deepCopy(reflect.ValueOf(c).Elem(), reflect.ValueOf(s).Elem())
	return c
}

// deepCopy copies src into dst (both of the same type), sharing no slices
// or maps. A nil slice or map stays nil: for a table of weights, nil means
// "not given", which differs from an empty table.
func deepCopy(dst, src reflect.Value) {
	switch src.Kind() {
	case reflect.Struct:
		for i := 0; i < src.NumField(); i++ {
			if dst.Field(i).CanSet() {
				deepCopy(dst.Field(i), src.Field(i))
			}
		}
	case reflect.Slice:
		if src.IsNil() {
			dst.Set(reflect.Zero(src.Type()))
			return
		}
		out := reflect.MakeSlice(src.Type(), src.Len(), src.Len())
		for i := 0; i < src.Len(); i++ {
			deepCopy(out.Index(i), src.Index(i))
		}
		dst.Set(out)
	case reflect.Map:
		if src.IsNil() {
			dst.Set(reflect.Zero(src.Type()))
			return
		}
		out := reflect.MakeMapWithSize(src.Type(), src.Len())
		it := src.MapRange()
		for it.Next() {
			v := reflect.New(src.Type().Elem()).Elem()
			deepCopy(v, it.Value())
			out.SetMapIndex(it.Key(), v)
		}
		dst.Set(out)
	case reflect.Interface:
		if src.IsNil() {
			dst.Set(reflect.Zero(src.Type()))
			return
		}
		e := src.Elem()
		v := reflect.New(e.Type()).Elem()
		deepCopy(v, e)
		dst.Set(v)
	case reflect.Pointer:
		if src.IsNil() {
			dst.Set(reflect.Zero(src.Type()))
			return
		}
		p := reflect.New(src.Type().Elem())
		deepCopy(p.Elem(), src.Elem())
		dst.Set(p)
	default:
		dst.Set(src)
	}
}

// setMode says where a value comes from, which decides how it is read.
type setMode int

const (
	setText setMode = iota // a --set string
	setTOML                // a value of a variant's set table, as decoded from TOML
	setGo                  // SetValue: strings as text, numbers in base units
)

// target is what a key resolves to.
type target struct {
	field  schemaField   // the field holding the value (for a map entry: the map)
	owner  reflect.Value // the struct holding the field
	path   []seg         // the field's key path in the file, e.g. state[0].maturity
	mapKey string        // the entry of a map field; "" for the whole field
	entry  bool
}

// pathString is the resolved key path, as Diagnostics name it.
func (t target) pathString() string { return renderPath(t.path) }

// valueType is the type a value for the target must have.
func (t target) valueType() reflect.Type {
	if t.entry {
		return t.field.typ.Elem()
	}
	return t.field.typ
}

// set resolves key and stores v there; it returns the resolved path.
func (s *Scenario) set(key string, v any, mode setMode) (string, error) {
	t, err := s.resolve(key)
	if err != nil {
		return "", err
	}
	val, err := convert(t.valueType(), v, mode)
	if err != nil {
		return "", err
	}
	fv := t.owner.Field(t.field.index)
	if !t.entry {
		fv.Set(val)
		return t.pathString(), nil
	}
	if fv.IsNil() {
		m := reflect.MakeMap(fv.Type())
		// An attacker without methods uses DCID's mix; changing one weight
		// keeps the others.
		if t.field.typ == reflect.TypeFor[map[string]float64]() && t.field.name == "methods" {
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
		return target{}, errors.New("no scenario")
	}
	if key == "" {
		return target{}, errors.New("empty key")
	}
	parts := strings.Split(key, ".")
	for _, p := range parts {
		if p == "" {
			return target{}, fmt.Errorf("malformed key %q: empty part between dots", key)
		}
	}
	cur := reflect.ValueOf(s).Elem()
	var path []seg
	for i := 0; i < len(parts); i++ {
		typ := cur.Type()
		f, ok := fieldByName(typ, parts[i])
		if !ok {
			return target{}, unknownSetKey(parts, i, fieldNames(typ))
		}
		path = append(path, seg{name: f.name})
		here := strings.Join(parts[:i+1], ".")
		last := i == len(parts)-1
		switch f.kind {
		case kindTable:
			if last {
				return target{}, fmt.Errorf("%q is a table: name one of its keys (%s)", here, strings.Join(settableNames(f.typ), ", "))
			}
			cur = cur.Field(f.index)
		case kindTables:
			sel := selectorOf(f.typ.Elem())
			if sel == "" {
				return target{}, fmt.Errorf("%q cannot be set: only values, and elements named by an id, have keys", here)
			}
			if last {
				return target{}, fmt.Errorf("%q is a list: name one by its %s, as in %s.<%s>.<key>", here, sel, here, sel)
			}
			i++
			idx, err := findElem(cur.Field(f.index), f.name, sel, parts[i])
			if err != nil {
				return target{}, err
			}
			path = append(path, seg{isIndex: true, index: idx})
			cur = cur.Field(f.index).Index(idx)
			if i == len(parts)-1 {
				return target{}, fmt.Errorf("%q is a table: name one of its keys (%s)", strings.Join(parts[:i+1], "."), strings.Join(settableNames(f.typ.Elem()), ", "))
			}
		default:
			if isSelector(typ, f.name) {
				return target{}, fmt.Errorf("%q cannot be set: ids tie the scenario together", f.name)
			}
			t := target{field: f, owner: cur, path: path}
			if f.typ.Kind() == reflect.Map && f.typ.Elem().Kind() == reflect.Interface {
				return target{}, fmt.Errorf("%q cannot be set with a key", here)
			}
			if last {
				return t, nil
			}
			if f.typ.Kind() != reflect.Map {
				return target{}, fmt.Errorf("%q is a single value, it has no key %q", here, parts[i+1])
			}
			if i+2 != len(parts) {
				return target{}, fmt.Errorf("%q is a single value, it has no key %q", here+"."+parts[i+1], parts[i+2])
			}
			t.entry, t.mapKey = true, parts[i+1]
			t.path = append(t.path, seg{name: parts[i+1]})
			return t, nil
		}
	}
	return target{}, fmt.Errorf("%q is a table: name one of its keys", key)
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
	if f, ok := fieldByName(elem, "id"); ok && f.typ.Kind() == reflect.String {
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
		if f.kind == kindTables && selectorOf(f.typ.Elem()) == "" || f.kind == kindValue && isSelector(t, f.name) {
			continue
		}
		if f.typ.Kind() == reflect.Map && f.typ.Elem().Kind() == reflect.Interface {
			continue
		}
		names = append(names, f.name)
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
			return 0, fmt.Errorf("want a relation as two state ids joined by ':' (%s.nordland:ostmark), got %q", name, want)
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
		return 0, fmt.Errorf("no relation between %q and %q; the relations are %s", a, b, knownList(known))
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
	if sel == "state" {
		return 0, fmt.Errorf("no %s for state %q%s; the networks are for %s", kind, want, didYouMean(want, known), knownList(known))
	}
	return 0, fmt.Errorf("unknown %s %q%s; the %ss are %s", kind, want, didYouMean(want, known), kind, knownList(known))
}

func knownList(known []string) string {
	if len(known) == 0 {
		return "none"
	}
	return listSome(known, 12)
}

func didYouMean(name string, known []string) string {
	if s := suggest(name, known); s != "" && s != name {
		return fmt.Sprintf(" (did you mean %q?)", s)
	}
	return ""
}

// unknownSetKey reports parts[i] as unknown, suggesting the whole key with
// the closest known name in its place.
func unknownSetKey(parts []string, i int, known []string) error {
	key := strings.Join(parts, ".")
	if s := suggest(parts[i], known); s != "" {
		fixed := append(append(append([]string(nil), parts[:i]...), s), parts[i+1:]...)
		return fmt.Errorf("unknown key %q (did you mean %q?)", key, strings.Join(fixed, "."))
	}
	where := "at the top level"
	if i > 0 {
		where = "in " + strconv.Quote(strings.Join(parts[:i], "."))
	}
	return fmt.Errorf("unknown key %q: there is no %q %s (the keys there are %s)", key, parts[i], where, strings.Join(known, ", "))
}

// convert turns v into a value of type t.
func convert(t reflect.Type, v any, mode setMode) (reflect.Value, error) {
	if s, ok := v.(string); ok && (mode == setText || mode == setGo) {
		return parseText(t, s)
	}
	if mode == setText {
		return reflect.Value{}, fmt.Errorf("cannot set from %T", v)
	}
	out := reflect.New(t).Elem()
	bad := func() (reflect.Value, error) {
		return out, fmt.Errorf("want %s, got %s", want(t), describeGo(v))
	}
	switch t {
	case durationType, rateType:
		switch x := v.(type) {
		case string:
			return parseText(t, x)
		}
		if f, ok := goNumber(v); ok && mode == setGo {
			if !(f >= 0) || math.IsInf(f, 0) {
				return out, fmt.Errorf("want a finite number that is not negative, got %s", strconv.FormatFloat(f, 'g', -1, 64))
			}
			out.SetFloat(f)
			return out, nil
		}
		return bad()
	case fractionType:
		if s, ok := v.(string); ok {
			return parseText(t, s)
		}
		f, ok := goNumber(v)
		if !ok {
			return bad()
		}
		if err := checkFraction(f); err != nil {
			return out, err
		}
		out.SetFloat(f)
		return out, nil
	}
	switch t.Kind() {
	case reflect.String:
		s, ok := v.(string)
		if !ok {
			return bad()
		}
		out.SetString(s)
	case reflect.Bool:
		b, ok := v.(bool)
		if !ok {
			return bad()
		}
		out.SetBool(b)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		f, ok := goNumber(v)
		if !ok {
			return bad()
		}
		if _, isFloat := v.(float64); isFloat && mode == setTOML || f != math.Trunc(f) {
			return out, fmt.Errorf("want an integer, got %s", describeGo(v))
		}
		if f < -(1<<63) || f >= 1<<63 || out.OverflowInt(int64(f)) {
			return out, fmt.Errorf("want an integer that fits in %d bits, got %s", t.Bits(), describeGo(v))
		}
		out.SetInt(int64(f))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		f, ok := goNumber(v)
		if !ok {
			return bad()
		}
		if _, isFloat := v.(float64); isFloat && mode == setTOML || f != math.Trunc(f) || f < 0 {
			return out, fmt.Errorf("want a non-negative integer, got %s", describeGo(v))
		}
		if f >= 1<<64 || out.OverflowUint(uint64(f)) {
			return out, fmt.Errorf("want an integer that fits in %d bits, got %s", t.Bits(), describeGo(v))
		}
		out.SetUint(uint64(f))
	case reflect.Float32, reflect.Float64:
		f, ok := goNumber(v)
		if !ok {
			return bad()
		}
		if math.IsInf(f, 0) || math.IsNaN(f) {
			return out, fmt.Errorf("want a finite number, got %s", describeGo(v))
		}
		out.SetFloat(f)
	case reflect.Slice:
		rv := reflect.ValueOf(v)
		if v == nil || rv.Kind() != reflect.Slice {
			return bad()
		}
		list := reflect.MakeSlice(t, 0, rv.Len())
		for i := 0; i < rv.Len(); i++ {
			e, err := convert(t.Elem(), rv.Index(i).Interface(), mode)
			if err != nil {
				return out, fmt.Errorf("element %d: %w", i+1, err)
			}
			list = reflect.Append(list, e)
		}
		out.Set(list)
	case reflect.Map:
		rv := reflect.ValueOf(v)
		if v == nil || rv.Kind() != reflect.Map || rv.Type().Key().Kind() != reflect.String || t.Key().Kind() != reflect.String {
			return bad()
		}
		m := reflect.MakeMapWithSize(t, rv.Len())
		keys := rv.MapKeys()
		sort.Slice(keys, func(i, j int) bool { return keys[i].String() < keys[j].String() })
		for _, k := range keys {
			e, err := convert(t.Elem(), rv.MapIndex(k).Interface(), mode)
			if err != nil {
				return out, fmt.Errorf("%s: %w", QuoteKey(k.String()), err)
			}
			m.SetMapIndex(k.Convert(t.Key()), e)
		}
		out.Set(m)
	default:
		return out, fmt.Errorf("cannot set a value of Go type %s", t)
	}
	return out, nil
}

// goNumber returns a Go number as a float64.
func goNumber(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case float32:
		return float64(x), true
	case int:
		return float64(x), true
	case int64:
		return float64(x), true
	case int32:
		return float64(x), true
	case uint64:
		return float64(x), true
	case uint:
		return float64(x), true
	}
	return 0, false
}

// describeGo describes a Go value in the words describe uses for TOML.
func describeGo(v any) string {
	switch x := v.(type) {
	case int:
		return describe(int64(x))
	case float32:
		return describe(float64(x))
	case nil:
		return "nothing"
	case []string, []float64:
		return "an array"
	case map[string]float64:
		return "a table"
	}
	return describe(v)
}
