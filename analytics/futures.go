package analytics

import (
	"context"
	"fmt"
	"math"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"

	"cpkrange/agents"
	"cpkrange/scenarios"
	"cpkrange/sim"
)

// Futures at a decision: a run stopped at an event boundary is forked into
// N futures per option, each to the horizon or a look-ahead. Future i of
// every option is reseeded from the run's seed and i alone (FutureSeed), so
// the options' futures are paired by i (common random numbers) and compared
// as a batch compares its variants with the base: the same intervals, tests
// and verdicts (statOf, comparisonOf).

// FutureMetrics are the outcomes futures are judged by, in the order the
// screen, the table and the page show them.
var FutureMetrics = []string{"reached_conflict", "armed", "harm", "mean_trust", "misattributed", "rumour_reach"}

// Origin is where futures fork: a run stopped at an event boundary, the
// metrics of its records so far, and the decision pending there ("" when
// the futures are of a moment). Futures only read it.
type Origin struct {
	World    *agents.World
	Metrics  *agents.Metrics
	Decision string
	// PastLog is true when the session's log ended before the fork: the
	// scenario's defaults took over from its last record.
	PastLog bool
}

// OriginAtDecision runs sc with seed, as the session whose records are log
// went (nil: taking every default; logName names it in messages), until
// the decision with the given id is put: its options are the futures'.
func OriginAtDecision(sc *scenarios.Scenario, seed uint64, log []agents.Record, logName, decision string) (*Origin, error) {
	m := agents.NewMetrics(sc)
	re, err := agents.Reenact(sc, seed, log, logName, m)
	if err != nil {
		return nil, err
	}
	if err := re.ToDecision(decision); err != nil {
		return nil, err
	}
	return &Origin{World: re.World(), Metrics: m, Decision: decision, PastLog: log != nil && re.LogEnded()}, nil
}

// OriginAtTime runs sc with seed as the session of log went (nil: the
// defaults) until time at (hours).
func OriginAtTime(sc *scenarios.Scenario, seed uint64, log []agents.Record, logName string, at float64) (*Origin, error) {
	m := agents.NewMetrics(sc)
	re, err := agents.Reenact(sc, seed, log, logName, m)
	if err != nil {
		return nil, err
	}
	if err := re.ToTime(at); err != nil {
		return nil, err
	}
	return &Origin{World: re.World(), Metrics: m, PastLog: log != nil && re.LogEnded()}, nil
}

// Option is one course a fork can take: what it does to the fork at the
// origin, before the fork runs on (nil: nothing, "no change").
type Option struct {
	Label string
	Do    func(w *agents.World) error
}

// DecisionOptions returns the options of the decision pending at o, each
// answering it as the facilitator would (so that a fork taking option k
// makes the records a session answering k makes).
func DecisionOptions(o *Origin) ([]Option, error) {
	i, ok := o.World.DecisionIndex(o.Decision)
	if !ok || !slices.ContainsFunc(o.World.Pending(), func(d agents.Decision) bool { return d.Index == i }) {
		return nil, fmt.Errorf("analytics: decision %q is not open at %s", o.Decision, agents.Clock(o.World.Now()))
	}
	d := o.World.Scenario().Decisions[i]
	out := make([]Option, len(d.Options))
	for k, opt := range d.Options {
		out[k] = Option{Label: opt.Label, Do: func(w *agents.World) error {
			if !w.Decide(i, k+1, "facilitator") {
				return fmt.Errorf("analytics: decision %q option %d could not be taken", o.Decision, k+1)
			}
			return nil
		}}
	}
	return out, nil
}

// DefaultOption returns the index in DecisionOptions of the decision's
// default: what happens when nobody answers, the natural reference.
func DefaultOption(o *Origin) int {
	i, ok := o.World.DecisionIndex(o.Decision)
	if !ok {
		return 0
	}
	return o.World.Scenario().Decisions[i].Default - 1
}

