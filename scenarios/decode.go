package scenarios

import (
	"bytes"
	"encoding"
	"errors"
	"fmt"
	"math"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/pelletier/go-toml/v2"
)

// maxDiagnostics stops a hostile file (a million wrong array elements) from
// producing a million diagnostics; a person fixes far fewer at a time.
const maxDiagnostics = 1000

// Decode decodes src into v (a pointer to a struct with `toml` tags)
// strictly: unknown keys are errors. It returns every problem it can find at
// once, each positioned, never panics.
//
// go-toml stops at the first type error, so Decode first walks the generic
// decode of the file alongside v's type and reports every unknown key and
// every value of the wrong type. Only when that walk is clean does it run
// the real strict decode into v. Key names must match `toml` tags exactly
// (go-toml alone would also accept other casings). A Duration or Rate must
// be written as a string, a Fraction as a number in [0,1] or a percentage
// string. v is left untouched when the walk finds problems; an error from
// the real decode may leave it partly filled.
func Decode(src *Source, v any) (ds Diagnostics) {
	if src == nil {
		return Diagnostics{{Msg: "no scenario source to decode"}}
	}
	if len(src.diags) > 0 {
		return append(Diagnostics(nil), src.diags...)
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return Diagnostics{{File: src.file, Msg: fmt.Sprintf("cannot decode into %T: want a non-nil pointer", v)}}
	}
	defer func() {
		// Methods of the target types (UnmarshalText) are not ours and may
		// panic; a diagnostic is more useful to a facilitator than a crash.
		if r := recover(); r != nil {
			ds.Add(Diagnostic{File: src.file, Msg: fmt.Sprintf("internal error while decoding: %v", r)})
		}
	}()

	w := walker{src: src}
	w.walk(src.tree, rv.Type().Elem())
	if len(w.ds) > 0 {
		return w.ds.sorted()
	}

	err := toml.NewDecoder(bytes.NewReader(src.data)).DisallowUnknownFields().Decode(v)
	if err == nil {
		return nil
	}
	// StrictMissingError also matches *DecodeError through Unwrap, but then
	// only yields the first unknown key.
	var missing *toml.StrictMissingError
	if errors.As(err, &missing) {
		for _, e := range missing.Errors {
			ds.Add(src.unknownKeyError(&e, rv.Type().Elem()))
		}
		return ds.sorted()
	}
	ds.Add(src.fromTOMLError(err))
	return ds
}

// unknownKeyError converts one strict-mode error from go-toml, which the
// walk should already have caught; it is here so that no difference between
// the walk and go-toml goes unreported.
func (s *Source) unknownKeyError(e *toml.DecodeError, root reflect.Type) Diagnostic {
	line, col := e.Position()
	off := s.offsetOf(line, col)
	k := e.Key()
	path, ok := s.pathAt(off)
	if !ok {
		path = keyString(k)
	}
	name := ""
	if len(k) > 0 {
		name = k[len(k)-1]
	}
	var known []string
	if segs, ok := parsePath(path); ok && len(segs) > 0 {
		if t := typeAt(root, segs[:len(segs)-1]); t != nil && t.Kind() == reflect.Struct {
			known = fieldsOf(t).names
		}
	}
	return s.diagAt(off, path, unknownKeyMsg(name, known))
}

// typeAt follows a key path through Go types, for the keys known there.
func typeAt(t reflect.Type, segs []seg) reflect.Type {
	for _, sg := range segs {
		t = deref(t)
		switch {
		case sg.isIndex && (t.Kind() == reflect.Slice || t.Kind() == reflect.Array):
			t = t.Elem()
		case !sg.isIndex && t.Kind() == reflect.Map:
			t = t.Elem()
		case !sg.isIndex && t.Kind() == reflect.Struct:
			f, ok := fieldsOf(t).byName[sg.name]
			if !ok {
				return nil
			}
			t = f
		default:
			return nil
		}
	}
	return deref(t)
}

func deref(t reflect.Type) reflect.Type {
	// Bounded because `type P *P` is legal Go.
	for i := 0; i < 8 && t.Kind() == reflect.Pointer; i++ {
		t = t.Elem()
	}
	return t
}

