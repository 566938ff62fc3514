package scenarios

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"cpkrange/scenarios/internal/tomlx"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Each kind of problem carries its code, and a suggestion where the message
// makes one, so that no caller has to read the message.
func TestDiagnosticCodesAndSuggestions(t *testing.T) {
	type want struct {
		key        string
		code       Code
		suggestion string
	}
	cases := map[string][]want{
		"unknown-key.toml":           {{"asset[0].sectr", CodeUnknownKey, "sector"}, {"asset[0].colour", CodeUnknownKey, ""}},
		"missing-required.toml":      {{"scenario.horizon", CodeMissingRequired, ""}, {"asset[0].owner", CodeMissingRequired, ""}},
		"missing-table.toml":         {{"scenario", CodeMissingRequired, ""}},
		"wrong-type.toml":            {{"state[0].population", CodeBadType, ""}},
		"bad-duration.toml":          {{"scenario.horizon", CodeBadValue, ""}, {"asset[0].backup", CodeOutOfRange, ""}},
		"fraction-out-of-range.toml": {{"state[0].maturity", CodeOutOfRange, ""}},
		"enum-typo.toml":             {{"state[1].posture", CodeUnknownWord, "escalatory"}, {"asset[0].sector", CodeUnknownWord, ""}},
		"missing-ref.toml":           {{"asset[0].owner", CodeUnknownRef, "nordland"}},
		"duplicate-id.toml":          {{"asset[1].id", CodeDuplicate, ""}},
		"dependency-cycle.toml":      {{"asset[0].depends_on[0]", CodeCycle, ""}},
		"syntax-error.toml":          {{"", CodeSyntax, ""}},
		"too-many-assets.toml":       {{"asset", CodeLimit, ""}},
		"bad-variant-key.toml":       {{`variant[0].set."state.nordland.postur"`, CodeUnknownKey, "state.nordland.posture"}},
	}
	for file, wants := range cases {
		data, err := os.ReadFile(filepath.Join(brokenDir, file))
		require.NoError(t, err)
		_, err = Load(file, data, Options{})
		ds, ok := err.(Diagnostics)
		require.True(t, ok, file)
		for _, w := range wants {
			found := false
			for _, d := range ds {
				if d.Key == w.key {
					found = true
					assert.Equal(t, w.code, d.Code, "%s: %s: %s", file, d.Key, d.Msg)
					assert.Equal(t, w.suggestion, d.Suggestion, "%s: %s: %s", file, d.Key, d.Msg)
					break
				}
			}
			assert.True(t, found, "%s: no diagnostic at %s in\n%s", file, w.key, ds.Error())
		}
		for _, d := range ds {
			assert.NotZero(t, d.Code, "%s: %s has no code", file, d.Error())
		}
	}

	// --set and --variant problems carry codes too.
	_, err := LoadFile(minimalPath, Options{Variant: "no-forse", Set: []string{"force.enabld=true", "x"}})
	ds := err.(Diagnostics)
	byMsg := map[string]Diagnostic{}
	for _, d := range ds {
		byMsg[d.Error()] = d
	}
	assert.Equal(t, Diagnostic{File: "--variant", Code: CodeUnknownRef, Suggestion: "no-force",
		Msg: `unknown variant "no-forse" (did you mean "no-force"?); the variants are no-force`}, byMsg[`--variant: unknown variant "no-forse" (did you mean "no-force"?); the variants are no-force`])
	assert.Equal(t, CodeBadValue, byMsg[`--set: want key=value, got "x"`].Code)
}

