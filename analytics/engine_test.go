package analytics

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"cpkrange/agents"
	"cpkrange/scenarios"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata")

// The studies of these tests run grid-wiper, the quickest bundled scenario
// (about 3 ms a replication).
const testScenario = "grid-wiper"

func testStudy(dir string, workers int) *Study {
	return &Study{
		Kind: Batch, Scenario: testScenario, Variants: []string{Base, "no-force", "no-generators"},
		N: 12, Daily: true, Dir: dir, Workers: workers,
	}
}

// summarize summarises the finished study in dir, as the command does
// after Run (without the plots, which these tests do not read).
func summarize(t *testing.T, dir string) *Summary {
	t.Helper()
	sum, err := Summarize(dir)
	require.NoError(t, err)
	return sum
}

// resultFiles are the files a finished study must reproduce byte for byte.
var resultFiles = []string{ManifestFile, RunsFile, DailyFile, SummaryJSONFile, SummaryCSVFile}

func readFiles(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, f := range resultFiles {
		b, err := os.ReadFile(filepath.Join(dir, f))
		require.NoError(t, err, f)
		out[f] = string(b)
	}
	return out
}

func assertSameFiles(t *testing.T, want, got map[string]string) {
	t.Helper()
	for _, f := range resultFiles {
		assert.True(t, want[f] == got[f], "%s differs", f)
	}
}

var (
	referenceOnce  sync.Once
	referenceFiles map[string]string
)

// reference returns the files of the test study run once, uninterrupted,
// on one worker: what every other way of running it must reproduce.
func reference(t *testing.T) map[string]string {
	t.Helper()
	referenceOnce.Do(func() {
		dir, err := os.MkdirTemp("", "cpkrange-reference-")
		require.NoError(t, err)
		defer os.RemoveAll(dir)
		_, err = Run(context.Background(), testStudy(dir, 1), nil)
		require.NoError(t, err)
		summarize(t, dir)
		referenceFiles = readFiles(t, dir)
	})
	require.NotNil(t, referenceFiles, "the reference study failed in an earlier test")
	return referenceFiles
}

func TestWorkersGiveIdenticalFiles(t *testing.T) {
	t.Parallel()
	want := reference(t)
	dir := t.TempDir()
	res, err := Run(context.Background(), testStudy(dir, 2), nil)
	require.NoError(t, err)
	assert.Equal(t, int64(36), res.Done)
	summarize(t, dir)
	assertSameFiles(t, want, readFiles(t, dir))

	// Rows come in (replication, arm) order with the derived seeds.
	sc, _, err := scenarios.Open(testScenario, scenarios.Options{})
	require.NoError(t, err)
	lines := strings.Split(want[RunsFile], "\n")
	assert.True(t, strings.HasPrefix(lines[0], "variant,replication,seed,harm,"))
	for i, line := range lines[1 : len(lines)-1] {
		f := strings.Split(line, ",")
		assert.Equal(t, []string{Base, "no-force", "no-generators"}[i%3], f[0])
		assert.Equal(t, fmt.Sprint(i/3), f[1])
		assert.Equal(t, fmt.Sprint(seedOf(sc.Meta.Seed, i/3)), f[2])
	}
}

func TestShardsMergeToTheSingleRun(t *testing.T) {
	t.Parallel()
	want := reference(t)
	root := t.TempDir()
	var dirs []string
	for k := 3; k >= 1; k-- { // in any order
		dir := filepath.Join(root, fmt.Sprint("shard", k))
		st := testStudy(dir, 2)
		st.Shard = Shard{Index: k, Count: 3}
		res, err := Run(context.Background(), st, nil)
		require.NoError(t, err)
		assert.Equal(t, int64(12), res.Total)
		assert.NoFileExists(t, filepath.Join(dir, SummaryJSONFile), "a shard is not summarised")
		dirs = append(dirs, dir)
	}
	out := filepath.Join(root, "merged")
	m, err := Merge(out, dirs...)
	require.NoError(t, err)
	assert.Nil(t, m.Shard, "the merged study is whole")
	summarize(t, out)
	assertSameFiles(t, want, readFiles(t, out))

	_, err = Merge(filepath.Join(root, "m2"), dirs[:2]...)
	assert.ErrorContains(t, err, "missing shards 1/3")
	_, err = Merge(filepath.Join(root, "m3"), dirs[0], dirs[0], dirs[1], dirs[2])
	assert.ErrorContains(t, err, "are both shard 3/3")
	_, err = Summarize(dirs[0])
	assert.ErrorContains(t, err, "merge the shards first")
}

