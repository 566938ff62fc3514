package view

import (
	"fmt"
	"math"
	"strings"
	"unicode"

	"cpkrange/agents"
)

// Compact writes a count for the back of a room: 12,345 below a million,
// then "1.2 million", "254.8 billion".
func Compact(x float64) string {
	a := math.Abs(x)
	switch {
	case a < 1e6:
		return agents.People(x)
	case a < 1e9:
		return fmt.Sprintf("%.1f million", x/1e6)
	case a < 1e12:
		return fmt.Sprintf("%.1f billion", x/1e9)
	}
	return fmt.Sprintf("%.1f trillion", x/1e12)
}

// shortStateName is the name a state goes by on the map: the last part of
// "Republic of Kaldonia", or the id, capitalised, for names like
// "Dravinian Federation" (id "dravinia").
func shortStateName(id, name string) string {
	if i := strings.LastIndex(name, " of "); i >= 0 && i+4 < len(name) {
		return name[i+4:]
	}
	return titleCase(id)
}

// shortName is a display name without its parenthesis or its part after a
// comma: "Grey Heron (Varkesh foreign intelligence)" → "Grey Heron".
func shortName(id, name string) string {
	if name == "" {
		return titleCase(id)
	}
	if i := strings.Index(name, " ("); i > 0 {
		name = name[:i]
	}
	if i := strings.Index(name, ", "); i > 0 {
		name = name[:i]
	}
	return name
}

func titleCase(id string) string {
	words := strings.FieldsFunc(id, func(r rune) bool { return r == '-' || r == '_' })
	for i, w := range words {
		r := []rune(w)
		r[0] = unicode.ToUpper(r[0])
		words[i] = string(r)
	}
	return strings.Join(words, " ")
}
