package main

import (
	"bytes"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"cpkrange/analytics"
)

// The golden transcripts of batch, sweep, merge and report are rewritten
// with go test ./cmd/cpkrange -update (the package's shared flag, defined
// by whichever test file initialises first).
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite the golden files")
	}
}

// studyTranscript runs a command line and renders what it did, with the
// test's temporary directory written as $TMP.
func studyTranscript(tmp string, args ...string) (string, int) {
	var out, errOut bytes.Buffer
	code := dispatch(args, &out, &errOut)
	s := fmt.Sprintf("$ cpkrange %s\n--- stdout\n%s--- stderr\n%s--- exit %d\n", strings.Join(args, " "), out.String(), errOut.String(), code)
	return strings.ReplaceAll(s, tmp, "$TMP"), code
}

func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	golden := filepath.Join("testdata", "cli", name+".golden")
	if f := flag.Lookup("update"); f != nil && f.Value.String() == "true" {
		require.NoError(t, os.WriteFile(golden, []byte(got), 0o644))
		return
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err, "run go test ./cmd/cpkrange -run %s -update to create it", t.Name())
	assert.Equal(t, string(want), got, "run go test ./cmd/cpkrange -run %s -update if the new output is right", t.Name())
}

func sameStudyFiles(t *testing.T, a, b string) {
	t.Helper()
	for _, f := range []string{analytics.ManifestFile, analytics.RunsFile, analytics.DailyFile, analytics.SummaryJSONFile, analytics.SummaryCSVFile} {
		x, err := os.ReadFile(filepath.Join(a, f))
		require.NoError(t, err)
		y, err := os.ReadFile(filepath.Join(b, f))
		require.NoError(t, err)
		assert.True(t, bytes.Equal(x, y), "%s differs between %s and %s", f, a, b)
	}
}

func TestBatchShardMergeReport(t *testing.T) {
	t.Parallel()
	tmp := t.TempDir()
	one := filepath.Join(tmp, "w1")
	args := []string{"batch", "grid-wiper", "-n", "8", "--variants", "base,no-force,no-safe-layer", "--quiet"}

	got, code := studyTranscript(tmp, append(args, "--workers", "1", "--out", one)...)
	require.Equal(t, exitOK, code, got)
	checkGolden(t, "batch", got)

	// Each command draws its plots on one core: run the other ways of
	// making the same study, and the report, side by side.
	t.Run("same", func(t *testing.T) {
		t.Run("on two workers", func(t *testing.T) {
			t.Parallel()
			two := filepath.Join(tmp, "w2")
			_, code := studyTranscript(tmp, append(args, "--workers", "2", "--out", two)...)
			require.Equal(t, exitOK, code)
			sameStudyFiles(t, one, two)
		})
		t.Run("from two shards, merged", func(t *testing.T) {
			t.Parallel()
			var shards []string
			for k := 1; k <= 2; k++ {
				dir := filepath.Join(tmp, fmt.Sprint("s", k))
				got, code := studyTranscript(tmp, append(args, "--shard", fmt.Sprintf("%d/2", k), "--out", dir)...)
				require.Equal(t, exitOK, code, got)
				if k == 1 {
					checkGolden(t, "batch-shard", got)
				}
				shards = append(shards, dir)
			}
			merged := filepath.Join(tmp, "merged")
			got, code := studyTranscript(tmp, "merge", "--out", merged, shards[1], shards[0])
			require.Equal(t, exitOK, code, got)
			checkGolden(t, "merge", got)
			sameStudyFiles(t, one, merged)
		})
		// The report rewrites the first study's summary and plots, with
		// the same bytes and atomically, while the others read them.
		t.Run("reported", func(t *testing.T) {
			t.Parallel()
			got, code := studyTranscript(tmp, "report", one)
			require.Equal(t, exitOK, code, got)
			checkGolden(t, "report", got)
			html, err := os.ReadFile(filepath.Join(one, analytics.ReportFile))
			require.NoError(t, err)
			assert.Contains(t, string(html), "cpkrange batch grid-wiper -n 8 --variants base,no-force,no-safe-layer --seed 2017")
		})
	})
}