func TestMergeRefusesAnotherStudy(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	a, b := filepath.Join(root, "a"), filepath.Join(root, "b")
	st := testStudy(a, 2)
	st.N = 2
	st.Shard = Shard{Index: 1, Count: 2}
	_, err := Run(context.Background(), st, nil)
	require.NoError(t, err)
	st = testStudy(b, 2)
	st.N = 2
	seed := uint64(9)
	st.Seed = &seed
	st.Shard = Shard{Index: 2, Count: 2}
	_, err = Run(context.Background(), st, nil)
	require.NoError(t, err)
	_, err = Merge(filepath.Join(root, "m"), a, b)
	assert.ErrorContains(t, err, "differ in seed")
}

func TestResumeAfterCancel(t *testing.T) {
	t.Parallel()
	want := reference(t)
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	_, err := Run(ctx, testStudy(dir, 2), func(p Progress) {
		if p.Done == 7 {
			cancel()
		}
	})
	require.ErrorIs(t, err, ErrInterrupted)
	require.ErrorIs(t, err, context.Canceled)
	got, err := os.ReadFile(filepath.Join(dir, RunsFile))
	require.NoError(t, err)
	rows := strings.Count(string(got), "\n") - 1
	assert.GreaterOrEqual(t, rows, 7)
	assert.Less(t, rows, 36)
	assert.True(t, strings.HasPrefix(want[RunsFile], string(got)), "the rows written are the study's first")
	_, err = os.Stat(filepath.Join(dir, SummaryJSONFile))
	assert.True(t, errors.Is(err, os.ErrNotExist), "no summary for an unfinished study")

	// Without Resume the directory is refused; with it the study finishes.
	_, err = Run(context.Background(), testStudy(dir, 2), nil)
	assert.ErrorContains(t, err, "already holds a study")
	st := testStudy(dir, 1)
	st.Resume = true
	var first Progress
	res, err := Run(context.Background(), st, func(p Progress) {
		if first.Total == 0 {
			first = p
		}
	})
	require.NoError(t, err)
	assert.Equal(t, int64(rows), first.Resumed)
	assert.Equal(t, int64(36), res.Done)
	summarize(t, dir)
	assertSameFiles(t, want, readFiles(t, dir))

	// Resuming a finished study changes nothing.
	_, err = Run(context.Background(), st, nil)
	require.NoError(t, err)
	assertSameFiles(t, want, readFiles(t, dir))
}

func TestResumeAfterTornLines(t *testing.T) {
	t.Parallel()
	want := reference(t)
	for _, c := range []struct {
		name              string
		runsCut, dailyCut int // keep this many whole rows, then half of the next
	}{
		{"runs shorter", 9, 20},
		{"daily shorter", 30, 4},
		{"header torn", 0, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			for f, data := range want {
				require.NoError(t, os.WriteFile(filepath.Join(dir, f), []byte(data), 0o644))
			}
			tear(t, filepath.Join(dir, RunsFile), c.runsCut)
			tear(t, filepath.Join(dir, DailyFile), c.dailyCut)
			os.Remove(filepath.Join(dir, SummaryJSONFile))
			os.Remove(filepath.Join(dir, SummaryCSVFile))
			st := testStudy(dir, 2)
			st.Resume = true
			_, err := Run(context.Background(), st, nil)
			require.NoError(t, err)
			summarize(t, dir)
			assertSameFiles(t, want, readFiles(t, dir))
		})
	}
}