func unknownKeyMsg(name string, known []string) string {
	msg := fmt.Sprintf("unknown key %q", name)
	if s := suggest(name, known); s != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", s)
	}
	return msg
}

// suggest returns the known key closest to name, if it is close enough to
// be a typo (edit distance at most 2, and not the whole key).
func suggest(name string, known []string) string {
	best, bestDist := "", 3
	for _, k := range known {
		d := levenshtein(name, k)
		if strings.EqualFold(name, k) {
			d = 0
		}
		if d < bestDist || d == bestDist && k < best {
			best, bestDist = k, d
		}
	}
	if best == "" || bestDist > 2 || bestDist >= utf8.RuneCountInString(name) && !strings.EqualFold(name, best) {
		return ""
	}
	return best
}

func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if d := len(ra) - len(rb); d > 2 || d < -2 {
		return 3 // far enough; spares the table for long keys
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// fieldSet is what the walk needs to know about a struct type: the TOML
// names of its fields (embedded structs flattened, as go-toml does) and
// their types.
type fieldSet struct {
	byName map[string]reflect.Type
	names  []string // sorted, for suggestions
}

var fieldSets sync.Map // reflect.Type -> *fieldSet

func fieldsOf(t reflect.Type) *fieldSet {
	if fs, ok := fieldSets.Load(t); ok {
		return fs.(*fieldSet)
	}
	fs := &fieldSet{byName: map[string]reflect.Type{}}
	addFields(fs, t, map[reflect.Type]bool{})
	for name := range fs.byName {
		fs.names = append(fs.names, name)
	}
	sort.Strings(fs.names)
	fieldSets.Store(t, fs)
	return fs
}

// addFields mirrors go-toml's rules: a tag "-" drops the field, the tag name
// (before any comma) renames it, untagged embedded structs are flattened
// after the fields of the outer struct, and the first field with a name wins.
func addFields(fs *fieldSet, t reflect.Type, visiting map[reflect.Type]bool) {
	if visiting[t] {
		return
	}
	visiting[t] = true
	defer delete(visiting, t)
	var embedded []reflect.Type
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag, tagged := f.Tag.Lookup("toml")
		if tagged && tag == "-" {
			continue
		}
		name, _, _ := strings.Cut(tag, ",")
		if f.Anonymous {
			ft := deref(f.Type)
			if ft.Kind() != reflect.Struct {
				continue
			}
			if name == "" {
				embedded = append(embedded, ft)
				continue
			}
		} else if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		if _, ok := fs.byName[name]; !ok {
			fs.byName[name] = f.Type
		}
	}
	for _, et := range embedded {
		addFields(fs, et, visiting)
	}
}

var (
	textUnmarshalerType = reflect.TypeFor[encoding.TextUnmarshaler]()
	numberType          = reflect.TypeFor[interface{ unmarshalNumber(float64) error }]()
	wantType            = reflect.TypeFor[interface{ tomlWant() string }]()
	timeType            = reflect.TypeFor[time.Time]()
	localDateType       = reflect.TypeFor[toml.LocalDate]()
	localTimeType       = reflect.TypeFor[toml.LocalTime]()
	localDateTimeType   = reflect.TypeFor[toml.LocalDateTime]()
)

// walker checks the generic decode of a file against a Go type.
type walker struct {
	src  *Source
	segs []seg
	ds   Diagnostics
	full bool
}

func (w *walker) add(d Diagnostic) {
	if w.full {
		return
	}
	if len(w.ds) >= maxDiagnostics {
		w.full = true
		w.ds.Add(Diagnostic{File: w.src.file, Msg: fmt.Sprintf("too many problems, stopped after %d", maxDiagnostics)})
		return
	}
	w.ds.Add(d)
}

// report adds a diagnostic at the value of the current path.
func (w *walker) report(msg string) {
	w.add(w.src.At(renderPath(w.segs), "%s", msg))
}

func (w *walker) mismatch(val any, t reflect.Type) {
	w.report(fmt.Sprintf("want %s, got %s", want(t), describe(val)))
}

func (w *walker) push(s seg) { w.segs = append(w.segs, s) }
func (w *walker) pop()       { w.segs = w.segs[:len(w.segs)-1] }