func TestSweepTranscript(t *testing.T) {
	t.Parallel()
	tmp := t.TempDir()
	got, code := studyTranscript(tmp, "sweep", "grid-wiper", "--design", "lhs", "--samples", "4", "-n", "2", "--seed", "7", "--quiet", "--out", filepath.Join(tmp, "sw"))
	require.Equal(t, exitOK, code, got)
	checkGolden(t, "sweep", got)
	runs, err := os.ReadFile(filepath.Join(tmp, "sw", analytics.RunsFile))
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(string(runs), "point,model.peacekeeping.safe_layer_block,attacker.ashfall.skill,replication,seed,"))
}

func TestStudyUsage(t *testing.T) {
	t.Parallel()
	tmp := t.TempDir()
	out := filepath.Join(tmp, "x")
	for name, c := range map[string]struct {
		args []string
		code int
	}{
		"batch-zero-runs":     {[]string{"batch", "grid-wiper", "-n", "0", "--out", out}, exitUsage},
		"batch-bad-shard":     {[]string{"batch", "grid-wiper", "--shard", "3/2", "--out", out}, exitUsage},
		"batch-two-scenarios": {[]string{"batch", "a", "b"}, exitUsage},
		"batch-no-scenario":   {[]string{"batch", "atlantis", "--out", out}, exitProblems},
		"batch-bad-variant":   {[]string{"batch", "grid-wiper", "--variants", "base,no-forse", "--out", out}, exitProblems},
		"sweep-samples-grid":  {[]string{"sweep", "grid-wiper", "--samples", "3", "--out", out}, exitUsage},
		"merge-no-args":       {[]string{"merge"}, exitUsage},
		"report-no-study":     {[]string{"report", tmp}, exitProblems},
	} {
		t.Run(name, func(t *testing.T) {
			got, code := studyTranscript(tmp, c.args...)
			assert.Equal(t, c.code, code, got)
			checkGolden(t, name, got)
		})
	}
	_, err := os.Stat(out)
	assert.True(t, os.IsNotExist(err), "nothing written by a study that could not start")
}

func TestBatchProgressLines(t *testing.T) {
	t.Parallel()
	tmp := t.TempDir()
	var out, errOut bytes.Buffer
	// A shard, which draws no plots: 3 of the 6 runs.
	code := dispatch([]string{"batch", "grid-wiper", "-n", "6", "--shard", "1/2", "--out", filepath.Join(tmp, "b")}, &out, &errOut)
	require.Equal(t, exitOK, code, errOut.String())
	// Not a terminal: plain lines, the last when done.
	assert.Regexp(t, `cpkrange batch: 3/3 runs \(100%\), [0-9.]+ runs/s, took `, errOut.String())
	assert.NotContains(t, errOut.String(), "\r")
}

// TestBatchInterruptThenResume sends the test process SIGINT while a batch
// runs: the command catches it, keeps its files consistent, says how to
// finish, and --resume does. It must not be parallel: the signal reaches
// every command running in the process.
func TestBatchInterruptThenResume(t *testing.T) {
	tmp := t.TempDir()
	dir := filepath.Join(tmp, "b")
	args := []string{"batch", "ddos-election", "-n", "60", "--workers", "1", "--quiet", "--out", dir}
	done := make(chan struct{})
	var code int
	var errOut bytes.Buffer
	go func() {
		defer close(done)
		code = dispatch(args, &bytes.Buffer{}, &errOut)
	}()
	deadline := time.Now().Add(time.Minute)
	for {
		data, _ := os.ReadFile(filepath.Join(dir, analytics.RunsFile))
		if strings.Count(string(data), "\n") >= 3 {
			break
		}
		require.True(t, time.Now().Before(deadline), "the batch wrote nothing")
		time.Sleep(time.Millisecond)
	}
	require.NoError(t, syscall.Kill(os.Getpid(), syscall.SIGINT))
	<-done
	require.Equal(t, exitInterrupted, code, errOut.String())
	assert.Contains(t, errOut.String(), "run the same command with --resume to finish")

	var out bytes.Buffer
	code = dispatch(append(args, "--resume"), &out, &errOut)
	require.Equal(t, exitOK, code, errOut.String())
	runs, err := os.ReadFile(filepath.Join(dir, analytics.RunsFile))
	require.NoError(t, err)
	assert.Equal(t, 61, strings.Count(string(runs), "\n"))
}

