package tomlx

import (
	"fmt"
	"math"
	"reflect"
	"sort"
	"strconv"
	"sync"
	"unicode/utf8"
)

// Unit describes a float64-based type that a file writes as text with a
// unit ("36h", "2/week", "35%"): how it reads and how it is written back.
type Unit struct {
	Type reflect.Type
	// Want says what the unit takes, for "want ..., got ..." messages.
	Want string
	// Parse reads the text form.
	Parse func(string) (float64, error)
	// Number checks a bare number written in a file; nil when the unit
	// must be written as text (a bare 90 for a duration is a mistake).
	Number func(float64) error
	// GoNumber checks a number given in the unit's base unit from Go (a
	// sweep point), where no text is involved.
	GoNumber func(float64) error
	// Format writes a value as a facilitator would.
	Format func(float64) string
}

// Codec decodes, converts and checks values for a schema whose unit types
// it knows. It is safe for concurrent use.
type Codec struct {
	units  map[reflect.Type]Unit
	fields sync.Map // reflect.Type -> []Field
}

// NewCodec returns a Codec that knows the given units.
func NewCodec(units ...Unit) *Codec {
	c := &Codec{units: map[reflect.Type]Unit{}}
	for _, u := range units {
		c.units[u.Type] = u
	}
	return c
}

// Mode says where a value comes from, which decides how it is read.
type Mode uint8

const (
	// FromTOML is a value decoded from a file (or a variant's table in it):
	// strings are strings, units are text, integers must be integers.
	FromTOML Mode = iota
	// FromGo is a value given from Go (Scenario.SetValue): strings are read
	// as text, as on the command line, and numbers are in base units.
	FromGo
)

// Issue is one problem found converting a value: where below the value,
// and what.
type Issue struct {
	Path  []Seg // relative to the converted value
	AtKey bool  // the problem is the key itself (an unknown key)
	Code  Code
	Msg   string
	Hint  string // the suggestion, if any
}

// converter walks a value alongside a Go type, building the Go value and
// reporting every problem.
type converter struct {
	c      *Codec
	mode   Mode
	path   []Seg
	report func(Issue) bool // false stops the walk
	stop   bool
}

func (cv *converter) issue(code Code, msg, hint string, atKey bool) {
	if cv.stop {
		return
	}
	if !cv.report(Issue{Path: append([]Seg(nil), cv.path...), AtKey: atKey, Code: code, Msg: msg, Hint: hint}) {
		cv.stop = true
	}
}

func (cv *converter) mismatch(v any, t reflect.Type) {
	cv.issue(CodeBadType, fmt.Sprintf("want %s, got %s", cv.c.Want(t), Describe(v)), "", false)
}

// Convert turns v into a value of type t, the one path by which decoded
// files, variants and Go values become typed values. It reports each
// problem to report, which returns false to stop; the value is only
// complete when nothing was reported.
func (c *Codec) Convert(t reflect.Type, v any, mode Mode, report func(Issue) bool) reflect.Value {
	cv := &converter{c: c, mode: mode, report: report}
	out := reflect.New(t).Elem()
	cv.convert(out, v)
	return out
}

// ConvertValue is Convert for a single value: the first problem is the
// error, its place below the value written into the message ("element 2:
// ...", "wiper: ...").
func (c *Codec) ConvertValue(t reflect.Type, v any, mode Mode) (reflect.Value, error) {
	var first *Issue
	out := c.Convert(t, v, mode, func(is Issue) bool {
		first = &is
		return false
	})
	if first == nil {
		return out, nil
	}
	msg := first.Msg
	for i := len(first.Path) - 1; i >= 0; i-- {
		if sg := first.Path[i]; sg.IsIndex {
			msg = fmt.Sprintf("element %d: %s", sg.Index+1, msg)
		} else {
			msg = QuoteKey(sg.Name) + ": " + msg
		}
	}
	return out, &Problem{Code: first.Code, Msg: msg, Suggestion: first.Hint}
}