// FuturesSpec is what RunFutures runs.
type FuturesSpec struct {
	Origin  *Origin
	Options []Option
	// Reference is the index of the option the others are compared with.
	Reference int
	N         int     // futures per option
	Until     float64 // hours: the futures end here (a look-ahead); 0 or past the horizon: the horizon
	Workers   int     // goroutines; 0: GOMAXPROCS
}

// FutureSeed is the seed of future i of a run of seed: the same for every
// option, so that the options' futures i meet the same random numbers.
func FutureSeed(seed uint64, i int) uint64 {
	const futures = 0x6675747572657321 // "futures!": apart from a batch's replication seeds
	return sim.Derive(sim.Derive(seed, futures), uint64(i))
}

// Future is one finished future.
type Future struct {
	Index  int // i, from 0
	Option int // index in the spec's Options
	Seed   uint64
	Values []agents.Value // the run's metrics, in agents.MetricNamesFor order
}

// until returns the hour the futures end.
func (sp *FuturesSpec) until() float64 {
	h := sp.Origin.World.Horizon()
	if sp.Until <= 0 || sp.Until > h {
		return h
	}
	return sp.Until
}

func (sp *FuturesSpec) check() error {
	switch {
	case sp.Origin == nil || sp.Origin.World == nil || sp.Origin.Metrics == nil:
		return fmt.Errorf("analytics: futures need an origin: a run and its metrics so far")
	case sp.Origin.World.Ended():
		return fmt.Errorf("analytics: the run has ended at %s: it has no futures", agents.Clock(sp.Origin.World.Now()))
	case len(sp.Options) < 1:
		return fmt.Errorf("analytics: futures need at least one option")
	case sp.Reference < 0 || sp.Reference >= len(sp.Options):
		return fmt.Errorf("analytics: reference option %d: want 1 to %d", sp.Reference+1, len(sp.Options))
	case sp.N < 1:
		return fmt.Errorf("analytics: %d futures per option: want at least 1", sp.N)
	case sp.Until > 0 && sp.Until <= sp.Origin.World.Now():
		return fmt.Errorf("analytics: the look-ahead ends at %s, not after the origin (%s)", agents.Clock(sp.Until), agents.Clock(sp.Origin.World.Now()))
	}
	return nil
}

// RunFutures runs spec.N futures of each option on spec.Workers goroutines
// and calls each (when not nil) from one goroutine with every future as it
// finishes, in the fixed order (future 0 of every option, then future 1,
// ...) whatever the number of workers. It returns the summary of every
// future run. When ctx ends it stops, and returns the summary of the
// futures complete for every option so far with an error wrapping
// ErrInterrupted.
func RunFutures(ctx context.Context, spec FuturesSpec, each func(Future)) (*FuturesSummary, error) {
	if err := spec.check(); err != nil {
		return nil, err
	}
	tally := NewFuturesTally(spec)
	err := runFutures(ctx, spec, func(f Future) {
		tally.Add(f)
		if each != nil {
			each(f)
		}
	})
	return tally.Summary(), err
}

// runFutures is RunFutures without the tally.
func runFutures(ctx context.Context, spec FuturesSpec, each func(Future)) error {
	n := workers(spec.Workers)
	k := len(spec.Options)
	total := spec.N * k
	until := spec.until()
	seed := spec.Origin.World.Seed()
	next, err := inOrder(ctx, n, 0, int64(total),
		func() func(int64) (Future, error) {
			return func(j int64) (Future, error) {
				i, opt := int(j)/k, int(j)%k
				return runFuture(spec.Origin, spec.Options[opt], opt, i, FutureSeed(seed, i), until)
			}
		},
		func(_ int64, f Future) { each(f) }, nil, nil)
	if err != nil {
		return err
	}
	if next < int64(total) {
		return fmt.Errorf("analytics: %w after %d of %d futures: %w", ErrInterrupted, next, total, context.Cause(ctx))
	}
	return nil
}