// tear cuts a study file in the middle of the line after its first rows
// rows (rows 0: in the middle of the header).
func tear(t *testing.T, path string, rows int) {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	off := 0
	for range rows + 1 {
		off += strings.IndexByte(string(data[off:]), '\n') + 1
	}
	next := strings.IndexByte(string(data[off:]), '\n')
	if rows == 0 {
		off, next = 0, strings.IndexByte(string(data), '\n')
	}
	require.NoError(t, os.WriteFile(path, data[:off+next/2], 0o644))
}

func TestResumeRefusesAnotherStudy(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	st := testStudy(dir, 2)
	st.N = 2
	_, err := Run(context.Background(), st, nil)
	require.NoError(t, err)
	st.N = 3
	st.Variants = []string{Base}
	st.Resume = true
	_, err = Run(context.Background(), st, nil)
	assert.ErrorContains(t, err, "differs in arms (variants or points), replications (-n)")

	// A row that is not the study's is an error, not silently dropped.
	st = testStudy(dir, 2)
	st.N = 2
	st.Resume = true
	path := filepath.Join(dir, RunsFile)
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(path, []byte(strings.Replace(string(data), "\nno-force,0,", "\nno-force,1,", 1)), 0o644))
	_, err = Run(context.Background(), st, nil)
	assert.ErrorContains(t, err, "runs.csv:3: row 2 is replication 1, want 0")
}

// TestKillNineThenResume kills a study's process with SIGKILL in the middle
// of its run, then resumes it.
func TestKillNineThenResume(t *testing.T) {
	t.Parallel()
	if dir := os.Getenv("CPK_ANALYTICS_KILL_CHILD"); dir != "" {
		// The child: a slowed-down study, killed by the parent.
		_, err := Run(context.Background(), testStudy(dir, 2), func(Progress) { time.Sleep(20 * time.Millisecond) })
		fmt.Println(err)
		os.Exit(3)
	}
	if testing.Short() {
		t.Skip("runs a child process")
	}
	want := reference(t)
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestKillNineThenResume$")
	cmd.Env = append(os.Environ(), "CPK_ANALYTICS_KILL_CHILD="+dir)
	require.NoError(t, cmd.Start())
	deadline := time.Now().Add(30 * time.Second)
	for {
		data, _ := os.ReadFile(filepath.Join(dir, RunsFile))
		if strings.Count(string(data), "\n") > 10 {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatal("the child wrote nothing")
		}
		time.Sleep(2 * time.Millisecond)
	}
	require.NoError(t, cmd.Process.Kill())
	_ = cmd.Wait()
	data, err := os.ReadFile(filepath.Join(dir, RunsFile))
	require.NoError(t, err)
	require.Less(t, strings.Count(string(data), "\n"), 37, "killed before the end")

	st := testStudy(dir, 2)
	st.Resume = true
	_, err = Run(context.Background(), st, nil)
	require.NoError(t, err)
	summarize(t, dir)
	assertSameFiles(t, want, readFiles(t, dir))
}

func TestSweep(t *testing.T) {
	t.Parallel()
	run := func(workers, n int, design string, samples int) (string, string) {
		dir := t.TempDir()
		st := &Study{Kind: Sweep, Scenario: testScenario, N: n, Design: design, Samples: samples, Dir: dir, Workers: workers}
		_, err := Run(context.Background(), st, nil)
		require.NoError(t, err)
		data, err := os.ReadFile(filepath.Join(dir, RunsFile))
		require.NoError(t, err)
		return string(data), dir
	}
	grid1, dir := run(2, 2, "", 0)
	sum := summarize(t, dir)
	sc, _, err := scenarios.Open(testScenario, scenarios.Options{})
	require.NoError(t, err)
	points, err := gridPoints(sc.Sweeps)
	require.NoError(t, err)
	header := "point," + sc.Sweeps[0].Key + "," + sc.Sweeps[1].Key + ",replication,seed,harm,"
	assert.True(t, strings.HasPrefix(grid1, header), grid1[:100])
	assert.Equal(t, 2*len(points)+1, strings.Count(grid1, "\n"))
	assert.Len(t, sum.Sensitivity, 2*len(agents.MetricNamesFor(sc)))
	assert.Empty(t, sum.Comparisons)
	for _, in := range sum.Sensitivity {
		if in.Metric == "harm" {
			assert.False(t, math.IsNaN(float64(in.Spearman)), in.Param)
		}
	}

	// A sweep's files do not depend on the workers either.
	lhs, dir := run(2, 3, LatinHypercube, 7)
	lhs1, _ := run(1, 3, LatinHypercube, 7)
	assert.Equal(t, lhs1, lhs)
	assert.Equal(t, 3*7+1, strings.Count(lhs, "\n"))
	sum = summarize(t, dir)
	assert.Len(t, sum.Points, 7)
	// Each sweep's range is cut into 7 strata with one point in each.
	for j, sw := range sc.Sweeps {
		seen := map[int]bool{}
		for _, p := range sum.Points {
			seen[int((p[j]-sw.Min)/(sw.Max-sw.Min)*7)] = true
		}
		assert.Len(t, seen, 7, sw.Key)
	}
}

