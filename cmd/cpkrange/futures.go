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
	"strconv"
	"strings"
	"syscall"
	"text/tabwriter"

	"cpkrange/agents"
	"cpkrange/analytics"
	"cpkrange/scenarios"
)

func init() {
	register(command{
		name:    "futures",
		usage:   "[SCENARIO] --decision ID | --at WHEN [--inject a,b] [--force FUNCTION[=off]]... [--log SESSION.jsonl] [-n 200] [--until D] [--reference K] [--seed S] [--variant V] [--set k=v]... [--workers W] [--out DIR] [--quiet]",
		summary: "fork a run at a decision (or a moment) into N seeded futures per option: the table, futures.csv and an HTML page",
		run:     futuresCmd,
	})
}

// futuresConfig is what the command line asks for.
type futuresConfig struct {
	scenario  string
	decision  string
	at        float64
	atSet     bool
	log       string
	n         int
	until     float64 // look-ahead, hours after the fork; 0: the horizon
	reference int     // option number, 0: the default (or "no change")
	injects   []string
	force     listFlag // FUNCTION or FUNCTION=off: what if the force had acted then
	seed      uint64
	seedSet   bool
	variant   string
	sets      listFlag
	workers   int
	out       string
	quiet     bool
	budget    int64
}

func parseFutures(args []string, stderr io.Writer) (futuresConfig, int) {
	var c futuresConfig
	fs := newFlags("futures", stderr)
	fs.StringVar(&c.decision, "decision", "", "fork when this decision (its id) is put, and compare its options")
	at := fs.String("at", "", "fork at this moment instead: hours (300) or a duration (12d12h); compares no change with each inject fired then")
	fs.StringVar(&c.log, "log", "", "replay this session's event log up to the fork (default: the scenario's defaults)")
	fs.IntVar(&c.n, "n", 200, "futures per option")
	until := fs.String("until", "", "look ahead this long after the fork (a duration, 14d) instead of to the horizon")
	fs.IntVar(&c.reference, "reference", 0, "the option the others are compared with, from 1 (default: the decision's default; at a moment, no change)")
	injects := fs.String("inject", "", "with --at: the injects to fire, comma-separated ids (default: every inject of the script, unless --force)")
	fs.Var(&c.force, "force", "with --at: an option where the force switches FUNCTION on then (FUNCTION=off: off); repeatable")
	fs.Uint64Var(&c.seed, "seed", 0, "seed of the run (default: the scenario's, or the log's)")
	fs.StringVar(&c.variant, "variant", "", "apply this variant of the scenario (not with --log: the log's header says)")
	fs.Var(&c.sets, "set", "override a scenario key: key=value (repeatable; not with --log)")
	fs.IntVar(&c.workers, "workers", 0, "futures run in parallel (default: all cores); results do not depend on it")
	fs.StringVar(&c.out, "out", "", "output directory (default: out/SCENARIO-futures-DECISION)")
	fs.BoolVar(&c.quiet, "quiet", false, "no progress on stderr")
	budget := budgetFlag(fs)
	pos, code, ok := parseArgs(fs, args)
	if !ok {
		return c, code
	}
	bad := func(format string, a ...any) (futuresConfig, int) {
		fmt.Fprintf(stderr, "cpkrange futures: "+format+"\n", a...)
		return c, exitUsage
	}
	switch {
	case len(pos) > 1:
		return bad("one scenario at a time (got %s)", strings.Join(pos, " "))
	case len(pos) == 1:
		c.scenario = pos[0]
	}
	c.seedSet, c.budget = isSet(fs, "seed"), *budget
	if !checkSets(fs, c.sets, stderr) || !checkBudget(fs, c.budget, stderr) {
		return c, exitUsage
	}
	switch {
	case c.decision == "" && *at == "":
		return bad("say where to fork: --decision ID (cpkrange scenarios show SCENARIO lists them) or --at WHEN")
	case c.decision != "" && *at != "":
		return bad("--decision or --at, not both")
	case c.n < 1 || c.n > 100000:
		return bad("-n %d: want 1 to 100000 futures per option", c.n)
	case c.reference < 0:
		return bad("--reference %d: want an option number from 1", c.reference)
	case (*injects != "" || len(c.force) > 0) && *at == "":
		return bad("--inject and --force go with --at; a decision's futures are its options")
	case c.log != "" && (c.seedSet || c.variant != "" || len(c.sets) > 0):
		return bad("--seed, --variant and --set come from the log's header with --log")
	}
	if *at != "" {
		h, ok := parseAt(*at)
		if !ok {
			return bad("--at %q: want hours (300) or a duration (12d12h)", *at)
		}
		c.at, c.atSet = h, true
	}
	if *until != "" {
		d, err := scenarios.ParseDuration(*until)
		if err != nil || d.Hours() <= 0 {
			return bad("--until %q: want a duration after the fork, such as 14d or 36h", *until)
		}
		c.until = d.Hours()
	}
	c.injects = splitList(*injects)
	return c, -1
}

