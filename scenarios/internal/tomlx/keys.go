package tomlx

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
)

// Override keys: the key language of command-line overrides.
//
// A key names a value the way a person thinks of it: tables by their TOML
// key, elements of arrays of tables by a name rather than their position
// ("state.nordland.maturity"), and one entry of a table of values by its
// key ("attacker.apt.methods.wiper"). How elements are named is the
// schema's business: a Namer says it.

// Namer says how the elements of arrays of tables are named in keys.
type Namer interface {
	// Word is how an element of type elem is named in messages ("id"),
	// "" when elements of that type cannot be named.
	Word(elem reflect.Type) string
	// Names reports whether the field of elem named field is what names
	// the element; such a field cannot be set.
	Names(elem reflect.Type, field string) bool
	// Find returns the index of the element of list, an array of tables
	// at key name, that want names.
	Find(list reflect.Value, name, want string) (int, error)
}

// Target is what a key resolves to.
type Target struct {
	Field  Field         // the field holding the value (for a map entry: the map)
	Owner  reflect.Value // the struct holding the field
	Path   []Seg         // the field's key path in the file, e.g. state[0].maturity
	MapKey string        // the entry of a map field; "" for the whole field
	Entry  bool
}

// PathString is the resolved key path, as Diagnostics name it.
func (t Target) PathString() string { return RenderPath(t.Path) }

// ValueType is the type a value for the target must have.
func (t Target) ValueType() reflect.Type {
	if t.Entry {
		return t.Field.Type.Elem()
	}
	return t.Field.Type
}

// Resolve follows key through root, a struct of the schema.
func (c *Codec) Resolve(root reflect.Value, key string, namer Namer) (Target, error) {
	if key == "" {
		return Target{}, Errorf(CodeBadValue, "empty key")
	}
	parts := strings.Split(key, ".")
	for _, p := range parts {
		if p == "" {
			return Target{}, Errorf(CodeBadValue, "malformed key %q: empty part between dots", key)
		}
	}
	cur := root
	var path []Seg
	for i := 0; i < len(parts); i++ {
		typ := cur.Type()
		fields := c.Fields(typ)
		f, ok := FieldByName(fields, parts[i])
		if !ok {
			return Target{}, unknownKey(parts, i, FieldNames(fields))
		}
		path = append(path, Key(f.Name))
		here := strings.Join(parts[:i+1], ".")
		last := i == len(parts)-1
		switch f.Kind {
		case KindTableField:
			if last {
				return Target{}, Errorf(CodeInvalid, "%q is a table: name one of its keys (%s)", here, strings.Join(c.settable(f.Type, namer), ", "))
			}
			cur = cur.Field(f.Index)
		case KindTablesList:
			word := namer.Word(f.Type.Elem())
			if word == "" {
				return Target{}, Errorf(CodeInvalid, "%q cannot be set: only values, and elements named by an id, have keys", here)
			}
			if last {
				return Target{}, Errorf(CodeInvalid, "%q is a list: name one by its %s, as in %s.<%s>.<key>", here, word, here, word)
			}
			i++
			idx, err := namer.Find(cur.Field(f.Index), f.Name, parts[i])
			if err != nil {
				return Target{}, err
			}
			path = append(path, Index(idx))
			cur = cur.Field(f.Index).Index(idx)
			if i == len(parts)-1 {
				return Target{}, Errorf(CodeInvalid, "%q is a table: name one of its keys (%s)", strings.Join(parts[:i+1], "."), strings.Join(c.settable(f.Type.Elem(), namer), ", "))
			}
		default:
			if namer.Names(typ, f.Name) {
				return Target{}, Errorf(CodeInvalid, "%q cannot be set: ids tie the scenario together", f.Name)
			}
			if isGenericMap(f.Type) {
				return Target{}, Errorf(CodeInvalid, "%q cannot be set with a key", here)
			}
			t := Target{Field: f, Owner: cur, Path: path}
			if last {
				return t, nil
			}
			if f.Type.Kind() != reflect.Map {
				return Target{}, Errorf(CodeInvalid, "%q is a single value, it has no key %q", here, parts[i+1])
			}
			if i+2 != len(parts) {
				return Target{}, Errorf(CodeInvalid, "%q is a single value, it has no key %q", here+"."+parts[i+1], parts[i+2])
			}
			t.Entry, t.MapKey = true, parts[i+1]
			t.Path = append(t.Path, Key(parts[i+1]))
			return t, nil
		}
	}
	return Target{}, Errorf(CodeInvalid, "%q is a table: name one of its keys", key)
}

// isGenericMap reports a table of any values, which keys cannot reach into.
func isGenericMap(t reflect.Type) bool {
	return t.Kind() == reflect.Map && t.Elem().Kind() == reflect.Interface
}

// settable lists the keys of a struct that a key can continue with.
func (c *Codec) settable(t reflect.Type, namer Namer) []string {
	var names []string
	for _, f := range c.Fields(t) {
		if f.Kind == KindTablesList && namer.Word(f.Type.Elem()) == "" || f.Kind == KindValue && namer.Names(t, f.Name) || isGenericMap(f.Type) {
			continue
		}
		names = append(names, f.Name)
	}
	return names
}

// unknownKey reports parts[i] as unknown, suggesting the whole key with
// the closest known name in its place.
func unknownKey(parts []string, i int, known []string) error {
	key := strings.Join(parts, ".")
	if s := Suggest(parts[i], known); s != "" {
		fixed := strings.Join(append(append(append([]string(nil), parts[:i]...), s), parts[i+1:]...), ".")
		return &Problem{Code: CodeUnknownKey, Msg: fmt.Sprintf("unknown key %q (did you mean %q?)", key, fixed), Suggestion: fixed}
	}
	where := "at the top level"
	if i > 0 {
		where = "in " + strconv.Quote(strings.Join(parts[:i], "."))
	}
	return Errorf(CodeUnknownKey, "unknown key %q: there is no %q %s (the keys there are %s)", key, parts[i], where, strings.Join(known, ", "))
}
