package analytics

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"cpkrange/scenarios"
)

// TestFunctionEffectsDoNotDependOnWorkers checks that the measure of each
// function's effect is the same on one worker and on three.
func TestFunctionEffectsDoNotDependOnWorkers(t *testing.T) {
	sc, _, err := scenarios.Open("../testdata/scenarios/force-lab.toml", scenarios.Options{})
	require.NoError(t, err)
	one, err := FunctionEffects(sc, 4, 1)
	require.NoError(t, err)
	three, err := FunctionEffects(sc, 4, 3)
	require.NoError(t, err)
	assert.Equal(t, one, three)
}