func futuresCmd(args []string, stdout, stderr io.Writer) int {
	c, code := parseFutures(args, stderr)
	if code >= 0 {
		return code
	}
	fail := func(err error) int {
		fmt.Fprintln(stderr, prefixed("cpkrange futures", err))
		return exitProblems
	}
	sc, source, seed, recs, code := futuresScenario(&c, stdout, stderr)
	if code >= 0 {
		return code
	}
	var o *analytics.Origin
	var opts []analytics.Option
	var question string
	ref := c.reference - 1
	var err error
	if c.decision != "" {
		i := slices.IndexFunc(sc.Decisions, func(d scenarios.Decision) bool { return d.ID == c.decision })
		if i < 0 {
			fmt.Fprintf(stderr, "cpkrange futures: --decision %q: %s has no such decision; its decisions are %s\n", c.decision, source, decisionIDs(sc))
			return exitUsage
		}
		if o, err = analytics.OriginAtDecision(sc, seed, recs, c.log, c.decision); err != nil {
			return fail(err)
		}
		if opts, err = analytics.DecisionOptions(o); err != nil {
			return fail(err)
		}
		d := sc.Decisions[i]
		question = fmt.Sprintf("%s decides: %s", d.Decider, d.Prompt)
		if c.reference == 0 {
			ref = analytics.DefaultOption(o)
		}
	} else {
		if c.at > sc.Meta.Horizon.Hours() {
			fmt.Fprintf(stderr, "cpkrange futures: --at %s is after the end of the run (%s)\n", agents.Clock(c.at), agents.Clock(sc.Meta.Horizon.Hours()))
			return exitUsage
		}
		if o, err = analytics.OriginAtTime(sc, seed, recs, c.log, c.at); err != nil {
			return fail(err)
		}
		if opts, code = momentOptions(sc, o, c.injects, c.force, stderr); code >= 0 {
			return code
		}
		question = fmt.Sprintf("What if, at %s, an inject of the script fired then, or the force acted, against no change?", agents.Clock(o.World.Now()))
		if c.reference == 0 {
			ref = 0
		}
	}
	if ref >= len(opts) {
		fmt.Fprintf(stderr, "cpkrange futures: --reference %d: there are %d options\n", c.reference, len(opts))
		return exitUsage
	}
	until := 0.0
	if c.until > 0 {
		until = o.World.Now() + c.until
	}
	spec := analytics.FuturesSpec{Origin: o, Options: opts, Reference: ref, N: c.n, Until: until, Workers: c.workers}
	dir := c.out
	if dir == "" {
		where := c.decision
		if where == "" {
			where = strings.NewReplacer(" ", "-", ":", "").Replace(agents.Clock(o.World.Now()))
		}
		dir = filepath.Join("out", strings.TrimSuffix(filepath.Base(source), ".toml")+"-futures-"+where)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	var futures []analytics.Future
	total := int64(c.n * len(opts))
	bar := newProgress(stderr, "cpkrange futures")
	sum, err := analytics.RunFutures(ctx, spec, func(f analytics.Future) {
		futures = append(futures, f)
		if !c.quiet {
			bar.update(analytics.Progress{Done: int64(len(futures)), Total: total})
		}
	})
	stop()
	interrupted := errors.Is(err, analytics.ErrInterrupted)
	if err != nil && !interrupted {
		return fail(err)
	}
	futures = futures[:sum.N*len(opts)]
	printFutures(stdout, sc, source, c, sum, question)
	if o.PastLog && len(recs) > 0 {
		fmt.Fprintf(stderr, "cpkrange futures: note: %s ends at %s, before the fork; the scenario's defaults took over from there\n", c.log, agents.Clock(recs[len(recs)-1].Time))
	}
	page := analytics.FuturesPage{Scenario: sc.Meta.Name, Source: source, Command: futuresCommand(args), Question: question, Log: c.log}
	path, werr := analytics.WriteFutures(dir, page, sum, futures)
	if werr != nil {
		return fail(werr)
	}
	fmt.Fprintf(stdout, "\nwrote %s (and %s, %s)\n", path, analytics.FuturesFile, analytics.FuturesSummaryFile)
	if interrupted {
		fmt.Fprintf(stderr, "cpkrange futures: interrupted: %d of %d futures per option are summarised\n", sum.N, c.n)
		return exitInterrupted
	}
	return exitOK
}

// futuresScenario loads the scenario, the seed and, with --log, the
// session's records; code is -1 when all is well.
func futuresScenario(c *futuresConfig, stdout, stderr io.Writer) (*scenarios.Scenario, string, uint64, []agents.Record, int) {
	name := c.scenario
	if c.log == "" {
		if name == "" {
			name = scenarios.Default
		}
		sc, source, err := scenarios.Open(name, scenarios.Options{Variant: c.variant, Set: c.sets, Budget: c.budget})
		if err != nil {
			fmt.Fprintln(stdout, err)
			return nil, "", 0, nil, exitProblems
		}
		seed := sc.Meta.Seed
		if c.seedSet {
			seed = c.seed
		}
		return sc, source, seed, nil, -1
	}
	data, err := readInput(c.log, agents.MaxLogSize)
	if err != nil {
		fmt.Fprintf(stderr, "cpkrange futures: %v\n", err)
		return nil, "", 0, nil, exitProblems
	}
	h, err := agents.ReadLogHeader(c.log, bytes.NewReader(data))
	if err != nil {
		fmt.Fprintln(stdout, err)
		return nil, "", 0, nil, exitProblems
	}
	if name == "" {
		if name, err = headerSource(h.Source); err != nil {
			fmt.Fprintf(stderr, "cpkrange futures: %s: %v; name the scenario: futures SCENARIO --log %s\n", c.log, err, c.log)
			return nil, "", 0, nil, exitProblems
		}
	}
	sc, source, err := scenarios.Open(name, scenarios.Options{Variant: h.Variant, Set: slices.Clone(h.Sets), Budget: c.budget})
	if err != nil {
		fmt.Fprintln(stdout, err)
		return nil, "", 0, nil, exitProblems
	}
	if sc.Meta.Name != h.Scenario {
		fmt.Fprintf(stderr, "cpkrange futures: %s records a run of %q, but %s is %q\n", c.log, h.Scenario, source, sc.Meta.Name)
		return nil, "", 0, nil, exitProblems
	}
	_, recs, err := agents.ReadLogFor(c.log, bytes.NewReader(data), sc)
	if err != nil {
		// A torn log replays up to its tear; the fork must come before it.
		fmt.Fprintln(stdout, err)
		var lp agents.LogProblems
		if len(recs) == 0 || !errors.As(err, &lp) {
			return nil, "", 0, nil, exitProblems
		}
		fmt.Fprintf(stderr, "cpkrange futures: warning: the session is replayed up to %s:%d, after %s; the scenario's defaults from there\n", c.log, lp[0].Line, count(len(recs), "record"))
	}
	return sc, source, h.Seed, recs, -1
}

func decisionIDs(sc *scenarios.Scenario) string {
	if len(sc.Decisions) == 0 {
		return "none (fork --at a moment instead)"
	}
	var ids []string
	for _, d := range sc.Decisions {
		ids = append(ids, fmt.Sprintf("%s (at %s)", d.ID, d.At))
	}
	return strings.Join(ids, ", ")
}

// momentOptions are the options of futures at a moment: no change, each
// inject of ids fired then (every inject when neither ids nor force is
// given), and each force function of force switched then. A switch that
// would change nothing is refused before any future runs.
func momentOptions(sc *scenarios.Scenario, o *analytics.Origin, ids []string, force []string, stderr io.Writer) ([]analytics.Option, int) {
	opts := []analytics.Option{{Label: "No change: the run goes on as scripted"}}
	for _, id := range ids {
		if !slices.ContainsFunc(sc.Injects, func(in scenarios.Inject) bool { return in.ID == id }) {
			fmt.Fprintf(stderr, "cpkrange futures: --inject %q: the scenario has no such inject\n", id)
			return nil, exitUsage
		}
	}
	for i, in := range sc.Injects {
		if len(ids) > 0 && !slices.Contains(ids, in.ID) || len(ids) == 0 && len(force) > 0 {
			continue
		}
		opts = append(opts, analytics.Option{Label: fmt.Sprintf("Fire inject %s now: %s", in.ID, in.Title), Do: func(w *agents.World) error {
			if !w.Fire(i) {
				return fmt.Errorf("inject %s cannot fire at %s", in.ID, agents.Clock(w.Now()))
			}
			return nil
		}})
	}
	for _, f := range force {
		name, state, _ := strings.Cut(f, "=")
		on := state != "off"
		if state != "" && state != "on" && state != "off" {
			fmt.Fprintf(stderr, "cpkrange futures: --force %q: want FUNCTION, FUNCTION=on or FUNCTION=off\n", f)
			return nil, exitUsage
		}
		if err := o.World.Fork(nil).SwitchFunction(name, on); err != nil {
			fmt.Fprintf(stderr, "cpkrange futures: --force %s: %s\n", f, strings.TrimPrefix(err.Error(), "agents: "))
			return nil, exitUsage
		}
		verb := "switches on"
		if !on {
			verb = "switches off"
		}
		opts = append(opts, analytics.Option{Label: fmt.Sprintf("The force %s %s now", verb, name), Do: func(w *agents.World) error {
			return w.SwitchFunction(name, on)
		}})
	}
	if len(opts) < 2 {
		fmt.Fprintln(stderr, "cpkrange futures: the scenario has no inject to fire: --at compares no change with the script's injects, or with --force FUNCTION")
		return nil, exitUsage
	}
	return opts, -1
}

// futuresCommand is the command line that makes the same futures again,
// without the flags that change where they go or how fast, not what they
// are.
func futuresCommand(args []string) string {
	parts := []string{"cpkrange", "futures"}
	for i := 0; i < len(args); i++ {
		a := args[i]
		name, _, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if strings.HasPrefix(a, "-") && slices.Contains([]string{"out", "workers", "quiet"}, name) {
			if !hasValue && name != "quiet" {
				i++
			}
			continue
		}
		if strings.ContainsAny(a, " \t\"'$\\") {
			a = strconv.Quote(a)
		}
		parts = append(parts, a)
	}
	return strings.Join(parts, " ")
}

// printFutures prints the table of outcomes, each option's differences
// from the reference in words, and the clearest difference.
func printFutures(w io.Writer, sc *scenarios.Scenario, source string, c futuresConfig, s *analytics.FuturesSummary, question string) {
	from := "the scenario's defaults up to then"
	if c.log != "" {
		from = "replaying " + c.log
	}
	what := "decision " + s.Decision
	if s.Decision == "" {
		what = "the moment"
	}
	fmt.Fprintf(w, "%s: futures of %s at %s (seed %d, %s)\n", sc.Meta.Name, what, agents.Clock(s.At), s.Seed, from)
	fmt.Fprintln(w, wrap(question, 78, "  "))
	to := agents.Clock(s.Until)
	if s.Until >= s.Horizon {
		to += " (the horizon)"
	}
	fmt.Fprintf(w, "%d futures per option, each to %s; compared with option %d, future by future\n\n", s.N, to, s.Reference+1)
	if s.N == 0 {
		return
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	head := []string{"option"}
	for _, name := range analytics.FutureMetrics {
		m, _ := agents.MetricByName(name)
		head = append(head, m.Label)
	}
	fmt.Fprintln(tw, strings.Join(head, "\t"))
	for k := range s.Options {
		row := []string{strconv.Itoa(k + 1)}
		if k == s.Reference {
			row[0] += " (reference)"
		}
		for _, name := range analytics.FutureMetrics {
			st, _ := s.Stat(k, name)
			row = append(row, analytics.OutcomeCell(name, st))
		}
		fmt.Fprintln(tw, strings.Join(row, "\t"))
	}
	tw.Flush()
	fmt.Fprintln(w)
	for k, label := range s.Options {
		fmt.Fprintln(w, wrap(fmt.Sprintf("%d. %s", k+1, label), 78, "   "))
		if k == s.Reference {
			continue
		}
		var parts []string
		for _, name := range analytics.FutureMetrics {
			if cmp, ok := s.Versus(k, name); ok {
				parts = append(parts, analytics.Difference(cmp))
			}
		}
		fmt.Fprintln(w, wrap(fmt.Sprintf("vs %d: %s", s.Reference+1, strings.Join(parts, "; ")), 78, "   "))
	}
	fmt.Fprintln(w)
	if cmp, k, ok := s.Clearest(); ok {
		fmt.Fprintf(w, "Clearest difference: Option %d: %s\n", k+1, analytics.Difference(cmp))
	} else {
		fmt.Fprintln(w, "No clear difference between the options in these futures.")
	}
}

// wrap breaks text into lines of at most width runes, the later ones
// indented.
func wrap(text string, width int, indent string) string {
	var b strings.Builder
	line := 0
	for i, word := range strings.Fields(text) {
		if i > 0 {
			if line+1+len([]rune(word)) > width {
				b.WriteString("\n" + indent)
				line = len(indent)
			} else {
				b.WriteByte(' ')
				line++
			}
		}
		b.WriteString(word)
		line += len([]rune(word))
	}
	return b.String()
}
