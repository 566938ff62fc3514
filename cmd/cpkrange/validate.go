package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"cpkrange/scenarios"
)

func init() {
	register(command{
		name:    "validate",
		usage:   "FILE... [--variant V] [--set k=v]... [--budget N]",
		summary: "check scenario files or bundled scenarios, listing every problem with its line",
		run:     validateCmd,
	})
}

// validateCmd loads each scenario named (a file or a bundled name) with
// the variant and overrides given, and prints "NAME: ok (...)" or every
// problem found. It exits with exitProblems when any scenario has one.
func validateCmd(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("validate", stderr)
	variant := fs.String("variant", "", "apply this variant of each scenario before checking it")
	var sets listFlag
	fs.Var(&sets, "set", "override a scenario key: key=value (repeatable; docs/scenario-format.md lists the keys)")
	budget := budgetFlag(fs)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: cpkrange validate FILE... [--variant V] [--set k=v]... [--budget N]")
		fmt.Fprintln(stderr, "\nChecks each scenario file (or bundled scenario name) and lists every problem.")
		fmt.Fprintln(stderr, "Flags may come before or after the files.")
		fs.PrintDefaults()
	}
	files, code, ok := parseArgs(fs, args)
	if !ok {
		return code
	}
	if len(files) == 0 {
		fmt.Fprintln(stderr, "cpkrange validate: name at least one scenario file or bundled scenario")
		fs.Usage()
		return exitUsage
	}
	if !checkSets(fs, sets, stderr) || !checkBudget(fs, *budget, stderr) {
		return exitUsage
	}
	opt := scenarios.Options{Variant: *variant, Set: sets, Budget: *budget}
	code = exitOK
	for _, f := range files {
		s, source, err := scenarios.Open(f, opt)
		if err != nil {
			fmt.Fprintln(stdout, err)
			fmt.Fprintf(stdout, "%s: %s\n", source, countProblems(err))
			code = exitProblems
			continue
		}
		fmt.Fprintf(stdout, "%s: ok (%s)\n", source, describeScenario(s))
		for _, w := range scenarios.WarningsOf(source, s) {
			fmt.Fprintln(stdout, w.Error())
		}
	}
	return code
}

// describeScenario counts what a scenario holds for the "ok" line.
func describeScenario(s *scenarios.Scenario) string {
	variants := "none"
	if names := s.VariantNames(); len(names) > 0 {
		variants = strings.Join(names, ", ")
	}
	return fmt.Sprintf("%s, %s, %s, %s, %s, variants: %s",
		count(len(s.States), "state"), count(len(s.Assets), "asset"), count(len(s.Attackers), "attacker"),
		count(len(s.Injects), "inject"), count(len(s.Decisions), "decision"), variants)
}

func countProblems(err error) string {
	var ds scenarios.Diagnostics
	if errors.As(err, &ds) {
		return count(ds.Count(), "problem")
	}
	return "1 problem"
}

// count writes "1 state", "2 states".
func count(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return fmt.Sprintf("%d %ss", n, thing)
}