// runFuture forks the origin, reseeds the fork for future i, takes the
// option and runs the fork to until.
func runFuture(o *Origin, opt Option, k, i int, seed uint64, until float64) (f Future, err error) {
	f = Future{Index: i, Option: k, Seed: seed}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("analytics: future %d of option %d (seed %d) panicked: %v\n%s", i, k+1, seed, r, debug.Stack())
		}
	}()
	m := o.Metrics.Clone()
	w := o.World.Fork(m)
	w.Reseed(seed)
	if opt.Do != nil {
		if err := opt.Do(w); err != nil {
			return f, err
		}
	}
	// Decisions still open, and those put later, take their defaults, as
	// in a batch run.
	for _, p := range slices.Clone(w.Pending()) {
		w.Decide(p.Index, w.Scenario().Decisions[p.Index].Default, "default")
	}
	w.SetInteractive(false)
	if err := w.EndAt(until); err != nil {
		return f, err
	}
	w.Run()
	f.Values = m.Values()
	return f, nil
}

// FuturesTally collects finished futures, in RunFutures's order, and
// summarises those complete for every option. It is not safe for
// concurrent use.
type FuturesTally struct {
	spec    FuturesSpec
	idx     []int         // FutureMetrics' positions in a future's Values
	values  [][][]float64 // [option][metric][future]
	counted []int         // futures per option so far
}

// NewFuturesTally returns an empty tally of spec's futures.
func NewFuturesTally(spec FuturesSpec) *FuturesTally {
	t := &FuturesTally{spec: spec, counted: make([]int, len(spec.Options))}
	names := agents.MetricNamesFor(spec.Origin.World.Scenario())
	for _, name := range FutureMetrics {
		t.idx = append(t.idx, slices.Index(names, name))
	}
	t.values = make([][][]float64, len(spec.Options))
	for k := range t.values {
		t.values[k] = make([][]float64, len(FutureMetrics))
		for m := range t.values[k] {
			t.values[k][m] = make([]float64, 0, spec.N)
		}
	}
	return t
}

// Add takes one future.
func (t *FuturesTally) Add(f Future) {
	for m, i := range t.idx {
		t.values[f.Option][m] = append(t.values[f.Option][m], f.Values[i].Value)
	}
	t.counted[f.Option]++
}

// Complete returns the number of futures complete for every option.
func (t *FuturesTally) Complete() int { return slices.Min(t.counted) }

// FuturesSummary is what the futures of an origin say so far.
type FuturesSummary struct {
	Decision  string       `json:"decision,omitempty"`
	At        float64      `json:"at"`    // hours: the origin
	Until     float64      `json:"until"` // hours: when the futures end
	Horizon   float64      `json:"horizon"`
	Seed      uint64       `json:"seed"` // the run's; future i's is FutureSeed(Seed, i)
	N         int          `json:"n"`    // futures summarised per option
	Planned   int          `json:"planned"`
	Reference int          `json:"reference"` // index of the option compared with
	Options   []string     `json:"options"`
	Metrics   []MetricInfo `json:"metrics"`
	// Stats holds, option by option, a Stat per metric (Arm is the
	// option's label); Comparisons, for every option but the reference,
	// its difference from the reference on each metric, paired by future
	// (Variant is the option's label), with PHolm over all of them.
	Stats       []Stat       `json:"stats"`
	Comparisons []Comparison `json:"comparisons,omitempty"`
}