func TestStudyValidate(t *testing.T) {
	t.Parallel()
	ok := Study{Kind: Batch, Scenario: "x", N: 1, Dir: "d"}
	require.NoError(t, ok.Validate())
	for _, c := range []struct {
		change func(*Study)
		want   string
	}{
		{func(s *Study) { s.Kind = "" }, `unknown kind of study ""`},
		{func(s *Study) { s.Scenario = "" }, "no scenario named"},
		{func(s *Study) { s.N = 0 }, "at least 1, not 0"},
		{func(s *Study) { s.Variants = []string{"a", "a"} }, `variant "a" is listed twice`},
		{func(s *Study) { s.Variants = []string{"all", "a"} }, "cannot be combined"},
		{func(s *Study) { s.Variants = []string{"a\nb"} }, "control character"},
		{func(s *Study) { s.Sets = []string{"novalue"} }, `override "novalue": want key=value`},
		{func(s *Study) { s.Design = Grid }, "sweeps only"},
		{func(s *Study) { s.Kind, s.Design = Sweep, "random" }, `unknown design "random"`},
		{func(s *Study) { s.Kind, s.Design = Sweep, LatinHypercube }, "at least 1 sample"},
		{func(s *Study) { s.Kind, s.Variants = Sweep, []string{"a", "b"} }, "at most one variant"},
		{func(s *Study) { s.Shard = Shard{Index: 3, Count: 2} }, "shard 3/2"},
		{func(s *Study) { s.Dir = "" }, "no output directory"},
		{func(s *Study) { s.Workers = -1 }, "workers must be 0"},
	} {
		s := ok
		c.change(&s)
		err := s.Validate()
		require.Error(t, err)
		assert.Contains(t, err.Error(), c.want)
		assert.True(t, strings.HasPrefix(err.Error(), "analytics: "), err.Error())
	}
	// Every problem at once.
	bad := Study{}
	assert.Equal(t, 4, strings.Count(bad.Validate().Error(), "analytics: "))
}

func TestRunScenarioProblems(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	_, err := Run(context.Background(), &Study{Kind: Batch, Scenario: "no-such-scenario", N: 1, Dir: dir}, nil)
	assert.ErrorContains(t, err, "no bundled scenario of that name")
	_, err = Run(context.Background(), &Study{Kind: Batch, Scenario: testScenario, Variants: []string{"nope"}, N: 1, Dir: dir}, nil)
	assert.ErrorContains(t, err, `unknown variant "nope"`)
	_, err = os.Stat(filepath.Join(dir, ManifestFile))
	assert.True(t, errors.Is(err, os.ErrNotExist), "nothing written for a study that cannot start")
}

func TestVersionOf(t *testing.T) {
	t.Parallel()
	v, b := versionOf(nil)
	assert.Equal(t, "devel", v)
	assert.Empty(t, b)
	bi := &debug.BuildInfo{Main: debug.Module{Path: "cpkrange", Version: "(devel)"}, Settings: []debug.BuildSetting{
		{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: "1d9a99b4c0ffee"},
		{Key: "vcs.time", Value: "2026-12-02T06:40:00Z"}, {Key: "vcs.modified", Value: "true"},
	}}
	v, b = versionOf(bi)
	assert.Equal(t, "devel", v)
	assert.Equal(t, "git 1d9a99b4c0ffee 2026-12-02T06:40:00Z modified", b)
	bi.Settings[3].Value = "false"
	bi.Main.Version = "v1.4.0"
	v, b = versionOf(bi)
	assert.Equal(t, "v1.4.0", v)
	assert.Equal(t, "git 1d9a99b4c0ffee 2026-12-02T06:40:00Z", b)
}

