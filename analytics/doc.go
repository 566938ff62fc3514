// Package analytics runs Monte Carlo studies of cpkrange scenarios and says
// what they found: a batch runs N seeded replications of each variant of a
// scenario, a sweep N replications at each point of a design over the
// scenario's [[sweep]] ranges; the results stream to flat CSV files, and
// the package computes descriptive statistics, paired comparisons with the
// base (common random numbers), convergence of the intervals, sensitivity
// to swept parameters, plots (gonum/plot) and a self-contained HTML report.
//
// A Study says what to run; Study.Validate checks it without reading the
// scenario; Run runs it into a directory, and the steps after it read that
// directory:
//
//	study.json   Run: the manifest: scenario source and SHA-256, arms, N, seed, overrides, version
//	runs.csv     Run: one row per replication and arm: arm, replication, seed, every metric
//	daily.csv    Run: one row per replication and arm: harm, top rung and stage at the end of each day
//	summary.json, summary.csv   Summarize, once the study (or Merge of its shards) is complete
//	plots/*.png|svg             WritePlots, from the summary
//	report.html                 Report, from the manifest and the summary
//
// Replication i of every arm runs with seed sim.Derive(study seed, i) and
// rows are written in the order (replication, arm) whatever the number of
// workers, so results are byte-identical on 1 or 64 workers, across shards
// merged with Merge, and across an interruption resumed with Study.Resume.
// Memory does not grow with N while running; Summarize holds one column
// per metric (8 bytes per run) at a time.
//
// docs/analytics.md states every statistic and how to read it;
// docs/scale-out.md shows how to spread a study over a cluster.
package analytics
