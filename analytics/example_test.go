package analytics_test

import (
	"fmt"

	"cpkrange/analytics"
	"cpkrange/scenarios"
)

// Wilson's score interval for 81 successes in 263 trials, the example of
// Newcombe (1998).
func ExampleWilson() {
	iv := analytics.Wilson(81, 263)
	fmt.Printf("81/263 = %.4f, 95%% interval %.4f to %.4f\n", 81.0/263, iv.Low, iv.High)
	// Output:
	// 81/263 = 0.3080, 95% interval 0.2553 to 0.3662
}

// A paired comparison: the same ten subjects (here, replications with the
// same seeds) under two conditions.
func ExamplePairedT() {
	base := []float64{0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0}
	variant := []float64{1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4}
	p := analytics.PairedT(variant, base)
	fmt.Printf("difference %.2f, 95%% interval %.2f to %.2f, d = %.2f, p = %.4f\n", p.Diff, p.CI.Low, p.CI.High, p.Effect, p.P)
	// Output:
	// difference 1.58, 95% interval 0.70 to 2.46, d = 1.28, p = 0.0028
}

// A grid over two [[sweep]] ranges: the first varies slowest.
func ExampleGridPoints() {
	points, err := analytics.GridPoints([]scenarios.Sweep{
		{Key: "model.peacekeeping.safe_layer_block", Min: 0, Max: 1, Steps: 3},
		{Key: "state.a.maturity", Values: []float64{0.2, 0.8}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range points {
		fmt.Println(p)
	}
	// Output:
	// [0 0.2]
	// [0 0.8]
	// [0.5 0.2]
	// [0.5 0.8]
	// [1 0.2]
	// [1 0.8]
}

// Shards split the runs of a study round-robin.
func ExampleParseShard() {
	sh, err := analytics.ParseShard("2/8")
	fmt.Println(sh.Index, sh.Count, err)
	_, err = analytics.ParseShard("9/8")
	fmt.Println(err)
	// Output:
	// 2 8 <nil>
	// analytics: shard "9/8": want k/N with 1 ≤ k ≤ N, such as 2/8
}
