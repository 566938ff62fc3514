package analytics

import (
	"context"
	"math"
	"slices"

	"cpkrange/agents"
	"cpkrange/scenarios"
)

// FunctionEffect is what switching one function of the force off does to
// the metric it serves, over paired seeds.
type FunctionEffect struct {
	Function agents.FunctionInfo
	Diff     float64  // mean change of the metric, off − on
	CI       interval // its 95% interval
	T        float64  // the paired t statistic (±Inf when every seed moves alike)
	Expected bool     // the change has the sign the framework expects and |t| > 3
}

// FunctionEffects switches each function of the force off in sc, one at a
// time, and compares n seeds (1..n), paired with the scenario as written,
// on the metric the function serves (agents.FunctionInfo.Serves). Runs are
// spread over workers (0: every core); the result does not depend on them.
func FunctionEffects(sc *scenarios.Scenario, n, w int) ([]FunctionEffect, error) {
	arms := len(agents.Functions) + 1 // 0: as written; 1+f: function f off
	values := make([][]map[string]float64, arms)
	for a := range values {
		values[a] = make([]map[string]float64, n)
	}
	scs := make([]*scenarios.Scenario, arms)
	scs[0] = sc
	for i, fn := range agents.Functions {
		off := sc.Clone()
		off.Force.Disabled = append(slices.Clone(off.Force.Disabled), fn.Name)
		scs[i+1] = off
	}
	_, err := inOrder(context.Background(), workers(w), 0, int64(arms*n),
		func() func(int64) (map[string]float64, error) {
			return func(j int64) (map[string]float64, error) {
				m, err := agents.Replicate(scs[int(j)/n], uint64(int(j)%n+1))
				if err != nil {
					return nil, err
				}
				row := map[string]float64{}
				for _, v := range m.Values() {
					row[v.Name] = v.Value
				}
				return row, nil
			}
		},
		func(j int64, row map[string]float64) { values[int(j)/n][int(j)%n] = row }, nil, nil)
	if err != nil {
		return nil, err
	}
	out := make([]FunctionEffect, len(agents.Functions))
	for i, fn := range agents.Functions {
		on, off := make([]float64, n), make([]float64, n)
		for s := range n {
			on[s], off[s] = values[0][s][fn.Serves], values[i+1][s][fn.Serves]
		}
		p := pairedT(off, on)
		t := 0.0 // nothing moved
		if p.Diff != 0 {
			t = math.Copysign(math.Inf(1), p.Diff)
		}
		if p.SD > 0 {
			t = p.Diff / (p.SD / math.Sqrt(float64(n)))
		}
		out[i] = FunctionEffect{Function: fn, Diff: p.Diff, CI: p.CI, T: t, Expected: float64(fn.Worse)*t > 3}
	}
	return out, nil
}
