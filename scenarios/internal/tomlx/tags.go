package tomlx

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
)

// The struct tags of a schema, read once per type:
//
//	toml:"key"            the key as written in the file; fields without one are not keys
//	default:"value"       the value a missing key takes, written as for ParseText
//	range:"lo..hi"        inclusive bounds of a number (either side may be empty)
//	enum:"a|b|c"          the allowed words of a string, or of each element of a list
//	ref:"kind"            the string (or each element) names something of that kind
//	limit:"N"             the most elements a list may hold
//	prose:""              a string that may hold line breaks and tabs

// FieldKind says how a field appears in a file.
type FieldKind int

const (
	KindValue      FieldKind = iota // a value: scalar, list of scalars, or a table of values (map)
	KindTableField                  // a table: [name] or name = { ... }
	KindTablesList                  // an array of tables: [[name]] or name = [{ ... }]
)

// Field is one field of a schema struct and what its tags say.
type Field struct {
	Name     string // the TOML key
	GoName   string
	Index    int
	Type     reflect.Type
	Kind     FieldKind
	Default  string // the default, as written for ParseText
	Required bool   // no default tag (values only; tables never are)
	Range    *Bounds
	Enum     []string // nil when there is no enum tag
	Ref      string
	Limit    int           // -1 when there is no limit tag
	Prose    bool          // may hold line breaks and tabs
	DefVal   reflect.Value // the default, parsed
}

// Bounds is a parsed range tag. Bounds are in the field's base unit
// (hours, events per hour); the text keeps them as written, for messages.
type Bounds struct {
	Lo, Hi         float64
	HasLo, HasHi   bool
	LoText, HiText string
}

// Fields returns the fields of a schema struct type. It panics on a
// malformed tag: tags are code, and a test should read every one.
func (c *Codec) Fields(t reflect.Type) []Field {
	if fs, ok := c.fields.Load(t); ok {
		return fs.([]Field)
	}
	var fs []Field
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, ok := f.Tag.Lookup("toml")
		if !ok || name == "-" || !f.IsExported() {
			continue
		}
		name, _, _ = strings.Cut(name, ",")
		sf := Field{Name: name, GoName: f.Name, Index: i, Type: f.Type, Limit: -1, Ref: f.Tag.Get("ref")}
		switch {
		case f.Type.Kind() == reflect.Struct:
			sf.Kind = KindTableField
		case f.Type.Kind() == reflect.Slice && f.Type.Elem().Kind() == reflect.Struct:
			sf.Kind = KindTablesList
		}
		_, sf.Prose = f.Tag.Lookup("prose")
		def, hasDef := f.Tag.Lookup("default")
		sf.Default = def
		sf.Required = sf.Kind == KindValue && !hasDef
		if e, ok := f.Tag.Lookup("enum"); ok {
			sf.Enum = strings.Split(e, "|")
		}
		if r, ok := f.Tag.Lookup("range"); ok {
			b, err := c.parseBounds(f.Type, r)
			if err != nil {
				panic(fmt.Sprintf("tomlx: %s.%s: bad range tag %q: %v", t.Name(), f.Name, r, err))
			}
			sf.Range = b
		}
		if sf.Kind == KindValue && hasDef {
			dv, err := c.ParseText(f.Type, def)
			if err != nil {
				panic(fmt.Sprintf("tomlx: %s.%s: bad default tag %q: %v", t.Name(), f.Name, def, err))
			}
			sf.DefVal = dv
		}
		if l, ok := f.Tag.Lookup("limit"); ok {
			n, err := strconv.Atoi(l)
			if err != nil || n < 0 {
				panic(fmt.Sprintf("tomlx: %s.%s: bad limit tag %q", t.Name(), f.Name, l))
			}
			sf.Limit = n
		}
		fs = append(fs, sf)
	}
	c.fields.Store(t, fs)
	return fs
}

// FieldByName finds a field by its TOML key.
func FieldByName(fs []Field, name string) (Field, bool) {
	for _, f := range fs {
		if f.Name == name {
			return f, true
		}
	}
	return Field{}, false
}

// FieldNames lists the TOML keys of fields.
func FieldNames(fs []Field) []string {
	names := make([]string, len(fs))
	for i, f := range fs {
		names[i] = f.Name
	}
	return names
}

// ScalarType is the type each element of a value field has: the element of
// a list, the value of a map, or the field's own type.
func ScalarType(t reflect.Type) reflect.Type {
	switch t.Kind() {
	case reflect.Slice, reflect.Map:
		return t.Elem()
	}
	return t
}

func (c *Codec) parseBounds(t reflect.Type, r string) (*Bounds, error) {
	lo, hi, ok := strings.Cut(r, "..")
	if !ok {
		return nil, errors.New(`want "lo..hi"`)
	}
	et := ScalarType(t)
	b := &Bounds{LoText: lo, HiText: hi}
	var err error
	if lo != "" {
		b.HasLo = true
		if b.Lo, err = c.parseBound(et, lo); err != nil {
			return nil, err
		}
	}
	if hi != "" {
		b.HasHi = true
		if b.Hi, err = c.parseBound(et, hi); err != nil {
			return nil, err
		}
	}
	return b, nil
}

