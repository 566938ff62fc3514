package analytics

import (
	"context"
	"fmt"
	"os"
	"testing"

	"cpkrange/agents"
	"cpkrange/scenarios"
	"cpkrange/sim"
)

// BenchmarkReplicate measures replications per second of each bundled
// scenario, one goroutine.
//
//	go test -run '^$' -bench BenchmarkReplicate -benchmem ./analytics
func BenchmarkReplicate(b *testing.B) {
	for _, info := range scenarios.Bundled() {
		b.Run(info.Name, func(b *testing.B) {
			sc, _, err := scenarios.Open(info.Name, scenarios.Options{})
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			i := uint64(0)
			for b.Loop() {
				if _, err := agents.Replicate(sc, sim.Derive(1, i)); err != nil {
					b.Fatal(err)
				}
				i++
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "reps/s")
		})
	}
}

// BenchmarkBatchWorkers measures the run phase of a batch (replications,
// formatting, the reorder buffer and the appends to runs.csv and
// daily.csv; not the summary) of ddos-election, base and no-force, on 1
// and 2 workers. The speed-up is the ratio of their reps/s. Set
// CPK_BENCH_SCENARIO to measure another scenario.
//
//	go test -run '^$' -bench BenchmarkBatchWorkers -benchtime 4x -count 3 ./analytics
func BenchmarkBatchWorkers(b *testing.B) {
	const runs = 200
	scenario := "ddos-election"
	if s := os.Getenv("CPK_BENCH_SCENARIO"); s != "" {
		scenario = s
	}
	for _, w := range []int{1, 2} {
		b.Run(fmt.Sprintf("W=%d", w), func(b *testing.B) {
			total := 0
			for b.Loop() {
				st := &Study{Kind: Batch, Scenario: scenario, Variants: []string{Base, "no-force"}, N: runs / 2, Daily: true, Dir: b.TempDir(), Workers: w}
				p, err := newPlan(st)
				if err != nil {
					b.Fatal(err)
				}
				if err := claim(st.Dir, p.m, false); err != nil {
					b.Fatal(err)
				}
				f, err := openStudyFiles(st.Dir, p.m)
				if err != nil {
					b.Fatal(err)
				}
				if err := execute(context.Background(), p, f, w, nil); err != nil {
					b.Fatal(err)
				}
				if err := f.close(); err != nil {
					b.Fatal(err)
				}
				total += runs
			}
			b.ReportMetric(float64(total)/b.Elapsed().Seconds(), "reps/s")
		})
	}
}
