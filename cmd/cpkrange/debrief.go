package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"syscall"

	"cpkrange/agents"
	"cpkrange/debrief"
	"cpkrange/scenarios"
)

func init() {
	register(command{
		name:    "debrief",
		usage:   "SESSION.jsonl [--out DIR] [-n 200] [--workers W] [--force]",
		summary: "the after-action review of a session from its event log: an HTML report that prints to A4, debrief.pdf, decisions.csv and story.csv",
		run:     debriefCmd,
	})
}

func debriefCmd(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("debrief", stderr)
	out := fs.String("out", "", "output directory (default: out/NAME-debrief, NAME the log's file name)")
	n := fs.Int("n", 200, "futures of each option in each decision's counterfactual (0: none)")
	workers := fs.Int("workers", 0, "futures run in parallel (default: all cores); results do not depend on it")
	force := fs.Bool("force", false, "overwrite the files of an earlier debrief in --out")
	budget := budgetFlag(fs)
	pos, code, ok := parseArgs(fs, args)
	if !ok {
		return code
	}
	switch {
	case len(pos) != 1:
		fmt.Fprintln(stderr, "cpkrange debrief: give one session's event log (facilitate --log, or run --log)")
		return exitUsage
	case *n < 0 || *n > 100000:
		fmt.Fprintf(stderr, "cpkrange debrief: -n %d: want 0 to 100000 futures per option\n", *n)
		return exitUsage
	case !checkBudget(fs, *budget, stderr):
		return exitUsage
	}
	path := pos[0]
	dir := *out
	if dir == "" {
		dir = filepath.Join("out", strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))+"-debrief")
	}
	in, code := debriefInput(path, *budget, stdout, stderr)
	if code >= 0 {
		return code
	}
	in.N, in.Workers = *n, *workers
	// Refuse before the counterfactuals run, not after.
	if !*force {
		for _, f := range debrief.Files {
			if _, err := os.Lstat(filepath.Join(dir, f)); err == nil {
				fmt.Fprintf(stderr, "cpkrange debrief: %s already holds %s: use --force to overwrite it, or --out another directory\n", dir, f)
				return exitProblems
			}
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	rep, err := debrief.Make(ctx, in)
	if err != nil {
		fmt.Fprintln(stderr, prefixed("cpkrange debrief", err))
		return exitProblems
	}
	for _, d := range rep.Decisions {
		if d.NoCounter != "" && in.N > 0 {
			// The story and the scorecard come from the log itself; only the
			// forks need the model to make the log again.
			fmt.Fprintf(stderr, "cpkrange debrief: warning: no counterfactual for %s: %s\n", d.ID, strings.SplitN(d.NoCounter, "\n", 2)[0])
		}
	}
	if err := debrief.Write(dir, rep, *force); err != nil {
		fmt.Fprintln(stderr, prefixed("cpkrange debrief", err))
		return exitProblems
	}
	fmt.Fprintf(stdout, "%s: %s of %q", path, count(len(in.Records), "record"), rep.Scenario.Meta.Name)
	if rep.Tear != "" {
		fmt.Fprintf(stdout, ", up to the tear at %s", rep.Tear)
	}
	fmt.Fprintf(stdout, "; %s", count(len(rep.Decisions), "decision"))
	if in.N > 0 {
		fmt.Fprintf(stdout, ", each with %d futures per option", in.N)
	}
	fmt.Fprintf(stdout, "\nwrote %s (and %s)\n", filepath.Join(dir, debrief.HTMLFile), strings.Join(debrief.Files[1:], ", "))
	return exitOK
}

// debriefInput reads the session's log and the scenario it is a run of;
// code is -1 when all is well. A torn log gives its records up to the
// tear, with the point stated.
func debriefInput(path string, budget int64, stdout, stderr io.Writer) (debrief.Input, int) {
	var in debrief.Input
	data, err := readInput(path, agents.MaxLogSize)
	if err != nil {
		fmt.Fprintf(stderr, "cpkrange debrief: %v\n", err)
		return in, exitProblems
	}
	h, err := agents.ReadLogHeader(path, bytes.NewReader(data))
	if err != nil {
		fmt.Fprintln(stdout, err)
		fmt.Fprintf(stderr, "cpkrange debrief: %s cannot be debriefed: its header is not one this build reads\n", path)
		return in, exitProblems
	}
	name, err := headerSource(h.Source)
	if err != nil {
		fmt.Fprintf(stderr, "cpkrange debrief: %s: the scenario of this session cannot be loaded: %v\n", path, err)
		return in, exitProblems
	}
	sc, source, err := scenarios.Open(name, scenarios.Options{Variant: h.Variant, Set: slices.Clone(h.Sets), Budget: budget})
	if err != nil {
		fmt.Fprintln(stdout, err)
		fmt.Fprintf(stderr, "cpkrange debrief: %s records a run of %s, which can no longer be loaded (above)\n", path, h.Source)
		return in, exitProblems
	}
	if sc.Meta.Name != h.Scenario {
		fmt.Fprintf(stderr, "cpkrange debrief: %s records a run of %q, but %s is now %q\n", path, h.Scenario, source, sc.Meta.Name)
		return in, exitProblems
	}
	_, recs, err := agents.ReadLogFor(path, bytes.NewReader(data), sc)
	in = debrief.Input{Scenario: sc, Source: source, Header: h, Records: recs, LogName: path}
	if err != nil {
		var lp agents.LogProblems
		if len(recs) == 0 || !errors.As(err, &lp) {
			fmt.Fprintln(stdout, err)
			fmt.Fprintf(stderr, "cpkrange debrief: %s holds no record that can be read\n", path)
			return in, exitProblems
		}
		in.Tear = lp[0].Error()
		fmt.Fprintf(stderr, "cpkrange debrief: warning: %s is torn at %s; the report covers the %s before it\n", path, in.Tear, count(len(recs), "record"))
	}
	return in, -1
}
