package scenarios

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"sync"
)

// The schema's struct tags, read once per type.

// fieldKind says how a field appears in a file.
type fieldKind int

const (
	kindValue  fieldKind = iota // a value: scalar, list of scalars, or a table of values (map)
	kindTable                   // a table: [name] or name = { ... }
	kindTables                  // an array of tables: [[name]] or name = [{ ... }]
)

// schemaField is one field of a schema struct and what its tags say.
type schemaField struct {
	name     string // the TOML key
	goName   string
	index    int
	typ      reflect.Type
	kind     fieldKind
	def      string // the default, as written for --set
	required bool   // no default tag (values only; tables never are)
	rng      *bounds
	enum     []string // nil when there is no enum tag
	ref      string
	limit    int // -1 when there is no limit tag
	defVal   reflect.Value
}

// bounds is a parsed range tag. Bounds are in the field's base unit
// (hours, events per hour); text keeps them as written, for messages.
type bounds struct {
	lo, hi         float64
	hasLo, hasHi   bool
	loText, hiText string
}

var (
	durationType = reflect.TypeFor[Duration]()
	rateType     = reflect.TypeFor[Rate]()
	fractionType = reflect.TypeFor[Fraction]()
)

var schemaCache sync.Map // reflect.Type -> []schemaField

// schemaFields returns the fields of a schema struct type. It panics on a
// malformed tag: tags are code, and TestSchemaTags runs every one.
func schemaFields(t reflect.Type) []schemaField {
	if fs, ok := schemaCache.Load(t); ok {
		return fs.([]schemaField)
	}
	var fs []schemaField
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, ok := f.Tag.Lookup("toml")
		if !ok || name == "-" || !f.IsExported() {
			continue
		}
		name, _, _ = strings.Cut(name, ",")
		sf := schemaField{name: name, goName: f.Name, index: i, typ: f.Type, limit: -1, ref: f.Tag.Get("ref")}
		switch {
		case f.Type.Kind() == reflect.Struct:
			sf.kind = kindTable
		case f.Type.Kind() == reflect.Slice && f.Type.Elem().Kind() == reflect.Struct:
			sf.kind = kindTables
		}
		def, hasDef := f.Tag.Lookup("default")
		sf.def = def
		sf.required = sf.kind == kindValue && !hasDef
		if e, ok := f.Tag.Lookup("enum"); ok {
			sf.enum = strings.Split(e, "|")
		}
		if r, ok := f.Tag.Lookup("range"); ok {
			b, err := parseBounds(f.Type, r)
			if err != nil {
				panic(fmt.Sprintf("scenarios: %s.%s: bad range tag %q: %v", t.Name(), f.Name, r, err))
			}
			sf.rng = b
		}
		if sf.kind == kindValue && hasDef {
			dv, err := parseText(f.Type, def)
			if err != nil {
				panic(fmt.Sprintf("scenarios: %s.%s: bad default tag %q: %v", t.Name(), f.Name, def, err))
			}
			sf.defVal = dv
		}
		if l, ok := f.Tag.Lookup("limit"); ok {
			n, err := strconv.Atoi(l)
			if err != nil || n < 0 {
				panic(fmt.Sprintf("scenarios: %s.%s: bad limit tag %q", t.Name(), f.Name, l))
			}
			sf.limit = n
		}
		fs = append(fs, sf)
	}
	schemaCache.Store(t, fs)
	return fs
}

// fieldByName finds a field by its TOML key.
func fieldByName(t reflect.Type, name string) (schemaField, bool) {
	for _, f := range schemaFields(t) {
		if f.name == name {
			return f, true
		}
	}
	return schemaField{}, false
}

func fieldNames(t reflect.Type) []string {
	var names []string
	for _, f := range schemaFields(t) {
		names = append(names, f.name)
	}
	return names
}

// scalarType is the type each element of a value field has: the element of
// a list, the value of a map, or the field's own type.
func scalarType(t reflect.Type) reflect.Type {
	switch t.Kind() {
	case reflect.Slice, reflect.Map:
		return t.Elem()
	}
	return t
}

func parseBounds(t reflect.Type, r string) (*bounds, error) {
	lo, hi, ok := strings.Cut(r, "..")
	if !ok {
		return nil, errors.New(`want "lo..hi"`)
	}
	et := scalarType(t)
	b := &bounds{loText: lo, hiText: hi}
	var err error
	if lo != "" {
		b.hasLo = true
		if b.lo, err = parseBound(et, lo); err != nil {
			return nil, err
		}
	}
	if hi != "" {
		b.hasHi = true
		if b.hi, err = parseBound(et, hi); err != nil {
			return nil, err
		}
	}
	return b, nil
}

