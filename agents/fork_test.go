package agents

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"cpkrange/scenarios"
	"cpkrange/sim"
)

// sharedAfterFork lists the parts of a World that a fork may share with
// its original because nothing writes them after Build. Anything else a
// fork shares (a slice, map or pointer reachable from the World) would let
// one run change the other: TestForkSharesOnlyWhatIsReadOnly fails on it,
// so a new mutable field must be copied in Fork or, if it is read-only,
// named here.
var sharedAfterFork = []string{
	"sc",                  // the scenario: never written by the model
	"stateIdx",            // id → index tables, fixed by Build
	"assetIdx",            //
	"atkIdx",              //
	"assets[].deps",       // the dependency graph, fixed by Build
	"assets[].dependents", //
	"networks",            // information networks: parameters only
	"force.host",          // the force's institution: a preset of the scenarios package
	"attackers[].methods", // an attacker's mix, fixed by Build
	"attackers[].cumWeight",
	"attackers[].targets",
	"attackers[].sectors",
	"rumours[].r.Classes", // a rumour's network structure, fixed at its start
	"rumours[].r.size",
}

// sharedRefs appends to out the paths at which a and b (of the same type)
// share memory.
func sharedRefs(path string, a, b reflect.Value, out *[]string) {
	switch a.Kind() {
	case reflect.Pointer:
		if a.IsNil() || b.IsNil() {
			return
		}
		if a.Pointer() == b.Pointer() {
			*out = append(*out, path)
			return
		}
		sharedRefs(path, a.Elem(), b.Elem(), out)
	case reflect.Interface:
		if a.IsNil() || b.IsNil() {
			return
		}
		sharedRefs(path, a.Elem(), b.Elem(), out)
	case reflect.Slice:
		if a.Len() == 0 || b.Len() == 0 {
			return
		}
		if a.Pointer() == b.Pointer() {
			*out = append(*out, path)
			return
		}
		for i := range min(a.Len(), b.Len()) {
			sharedRefs(path+"[]", a.Index(i), b.Index(i), out)
		}
	case reflect.Map:
		if a.Len() > 0 && a.Pointer() == b.Pointer() {
			*out = append(*out, path)
		}
	case reflect.Struct:
		for i := range a.NumField() {
			name := a.Type().Field(i).Name
			p := name
			if path != "" {
				p = path + "." + name
			}
			sharedRefs(p, a.Field(i), b.Field(i), out)
		}
	case reflect.Array:
		for i := range a.Len() {
			sharedRefs(path+"[]", a.Index(i), b.Index(i), out)
		}
	}
}

// TestForkSharesOnlyWhatIsReadOnly forks every bundled scenario's world at
// the middle of its run, when every table has entries, and checks that the
// fork shares no memory with the original but what sharedAfterFork names.
func TestForkSharesOnlyWhatIsReadOnly(t *testing.T) {
	for _, info := range scenarios.Bundled() {
		t.Run(info.Name, func(t *testing.T) {
			sc, _, err := scenarios.Open(info.Name, scenarios.Options{})
			require.NoError(t, err)
			w, err := Build(sc, 5, sim.RecorderFunc[Record](func(Record) {}))
			require.NoError(t, err)
			w.Advance(w.Horizon() / 2)
			f := w.Fork(nil)
			var shared []string
			sharedRefs("", reflect.ValueOf(w).Elem(), reflect.ValueOf(f).Elem(), &shared)
			for _, p := range slices.Compact(shared) {
				allowed := slices.ContainsFunc(sharedAfterFork, func(ok string) bool { return p == ok || strings.HasPrefix(p, ok+".") || strings.HasPrefix(p, ok+"[]") })
				assert.True(t, allowed, "a fork shares %s with its original: copy it in Fork, or name it in sharedAfterFork if nothing writes it after Build", p)
			}
		})
	}
}