// Summary summarises the futures complete for every option.
func (t *FuturesTally) Summary() *FuturesSummary {
	sp := &t.spec
	n := t.Complete()
	s := &FuturesSummary{
		Decision: sp.Origin.Decision, At: sp.Origin.World.Now(), Until: sp.until(), Horizon: sp.Origin.World.Horizon(),
		Seed: sp.Origin.World.Seed(), N: n, Planned: sp.N, Reference: sp.Reference,
	}
	for _, o := range sp.Options {
		s.Options = append(s.Options, o.Label)
	}
	if n == 0 {
		return s
	}
	binary := make([]bool, len(FutureMetrics))
	for m, name := range FutureMetrics {
		binary[m] = true
		for k := range sp.Options {
			binary[m] = binary[m] && isBinary(t.values[k][m][:n])
		}
		s.Metrics = append(s.Metrics, MetricInfo{Name: name, Binary: binary[m]})
	}
	for k, label := range s.Options {
		for m, name := range FutureMetrics {
			s.Stats = append(s.Stats, statOf(label, name, t.values[k][m][:n], binary[m]))
		}
	}
	for k, label := range s.Options {
		if k == sp.Reference {
			continue
		}
		for m, name := range FutureMetrics {
			s.Comparisons = append(s.Comparisons, comparisonOf(label, name, t.values[k][m][:n], t.values[sp.Reference][m][:n], binary[m]))
		}
	}
	if len(s.Comparisons) > 0 {
		adjustHolm(s.Comparisons)
	}
	return s
}

// Stat returns the statistics of option k on metric.
func (s *FuturesSummary) Stat(k int, metric string) (Stat, bool) {
	i := slices.Index(FutureMetrics, metric)
	if i < 0 || k < 0 || k >= len(s.Options) || len(s.Stats) == 0 {
		return Stat{}, false
	}
	return s.Stats[k*len(FutureMetrics)+i], true
}

// Versus returns option k's comparison with the reference on metric;
// false for the reference itself.
func (s *FuturesSummary) Versus(k int, metric string) (Comparison, bool) {
	i := slices.Index(FutureMetrics, metric)
	if i < 0 || k == s.Reference || k < 0 || k >= len(s.Options) || len(s.Comparisons) == 0 {
		return Comparison{}, false
	}
	row := k
	if k > s.Reference {
		row--
	}
	return s.Comparisons[row*len(FutureMetrics)+i], true
}

// Clearest returns the clearest difference from the reference on the
// outcome that matters most: the first of FutureMetrics (conflict, armed
// conflict, harm, trust, ...) on which some option differs clearly, and of
// those options the one with the largest effect size (|d_z|; a difference
// the same in every pair counts as infinite), the first on a tie. A room
// reads "conflict 19 points less likely" before "trust 0.01 higher", even
// when the second is steadier. False when no difference is clear.
func (s *FuturesSummary) Clearest() (Comparison, int, bool) {
	for m := range FutureMetrics {
		best, bestK, size := Comparison{}, -1, -1.0
		for j, c := range s.Comparisons {
			if j%len(FutureMetrics) != m || !c.Clear() {
				continue
			}
			e := math.Abs(float64(c.Effect))
			if math.IsNaN(e) {
				e = math.Inf(1)
			}
			if e > size {
				k := j / len(FutureMetrics)
				if k >= s.Reference {
					k++
				}
				best, bestK, size = c, k, e
			}
		}
		if bestK >= 0 {
			return best, bestK, true
		}
	}
	return Comparison{}, -1, false
}

// futureWords says how a difference in each outcome reads.
var futureWords = map[string]struct {
	noun       string
	more, less string
	points     bool // a share: its difference reads in percentage points
	relative   bool // a size: its difference reads relative to the reference
}{
	"reached_conflict": {"conflict", "more likely", "less likely", true, false},
	"armed":            {"armed conflict", "more likely", "less likely", true, false},
	"harm":             {"civilian harm", "higher", "lower", false, true},
	"mean_trust":       {"trust", "higher", "lower", false, false},
	"misattributed":    {"wrong attributions", "more", "fewer", false, false},
	"rumour_reach":     {"the largest rumour's reach", "wider", "narrower", true, false},
}

