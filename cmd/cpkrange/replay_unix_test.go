//go:build unix

package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// withTimeout fails the test when f blocks, unblocking a named pipe so
// that the test binary can end.
func withTimeout(t *testing.T, fifo string, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { f(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		if w, err := os.OpenFile(fifo, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
			w.Close()
		}
		t.Fatalf("still blocked on %s after 5 s", fifo)
	}
}

// A named pipe or a device given to --replay, or named as a log's source,
// is refused at once.
func TestReplayRefusesSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "f.jsonl")
	require.NoError(t, syscall.Mkfifo(fifo, 0o600))
	cases := map[string]string{fifo: "it is a named pipe, not a regular file", dir: "it is a directory"}
	if _, err := os.Stat("/dev/zero"); err == nil {
		cases["/dev/zero"] = "it is a device, not a regular file"
	}
	for path, want := range cases {
		withTimeout(t, fifo, func() {
			r, ok := replay(t, path)
			assert.False(t, ok)
			assert.Equal(t, "cpkrange facilitate: "+path+": "+want+"\n", r.errOut)
		})
	}

	lines := writeLog(t, dir)
	source := filepath.Join(dir, "s.toml")
	require.NoError(t, syscall.Mkfifo(source, 0o600))
	log := filepath.Join(dir, "l.jsonl")
	head := strings.Replace(lines[0], `"source":"`+good+`"`, `"source":"`+source+`"`, 1)
	require.NoError(t, os.WriteFile(log, []byte(strings.Join(append([]string{head}, lines[1:]...), "\n")), 0o644))
	withTimeout(t, source, func() {
		r, ok := replay(t, log)
		assert.False(t, ok)
		assert.Contains(t, r.errOut, "it is a named pipe, not a regular file")
	})
}

// batch and sweep refuse a named pipe as their scenario at once.
func TestStudiesRefuseSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "f.toml")
	require.NoError(t, syscall.Mkfifo(fifo, 0o600))
	for _, cmd := range []string{"batch", "sweep", "run", "validate"} {
		withTimeout(t, fifo, func() {
			args := []string{cmd, fifo}
			if cmd == "batch" || cmd == "sweep" {
				args = append(args, "-n", "1", "--out", filepath.Join(dir, cmd))
			}
			r := runArgs(args...)
			assert.Equal(t, exitProblems, r.code, cmd)
			assert.Contains(t, r.out+r.errOut, fifo+": cannot read the file: it is a named pipe, not a regular file", cmd)
		})
	}
}

// run --log refuses a named pipe at once, before the run.
func TestRunLogRefusesANamedPipe(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "log.jsonl")
	require.NoError(t, syscall.Mkfifo(fifo, 0o600))
	withTimeout(t, fifo, func() {
		r := runArgs("run", good, "--log", fifo)
		assert.Equal(t, exitProblems, r.code)
		assert.Empty(t, r.out)
		assert.Equal(t, "cpkrange run: --log "+fifo+": it is a named pipe, not a regular file; a log is written only to a regular file\n", r.errOut)
	})
}