func (c *Codec) parseBound(t reflect.Type, s string) (float64, error) {
	v, err := c.ParseText(t, s)
	if err != nil {
		return 0, err
	}
	f, ok := NumberOf(v)
	if !ok {
		return 0, fmt.Errorf("%s is not a number type", t)
	}
	return f, nil
}

// Check returns a message when v is out of the bounds, "" otherwise.
func (b *Bounds) Check(c *Codec, v reflect.Value) string {
	x, _ := NumberOf(v)
	switch {
	case b.HasLo && b.HasHi:
		if !(x >= b.Lo && x <= b.Hi) {
			return fmt.Sprintf("want a value between %s and %s, got %s", GroupText(b.LoText), GroupText(b.HiText), c.Format(v))
		}
	case b.HasLo:
		if !(x >= b.Lo) {
			return fmt.Sprintf("want at least %s, got %s", GroupText(b.LoText), c.Format(v))
		}
	case b.HasHi:
		if !(x <= b.Hi) {
			return fmt.Sprintf("want at most %s, got %s", GroupText(b.HiText), c.Format(v))
		}
	}
	return ""
}

// NumberOf returns a numeric value as a float64 in its base unit.
func NumberOf(v reflect.Value) (float64, bool) {
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

// IsNumeric reports whether values of t are numbers.
func IsNumeric(t reflect.Type) bool {
	_, ok := NumberOf(reflect.Zero(t))
	return ok
}

// Format renders a value as a facilitator would write it.
func (c *Codec) Format(v reflect.Value) string {
	if u, ok := c.units[v.Type()]; ok {
		return u.Format(v.Float())
	}
	switch v.Kind() {
	case reflect.String:
		return strconv.Quote(v.String())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return GroupInt(v.Int())
	case reflect.Float32, reflect.Float64:
		return strconv.FormatFloat(v.Float(), 'g', -1, 64)
	}
	return fmt.Sprint(v.Interface())
}

// ParseText reads a value of type t written as on a command line: numbers,
// true or false, units ("90d", "2/week", "35%"), comma-separated lists, and
// "key:value" pairs separated by commas for tables of numbers. An empty
// string is an empty list or table.
func (c *Codec) ParseText(t reflect.Type, s string) (reflect.Value, error) {
	v := reflect.New(t).Elem()
	if u, ok := c.units[t]; ok {
		f, err := u.Parse(s)
		v.SetFloat(f)
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
			return v, Errorf(CodeBadType, "want true or false, got %q", s)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		i, err := strconv.ParseInt(plainInteger(s), 10, 64)
		if err != nil {
			return v, Errorf(CodeBadType, "want an integer, got %q", s)
		}
		if v.OverflowInt(i) {
			return v, Errorf(CodeOutOfRange, "want an integer that fits in %d bits, got %s", t.Bits(), s)
		}
		v.SetInt(i)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		u, err := strconv.ParseUint(plainInteger(s), 10, 64)
		if err != nil {
			return v, Errorf(CodeBadType, "want a non-negative integer, got %q", s)
		}
		if v.OverflowUint(u) {
			return v, Errorf(CodeOutOfRange, "want an integer that fits in %d bits, got %s", t.Bits(), s)
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
			e, err := c.ParseText(t.Elem(), strings.TrimSpace(p))
			if err != nil {
				return v, err
			}
			out = reflect.Append(out, e)
		}
		v.Set(out)
	case reflect.Map:
		if t.Key().Kind() != reflect.String || t.Elem().Kind() == reflect.Interface {
			return v, Errorf(CodeBadType, "cannot be written as text")
		}
		if strings.TrimSpace(s) == "" {
			return v, nil
		}
		out := reflect.MakeMap(t)
		for _, p := range strings.Split(s, ",") {
			k, val, ok := strings.Cut(p, ":")
			k = strings.TrimSpace(k)
			if !ok || k == "" {
				return v, Errorf(CodeBadValue, `want "key:value" pairs separated by commas, got %q`, strings.TrimSpace(p))
			}
			e, err := c.ParseText(t.Elem(), strings.TrimSpace(val))
			if err != nil {
				return v, err
			}
			mk := reflect.ValueOf(k).Convert(t.Key())
			if out.MapIndex(mk).IsValid() {
				return v, Errorf(CodeDuplicate, "%q is given twice", k)
			}
			out.SetMapIndex(mk, e)
		}
		v.Set(out)
	default:
		return v, Errorf(CodeBadType, "cannot be written as text")
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
		return 0, Errorf(CodeBadType, "want a number, got %q", s)
	}
	f, err := strconv.ParseFloat(p, 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return 0, Errorf(CodeBadType, "want a number, got %q", s)
	}
	return f, nil
}

// ApplyDefaults sets every value field under v (a pointer to a schema
// struct) whose key src does not hold to its default, through tables and
// every element of arrays of tables. Required fields are left alone;
// MissingRequired reports them. A nil src sets every default.
func (c *Codec) ApplyDefaults(v any, src *Source) {
	c.defaultStruct(reflect.ValueOf(v).Elem(), nil, src)
}

func (c *Codec) defaultStruct(v reflect.Value, path []Seg, src *Source) {
	for _, f := range c.Fields(v.Type()) {
		p := append(path[:len(path):len(path)], Key(f.Name))
		fv := v.Field(f.Index)
		switch f.Kind {
		case KindTableField:
			c.defaultStruct(fv, p, src)
		case KindTablesList:
			for i := 0; i < fv.Len(); i++ {
				c.defaultStruct(fv.Index(i), append(p, Index(i)), src)
			}
		default:
			if f.Required || src != nil && src.HasSegs(p) {
				continue
			}
			fv.Set(f.DefaultCopy())
		}
	}
}

// DefaultCopy returns a fresh copy of the default of a field that has one,
// so that the caller may keep it (lists and tables are not shared).
func (f Field) DefaultCopy() reflect.Value {
	v := reflect.New(f.Type).Elem()
	DeepCopy(v, f.DefVal)
	return v
}

// MissingRequired walks the file's tree along the schema type t and reports
// every required key that is not written, at its parent table. It needs no
// decoded struct, so it also runs when decoding failed; values of the wrong
// shape are left to Decode.
func (c *Codec) MissingRequired(src *Source, t reflect.Type) Diagnostics {
	root := src.Root()
	if root == nil {
		return nil
	}
	var ds Diagnostics
	var walk func(n *Node, t reflect.Type, path []Seg)
	walk = func(n *Node, t reflect.Type, path []Seg) {
		for _, f := range c.Fields(t) {
			if len(ds) >= MaxDiagnostics {
				return
			}
			p := append(path[:len(path):len(path)], Key(f.Name))
			sub := n.Field(f.Name)
			switch f.Kind {
			case KindTableField:
				if sub == nil {
					if req := c.requiredKeys(f.Type); len(req) > 0 {
						d := src.At(RenderPath(p), "missing required table [%s] (with %s)", RenderPath(p), JoinAnd(QuoteAll(req)))
						d.Code = CodeMissingRequired
						ds.Add(d)
					}
					continue
				}
				if sub.IsTable() {
					walk(sub, f.Type, p)
				}
			case KindTablesList:
				if sub == nil || sub.Kind != KindTables && sub.Kind != KindArray {
					continue
				}
				for i := 0; i < sub.Len(); i++ {
					if e := sub.Elem(i); e.IsTable() {
						walk(e, f.Type.Elem(), append(p, Index(i)))
					}
				}
			default:
				if f.Required && sub == nil {
					d := src.At(RenderPath(p), "missing required key %q", f.Name)
					d.Code = CodeMissingRequired
					ds.Add(d)
				}
			}
		}
	}
	walk(root, t, nil)
	return ds
}

// requiredKeys lists the required value keys of a struct type.
func (c *Codec) requiredKeys(t reflect.Type) []string {
	var req []string
	for _, f := range c.Fields(t) {
		if f.Required {
			req = append(req, f.Name)
		}
	}
	return req
}

// DeepCopy copies src into dst (both of the same type), sharing no slices
// or maps. A nil slice or map stays nil: for a table of weights, nil means
// "not given", which differs from an empty table.
func DeepCopy(dst, src reflect.Value) {
	switch src.Kind() {
	case reflect.Struct:
		for i := 0; i < src.NumField(); i++ {
			if dst.Field(i).CanSet() {
				DeepCopy(dst.Field(i), src.Field(i))
			}
		}
	case reflect.Slice:
		if src.IsNil() {
			dst.Set(reflect.Zero(src.Type()))
			return
		}
		out := reflect.MakeSlice(src.Type(), src.Len(), src.Len())
		for i := 0; i < src.Len(); i++ {
			DeepCopy(out.Index(i), src.Index(i))
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
			DeepCopy(v, it.Value())
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
		DeepCopy(v, e)
		dst.Set(v)
	default:
		dst.Set(src)
	}
}

// ControlProblem says what is wrong with the control characters of s, ""
// when it has none it may have: line breaks and tabs only in prose, no
// other C0 or C1 control character or DEL anywhere, for they would drive
// the terminal or the screen that shows the string.
func ControlProblem(s string, prose bool) string {
	for _, r := range s {
		switch {
		case r == '\n' || r == '\t' || r == '\r':
			if !prose {
				if r == '\t' {
					return "may not hold a tab"
				}
				return "may not hold a line break"
			}
		case r < 0x20 || r >= 0x7f && r < 0xa0:
			return fmt.Sprintf("may not hold the control character %s", strconv.QuoteToASCII(string(r)))
		}
	}
	return ""
}
