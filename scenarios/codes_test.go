package scenarios

import (
	"os"
	"path/filepath"
	"testing"

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