// Weights are finite and bounded, and so is their sum: two weights of
// 1e308 add up to +Inf, and every draw would land on the last method.
func TestWeightSumsAreBounded(t *testing.T) {
	data, err := os.ReadFile(minimalPath)
	require.NoError(t, err)
	src := strings.Replace(string(data), "methods = { wiper = 0.5, intrusion = 0.5 }", "methods = { ddos = 1e308, wiper = 1e308 }", 1)
	require.NotEqual(t, string(data), src)
	_, err = Load("w.toml", []byte(src), Options{})
	require.Error(t, err)
	ds := err.(Diagnostics)
	require.Len(t, ds, 1)
	assert.Equal(t, "attacker[0].methods", ds[0].Key)
	assert.Positive(t, ds[0].Line)
	assert.Equal(t, CodeOutOfRange, ds[0].Code)
	assert.Equal(t, "the method weights add up to +Inf, more than the limit 1_000_000_000: weights are relative, so scale them down", ds[0].Msg)

	_, err = LoadFile(minimalPath, Options{Set: []string{"attacker.grey-gull.targets.sectors=energy:6e8,water:6e8"}})
	require.Error(t, err)
	assert.Equal(t, "--set: attacker.grey-gull.targets.sectors: the sector weights add up to 1.2e+09, more than the limit 1_000_000_000: weights are relative, so scale them down", err.Error())
}

// A key given twice in a --set table of weights is refused, not last-wins.
func TestSetWeightListRefusesDuplicates(t *testing.T) {
	_, err := LoadFile(minimalPath, Options{Set: []string{"attacker.grey-gull.methods=ddos:1,wiper:2,ddos:3"}})
	require.Error(t, err)
	assert.Equal(t, `--set: attacker.grey-gull.methods: "ddos" is given twice`, err.Error())
	assert.Equal(t, CodeDuplicate, err.(Diagnostics)[0].Code)
}

// A NaN fraction reads as NaN, not "naN": messages from the unit readers
// are not re-cased.
func TestNaNFractionMessage(t *testing.T) {
	data, err := os.ReadFile(minimalPath)
	require.NoError(t, err)
	src := strings.Replace(string(data), "maturity = 0.6", "maturity = nan", 1)
	_, err = Load("n.toml", []byte(src), Options{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), `state[0].maturity: NaN is out of range: want a fraction between 0 and 1 or a percentage such as "35%"`)
}

// Lists over their limit are refused while the file is parsed, before
// anything is done per element: a 3 MB file of a million empty states costs
// little more than parsing it. The bound is on all the memory allocated.
// go-toml's parser holds a whole inline array (112 MB for a million "{}"),
// so a file with more values separated by commas than any scenario can
// hold is refused before it is parsed.
func TestListLimitsBeforePerElementWork(t *testing.T) {
	cases := []struct {
		data, want string
		maxMB      uint64
	}{
		{strings.Repeat("[[state]]\n", 300_000), "big.toml:1:3: state: 300000 entries, the limit is 64", 50},
		{strings.Repeat("[[asset]]\nid = \"a\"\n", 200_000), "big.toml:1:3: asset: 200000 entries, the limit is 2000", 50},
		{"state = [" + strings.Repeat("{},", 1_000_000) + "]\n", "big.toml:1:750012: more than 250000 values separated by commas, the limit of a scenario file", 50},
		{"statess = [" + strings.Repeat("1,", 1_000_000) + "]\n", "big.toml:1:500013: more than 250000 values separated by commas, the limit of a scenario file", 50},
		{"state = [" + strings.Repeat("{},", 100_000) + "]\n", "big.toml:1:9: state: 100000 entries, the limit is 64", 50},
		{"statess = [" + strings.Repeat("1,", 100_000) + "]\n", "big.toml:1:11: statess: 100000 entries, the limit is 10000", 50},
		{"# " + strings.Repeat(",", 1_000_000) + "\nnote = \"" + strings.Repeat(",", 1_000_000) + "\"\n[[state]]\n" + strings.Repeat("[[state]]\n", 100), "big.toml:3:3: state: 101 entries, the limit is 64", 50},
		{"[[asset]]\ndepends_on = [" + strings.Repeat(`"a",`, 20_000) + "]\n", "big.toml:2:14: asset[0].depends_on: 20000 entries, the limit is 10000", 50},
	}
	for _, c := range cases {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		_, err := Load("big.toml", []byte(c.data), Options{})
		runtime.ReadMemStats(&after)
		require.Error(t, err)
		lines := strings.Split(err.Error(), "\n")
		assert.Equal(t, c.want, lines[0])
		assert.Equal(t, CodeLimit, err.(Diagnostics)[0].Code)
		alloc := (after.TotalAlloc - before.TotalAlloc) >> 20
		assert.Less(t, alloc, c.maxMB, "%s: %d MB allocated", c.want, alloc)
		t.Logf("%s: %d MB allocated", c.want, alloc)
	}
}

