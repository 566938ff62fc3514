package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"cpkrange/scenarios"
)

// The golden transcripts are rewritten with go test ./cmd/cpkrange -update.
// The flag is defined here unless another test file of the package defines
// it first (package variables are initialised before init runs).
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite the golden files")
	}
}

func updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

const (
	good   = "../../testdata/scenarios/good/minimal.toml"
	broken = "../../testdata/scenarios/broken/"
)

// transcript runs the command line and renders what it did.
func transcript(args ...string) string {
	var out, errOut bytes.Buffer
	code := dispatch(args, &out, &errOut)
	return fmt.Sprintf("$ cpkrange %s\n--- stdout\n%s--- stderr\n%s--- exit %d\n", strings.Join(args, " "), out.String(), errOut.String(), code)
}

// checkTranscripts compares each command line's transcript with
// testdata/cli/NAME.golden.
func checkTranscripts(t *testing.T, cases map[string][]string) {
	t.Helper()
	for name, args := range cases {
		t.Run(name, func(t *testing.T) {
			got := transcript(args...)
			golden := filepath.Join("testdata", "cli", name+".golden")
			if updating() {
				require.NoError(t, os.WriteFile(golden, []byte(got), 0o644))
				return
			}
			want, err := os.ReadFile(golden)
			require.NoError(t, err, "run go test ./cmd/cpkrange -run %s -update to create it", t.Name())
			assert.Equal(t, string(want), got, "run go test ./cmd/cpkrange -run %s -update if the new output is right", t.Name())
		})
	}
}

func TestValidateTranscripts(t *testing.T) {
	checkTranscripts(t, map[string][]string{
		"validate-ok":              {"validate", good},
		"validate-problems":        {"validate", broken + "missing-ref.toml", good, broken + "dependency-cycle.toml"},
		"validate-syntax":          {"validate", broken + "syntax-error.toml"},
		"validate-flags-after":     {"validate", good, "--variant", "no-force", "--set", "scenario.horizon=20d"},
		"validate-set-problems":    {"validate", "--set", "force.team.geneva.capacity=0", good, "--set", "state.nordlnd.maturity=0.5", "--set=force.enabled=maybe"},
		"validate-unknown-variant": {"validate", "--variant", "no-forse", good},
		"validate-missing-file":    {"validate", "no/such/scenario.toml", "ddos-electoin"},
		"validate-no-files":        {"validate"},
		"validate-bad-flag":        {"validate", "--frobnicate", good},
		"validate-bad-set":         {"validate", good, "--set", "scenario.horizon"},
		"validate-help":            {"validate", "-h"},
	})
}

// Bundled scenarios validate by name; their counts change as they are
// written, so the expected line is computed rather than golden.
func TestValidateBundled(t *testing.T) {
	var names []string
	for _, b := range scenarios.Bundled() {
		names = append(names, b.Name)
	}
	require.NotEmpty(t, names)
	var out, errOut bytes.Buffer
	code := dispatch(append([]string{"validate"}, names...), &out, &errOut)
	require.Equal(t, exitOK, code, "%s%s", out.String(), errOut.String())
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	for _, l := range lines {
		assert.NotContains(t, l, ": warning: ", "a bundled option or inject that changes nothing when it fires")
	}
	require.Len(t, lines, len(names))
	for i, name := range names {
		s, _, err := scenarios.Open(name, scenarios.Options{})
		require.NoError(t, err)
		assert.Equal(t, name+": ok ("+describeScenario(s)+")", lines[i])
	}
	assert.Empty(t, errOut.String())
}

// TestValidateWarnsOfEffectsThatDoNothing: switching on a function that is
// on from the start, and never off, is a positioned warning, not an error.
func TestValidateWarnsOfEffectsThatDoNothing(t *testing.T) {
	data, err := os.ReadFile(good)
	require.NoError(t, err)
	src := string(data) + "\n[[inject]]\nid = \"noop\"\nat = \"1d\"\ntitle = \"t\"\neffects = [{ do = \"force\", function = \"guardian.monitoring\", to = \"on\" }]\n"
	path := filepath.Join(t.TempDir(), "noop.toml")
	require.NoError(t, os.WriteFile(path, []byte(src), 0o644))
	var out, errOut bytes.Buffer
	require.Equal(t, exitOK, dispatch([]string{"validate", path}, &out, &errOut), errOut.String())
	line := strings.Count(src[:strings.Index(src, "{ do = \"force\"")], "\n") + 1
	assert.Contains(t, out.String(), fmt.Sprintf("%s:%d:", path, line))
	assert.Contains(t, out.String(), "warning: switches on guardian.monitoring, which is on by then whatever is decided before")
}

// TestWarningsFollowTheScriptInTimeOrder: a switch is judged by what the
// script can have done before it, not by what it does at any time: on at
// 1d (on from the start) and on at 3d (the off comes at 5d) change nothing;
// on at 10d, after the off, does.
func TestWarningsFollowTheScriptInTimeOrder(t *testing.T) {
	data, err := os.ReadFile(good)
	require.NoError(t, err)
	src := string(data)
	for _, sw := range []struct{ id, at, to string }{{"a", "1d", "on"}, {"b", "3d", "on"}, {"c", "5d", "off"}, {"d", "10d", "on"}} {
		src += fmt.Sprintf("\n[[inject]]\nid = %q\nat = %q\ntitle = \"t\"\neffects = [{ do = \"force\", function = \"guardian.monitoring\", to = %q }]\n", sw.id, sw.at, sw.to)
	}
	path := filepath.Join(t.TempDir(), "order.toml")
	require.NoError(t, os.WriteFile(path, []byte(src), 0o644))
	var out, errOut bytes.Buffer
	require.Equal(t, exitOK, dispatch([]string{"validate", path}, &out, &errOut), errOut.String())
	lineOf := func(id string) int {
		return strings.Count(src[:strings.Index(src, fmt.Sprintf("id = %q", id))], "\n") + 4
	}
	warned := func(id string) bool { return strings.Contains(out.String(), fmt.Sprintf("%s:%d:", path, lineOf(id))) }
	assert.True(t, warned("a"), out.String())
	assert.True(t, warned("b"), out.String())
	assert.False(t, warned("c"), out.String())
	assert.False(t, warned("d"), out.String())
}

func TestDescribeScenario(t *testing.T) {
	s, _, err := scenarios.Open(good, scenarios.Options{})
	require.NoError(t, err)
	assert.Equal(t, "2 states, 2 assets, 1 attacker, 1 inject, 1 decision, variants: no-force", describeScenario(s))
	s.Variants = nil
	assert.Contains(t, describeScenario(s), "variants: none")
}
