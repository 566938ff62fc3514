package analytics

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// Float is a float64 that encodes NaN and infinities as JSON null (and
// reads null back as NaN), since JSON has no NaN.
type Float float64

// MarshalJSON encodes f as the shortest decimal that reads back to it, or
// null.
func (f Float) MarshalJSON() ([]byte, error) {
	v := float64(f)
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return []byte("null"), nil
	}
	return strconv.AppendFloat(nil, v, 'g', -1, 64), nil
}

// UnmarshalJSON reads a number or null (NaN).
func (f *Float) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*f = Float(math.NaN())
		return nil
	}
	v, err := strconv.ParseFloat(string(b), 64)
	*f = Float(v)
	return err
}

// Summary is what a study found: descriptive statistics of every metric in
// every arm, comparisons of each variant with the base, the convergence of
// the intervals, the daily series, and for sweeps the sensitivity of each
// metric to the swept parameters. It is computed from the study's files
// alone, in their order, so a study run on any number of workers or shards
// gives the same summary, byte for byte.
type Summary struct {
	Format   string `json:"format"`
	Scenario string `json:"scenario"` // scenario.name
	Kind     Kind   `json:"kind"`
	Version  string `json:"version"`
	Command  string `json:"command"`
	Seed     uint64 `json:"seed"`
	// N is the number of replications per arm summarised; Planned the
	// study's. They differ while a study is unfinished (Complete false).
	N           int          `json:"n"`
	Planned     int          `json:"planned"`
	Complete    bool         `json:"complete"`
	Arms        []string     `json:"arms"`
	Params      []string     `json:"params,omitempty"`
	Points      [][]float64  `json:"points,omitempty"`
	Metrics     []MetricInfo `json:"metrics"`
	Stats       []Stat       `json:"stats"`
	Comparisons []Comparison `json:"comparisons,omitempty"`
	Convergence []Checkpoint `json:"convergence,omitempty"`
	Daily       []DayPoint   `json:"daily,omitempty"`
	Sensitivity []Influence  `json:"sensitivity,omitempty"`
}

// MetricInfo describes a metric of the study.
type MetricInfo struct {
	Name string `json:"name"`
	// Binary is true when every value in every arm is 0 or 1: the metric
	// is an event (armed conflict happened) and its mean a proportion.
	Binary bool `json:"binary"`
}

// Stat describes one metric in one arm.
type Stat struct {
	Arm    string `json:"arm"`
	Metric string `json:"metric"`
	N      int    `json:"n"`
	Mean   Float  `json:"mean"`
	SD     Float  `json:"sd"`
	Min    Float  `json:"min"`
	Q05    Float  `json:"q05"`
	Q25    Float  `json:"q25"`
	Q50    Float  `json:"q50"`
	Q75    Float  `json:"q75"`
	Q95    Float  `json:"q95"`
	Max    Float  `json:"max"`
	// Low and High bound the 95% interval of the mean: Student's t, or for
	// a binary metric Wilson's score interval of the proportion.
	Low      Float  `json:"ci_low"`
	High     Float  `json:"ci_high"`
	Interval string `json:"interval"` // "t" or "wilson"
}

// Comparison is a variant against the base on one metric, paired by
// replication (both ran with the same seeds).
type Comparison struct {
	Variant string `json:"variant"`
	Metric  string `json:"metric"`
	N       int    `json:"n"`
	Base    Float  `json:"base_mean"`
	Mean    Float  `json:"mean"`
	Diff    Float  `json:"diff"` // Mean - Base
	SDDiff  Float  `json:"sd_diff"`
	Low     Float  `json:"diff_low"`
	High    Float  `json:"diff_high"`
	// Interval is "t" (Student's t on the paired differences) or
	// "newcombe" (Newcombe's paired square-and-add, for binary metrics).
	Interval string `json:"interval"`
	Effect   Float  `json:"effect_size"` // Cohen's d_z: Diff / SDDiff
	Test     string `json:"test"`        // "paired-t" or "mcnemar-exact"
	P        Float  `json:"p"`
	// PHolm is P adjusted by Holm's method over every comparison of the
	// study, for reading many comparisons at once.
	PHolm Float `json:"p_holm"`
	// Up and Down count, for a binary metric, the replications where the
	// event happened only with the variant (Up) or only in the base (Down).
	Up      int    `json:"up,omitempty"`
	Down    int    `json:"down,omitempty"`
	Verdict string `json:"verdict"`
}

