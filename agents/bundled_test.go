package agents_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"cpkrange/agents"
	"cpkrange/scenarios"
)

// promised are the stages each bundled scenario's briefing says the crisis
// can go through, in order, and how many runs of 20 at least do so with the
// force present. The force exists to prevent and shorten conflicts, so a
// scenario whose briefing says "if the dispute climbs" need not always
// climb; its default seed, the run a facilitator sees first, always does.
var promised = map[string]struct {
	stages  []agents.Stage
	atLeast int
}{
	"ddos-election":  {[]agents.Stage{agents.PreConflict, agents.Conflict, agents.PostConflict}, 4},
	"grid-wiper":     {[]agents.Stage{agents.PreConflict, agents.Conflict}, 4},
	"disinfo-spiral": {[]agents.Stage{agents.PreConflict, agents.Conflict}, 12},
	"leaked-tool":    {[]agents.Stage{agents.Conflict, agents.PostConflict}, 18},
}

// stagesOf runs sc with seed and returns the stages it went through, in
// order, and the time of its last record.
func stagesOf(t *testing.T, sc *scenarios.Scenario, seed uint64) ([]agents.Stage, float64) {
	t.Helper()
	rec := &collect{}
	_, err := agents.Replicate(sc, seed, rec)
	require.NoError(t, err)
	var seen []agents.Stage
	for _, r := range rec.got {
		if len(seen) == 0 || seen[len(seen)-1] != r.Stage {
			seen = append(seen, r.Stage)
		}
	}
	return seen, rec.got[len(rec.got)-1].Time
}

// contains reports whether want is a subsequence of got.
func containsInOrder(got, want []agents.Stage) bool {
	i := 0
	for _, s := range got {
		if i < len(want) && s == want[i] {
			i++
		}
	}
	return i == len(want)
}

// TestBundledScenariosKeepTheirPromises runs every bundled scenario to its
// horizon and checks that it goes through the stages its briefing promises:
// always at its default seed (the run a facilitator sees first), and in at
// least a stated number of 20 other seeds.
func TestBundledScenariosKeepTheirPromises(t *testing.T) {
	for _, name := range bundledNames() {
		p, ok := promised[name]
		require.True(t, ok, "no promised stages for %s", name)
		want := p.stages
		t.Run(name, func(t *testing.T) {
			sc := open(t, name, scenarios.Options{})
			got, end := stagesOf(t, sc, sc.Meta.Seed)
			assert.Equal(t, sc.Meta.Horizon.Hours(), end, "the run reaches its horizon")
			assert.True(t, containsInOrder(got, want), "default seed: stages %v, promised %v", got, want)
			kept := 0
			for seed := uint64(100); seed < 120; seed++ {
				if got, _ := stagesOf(t, sc, seed); containsInOrder(got, want) {
					kept++
				}
			}
			t.Logf("%s keeps its promise in %d of 20 seeds", name, kept)
			assert.GreaterOrEqual(t, kept, p.atLeast)
		})
	}
}