// A variant name longer than the column keeps the table aligned: every
// metric starts in the same column.
func TestFindingsAlignLongNames(t *testing.T) {
	t.Parallel()
	long := "no-force-and-no-generators-either"
	s := &analytics.Summary{
		Kind: analytics.Batch, Arms: []string{"base", "no-force", long},
		Metrics: []analytics.MetricInfo{{Name: "harm"}, {Name: "armed", Binary: true}},
	}
	for _, v := range s.Arms[1:] {
		s.Comparisons = append(s.Comparisons,
			analytics.Comparison{Variant: v, Metric: "harm", Diff: 1e6, Low: -2e6, High: 4e6, Verdict: "noise"},
			analytics.Comparison{Variant: v, Metric: "armed", Diff: 0.25, Low: 0.05, High: 0.45, Verdict: "clear increase"})
	}
	var b bytes.Buffer
	printFindings(&b, s)
	var cols []int
	for _, line := range strings.Split(b.String(), "\n") {
		for _, m := range []string{" harm ", " armed "} {
			if i := strings.Index(line, m); i >= 0 && strings.HasPrefix(line, "  ") {
				cols = append(cols, i)
			}
		}
	}
	require.Len(t, cols, 4, b.String())
	for _, c := range cols {
		assert.Equal(t, cols[0], c, b.String())
	}
	assert.Contains(t, b.String(), "  "+long+" harm")
}

// TestSignedNumNotFinite: an overflowed mean shows as missing, never as
// "++Inf bn".
func TestSignedNumNotFinite(t *testing.T) {
	t.Parallel()
	for _, share := range []bool{false, true} {
		for _, x := range []float64{math.Inf(1), math.Inf(-1), math.NaN()} {
			assert.Equal(t, "–", signedNum(x, share))
		}
	}
	assert.Equal(t, "+2.5 bn", signedNum(2.5e9, false))
	assert.Equal(t, "-2.5 bn", signedNum(-2.5e9, false))
	assert.Equal(t, "–", fix(analytics.Float(math.Inf(1))))
}

// TestTamperedRowRefused: one digit changed in a complete row of runs.csv
// makes resume, merge and report fail, naming the row as file:line.
func TestTamperedRowRefused(t *testing.T) {
	t.Parallel()
	tmp := t.TempDir()
	args := []string{"batch", "grid-wiper", "-n", "2", "--variants", "base,no-force", "--quiet"}
	var shards []string
	for k := 1; k <= 2; k++ {
		dir := filepath.Join(tmp, fmt.Sprint("s", k))
		got, code := studyTranscript(tmp, append(args, "--shard", fmt.Sprintf("%d/2", k), "--out", dir)...)
		require.Equal(t, exitOK, code, got)
		shards = append(shards, dir)
	}
	merged := filepath.Join(tmp, "merged")
	got, code := studyTranscript(tmp, "merge", "--out", merged, shards[0], shards[1])
	require.Equal(t, exitOK, code, got)

	tamper := func(path string) {
		t.Helper()
		data, err := os.ReadFile(path)
		require.NoError(t, err)
		lines := strings.Split(string(data), "\n")
		i := strings.LastIndexAny(lines[2], "23456789")
		require.GreaterOrEqual(t, i, 0, lines[2])
		lines[2] = lines[2][:i] + "1" + lines[2][i+1:]
		require.NoError(t, os.WriteFile(path, []byte(strings.Join(lines, "\n")), 0o644))
	}
	tamper(filepath.Join(merged, analytics.RunsFile))
	tamper(filepath.Join(shards[1], analytics.RunsFile))
	want := "runs.csv:3: row 2 does not match its checksum (runs.csv.sum:2)"

	got, code = studyTranscript(tmp, "report", merged)
	assert.Equal(t, exitProblems, code, got)
	assert.Contains(t, got, "$TMP/merged/"+want)
	got, code = studyTranscript(tmp, "merge", "--out", filepath.Join(tmp, "again"), shards[0], shards[1])
	assert.Equal(t, exitProblems, code, got)
	assert.Contains(t, got, "$TMP/s2/"+want)
	got, code = studyTranscript(tmp, append(args, "--shard", "2/2", "--resume", "--out", shards[1])...)
	assert.NotEqual(t, exitOK, code, got)
	assert.Contains(t, got, "$TMP/s2/"+want)
}
