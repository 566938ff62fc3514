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
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"
	"unicode/utf8"

	"cpkrange/analytics"
	"cpkrange/scenarios"
)

// exitInterrupted is the exit code of a study stopped by a signal (128 +
// SIGINT, as shells report it); its files are consistent and --resume
// finishes it.
const exitInterrupted = 130

func init() {
	register(command{
		name:    "batch",
		usage:   "[SCENARIO] [-n N] [--variants a,b|all] [--workers W] [--seed S] [--set k=v]... [--budget N] [--out DIR] [--resume] [--shard k/N] [--daily=false] [--quiet] | --extend DIR -n N",
		summary: "run N seeded replications of each variant in parallel: runs.csv, summaries, plots; Ctrl-C and --resume are safe",
		run:     batchCmd,
	})
}

// studyFlags are the flags batch and sweep share.
type studyFlags struct {
	n       *int
	workers *int
	seed    *uint64
	out     *string
	resume  *bool
	shard   *string
	quiet   *bool
	budget  *int64
	extend  *string
	sets    listFlag
}

func addStudyFlags(fs *flag.FlagSet, defaultN int) *studyFlags {
	f := &studyFlags{
		n:       fs.Int("n", defaultN, "replications per arm"),
		workers: fs.Int("workers", 0, "replications run in parallel (default: all cores); results do not depend on it"),
		seed:    fs.Uint64("seed", 0, "the study's seed; replication i runs with sim.Derive(seed, i) (default: the scenario's)"),
		out:     fs.String("out", "", "output directory (default: out/SCENARIO-KIND)"),
		resume:  fs.Bool("resume", false, "finish the study already in --out after an interruption"),
		shard:   fs.String("shard", "", "run only shard k of N (runs t with t mod N = k-1); merge the shards with 'cpkrange merge'"),
		quiet:   fs.Bool("quiet", false, "no progress on stderr"),
		budget:  budgetFlag(fs),
		extend:  fs.String("extend", "", "add replications to the finished study in this directory, up to -n; it equals the study run at -n"),
	}
	fs.Var(&f.sets, "set", "override a scenario key in every run: key=value (repeatable)")
	return f
}

// study fills the fields the flags set; it returns false (having said why)
// on a malformed --shard or --budget.
func (f *studyFlags) study(fs *flag.FlagSet, st *analytics.Study, kind string, stderr io.Writer) bool {
	st.N = *f.n
	st.Workers = *f.workers
	st.Resume = *f.resume
	st.Sets = f.sets
	if !checkSets(fs, f.sets, stderr) || !checkBudget(fs, *f.budget, stderr) {
		return false
	}
	st.Budget = *f.budget
	if isSet(fs, "seed") {
		seed := *f.seed
		st.Seed = &seed
	}
	if *f.shard != "" {
		sh, err := analytics.ParseShard(*f.shard)
		if err != nil {
			fmt.Fprintln(stderr, prefixed("cpkrange "+kind, err))
			return false
		}
		st.Shard = sh
	}
	st.Dir = *f.out
	if st.Dir == "" {
		name := strings.TrimSuffix(filepath.Base(st.Scenario), ".toml")
		st.Dir = filepath.Join("out", name+"-"+kind)
		if !st.Shard.Whole() {
			st.Dir = filepath.Join(st.Dir, fmt.Sprintf("shard-%d-of-%d", st.Shard.Index, st.Shard.Count))
		}
	}
	return true
}

func batchCmd(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("batch", stderr)
	variants := fs.String("variants", "", `variants to run, comma-separated: "base" is the scenario as written, "all" is base and every variant (default: base)`)
	daily := fs.Bool("daily", true, "write daily.csv (each run's harm and top rung per day) for the time-series plots")
	f := addStudyFlags(fs, 100)
	name, code, ok := parseScenario(fs, args, stderr)
	if !ok {
		return code
	}
	if *f.extend != "" {
		return extendStudy(fs, f, analytics.Batch, scenarioGiven(name, args), stdout, stderr)
	}
	st := &analytics.Study{Kind: analytics.Batch, Scenario: name, Daily: *daily}
	if *variants != "" {
		st.Variants = splitList(*variants)
	}
	if !f.study(fs, st, "batch", stderr) {
		return exitUsage
	}
	return runStudy(st, *f.quiet, stdout, stderr)
}

