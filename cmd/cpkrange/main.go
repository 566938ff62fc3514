// Command cpkrange is the cyber peacekeeping range: it runs scenarios,
// batch experiments and the facilitation display. Each subcommand lives in
// its own file and registers itself; main only dispatches and maps errors to
// exit codes.
package main

import (
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
)

// Exit codes shared by every subcommand.
const (
	exitOK       = 0
	exitProblems = 1 // the input has problems (an invalid scenario, a corrupt log)
	exitUsage    = 2 // the command line is wrong
)

// command is one subcommand.
type command struct {
	name    string
	usage   string // one line: arguments and flags
	summary string
	run     func(args []string, stdout, stderr io.Writer) int
}

var commands []command

func register(c command) { commands = append(commands, c) }

func main() {
	os.Exit(dispatch(os.Args[1:], os.Stdout, os.Stderr))
}

func dispatch(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(stdout)
		return exitOK
	}
	i := slices.IndexFunc(commands, func(c command) bool { return c.name == args[0] })
	if i < 0 {
		fmt.Fprintf(stderr, "cpkrange: unknown command %q\n\n", args[0])
		usage(stderr)
		return exitUsage
	}
	return commands[i].run(args[1:], stdout, stderr)
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "cpkrange: a simulation and training range for cyber peacekeeping exercises")
	fmt.Fprintln(w, "\nUsage:")
	sorted := slices.Clone(commands)
	slices.SortFunc(sorted, func(a, b command) int { return strings.Compare(a.name, b.name) })
	for _, c := range sorted {
		fmt.Fprintf(w, "  cpkrange %s %s\n      %s\n", c.name, c.usage, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'cpkrange COMMAND -h' for a command's flags.")
}
