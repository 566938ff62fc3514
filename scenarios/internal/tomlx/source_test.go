package tomlx

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func loadIndexSample(t *testing.T) *Source {
	t.Helper()
	data, err := os.ReadFile("testdata/index.toml")
	require.NoError(t, err)
	src, ds := NewSource("index.toml", data)
	require.Empty(t, ds, ds.Error())
	return src
}

func TestAtPositions(t *testing.T) {
	src := loadIndexSample(t)
	tests := []struct {
		path string
		pos  string // line:col
	}{
		// Tables and keys in them.
		{"scenario", "2:2"},
		{"scenario.horizon", "4:11"},
		{"scenario.notes", "5:9"}, // multi-line string
		{"scenario.after", "8:9"}, // after the multi-line string
		// Arrays of tables.
		{"state", "10:3"},
		{"state[1]", "13:3"},
		{"state[1].maturity", "14:16"},
		// Arrays of scalars, on one line and on several.
		{"asset[0].depends_on", "18:14"},
		{"asset[0].depends_on[1]", "18:24"},
		{"asset[1].depends_on", "22:14"},
		{"asset[1].depends_on[1]", "24:3"},
		// Dotted and quoted keys.
		{"asset[1].geo", "26:1"},
		{"asset[1].geo.lat", "26:11"},
		{`asset[1]."display name"`, "27:18"},
		// Inline tables.
		{"attacker[0].methods", "30:11"},
		{"attacker[0].methods.wiper", "30:21"},
		{"attacker[0].methods.phishing", "30:37"},
		// Arrays of inline tables spanning lines.
		{"force.teams", "33:9"},
		{"force.teams[0]", "33:11"},
		{"force.teams[1]", "34:11"},
		{"force.teams[1].capacity", "34:38"},
		// Nested arrays.
		{"force.grid", "35:8"},
		{"force.grid[0]", "35:9"},
		{"force.grid[0][1]", "35:13"},
		{"force.grid[1]", "35:17"},
		{"force.grid[1][0]", "35:19"},
		{"force.grid[1][0][0]", "35:20"},
		{"force.grid[1][1]", "35:24"},
		// Arrays of tables under a table; a tab before the key.
		{"force.team[1]", "40:9"},
		{"force.team[1].capacity", "41:13"},
		// Nested arrays of tables append to the last parent element.
		{"decision[0].option[1].label", "50:9"},
		{"decision[0].option[1].effect", "51:10"},
		{"decision[0].option[1].effect[0]", "51:11"},
		{"decision[0].option[1].effect[0].add", "51:19"},
		{"decision[0].option[1].effect[1]", "51:24"},
		{"decision[0].option[1].effect[1].add", "51:32"},
		{"decision[0].option[1].effect[1].add[1]", "51:36"},
		{"decision[0].option[1].effect[1].add[1][0]", "51:37"},
		{"decision[0].option[1].effect[1].add[1][1]", "51:40"},
		{"decision[1].option[0]", "56:12"},
		{"decision[1].option[0].label", "57:9"},
		// Implicit tables.
		{"deep", "59:2"},
		{"deep.er", "59:7"},
		{"deep.er.x", "60:5"},
		// Quoted keys with dots and spaces.
		{`variant[0].set."force.enabled"`, "63:27"},
		{`variant[0].set."odd key"`, "63:46"},
		// Needless quotes are fine.
		{`scenario."horizon"`, "4:11"},
		// Missing paths fall back to the nearest parent's key.
		{"scenario.seed", "2:2"},
		{"asset[1].sector", "20:3"},
		{"asset[5]", "16:3"},
		{"force.grid[1][5]", "35:17"},
		{"asset[0].depends_on[0].x", "18:15"},
		{"nothing.here", "0:0"},
		{"", "0:0"},
		{"bad[path", "0:0"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			d := src.At(tt.path, "msg")
			assert.Equal(t, tt.pos, fmt.Sprintf("%d:%d", d.Line, d.Col))
			assert.Equal(t, tt.path, d.Key)
			assert.Equal(t, "index.toml", d.File)
		})
	}
}

func TestAtSourceAndMessage(t *testing.T) {
	src := loadIndexSample(t)
	d := src.At("state[1].maturity", "bad maturity %q", "x")
	assert.Equal(t, Diagnostic{
		File: "index.toml", Line: 14, Col: 16, Key: "state[1].maturity",
		Msg: `bad maturity "x"`, Source: `maturity   =   "35%"`,
	}, d)

	// Without arguments the message is not a format string.
	assert.Equal(t, "100% sure", src.At("scenario", "100% sure").Msg)

	d = src.At("nothing", "m")
	assert.Equal(t, Diagnostic{File: "index.toml", Key: "nothing", Msg: "m"}, d)
}