// Two builds that both read "devel" are told apart by their commit: a
// study is not resumed, nor its shards merged, by another build.
func TestAnotherBuildIsAnotherStudy(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	a, b := filepath.Join(root, "a"), filepath.Join(root, "b")
	for k, dir := range []string{a, b} {
		st := testStudy(dir, 2)
		st.N = 2
		st.Shard = Shard{Index: k + 1, Count: 2}
		_, err := Run(context.Background(), st, nil)
		require.NoError(t, err)
	}
	path := filepath.Join(b, ManifestFile)
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	m := new(Manifest)
	require.NoError(t, json.Unmarshal(data, m))
	m.Build = "git 0123456789abcdef 2026-12-01T00:00:00Z"
	require.NoError(t, writeJSON(path, m))

	_, err = Merge(filepath.Join(root, "m"), a, b)
	assert.ErrorContains(t, err, "differ in cpkrange build")
	st := testStudy(b, 2)
	st.N = 2
	st.Shard = Shard{Index: 2, Count: 2}
	st.Resume = true
	_, err = Run(context.Background(), st, nil)
	assert.ErrorContains(t, err, "differs in cpkrange build")
}

// editRow replaces the first occurrence of old in line (1-based) of the
// file at path.
func editRow(t *testing.T, path string, line int, old, new string) {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	lines := strings.Split(string(data), "\n")
	require.Contains(t, lines[line-1], old)
	lines[line-1] = strings.Replace(lines[line-1], old, new, 1)
	require.NoError(t, os.WriteFile(path, []byte(strings.Join(lines, "\n")), 0o644))
}

// lastDigit returns the index of the last digit of a metric in line.
func lastDigit(line string) int {
	return strings.LastIndexAny(line, "123456789")
}

// TestTamperedRowIsRefused changes one digit of a complete row, which
// still names the right run and reads as a number: resume, the summary
// and merge refuse it, naming the row as file:line.
func TestTamperedRowIsRefused(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	var shards []string
	for k := 1; k <= 2; k++ {
		dir := filepath.Join(root, fmt.Sprint("shard", k))
		st := testStudy(dir, 2)
		st.N = 2
		st.Shard = Shard{Index: k, Count: 2}
		_, err := Run(context.Background(), st, nil)
		require.NoError(t, err)
		shards = append(shards, dir)
	}
	whole := filepath.Join(root, "whole")
	_, err := Merge(whole, shards...)
	require.NoError(t, err)
	summarize(t, whole)

	// One digit of the last metric of row 2 (line 3), in every study.
	tamper := func(path string, line int) {
		t.Helper()
		data, err := os.ReadFile(path)
		require.NoError(t, err)
		l := strings.Split(string(data), "\n")[line-1]
		i := lastDigit(l)
		require.GreaterOrEqual(t, i, 0)
		d := "1"
		if l[i] == '1' {
			d = "2"
		}
		editRow(t, path, line, l, l[:i]+d+l[i+1:])
	}
	runs := filepath.Join(whole, RunsFile)
	tamper(runs, 3)
	_, err = Summarize(whole)
	assert.ErrorContains(t, err, runs+":3: row 2 does not match its checksum (runs.csv.sum:2)")

	st := testStudy(whole, 2)
	st.N = 2
	st.Resume = true
	_, err = Run(context.Background(), st, nil)
	assert.ErrorContains(t, err, runs+":3: row 2 does not match its checksum")

	shardRuns := filepath.Join(shards[1], RunsFile)
	tamper(shardRuns, 3)
	_, err = Merge(filepath.Join(root, "merged"), shards...)
	assert.ErrorContains(t, err, shardRuns+":3: row 2 does not match its checksum")

	daily := filepath.Join(shards[0], DailyFile)
	tamper(daily, 2)
	_, err = Merge(filepath.Join(root, "merged"), shards...)
	assert.ErrorContains(t, err, daily+":2: row 1 does not match its checksum (daily.csv.sum:1)")
}