// scenarioGiven reports whether the command line named the scenario that
// parseScenario returned, rather than falling back on the default.
func scenarioGiven(name string, args []string) bool {
	return name != scenarios.Default || slices.Contains(args, scenarios.Default)
}

func splitList(s string) []string {
	var out []string
	for _, v := range strings.Split(s, ",") {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// runStudy runs a study with a progress display, stopping cleanly on
// SIGINT or SIGTERM, and prints what it found.
func runStudy(st *analytics.Study, quiet bool, stdout, stderr io.Writer) int {
	name := "cpkrange " + string(st.Kind)
	if err := st.Validate(); err != nil {
		fmt.Fprintln(stderr, prefixed(name, err))
		return exitUsage
	}
	if !isBundled(st.Scenario) {
		// analytics reads the file whole: a named pipe would block it.
		if fi, err := os.Stat(st.Scenario); err == nil && scenarios.NotRegular(fi) != "" {
			fmt.Fprintf(stderr, "%s: %s: cannot read the file: %s\n", name, st.Scenario, scenarios.NotRegular(fi))
			return exitProblems
		}
	}
	return execStudy(name, st.Dir, quiet, stdout, stderr, func(*analytics.Result) string { return "run the same command with --resume to finish" },
		func(ctx context.Context, progress func(analytics.Progress)) (*analytics.Result, error) {
			return analytics.Run(ctx, st, progress)
		})
}

// execStudy runs a study's runs by run, with a progress display, stopping
// cleanly on SIGINT or SIGTERM (then telling how to go on), and prints
// what it found.
func execStudy(name, dir string, quiet bool, stdout, stderr io.Writer, goOn func(*analytics.Result) string,
	run func(ctx context.Context, progress func(analytics.Progress)) (*analytics.Result, error)) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	var progress func(analytics.Progress)
	if !quiet {
		progress = newProgress(stderr, name).update
	}
	res, err := run(ctx, progress)
	stop()
	if err != nil {
		if errors.Is(err, analytics.ErrInterrupted) && res != nil {
			fmt.Fprintf(stderr, "\n%s: interrupted: %d of %d runs are saved in %s; %s\n", name, res.Done, res.Total, dir, goOn(res))
			return exitInterrupted
		}
		fmt.Fprintln(stderr, prefixed(name, err))
		return exitProblems
	}
	var sum *analytics.Summary
	if res.Manifest.ShardOf().Whole() {
		if sum, err = summarize(dir); err != nil {
			fmt.Fprintln(stderr, prefixed(name, err))
			return exitProblems
		}
	}
	printStudy(stdout, res.Manifest, sum, dir)
	return exitOK
}

// extendStudy adds replications to the finished study in dir, up to -n.
// Only -n, --workers and --quiet go with --extend: everything else is the
// study's, recorded in its manifest.
func extendStudy(fs *flag.FlagSet, f *studyFlags, kind analytics.Kind, scenarioGiven bool, stdout, stderr io.Writer) int {
	name := "cpkrange " + string(kind)
	dir := *f.extend
	var others []string
	fs.Visit(func(fl *flag.Flag) {
		if !slices.Contains([]string{"extend", "n", "workers", "quiet"}, fl.Name) {
			others = append(others, "--"+fl.Name)
		}
	})
	switch {
	case scenarioGiven:
		others = append([]string{"a scenario"}, others...)
		fallthrough
	case len(others) > 0:
		fmt.Fprintf(stderr, "%s: --extend takes only -n, --workers and --quiet, not %s: the rest is the study's own, in its %s\n", name, strings.Join(others, ", "), analytics.ManifestFile)
		return exitUsage
	case !isSet(fs, "n"):
		fmt.Fprintf(stderr, "%s: --extend needs -n, the replications per arm the study is to have\n", name)
		return exitUsage
	}
	m, err := analytics.ReadManifest(dir)
	if err != nil {
		fmt.Fprintln(stderr, prefixed(name, err))
		return exitProblems
	}
	if m.Kind != kind {
		fmt.Fprintf(stderr, "%s: %s holds a %s: extend it with cpkrange %s --extend\n", name, dir, m.Kind, m.Kind)
		return exitUsage
	}
	goOn := func(res *analytics.Result) string {
		return fmt.Sprintf("finish them with %s --out %s --resume", res.Manifest.Command, dir)
	}
	return execStudy(name, dir, *f.quiet, stdout, stderr, goOn,
		func(ctx context.Context, progress func(analytics.Progress)) (*analytics.Result, error) {
			return analytics.Extend(ctx, dir, *f.n, *f.workers, progress)
		})
}

// summarize writes the summary and the plots of the whole study in dir:
// the steps after a batch, a sweep or a merge.
func summarize(dir string) (*analytics.Summary, error) {
	sum, err := analytics.Summarize(dir)
	if err != nil {
		return nil, err
	}
	if err := analytics.WritePlots(dir, sum); err != nil {
		return nil, err
	}
	return sum, nil
}

// prefixed puts the command's name before each line of an error.
func prefixed(name string, err error) string {
	// "analytics: merge: ..." under "cpkrange merge" says merge once.
	verb := name[strings.LastIndexByte(name, ' ')+1:] + ": "
	lines := strings.Split(err.Error(), "\n")
	for i, l := range lines {
		if rest, ok := strings.CutPrefix(l, "analytics: "); ok {
			lines[i] = name + ": " + strings.TrimPrefix(rest, verb)
		}
	}
	return strings.Join(lines, "\n")
}

// printStudy says what a study ran and, when it is whole, what it found.
func printStudy(w io.Writer, m *analytics.Manifest, s *analytics.Summary, dir string) {
	arms := fmt.Sprintf("%d variants (%s)", len(m.Arms), strings.Join(m.Arms, ", "))
	if len(m.Arms) == 1 {
		arms = "1 variant (" + m.Arms[0] + ")"
	}
	if m.Kind == analytics.Sweep {
		arms = fmt.Sprintf("%d points (%s design) over %s", len(m.Arms), m.Design, strings.Join(m.Params, ", "))
	}
	fmt.Fprintf(w, "%s: %d replications of %s, seed %d\n", m.Scenario.Name, m.N, arms, m.Seed)
	if s == nil {
		fmt.Fprintf(w, "shard %s written to %s; merge every shard with 'cpkrange merge --out DIR SHARD-DIR...'\n", m.ShardOf(), dir)
		return
	}
	files := []string{analytics.RunsFile}
	if m.Daily {
		files = append(files, analytics.DailyFile)
	}
	files = append(files, analytics.SummaryCSVFile, analytics.SummaryJSONFile, analytics.PlotsDir+"/")
	fmt.Fprintf(w, "written to %s: %s\n", dir, strings.Join(files, ", "))
	printFindings(w, s)
	fmt.Fprintf(w, "\nThe report: cpkrange report %s\n", dir)
}

// printFindings prints the comparisons of the key metrics with the base,
// or for a sweep the strongest influence on each key metric.
func printFindings(w io.Writer, s *analytics.Summary) {
	keys := slices.DeleteFunc(slices.Clone(analytics.KeyMetrics), func(k string) bool {
		return !slices.ContainsFunc(s.Metrics, func(m analytics.MetricInfo) bool { return m.Name == k })
	})
	binary := map[string]bool{}
	for _, m := range s.Metrics {
		binary[m.Name] = m.Binary
	}
	if s.Kind == analytics.Sweep {
		fmt.Fprintln(w, "\nSensitivity over every run (standardised regression coefficient, Spearman's rho):")
		width := columnWidth(40, s.Params)
		for _, k := range keys {
			for _, in := range s.Sensitivity {
				if in.Metric == k {
					fmt.Fprintf(w, "  %-17s %-*s SRC %6s  rho %6s  (R² %s)\n", k, width, in.Param, fix(in.SRC), fix(in.Spearman), fix(in.R2))
				}
			}
		}
		return
	}
	if len(s.Comparisons) == 0 {
		fmt.Fprintln(w, "\nNo comparisons: add variants and base to --variants to compare them.")
		return
	}
	fmt.Fprintf(w, "\nAgainst base, paired by seed (mean difference and its 95%% interval):\n")
	clear, all := 0, 0
	for _, c := range s.Comparisons {
		all++
		if c.Clear() {
			clear++
		}
	}
	comps := slices.DeleteFunc(slices.Clone(s.Comparisons), func(c analytics.Comparison) bool { return !slices.Contains(keys, c.Metric) })
	slices.SortStableFunc(comps, func(a, b analytics.Comparison) int {
		if a.Variant != b.Variant {
			return slices.Index(s.Arms, a.Variant) - slices.Index(s.Arms, b.Variant)
		}
		return slices.Index(keys, a.Metric) - slices.Index(keys, b.Metric)
	})
	width := columnWidth(16, s.Arms)
	last := ""
	for _, c := range comps {
		variant := ""
		if c.Variant != last {
			variant, last = c.Variant, c.Variant
		}
		diff := fmt.Sprintf("%s (%s to %s)", signedNum(float64(c.Diff), binary[c.Metric]), signedNum(float64(c.Low), binary[c.Metric]), signedNum(float64(c.High), binary[c.Metric]))
		fmt.Fprintf(w, "  %-*s %-17s %-44s %s\n", width, variant, c.Metric, diff, c.Verdict)
	}
	fmt.Fprintf(w, "%d of %d comparisons over all metrics are clear (interval excludes 0); the rest are noise.\n", clear, all)
}

// columnWidth returns the width of a column of names: at least min, and
// wide enough for the longest (counted in characters, as fmt pads).
func columnWidth(min int, names []string) int {
	for _, n := range names {
		min = max(min, utf8.RuneCountInString(n))
	}
	return min
}

// signedNum formats a difference briefly: shares as percentage points.
// A value that is not a finite number (a mean that overflowed) is shown
// as missing, never as a number.
func signedNum(x float64, share bool) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return "–"
	}
	sign := ""
	if x > 0 {
		sign = "+"
	}
	if share {
		return fmt.Sprintf("%s%.1f pt", sign, 100*x)
	}
	a := math.Abs(x)
	switch {
	case a >= 1e9:
		return fmt.Sprintf("%s%.3g bn", sign, x/1e9)
	case a >= 1e6:
		return fmt.Sprintf("%s%.3g M", sign, x/1e6)
	case a >= 1e4:
		return fmt.Sprintf("%s%.3g k", sign, x/1e3)
	}
	return fmt.Sprintf("%s%.3g", sign, x)
}