// Strings may not hold control characters, which would drive the terminal
// or the display that shows them; line breaks and tabs are for prose.
func TestStringsRefuseControlCharacters(t *testing.T) {
	data, err := os.ReadFile(minimalPath)
	require.NoError(t, err)
	src := string(data)
	for old, new := range map[string]string{
		`name = "Harbour Lights"`:         `name = "Harbour \u001b]0;owned\u0007Lights"`,
		`title = "The grid goes dark"`:    `title = "The grid\ngoes dark"`,
		`label = "Name Ostmark"`:          `label = "Name\u0000Ostmark"`,
		`prompt = "Do you name Ostmark?"`: `prompt = "Do you name\nOstmark?\r\n\tYes or no?"`,
		`text = "Nordland waits."`:        `text = "Nordland\nwaits."`,
	} {
		require.Contains(t, src, old)
		src = strings.Replace(src, old, new, 1)
	}
	_, err = Load("c.toml", []byte(src), Options{})
	require.Error(t, err)
	var got []string
	for _, d := range err.(Diagnostics) {
		assert.Equal(t, CodeBadValue, d.Code)
		got = append(got, d.Key+": "+d.Msg)
	}
	assert.Equal(t, []string{
		`scenario.name: "name" may not hold the control character "\x1b"`,
		`inject[0].title: "title" may not hold a line break`,
		`decision[0].option[0].label: "label" may not hold the control character "\x00"`,
	}, got)

	_, err = LoadFile(minimalPath, Options{Set: []string{"state.nordland.name=Nord\x1b[2Jland"}})
	require.Error(t, err)
	assert.Equal(t, `--set: state.nordland.name: "name" may not hold the control character "\x1b"`, err.Error())
}

// However many phases cut their lists, the list Load returns holds at most
// MaxDiagnostics problems and one note, and its count agrees with the note.
func TestProblemCountAgreesWithTheCut(t *testing.T) {
	// A thousand and more bad values and as many missing keys: the decode
	// phase cuts its list and the missing keys come on top.
	var b strings.Builder
	b.WriteString("[force]\nenabled = false\n")
	for i := 0; i < 1500; i++ {
		b.WriteString("[[asset]]\npeople = \"many\"\n")
	}
	_, err := Load("n.toml", []byte(b.String()), Options{})
	ds := err.(Diagnostics)
	assert.Equal(t, tomlx.MaxDiagnostics, ds.Count())
	assert.Len(t, ds, tomlx.MaxDiagnostics+1)
	notes := 0
	for _, d := range ds {
		if d.Code == CodeTruncated {
			notes++
			assert.Equal(t, "n.toml: too many problems, stopped after 1000", d.Error())
		}
	}
	assert.Equal(t, 1, notes)
}

// A byte order mark is skipped wherever a scenario is read: Load and the
// listing of summaries read the same file alike.
func TestByteOrderMarkReadAlike(t *testing.T) {
	data, err := BundledSource(Default)
	require.NoError(t, err)
	bom := append([]byte("\xef\xbb\xbf"), data...)
	s, err := Load(Default, bom, Options{})
	require.NoError(t, err)
	assert.NotEmpty(t, s.Meta.Summary)
	assert.Equal(t, s.Meta.Summary, summaryOf(Default, bom))
	assert.Equal(t, summaryOf(Default, data), summaryOf(Default, bom))
}
