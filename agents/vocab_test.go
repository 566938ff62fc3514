package agents

import (
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"cpkrange/scenarios"
)

// schemaEnums walks the scenario schema and returns each field's `enum:`
// words by "Type.Field".
func schemaEnums() map[string][]string {
	out := map[string][]string{}
	seen := map[reflect.Type]bool{}
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Map {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct || seen[t] {
			return
		}
		seen[t] = true
		for f := range t.Fields() {
			if e, ok := f.Tag.Lookup("enum"); ok {
				out[t.Name()+"."+f.Name] = strings.Split(e, "|")
			}
			walk(f.Type)
		}
	}
	walk(reflect.TypeFor[scenarios.Scenario]())
	return out
}

// TestSchemaWordsAreTheModelsWords checks that every word the scenario format
// accepts is one the model's tables know, and that every word the model
// knows can be said: a word added to one side only fails here.
func TestSchemaWordsAreTheModelsWords(t *testing.T) {
	rungsFrom := func(lo, hi Rung) []string { return rungWords.names[lo : hi+1] }
	want := map[string][]string{
		"State.Posture":     postureWords.names,
		"State.Agreement":   agreementWords.names,
		"State.Naming":      namingWords.names,
		"Force.Institution": institutionNames(),
		"State.Norms":       normWords.names,
		"Relation.CBMs":     cbmWords.names,
		"Relation.Rung":     rungWords.names,
		"Asset.Sector":      sectorWords.names,
		"Attacker.Kind":     attackerKindWords.names,
		"Attacker.Methods":  methodWords.names,
		"Attacker.Stages":   stageNames[:],
		"Targets.Sectors":   sectorWords.names,
		"HarmModel.Weights": sectorWords.names,
		"Network.Degrees":   degreesWords.names,
		"Force.Roles":       Roles,
		"Force.Disabled":    functionWords.names,
		"Force.Standby":     functionWords.names,
		"Stages.Start":      stageNames[:],
		// The conflict starts at a dispute, and calm is below retaliation.
		"Stages.ConflictAt": rungsFrom(RungProtest, RungArmed),
		"Stages.CalmAt":     rungsFrom(RungNone, RungSanctions),
		"Effect.Do":         effectWords.names,
		"Effect.Method":     append([]string{""}, methodWords.names...),
		"Effect.Requires":   append([]string{""}, functionWords.names...),
		"Decision.Requires": append([]string{""}, functionWords.names...),
	}
	got := schemaEnums()
	for field, words := range got {
		w, ok := want[field]
		if !assert.True(t, ok, "schema field %s has enum words but no model table is named for it here", field) {
			continue
		}
		assert.ElementsMatch(t, w, words, "schema field %s", field)
	}
	for field := range want {
		assert.Contains(t, got, field, "the schema no longer has an enum on %s", field)
	}
}

// TestTablesAreComplete checks that every enum value has its table entry,
// and that names are unique (a parse must find the value it names).
func TestTablesAreComplete(t *testing.T) {
	check := func(what string, names []string, n int) {
		t.Helper()
		require.Len(t, names, n, what)
		for i, name := range names {
			assert.NotEmpty(t, name, "%s %d has no name", what, i)
			assert.Equal(t, i, slices.Index(names, name), "%s %q is named twice", what, name)
		}
	}
	check("method", methodWords.names, int(numMethods))
	check("sector", sectorWords.names, int(numSectors))
	check("posture", postureWords.names, int(numPostures))
	check("rung", rungWords.names, int(numRungs))
	check("agreement", agreementWords.names, int(numAgreements))
	check("attacker kind", attackerKindWords.names, int(numAttackerKinds))
	check("cbm", cbmWords.names, int(numCBMs))
	check("norm", normWords.names, int(numNorms))
	check("effect", effectWords.names, int(numEffects))
	check("degrees", degreesWords.names, int(numDegrees))
	check("function", functionWords.names, int(numFunctions))
	check("kind", kindNames[:], int(numKinds))

	for f, info := range Functions {
		assert.Equal(t, Function(f), info.Function, "Functions[%d] is %s", f, info.Name)
		role, _, _ := strings.Cut(info.Name, ".")
		assert.Equal(t, role, info.Role, "function %s", info.Name)
		assert.Contains(t, Roles, info.Role, "function %s", info.Name)
	}
	for m := range numMethods {
		s := m.spec()
		_, calibrated := scenarios.DefaultSeverityByMethod[s.name]
		assert.True(t, calibrated, "method %s has no DCID severity", m)
		_, mixed := scenarios.DefaultMethodMix[s.name]
		assert.True(t, mixed, "method %s is missing from DCID's method mix", m)
		assert.True(t, s.ceiling > RungNone, "method %s can never carry a dispute", m)
		if s.effect == effectDamage {
			assert.Greater(t, s.outageShare, 0.0, "method %s damages for no time", m)
		}
	}
	for i, c := range cbmSpecs {
		assert.Equal(t, i+1, c.osce, "CBM %s", c.name)
	}
}

