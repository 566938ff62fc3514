package analytics

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/plot"
)

// The peak-rung figure labels every rung its axis spans, by number and
// name, and puts no tick between rungs.
func TestRungAxisLabelsEveryRung(t *testing.T) {
	s := &Summary{
		Kind: Batch, Arms: []string{Base, "no-force"},
		Metrics: []MetricInfo{{Name: "peak_rung"}},
		Stats: []Stat{
			{Arm: Base, Metric: "peak_rung", Mean: 2.1, Low: 1.8, High: 2.4, Q05: 0, Q25: 1, Q50: 2, Q75: 3, Q95: 4},
			{Arm: "no-force", Metric: "peak_rung", Mean: 2.6, Low: 2.2, High: 3, Q05: 1, Q25: 2, Q50: 3, Q75: 3, Q95: 4},
		},
	}
	f, err := distributionFigure(s, "peak_rung")
	require.NoError(t, err)
	ax := f.plot.X
	ticks := ax.Tick.Marker.Ticks(ax.Min, ax.Max)
	for _, tk := range ticks {
		assert.Equal(t, float64(int(tk.Value)), tk.Value, "a tick between rungs")
	}
	assert.Equal(t, []string{"0 none", "1 protest", "2 sanctions", "3 retaliation", "4 armed"}, tickLabels(ticks))
	assert.Equal(t, []string{"1 protest", "2 sanctions"}, tickLabels(rungTicks{}.Ticks(0.5, 2.5)))
}

func tickLabels(ticks []plot.Tick) []string {
	var out []string
	for _, tk := range ticks {
		out = append(out, tk.Label)
	}
	return out
}
