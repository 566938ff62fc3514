package analytics

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"os"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"cpkrange/agents"
	"cpkrange/scenarios"
)

// Kind is what a study varies between its arms.
type Kind string

// The kinds of study.
const (
	Batch Kind = "batch" // the arms are variants of a scenario
	Sweep Kind = "sweep" // the arms are points in the ranges of the scenario's [[sweep]] tables
)

// Base names the scenario as written, with no variant, among a batch's
// variants.
const Base = "base"

// All, given as a batch's only variant, means Base and every variant of the
// scenario in file order.
const All = "all"

// maxRuns bounds replications × arms, the rows of runs.csv.
const maxRuns = 1 << 40

// Study is a Monte Carlo experiment: N replications of each arm of a
// scenario. Replication i of every arm runs with the seed
// sim.Derive(Seed, i), whatever the arm, shard or number of workers, so arms
// are compared on common random numbers and results never depend on how
// the work was spread.
//
// The fields from Kind to Shard say what is computed and are recorded in
// the study's manifest (study.json); Dir, Workers and Resume say only where
// and how, and never change a result.
type Study struct {
	Kind     Kind
	Scenario string   // a bundled scenario's name or a file's path, as for scenarios.Open
	Sets     []string // "key=value" overrides applied to every arm, after the variant
	// Variants are a batch's arms, in order: Base for the scenario as
	// written, or a [[variant]] name; All alone expands to Base and every
	// variant. Empty means Base alone. A sweep takes at most one, applied
	// to the scenario before each point's values.
	Variants []string
	N        int     // replications per arm
	Seed     *uint64 // the study's seed; nil means the scenario's scenario.seed
	Design   string  // a sweep's design: Grid (the default) or LatinHypercube
	// Ranges, when given, are a sweep's ranges instead of the scenario's
	// [[sweep]] tables, each as scenarios.ParseSweep reads it.
	Ranges  []string
	Samples int   // the points of a Latin hypercube
	Daily   bool  // also write daily.csv: each run's civilian harm and top rung at the end of each day
	Shard   Shard // run only one shard of the replications; the zero Shard runs them all

	Dir     string // the output directory, created if needed
	Workers int    // replications run in parallel; 0 means runtime.GOMAXPROCS(0)
	Resume  bool   // continue the study already in Dir instead of refusing to touch it
	Budget  int64  // the work one run may take (scenarios.Options.Budget); 0 means the default
}

// Shard is the k-th of Count slices of a study's runs. Runs are numbered
// t = replication·arms + arm, the order of runs.csv; shard k of Count runs
// those with t mod Count = k-1, a round-robin that balances the shards
// whatever the number of arms and replications. The zero Shard is the whole
// study.
type Shard struct {
	Index int `json:"index"` // from 1
	Count int `json:"count"`
}

// ParseShard reads "k/N", 1 ≤ k ≤ N.
func ParseShard(s string) (Shard, error) {
	a, b, ok := strings.Cut(s, "/")
	k, err1 := strconv.Atoi(strings.TrimSpace(a))
	n, err2 := strconv.Atoi(strings.TrimSpace(b))
	if !ok || err1 != nil || err2 != nil || n < 1 || k < 1 || k > n {
		return Shard{}, fmt.Errorf("analytics: shard %q: want k/N with 1 ≤ k ≤ N, such as 2/8", s)
	}
	return Shard{Index: k, Count: n}, nil
}

// String returns "k/N", or "" for the whole study.
func (s Shard) String() string {
	if s.Count == 0 {
		return ""
	}
	return fmt.Sprintf("%d/%d", s.Index, s.Count)
}

// Whole reports whether the shard is the whole study.
func (s Shard) Whole() bool { return s.Count <= 1 }

