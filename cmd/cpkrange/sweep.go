package main

import (
	"fmt"
	"io"

	"cpkrange/analytics"
)

func init() {
	register(command{
		name:    "sweep",
		usage:   "[SCENARIO] [--design grid|lhs] [--samples K] [-n N] [--variant V] [--sweep key=min..max]... [--workers W] [--seed S] [--set k=v]... [--budget N] [--out DIR] [--resume] [--shard k/N] [--daily] [--quiet] | --extend DIR -n N",
		summary: "run N replications at each point of a grid or Latin hypercube over the scenario's [[sweep]] ranges: response and sensitivity",
		run:     sweepCmd,
	})
}

func sweepCmd(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("sweep", stderr)
	design := fs.String("design", analytics.Grid, "grid (every combination of each sweep's values) or lhs (a Latin hypercube of --samples points)")
	samples := fs.Int("samples", 20, "points of a Latin hypercube")
	variant := fs.String("variant", "", "apply this variant before each point's values")
	daily := fs.Bool("daily", false, "also write daily.csv (each run's harm and top rung per day)")
	var ranges listFlag
	fs.Var(&ranges, "sweep", "sweep this key instead of the scenario's [[sweep]] ranges: key=min..max, key=min..max/steps or key=v1,v2,... (repeatable)")
	f := addStudyFlags(fs, 10)
	name, code, ok := parseScenario(fs, args, stderr)
	if !ok {
		return code
	}
	if *f.extend != "" {
		return extendStudy(fs, f, analytics.Sweep, scenarioGiven(name, args), stdout, stderr)
	}
	st := &analytics.Study{Kind: analytics.Sweep, Scenario: name, Design: *design, Daily: *daily, Ranges: ranges}
	if *design == analytics.LatinHypercube {
		st.Samples = *samples
	} else if isSet(fs, "samples") {
		fmt.Fprintln(stderr, "cpkrange sweep: --samples applies to --design lhs only")
		return exitUsage
	}
	if *variant != "" {
		st.Variants = []string{*variant}
	}
	if !f.study(fs, st, "sweep", stderr) {
		return exitUsage
	}
	return runStudy(st, *f.quiet, stdout, stderr)
}
