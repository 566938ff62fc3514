//go:build linux

package slurm_test

import (
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The study: a thousand runs or so per shard, so that a shard lasts long
// enough (seconds) to be cancelled in the middle, and the whole test stays
// well under three minutes on two cores.
const (
	shards       = 4
	scenario     = "grid-wiper"
	replications = "400"
	variants     = "all" // 12 arms: 4800 runs, 1200 a shard (about 6 s at grid-wiper's 185 runs/s)
	seed         = "2015"
)

// TestSlurmShardsMergeToTheSingleRun runs deploy/slurm/submit.sh on a real
// one-node Slurm cluster: a job array of shards, then the merge it queues.
// The merged study must be the one-process study byte for byte, also when
// a task is cancelled mid-shard and requeued with requeue.sh.
func TestSlurmShardsMergeToTheSingleRun(t *testing.T) {
	requireSlurm(t)
	bin := buildCpkrange(t)
	c := startCluster(t)

	reference := filepath.Join(t.TempDir(), "single")
	cpkrange(t, bin, "batch", scenario, "-n", replications, "--variants", variants, "--seed", seed, "--out", reference, "--quiet")
	cpkrange(t, bin, "report", reference)
	runsPerShard := rows(filepath.Join(reference, "runs.csv")) / shards

	t.Run("array", func(t *testing.T) {
		study := newStudy(t, c, bin)
		// One CPU a task, passed through to sbatch: two shards at once.
		array, merge := study.submit(t, "--cpus-per-task=1")
		c.waitCompleted(t, 90*time.Second, array)
		c.waitCompleted(t, 30*time.Second, merge)
		sameTree(t, reference, filepath.Join(study.dir, "merged"))
		// The jobs ran where they were submitted from, not in deploy/slurm.
		outs, _ := filepath.Glob(filepath.Join(study.dir, "*.out"))
		if len(outs) != shards+1 {
			t.Errorf("%d job output files in the submitting directory, want %d: %v", len(outs), shards+1, outs)
		}
		if stray, _ := filepath.Glob(filepath.Join(scriptsDir(t), "*.out")); len(stray) > 0 {
			t.Errorf("job output files in deploy/slurm: %v", stray)
		}
	})

	t.Run("cancelled task requeued", func(t *testing.T) {
		study := newStudy(t, c, bin)
		array, merge := study.submit(t, "--cpus-per-task=1")
		task := array + "_0"
		study.cancelMidShard(t, task, merge, runsPerShard)

		cmd := exec.Command(filepath.Join(scriptsDir(t), "requeue.sh"), array, "0", merge)
		cmd.Env = append(c.command("true").Env, "SHARDS="+strconv.Itoa(shards))
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("requeue.sh: %v\n%s", err, out)
		}
		c.waitCompleted(t, 90*time.Second, array)
		c.waitCompleted(t, 30*time.Second, merge)
		if r := c.jobField(t, task, "Restarts"); r != "1" {
			t.Errorf("task %s restarted %s times; want 1 (requeued, not resubmitted)", task, r)
		}
		sameTree(t, reference, filepath.Join(study.dir, "merged"))
	})

	// The fallback of scale-out.md once Slurm has forgotten the task:
	// resubmit it alone and queue a new merge after it.
	t.Run("cancelled task resubmitted", func(t *testing.T) {
		study := newStudy(t, c, bin)
		array, merge := study.submit(t, "--cpus-per-task=1")
		study.cancelMidShard(t, array+"_0", merge, runsPerShard)
		for i := 1; i < shards; i++ {
			c.waitCompleted(t, 90*time.Second, array+"_"+strconv.Itoa(i))
		}
		c.run(t, "scancel", merge)
		// An array of one: the task must still run shard 1 of 4.
		task := study.sbatch(t, "--array=0", "--cpus-per-task=1", filepath.Join(scriptsDir(t), "batch.sbatch"))
		merge = study.sbatch(t, "--dependency=afterok:"+task, filepath.Join(scriptsDir(t), "merge.sbatch"))
		c.waitCompleted(t, 90*time.Second, task)
		c.waitCompleted(t, 30*time.Second, merge)
		sameTree(t, reference, filepath.Join(study.dir, "merged"))
	})
}

// cancelMidShard cancels the array task running shard 1 once it has
// written some rows, and checks that it stopped mid-shard and that the
// merge did not start.
func (s *study) cancelMidShard(t *testing.T, task, merge string, runsPerShard int) {
	t.Helper()
	c := s.c
	runs := filepath.Join(s.dir, "shard-1", "runs.csv")
	// Cancel as soon as the shard has written some rows: it has
	// hundreds to go, seconds of work.
	c.eventually(t, 60*time.Second, "shard 1 under way", func() (bool, string) {
		n := rows(runs)
		return n >= 10, strconv.Itoa(n)
	})
	c.run(t, "scancel", task)
	c.eventually(t, 20*time.Second, "task "+task+" cancelled", func() (bool, string) {
		states := c.jobStates(t, task)
		return len(states) == 1 && states[0] == "CANCELLED", strings.Join(states, ",")
	})
	if n := rows(runs); n >= runsPerShard {
		t.Fatalf("shard 1 had finished (%d rows) before its task was cancelled: nothing was resumed", n)
	} else {
		t.Logf("task %s cancelled with %d of %d rows of shard 1 written", task, n, runsPerShard)
	}
	// The other tasks go on meanwhile; the merge must not start on a
	// partial study.
	if st := c.jobStates(t, merge); len(st) != 1 || st[0] != "PENDING" {
		t.Fatalf("merge %s is %v with a shard cancelled; want PENDING", merge, st)
	}
}

