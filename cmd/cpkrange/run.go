package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"

	"cpkrange/agents"
	"cpkrange/scenarios"
	"cpkrange/sim"
)

func init() {
	register(command{
		name:    "run",
		usage:   "[SCENARIO] [--seed N] [--variant V] [--set k=v]... [--budget N] [--log FILE] [--all | --quiet]",
		summary: "run one replication of a scenario (the bundled default when none is named): timeline and summary",
		run:     runCmd,
	})
}

func runCmd(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("run", stderr)
	seed := fs.Uint64("seed", 0, "seed of the run (default: the scenario's)")
	variant := fs.String("variant", "", "apply this variant of the scenario")
	logPath := fs.String("log", "", "write the full event log (JSON Lines) to this file")
	all := fs.Bool("all", false, "print every event, not only the key ones")
	quiet := fs.Bool("quiet", false, "print the summary only")
	var sets listFlag
	fs.Var(&sets, "set", "override a scenario key: key=value (repeatable)")
	budget := budgetFlag(fs)
	name, code, ok := parseScenario(fs, args, stderr)
	if !ok {
		return code
	}
	if !checkSets(fs, sets, stderr) || !checkBudget(fs, *budget, stderr) {
		return exitUsage
	}
	sc, source, err := scenarios.Open(name, scenarios.Options{Variant: *variant, Set: sets, Budget: *budget})
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitProblems
	}
	if !isSet(fs, "seed") {
		*seed = sc.Meta.Seed
	}
	if *logPath != "" {
		// A log that cannot be written is said before the run, not after.
		if _, err := agents.LogTarget(*logPath); err != nil {
			fmt.Fprintf(stderr, "cpkrange run: --log %v\n", err)
			return exitProblems
		}
	}

	fmt.Fprintf(stdout, "%s: %s\n", sc.Meta.Name, sc.Meta.Summary)
	fmt.Fprintf(stdout, "source %s, seed %d, horizon %s", source, *seed, sc.Meta.Horizon)
	if *variant != "" {
		fmt.Fprintf(stdout, ", variant %s", *variant)
	}
	fmt.Fprintln(stdout)
	if rel := startingRungs(sc); rel != "" {
		fmt.Fprintf(stdout, "starting disputes: %s\n", rel)
	}
	fmt.Fprintln(stdout)

	var recs []sim.Recorder[agents.Record]
	if !*quiet {
		recs = append(recs, timeline(stdout, sc, *all))
	}
	run := func(extra ...sim.Recorder[agents.Record]) (*agents.Metrics, error) {
		return agents.Replicate(sc, *seed, append(recs, extra...)...)
	}
	var m *agents.Metrics
	if *logPath != "" {
		m, err = runLogged(*logPath, func(w io.Writer) (*agents.Metrics, error) {
			lw := agents.NewLogWriter(w, agents.LogHeader{Scenario: sc.Meta.Name, Source: source, Variant: *variant, Sets: sets, Seed: *seed, Horizon: sc.Meta.Horizon.Hours()})
			m, err := run(lw)
			if err != nil {
				return nil, err
			}
			return m, lw.Flush()
		})
	} else {
		m, err = run()
	}
	if errors.Is(err, errInterrupted) {
		fmt.Fprintf(stderr, "\ncpkrange run: interrupted; no event log written to %s\n", *logPath)
		return exitInterrupted
	}
	if err != nil {
		fmt.Fprintf(stderr, "cpkrange run: %v\n", err)
		return exitProblems
	}
	if !*quiet {
		fmt.Fprintln(stdout)
	}
	printSummary(stdout, m)
	if sc.Force.Enabled {
		without := sc.Clone()
		without.Force.Enabled = false
		if m0, err := agents.Replicate(without, *seed); err == nil {
			fmt.Fprintln(stdout)
			printForceEffect(stdout, m, m0)
		}
	}
	if *logPath != "" {
		fmt.Fprintf(stdout, "\nevent log written to %s\n", *logPath)
	}
	return exitOK
}

// errInterrupted ends a run stopped by a signal.
var errInterrupted = errors.New("interrupted")