func TestHas(t *testing.T) {
	src := loadIndexSample(t)
	for path, want := range map[string]bool{
		"scenario.horizon":               true,
		`scenario."horizon"`:             true,
		"scenario.seed":                  false,
		"deep":                           true,
		"state[1]":                       true,
		"state[2]":                       false,
		"asset[0].depends_on[1]":         true,
		`variant[0].set."force.enabled"`: true,
		"variant[0].set.force.enabled":   false,
		"decision[1].option[1]":          false,
		"bad..path":                      false,
	} {
		assert.Equal(t, want, src.Has(path), path)
	}
	assert.Equal(t, "index.toml", src.File())
	assert.True(t, strings.HasPrefix(string(src.Data()), "# every construct"))
}

func TestQuoteKeyAndPaths(t *testing.T) {
	assert.Equal(t, "sector", QuoteKey("sector"))
	assert.Equal(t, "depends_on-2", QuoteKey("depends_on-2"))
	assert.Equal(t, `"force.enabled"`, QuoteKey("force.enabled"))
	assert.Equal(t, `""`, QuoteKey(""))
	assert.Equal(t, `"a \"b\""`, QuoteKey(`a "b"`))

	for _, p := range []string{
		"a", "a.b", "a[0]", "a[0].b[12].c", `a."b.c"[3]`, `"x y".z`, `a."\"q\""`,
	} {
		segs, ok := ParsePath(p)
		require.True(t, ok, p)
		assert.Equal(t, p, RenderPath(segs), p)
	}
	for _, p := range []string{"a.", ".a", "a..b", "a[", "a[x]", "a[-1]", `a."b`, "a[0]b", `a"b"`} {
		_, ok := ParsePath(p)
		assert.False(t, ok, p)
	}
}

func TestNewSourceSyntaxError(t *testing.T) {
	_, ds := NewSource("s.toml", []byte("[scenario]\nname = \"x\"\nhorizon = \n"))
	require.Len(t, ds, 1)
	assert.Equal(t, "s.toml:3:11: unexpected character U+000A at start of value", ds[0].Error())
	assert.Equal(t, "horizon = ", ds[0].Source)

	_, ds = NewSource("s.toml", []byte("a = \"unterminated\n"))
	require.Len(t, ds, 1)
	assert.Equal(t, 1, ds[0].Line)
}

func TestNewSourceSemanticErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"a = 1\na = 2\n", "s.toml:2:1: a: key a is already defined"},
		{"[a]\nb = 1\n[a]\n", "s.toml:3:2: a: table a already exists"},
		{"a = 99999999999999999999\n", "s.toml:1:5: a: decimal number is too large to fit in a 64-bit signed integer"},
		{"d = 2023-13-45\n", "s.toml:1:10: impossible date"},
	}
	for _, tt := range tests {
		src, ds := NewSource("s.toml", []byte(tt.in))
		require.Len(t, ds, 1, tt.in)
		assert.Equal(t, tt.want, ds[0].Error(), tt.in)
		// Decode reports the same problem rather than decoding half a file.
		var v map[string]any
		assert.Equal(t, ds, NewCodec().Decode(src, &v))
	}
}