// The verdicts of a comparison.
const (
	clearIncrease = "clear increase" // the 95% interval of the difference lies above 0
	clearDecrease = "clear decrease" // ... below 0
	noise         = "noise"          // the interval contains 0
	identical     = "identical"      // the same value in every replication
	undetermined  = "undetermined"   // too few replications for an interval
)

// Clear reports whether the verdict is a clear difference.
func (c Comparison) Clear() bool { return c.Verdict == clearIncrease || c.Verdict == clearDecrease }

// Checkpoint is the half-width of an arm's 95% interval of a metric's mean
// after its first N replications, and of the interval of its difference
// from the base (NaN for the base and in sweeps).
type Checkpoint struct {
	Arm           string `json:"arm"`
	Metric        string `json:"metric"`
	N             int    `json:"n"`
	HalfWidth     Float  `json:"half_width"`
	DiffHalfWidth Float  `json:"diff_half_width"`
}

// DayPoint is the mean over an arm's replications of the civilian harm so
// far and of the top escalation rung at the end of one day, with 95%
// intervals of the means.
type DayPoint struct {
	Arm      string `json:"arm"`
	Day      int    `json:"day"`
	N        int    `json:"n"`
	Harm     Float  `json:"harm"`
	HarmLow  Float  `json:"harm_low"`
	HarmHigh Float  `json:"harm_high"`
	Rung     Float  `json:"top_rung"`
	RungLow  Float  `json:"top_rung_low"`
	RungHigh Float  `json:"top_rung_high"`
}

// Influence is the sensitivity of a metric to one swept parameter over all
// runs of a sweep: the standardised regression coefficient (with the R² of
// the linear model it comes from) and Spearman's rank correlation.
type Influence struct {
	Metric   string `json:"metric"`
	Param    string `json:"param"`
	SRC      Float  `json:"src"`
	R2       Float  `json:"r2"`
	Spearman Float  `json:"spearman"`
	// The 95% bootstrap intervals (percentiles over resamples of the
	// runs, seeded by the study's seed) of SRC and Spearman.
	SRCLow       Float `json:"src_low"`
	SRCHigh      Float `json:"src_high"`
	SpearmanLow  Float `json:"spearman_low"`
	SpearmanHigh Float `json:"spearman_high"`
}

const summaryFormat = "cpkrange-summary/1"

// columnBudget bounds the memory Summarize spends on metric columns: it
// reads runs.csv in as many passes as it needs to hold at most this many
// bytes of columns at a time (8 bytes per run and metric).
const columnBudget = 16 << 20

// Summarize computes the summary of the study in dir from its files and
// writes summary.json and summary.csv, each atomically. An unfinished
// study is summarised over its complete replications, and says so
// (Complete false); a shard cannot be summarised: merge it first. It holds
// one column of every metric in memory at a time when it can (8 bytes per
// run and metric, in passes of at most 16 MiB). It draws nothing: the
// plots are WritePlots's.
func Summarize(dir string) (*Summary, error) {
	sum, err := computeSummary(dir)
	if err != nil {
		return nil, err
	}
	if err := writeSummary(dir, sum); err != nil {
		return nil, err
	}
	return sum, nil
}