// runLogged runs write into a new log at path and commits it. On SIGINT or
// SIGTERM during the run it removes the temporary log at once and returns
// errInterrupted without waiting for the run, which the command's exit
// ends: the model cannot be stopped midway, and must not leave a hidden
// file behind.
func runLogged(path string, write func(io.Writer) (*agents.Metrics, error)) (*agents.Metrics, error) {
	f, err := agents.CreateLogFile(path)
	if err != nil {
		return nil, err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	type result struct {
		m   *agents.Metrics
		err error
	}
	done := make(chan result, 1)
	go func() {
		m, err := write(f)
		done <- result{m, err}
	}()
	select {
	case <-ctx.Done():
		f.Abort()
		return nil, errInterrupted
	case r := <-done:
		if r.err != nil {
			f.Abort()
			return nil, r.err
		}
		return r.m, f.Commit()
	}
}

// timeline prints the run's key events (all of them with all), as
// agents.Describer tells them.
func timeline(w io.Writer, sc *scenarios.Scenario, all bool) sim.Recorder[agents.Record] {
	d := agents.NewDescriber(sc, agents.IDs{})
	return sim.RecorderFunc[agents.Record](func(r agents.Record) {
		if desc := d.Describe(r); all || desc.Key {
			fmt.Fprintf(w, "%s  %s\n", agents.Clock(r.Time), desc.Line)
		}
	})
}

// startingRungs lists the disputes the scenario starts with.
func startingRungs(sc *scenarios.Scenario) string {
	var parts []string
	for _, r := range sc.Relations {
		if r.Rung != "" && r.Rung != "none" {
			parts = append(parts, fmt.Sprintf("%s and %s at %s", r.Between[0], r.Between[1], strings.ToUpper(r.Rung)))
		}
	}
	return strings.Join(parts, "; ")
}

func isSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

// printSummary prints a run's metrics for a reader.
func printSummary(w io.Writer, m *agents.Metrics) {
	fmt.Fprintln(w, "Summary")
	fmt.Fprintf(w, "  time in stages      pre-conflict %s, conflict %s, post-conflict %s\n",
		agents.Span(m.StageHours[agents.PreConflict]), agents.Span(m.StageHours[agents.Conflict]), agents.Span(m.StageHours[agents.PostConflict]))
	fmt.Fprintf(w, "  civilian harm       %s people-hours without essential services\n", agents.People(m.Harm))
	fmt.Fprintf(w, "                      (a person counts once; each service by how essential it is: docs/model.md)\n")
	var worst []string
	for _, k := range agents.Sectors() {
		if n := m.PeakWithout[k.String()]; n > 0 {
			worst = append(worst, fmt.Sprintf("%s %s", k.Noun(), agents.People(n)))
		}
	}
	if len(worst) > 0 {
		fmt.Fprintf(w, "    most people without, at the worst moment (all states together): %s\n", strings.Join(worst, ", "))
	}
	if len(m.HarmByState) > 0 {
		fmt.Fprintf(w, "    by state          %s\n", ranked(m.HarmByState, agents.People))
		fmt.Fprintf(w, "    by sector         %s\n", ranked(m.HarmBySector, agents.People))
	}
	counts := map[string]float64{}
	for k, v := range m.AttacksByMethod {
		counts[k] = float64(v)
	}
	fmt.Fprintf(w, "  attacks             %d launched (%s)\n", m.Attacks, ranked(counts, func(x float64) string { return fmt.Sprint(int(x)) }))
	fmt.Fprintf(w, "                      %d succeeded, %d failed, %d blocked; %d detected (mean %s after launch)\n",
		m.Succeeded, m.Attacks-m.Succeeded-m.Blocked, m.Blocked, m.Detected, agents.Span(m.MeanDetectHours()))
	fmt.Fprintf(w, "  attribution         %d attributed (mean %s after launch), %d of them wrongly; %d could not be; %d still under investigation\n",
		m.Attributed, agents.Span(m.MeanAttributeHours()), m.Misattributed, m.Unattributed, m.Detected-m.Attributed-m.Unattributed)
	fmt.Fprintf(w, "  norm violations     %d attacks on the Cyberspace Safe Layer seen\n", m.NormViolations)
	armed := "no"
	if m.Armed {
		armed = "YES, at " + agents.Clock(m.ArmedAt)
	}
	fmt.Fprintf(w, "  escalation          peak %s, final %s; spill-over into armed conflict: %s\n", m.PeakRung, m.FinalRung, armed)
	fmt.Fprintf(w, "  trust at the end    %.2f on average over all pairs of states; %.2f for the least trusting pair\n", m.MeanTrust, m.MinTrust)
	if m.RumourState != "" {
		fmt.Fprintf(w, "  information         largest rumour reached %.0f%% of %s's users\n", 100*m.RumourReach, m.RumourState)
	} else {
		fmt.Fprintf(w, "  information         no rumour spread\n")
	}
	fmt.Fprintf(w, "  worms               %d spill-overs into states not targeted (%s hosts infected)\n", m.WormSpills, agents.People(float64(m.WormInfections)))
	fmt.Fprintf(w, "  leaked tools        %d loose after the conflict, %d reused\n", m.ToolsLeaked, m.ToolsReused)
	roles := map[string]float64{}
	for k, v := range m.ForceActions {
		roles[k] = float64(v)
	}
	fmt.Fprintf(w, "  peacekeeping force  %s; %d requests waited for a team\n", orNone(ranked(roles, func(x float64) string { return fmt.Sprint(int(x)) })), m.ForceQueued)
	if len(m.NoTarget) > 0 {
		turns := map[string]float64{}
		for k, v := range m.NoTarget {
			turns[k] = float64(v)
		}
		fmt.Fprintf(w, "  warning             operations found no target they may aim at, by attacker: %s (attack.no-target in the log)\n",
			ranked(turns, func(x float64) string { return fmt.Sprint(int(x)) }))
	}
}

func orNone(s string) string {
	if s == "" {
		return "no actions"
	}
	return s + " actions"
}

// ranked lists a map's entries largest first (ties by name).
func ranked(m map[string]float64, format func(float64) string) string {
	keys := make([]string, 0, len(m))
	for k, v := range m {
		if v != 0 {
			keys = append(keys, k)
		}
	}
	sort.Slice(keys, func(i, j int) bool {
		if m[keys[i]] != m[keys[j]] {
			return m[keys[i]] > m[keys[j]]
		}
		return keys[i] < keys[j]
	})
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + " " + format(m[k])
	}
	return strings.Join(parts, ", ")
}

