package main

import (
	"fmt"
	"io"

	"cpkrange/analytics"
)

func init() {
	register(command{
		name:    "compare",
		usage:   "DIR_A DIR_B",
		summary: "compare two finished studies of one scenario (two model versions, two parameter sets): B − A per arm and key metric, paired by seed when they can be",
		run:     compareCmd,
	})
}

func compareCmd(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("compare", stderr)
	pos, code, ok := parseArgs(fs, args)
	if !ok {
		return code
	}
	if len(pos) != 2 {
		fmt.Fprintln(stderr, "cpkrange compare: want two study directories, A and B")
		return exitUsage
	}
	c, err := analytics.CompareStudies(pos[0], pos[1])
	if err != nil {
		fmt.Fprintln(stderr, prefixed("cpkrange compare", err))
		return exitProblems
	}
	fmt.Fprintf(stdout, "%s: B = %s against A = %s, %d and %d replications per arm\n", c.Scenario, c.B, c.A, c.NB, c.NA)
	if c.Paired {
		fmt.Fprintln(stdout, "Paired by replication (same seeds, scenario source and N): paired t, McNemar for events.")
	} else {
		fmt.Fprintf(stdout, "Unpaired (%s): Welch's t, two-proportion z for events.\n", c.Unpaired)
	}
	arms := make([]string, 0, len(c.Diffs))
	for _, d := range c.Diffs {
		arms = append(arms, d.Arm)
	}
	width := columnWidth(16, arms)
	fmt.Fprintf(stdout, "\nB − A (mean difference and its 95%% interval):\n")
	last := ""
	for _, d := range c.Diffs {
		arm := ""
		if d.Arm != last {
			arm, last = d.Arm, d.Arm
		}
		diff := fmt.Sprintf("%s (%s to %s)", signedNum(float64(d.Diff), d.Binary), signedNum(float64(d.Low), d.Binary), signedNum(float64(d.High), d.Binary))
		fmt.Fprintf(stdout, "  %-*s %-17s %-44s %-16s %-9s  %s\n", width, arm, d.Metric, diff, d.Test, d.PValue(), d.Verdict)
	}
	return exitOK
}
