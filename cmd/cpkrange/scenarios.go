package main

import (
	"fmt"
	"io"

	"cpkrange/scenarios"
)

func init() {
	register(command{
		name:    "scenarios",
		usage:   "[show NAME]",
		summary: "list the bundled scenarios, or print one's TOML source to copy and edit",
		run:     scenariosCmd,
	})
}

func scenariosCmd(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("scenarios", stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: cpkrange scenarios            list the bundled scenarios")
		fmt.Fprintln(stderr, "       cpkrange scenarios show NAME  print a bundled scenario's TOML source")
	}
	pos, code, ok := parseArgs(fs, args)
	if !ok {
		return code
	}
	switch {
	case len(pos) == 0:
		listScenarios(stdout)
		return exitOK
	case pos[0] == "show" && len(pos) == 2:
		data, err := scenarios.BundledSource(pos[1])
		if err != nil {
			fmt.Fprintf(stderr, "cpkrange scenarios show: %v\n", err)
			return exitUsage
		}
		if _, err := stdout.Write(data); err != nil {
			return exitProblems
		}
		return exitOK
	case pos[0] == "show":
		fmt.Fprintln(stderr, "cpkrange scenarios show: name one bundled scenario")
	default:
		fmt.Fprintf(stderr, "cpkrange scenarios: unknown subcommand %q\n", pos[0])
	}
	fs.Usage()
	return exitUsage
}

func listScenarios(w io.Writer) {
	list := scenarios.Bundled()
	names := make([]string, len(list))
	width := 0
	for i, b := range list {
		names[i] = b.Name
		if b.Name == scenarios.Default {
			names[i] += " (default)"
		}
		width = max(width, len(names[i]))
	}
	for i, b := range list {
		fmt.Fprintf(w, "%-*s  %s\n", width, names[i], b.Summary)
	}
	fmt.Fprintln(w, "\nCopy one with 'cpkrange scenarios show NAME > mine.toml'; check yours with 'cpkrange validate mine.toml'.")
}
