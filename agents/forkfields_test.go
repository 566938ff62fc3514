package agents

import (
	"reflect"
	"slices"
	"strings"
	"testing"
)

// refPaths appends the paths of every field reachable from type t that
// holds a reference (pointer, slice, map, function, interface, channel),
// descending into the structs of this package.
func refPaths(path string, t reflect.Type, out *[]string) {
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice:
		*out = append(*out, path)
		if t.Elem().PkgPath() == reflect.TypeFor[World]().PkgPath() {
			sep := "[]"
			if t.Kind() == reflect.Pointer {
				sep = ""
			}
			refPaths(path+sep, t.Elem(), out)
		}
	case reflect.Map, reflect.Func, reflect.Interface, reflect.Chan:
		*out = append(*out, path)
	case reflect.Array:
		refPaths(path+"[]", t.Elem(), out)
	case reflect.Struct:
		if t.PkgPath() != reflect.TypeFor[World]().PkgPath() {
			return
		}
		for i := range t.NumField() {
			f := t.Field(i)
			p := f.Name
			if path != "" {
				p = path + "." + f.Name
			}
			refPaths(p, f.Type, out)
		}
	}
}

// copiedByFork lists the references of a World that Fork gives the fork
// copies of (or replaces: rec, the generators); deepCopiedByFork, those it
// copies whole with a Clone method, everything below them included.
var (
	copiedByFork = []string{
		"rec", "states", "states[].against", "dyads", "assets", "attackers", "attackers[].rng", "ops",
		"worms", "worms[].pcg", "worms[].rng", "worms[].reached", "worms[].cleanup",
		"rumours", "rumours[].pcg", "rumours[].rng",
		"force.teams", "force.tasks", "force.queue", "force.state", "force.talks", "force.reported", "pending",
	}
	deepCopiedByFork = []string{"env", "worms[].w", "rumours[].r"}
)

// TestForkKnowsEveryFieldOfTheWorld walks the World's type: every field
// that holds a reference (a slice, map or pointer, at any depth in the
// model's own structs) must be one Fork copies or one a fork may share
// because nothing writes it after Build. A field added to the world fails
// here until it is either copied in Fork (and listed in copiedByFork) or
// named read-only in sharedAfterFork, whether or not the bundled scenarios
// fill it (TestForkSharesOnlyWhatIsReadOnly checks the memory they fill).
func TestForkKnowsEveryFieldOfTheWorld(t *testing.T) {
	var paths []string
	refPaths("", reflect.TypeFor[World](), &paths)
	under := func(p string, list []string) bool {
		return slices.ContainsFunc(list, func(ok string) bool { return p == ok || strings.HasPrefix(p, ok+".") || strings.HasPrefix(p, ok+"[]") })
	}
	for _, p := range paths {
		if !slices.Contains(copiedByFork, p) && !under(p, deepCopiedByFork) && !under(p, sharedAfterFork) {
			t.Errorf("World.%s holds a reference Fork does not know: copy it in Fork and list it in copiedByFork, or name it in sharedAfterFork if nothing writes it after Build", p)
		}
	}
	for _, p := range copiedByFork {
		if !slices.Contains(paths, p) {
			t.Errorf("copiedByFork names %s, which the World no longer has", p)
		}
	}
}
