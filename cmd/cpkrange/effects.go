package main

import (
	"fmt"
	"io"
	"math"

	"cpkrange/analytics"
	"cpkrange/scenarios"
)

func init() {
	register(command{
		name:    "effects",
		usage:   "[SCENARIO] [-n SEEDS] [--workers W] [--set k=v]...",
		summary: "switch each function of the force off in turn and measure, over paired seeds, the metric it serves",
		run:     effectsCmd,
	})
}

func effectsCmd(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("effects", stderr)
	n := fs.Int("n", 60, "seeds, paired across the runs with and without each function")
	workers := fs.Int("workers", 0, "runs in parallel (default: all cores); results do not depend on it")
	var sets listFlag
	fs.Var(&sets, "set", "override a scenario key: key=value (repeatable)")
	name, code, ok := parseScenario(fs, args, stderr)
	if !ok {
		return code
	}
	if !checkSets(fs, sets, stderr) {
		return exitUsage
	}
	if *n < 2 || *n > 100000 {
		fmt.Fprintln(stderr, "cpkrange effects: -n wants between 2 and 100,000 seeds")
		return exitUsage
	}
	sc, _, err := scenarios.Open(name, scenarios.Options{Set: sets})
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitProblems
	}
	effects, err := analytics.FunctionEffects(sc, *n, *workers)
	if err != nil {
		fmt.Fprintln(stderr, prefixed("cpkrange effects", err))
		return exitProblems
	}
	fmt.Fprintf(stdout, "%s: each function of the force switched off, %d paired seeds\n\n", sc.Meta.Name, *n)
	fmt.Fprintf(stdout, "%-32s %-16s %-40s %8s  %s\n", "function off", "metric", "mean change (95% interval)", "paired t", "as expected")
	for _, e := range effects {
		t := fmt.Sprintf("%.1f", e.T)
		if math.IsInf(e.T, 0) {
			t = "every seed"
		}
		verdict := "yes"
		if !e.Expected {
			verdict = "NO"
		}
		diff := fmt.Sprintf("%s (%s to %s)", signedNum(e.Diff, false), signedNum(e.CI.Low, false), signedNum(e.CI.High, false))
		fmt.Fprintf(stdout, "%-32s %-16s %-40s %8s  %s\n", e.Function.Name, e.Function.Serves, diff, t, verdict)
	}
	return exitOK
}
