package analytics

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"cpkrange/agents"
	"cpkrange/scenarios"
	"cpkrange/sim"
)

// TestDailyHasTheStage: daily.csv gives each run's stage at the end of each
// day, as the run's own daily points have it.
func TestDailyHasTheStage(t *testing.T) {
	want := reference(t)
	lines := strings.Split(strings.TrimSpace(want[DailyFile]), "\n")
	header := strings.Split(lines[0], ",")
	first := -1
	for i, h := range header {
		if h == "stage_d1" {
			first = i
		}
	}
	require.GreaterOrEqual(t, first, 0, "daily.csv has no stage_d1 column: %s", lines[0])
	sc, _, err := scenarios.Open(testScenario, scenarios.Options{})
	require.NoError(t, err)
	m, err := agents.Replicate(sc, sim.Derive(sc.Meta.Seed, 0))
	require.NoError(t, err)
	row := strings.Split(lines[1], ",") // base, replication 0
	require.Equal(t, "base", row[0])
	for d, p := range m.Daily {
		assert.Equal(t, p.Stage.String(), row[first+d], "day %d", d+1)
	}
}