// computeSummary computes the summary of the study in dir without writing
// anything.
func computeSummary(dir string) (*Summary, error) {
	m, err := ReadManifest(dir)
	if err != nil {
		return nil, err
	}
	if !m.ShardOf().Whole() {
		return nil, fmt.Errorf("analytics: %s holds shard %s of a study: merge the shards first", dir, m.ShardOf())
	}
	runsPath := filepath.Join(dir, RunsFile)
	rows, _, err := scanRows(runsPath, m, runsHeader(m), true)
	if err != nil {
		return nil, err
	}
	if m.Daily {
		// A kill between the flushes of the two files can leave daily.csv
		// a row short; resume repairs that, a summary of an unfinished
		// study reads the rows both hold.
		dRows, _, err := scanRows(filepath.Join(dir, DailyFile), m, dailyHeader(m), false)
		if err != nil {
			return nil, err
		}
		rows = min(rows, dRows)
	}
	arms := len(m.Arms)
	reps := int(rows / int64(arms))
	if reps == 0 {
		return nil, fmt.Errorf("analytics: %s holds no complete replication yet", dir)
	}
	s := &Summary{
		Format: summaryFormat, Scenario: m.Scenario.Name, Kind: m.Kind, Version: m.Version,
		Command: m.Command, Seed: m.Seed, N: reps, Planned: m.N, Complete: reps == m.N,
		Arms: m.Arms, Params: m.Params, Points: m.Points,
	}
	nRows := reps * arms
	per := max(1, columnBudget/(8*nRows))
	metricCol := len(runsHeader(m)) - len(m.Metrics)
	var comps []Comparison
	for lo := 0; lo < len(m.Metrics); lo += per {
		hi := min(lo+per, len(m.Metrics))
		idx := make([]int, hi-lo)
		for i := range idx {
			idx[i] = metricCol + lo + i
		}
		cols, err := readColumns(runsPath, idx, nRows)
		if err != nil {
			return nil, err
		}
		for i, col := range cols {
			c := s.addMetric(m, m.Metrics[lo+i], col, reps)
			comps = append(comps, c...)
		}
	}
	if len(comps) > 0 {
		adjustHolm(comps)
		s.Comparisons = comps
	}
	if m.Daily {
		if s.Daily, err = dailySeries(filepath.Join(dir, DailyFile), m, nRows); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// readColumns reads the given columns of the first n rows of a study file.
func readColumns(path string, idx []int, n int) ([][]float64, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("analytics: %w", err)
	}
	defer f.Close()
	cols := make([][]float64, len(idx))
	for i := range cols {
		cols[i] = make([]float64, n)
	}
	br := bufio.NewReaderSize(f, 1<<16)
	if _, err := br.ReadString('\n'); err != nil {
		return nil, fmt.Errorf("analytics: %s: %w", path, err)
	}
	var fields []string
	for r := 0; r < n; r++ {
		line, err := br.ReadString('\n')
		if err != nil {
			return nil, fmt.Errorf("analytics: %s: row %d: %w", path, r+1, err)
		}
		if fields, err = splitFields(fields[:0], strings.TrimSuffix(line, "\n")); err != nil {
			return nil, fmt.Errorf("analytics: %s: row %d: %w", path, r+1, err)
		}
		for i, k := range idx {
			if k >= len(fields) {
				return nil, fmt.Errorf("analytics: %s: row %d is short", path, r+1)
			}
			if cols[i][r], err = parseFloat(fields[k]); err != nil {
				return nil, fmt.Errorf("analytics: %s:%d: row %d: %w", path, r+2, r+1, err)
			}
		}
	}
	return cols, nil
}

// isBinary reports whether every value is 0 or 1.
func isBinary(col []float64) bool {
	for _, v := range col {
		if v != 0 && v != 1 {
			return false
		}
	}
	return true
}

// addMetric adds one metric's statistics, convergence and sensitivity to
// s, and returns its comparisons (P not yet adjusted). col holds the
// metric of every run, row r = replication·arms + arm.
func (s *Summary) addMetric(m *Manifest, name string, col []float64, reps int) []Comparison {
	arms := len(m.Arms)
	binary := isBinary(col)
	s.Metrics = append(s.Metrics, MetricInfo{Name: name, Binary: binary})
	byArm := make([][]float64, arms)
	for a := range byArm {
		x := make([]float64, reps)
		for r := range x {
			x[r] = col[r*arms+a]
		}
		byArm[a] = x
	}
	base := -1
	if m.Kind == Batch {
		base = slices.Index(m.Arms, Base)
	}
	checkpoints := checkpointNs(reps)
	for a, x := range byArm {
		s.Stats = append(s.Stats, statOf(m.Arms[a], name, x, binary))
		if m.Kind != Batch {
			continue
		}
		for _, c := range checkpoints {
			cp := Checkpoint{Arm: m.Arms[a], Metric: name, N: c,
				HalfWidth: Float(meanInterval(x[:c], binary).HalfWidth()), DiffHalfWidth: Float(math.NaN())}
			if base >= 0 && a != base {
				cp.DiffHalfWidth = Float(compare(x[:c], byArm[base][:c], binary).CI.HalfWidth())
			}
			s.Convergence = append(s.Convergence, cp)
		}
	}
	if m.Kind == Sweep {
		s.addSensitivity(m, name, col)
		return nil
	}
	if base < 0 {
		return nil
	}
	var comps []Comparison
	for a, x := range byArm {
		if a == base {
			continue
		}
		comps = append(comps, comparisonOf(m.Arms[a], name, x, byArm[base], binary))
	}
	return comps
}

// adjustHolm sets the PHolm of every comparison, adjusting their P over
// all of them.
func adjustHolm(comps []Comparison) {
	p := make([]float64, len(comps))
	for i, c := range comps {
		p[i] = float64(c.P)
	}
	for i, adj := range holm(p) {
		comps[i].PHolm = Float(adj)
	}
}

// statOf describes the sample x of metric name in arm.
func statOf(arm, name string, x []float64, binary bool) Stat {
	d := describe(x)
	st := Stat{
		Arm: arm, Metric: name, N: d.N, Mean: Float(d.Mean), SD: Float(d.SD),
		Min: Float(d.Min), Max: Float(d.Max),
		Q05: Float(d.Q[0]), Q25: Float(d.Q[1]), Q50: Float(d.Q[2]), Q75: Float(d.Q[3]), Q95: Float(d.Q[4]),
	}
	iv := meanInterval(x, binary)
	st.Low, st.High = Float(iv.Low), Float(iv.High)
	st.Interval = "t"
	if binary {
		st.Interval = "wilson"
	}
	return st
}

// comparisonOf compares arm's sample x of metric name with the paired
// sample base, P not yet adjusted for multiple comparisons.
func comparisonOf(arm, name string, x, base []float64, binary bool) Comparison {
	pr := compare(x, base, binary)
	bm, _ := meanSD(base)
	xm, _ := meanSD(x)
	c := Comparison{
		Variant: arm, Metric: name, N: pr.N, Base: Float(bm), Mean: Float(xm),
		Diff: Float(pr.Diff), SDDiff: Float(pr.SD), Low: Float(pr.CI.Low), High: Float(pr.CI.High),
		Interval: "t", Effect: Float(pr.Effect), Test: pr.Test, P: Float(pr.P), Up: pr.Up, Down: pr.Down,
	}
	if binary {
		c.Interval = "newcombe"
	}
	c.Verdict = verdict(pr)
	return c
}

func meanInterval(x []float64, binary bool) interval {
	if binary {
		k := 0
		for _, v := range x {
			if v != 0 {
				k++
			}
		}
		return wilson(k, len(x))
	}
	mean, sd := meanSD(x)
	if sd == 0 {
		return interval{mean, mean}
	}
	return meanCI(mean, sd, len(x))
}

func compare(x, base []float64, binary bool) paired {
	if binary {
		return pairedBinary(x, base)
	}
	return pairedT(x, base)
}

func verdict(p paired) string {
	switch {
	case p.SD == 0 && p.Diff == 0 && p.CI.Low == 0 && p.CI.High == 0:
		return identical // every pair equal; a binary metric with discordant pairs is not
	case math.IsNaN(p.CI.Low) || math.IsNaN(p.CI.High):
		return undetermined
	case p.CI.Low > 0:
		return clearIncrease
	case p.CI.High < 0:
		return clearDecrease
	}
	return noise
}

// addSensitivity adds the influence of each swept parameter on one metric.
func (s *Summary) addSensitivity(m *Manifest, name string, col []float64) {
	arms := len(m.Arms)
	xs := make([][]float64, len(m.Params))
	for j := range xs {
		x := make([]float64, len(col))
		for r := range x {
			x[r] = m.Points[r%arms][j]
		}
		xs[j] = x
	}
	src, r2 := standardisedCoefficients(xs, col)
	ivs := bootstrapSensitivity(xs, col, m.Seed, name)
	for j, p := range m.Params {
		s.Sensitivity = append(s.Sensitivity, Influence{
			Metric: name, Param: p, SRC: Float(src[j]), R2: Float(r2), Spearman: Float(spearman(xs[j], col)),
			SRCLow: Float(ivs.src[j].Low), SRCHigh: Float(ivs.src[j].High),
			SpearmanLow: Float(ivs.spearman[j].Low), SpearmanHigh: Float(ivs.spearman[j].High),
		})
	}
}

// dailySeries reads daily.csv in one pass, accumulating the mean and spread
// of each arm's harm and top rung per day.
func dailySeries(path string, m *Manifest, nRows int) ([]DayPoint, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("analytics: %w", err)
	}
	defer f.Close()
	days := maxDays(m)
	arms := len(m.Arms)
	harm := make([]welford, arms*days)
	rung := make([]welford, arms*days)
	br := bufio.NewReaderSize(f, 1<<16)
	if _, err := br.ReadString('\n'); err != nil {
		return nil, fmt.Errorf("analytics: %s: %w", path, err)
	}
	var fields []string
	for r := 0; r < nRows; r++ {
		line, err := br.ReadString('\n')
		if err != nil {
			if errors.Is(err, io.EOF) {
				err = fmt.Errorf("has %d rows, runs.csv %d", r, nRows)
			}
			return nil, fmt.Errorf("analytics: %s: %w", path, err)
		}
		if fields, err = splitFields(fields[:0], strings.TrimSuffix(line, "\n")); err != nil || len(fields) != 2+3*days {
			return nil, fmt.Errorf("analytics: %s: row %d is malformed", path, r+1)
		}
		a := r % arms
		if err := m.checkRow(fields, int64(r), false); err != nil {
			return nil, fmt.Errorf("analytics: %s: row %d %v", path, r+1, err)
		}
		for d := 0; d < m.Days[a]; d++ {
			h, err1 := parseFloat(fields[2+d])
			g, err2 := parseFloat(fields[2+days+d])
			if err1 != nil || err2 != nil {
				return nil, fmt.Errorf("analytics: %s:%d: row %d day %d is not a number", path, r+2, r+1, d+1)
			}
			harm[a*days+d].add(h)
			rung[a*days+d].add(g)
		}
	}
	var out []DayPoint
	for a := 0; a < arms; a++ {
		for d := 0; d < m.Days[a]; d++ {
			h, g := &harm[a*days+d], &rung[a*days+d]
			hi := meanCI(h.mean(), h.sd(), h.n)
			gi := meanCI(g.mean(), g.sd(), g.n)
			if h.sd() == 0 {
				hi = interval{h.mean(), h.mean()}
			}
			if g.sd() == 0 {
				gi = interval{g.mean(), g.mean()}
			}
			out = append(out, DayPoint{
				Arm: m.Arms[a], Day: d + 1, N: h.n,
				Harm: Float(h.mean()), HarmLow: Float(hi.Low), HarmHigh: Float(hi.High),
				Rung: Float(g.mean()), RungLow: Float(gi.Low), RungHigh: Float(gi.High),
			})
		}
	}
	return out, nil
}

