package agents

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"cpkrange/scenarios"
)

// TestEveryOptionChangesSomething takes each option of every bundled
// decision in turn, over the same 12 seeds, and checks that each option's
// runs differ from each other option's in at least one metric: no answer a
// room can choose leaves the world exactly as another answer would.
func TestEveryOptionChangesSomething(t *testing.T) {
	const seeds = 12
	for _, info := range scenarios.Bundled() {
		t.Run(info.Name, func(t *testing.T) {
			sc, _, err := scenarios.Open(info.Name, scenarios.Options{})
			require.NoError(t, err)
			for di, d := range sc.Decisions {
				outcomes := make([][][]Value, len(d.Options)) // option → seed → metrics
				for k := range d.Options {
					alt := sc.Clone()
					alt.Decisions[di].Default = k + 1
					for seed := uint64(1); seed <= seeds; seed++ {
						m, err := Replicate(alt, seed)
						require.NoError(t, err)
						outcomes[k] = append(outcomes[k], m.Values())
					}
				}
				for a := range d.Options {
					for b := a + 1; b < len(d.Options); b++ {
						assert.NotEqual(t, outcomes[a], outcomes[b], "decision %s: options %d and %d give the same outcomes over %d seeds", d.ID, a+1, b+1, seeds)
					}
				}
			}
		})
	}
}
