package analytics

import (
	"context"
	"fmt"
	"path/filepath"
)

// Extend adds replications to the finished study in dir, up to n per arm,
// on the given number of workers (0: every core). Replication i keeps the
// seed Derive(seed, i) and its runs come after those already written in
// the same order, so the extended study's files are those of the study run
// at n in one go, byte for byte; Summarize and WritePlots then give its
// summaries. The study is rebuilt from the scenario TOML its manifest
// records, so the scenario file need not be where it was.
//
// It refuses a shard (merge it first), an unfinished study (resume it
// first), a study made by another build of cpkrange, and an n no larger
// than the study's. An extension that is interrupted leaves an unfinished
// study at n, which Run with Resume completes.
func Extend(ctx context.Context, dir string, n, workers int, progress func(Progress)) (*Result, error) {
	m, err := ReadManifest(dir)
	if err != nil {
		return nil, err
	}
	if !m.ShardOf().Whole() {
		return nil, fmt.Errorf("analytics: %s holds shard %s of a study: merge the shards first", dir, m.ShardOf())
	}
	if m.Version != version() || m.Build != build() {
		return nil, fmt.Errorf("analytics: %s was made by another build of cpkrange (%s), this is %s: its new runs would not match the old ones",
			dir, buildString(m.Version, m.Build), buildString(version(), build()))
	}
	for _, f := range rowFiles(m) {
		rows, _, err := scanRows(filepath.Join(dir, f.name), m, f.header, f.runs)
		if err != nil {
			return nil, err
		}
		if rows != m.totalTasks() {
			return nil, fmt.Errorf("analytics: %s is unfinished (%s holds %d of its %d runs): finish it first with %s --out %s --resume",
				dir, f.name, rows, m.totalTasks(), m.Command, shellQuote(dir))
		}
	}
	if n <= m.N {
		return nil, fmt.Errorf("analytics: %s already has %d replications per arm; extend it to more than that, not %d", dir, m.N, n)
	}
	st := studyOf(m)
	st.N, st.Dir, st.Workers, st.Resume = n, dir, workers, true
	p, err := planFrom(st, []byte(m.Scenario.TOML))
	if err != nil {
		return nil, err
	}
	want := *m
	want.N = n
	if err := sameStudy(&want, p.m); err != nil {
		// The model has changed what it makes of the scenario (its
		// metrics, its horizon) without a new build to tell.
		return nil, fmt.Errorf("analytics: %s cannot be rebuilt from its manifest (it differs in %v)", dir, err)
	}
	if err := writeJSON(filepath.Join(dir, ManifestFile), p.m); err != nil {
		return nil, err
	}
	return runPlan(ctx, st, p, progress)
}

// studyOf returns the study that made manifest m, without its shard and
// with the fields that say only where and how left zero.
func studyOf(m *Manifest) *Study {
	seed := m.Seed
	st := &Study{Kind: m.Kind, Scenario: m.Scenario.Source, Sets: append([]string{}, m.Sets...), N: m.N, Seed: &seed, Daily: m.Daily}
	switch m.Kind {
	case Batch:
		st.Variants = append([]string{}, m.Arms...)
	case Sweep:
		if m.Variant != "" {
			st.Variants = []string{m.Variant}
		}
		st.Design, st.Samples = m.Design, m.Samples
		st.Ranges = append([]string{}, m.Ranges...)
	}
	return st
}

func buildString(version, build string) string {
	if build == "" {
		return version
	}
	return version + " " + build
}
