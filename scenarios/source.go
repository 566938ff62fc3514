package scenarios

import (
	"fmt"
	"math"
	"reflect"

	"cpkrange/scenarios/internal/tomlx"
)

// Diagnostic is one problem found in a scenario, at a position in its
// source: File, Line and Col (0 when unknown), the Key path the problem is
// about, a Code saying what kind of problem it is, the lower-case Msg, a
// Suggestion when a key or word is close to a known one, and the Source
// line. Error renders it as "file:line:col: key: msg".
type Diagnostic = tomlx.Diagnostic

// Diagnostics is a list of problems; as an error it reports all of them,
// sorted, each with an excerpt of its source line and a caret under the
// column.
type Diagnostics = tomlx.Diagnostics

// Code says what kind of problem a Diagnostic is.
type Code = tomlx.Code

// The kinds of problem a Diagnostic can be.
const (
	CodeFile            = tomlx.CodeFile
	CodeSyntax          = tomlx.CodeSyntax
	CodeLimit           = tomlx.CodeLimit
	CodeUnknownKey      = tomlx.CodeUnknownKey
	CodeMissingRequired = tomlx.CodeMissingRequired
	CodeBadType         = tomlx.CodeBadType
	CodeBadValue        = tomlx.CodeBadValue
	CodeOutOfRange      = tomlx.CodeOutOfRange
	CodeUnknownWord     = tomlx.CodeUnknownWord
	CodeUnknownRef      = tomlx.CodeUnknownRef
	CodeDuplicate       = tomlx.CodeDuplicate
	CodeCycle           = tomlx.CodeCycle
	CodeInvalid         = tomlx.CodeInvalid
	CodeTruncated       = tomlx.CodeTruncated
	CodeNoEffect        = tomlx.CodeNoEffect
)

// Source is a parsed scenario file: its name, bytes, and the position of
// every key and value. It is read-only and safe for concurrent use.
type Source = tomlx.Source

// NewSource parses data and indexes the position of every key and value.
// Problems that make the file unusable (size, syntax, keys defined twice,
// depth) are returned as diagnostics, and Decode reports them again. The
// returned Source is never nil, so that it can still position other
// diagnostics. NewSource keeps data, which must not be modified afterwards.
func NewSource(file string, data []byte) (*Source, Diagnostics) {
	return tomlx.NewSourceLimited(file, data, listLimit)
}

// maxListLength bounds the lists that have no limit tag, and lists under
// keys the schema does not have (which are refused anyway): no real list
// comes near it, and parsing stops counting elements there.
const maxListLength = 10_000

// listLimit is the most elements the list at path may hold: its limit tag,
// or maxListLength. NewSource enforces it while parsing, so a file of a
// million elements is refused before any of them is decoded.
func listLimit(path []tomlx.Seg) int {
	t := reflect.TypeFor[Scenario]()
	limit := -1
	for _, sg := range path {
		limit = -1
		switch {
		case sg.IsIndex && t.Kind() == reflect.Slice, !sg.IsIndex && t.Kind() == reflect.Map:
			t = t.Elem()
		case !sg.IsIndex && t.Kind() == reflect.Struct:
			f, ok := fieldByName(t, sg.Name)
			if !ok {
				return maxListLength
			}
			t, limit = f.Type, f.Limit
		default:
			return maxListLength
		}
	}
	if limit < 0 {
		return maxListLength
	}
	return limit
}

// Decode decodes src into v (a pointer to a struct with `toml` tags)
// strictly: unknown keys are errors. It returns every problem it can find at
// once, each positioned, and never panics. Key names must match `toml` tags
// exactly. A Duration or Rate must be written as a string, a Fraction as a
// number in [0,1] or a percentage string. v is left untouched when there are
// problems.
func Decode(src *Source, v any) Diagnostics {
	if src == nil {
		return Diagnostics{{Msg: "no scenario source to decode"}}
	}
	return codec.Decode(src, v)
}

// QuoteKey returns k as it appears in a key path: bare when TOML allows it
// bare, quoted otherwise (so "force.enabled" stays one key).
func QuoteKey(k string) string { return tomlx.QuoteKey(k) }

// codec knows the schema's unit types; every value of a scenario, from a
// file, a variant, --set or Go, is read through it.
var codec = tomlx.NewCodec(
	tomlx.Unit{
		Type:     reflect.TypeFor[Duration](),
		Want:     `a duration such as "36h" or "90d"`,
		Parse:    func(s string) (float64, error) { d, err := ParseDuration(s); return float64(d), err },
		GoNumber: checkBaseUnit,
		Format:   func(f float64) string { return Duration(f).String() },
	},
	tomlx.Unit{
		Type:     reflect.TypeFor[Rate](),
		Want:     `a rate such as "2/week" or "3/day"`,
		Parse:    func(s string) (float64, error) { r, err := ParseRate(s); return float64(r), err },
		GoNumber: checkBaseUnit,
		Format:   func(f float64) string { return Rate(f).String() },
	},
	tomlx.Unit{
		Type:     reflect.TypeFor[Fraction](),
		Want:     `a fraction such as 0.35 or "35%"`,
		Parse:    func(s string) (float64, error) { f, err := ParseFraction(s); return float64(f), err },
		Number:   checkFraction,
		GoNumber: checkFraction,
		Format:   func(f float64) string { return formatFloat(f) },
	},
)

// checkBaseUnit checks a duration in hours or a rate per hour given as a
// number.
func checkBaseUnit(f float64) error {
	if !(f >= 0) || math.IsInf(f, 0) {
		return tomlx.Errorf(CodeOutOfRange, "want a finite number that is not negative, got %s", formatFloat(f))
	}
	return nil
}

func schemaFields(t reflect.Type) []tomlx.Field { return codec.Fields(t) }

// fieldByName finds a field of a schema type by its TOML key.
func fieldByName(t reflect.Type, name string) (tomlx.Field, bool) {
	return tomlx.FieldByName(codec.Fields(t), name)
}

// enumOf returns the enum tag of a field, for checks that reuse it.
func enumOf(t reflect.Type, name string) []string {
	f, ok := fieldByName(t, name)
	if !ok {
		panic(fmt.Sprintf("scenarios: no field %s in %s", name, t.Name()))
	}
	return f.Enum
}