// Validate checks the study's fields without reading the scenario and
// returns every problem found, joined; each starts with "analytics:".
func (st *Study) Validate() error {
	var errs []error
	bad := func(format string, args ...any) {
		errs = append(errs, fmt.Errorf("analytics: "+format, args...))
	}
	switch st.Kind {
	case Batch, Sweep:
	default:
		bad("unknown kind of study %q: want %q or %q", st.Kind, Batch, Sweep)
	}
	if st.Scenario == "" {
		bad("no scenario named")
	}
	if st.N < 1 {
		bad("the number of replications must be at least 1, not %d", st.N)
	}
	seen := map[string]bool{}
	for _, v := range st.Variants {
		switch {
		case v == "":
			bad("an empty variant name")
		case strings.ContainsFunc(v, unicode.IsControl):
			bad("variant name %q holds a control character", v)
		case seen[v]:
			bad("variant %q is listed twice", v)
		}
		seen[v] = true
	}
	if seen[All] && len(st.Variants) > 1 {
		bad("%q stands for every variant and cannot be combined with others", All)
	}
	for _, kv := range st.Sets {
		if k, _, ok := strings.Cut(kv, "="); !ok || strings.TrimSpace(k) == "" {
			bad("override %q: want key=value", kv)
		}
	}
	if st.Kind == Sweep {
		if len(st.Variants) > 1 || seen[All] {
			bad("a sweep takes at most one variant")
		}
		switch st.Design {
		case "", Grid:
			if st.Samples != 0 {
				bad("samples apply to the %q design only", LatinHypercube)
			}
		case LatinHypercube:
			if st.Samples < 1 {
				bad("a Latin hypercube needs at least 1 sample")
			}
		default:
			bad("unknown design %q: want %q or %q", st.Design, Grid, LatinHypercube)
		}
	} else if st.Design != "" || st.Samples != 0 {
		bad("designs and samples apply to sweeps only")
	}
	if st.Shard.Count != 0 || st.Shard.Index != 0 {
		if st.Shard.Count < 1 || st.Shard.Index < 1 || st.Shard.Index > st.Shard.Count {
			bad("shard %d/%d: want k/N with 1 ≤ k ≤ N", st.Shard.Index, st.Shard.Count)
		}
	}
	if st.Dir == "" {
		bad("no output directory")
	}
	if st.Workers < 0 {
		bad("workers must be 0 (all cores) or more, not %d", st.Workers)
	}
	return errors.Join(errs...)
}

// Manifest is a study as run: everything that decides its results, written
// to study.json when it starts and checked when it resumes or merges.
type Manifest struct {
	Format  string `json:"format"`
	Kind    Kind   `json:"kind"`
	Version string `json:"version"` // of cpkrange; "devel" for a build outside a release
	// Build is the commit a build outside a release was made from, as
	// the binary records it ("git REVISION TIME", then "modified" when
	// the tree had uncommitted changes); empty when it records none (go
	// run, go test). Merge and resume refuse shards of another build.
	Build    string         `json:"build,omitempty"`
	Scenario ScenarioSource `json:"scenario"`
	Sets     []string       `json:"sets"`
	Variant  string         `json:"variant,omitempty"` // a sweep's variant
	// Arms names the arms in order: a batch's variants, a sweep's points
	// ("0", "1", ...).
	Arms []string `json:"arms"`
	// Params are the keys a sweep sets and Points their values, one row
	// per arm.
	Params  []string    `json:"params,omitempty"`
	Ranges  []string    `json:"ranges,omitempty"` // the command line's --sweep ranges, if any
	Points  [][]float64 `json:"points,omitempty"`
	Design  string      `json:"design,omitempty"`
	Samples int         `json:"samples,omitempty"`
	N       int         `json:"n"`
	Seed    uint64      `json:"seed"`
	Metrics []string    `json:"metrics"`
	// Days is the number of daily points of each arm's runs (the horizon
	// in whole days); 0 when the study keeps no daily.csv.
	Days  []int  `json:"days,omitempty"`
	Daily bool   `json:"daily"`
	Shard *Shard `json:"shard,omitempty"`
	// Command reproduces the study with cpkrange (without its shard).
	Command string `json:"command"`
}

