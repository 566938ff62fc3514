package main

import (
	"fmt"
	"io"

	"cpkrange/analytics"
)

func init() {
	register(command{
		name:    "merge",
		usage:   "--out DIR SHARD-DIR...",
		summary: "combine the shards of a batch or sweep into the files a single run would have written, byte for byte",
		run:     mergeCmd,
	})
}

func mergeCmd(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("merge", stderr)
	out := fs.String("out", "", "directory for the merged study (required)")
	pos, code, ok := parseArgs(fs, args)
	if !ok {
		return code
	}
	if *out == "" || len(pos) == 0 {
		fmt.Fprintln(stderr, "cpkrange merge: want --out DIR and the shard directories")
		return exitUsage
	}
	m, err := analytics.Merge(*out, pos...)
	if err != nil {
		fmt.Fprintln(stderr, prefixed("cpkrange merge", err))
		return exitProblems
	}
	s, err := summarize(*out)
	if err != nil {
		fmt.Fprintln(stderr, prefixed("cpkrange merge", err))
		return exitProblems
	}
	fmt.Fprintf(stdout, "merged %d shards\n", len(pos))
	printStudy(stdout, m, s, *out)
	return exitOK
}
