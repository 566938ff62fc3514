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

// parseScenario parses a subcommand's flags and its one optional scenario
// argument, the bundled default when none is given. When ok is false the
// command ends with code (after -h, a bad flag or two scenarios).
func parseScenario(fs *flag.FlagSet, args []string, stderr io.Writer) (scenario string, code int, ok bool) {
	pos, err := parseAnywhere(fs, args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		return "", exitOK, false
	case err != nil:
		return "", exitUsage, false
	case len(pos) > 1:
		fmt.Fprintf(stderr, "%s: one scenario at a time\n", fs.Name())
		return "", exitUsage, false
	case len(pos) == 1:
		return pos[0], exitOK, true
	}
	return scenarios.Default, exitOK, true
}