// Difference says c in words, as the room reads it: "conflict 31 points
// less likely (clear)", "civilian harm 24% lower (noise)".
func Difference(c Comparison) string {
	w, ok := futureWords[c.Metric]
	if !ok {
		w.noun, w.more, w.less = c.Metric, "higher", "lower"
	}
	d := float64(c.Diff)
	if d == 0 && float64(c.SDDiff) == 0 {
		// No pair differs; for an event the interval still says how large
		// a difference these futures cannot rule out.
		return w.noun + ": the same in every future"
	}
	dir := w.more
	if d < 0 {
		dir = w.less
	}
	var size string
	switch {
	case w.points:
		size = strconv.FormatFloat(math.Abs(100*d), 'f', 0, 64) + " points"
		if size == "1 points" {
			size = "1 point"
		}
	case w.relative && float64(c.Base) > 0:
		size = strconv.FormatFloat(math.Abs(100*d/float64(c.Base)), 'f', 0, 64) + "%"
	default:
		size = number(math.Abs(d))
	}
	verdict := "noise"
	switch {
	case c.Clear():
		verdict = "clear"
	case c.Verdict == undetermined:
		verdict = "too few futures to tell"
	}
	return fmt.Sprintf("%s %s %s (%s)", w.noun, size, dir, verdict)
}

// Headline is option k's outcomes in one short line: "conflict 64%
// [57–70] · armed 12% [8–17] · harm 1.31 M · trust 0.41".
func (s *FuturesSummary) Headline(k int) string {
	var parts []string
	for _, name := range FutureMetrics {
		st, ok := s.Stat(k, name)
		if !ok {
			continue
		}
		parts = append(parts, outcomeText(name, st))
	}
	return strings.Join(parts, " · ")
}

// outcomeText is one outcome of an option, short: a share as a percentage
// with its interval, a size as its mean.
func outcomeText(name string, st Stat) string {
	noun := map[string]string{"reached_conflict": "conflict", "armed": "armed", "harm": "harm", "mean_trust": "trust", "misattributed": "misattributed", "rumour_reach": "rumour"}[name]
	switch name {
	case "reached_conflict", "armed":
		return fmt.Sprintf("%s %s [%s–%s]", noun, pct(float64(st.Mean)), pctNum(float64(st.Low)), pctNum(float64(st.High)))
	case "rumour_reach":
		return fmt.Sprintf("%s %s", noun, pct(float64(st.Mean)))
	case "mean_trust":
		return fmt.Sprintf("%s %s", noun, fixed(float64(st.Mean), 2))
	}
	return fmt.Sprintf("%s %s", noun, number(float64(st.Mean)))
}

// OutcomeCell is option's outcome on metric with its 95% interval, for a
// table: "16% [8–29]" for a share, "1.45 M [1.31 M–1.60 M]" for a size.
func OutcomeCell(metric string, st Stat) string {
	switch metric {
	case "reached_conflict", "armed", "rumour_reach":
		return fmt.Sprintf("%s [%s–%s]", pct(float64(st.Mean)), pctNum(float64(st.Low)), pctNum(float64(st.High)))
	case "mean_trust":
		return fmt.Sprintf("%s [%s–%s]", fixed(float64(st.Mean), 3), fixed(float64(st.Low), 3), fixed(float64(st.High), 3))
	}
	return fmt.Sprintf("%s [%s–%s]", number(float64(st.Mean)), number(float64(st.Low)), number(float64(st.High)))
}

func pct(x float64) string { return pctNum(x) + "%" }

func pctNum(x float64) string {
	if math.IsNaN(x) {
		return "–"
	}
	return strconv.FormatFloat(100*x, 'f', 0, 64)
}

// Said is what the screen says of every option, for the
// facilitator.futures record: each option's headline and its clearest
// difference, and the clearest of all.
func (s *FuturesSummary) Said() string {
	var b strings.Builder
	for k, label := range s.Options {
		if k > 0 {
			b.WriteString(" | ")
		}
		fmt.Fprintf(&b, "%d. %s: %s", k+1, label, s.Headline(k))
		if k == s.Reference {
			b.WriteString(" (reference)")
		}
	}
	if c, k, ok := s.Clearest(); ok {
		fmt.Fprintf(&b, " | clearest: Option %d: %s", k+1, Difference(c))
	} else if s.N > 0 {
		b.WriteString(" | no clear difference")
	}
	return b.String()
}
