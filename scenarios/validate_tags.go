package scenarios

import (
	"fmt"
	"math"
	"reflect"
	"slices"
	"sort"

	"cpkrange/scenarios/internal/tomlx"
)

// ------------------------------------------------------- generic checks

// walk applies the tag checks to every value under v; c.segs is the path
// of v, rendered only when there is something to report.
func (c *checker) walk(v reflect.Value) {
	for _, f := range schemaFields(v.Type()) {
		if c.full {
			return
		}
		c.segs = append(c.segs, tomlx.Key(f.Name))
		fv := v.Field(f.Index)
		switch f.Kind {
		case tomlx.KindTableField:
			c.walk(fv)
		case tomlx.KindTablesList:
			if f.Limit >= 0 && fv.Len() > f.Limit {
				c.add(CodeLimit, tomlx.RenderPath(c.segs), "%d entries, the limit is %d", fv.Len(), f.Limit)
				c.blocked = true
			}
			for i := 0; i < fv.Len() && !c.full; i++ {
				c.segs = append(c.segs, tomlx.Index(i))
				c.walk(fv.Index(i))
				c.segs = c.segs[:len(c.segs)-1]
			}
		default:
			c.value(f, fv)
		}
		c.segs = c.segs[:len(c.segs)-1]
	}
}

// here is the path being checked.
func (c *checker) here() string { return tomlx.RenderPath(c.segs) }

func (c *checker) value(f tomlx.Field, v reflect.Value) {
	if f.Required && c.src != nil && c.missing(c.here()) {
		return
	}
	switch v.Kind() {
	case reflect.Slice:
		if f.Limit >= 0 && v.Len() > f.Limit {
			c.add(CodeLimit, c.here(), "%d entries, the limit is %d", v.Len(), f.Limit)
			c.blocked = true
			return
		}
		// The two states of a between are checked as a pair.
		dups := v.Type().Elem().Kind() == reflect.String && (f.Enum != nil || f.Ref != "") && f.Name != "between"
		var seen map[string]bool
		if dups {
			seen = make(map[string]bool, v.Len())
		}
		for i := 0; i < v.Len() && !c.full; i++ {
			e := v.Index(i)
			c.segs = append(c.segs, tomlx.Index(i))
			c.scalar(f, e, true, true)
			if dups {
				if seen[e.String()] {
					c.add(CodeDuplicate, c.here(), "%q is listed twice", e.String())
				}
				seen[e.String()] = true
			}
			c.segs = c.segs[:len(c.segs)-1]
		}
	case reflect.Map:
		keys := v.MapKeys()
		sort.Slice(keys, func(i, j int) bool { return keys[i].String() < keys[j].String() })
		for _, k := range keys {
			c.segs = append(c.segs, tomlx.Key(k.String()))
			if f.Enum != nil && !slices.Contains(f.Enum, k.String()) {
				hint := tomlx.Hint(k.String(), f.Enum)
				c.addKey(CodeUnknownKey, hint, c.segs, fmt.Sprintf("unknown key %q%s; want one of %s", k.String(), tomlx.DidYouMean(hint), tomlx.EnumList(f.Enum)))
			}
			if e := v.MapIndex(k); e.Kind() != reflect.Interface {
				c.scalar(f, e, false, false)
			}
			c.segs = c.segs[:len(c.segs)-1]
		}
	default:
		if f.Required && v.Kind() == reflect.String && v.String() == "" {
			if c.src == nil {
				c.add(CodeMissingRequired, c.here(), "missing required key %q", f.Name)
			} else {
				c.add(CodeInvalid, c.here(), "%q must not be empty", f.Name)
			}
			return
		}
		c.scalar(f, v, true, false)
	}
}

// scalar checks one value at c.segs: its range, and when words is set, its
// enum and reference; elem says it is an element of a list.
func (c *checker) scalar(f tomlx.Field, v reflect.Value, words, elem bool) {
	if x, ok := tomlx.NumberOf(v); ok {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			c.add(CodeBadValue, c.here(), "want a finite number, got %s", codec.Format(v))
			return
		}
		if f.Range != nil {
			if msg := f.Range.Check(codec, v); msg != "" {
				c.add(CodeOutOfRange, c.here(), "%s", msg)
			}
		}
		return
	}
	if v.Kind() != reflect.String {
		return
	}
	s := v.String()
	if msg := tomlx.ControlProblem(s, f.Prose); msg != "" {
		c.add(CodeBadValue, c.here(), "%q %s", f.Name, msg)
	}
	if !words {
		return
	}
	if f.Enum != nil && !slices.Contains(f.Enum, s) {
		hint := tomlx.Hint(s, f.Enum)
		c.addHint(CodeUnknownWord, hint, c.here(), fmt.Sprintf("want one of %s; got %q%s", tomlx.EnumList(f.Enum), s, tomlx.DidYouMean(hint)))
	}
	if f.Ref != "" {
		if s == "" {
			if elem {
				c.add(CodeInvalid, c.here(), "want %s id, got \"\"", tomlx.Article(f.Ref))
			}
			return
		}
		if _, ok := c.ids[f.Ref][s]; !ok {
			c.ref(c.here(), f.Ref, s)
		}
	}
}

// ref checks that id names an element of kind.
func (c *checker) ref(path, kind, id string) {
	if _, ok := c.ids[kind][id]; ok {
		return
	}
	known := c.order[kind]
	if len(known) == 0 {
		c.add(CodeUnknownRef, path, "unknown %s %q: the scenario has no %ss", kind, id, kind)
		return
	}
	hint := tomlx.Hint(id, known)
	c.addHint(CodeUnknownRef, hint, path, fmt.Sprintf("unknown %s %q%s; the %ss are %s", kind, id, tomlx.DidYouMean(hint), kind, tomlx.ListSome(known, 12)))
}
