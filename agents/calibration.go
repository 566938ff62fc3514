package agents

import (
	"math/rand/v2"

	"cpkrange/scenarios"
)

// SeverityFit is how the model's severities for one method compare with
// DCID 2.0's: the share of each severity 1–6 among the data's incidents of
// the method and among the model's draws.
type SeverityFit struct {
	Method    Method
	Incidents int        // DCID incidents of the method
	Data      [6]float64 // shares in the data
	Model     [6]float64 // shares among the draws
	DataMean  float64
	ModelMean float64
}

// FitSeverities draws n severities per method with the model's sampler and
// sets them beside DCID 2.0's (docs/calibration.md prints it).
func FitSeverities(n int, seed uint64) []SeverityFit {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	var out []SeverityFit
	for _, m := range methodWords.all() {
		counts := scenarios.DefaultSeverityCountsByMethod[m.String()]
		f := SeverityFit{Method: m}
		for _, c := range counts {
			f.Incidents += c
		}
		for i, c := range counts {
			f.Data[i] = float64(c) / float64(f.Incidents)
			f.DataMean += float64(i+1) * f.Data[i]
		}
		for range n {
			s := severity(rng, m)
			f.Model[s-1] += 1 / float64(n)
			f.ModelMean += float64(s) / float64(n)
		}
		out = append(out, f)
	}
	return out
}