func (cv *converter) convert(out reflect.Value, v any) {
	if cv.stop || len(cv.path) > 2*maxDepth {
		return
	}
	t := out.Type()
	if s, ok := v.(string); ok && cv.mode == FromGo {
		pv, err := cv.c.ParseText(t, s)
		if err != nil {
			cv.issue(codeOf(err), err.Error(), "", false)
			return
		}
		out.Set(pv)
		return
	}
	if u, ok := cv.c.units[t]; ok {
		cv.unit(out, u, v)
		return
	}
	switch t.Kind() {
	case reflect.Interface:
		if t.NumMethod() > 0 {
			cv.issue(CodeBadType, "cannot decode into Go type "+t.String(), "", false)
			return
		}
		if v != nil {
			out.Set(reflect.ValueOf(v))
		}
	case reflect.String:
		s, ok := v.(string)
		if !ok {
			cv.mismatch(v, t)
			return
		}
		out.SetString(s)
	case reflect.Bool:
		b, ok := v.(bool)
		if !ok {
			cv.mismatch(v, t)
			return
		}
		out.SetBool(b)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		cv.integer(out, v)
	case reflect.Float32, reflect.Float64:
		f, ok := goNumber(v)
		if !ok {
			cv.mismatch(v, t)
			return
		}
		if math.IsInf(f, 0) || math.IsNaN(f) {
			cv.issue(CodeBadValue, "want a finite number, got "+Describe(v), "", false)
			return
		}
		if t.Kind() == reflect.Float32 && math.Abs(f) > math.MaxFloat32 {
			cv.issue(CodeOutOfRange, "want a number that fits in 32 bits, got "+Describe(v), "", false)
			return
		}
		out.SetFloat(f)
	case reflect.Slice:
		rv := reflect.ValueOf(v)
		if v == nil || rv.Kind() != reflect.Slice {
			cv.mismatch(v, t)
			return
		}
		list := reflect.MakeSlice(t, rv.Len(), rv.Len())
		for i := 0; i < rv.Len() && !cv.stop; i++ {
			cv.path = append(cv.path, Index(i))
			cv.convert(list.Index(i), rv.Index(i).Interface())
			cv.path = cv.path[:len(cv.path)-1]
		}
		out.Set(list)
	case reflect.Map:
		rv := reflect.ValueOf(v)
		if v == nil || rv.Kind() != reflect.Map || rv.Type().Key().Kind() != reflect.String || t.Key().Kind() != reflect.String {
			cv.mismatch(v, t)
			return
		}
		m := reflect.MakeMapWithSize(t, rv.Len())
		for _, k := range sortedMapKeys(rv) {
			e := reflect.New(t.Elem()).Elem()
			cv.path = append(cv.path, Key(k.String()))
			cv.convert(e, rv.MapIndex(k).Interface())
			cv.path = cv.path[:len(cv.path)-1]
			m.SetMapIndex(k.Convert(t.Key()), e)
		}
		out.Set(m)
	case reflect.Struct:
		m, ok := v.(map[string]any)
		if !ok {
			cv.mismatch(v, t)
			return
		}
		fields := cv.c.Fields(t)
		for _, k := range sortedKeys(m) {
			cv.path = append(cv.path, Key(k))
			if f, ok := FieldByName(fields, k); ok {
				cv.convert(out.Field(f.Index), m[k])
			} else {
				names := FieldNames(fields)
				hint := Suggest(k, names)
				msg := fmt.Sprintf("unknown key %q", k)
				if hint != "" {
					msg += fmt.Sprintf(" (did you mean %q?)", hint)
				}
				cv.issue(CodeUnknownKey, msg, hint, true)
			}
			cv.path = cv.path[:len(cv.path)-1]
		}
	default:
		cv.issue(CodeBadType, "cannot decode into Go type "+t.String(), "", false)
	}
}

func (cv *converter) unit(out reflect.Value, u Unit, v any) {
	if s, ok := v.(string); ok {
		f, err := u.Parse(s)
		if err != nil {
			cv.issue(codeOf(err), err.Error(), "", false)
			return
		}
		out.SetFloat(f)
		return
	}
	f, isNum := goNumber(v)
	check := u.Number
	if cv.mode == FromGo {
		check = u.GoNumber
	}
	if !isNum || check == nil {
		cv.mismatch(v, out.Type())
		return
	}
	if err := check(f); err != nil {
		cv.issue(codeOf(err), err.Error(), "", false)
		return
	}
	out.SetFloat(f)
}

// integer stores an integer, refusing floats from a file and fractions and
// overflows from anywhere.
func (cv *converter) integer(out reflect.Value, v any) {
	t := out.Type()
	unsigned := t.Kind() >= reflect.Uint && t.Kind() <= reflect.Uint64
	var i int64
	switch x := v.(type) {
	case int64:
		i = x
	case int:
		i = int64(x)
	default:
		f, ok := goNumber(v)
		if !ok {
			cv.mismatch(v, t)
			return
		}
		_, isFloat := v.(float64)
		if isFloat && cv.mode == FromTOML || f != math.Trunc(f) {
			cv.issue(CodeBadType, "want "+cv.c.Want(t)+", got "+Describe(v), "", false)
			return
		}
		if f < -(1<<63) || f >= 1<<63 {
			cv.outOfInt(t, Describe(v))
			return
		}
		i = int64(f)
	}
	if unsigned {
		if i < 0 || out.OverflowUint(uint64(i)) {
			cv.outOfInt(t, strconv.FormatInt(i, 10))
			return
		}
		out.SetUint(uint64(i))
		return
	}
	if out.OverflowInt(i) {
		cv.outOfInt(t, strconv.FormatInt(i, 10))
		return
	}
	out.SetInt(i)
}

