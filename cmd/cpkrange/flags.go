package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"cpkrange/scenarios"
)

// listFlag is a repeatable string flag (--set k=v --set k2=v2).
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

// newFlags returns a flag set for a subcommand that reports to stderr and
// does not exit.
func newFlags(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("cpkrange "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

// budgetFlag adds --budget: the work a run may take, raised on purpose
// above scenarios.DefaultBudget.
func budgetFlag(fs *flag.FlagSet) *int64 {
	return fs.Int64("budget", scenarios.DefaultBudget, "the work a run may take, in estimated events (docs/limits.md); raise it only on purpose")
}

// checkBudget reports a --budget out of range on stderr.
func checkBudget(fs *flag.FlagSet, budget int64, stderr io.Writer) bool {
	if budget < 1 || budget > scenarios.MaxBudget {
		fmt.Fprintf(stderr, "%s: --budget %d: want 1 to %d events\n", fs.Name(), budget, int64(scenarios.MaxBudget))
		return false
	}
	return true
}

// checkSets reports a --set that is not key=value on stderr: it is a
// mistake in the command line, not in the scenario, and every command
// exits with exitUsage for it.
func checkSets(fs *flag.FlagSet, sets []string, stderr io.Writer) bool {
	for _, kv := range sets {
		if k, _, ok := strings.Cut(kv, "="); !ok || strings.TrimSpace(k) == "" {
			fmt.Fprintf(stderr, "%s: --set %q: want key=value\n", fs.Name(), kv)
			return false
		}
	}
	return true
}

// parseAnywhere parses flags that may come before or after the positional
// arguments ("run grid-wiper --seed 3"), and returns the positionals.
func parseAnywhere(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// parseArgs parses a subcommand's flags, wherever they stand among its
// arguments, and returns the rest. When ok is false the command ends with
// code: 0 after -h, the usage code after a bad flag (flag has said why).
func parseArgs(fs *flag.FlagSet, args []string) (pos []string, code int, ok bool) {
	pos, err := parseAnywhere(fs, args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		return nil, exitOK, false
	case err != nil:
		return nil, exitUsage, false
	}
	return pos, exitOK, true
}

// parseScenario parses a subcommand's flags and its one optional scenario
// argument, the bundled default when none is given. When ok is false the
// command ends with code (after -h, a bad flag or two scenarios).
func parseScenario(fs *flag.FlagSet, args []string, stderr io.Writer) (scenario string, code int, ok bool) {
	pos, code, ok := parseArgs(fs, args)
	switch {
	case !ok:
		return "", code, false
	case len(pos) > 1:
		fmt.Fprintf(stderr, "%s: one scenario at a time\n", fs.Name())
		return "", exitUsage, false
	case len(pos) == 1:
		return pos[0], exitOK, true
	}
	return scenarios.Default, exitOK, true
}
