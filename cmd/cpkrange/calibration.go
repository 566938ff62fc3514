package main

import (
	"fmt"
	"io"

	"cpkrange/agents"
)

func init() {
	register(command{
		name:    "calibration",
		usage:   "[-n DRAWS] [--seed S]",
		summary: "set the model's attack severities beside DCID 2.0's, method by method",
		run:     calibrationCmd,
	})
}

func calibrationCmd(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("calibration", stderr)
	n := fs.Int("n", 100000, "severities drawn per method")
	seed := fs.Uint64("seed", 1, "the draws' seed")
	if _, code, ok := parseArgs(fs, args); !ok {
		return code
	}
	if *n < 1 || *n > 10_000_000 {
		fmt.Fprintln(stderr, "cpkrange calibration: -n wants between 1 and 10,000,000 draws")
		return exitUsage
	}
	fmt.Fprintf(stdout, "Severity by method: share of each severity in DCID 2.0 and in %d draws of the model\n\n", *n)
	fmt.Fprintf(stdout, "%-15s %-6s %5s  %14s%6s%6s%6s%6s%6s  %5s\n", "method", "", "n", "severity 1", "2", "3", "4", "5", "6", "mean")
	for _, f := range agents.FitSeverities(*n, *seed) {
		for k, row := range []struct {
			what   string
			shares [6]float64
			mean   float64
		}{{"DCID", f.Data, f.DataMean}, {"model", f.Model, f.ModelMean}} {
			name, count := f.Method.String(), fmt.Sprint(f.Incidents)
			if k == 1 {
				name, count = "", ""
			}
			fmt.Fprintf(stdout, "%-15s %-6s %5s  ", name, row.what, count)
			for i, s := range row.shares {
				if i == 0 {
					fmt.Fprintf(stdout, "%14.3f", s)
				} else {
					fmt.Fprintf(stdout, "%6.3f", s)
				}
			}
			fmt.Fprintf(stdout, "  %5.2f\n", row.mean)
		}
	}
	return exitOK
}