// scriptsDir is deploy/slurm, the directory of this test.
func scriptsDir(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// openInputs opens every file of the module. What this test checks is
// read by other processes (go build, the scripts under sbatch), which go
// test cannot see; opening the files here makes them inputs of the test,
// so a cached result is not reused after any of them changes.
func openInputs(t *testing.T) {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("no module root above deploy/slurm: %v", err)
	}
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			switch d.Name() {
			case ".git", "node_modules", "out":
				return filepath.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() {
			return nil
		}
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		return f.Close()
	})
	if err != nil {
		t.Fatal(err)
	}
}

// buildCpkrange builds the command as a cluster image would (no cgo).
func buildCpkrange(t *testing.T) string {
	t.Helper()
	openInputs(t)
	bin := filepath.Join(t.TempDir(), "cpkrange")
	cmd := exec.Command("go", "build", "-o", bin, "cpkrange/cmd/cpkrange")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

func cpkrange(t *testing.T, bin string, args ...string) {
	t.Helper()
	if out, err := exec.Command(bin, args...).CombinedOutput(); err != nil {
		t.Fatalf("cpkrange %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

// study is one submission of the sharded study, in a directory of its own
// that is also the jobs' working directory (their .out files land there).
type study struct {
	c   *cluster
	bin string
	dir string
}

func newStudy(t *testing.T, c *cluster, bin string) *study {
	t.Helper()
	dir, err := os.MkdirTemp(c.dir, "study-")
	if err != nil {
		t.Fatal(err)
	}
	return &study{c: c, bin: bin, dir: dir}
}

var submitted = regexp.MustCompile(`job array (\d+); merge: job (\d+)`)

// submit runs submit.sh as a researcher would, settings in the
// environment and sbatch options as arguments, and returns the array's
// and the merge's job ids.
func (s *study) submit(t *testing.T, sbatchArgs ...string) (array, merge string) {
	t.Helper()
	cmd := exec.Command(filepath.Join(scriptsDir(t), "submit.sh"), sbatchArgs...)
	cmd.Dir = s.dir
	cmd.Env = s.env()
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("submit.sh: %v\n%s%s", err, out, s.c.logs())
	}
	m := submitted.FindStringSubmatch(string(out))
	if m == nil {
		t.Fatalf("submit.sh printed no job ids: %q", out)
	}
	t.Cleanup(func() {
		if t.Failed() {
			s.dumpOutputs(t)
		}
	})
	return m[1], m[2]
}

// env is the environment a researcher submits the study with.
func (s *study) env() []string {
	return append(s.c.command("true").Env,
		"STUDY_DIR="+s.dir, "SCENARIO="+scenario, "REPLICATIONS="+replications,
		"VARIANTS="+variants, "SEED="+seed, "SHARDS="+strconv.Itoa(shards), "CPKRANGE="+s.bin)
}

// sbatch submits one script by hand, from the study's directory with its
// environment, as scale-out.md tells a researcher to, and returns the job id.
func (s *study) sbatch(t *testing.T, args ...string) string {
	t.Helper()
	cmd := s.c.command("sbatch", append([]string{"--parsable", "--export=ALL"}, args...)...)
	cmd.Dir = s.dir
	cmd.Env = s.env()
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("sbatch %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	id, _, _ := strings.Cut(strings.TrimSpace(string(out)), ";")
	return id
}

// dumpOutputs logs the jobs' output files, for a failure.
func (s *study) dumpOutputs(t *testing.T) {
	outs, _ := filepath.Glob(filepath.Join(s.dir, "*.out"))
	for _, f := range outs {
		data, _ := os.ReadFile(f)
		t.Logf("--- %s\n%s", filepath.Base(f), data)
	}
}

// rows counts the data rows of a CSV file written so far (0 if absent).
func rows(path string) int {
	data, err := os.ReadFile(path)
	if err != nil || len(data) == 0 {
		return 0
	}
	return bytes.Count(data, []byte("\n")) - 1
}

// sameTree requires every file of want to be in got, byte for byte, and
// got to hold nothing more.
func sameTree(t *testing.T, want, got string) {
	t.Helper()
	files := func(root string) map[string]bool {
		set := map[string]bool{}
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() {
				rel, _ := filepath.Rel(root, path)
				set[rel] = true
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return set
	}
	w, g := files(want), files(got)
	if len(w) < 6 {
		t.Fatalf("the single-process study has only %d files", len(w))
	}
	for rel := range w {
		if !g[rel] {
			t.Errorf("merged study lacks %s", rel)
			continue
		}
		a, _ := os.ReadFile(filepath.Join(want, rel))
		b, _ := os.ReadFile(filepath.Join(got, rel))
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs from the single-process study (%d bytes, want %d)", rel, len(b), len(a))
		}
	}
	for rel := range g {
		if !w[rel] {
			t.Errorf("merged study has %s, which the single-process study has not", rel)
		}
	}
}