// ScenarioSource identifies the scenario a study ran.
type ScenarioSource struct {
	Name   string `json:"name"`   // scenario.name
	Source string `json:"source"` // what the study named: a bundled name or a path
	SHA256 string `json:"sha256"` // of the TOML
	TOML   string `json:"toml"`
}

// manifestFormat is the format of study.json.
const manifestFormat = "cpkrange-study/1"

// totalTasks returns the number of runs in the whole study: N × arms.
func (m *Manifest) totalTasks() int64 { return int64(m.N) * int64(len(m.Arms)) }

// ShardOf returns the manifest's shard, the zero Shard for a whole study.
func (m *Manifest) ShardOf() Shard {
	if m.Shard == nil {
		return Shard{}
	}
	return *m.Shard
}

// shardTasks returns the number of runs in the manifest's shard.
func (m *Manifest) shardTasks() int64 {
	sh := m.ShardOf()
	total := m.totalTasks()
	if sh.Whole() {
		return total
	}
	k := int64(sh.Index - 1)
	if total <= k {
		return 0
	}
	return (total-1-k)/int64(sh.Count) + 1
}

// task returns the study-wide number of the j-th run of the shard.
func (m *Manifest) task(j int64) int64 {
	sh := m.ShardOf()
	if sh.Whole() {
		return j
	}
	return int64(sh.Index-1) + j*int64(sh.Count)
}

// version returns the version of cpkrange: the main module's version when
// built from a release, else "devel".
func version() string {
	bi, _ := debug.ReadBuildInfo()
	v, _ := versionOf(bi)
	return v
}

// build returns the running binary's Build (see Manifest.Build).
func build() string {
	bi, _ := debug.ReadBuildInfo()
	_, b := versionOf(bi)
	return b
}

// versionOf reads a binary's version and build from its build
// information (nil when it has none).
func versionOf(bi *debug.BuildInfo) (version, build string) {
	version = "devel"
	if bi == nil {
		return version, ""
	}
	if v := bi.Main.Version; v != "" && v != "(devel)" {
		version = v
	}
	settings := map[string]string{}
	for _, s := range bi.Settings {
		settings[s.Key] = s.Value
	}
	if rev := settings["vcs.revision"]; rev != "" {
		parts := []string{settings["vcs"], rev, settings["vcs.time"]}
		if settings["vcs.modified"] == "true" {
			parts = append(parts, "modified")
		}
		build = strings.Join(slices.DeleteFunc(parts, func(p string) bool { return p == "" }), " ")
	}
	return version, build
}

// arm is one arm of a planned study: how to make its scenario.
type arm struct {
	name    string
	base    *scenarios.Scenario // the scenario of a batch arm, or a sweep's base
	point   []float64           // a sweep arm's values of the manifest's Params
	horizon float64
}

// plan is a study resolved against its scenario.
type plan struct {
	m    *Manifest
	arms []arm
}

