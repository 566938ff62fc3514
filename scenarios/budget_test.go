package scenarios

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Every scenario the project ships or tests with stays far below the
// default budget: the budget refuses runaway scenarios, not real ones.
func TestShippedScenariosAreFarBelowTheBudget(t *testing.T) {
	check := func(name string, data []byte) {
		sc, err := Load(name, data, Options{})
		if err != nil {
			return // the broken ones are refused for their own reasons
		}
		w := EstimateWork(sc)
		assert.Greater(t, w.Events, 0.0, name)
		assert.Less(t, w.Events, DefaultBudget/20.0, "%s estimates %.0f events (%s)", name, w.Events, w.Dominant)
	}
	for _, b := range Bundled() {
		data, err := BundledSource(b.Name)
		require.NoError(t, err)
		check(b.Name, data)
	}
	files, err := filepath.Glob("../testdata/scenarios/*.toml")
	require.NoError(t, err)
	more, err := filepath.Glob("../testdata/scenarios/*/*.toml")
	require.NoError(t, err)
	require.NotEmpty(t, append(files, more...))
	for _, f := range append(files, more...) {
		data, err := os.ReadFile(f)
		require.NoError(t, err)
		check(f, data)
	}
}

// The runaway scenarios of the probe are refused, quickly, with the
// estimate and the limit, at the key that asks for the work.
func TestBudgetRefusesRunawayScenarios(t *testing.T) {
	minimal, err := os.ReadFile(minimalPath)
	require.NoError(t, err)
	decade := strings.Replace(strings.Replace(string(minimal), `horizon = "30d"`, `horizon = "3650d"`, 1), `tempo = "2/week"`, `tempo = "60/h"`, 1)

	var crowd strings.Builder
	crowd.WriteString(strings.Replace(string(minimal), `tempo = "2/week"`, `tempo = "50/h"`, 1))
	for i := range 199 {
		fmt.Fprintf(&crowd, "\n[[attacker]]\nid = \"a%d\"\nkind = \"criminal\"\ntempo = \"50/h\"\n", i)
	}

	for name, tc := range map[string]struct {
		data, key, want string
	}{
		"3650 days at 60/h":       {decade, "attacker[0].tempo", "a run would take about 52,"},
		"200 attackers at 50/h":   {crowd.String(), "attacker[", "over the work budget of 5,000,000"},
		"200 attackers at 1000/h": {strings.ReplaceAll(crowd.String(), `"50/h"`, `"1000/h"`), "attacker[", "want at most 100/h"},
	} {
		t.Run(name, func(t *testing.T) {
			start := time.Now()
			_, err := Load("runaway.toml", []byte(tc.data), Options{})
			assert.Less(t, time.Since(start), 2*time.Second)
			require.Error(t, err)
			ds := err.(Diagnostics)
			assert.Contains(t, ds[0].Key, tc.key)
			assert.Contains(t, err.Error(), tc.want)
			assert.Positive(t, ds[0].Line, "positioned in the file")
		})
	}

	// The message names the estimate and the limit, and --budget lets it
	// run on purpose.
	_, err = Load("decade.toml", []byte(decade), Options{})
	require.Error(t, err)
	assert.Regexp(t, `^decade\.toml:\d+:\d+: attacker\[0\]\.tempo: a run would take about [\d,]+ events \(attacker "grey-gull": 5,256,000 operations over 3650d\), over the work budget of 5,000,000; .*--budget 53000000`, err.Error())
	assert.Equal(t, CodeLimit, err.(Diagnostics)[0].Code)
	sc, err := Load("decade.toml", []byte(decade), Options{Budget: 60_000_000})
	require.NoError(t, err)
	assert.InDelta(t, 5_256_000, EstimateWork(sc).Operations, 1)
}

// An override that blows the budget is reported at the override, and a
// scripted tempo change counts from its time to the horizon.
func TestBudgetFollowsOverridesAndScript(t *testing.T) {
	_, err := LoadFile(minimalPath, Options{Set: []string{"attacker.grey-gull.tempo=100/h", "scenario.horizon=3000d"}})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "--set: attacker.grey-gull.tempo: a run would take about")

	minimal, err := os.ReadFile(minimalPath)
	require.NoError(t, err)
	scripted := strings.Replace(strings.Replace(string(minimal), `horizon = "30d"`, `horizon = "3000d"`, 1),
		`{ do = "rumour", state = "nordland", share = 0.01 },`, `{ do = "tempo", attacker = "grey-gull", to = "90/h" },`, 1)
	_, err = Load("scripted.toml", []byte(scripted), Options{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), `over the work budget`)

	fast := strings.Replace(string(minimal), `{ do = "rumour", state = "nordland", share = 0.01 },`, `{ do = "tempo", attacker = "grey-gull", to = "500/h" },`, 1)
	_, err = Load("fast.toml", []byte(fast), Options{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), `inject[0].effects[1].to: want a tempo of at most 100/h, got 500/h`)
}

// A variant over the budget is found by validating the file, at the
// variant's key, before anyone runs it.
func TestBudgetChecksEachVariant(t *testing.T) {
	minimal, err := os.ReadFile(minimalPath)
	require.NoError(t, err)
	greedy := strings.Replace(string(minimal), `set = { "force.enabled" = false }`,
		`set = { "force.enabled" = false, "attacker.grey-gull.tempo" = "100/h", "scenario.horizon" = "3000d" }`, 1)
	_, err = Load("greedy.toml", []byte(greedy), Options{})
	require.Error(t, err)
	assert.Regexp(t, `greedy\.toml:\d+:\d+: variant\[0\]\.set\."attacker\.grey-gull\.tempo": a run would take about [\d,]+ events`, err.Error())
	_, err = Load("greedy.toml", []byte(greedy), Options{Budget: MaxBudget})
	assert.NoError(t, err)
}

// A sweep whose end asks for more than the budget is refused at that end.
func TestBudgetChecksSweepEnds(t *testing.T) {
	minimal, err := os.ReadFile(minimalPath)
	require.NoError(t, err)
	swept := strings.Replace(strings.Replace(string(minimal), `horizon = "30d"`, `horizon = "3000d"`, 1),
		"key = \"attacker.grey-gull.skill\"\nmin = 0.3\nmax = 0.9", "key = \"attacker.grey-gull.tempo\"\nmin = 0.001\nmax = 50", 1)
	require.NotEqual(t, string(minimal), swept)
	_, err = Load("swept.toml", []byte(swept), Options{})
	require.Error(t, err)
	assert.Regexp(t, `^swept\.toml:\d+:\d+: sweep\[0\]\.max: at 50/hour, a run would take about [\d,]+ events`, err.Error())
	_, err = Load("swept.toml", []byte(swept), Options{Budget: MaxBudget})
	assert.NoError(t, err)
}
