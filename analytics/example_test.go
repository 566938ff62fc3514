package analytics_test

import (
	"fmt"

	"cpkrange/analytics"
)

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