// TestDefaultsOfRelationsAreOnePlace checks that the schema's defaults for a
// relation are the trust and tension the model gives an undescribed pair.
func TestDefaultsOfRelationsAreOnePlace(t *testing.T) {
	rt := reflect.TypeFor[scenarios.Relation]()
	for name, want := range map[string]float64{"Trust": scenarios.DefaultTrust, "Tension": scenarios.DefaultTension} {
		f, ok := rt.FieldByName(name)
		require.True(t, ok, name)
		got, err := strconv.ParseFloat(f.Tag.Get("default"), 64)
		require.NoError(t, err, name)
		assert.Equal(t, want, got, "Relation.%s default", name)
	}
}

// TestOnlyModelledCBMsCanBeAddedByScript checks that a script may add a
// CBM exactly when the model acts on it: validation and the CBM table agree.
func TestOnlyModelledCBMsCanBeAddedByScript(t *testing.T) {
	base, err := scenarios.BundledSource("ddos-election")
	require.NoError(t, err)
	for c := range numCBMs {
		spec := cbmSpecs[c]
		src := fmt.Sprintf("%s\n[[inject]]\nid = \"cbm-test\"\nat = \"1d\"\ntitle = \"t\"\neffects = [{ do = \"cbm\", between = [\"kaldonia\", \"dravinia\"], to = %q }]\n", base, spec.name)
		_, err := scenarios.Load("cbm.toml", []byte(src), scenarios.Options{})
		if spec.model != "" {
			assert.NoError(t, err, "CBM %s acts in the model: a script may add it", spec.name)
		} else {
			assert.Error(t, err, "CBM %s does nothing in the model: a script adding it must be refused", spec.name)
		}
	}
}

// TestPostureByScriptEqualsPostureBuilt checks that a state whose posture a
// script sets answers as one built with that posture: factor and shift move
// together.
func TestPostureByScriptEqualsPostureBuilt(t *testing.T) {
	sc, _, err := scenarios.Open("ddos-election", scenarios.Options{})
	require.NoError(t, err)
	for _, to := range postureWords.names {
		built := sc.Clone()
		for i := range built.States {
			built.States[i].Posture = to
		}
		scripted := sc.Clone()
		scripted.Injects = append(scripted.Injects, scenarios.Inject{ID: "posture-test", Title: "posture"})
		in := &scripted.Injects[len(scripted.Injects)-1]
		for _, s := range scripted.States {
			in.Effects = append(in.Effects, scenarios.Effect{Do: "posture", State: s.ID, To: to})
		}
		wb, err := Build(built, 1, nil)
		require.NoError(t, err)
		ws, err := Build(scripted, 1, nil)
		require.NoError(t, err)
		ws.inject(len(scripted.Injects) - 1)
		for i := range wb.states {
			assert.Equal(t, wb.states[i].posture, ws.states[i].posture, "posture %s by script, state %s", to, wb.states[i].id)
		}
	}
}

// TestUnknownWordsArePositionedLoadErrors misspells one word of each table
// in a bundled scenario: loading must fail at the word's line and column,
// never build a world that silently ignores it.
func TestUnknownWordsArePositionedLoadErrors(t *testing.T) {
	base, err := scenarios.BundledSource("ddos-election")
	require.NoError(t, err)
	cases := []struct{ what, old, new, word string }{
		{"method", "methods = { ddos = ", "methods = { ddoss = ", "ddoss"},
		{"sector", `sector = "energy"`, `sector = "enrgy"`, "enrgy"},
		{"cbm", `cbms = ["national-views"`, `cbms = ["national-veiws"`, "national-veiws"},
		{"norm", `norms = ["a", "d", "e"]`, `norms = ["a", "d", "z"]`, `"z"`},
		{"posture", `posture = "restraint"`, `posture = "restrained"`, "restrained"},
		{"function", "[force]\n", "[force]\ndisabled = [\"guardian.monitorng\"]\n", "guardian.monitorng"},
	}
	for _, c := range cases {
		t.Run(c.what, func(t *testing.T) {
			src := string(base)
			i := strings.Index(src, c.old)
			require.GreaterOrEqual(t, i, 0, "the scenario has no %q to misspell", c.old)
			src = src[:i] + c.new + src[i+len(c.old):]
			at := i + strings.Index(c.new, c.word)
			line := strings.Count(src[:at], "\n") + 1
			_, err := scenarios.Load("x.toml", []byte(src), scenarios.Options{})
			require.Error(t, err, "a misspelt %s must be refused", c.what)
			assert.Regexp(t, fmt.Sprintf(`x\.toml:%d:\d+: `, line), err.Error(), "the error names the line of the word")
		})
	}
}

func institutionNames() (out []string) {
	for _, in := range scenarios.Institutions {
		out = append(out, in.Name)
	}
	return out
}

// TestInstitutionsNameTheForcesFunctions checks that every function an
// institution's mandate holds is a function of the force.
func TestInstitutionsNameTheForcesFunctions(t *testing.T) {
	for _, in := range scenarios.Institutions {
		for _, fn := range in.Functions {
			_, ok := ParseFunction(fn)
			assert.True(t, ok, "institution %s names %q, which is no function of the force", in.Name, fn)
		}
	}
}