// readScenario returns the TOML of a bundled scenario or a file, resolved
// as scenarios.Open resolves it.
func readScenario(nameOrPath string) ([]byte, error) {
	if !strings.ContainsAny(nameOrPath, `/\`) && !strings.HasSuffix(nameOrPath, ".toml") {
		if data, err := scenarios.BundledSource(nameOrPath); err == nil {
			return data, nil
		}
	}
	data, err := os.ReadFile(nameOrPath)
	if err != nil {
		// Let scenarios say it, with its list of bundled names.
		if _, _, oerr := scenarios.Open(nameOrPath, scenarios.Options{}); oerr != nil {
			return nil, fmt.Errorf("analytics: %w", oerr)
		}
		return nil, fmt.Errorf("analytics: %w", err)
	}
	return data, nil
}

// newPlan loads the study's scenario and resolves its arms, seed and
// design into a manifest.
func newPlan(st *Study) (*plan, error) {
	if err := st.Validate(); err != nil {
		return nil, err
	}
	data, err := readScenario(st.Scenario)
	if err != nil {
		return nil, err
	}
	return planFrom(st, data)
}

// planFrom is newPlan for the scenario TOML data, read from st.Scenario
// or recorded in a study's manifest.
func planFrom(st *Study, data []byte) (*plan, error) {
	load := func(variant string) (*scenarios.Scenario, error) {
		sc, err := scenarios.Load(st.Scenario, data, scenarios.Options{Variant: variant, Set: st.Sets, Budget: st.Budget})
		if err != nil {
			return nil, fmt.Errorf("analytics: %w", err)
		}
		return sc, nil
	}
	sum := sha256.Sum256(data)
	m := &Manifest{
		Format:   manifestFormat,
		Kind:     st.Kind,
		Version:  version(),
		Build:    build(),
		Scenario: ScenarioSource{Source: st.Scenario, SHA256: hex.EncodeToString(sum[:]), TOML: string(data)},
		Sets:     append([]string{}, st.Sets...),
		N:        st.N,
		Metrics:  append([]string{}, agents.MetricNames...),
		Daily:    st.Daily,
	}
	if !st.Shard.Whole() {
		sh := st.Shard
		m.Shard = &sh
	}
	p := &plan{m: m}
	switch st.Kind {
	case Batch:
		base, err := load("")
		if err != nil {
			return nil, err
		}
		m.Scenario.Name = base.Meta.Name
		m.Metrics = agents.MetricNamesFor(base)
		names := st.Variants
		if len(names) == 0 {
			names = []string{Base}
		} else if names[0] == All {
			names = append([]string{Base}, base.VariantNames()...)
		}
		for _, name := range names {
			sc := base
			if name != Base {
				if sc, err = load(name); err != nil {
					return nil, err
				}
			}
			p.arms = append(p.arms, arm{name: name, base: sc, horizon: sc.Meta.Horizon.Hours()})
		}
		if st.Seed == nil {
			m.Seed = base.Meta.Seed
		}
	case Sweep:
		if len(st.Variants) == 1 {
			m.Variant = st.Variants[0]
			if m.Variant == Base {
				m.Variant = ""
			}
		}
		base, err := load(m.Variant)
		if err != nil {
			return nil, err
		}
		m.Scenario.Name = base.Meta.Name
		m.Metrics = agents.MetricNamesFor(base)
		if st.Seed == nil {
			m.Seed = base.Meta.Seed
		} else {
			m.Seed = *st.Seed
		}
		m.Design = st.Design
		if m.Design == "" {
			m.Design = Grid
		}
		sweeps := base.Sweeps
		if len(st.Ranges) > 0 {
			sweeps = nil
			for _, r := range st.Ranges {
				sw, err := scenarios.ParseSweep(r)
				if err != nil {
					return nil, fmt.Errorf("analytics: %w", err)
				}
				sweeps = append(sweeps, sw)
			}
			m.Ranges = append([]string{}, st.Ranges...)
		}
		var points [][]float64
		if m.Design == Grid {
			points, err = gridPoints(sweeps)
		} else {
			m.Samples = st.Samples
			points, err = latinHypercubePoints(sweeps, st.Samples, m.Seed)
		}
		if err != nil {
			return nil, err
		}
		for _, s := range sweeps {
			m.Params = append(m.Params, s.Key)
		}
		m.Points = points
		for i, pt := range points {
			a := arm{name: strconv.Itoa(i), base: base, point: pt}
			sc, err := a.build(m.Params, true)
			if err != nil {
				return nil, err
			}
			a.horizon = sc.Meta.Horizon.Hours()
			p.arms = append(p.arms, a)
		}
	}
	if st.Seed != nil {
		m.Seed = *st.Seed
	}
	for _, a := range p.arms {
		m.Arms = append(m.Arms, a.name)
		if st.Daily {
			m.Days = append(m.Days, int(math.Floor(a.horizon/24+1e-9)))
		}
	}
	if m.totalTasks() > maxRuns {
		return nil, fmt.Errorf("analytics: %d replications of %d arms is too many runs", m.N, len(m.Arms))
	}
	m.Command = commandLine(m)
	return p, nil
}

// build returns a sweep point's scenario: a copy of the base with the
// point's values set, validated if asked. It does not change a.base.
func (a *arm) build(params []string, validate bool) (*scenarios.Scenario, error) {
	sc := a.base.Clone()
	for i, key := range params {
		if err := sc.SetValue(key, a.point[i]); err != nil {
			return nil, fmt.Errorf("analytics: sweep point %s: %w", a.name, err)
		}
	}
	if !validate {
		return sc, nil
	}
	if ds := scenarios.Validate(sc, nil); len(ds) > 0 {
		return nil, fmt.Errorf("analytics: sweep point %s (%s): %w", a.name, pointString(params, a.point), ds.Err())
	}
	return sc, nil
}

func pointString(params []string, pt []float64) string {
	parts := make([]string, len(params))
	for i, k := range params {
		parts[i] = k + "=" + formatFloat(pt[i])
	}
	return strings.Join(parts, ", ")
}

// commandLine returns the cpkrange command that reruns the manifest's
// study (every shard of it).
func commandLine(m *Manifest) string {
	args := []string{"cpkrange", string(m.Kind), m.Scenario.Source}
	switch m.Kind {
	case Batch:
		args = append(args, "-n", strconv.Itoa(m.N), "--variants", strings.Join(m.Arms, ","))
	case Sweep:
		args = append(args, "--design", m.Design)
		if m.Design == LatinHypercube {
			args = append(args, "--samples", strconv.Itoa(m.Samples))
		}
		args = append(args, "-n", strconv.Itoa(m.N))
		if m.Variant != "" {
			args = append(args, "--variant", m.Variant)
		}
		for _, r := range m.Ranges {
			args = append(args, "--sweep", r)
		}
	}
	args = append(args, "--seed", strconv.FormatUint(m.Seed, 10))
	for _, kv := range m.Sets {
		args = append(args, "--set", kv)
	}
	if m.Kind == Batch && !m.Daily {
		args = append(args, "--daily=false")
	}
	if m.Kind == Sweep && m.Daily {
		args = append(args, "--daily")
	}
	for i, a := range args {
		args[i] = shellQuote(a)
	}
	return strings.Join(args, " ")
}

// shellQuote quotes s for a POSIX shell when it needs it.
func shellQuote(s string) string {
	if s != "" && !strings.ContainsFunc(s, func(r rune) bool {
		return !(r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("-_./=:,+@%", r)))
	}) {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// sameStudy reports how two manifests differ in what decides results,
// ignoring the shard; nil when they describe the same study.
func sameStudy(a, b *Manifest) error {
	var diffs []string
	check := func(what string, equal bool) {
		if !equal {
			diffs = append(diffs, what)
		}
	}
	check("format", a.Format == b.Format)
	check("kind", a.Kind == b.Kind)
	check("cpkrange version", a.Version == b.Version)
	check("cpkrange build", a.Build == b.Build)
	check("scenario (its SHA-256)", a.Scenario.SHA256 == b.Scenario.SHA256)
	check("overrides (--set)", slices.Equal(a.Sets, b.Sets))
	check("variant", a.Variant == b.Variant)
	check("arms (variants or points)", slices.Equal(a.Arms, b.Arms))
	check("swept parameters", slices.Equal(a.Params, b.Params))
	check("sweep points", slices.EqualFunc(a.Points, b.Points, func(x, y []float64) bool { return slices.Equal(x, y) }))
	check("design", a.Design == b.Design && a.Samples == b.Samples)
	check("replications (-n)", a.N == b.N)
	check("seed", a.Seed == b.Seed)
	check("metrics", slices.Equal(a.Metrics, b.Metrics))
	check("daily series", a.Daily == b.Daily && slices.Equal(a.Days, b.Days))
	if len(diffs) == 0 {
		return nil
	}
	return errors.New(strings.Join(diffs, ", "))
}