// TestNonFiniteValueIsRefused: the engine writes a missing value as NA,
// never an infinity or a NaN as such; one found in a file is refused with
// its row, whatever its checksum says.
func TestNonFiniteValueIsRefused(t *testing.T) {
	t.Parallel()
	for _, bad := range []string{"Inf", "+Inf", "-inf", "NaN", "1e999"} {
		dir := t.TempDir()
		st := testStudy(dir, 2)
		st.N = 1
		_, err := Run(context.Background(), st, nil)
		require.NoError(t, err)
		runs := filepath.Join(dir, RunsFile)
		data, err := os.ReadFile(runs)
		require.NoError(t, err)
		l := strings.Split(string(data), "\n")[2]
		edited := l[:strings.LastIndexByte(l, ',')+1] + bad
		editRow(t, runs, 3, l, edited)
		// The checksum is rewritten to match: only the value is wrong.
		sums, err := os.ReadFile(runs + sumSuffix)
		require.NoError(t, err)
		sl := strings.Split(string(sums), "\n")
		sl[1] = strings.TrimSuffix(string(rowSum(nil, []byte(edited+"\n"))), "\n")
		require.NoError(t, os.WriteFile(runs+sumSuffix, []byte(strings.Join(sl, "\n")), 0o644))

		_, err = Summarize(dir)
		assert.ErrorContains(t, err, fmt.Sprintf("%s:3: row 2 %q is not a finite number", runs, bad), bad)
		st.Resume = true
		_, err = Run(context.Background(), st, nil)
		assert.ErrorContains(t, err, fmt.Sprintf("%s:3: row 2 %q is not a finite number", runs, bad), bad)
	}
}

// TestStudyWithoutChecksums: a study written before checksums were kept
// (no runs.csv.sum) is still read, and resumed without them.
func TestStudyWithoutChecksums(t *testing.T) {
	t.Parallel()
	want := reference(t)
	dir := t.TempDir()
	st := testStudy(dir, 2)
	_, err := Run(context.Background(), st, nil)
	require.NoError(t, err)
	// An interrupted study of then: 10 rows, no checksums.
	for _, f := range []string{RunsFile, DailyFile} {
		path := filepath.Join(dir, f)
		require.NoError(t, os.Remove(path+sumSuffix))
		data, err := os.ReadFile(path)
		require.NoError(t, err)
		lines := strings.SplitAfter(string(data), "\n")
		require.NoError(t, os.WriteFile(path, []byte(strings.Join(lines[:11], "")), 0o644))
	}
	st.Resume = true
	_, err = Run(context.Background(), st, nil)
	require.NoError(t, err)
	summarize(t, dir)
	assertSameFiles(t, want, readFiles(t, dir))
	assert.NoFileExists(t, filepath.Join(dir, RunsFile+sumSuffix))
}

// TestChecksumsLagBehindRows: rows whose checksums a kill left unwritten
// are run again on resume, and the files end up those of one run.
func TestChecksumsLagBehindRows(t *testing.T) {
	t.Parallel()
	want := reference(t)
	dir := t.TempDir()
	_, err := Run(context.Background(), testStudy(dir, 2), nil)
	require.NoError(t, err)
	sums := filepath.Join(dir, RunsFile+sumSuffix)
	data, err := os.ReadFile(sums)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(sums, data[:10*sumLineLen+5], 0o644))
	s, err := Summarize(dir)
	require.NoError(t, err)
	assert.Equal(t, 3, s.N, "a summary reads only the rows with a checksum")
	st := testStudy(dir, 2)
	st.Resume = true
	res, err := Run(context.Background(), st, nil)
	require.NoError(t, err)
	assert.Equal(t, int64(36), res.Done)
	summarize(t, dir)
	assertSameFiles(t, want, readFiles(t, dir))
	sumData, err := os.ReadFile(sums)
	require.NoError(t, err)
	assert.Equal(t, data, sumData)
}