// writeSummary writes summary.json and summary.csv into dir, atomically.
func writeSummary(dir string, s *Summary) error {
	if err := writeJSON(filepath.Join(dir, SummaryJSONFile), s); err != nil {
		return err
	}
	return writeAtomic(filepath.Join(dir, SummaryCSVFile), func(w io.Writer) error {
		return writeSummaryCSV(w, s)
	})
}

// readSummary reads a study directory's summary.json.
func readSummary(dir string) (*Summary, error) {
	data, err := os.ReadFile(filepath.Join(dir, SummaryJSONFile))
	if err != nil {
		return nil, fmt.Errorf("analytics: %w", err)
	}
	s := new(Summary)
	if err := json.Unmarshal(data, s); err != nil {
		return nil, fmt.Errorf("analytics: %s: %w", filepath.Join(dir, SummaryJSONFile), err)
	}
	return s, nil
}

// writeSummaryCSV writes one row per arm and metric: its statistics, and
// in a batch its comparison with the base (empty for the base itself).
func writeSummaryCSV(w io.Writer, s *Summary) error {
	var header []string
	if s.Kind == Sweep {
		header = append([]string{"point"}, s.Params...)
	} else {
		header = []string{"variant"}
	}
	header = append(header, "metric", "binary", "n", "mean", "sd", "min", "q05", "q25", "q50", "q75", "q95", "max", "ci_low", "ci_high", "interval")
	if s.Kind == Batch {
		header = append(header, "diff", "diff_low", "diff_high", "effect_size", "test", "p", "p_holm", "verdict")
	}
	bw := bufio.NewWriter(w)
	bw.Write(headerLine(header))
	binary := map[string]bool{}
	for _, mi := range s.Metrics {
		binary[mi.Name] = mi.Binary
	}
	comp := map[[2]string]Comparison{}
	for _, c := range s.Comparisons {
		comp[[2]string{c.Variant, c.Metric}] = c
	}
	point := map[string]int{}
	for i, a := range s.Arms {
		point[a] = i
	}
	var b []byte
	for _, st := range s.Stats {
		b = appendField(b[:0], st.Arm)
		if s.Kind == Sweep {
			for _, v := range s.Points[point[st.Arm]] {
				b = append(b, ',')
				b = appendFloat(b, v)
			}
		}
		b = append(b, ',')
		b = appendField(b, st.Metric)
		b = append(b, ',')
		b = strconv.AppendBool(b, binary[st.Metric])
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(st.N), 10)
		for _, v := range []Float{st.Mean, st.SD, st.Min, st.Q05, st.Q25, st.Q50, st.Q75, st.Q95, st.Max, st.Low, st.High} {
			b = append(b, ',')
			b = appendFloat(b, float64(v))
		}
		b = append(b, ',')
		b = append(b, st.Interval...)
		if s.Kind == Batch {
			if c, ok := comp[[2]string{st.Arm, st.Metric}]; ok {
				for _, v := range []Float{c.Diff, c.Low, c.High, c.Effect} {
					b = append(b, ',')
					b = appendFloat(b, float64(v))
				}
				b = append(b, ',')
				b = append(b, c.Test...)
				for _, v := range []Float{c.P, c.PHolm} {
					b = append(b, ',')
					b = appendFloat(b, float64(v))
				}
				b = append(b, ',')
				b = appendField(b, c.Verdict)
			} else {
				b = append(b, ",,,,,,,,"...)
			}
		}
		b = append(b, '\n')
		if _, err := bw.Write(b); err != nil {
			return fmt.Errorf("analytics: %w", err)
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("analytics: %w", err)
	}
	return nil
}
