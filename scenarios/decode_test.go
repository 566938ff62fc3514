package scenarios

import (
	"testing"

	"cpkrange/scenarios/internal/tomlx"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// testScenario stands in for the real schema, with the shapes it will use:
// nested arrays of tables, a map, and the unit types.
type testScenario struct {
	Scenario testMeta       `toml:"scenario"`
	State    []testState    `toml:"state"`
	Asset    []testAsset    `toml:"asset"`
	Attacker []testAttacker `toml:"attacker"`
	Decision []testDecision `toml:"decision"`
}

type testMeta struct {
	Name    string   `toml:"name"`
	Horizon Duration `toml:"horizon"`
	Seed    int64    `toml:"seed"`
	Teams   uint8    `toml:"teams"`
	Tags    []string `toml:"tags"`
	//lint:ignore U1000 shows that unexported fields are not keys
	ignored int
	Skipped string `toml:"-"`
}

type testState struct {
	Name     string   `toml:"name"`
	Maturity Fraction `toml:"maturity"`
}

type testAsset struct {
	ID          string   `toml:"id"`
	Sector      string   `toml:"sector"`
	DependsOn   []string `toml:"depends_on"`
	Criticality float64  `toml:"criticality"`
	Online      bool     `toml:"online"`
}

type testAttacker struct {
	Name    string              `toml:"name"`
	Rate    Rate                `toml:"rate"`
	Methods map[string]Fraction `toml:"methods"`
}

type testDecision struct {
	ID     string       `toml:"id"`
	Option []testOption `toml:"option"`
}

type testOption struct {
	Label  string       `toml:"label"`
	Effect []testEffect `toml:"effect"`
}

type testEffect struct {
	Add    float64 `toml:"add"`
	Target string  `toml:"target"`
}

const badScenario = `[scenario]
name = "Harbour"
horizon = 90
seed = "x"
teams = 300

[[asset]]
id = "grid"
sectr = "energy"
criticality = "high"

[[asset]]
id = "water"
depends_on = "grid"
colour = "blue"
online = "yes"

[[attacker]]
name = "apt"
rate = "2 per week"
methods = { wiper = "35%", phishing = 1.5, ransom = "half" }

[[decision]]
id = "d1"
[[decision.option]]
label = "a"
effect = [{ add = "lots" }, { add = 2, targte = "x" }]

[[sate]]
name = "x"
`

func TestDecodeReportsEverythingAtOnce(t *testing.T) {
	src, ds := NewSource("bad.toml", []byte(badScenario))
	require.Empty(t, ds)
	var sc testScenario
	ds = Decode(src, &sc)
	want := `bad.toml:3:11: scenario.horizon: want a duration such as "36h" or "90d", got integer 90
   3 | horizon = 90
     |           ^
bad.toml:4:8: scenario.seed: want an integer, got string "x"
   4 | seed = "x"
     |        ^
bad.toml:5:9: scenario.teams: want an integer between 0 and 255, got 300
   5 | teams = 300
     |         ^
bad.toml:9:1: asset[0].sectr: unknown key "sectr" (did you mean "sector"?)
   9 | sectr = "energy"
     | ^
bad.toml:10:15: asset[0].criticality: want a number, got string "high"
   10 | criticality = "high"
      |               ^
bad.toml:14:14: asset[1].depends_on: want an array, got string "grid"
   14 | depends_on = "grid"
      |              ^
bad.toml:15:1: asset[1].colour: unknown key "colour"
   15 | colour = "blue"
      | ^
bad.toml:16:10: asset[1].online: want true or false, got string "yes"
   16 | online = "yes"
      |          ^
bad.toml:20:8: attacker[0].rate: invalid rate "2 per week": want a count per period such as "2/week", "3/day", "0.5/h"
   20 | rate = "2 per week"
      |        ^
bad.toml:21:39: attacker[0].methods.phishing: 1.5 is out of range: want a fraction between 0 and 1 or a percentage such as "35%"
   21 | methods = { wiper = "35%", phishing = 1.5, ransom = "half" }
      |                                       ^
bad.toml:21:53: attacker[0].methods.ransom: invalid fraction "half": want a fraction between 0 and 1 or a percentage such as "35%"
   21 | methods = { wiper = "35%", phishing = 1.5, ransom = "half" }
      |                                                     ^
bad.toml:27:19: decision[0].option[0].effect[0].add: want a number, got string "lots"
   27 | effect = [{ add = "lots" }, { add = 2, targte = "x" }]
      |                   ^
bad.toml:27:40: decision[0].option[0].effect[1].targte: unknown key "targte" (did you mean "target"?)
   27 | effect = [{ add = "lots" }, { add = 2, targte = "x" }]
      |                                        ^
bad.toml:29:3: sate: unknown key "sate" (did you mean "state"?)
   29 | [[sate]]
      |   ^`
	assert.Equal(t, want, ds.Error())
	require.Len(t, ds, 14)
	assert.Equal(t, Diagnostic{
		File: "bad.toml", Line: 9, Col: 1, Key: "asset[0].sectr", Code: CodeUnknownKey,
		Msg:        `unknown key "sectr" (did you mean "sector"?)`,
		Suggestion: "sector",
		Source:     `sectr = "energy"`,
	}, ds[3])
	assert.Equal(t, ds.Error(), ds.Err().Error())
}

func TestDecodeFillsStruct(t *testing.T) {
	const good = `[scenario]
name = "Harbour"
horizon = "1d12h"
seed = 42
tags = ["drill", "north"]

[[state]]
name = "north"
maturity = 0.4

[[state]]
name = "south"
maturity = "35%"

[[asset]]
id = "grid"
sector = "energy"
criticality = 3 # an integer is fine for a float

[[asset]]
id = "water"
depends_on = ["grid"]
online = true

[[attacker]]
name = "apt"
rate = "2/week"
methods = { wiper = "35%", phishing = 1 }

[[decision]]
id = "d1"
[[decision.option]]
label = "a"
effect = [{ add = 1.5, target = "grid" }]
[[decision.option]]
label = "b"
`
	src, ds := NewSource("good.toml", []byte(good))
	require.Empty(t, ds)
	var sc testScenario
	require.NoError(t, Decode(src, &sc).Err())

	assert.Equal(t, testScenario{
		Scenario: testMeta{Name: "Harbour", Horizon: 36, Seed: 42, Tags: []string{"drill", "north"}},
		State:    []testState{{Name: "north", Maturity: 0.4}, {Name: "south", Maturity: 0.35}},
		Asset: []testAsset{
			{ID: "grid", Sector: "energy", Criticality: 3},
			{ID: "water", DependsOn: []string{"grid"}, Online: true},
		},
		Attacker: []testAttacker{{Name: "apt", Rate: Rate(2.0 / 168), Methods: map[string]Fraction{"wiper": 0.35, "phishing": 1}}},
		Decision: []testDecision{{ID: "d1", Option: []testOption{
			{Label: "a", Effect: []testEffect{{Add: 1.5, Target: "grid"}}},
			{Label: "b"},
		}}},
	}, sc)
	assert.True(t, src.Has("attacker[0].methods.wiper"))
	assert.False(t, src.Has("scenario.teams"))
}

func TestDecodeKeysMatchTagsExactly(t *testing.T) {
	// go-toml alone would accept "Sector" for the field tagged "sector".
	src, _ := NewSource("c.toml", []byte("[[asset]]\nSector = \"energy\"\nskipped = 1\n"))
	ds := Decode(src, &testScenario{})
	require.Len(t, ds, 2)
	assert.Equal(t, `c.toml:2:1: asset[0].Sector: unknown key "Sector" (did you mean "sector"?)`, ds[0].Error())
	assert.Equal(t, `c.toml:3:1: asset[0].skipped: unknown key "skipped"`, ds[1].Error())

	// Fields without a tag, with the tag "-" and unexported fields are not
	// keys at all.
	src, _ = NewSource("c.toml", []byte("[scenario]\nignored = 1\nSkipped = \"x\"\nskipped = 2\n"))
	ds = Decode(src, &testScenario{})
	require.Len(t, ds, 3)
	assert.Equal(t, `unknown key "ignored"`, ds[0].Msg)
	assert.Equal(t, `unknown key "Skipped"`, ds[1].Msg)
	assert.Equal(t, CodeUnknownKey, ds[2].Code)
}

func TestDecodeTypeErrorsEverywhere(t *testing.T) {
	type inner struct {
		N int8 `toml:"n"`
	}
	type target struct {
		I   int            `toml:"i"`
		U   uint           `toml:"u"`
		F32 float32        `toml:"f32"`
		S   string         `toml:"s"`
		L   []int          `toml:"l"`
		M   map[string]int `toml:"m"`
		T   inner          `toml:"t"`
		TT  []inner        `toml:"tt"`
		D   Duration       `toml:"d"`
		R   Rate           `toml:"r"`
		Fr  Fraction       `toml:"fr"`
		Day string         `toml:"day"`
		Any any            `toml:"any"`
		F   float64        `toml:"f"`
	}
	const in = `i = 1.5
u = -3
f32 = 1e300
s = 12
l = [1, "two", 3.0]
m = { x = 1, y = "z" }
t = "table"
tt = [{ n = 200 }, { n = -129 }, 5]
d = "3 days"
r = 2
fr = true
day = 2026-01-01T10:00:00
any = { anything = [1, "goes"] }
f = inf
`
	src, ds := NewSource("t.toml", []byte(in))
	require.Empty(t, ds)
	ds = Decode(src, &target{})
	var got []string
	for _, d := range ds {
		got = append(got, d.Error())
	}
	assert.Equal(t, []string{
		`t.toml:1:5: i: want an integer, got float 1.5`,
		`t.toml:2:5: u: want an integer between 0 and 18446744073709551615, got -3`,
		`t.toml:3:7: f32: want a number that fits in 32 bits, got float 1e+300`,
		`t.toml:4:5: s: want a string, got integer 12`,
		`t.toml:5:9: l[1]: want an integer, got string "two"`,
		`t.toml:5:16: l[2]: want an integer, got float 3`,
		`t.toml:6:18: m.y: want an integer, got string "z"`,
		`t.toml:7:5: t: want a table, got string "table"`,
		`t.toml:8:13: tt[0].n: want an integer between -128 and 127, got 200`,
		`t.toml:8:26: tt[1].n: want an integer between -128 and 127, got -129`,
		`t.toml:8:34: tt[2]: want a table, got integer 5`,
		`t.toml:9:5: d: invalid duration "3 days": want a number and a unit such as "36h", "90d", "2w", "30m"`,
		`t.toml:10:5: r: want a rate such as "2/week" or "3/day", got integer 2`,
		`t.toml:11:6: fr: want a fraction such as 0.35 or "35%", got boolean true`,
		`t.toml:12:7: day: want a string, got date and time 2026-01-01T10:00:00`,
		`t.toml:14:5: f: want a finite number, got float +Inf`,
	}, got)
}

func TestDecodeEmptyAndOdd(t *testing.T) {
	src, ds := NewSource("e.toml", nil)
	require.Empty(t, ds)
	var sc testScenario
	assert.Empty(t, Decode(src, &sc))

	assert.Equal(t, "cannot decode into scenarios.testScenario: want a non-nil pointer", Decode(src, sc)[0].Msg)
	assert.Equal(t, "cannot decode into *scenarios.testScenario: want a non-nil pointer", Decode(src, (*testScenario)(nil))[0].Msg)
	assert.Equal(t, "no scenario source to decode", Decode(nil, &sc)[0].Msg)

	var m map[string]any
	src, _ = NewSource("m.toml", []byte("a = 1\n[b]\nc = [1, 'x']\n"))
	require.Empty(t, Decode(src, &m))
	assert.Equal(t, map[string]any{"a": int64(1), "b": map[string]any{"c": []any{int64(1), "x"}}}, m)
}

func TestDecodeStopsAfterTooManyProblems(t *testing.T) {
	type target struct {
		L []int `toml:"l"`
	}
	in := []byte("l = [")
	for i := 0; i < 1500; i++ {
		in = append(in, `"x",`...)
	}
	in = append(in, "]\n"...)
	src, ds := NewSource("many.toml", in)
	require.Empty(t, ds)
	ds = Decode(src, &target{})
	require.Len(t, ds, tomlx.MaxDiagnostics+1)
	assert.Equal(t, "many.toml: too many problems, stopped after 1000", ds[0].Error())
}
