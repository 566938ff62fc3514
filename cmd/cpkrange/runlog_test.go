package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// run --log writes only to a regular file or a new one, and says so
// before the run: a directory fails at once, with nothing printed.
func TestRunLogRefusesWhatIsNotARegularFile(t *testing.T) {
	dir := t.TempDir()
	cases := map[string]string{dir: "it is a directory; a log is written only to a regular file"}
	dangling := filepath.Join(dir, "dangling.jsonl")
	require.NoError(t, os.Symlink(filepath.Join(dir, "nowhere", "x.jsonl"), dangling))
	cases[dangling] = "a symbolic link to a file that cannot be reached"
	linkToDir := filepath.Join(dir, "to-dir.jsonl")
	require.NoError(t, os.Symlink(dir, linkToDir))
	cases[linkToDir] = "it is a directory"
	if _, err := os.Stat("/dev/null"); err == nil {
		cases["/dev/null"] = "it is a device, not a regular file"
	}
	for path, want := range cases {
		start := time.Now()
		r := runArgs("run", good, "--log", path)
		assert.Equal(t, exitProblems, r.code, path)
		assert.Empty(t, r.out, "nothing runs: %s", path)
		assert.Contains(t, r.errOut, "cpkrange run: --log "+path+": ", path)
		assert.Contains(t, r.errOut, want, path)
		assert.Less(t, time.Since(start), time.Second)
	}
	r := runArgs("facilitate", good, "--log", dir)
	assert.Equal(t, exitProblems, r.code)
	assert.Contains(t, r.errOut, "cpkrange facilitate: --log "+dir+": it is a directory")

	fi, err := os.Lstat(dangling)
	require.NoError(t, err)
	assert.NotZero(t, fi.Mode()&os.ModeSymlink, "the link is left as it was")
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	for _, e := range entries {
		assert.False(t, strings.HasPrefix(e.Name(), "."), "temporary file %s left behind", e.Name())
	}
}

// A symbolic link is written through: the link stays, its target gets the
// log. A new log has the mode of a study's files.
func TestRunLogWritesThroughASymlink(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "real.jsonl")
	require.NoError(t, os.WriteFile(target, []byte("old"), 0o640))
	link := filepath.Join(dir, "link.jsonl")
	require.NoError(t, os.Symlink(target, link))
	r := runArgs("run", good, "--quiet", "--log", link)
	require.Equal(t, exitOK, r.code, r.errOut)
	fi, err := os.Lstat(link)
	require.NoError(t, err)
	assert.NotZero(t, fi.Mode()&os.ModeSymlink, "the link is still a link")
	data, err := os.ReadFile(target)
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(string(data), `{"format":"cpkrange-event-log"`))
	fi, err = os.Stat(target)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o640), fi.Mode().Perm(), "an existing file keeps its mode")

	fresh := filepath.Join(dir, "fresh.jsonl")
	r = runArgs("run", good, "--quiet", "--log", fresh)
	require.Equal(t, exitOK, r.code, r.errOut)
	fi, err = os.Stat(fresh)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o644), fi.Mode().Perm())
}

// SIGINT or SIGTERM during run --log removes the temporary file and exits
// 130, leaving no log: the built binary is run and signalled.
func TestRunLogRemovesItsTemporaryFileOnSignals(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("signals are POSIX")
	}
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "cpkrange")
	build := exec.Command("go", "build", "-o", bin, ".")
	out, err := build.CombinedOutput()
	require.NoError(t, err, "%s", out)
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			dir := t.TempDir()
			log := filepath.Join(dir, "run.jsonl")
			cmd := exec.Command(bin, "run", good, "--quiet", "--log", log,
				"--set", "attacker.grey-gull.tempo=100/h", "--set", "scenario.horizon=3650d", "--budget", "1000000000")
			var stderr strings.Builder
			cmd.Stderr = &stderr
			require.NoError(t, cmd.Start())
			defer cmd.Process.Kill()
			// Wait for the temporary file, then for it to grow: the run is on.
			deadline := time.Now().Add(20 * time.Second)
			var tmp string
			for tmp == "" && time.Now().Before(deadline) {
				matches, _ := filepath.Glob(filepath.Join(dir, ".run.jsonl.*"))
				if len(matches) == 1 {
					if fi, err := os.Stat(matches[0]); err == nil && fi.Size() > 0 {
						tmp = matches[0]
					}
				}
				time.Sleep(20 * time.Millisecond)
			}
			require.NotEmpty(t, tmp, "no temporary log appeared") // stderr is read only after Wait
			require.NoError(t, cmd.Process.Signal(sig))
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			select {
			case err = <-done:
			case <-time.After(10 * time.Second):
				t.Fatalf("still running 10 s after %v", sig)
			}
			var exit *exec.ExitError
			require.ErrorAs(t, err, &exit)
			assert.Equal(t, exitInterrupted, exit.ExitCode())
			assert.Contains(t, stderr.String(), "interrupted; no event log written")
			entries, err := os.ReadDir(dir)
			require.NoError(t, err)
			assert.Empty(t, entries, "the temporary file is removed and no log written")
		})
	}
}
