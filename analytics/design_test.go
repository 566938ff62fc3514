package analytics

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"cpkrange/scenarios"
)

// A grid over two [[sweep]] ranges: the first varies slowest; steps
// include both ends.
func TestGridPoints(t *testing.T) {
	points, err := gridPoints([]scenarios.Sweep{
		{Key: "model.peacekeeping.safe_layer_block", Min: 0, Max: 1, Steps: 3},
		{Key: "state.a.maturity", Values: []float64{0.2, 0.8}},
	})
	require.NoError(t, err)
	assert.Equal(t, [][]float64{{0, 0.2}, {0, 0.8}, {0.5, 0.2}, {0.5, 0.8}, {1, 0.2}, {1, 0.8}}, points)
	_, err = gridPoints(nil)
	assert.ErrorContains(t, err, "declares no [[sweep]] ranges")
}