func (w *walker) walk(val any, t reflect.Type) {
	// NewSource bounds the depth of the file; this guards against a
	// generic tree that somehow got deeper.
	if w.full || len(w.segs) > 2*maxDepth {
		return
	}
	t = deref(t)
	ptr := reflect.PointerTo(t)

	switch val.(type) {
	case time.Time, toml.LocalDate, toml.LocalTime, toml.LocalDateTime:
		w.dateTime(val, t)
		return
	}
	switch t {
	case timeType, localDateType, localTimeType, localDateTimeType:
		if s, ok := val.(string); ok {
			w.text(s, t)
		} else {
			w.mismatch(val, t)
		}
		return
	}
	if ptr.Implements(numberType) {
		switch x := val.(type) {
		case int64:
			w.number(float64(x), t)
		case float64:
			w.number(x, t)
		case string:
			w.text(x, t)
		default:
			w.mismatch(val, t)
		}
		return
	}
	if ptr.Implements(textUnmarshalerType) {
		if s, ok := val.(string); ok {
			w.text(s, t)
			return
		}
		// Text types that are not containers take text only: a bare 90 for
		// a duration would otherwise be stored as 90 hours.
		switch t.Kind() {
		case reflect.Struct, reflect.Map, reflect.Slice, reflect.Array:
		default:
			w.mismatch(val, t)
			return
		}
	}

	switch t.Kind() {
	case reflect.Interface:
		if t.NumMethod() > 0 {
			w.report(fmt.Sprintf("cannot decode into Go type %s", t))
		}
	case reflect.Bool:
		if _, ok := val.(bool); !ok {
			w.mismatch(val, t)
		}
	case reflect.String:
		if _, ok := val.(string); !ok {
			w.mismatch(val, t)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		i, ok := val.(int64)
		if !ok {
			w.mismatch(val, t)
			return
		}
		if reflect.Zero(t).OverflowInt(i) {
			bits := t.Bits()
			w.report(fmt.Sprintf("want an integer between %d and %d, got %d", -(int64(1) << (bits - 1)), int64(1)<<(bits-1)-1, i))
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		i, ok := val.(int64)
		if !ok {
			w.mismatch(val, t)
			return
		}
		if i < 0 || reflect.Zero(t).OverflowUint(uint64(i)) {
			w.report(fmt.Sprintf("want an integer between 0 and %d, got %d", uint64(math.MaxUint64)>>(64-t.Bits()), i))
		}
	case reflect.Float32, reflect.Float64:
		var f float64
		switch x := val.(type) {
		case int64:
			f = float64(x)
		case float64:
			f = x
		default:
			w.mismatch(val, t)
			return
		}
		if t.Kind() == reflect.Float32 && !math.IsInf(f, 0) && math.Abs(f) > math.MaxFloat32 {
			w.report(fmt.Sprintf("want a number that fits in 32 bits, got %s", describe(val)))
		}
	case reflect.Slice, reflect.Array:
		w.array(val, t)
	case reflect.Map:
		w.mapping(val, t)
	case reflect.Struct:
		w.structure(val, t)
	default:
		w.report(fmt.Sprintf("cannot decode into Go type %s", t))
	}
}

func (w *walker) array(val any, t reflect.Type) {
	elems, ok := val.([]any)
	if !ok {
		w.mismatch(val, t)
		return
	}
	if t.Kind() == reflect.Array && len(elems) > t.Len() {
		w.report(fmt.Sprintf("want at most %d elements, got %d", t.Len(), len(elems)))
	}
	for i, e := range elems {
		w.push(seg{isIndex: true, index: i})
		w.walk(e, t.Elem())
		w.pop()
	}
}

func (w *walker) mapping(val any, t reflect.Type) {
	m, ok := val.(map[string]any)
	if !ok {
		w.mismatch(val, t)
		return
	}
	for _, k := range sortedKeys(m) {
		w.push(seg{name: k})
		if err := checkMapKey(t.Key(), k); err != nil {
			w.add(w.src.atKey(w.segs, fmt.Sprintf("invalid key %q: %s", k, cleanMsg(err.Error()))))
		}
		w.walk(m[k], t.Elem())
		w.pop()
	}
}

// checkMapKey mirrors the map key types go-toml can fill.
func checkMapKey(kt reflect.Type, k string) error {
	if kt.Kind() == reflect.String {
		return nil
	}
	if reflect.PointerTo(kt).Implements(textUnmarshalerType) {
		return reflect.New(kt).Interface().(encoding.TextUnmarshaler).UnmarshalText([]byte(k))
	}
	z := reflect.Zero(kt)
	switch kt.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		i, err := strconv.ParseInt(k, 10, 64)
		if err != nil || z.OverflowInt(i) {
			return fmt.Errorf("want an integer that fits in %s", kt)
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		u, err := strconv.ParseUint(k, 10, 64)
		if err != nil || z.OverflowUint(u) {
			return fmt.Errorf("want a non-negative integer that fits in %s", kt)
		}
	case reflect.Float32, reflect.Float64:
		if _, err := strconv.ParseFloat(k, 64); err != nil {
			return errors.New("want a number")
		}
	default:
		return fmt.Errorf("cannot decode a key into Go type %s", kt)
	}
	return nil
}

func (w *walker) structure(val any, t reflect.Type) {
	m, ok := val.(map[string]any)
	if !ok {
		w.mismatch(val, t)
		return
	}
	fs := fieldsOf(t)
	for _, k := range sortedKeys(m) {
		w.push(seg{name: k})
		if ft, ok := fs.byName[k]; ok {
			w.walk(m[k], ft)
		} else {
			w.add(w.src.atKey(w.segs, unknownKeyMsg(k, fs.names)))
		}
		w.pop()
	}
}

func (w *walker) text(s string, t reflect.Type) {
	u := reflect.New(t).Interface().(encoding.TextUnmarshaler)
	if err := u.UnmarshalText([]byte(s)); err != nil {
		w.report(cleanMsg(err.Error()))
	}
}

func (w *walker) number(f float64, t reflect.Type) {
	u := reflect.New(t).Interface().(interface{ unmarshalNumber(float64) error })
	if err := u.unmarshalNumber(f); err != nil {
		w.report(cleanMsg(err.Error()))
	}
}

// dateTime mirrors the conversions go-toml makes between TOML's four kinds
// of dates and times and Go types.
func (w *walker) dateTime(val any, t reflect.Type) {
	if t.Kind() == reflect.Interface && t.NumMethod() == 0 || t == timeType {
		return
	}
	switch val.(type) {
	case toml.LocalDate:
		if t == localDateType {
			return
		}
	case toml.LocalTime:
		if t == localTimeType {
			return
		}
	case toml.LocalDateTime:
		if t == localDateTimeType {
			return
		}
	}
	w.mismatch(val, t)
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// want describes what a Go type takes, in a facilitator's words.
func want(t reflect.Type) string {
	if t.Implements(wantType) {
		return reflect.Zero(t).Interface().(interface{ tomlWant() string }).tomlWant()
	}
	switch t {
	case timeType, localDateTimeType:
		return "a date and time"
	case localDateType:
		return "a date"
	case localTimeType:
		return "a time of day"
	}
	if reflect.PointerTo(t).Implements(textUnmarshalerType) {
		return "a string"
	}
	switch t.Kind() {
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return "an integer"
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return "a non-negative integer"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.String:
		return "a string"
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.Map, reflect.Struct:
		return "a table"
	}
	return "a value of Go type " + t.String()
}

// describe says what was written, quoting short strings.
func describe(val any) string {
	switch x := val.(type) {
	case string:
		if utf8.RuneCountInString(x) > 40 {
			x = string([]rune(x)[:40]) + "..."
		}
		return "string " + strconv.Quote(x)
	case int64:
		return "integer " + strconv.FormatInt(x, 10)
	case float64:
		return "float " + strconv.FormatFloat(x, 'g', -1, 64)
	case bool:
		return "boolean " + strconv.FormatBool(x)
	case []any:
		return "an array"
	case map[string]any:
		return "a table"
	case time.Time:
		return "date and time " + x.Format(time.RFC3339Nano)
	case toml.LocalDateTime:
		return "date and time " + x.String()
	case toml.LocalDate:
		return "date " + x.String()
	case toml.LocalTime:
		return "time " + x.String()
	}
	return fmt.Sprintf("%T", val)
}
