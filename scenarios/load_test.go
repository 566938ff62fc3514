package scenarios

import (
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"

	"cpkrange/scenarios/internal/tomlx"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const minimalPath = "../testdata/scenarios/good/minimal.toml"

func loadMinimal(t *testing.T, opt Options) *Scenario {
	t.Helper()
	s, err := LoadFile(minimalPath, opt)
	require.NoError(t, err)
	return s
}

func TestMinimalScenarioLoads(t *testing.T) {
	s := loadMinimal(t, Options{})
	assert.Equal(t, "Harbour Lights", s.Meta.Name)
	assert.Equal(t, Duration(30*24), s.Meta.Horizon)
	assert.Len(t, s.States, 2)
	assert.Equal(t, []string{"no-force"}, s.VariantNames())
}

// Every key left out of the file takes its default, in tables, in each
// element of arrays of tables and in each effect.
func TestLoadAppliesDefaults(t *testing.T) {
	s := loadMinimal(t, Options{})
	// Written values stay.
	assert.Equal(t, uint64(42), s.Meta.Seed)
	assert.Equal(t, Fraction(0.6), s.States[0].Maturity)
	assert.Equal(t, Fraction(0.4), s.Relations[0].Tension)
	// Defaults of top-level tables never written.
	assert.Equal(t, 0.0, s.Meta.Timezone)
	assert.Equal(t, "pre-conflict", s.Stages.Start)
	assert.Equal(t, "retaliation", s.Stages.ConflictAt)
	assert.Equal(t, Duration(7*24), s.Stages.CalmFor)
	assert.Equal(t, 6.0, s.Model.Attack.Steepness)
	assert.Equal(t, Rate(0.25), s.Model.Peacekeeping.Debunk)
	assert.True(t, s.Force.Enabled)
	assert.Equal(t, []string{"guardian", "mediator", "coordinator", "builder"}, s.Force.Roles)
	assert.Nil(t, s.Force.Disabled)
	// Defaults in elements of arrays of tables.
	assert.Equal(t, "proportional", s.States[0].Posture)
	assert.Equal(t, Fraction(0.5), s.States[1].Maturity)
	assert.Equal(t, Duration(24), s.Assets[1].Restore)
	assert.Equal(t, int64(100), s.Assets[0].Hosts)
	assert.Equal(t, -1.0, s.Assets[0].Defence)
	assert.Equal(t, Fraction(0.5), s.Attackers[0].Stealth)
	assert.Equal(t, []string{"pre-conflict", "conflict", "post-conflict"}, s.Attackers[0].Stages)
	assert.Equal(t, 1.0, s.Attackers[0].Targets.SafeLayer)
	assert.Equal(t, Rate(6.0/24), s.Information.Networks[0].Contacts)
	assert.Equal(t, []float64{8, 20}, s.Force.Teams[0].Shift)
	assert.Equal(t, 2, s.Force.Teams[0].Capacity)
	assert.Equal(t, 1, s.Decisions[0].Default)
	assert.Equal(t, Duration(0), s.Assets[0].Backup)
	// Defaults in effects (arrays of inline tables).
	attack := s.Injects[0].Effects[0]
	assert.Equal(t, Fraction(0.001), attack.Share)
	assert.Equal(t, 0.0, attack.By)
	rumour := s.Injects[0].Effects[1]
	assert.Equal(t, Fraction(0.01), rumour.Share)
	assert.Equal(t, "", rumour.Method)
}

// The defaults of an element do not leak between elements: a value written
// in one state is not the default of the next.
func TestDefaultsPerElement(t *testing.T) {
	s := loadMinimal(t, Options{})
	assert.Equal(t, "full", s.States[0].Agreement)
	assert.Equal(t, "none", s.States[1].Agreement)
	assert.Equal(t, "escalatory", s.States[1].Posture)
	assert.Equal(t, "proportional", s.States[0].Posture)
}

// Every default tag reads with the --set parser and passes its own checks.
func TestSchemaTags(t *testing.T) {
	var walk func(t *testing.T, typ reflect.Type, path string)
	walk = func(t *testing.T, typ reflect.Type, path string) {
		for _, f := range schemaFields(typ) {
			p := strings.TrimPrefix(path+"."+f.Name, ".")
			switch f.Kind {
			case tomlx.KindTableField:
				walk(t, f.Type, p)
				continue
			case tomlx.KindTablesList:
				walk(t, f.Type.Elem(), p+"[]")
				continue
			}
			if f.Ref != "" {
				assert.Contains(t, []string{"state", "asset", "attacker"}, f.Ref, p)
			}
			if f.Enum != nil {
				seen := map[string]bool{}
				for _, w := range f.Enum {
					assert.False(t, seen[w], "%s: %q twice in the enum", p, w)
					seen[w] = true
				}
			}
			if f.Required {
				continue
			}
			v, err := codec.ParseText(f.Type, f.Default)
			require.NoError(t, err, "%s: default %q", p, f.Default)
			c := &checker{s: &Scenario{}, ids: map[string]map[string]int{}, order: map[string][]string{}}
			c.segs = []tomlx.Seg{tomlx.Key(p)}
			c.value(f, v)
			for _, d := range c.ds {
				if f.Ref != "" && strings.HasPrefix(d.Msg, "unknown ") {
					continue
				}
				t.Errorf("%s: default %q: %s", p, f.Default, d.Msg)
			}
		}
	}
	walk(t, reflect.TypeFor[Scenario](), "")
}

func TestBundledScenariosLoad(t *testing.T) {
	list := Bundled()
	require.NotEmpty(t, list)
	assert.True(t, sort.SliceIsSorted(list, func(i, j int) bool { return list[i].Name < list[j].Name }))
	names := map[string]bool{}
	for _, b := range list {
		names[b.Name] = true
		t.Run(b.Name, func(t *testing.T) {
			assert.NotEmpty(t, b.Summary, "scenario.summary")
			s, source, err := Open(b.Name, Options{})
			require.NoError(t, err)
			assert.Equal(t, b.Name, source)
			assert.Equal(t, b.Summary, s.Meta.Summary)
			for _, v := range s.VariantNames() {
				vs, _, err := Open(b.Name, Options{Variant: v})
				assert.NoError(t, err, "variant %s", v)
				if err == nil {
					assertVariantApplied(t, s, vs, v)
				}
			}
			// A sweep point of every sweep can be set and validates.
			for _, sw := range s.Sweeps {
				for _, x := range sw.Points() {
					c := s.Clone()
					require.NoError(t, c.SetValue(sw.Key, x), "sweep %s = %g", sw.Key, x)
					assert.Empty(t, validateCore(c, nil), "sweep %s = %g", sw.Key, x)
				}
			}
		})
	}
	assert.True(t, names[Default], "the default scenario %q is not bundled", Default)
}

// assertVariantApplied checks that each key the variant sets has the
// variant's value in vs, and that nothing else differs from base.
func assertVariantApplied(t *testing.T, base, vs *Scenario, name string) {
	t.Helper()
	want := base.Clone()
	v := base.Variants[findVariant(base, name)]
	require.NotEmpty(t, v.Set)
	for k, val := range v.Set {
		tg, err := vs.resolve(k)
		require.NoError(t, err)
		conv, err := codec.ConvertValue(tg.ValueType(), val, tomlx.FromTOML)
		require.NoError(t, err)
		got := tg.Owner.Field(tg.Field.Index)
		if tg.Entry {
			got = got.MapIndex(reflect.ValueOf(tg.MapKey))
		}
		assert.Equal(t, conv.Interface(), got.Interface(), "variant %s: %s", name, k)
		require.NoError(t, want.SetValue(k, val))
	}
	// SetValue reads strings as text, which a variant's strings are too.
	assert.Equal(t, want, vs, "variant %s changes more than it says", name)
}

func TestBundledSourceAndErrors(t *testing.T) {
	data, err := BundledSource(Default)
	require.NoError(t, err)
	assert.Contains(t, string(data), "[scenario]")
	_, err = BundledSource("ddos-electoin")
	require.Error(t, err)
	assert.Contains(t, err.Error(), `no bundled scenario "ddos-electoin" (did you mean "ddos-election"?)`)
	_, err = BundledSource("../go.mod")
	assert.Error(t, err)
}

func TestOpen(t *testing.T) {
	s, source, err := Open(minimalPath, Options{})
	require.NoError(t, err)
	assert.Equal(t, minimalPath, source)
	assert.Equal(t, "Harbour Lights", s.Meta.Name)

	_, _, err = Open("ddos-electoin", Options{})
	require.Error(t, err)
	assert.Regexp(t, `^ddos-electoin: no such file, and no bundled scenario of that name \(did you mean "ddos-election"\?\); the bundled scenarios are ddos-election, `, err.Error())

	_, _, err = Open("no/such/file.toml", Options{})
	require.Error(t, err)
	assert.Equal(t, "no/such/file.toml: cannot read the file: no such file or directory", err.Error())

	_, _, err = Open(t.TempDir()+"/", Options{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "it is a directory")

	// A file in the working directory with a bundled scenario's name is a
	// file when named as a path.
	dir := t.TempDir()
	data, err := os.ReadFile(minimalPath)
	require.NoError(t, err)
	p := filepath.Join(dir, Default+".toml")
	require.NoError(t, os.WriteFile(p, data, 0o644))
	s, _, err = Open(p, Options{})
	require.NoError(t, err)
	assert.Equal(t, "Harbour Lights", s.Meta.Name)
}

// Decode problems come with the missing keys, and the half-decoded
// scenario is not validated (no noise from values that were not read).
func TestLoadDecodeProblemsAndMissingKeysTogether(t *testing.T) {
	_, err := Load("x.toml", []byte(`[scenario]
name = "x"
summary = "x"
horizon = 90

[[asset]]
id = "grid"
owner = "nowhere"
`), Options{})
	require.Error(t, err)
	assert.Equal(t, `x.toml:1:2: scenario.briefing: missing required key "briefing"
   1 | [scenario]
     |  ^
x.toml:4:11: scenario.horizon: want a duration such as "36h" or "90d", got integer 90
   4 | horizon = 90
     |           ^
x.toml:6:3: asset[0].people: missing required key "people"
   6 | [[asset]]
     |   ^
x.toml:6:3: asset[0].sector: missing required key "sector"
   6 | [[asset]]
     |   ^`, err.Error())
}

func TestLoadSyntaxErrorStopsThere(t *testing.T) {
	_, err := Load("x.toml", []byte("[scenario\nname = 1\n"), Options{Set: []string{"nonsense"}})
	require.Error(t, err)
	assert.Len(t, err.(Diagnostics), 1)
}

func TestSetGood(t *testing.T) {
	cases := []struct {
		key, value string
		get        func(s *Scenario) any
		want       any
	}{
		{"scenario.horizon", "20d", func(s *Scenario) any { return s.Meta.Horizon }, Duration(480)},
		{"scenario.seed", "7", func(s *Scenario) any { return s.Meta.Seed }, uint64(7)},
		{"scenario.name", "Other", func(s *Scenario) any { return s.Meta.Name }, "Other"},
		{"state.nordland.maturity", "35%", func(s *Scenario) any { return s.States[0].Maturity }, Fraction(0.35)},
		{"state.ostmark.maturity", "0.9", func(s *Scenario) any { return s.States[1].Maturity }, Fraction(0.9)},
		{"state.nordland.position", "0.1, 0.2", func(s *Scenario) any { return s.States[0].Position }, []float64{0.1, 0.2}},
		{"state.nordland.population", "4_400_000", func(s *Scenario) any { return s.States[0].Population }, int64(4_400_000)},
		{"state.nordland.norms", "a,c", func(s *Scenario) any { return s.States[0].Norms }, []string{"a", "c"}},
		{"asset.grid.restore", "1d12h", func(s *Scenario) any { return s.Assets[0].Restore }, Duration(36)},
		{"asset.hospital.depends_on", "", func(s *Scenario) any { return s.Assets[1].DependsOn }, []string(nil)},
		{"attacker.grey-gull.tempo", "3/day", func(s *Scenario) any { return s.Attackers[0].Tempo }, Rate(3.0 / 24)},
		{"attacker.grey-gull.methods.wiper", "2", func(s *Scenario) any { return s.Attackers[0].Methods }, map[string]float64{"wiper": 2, "intrusion": 0.5}},
		{"attacker.grey-gull.methods", "ddos:1,worm:0.5", func(s *Scenario) any { return s.Attackers[0].Methods }, map[string]float64{"ddos": 1, "worm": 0.5}},
		{"attacker.grey-gull.targets.sectors.water", "3", func(s *Scenario) any { return s.Attackers[0].Targets.Sectors["water"] }, 3.0},
		{"attacker.grey-gull.targets.safe_layer", "0", func(s *Scenario) any { return s.Attackers[0].Targets.SafeLayer }, 0.0},
		{"force.enabled", "false", func(s *Scenario) any { return s.Force.Enabled }, false},
		{"force.roles", "guardian, mediator", func(s *Scenario) any { return s.Force.Roles }, []string{"guardian", "mediator"}},
		{"force.team.geneva.capacity", "5", func(s *Scenario) any { return s.Force.Teams[0].Capacity }, 5},
		{"force.team.geneva.shift", "22,6", func(s *Scenario) any { return s.Force.Teams[0].Shift }, []float64{22, 6}},
		{"information.network.nordland.users", "100000", func(s *Scenario) any { return s.Information.Networks[0].Users }, int64(100000)},
		{"relation.nordland:ostmark.trust", "0.1", func(s *Scenario) any { return s.Relations[0].Trust }, Fraction(0.1)},
		{"relation.ostmark:nordland.rung", "protest", func(s *Scenario) any { return s.Relations[0].Rung }, "protest"},
		{"inject.grid-down.at", "5d", func(s *Scenario) any { return s.Injects[0].At }, Duration(120)},
		{"decision.blame.default", "2", func(s *Scenario) any { return s.Decisions[0].Default }, 2},
		{"stages.calm_for", "3d", func(s *Scenario) any { return s.Stages.CalmFor }, Duration(72)},
		{"model.attack.steepness", "8.5", func(s *Scenario) any { return s.Model.Attack.Steepness }, 8.5},
		{"model.worm.cleanup", "2/week", func(s *Scenario) any { return s.Model.Worm.Cleanup }, Rate(2.0 / 168)},
	}
	for _, c := range cases {
		t.Run(c.key, func(t *testing.T) {
			s := loadMinimal(t, Options{})
			require.NoError(t, s.Set(c.key, c.value))
			assert.Equal(t, c.want, c.get(s))
			assert.Empty(t, Validate(s, nil))

			// The same through Load's --set.
			s, err := LoadFile(minimalPath, Options{Set: []string{c.key + "=" + c.value}})
			require.NoError(t, err)
			assert.Equal(t, c.want, c.get(s))
		})
	}
}

// Setting one method weight of an attacker that uses DCID's mix keeps the
// rest of the mix.
func TestSetMethodKeepsDefaultMix(t *testing.T) {
	s := loadMinimal(t, Options{})
	s.Attackers[0].Methods = nil
	require.NoError(t, s.Set("attacker.grey-gull.methods.wiper", "0.5"))
	assert.Len(t, s.Attackers[0].Methods, len(DefaultMethodMix))
	assert.Equal(t, 0.5, s.Attackers[0].Methods["wiper"])
	assert.Equal(t, DefaultMethodMix["ddos"], s.Attackers[0].Methods["ddos"])
	assert.Equal(t, 0.0210, DefaultMethodMix["wiper"], "the default mix must not change")
}

func TestSetBad(t *testing.T) {
	cases := []struct{ key, value, want string }{
		{"force.enabld", "true", `--set: force.enabld: unknown key "force.enabld" (did you mean "force.enabled"?)`},
		{"forse.enabled", "true", `--set: forse.enabled: unknown key "forse.enabled" (did you mean "force.enabled"?)`},
		{"weather.rain", "1", `--set: weather.rain: unknown key "weather.rain": there is no "weather" at the top level (the keys there are scenario, state, relation, asset, attacker, information, force, stages, inject, decision, model, variant, sweep)`},
		{"state.nordlnd.maturity", "0.5", `--set: state.nordlnd.maturity: unknown state "nordlnd" (did you mean "nordland"?); the states are nordland, ostmark`},
		{"asset.power.restore", "1h", `--set: asset.power.restore: unknown asset "power"; the assets are grid, hospital`},
		{"force.team.emea.capacity", "3", `--set: force.team.emea.capacity: unknown team "emea"; the teams are geneva`},
		{"information.network.ostmark.users", "1000", `--set: information.network.ostmark.users: no network for state "ostmark"; the networks are for nordland`},
		{"relation.nordland:atlantis.trust", "0.1", `--set: relation.nordland:atlantis.trust: no relation between "nordland" and "atlantis"; the relations are nordland:ostmark`},
		{"relation.nordland.trust", "0.1", `--set: relation.nordland.trust: want a relation as two state ids joined by ':' (relation.nordland:ostmark), got "nordland"`},
		{"state.nordland.maturity", "high", `--set: state.nordland.maturity: invalid fraction "high": want a fraction between 0 and 1 or a percentage such as "35%"`},
		{"state.nordland.maturity", "1.5", `--set: state.nordland.maturity: "1.5" is out of range: want a fraction between 0 and 1 or a percentage such as "35%"`},
		{"scenario.horizon", "90", `--set: scenario.horizon: invalid duration "90": want a number and a unit such as "36h", "90d", "2w", "30m"`},
		{"attacker.grey-gull.tempo", "2 a week", `--set: attacker.grey-gull.tempo: invalid rate "2 a week": want a count per period such as "2/week", "3/day", "0.5/h"`},
		{"force.enabled", "yes", `--set: force.enabled: want true or false, got "yes"`},
		{"decision.blame.default", "1.5", `--set: decision.blame.default: want an integer, got "1.5"`},
		{"model.attack.steepness", "inf", `--set: model.attack.steepness: want a number, got "inf"`},
		{"state.nordland.position", "0.1,x", `--set: state.nordland.position: want a number, got "x"`},
		{"attacker.grey-gull.methods", "wiper", `--set: attacker.grey-gull.methods: want "key:value" pairs separated by commas, got "wiper"`},
		{"state.nordland.id", "north", `--set: state.nordland.id: "id" cannot be set: ids tie the scenario together`},
		{"relation.nordland:ostmark.between", "a,b", `--set: relation.nordland:ostmark.between: "between" cannot be set: ids tie the scenario together`},
		{"state", "1", `--set: state: "state" is a list: name one by its id, as in state.<id>.<key>`},
		{"state.nordland", "1", `--set: state.nordland: "state.nordland" is a table: name one of its keys (name, position, population, maturity, attribution, posture, agreement, norms, naming, trust_in_force)`},
		{"model.attack", "1", `--set: model.attack: "model.attack" is a table: name one of its keys (steepness, detect_delay, attribute_delay, misattribution, outage, reuse)`},
		{"scenario.horizon.days", "1", `--set: scenario.horizon.days: "scenario.horizon" is a single value, it has no key "days"`},
		{"attacker.grey-gull.methods.wiper.x", "1", `--set: attacker.grey-gull.methods.wiper.x: "attacker.grey-gull.methods.wiper" is a single value, it has no key "x"`},
		{"inject.grid-down.effects", "1", `--set: inject.grid-down.effects: "inject.grid-down.effects" cannot be set: only values, and elements named by an id, have keys`},
		{"variant.no-force.name", "x", `--set: variant.no-force.name: "variant" cannot be set: only values, and elements named by an id, have keys`},
		{"sweep", "x", `--set: sweep: "sweep" cannot be set: only values, and elements named by an id, have keys`},
		{"scenario..name", "x", `--set: scenario..name: malformed key "scenario..name": empty part between dots`},
	}
	for _, c := range cases {
		t.Run(c.key+"="+c.value, func(t *testing.T) {
			s := loadMinimal(t, Options{})
			before := s.Clone()
			err := s.Set(c.key, c.value)
			require.Error(t, err)
			assert.Equal(t, c.want, err.Error())
			assert.Equal(t, before, s, "a failed Set changed the scenario")

			_, err = LoadFile(minimalPath, Options{Set: []string{c.key + "=" + c.value}})
			require.Error(t, err)
			assert.Equal(t, c.want, err.Error())
		})
	}
}

// Values set by --set that are out of range are found by Validate, like
// values in the file, and reported at the override; problems an override
// causes elsewhere stay where they are, marked.
func TestSetOutOfRangeIsValidated(t *testing.T) {
	_, err := LoadFile(minimalPath, Options{Set: []string{
		"state.nordland.posture=warlike",
		"force.team.geneva.capacity=0",
		"asset.grid.owner=atlantis",
		"scenario.horizon=2d",
		"state.nordland.position=0.5",
		"attacker.grey-gull.methods.wipr=1",
	}})
	require.Error(t, err)
	// Problems without a line sort by message.
	assert.Equal(t, `--set: attacker.grey-gull.methods.wipr: unknown key "wipr" (did you mean "wiper"?); want one of ddos, defacement, intrusion, espionage, wiper, ransomware, worm, disinformation
--set: asset.grid.owner: unknown state "atlantis"; the states are nordland, ostmark
--set: state.nordland.position: want 2 numbers [x, y], got 1
--set: force.team.geneva.capacity: want a value between 1 and 1000, got 0
--set: state.nordland.posture: want one of restraint, proportional, escalatory; got "warlike"
`+minimalPath+`:77:6: inject[0].at: inject at 3d is after the horizon 2d (with --set)
   77 | at = "3d"
      |      ^
`+minimalPath+`:86:6: decision[0].at: decision at 4d is after the horizon 2d (with --set)
   86 | at = "4d"
      |      ^`, err.Error())
}

func TestSetMalformed(t *testing.T) {
	_, err := LoadFile(minimalPath, Options{Set: []string{"force.enabled", "=1"}})
	require.Error(t, err)
	assert.Equal(t, "--set: want key=value, got \"=1\"\n--set: want key=value, got \"force.enabled\"", err.Error())
}

func TestVariantChangesWhatItSays(t *testing.T) {
	base := loadMinimal(t, Options{})
	s := loadMinimal(t, Options{Variant: "no-force"})
	assert.True(t, base.Force.Enabled)
	assert.False(t, s.Force.Enabled)
	want := base.Clone()
	want.Force.Enabled = false
	assert.Equal(t, want, s)

	// --set comes after the variant.
	s = loadMinimal(t, Options{Variant: "no-force", Set: []string{"force.enabled=true"}})
	assert.True(t, s.Force.Enabled)

	b, _, err := Open(Default, Options{})
	require.NoError(t, err)
	h, _, err := Open(Default, Options{Variant: "hawkish-kaldonia"})
	require.NoError(t, err)
	assert.Equal(t, "proportional", b.States[0].Posture)
	assert.Equal(t, "escalatory", h.States[0].Posture)
}

func TestUnknownVariant(t *testing.T) {
	_, err := LoadFile(minimalPath, Options{Variant: "no-forse"})
	require.Error(t, err)
	assert.Equal(t, `--variant: unknown variant "no-forse" (did you mean "no-force"?); the variants are no-force`, err.Error())
}

// A problem brought by a variant is reported at the variant's key, both
// when validating the file and when loading it with the variant.
func TestVariantProblemsAtTheVariant(t *testing.T) {
	data, err := os.ReadFile(minimalPath)
	require.NoError(t, err)
	data = append(data, []byte(`
[[variant]]
name = "lonely"
set = { "force.team.geneva.capacity" = 0, "scenario.horizon" = "2d" }
`)...)
	want := `m.toml:111:7: variant[1].set: with this variant, decision[0].at: decision at 4d is after the horizon 2d
   111 | set = { "force.team.geneva.capacity" = 0, "scenario.horizon" = "2d" }
       |       ^
m.toml:111:7: variant[1].set: with this variant, inject[0].at: inject at 3d is after the horizon 2d
   111 | set = { "force.team.geneva.capacity" = 0, "scenario.horizon" = "2d" }
       |       ^
m.toml:111:40: variant[1].set."force.team.geneva.capacity": want a value between 1 and 1000, got 0
   111 | set = { "force.team.geneva.capacity" = 0, "scenario.horizon" = "2d" }
       |                                        ^`
	_, err = Load("m.toml", data, Options{})
	require.Error(t, err)
	assert.Equal(t, want, err.Error())

	_, err = Load("m.toml", data, Options{Variant: "lonely"})
	require.Error(t, err)
	assert.Contains(t, err.Error(), `m.toml:111:40: variant[1].set."force.team.geneva.capacity": want a value between 1 and 1000, got 0`)
	assert.Contains(t, err.Error(), `inject at 3d is after the horizon 2d (with variant "lonely")`)
}

func TestSetValueForSweeps(t *testing.T) {
	s := loadMinimal(t, Options{})
	require.NoError(t, s.SetValue("attacker.grey-gull.skill", 0.25))
	assert.Equal(t, Fraction(0.25), s.Attackers[0].Skill)
	require.NoError(t, s.SetValue("model.attack.detect_delay", 48.0))
	assert.Equal(t, Duration(48), s.Model.Attack.DetectDelay)
	require.NoError(t, s.SetValue("model.worm.cleanup", 0.5))
	assert.Equal(t, Rate(0.5), s.Model.Worm.Cleanup)
	require.NoError(t, s.SetValue("force.team.geneva.capacity", 4.0))
	assert.Equal(t, 4, s.Force.Teams[0].Capacity)
	require.NoError(t, s.SetValue("scenario.horizon", "10d"))
	assert.Equal(t, Duration(240), s.Meta.Horizon)
	require.NoError(t, s.SetValue("force.roles", []string{"guardian"}))
	assert.Equal(t, []string{"guardian"}, s.Force.Roles)
	require.NoError(t, s.SetValue("attacker.grey-gull.methods", map[string]float64{"ddos": 1}))
	assert.Equal(t, map[string]float64{"ddos": 1}, s.Attackers[0].Methods)

	for _, c := range []struct {
		key  string
		v    any
		want string
	}{
		{"attacker.grey-gull.skill", 1.5, `attacker.grey-gull.skill: 1.5 is out of range: want a fraction between 0 and 1 or a percentage such as "35%"`},
		{"force.team.geneva.capacity", 2.5, `force.team.geneva.capacity: want an integer, got float 2.5`},
		{"model.attack.detect_delay", -1.0, `model.attack.detect_delay: want a finite number that is not negative, got -1`},
		{"force.enabled", 1.0, `force.enabled: want true or false, got float 1`},
		{"force.roles", 3, `force.roles: want an array, got integer 3`},
	} {
		err := s.SetValue(c.key, c.v)
		require.Error(t, err, c.key)
		assert.Equal(t, c.want, err.Error())
	}
}

func TestSweepPoints(t *testing.T) {
	assert.Equal(t, []float64{0.3, 0.5, 0.7, 0.9}, roundAll(Sweep{Min: 0.3, Max: 0.9, Steps: 4}.Points()))
	assert.Equal(t, []float64{1, 5}, Sweep{Values: []float64{1, 5}, Min: 0, Steps: 9}.Points())
	assert.Equal(t, []float64{0, 1}, Sweep{Min: 0, Max: 1, Steps: 0}.Points())
}

func roundAll(xs []float64) []float64 {
	out := make([]float64, len(xs))
	for i, x := range xs {
		out[i] = float64(int(x*1e9+0.5)) / 1e9
	}
	return out
}

func TestClone(t *testing.T) {
	s := loadMinimal(t, Options{})
	c := s.Clone()
	require.Equal(t, s, c)
	c.States[0].Norms = append(c.States[0].Norms, "z")
	c.States[0].Position[0] = 0.99
	c.Attackers[0].Methods["wiper"] = 9
	c.Attackers[0].Targets.Sectors["water"] = 1
	c.Injects[0].Effects[0].Target = "hospital"
	c.Decisions[0].Options[0].Effects[0].Between[0] = "x"
	c.Variants[0].Set["force.enabled"] = true
	c.Force.Teams[0].Shift[1] = 21
	assert.NotEqual(t, s, c)
	fresh := loadMinimal(t, Options{})
	assert.Equal(t, fresh, s, "changing the clone changed the original")

	// nil stays nil: an empty table of weights differs from none.
	s.Attackers[0].Targets.Sectors = map[string]float64{}
	s.States[0].Norms = nil
	c = s.Clone()
	assert.NotNil(t, c.Attackers[0].Targets.Sectors)
	assert.Nil(t, c.States[0].Norms)
	assert.Nil(t, (*Scenario)(nil).Clone())
}

// A scenario built in code is validated without positions.
func TestValidateWithoutSource(t *testing.T) {
	s := loadMinimal(t, Options{})
	assert.Empty(t, Validate(s, nil))
	s.Meta.Name = ""
	s.Assets[1].DependsOn = []string{"hospital", "grid"}
	s.Assets[0].DependsOn = []string{"hospital"}
	s.Injects[0].Effects[0].Target = ""
	s.Force.Teams = nil
	s.Sweeps = append(s.Sweeps, Sweep{Key: "model.attack.steepness", Steps: 5})
	ds := Validate(s, nil)
	assert.Equal(t, `sweep[1]: a sweep needs values, or min and max
asset[1].depends_on[0]: asset "hospital" depends on itself
asset[0].depends_on[0]: dependency cycle: grid → hospital → grid
inject[0].effects[0]: effect "attack" needs "target" (an asset id)
scenario.name: missing required key "name"
force.enabled: the force is enabled but has no [[force.team]]`, ds.Error())
	for _, d := range ds {
		assert.Zero(t, d.Line)
		assert.Empty(t, d.File)
	}
	assert.Equal(t, Diagnostics{{Msg: "no scenario"}}, Validate(nil, nil))
}

func TestValidateMore(t *testing.T) {
	cases := []struct {
		name   string
		change func(s *Scenario)
		want   string
	}{
		{"no states", func(s *Scenario) {
			s.States = nil
			s.Relations = nil
			s.Assets = nil
			s.Attackers = nil
			s.Information.Networks = nil
			s.Injects = nil
			s.Decisions = nil
			s.Sweeps = nil
		},
			"state: a scenario needs at least one [[state]]"},
		{"relation of one", func(s *Scenario) { s.Relations[0].Between = []string{"nordland"} },
			"relation[0].between: want 2 different states, got 1"},
		{"empty sectors", func(s *Scenario) { s.Attackers[0].Targets.Sectors = map[string]float64{} },
			"attacker[0].targets.sectors: the sector weights add up to 0: give at least one sector a positive weight, or leave sectors out to aim at every sector"},
		{"nan weight", func(s *Scenario) { s.Attackers[0].Methods["wiper"] = nan() },
			"attacker[0].methods.wiper: want a finite number, got NaN"},
		{"decider", func(s *Scenario) { s.Decisions[0].Decider = "forse" },
			`decision[0].decider: unknown decider "forse" (did you mean "force"?): want a state id, "force" or "facilitator"`},
		{"one option", func(s *Scenario) { s.Decisions[0].Options = s.Decisions[0].Options[:1] },
			"decision[0].option: a decision needs at least 2 options ([[decision.option]]), got 1"},
		{"shift", func(s *Scenario) { s.Force.Teams[0].Shift = []float64{8} },
			"force.team[0].shift: want 2 hours [start, end], got 1"},
		{"empty shift", func(s *Scenario) { s.Force.Teams[0].Shift = []float64{9, 9} },
			"force.team[0].shift: a shift from 9 to 9 is empty: want different start and end hours"},
		{"duplicate team", func(s *Scenario) { s.Force.Teams = append(s.Force.Teams, s.Force.Teams[0]) },
			`force.team[1].id: duplicate team id "geneva" (first at force.team[0].id)`},
		{"duplicate variant", func(s *Scenario) { s.Variants = append(s.Variants, s.Variants[0]) },
			`variant[1].name: duplicate variant name "no-force" (first at variant[0].name)`},
		{"empty variant", func(s *Scenario) { s.Variants[0].Set = map[string]any{} },
			"variant[0].set: the variant sets nothing"},
		{"both values and range", func(s *Scenario) { s.Sweeps[0].Values = []float64{0.5} },
			"sweep[0]: give either values or min and max, not both"},
		{"min above max", func(s *Scenario) { s.Sweeps[0].Min = 0.95 },
			"sweep[0].max: max 0.9 must be above min 0.95"},
		{"integer sweep", func(s *Scenario) { s.Sweeps[0] = Sweep{Key: "force.team.geneva.capacity", Min: 1, Max: 4, Steps: 5} },
			`sweep[0].steps: 5 steps from 1 to 4 give 1.75, but "force.team.geneva.capacity" takes whole numbers`},
		{"too many points", func(s *Scenario) {
			s.Sweeps = []Sweep{{Key: "model.attack.steepness", Min: 1, Max: 2, Steps: 1000}, {Key: "model.attack.outage", Min: 1, Max: 2, Steps: 1000}}
		}, "sweep: the sweeps make 1_000_000 combinations (1000 × 1000), the limit is 100_000"},
		{"unknown sweep key", func(s *Scenario) { s.Sweeps[0].Key = "state.nordland.maturty" },
			`sweep[0].key: unknown key "state.nordland.maturty" (did you mean "state.nordland.maturity"?)`},
		{"stage effect", func(s *Scenario) { s.Injects[0].Effects = []Effect{{Do: "stage", Share: 0.001}} },
			`inject[0].effects[0]: effect "stage" needs "to": one of pre-conflict, conflict, post-conflict`},
		{"cbm effect", func(s *Scenario) {
			s.Injects[0].Effects = []Effect{{Do: "cbm", Between: []string{"nordland", "ostmark"}, To: "hotlin", Share: 0.001}}
		}, `inject[0].effects[0].to: want one of national-views, information-exchange, consultations, osce-platform, laws, strategies, contact-points, terminology, osce-network, expert-meetings, workshops, hotline, public-private, ci-cooperation, vulnerability-reporting; got "hotlin" (did you mean "hotline"?)`},
		{"cbm not modelled", func(s *Scenario) {
			s.Relations[0].CBMs = []string{"hotline", "open-internet"}
		}, `relation[0].cbms[1]: the CBM "open-internet" is not modelled: the model has nothing it could act on (docs/model.md §5); leave it out`},
		{"agreement effect", func(s *Scenario) { s.Injects[0].Effects = []Effect{{Do: "agreement", To: "full", Share: 0.001}} },
			`inject[0].effects[0]: effect "agreement" needs "state" (a state id)`},
		{"text outside a note", func(s *Scenario) {
			s.Injects[0].Effects = []Effect{{Do: "force", Function: "guardian.monitoring", To: "on", Text: "x", Share: 0.001}}
		}, `inject[0].effects[0].text: effect "force" does not use "text" (it takes "function" and "to")`},
		{"trust beyond a share", func(s *Scenario) {
			s.Injects[0].Effects = []Effect{{Do: "trust", Between: []string{"nordland", "ostmark"}, By: 2, Share: 0.001}}
		}, `inject[0].effects[0].by: effect "trust" changes a share: want a value between -1 and 1, got 2`},
		{"hosts", func(s *Scenario) {
			for i := 0; i < 200; i++ {
				s.Assets = append(s.Assets, Asset{ID: "a" + strconv.Itoa(i), Owner: "nordland", Sector: "energy", Hosts: 10_000_000, Restore: 1, Defence: -1})
			}
		}, "asset: the assets have 2_000_000_200 hosts together, the limit is 1_000_000_000"},
		{"population", func(s *Scenario) {
			for i := 0; i < 6; i++ {
				s.States = append(s.States, State{ID: "s" + strconv.Itoa(i), Name: "s", Position: []float64{0, 0}, Population: 2_000_000_000, Posture: "restraint", Agreement: "none", Naming: "public", Maturity: 0.5})
			}
		}, "state: the states have 12_014_000_000 people together, more than the 10_000_000_000 the world will ever have"},
		{"start date", func(s *Scenario) { s.Meta.Start = "2027-02-30" },
			`scenario.start: want a date such as "2027-03-01", got "2027-02-30"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := loadMinimal(t, Options{})
			c.change(s)
			assert.Equal(t, c.want, validateCore(s, nil).Error())
		})
	}
}

func nan() float64 {
	zero := 0.0
	return zero / zero
}

// A hostile file gets a bounded list of problems.
func TestLoadCapsProblems(t *testing.T) {
	var b strings.Builder
	b.WriteString("[scenario]\nname = \"x\"\nsummary = \"x\"\nbriefing = \"x\"\nhorizon = \"1d\"\n[force]\nenabled = false\n[[state]]\nid = \"s\"\nname = \"s\"\nposition = [0, 0]\npopulation = 1\n")
	// 2,000 assets, the limit, with three problems each.
	for i := 0; i < 2000; i++ {
		b.WriteString("[[asset]]\nid = \"a\"\nowner = \"x\"\nsector = \"y\"\npeople = 1\n")
	}
	_, err := Load("h.toml", []byte(b.String()), Options{})
	require.Error(t, err)
	ds := err.(Diagnostics)
	assert.LessOrEqual(t, len(ds), tomlx.MaxDiagnostics+1)
	assert.Contains(t, err.Error(), "too many problems, stopped after 1000")
	// The note that ends the list is not a problem: the count agrees
	// with "stopped after 1000".
	assert.Equal(t, 1000, ds.Count())
	assert.Equal(t, CodeTruncated, ds.Sorted()[0].Code)
}

// The ends of a sweep are checked on the whole scenario: a horizon swept
// below an inject's time is found at the sweep.
func TestSweepEndsAreValidated(t *testing.T) {
	data, err := os.ReadFile(minimalPath)
	require.NoError(t, err)
	data = append(data, []byte(`
[[sweep]]
key = "scenario.horizon"
values = [720, 48, 240]
`)...)
	_, err = Load("m.toml", data, Options{})
	require.Error(t, err)
	assert.Equal(t, `m.toml:111:16: sweep[1].values[1]: at 2d, decision[0].at: decision at 4d is after the horizon 2d
   111 | values = [720, 48, 240]
       |                ^
m.toml:111:16: sweep[1].values[1]: at 2d, inject[0].at: inject at 3d is after the horizon 2d
   111 | values = [720, 48, 240]
       |                ^`, err.Error())
}

func TestTempoAndEscalateToEffects(t *testing.T) {
	base := `
[scenario]
name = "t"
summary = "t"
briefing = "t"
horizon = "10d"
[[state]]
id = "a"
name = "A"
position = [0.1, 0.1]
population = 10
[[state]]
id = "b"
name = "B"
position = [0.9, 0.9]
population = 10
[[attacker]]
id = "x"
kind = "criminal"
[force]
enabled = false
[[inject]]
id = "i"
at = "1d"
title = "t"
`
	ok := base + `effects = [{ do = "tempo", attacker = "x", to = "0/day" }, { do = "escalate", between = ["a", "b"], to = "sanctions" }]`
	_, err := Load("t.toml", []byte(ok), Options{})
	require.NoError(t, err)

	bad := base + `effects = [{ do = "tempo", attacker = "x", to = "fast" }, { do = "escalate", between = ["a", "b"], by = 1, to = "armed" }, { do = "escalate", between = ["a", "b"], to = "war" }, { do = "tempo", to = "1/day" }]`
	_, err = Load("t.toml", []byte(bad), Options{})
	require.Error(t, err)
	msg := err.Error()
	assert.Contains(t, msg, `invalid rate "fast"`)
	assert.Contains(t, msg, `effect "escalate" takes "by" or "to", not both`)
	assert.Contains(t, msg, `want one of none, protest, sanctions, retaliation, armed; got "war"`)
	assert.Contains(t, msg, `effect "tempo" needs "attacker" (an attacker id)`)
}