func parseBound(t reflect.Type, s string) (float64, error) {
	v, err := parseText(t, s)
	if err != nil {
		return 0, err
	}
	f, ok := numberOf(v)
	if !ok {
		return 0, fmt.Errorf("%s is not a number type", t)
	}
	return f, nil
}

// numberOf returns a numeric value as a float64 in its base unit.
func numberOf(v reflect.Value) (float64, bool) {
	switch v.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return float64(v.Int()), true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return float64(v.Uint()), true
	case reflect.Float32, reflect.Float64:
		return v.Float(), true
	}
	return 0, false
}

func isNumeric(t reflect.Type) bool {
	_, ok := numberOf(reflect.Zero(t))
	return ok
}

// formatValue renders a value as a facilitator would write it.
func formatValue(v reflect.Value) string {
	switch v.Type() {
	case durationType:
		return Duration(v.Float()).String()
	case rateType:
		return Rate(v.Float()).String()
	case fractionType:
		return strconv.FormatFloat(v.Float(), 'g', -1, 64)
	}
	switch v.Kind() {
	case reflect.String:
		return strconv.Quote(v.String())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return groupInt(v.Int())
	case reflect.Float32, reflect.Float64:
		return strconv.FormatFloat(v.Float(), 'g', -1, 64)
	}
	return fmt.Sprint(v.Interface())
}