func (cv *converter) outOfInt(t reflect.Type, got string) {
	bits := t.Bits()
	if t.Kind() >= reflect.Uint && t.Kind() <= reflect.Uint64 {
		cv.issue(CodeOutOfRange, fmt.Sprintf("want an integer between 0 and %d, got %s", uint64(math.MaxUint64)>>(64-bits), got), "", false)
		return
	}
	cv.issue(CodeOutOfRange, fmt.Sprintf("want an integer between %d and %d, got %s", -(int64(1)<<(bits-1)), int64(1)<<(bits-1)-1, got), "", false)
}

// codeOf returns the code of a *Problem, or CodeBadValue for another error.
func codeOf(err error) Code {
	if p, ok := err.(*Problem); ok {
		return p.Code
	}
	return CodeBadValue
}

// goNumber returns a number as a float64.
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

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func sortedMapKeys(m reflect.Value) []reflect.Value {
	keys := m.MapKeys()
	sort.Slice(keys, func(i, j int) bool { return keys[i].String() < keys[j].String() })
	return keys
}

// Want describes what a Go type takes, in a facilitator's words.
func (c *Codec) Want(t reflect.Type) string {
	if u, ok := c.units[t]; ok {
		return u.Want
	}
	switch t.Kind() {
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return "an integer"
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a non-negative integer"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.String:
		return "a string"
	case reflect.Slice:
		return "an array"
	case reflect.Map, reflect.Struct:
		return "a table"
	}
	return "a value of Go type " + t.String()
}

// Describe says what was written, quoting short strings.
func Describe(v any) string {
	switch x := v.(type) {
	case string:
		if utf8.RuneCountInString(x) > 40 {
			x = string([]rune(x)[:40]) + "..."
		}
		return "string " + strconv.Quote(x)
	case int64:
		return "integer " + strconv.FormatInt(x, 10)
	case int:
		return "integer " + strconv.Itoa(x)
	case float64:
		return "float " + strconv.FormatFloat(x, 'g', -1, 64)
	case float32:
		return "float " + strconv.FormatFloat(float64(x), 'g', -1, 64)
	case bool:
		return "boolean " + strconv.FormatBool(x)
	case nil:
		return "nothing"
	case Datetime:
		return x.What + " " + x.Text
	}
	switch reflect.ValueOf(v).Kind() {
	case reflect.Slice:
		return "an array"
	case reflect.Map:
		return "a table"
	}
	return fmt.Sprintf("%T", v)
}

// Decode decodes src into v (a pointer to a struct with `toml` tags, or to
// an `any`) strictly: unknown keys are errors, and so are values of the
// wrong type. It returns every problem at once, each positioned, and never
// panics. Key names must match `toml` tags exactly. v is set only when
// there is no problem.
func (c *Codec) Decode(src *Source, v any) (ds Diagnostics) {
	if src == nil {
		return Diagnostics{{Msg: "no source to decode"}}
	}
	if len(src.diags) > 0 {
		return src.Problems()
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return Diagnostics{{File: src.file, Msg: fmt.Sprintf("cannot decode into %T: want a non-nil pointer", v)}}
	}
	defer func() {
		if r := recover(); r != nil {
			ds.Add(Diagnostic{File: src.file, Msg: fmt.Sprintf("internal error while decoding: %v", r)})
		}
	}()
	out := c.Convert(rv.Type().Elem(), src.root.Generic(), FromTOML, func(is Issue) bool {
		if len(ds) >= MaxDiagnostics {
			ds.Add(TooMany(src.file))
			return false
		}
		var d Diagnostic
		if is.AtKey {
			d = src.AtKey(is.Path, is.Msg)
		} else {
			d = src.At(RenderPath(is.Path), "%s", is.Msg)
		}
		d.Code, d.Suggestion = is.Code, is.Hint
		ds.Add(d)
		return true
	})
	if len(ds) > 0 {
		return ds.Sorted()
	}
	rv.Elem().Set(out)
	return nil
}