// printForceEffect compares a run with the force to the same seed without
// it. One pair of runs shows what happened this time; the batch command
// measures the effect over many seeds.
func printForceEffect(w io.Writer, with, without *agents.Metrics) {
	fmt.Fprintln(w, "What the force changed (the same seed without the force)")
	row := func(name string, a, b float64, format func(float64) string, better string) {
		// The verdict is worded by what the reader sees: values that print
		// alike are the same, whatever their last digits.
		if format(a) == format(b) {
			fmt.Fprintf(w, "  %-22s %s with and without: the same\n", name, format(a))
			return
		}
		change := "worse"
		if a < b && better == "lower" || a > b && better == "higher" {
			change = "better"
		}
		pct := ""
		if b != 0 && name != "peak escalation" { // rungs are an order, not amounts
			switch p := 100 * (a - b) / math.Abs(b); {
			case math.Abs(p) < 0.5:
				pct = " (less than 1% apart)"
			default:
				pct = fmt.Sprintf(" (%+.0f%%)", p)
			}
		}
		fmt.Fprintf(w, "  %-22s %s with, %s without%s: %s\n", name, format(a), format(b), pct, change)
	}
	count := func(x float64) string { return fmt.Sprint(int64(x)) }
	hours := agents.Span
	share := func(x float64) string { return fmt.Sprintf("%.0f%%", 100*x) }
	two := func(x float64) string { return fmt.Sprintf("%.2f", x) }
	row("civilian harm", with.Harm, without.Harm, agents.People, "lower")
	row("Safe Layer harm", with.SafeLayerHarm, without.SafeLayerHarm, agents.People, "lower")
	row("misattributions", float64(with.Misattributed), float64(without.Misattributed), count, "lower")
	row("time to detect", with.MeanDetectHours(), without.MeanDetectHours(), hours, "lower")
	rung := func(x float64) string { return agents.Rung(x).String() }
	row("peak escalation", float64(with.PeakRung), float64(without.PeakRung), rung, "lower")
	row("time in conflict", with.StageHours[agents.Conflict], without.StageHours[agents.Conflict], hours, "lower")
	row("largest rumour", with.RumourReach, without.RumourReach, share, "lower")
	row("leaked tools reused", float64(with.ToolsReused), float64(without.ToolsReused), count, "lower")
	row("mean trust at the end", with.MeanTrust, without.MeanTrust, two, "higher")
	fmt.Fprintln(w, "  One pair of runs; for the effect over many seeds: cpkrange batch SCENARIO --variants base,no-force")
	fmt.Fprintln(w, "  Why the force can make some things worse (visibility cuts both ways): docs/model.md, \"Interactions worth knowing\"")
}