// parseText reads a value of type t written as for --set: numbers, true or
// false, units ("90d", "2/week", "35%"), comma-separated lists, and
// "key:value" pairs separated by commas for tables of numbers. An empty
// string is an empty list or table.
func parseText(t reflect.Type, s string) (reflect.Value, error) {
	v := reflect.New(t).Elem()
	switch t {
	case durationType:
		d, err := ParseDuration(s)
		v.SetFloat(float64(d))
		return v, err
	case rateType:
		r, err := ParseRate(s)
		v.SetFloat(float64(r))
		return v, err
	case fractionType:
		f, err := ParseFraction(s)
		v.SetFloat(float64(f))
		return v, err
	}
	switch t.Kind() {
	case reflect.String:
		v.SetString(s)
	case reflect.Bool:
		switch s {
		case "true":
			v.SetBool(true)
		case "false":
		default:
			return v, fmt.Errorf("want true or false, got %q", s)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		i, err := strconv.ParseInt(plainInteger(s), 10, 64)
		if err != nil {
			return v, fmt.Errorf("want an integer, got %q", s)
		}
		if v.OverflowInt(i) {
			return v, fmt.Errorf("want an integer that fits in %d bits, got %s", t.Bits(), s)
		}
		v.SetInt(i)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		u, err := strconv.ParseUint(plainInteger(s), 10, 64)
		if err != nil {
			return v, fmt.Errorf("want a non-negative integer, got %q", s)
		}
		if v.OverflowUint(u) {
			return v, fmt.Errorf("want an integer that fits in %d bits, got %s", t.Bits(), s)
		}
		v.SetUint(u)
	case reflect.Float32, reflect.Float64:
		f, err := parseNumber(s)
		if err != nil {
			return v, err
		}
		v.SetFloat(f)
	case reflect.Slice:
		if strings.TrimSpace(s) == "" {
			return v, nil
		}
		parts := strings.Split(s, ",")
		out := reflect.MakeSlice(t, 0, len(parts))
		for _, p := range parts {
			e, err := parseText(t.Elem(), strings.TrimSpace(p))
			if err != nil {
				return v, err
			}
			out = reflect.Append(out, e)
		}
		v.Set(out)
	case reflect.Map:
		if t.Key().Kind() != reflect.String || t.Elem().Kind() == reflect.Interface {
			return v, fmt.Errorf("cannot be written as text")
		}
		if strings.TrimSpace(s) == "" {
			return v, nil
		}
		out := reflect.MakeMap(t)
		for _, p := range strings.Split(s, ",") {
			k, val, ok := strings.Cut(p, ":")
			k = strings.TrimSpace(k)
			if !ok || k == "" {
				return v, fmt.Errorf(`want "key:value" pairs separated by commas, got %q`, strings.TrimSpace(p))
			}
			e, err := parseText(t.Elem(), strings.TrimSpace(val))
			if err != nil {
				return v, err
			}
			out.SetMapIndex(reflect.ValueOf(k).Convert(t.Key()), e)
		}
		v.Set(out)
	default:
		return v, fmt.Errorf("cannot be written as text")
	}
	return v, nil
}

// plainInteger strips the underscores TOML allows between digits
// ("1_400_000"); anything else is left for ParseInt to refuse.
func plainInteger(s string) string {
	if !strings.Contains(s, "_") {
		return s
	}
	body := strings.TrimPrefix(s, "-")
	for i := 0; i < len(body); i++ {
		if body[i] == '_' && (i == 0 || i == len(body)-1 || body[i-1] == '_' || body[i-1] < '0' || body[i-1] > '9' || body[i+1] < '0' || body[i+1] > '9') {
			return s
		}
	}
	return strings.ReplaceAll(s, "_", "")
}

// parseNumber reads a finite decimal number; hex floats, "inf" and "nan"
// are refused.
func parseNumber(s string) (float64, error) {
	p := plainInteger(s)
	body := strings.TrimLeft(p, "+-")
	if body == "" || strings.ContainsAny(body, "xXpP_") || !(body[0] >= '0' && body[0] <= '9' || body[0] == '.') {
		return 0, fmt.Errorf("want a number, got %q", s)
	}
	f, err := strconv.ParseFloat(p, 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return 0, fmt.Errorf("want a number, got %q", s)
	}
	return f, nil
}

// applyDefaults sets every value field whose key src does not hold to its
// default, through tables and every element of arrays of tables. Required
// fields are left alone; missingRequired reports them.
func applyDefaults(v any, src *Source) {
	rv := reflect.ValueOf(v).Elem()
	defaultStruct(rv, nil, src)
}

func defaultStruct(v reflect.Value, path []seg, src *Source) {
	for _, f := range schemaFields(v.Type()) {
		p := append(path[:len(path):len(path)], seg{name: f.name})
		fv := v.Field(f.index)
		switch f.kind {
		case kindTable:
			defaultStruct(fv, p, src)
		case kindTables:
			for i := 0; i < fv.Len(); i++ {
				defaultStruct(fv.Index(i), append(p, seg{isIndex: true, index: i}), src)
			}
		default:
			if f.required || src != nil && src.Has(renderPath(p)) {
				continue
			}
			fv.Set(defaultOf(f))
		}
	}
}

// defaultOf returns a fresh copy of the default of a field that has one,
// so that the caller may keep it (lists and tables are not shared).
func defaultOf(f schemaField) reflect.Value {
	v := reflect.New(f.typ).Elem()
	deepCopy(v, f.defVal)
	return v
}

// missingRequired walks the file's generic decode along the schema type and
// reports every required key that is not written, at its parent table. It
// needs no decoded struct, so it also runs when decoding failed; values of
// the wrong shape are left to Decode.
func missingRequired(src *Source, t reflect.Type) Diagnostics {
	if src == nil || src.tree == nil {
		return nil
	}
	var ds Diagnostics
	var walk func(m map[string]any, t reflect.Type, path []seg)
	walk = func(m map[string]any, t reflect.Type, path []seg) {
		for _, f := range schemaFields(t) {
			if len(ds) >= maxDiagnostics {
				return
			}
			p := append(path[:len(path):len(path)], seg{name: f.name})
			val, written := m[f.name]
			switch f.kind {
			case kindTable:
				sub, ok := val.(map[string]any)
				if !written {
					if req := requiredKeys(f.typ); len(req) > 0 {
						ds.Add(src.At(renderPath(p), "missing required table [%s] (with %s)", renderPath(p), joinAnd(quoteAll(req))))
					}
					continue
				}
				if ok {
					walk(sub, f.typ, p)
				}
			case kindTables:
				elems, _ := val.([]any)
				for i, e := range elems {
					if sub, ok := e.(map[string]any); ok {
						walk(sub, f.typ.Elem(), append(p, seg{isIndex: true, index: i}))
					}
				}
			default:
				if f.required && !written {
					ds.Add(src.At(renderPath(p), "missing required key %q", f.name))
				}
			}
		}
	}
	walk(src.tree, t, nil)
	return ds
}

// requiredKeys lists the required value keys of a struct type.
func requiredKeys(t reflect.Type) []string {
	var req []string
	for _, f := range schemaFields(t) {
		if f.required {
			req = append(req, f.name)
		}
	}
	return req
}

func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = strconv.Quote(s)
	}
	return out
}

// joinAnd joins words as in a sentence: "a", "a and b", "a, b and c".
func joinAnd(words []string) string {
	switch len(words) {
	case 0:
		return ""
	case 1:
		return words[0]
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}

// listSome joins up to max words with commas and says how many more there
// are, so that a message about one of 2000 assets stays readable.
func listSome(words []string, max int) string {
	if len(words) <= max {
		return strings.Join(words, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(words[:max], ", "), len(words)-max)
}
