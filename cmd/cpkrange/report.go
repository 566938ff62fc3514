package main

import (
	"fmt"
	"io"

	"cpkrange/analytics"
)

func init() {
	register(command{
		name:    "report",
		usage:   "DIR",
		summary: "write DIR/report.html, a self-contained page of a batch or sweep (and its summary.json, summary.csv and plots)",
		run:     reportCmd,
	})
}

func reportCmd(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("report", stderr)
	pos, code, ok := parseArgs(fs, args)
	if !ok {
		return code
	}
	if len(pos) != 1 {
		fmt.Fprintln(stderr, "cpkrange report: name one study directory")
		return exitUsage
	}
	s, err := summarize(pos[0])
	if err != nil {
		fmt.Fprintln(stderr, prefixed("cpkrange report", err))
		return exitProblems
	}
	path, err := analytics.Report(pos[0], s)
	if err != nil {
		fmt.Fprintln(stderr, prefixed("cpkrange report", err))
		return exitProblems
	}
	if !s.Complete {
		fmt.Fprintf(stdout, "the study is unfinished: the report covers %d of %d replications\n", s.N, s.Planned)
	}
	fmt.Fprintf(stdout, "report written to %s\n", path)
	return exitOK
}