func TestNewSourceLimits(t *testing.T) {
	big := make([]byte, 5347737) // 5.1 MiB
	src, ds := NewSource("big.toml", big)
	require.Len(t, ds, 1)
	assert.Equal(t, "big.toml: file is 5.1 MiB, the limit is 4 MiB", ds[0].Error())
	assert.False(t, src.Has("a"))

	_, ds = NewSource("big.toml", make([]byte, 4<<20+1))
	assert.Equal(t, "big.toml: file is 4.1 MiB, the limit is 4 MiB", ds.Error())

	// 32 levels are fine, 33 are not: in table headers, dotted keys,
	// inline tables and arrays.
	header := func(n int) string { return "[" + strings.Repeat("a.", n-2) + "a]\nb = 1\n" }
	_, ds = NewSource("d.toml", []byte(header(32)))
	assert.Empty(t, ds)
	_, ds = NewSource("d.toml", []byte(header(33)))
	require.Len(t, ds, 1)
	assert.Equal(t, "nesting is 33 levels deep, the limit is 32", ds[0].Msg)
	assert.Equal(t, 2, ds[0].Line)

	dotted := strings.Repeat("a.", 40) + "a = 1\n"
	_, ds = NewSource("d.toml", []byte(dotted))
	require.Len(t, ds, 1)
	assert.Equal(t, "d.toml:1:65: "+strings.TrimSuffix(strings.Repeat("a.", 33), ".")+": nesting is 33 levels deep, the limit is 32", ds[0].Error())

	arrays := "a = " + strings.Repeat("[", 5000) + strings.Repeat("]", 5000) + "\n"
	_, ds = NewSource("d.toml", []byte(arrays))
	require.Len(t, ds, 1)
	assert.Equal(t, "nesting is 33 levels deep, the limit is 32", ds[0].Msg)
	assert.Equal(t, "1:37", fmt.Sprintf("%d:%d", ds[0].Line, ds[0].Col))

	// Keys are found in maps, so many keys cost little wherever they are:
	// in tables, in elements of arrays of tables, in one inline table.
	var keys strings.Builder
	for i := 0; i < 30000; i++ {
		fmt.Fprintf(&keys, "[t%d]\nk = 1\n", i)
	}
	_, ds = NewSource("k.toml", []byte(keys.String()))
	assert.Empty(t, ds)
	keys.Reset()
	for i := 0; i < 30000; i++ {
		fmt.Fprintf(&keys, "[[asset]]\nid = \"a%d\"\nsector = \"energy\"\nrisk = { p = 0.1, q = 0.2 }\n", i)
	}
	_, ds = NewSource("k.toml", []byte(keys.String()))
	assert.Empty(t, ds)
	keys.Reset()
	keys.WriteString("m = {")
	for i := 0; i < 30000; i++ {
		fmt.Fprintf(&keys, "k%d = 1,", i)
	}
	keys.WriteString("}\n")
	_, ds = NewSource("k.toml", []byte(keys.String()))
	assert.Empty(t, ds)

	inline := "a = " + strings.Repeat("{b = ", 40) + "1" + strings.Repeat("}", 40) + "\n"
	_, ds = NewSource("d.toml", []byte(inline))
	require.Len(t, ds, 1)
	assert.Equal(t, "nesting is 33 levels deep, the limit is 32", ds[0].Msg)
}

func TestNewSourceByteOrderMarkAndCRLF(t *testing.T) {
	src, ds := NewSource("w.toml", []byte("\xef\xbb\xbf[scenario]\r\nname = 1\r\n"))
	require.Empty(t, ds)
	d := src.At("scenario.name", "m")
	assert.Equal(t, "w.toml:2:8: scenario.name: m", d.Error())
	assert.Equal(t, "name = 1", d.Source)
	assert.Equal(t, "\xef\xbb\xbf[scenario]\r\nname = 1\r\n", string(src.Data()))
}

// Elements past an array's limit are counted, not kept: the problem gives
// the full count at the array, and nothing inside them is looked at.
func TestNewSourceLimited(t *testing.T) {
	limit := func(path []Seg) int {
		if RenderPath(path) == "a" {
			return 2
		}
		return -1
	}
	in := "[[a]]\nx = 1\n[[a]]\n[[a]]\nx = 1\nx = 2\n[a.b]\n[[a]]\nb = [1, 2, 3]\n"
	src, ds := NewSourceLimited("l.toml", []byte(in), limit)
	require.Len(t, ds, 1)
	assert.Equal(t, "l.toml:1:3: a: 4 entries, the limit is 2", ds[0].Error())
	assert.Equal(t, CodeLimit, ds[0].Code)
	assert.Equal(t, 2, src.root.Field("a").Len())

	_, ds = NewSourceLimited("l.toml", []byte("c = [[1], [2], [3]]\na = [{x = 1}, {x = 2}, {x = 3, x = 4}]\n"), limit)
	require.Len(t, ds, 1)
	assert.Equal(t, "l.toml:2:5: a: 3 entries, the limit is 2", ds[0].Error())

	_, ds = NewSourceLimited("l.toml", []byte("[[a]]\n[[a]]\n[[a]]\nx = \n"), limit)
	require.Len(t, ds, 1)
	assert.Equal(t, CodeSyntax, ds[0].Code, "a syntax error is still found, and comes alone")
}

// TestCommaOverLimit counts only the commas that separate values: those in
// comments and in every kind of string are text.
func TestCommaOverLimit(t *testing.T) {
	for _, c := range []struct {
		data string
		want int
	}{
		{"a = [1, 2, 3]", 9},
		{"a = [1, 2]", -1},
		{"# ,,,,\na = \",,,\"\nb = ',,,'\nc = \"\"\",,,\n,,,\"\"\"\nd = ''',,,'''\ne = \"\\\",,\"", -1},
		{"a = \"x\\\"\", b = [1, 2]", 17},
		{"a = \"\"\"unterminated, , ,", -1},
	} {
		if got := commaOverLimit([]byte(c.data), 1); got != c.want {
			t.Errorf("commaOverLimit(%q, 1) = %d, want %d", c.data, got, c.want)
		}
	}
}