func fix(f analytics.Float) string {
	if math.IsNaN(float64(f)) || math.IsInf(float64(f), 0) {
		return "–"
	}
	return fmt.Sprintf("%.3f", float64(f))
}

// progressPeriod is how often a plain progress line is written when
// stderr is not a terminal.
var progressPeriod = 10 * time.Second

// progress shows a study's progress on stderr: a bar with the rate and
// the time left on a terminal, a plain line every progressPeriod
// otherwise (a log file, CI, a cluster job).
type progress struct {
	w        io.Writer
	name     string
	terminal bool
	start    time.Time
	last     time.Time
}

func newProgress(w io.Writer, name string) *progress {
	p := &progress{w: w, name: name, start: time.Now()}
	if f, ok := w.(*os.File); ok {
		if fi, err := f.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
			p.terminal = true
		}
	}
	return p
}

func (p *progress) update(pr analytics.Progress) {
	now := time.Now()
	done := pr.Done >= pr.Total
	if p.terminal {
		if !done && now.Sub(p.last) < 100*time.Millisecond {
			return
		}
		p.last = now
		const width = 30
		filled := int(width * pr.Done / max(pr.Total, 1))
		bar := strings.Repeat("=", filled) + strings.Repeat(" ", width-filled)
		if filled < width {
			bar = bar[:filled] + ">" + bar[filled+1:]
		}
		fmt.Fprintf(p.w, "\r\033[K[%s] %3d%%  %d/%d runs  %s", bar, 100*pr.Done/max(pr.Total, 1), pr.Done, pr.Total, p.rate(pr, now))
		if done {
			fmt.Fprintln(p.w)
		}
		return
	}
	if p.last.IsZero() {
		p.last = now
	}
	if done || now.Sub(p.last) >= progressPeriod {
		p.last = now
		fmt.Fprintf(p.w, "%s: %d/%d runs (%d%%), %s\n", p.name, pr.Done, pr.Total, 100*pr.Done/max(pr.Total, 1), p.rate(pr, now))
	}
}

// rate says how fast the runs go and how long the rest will take.
func (p *progress) rate(pr analytics.Progress, now time.Time) string {
	elapsed := now.Sub(p.start)
	fresh := pr.Done - pr.Resumed
	if fresh <= 0 || elapsed <= 0 {
		return "starting"
	}
	perSec := float64(fresh) / elapsed.Seconds()
	if pr.Done >= pr.Total {
		return fmt.Sprintf("%.1f runs/s, took %s", perSec, elapsed.Round(100*time.Millisecond))
	}
	left := time.Duration(float64(pr.Total-pr.Done) / perSec * float64(time.Second))
	return fmt.Sprintf("%.1f runs/s, %s left", perSec, left.Round(time.Second))
}
