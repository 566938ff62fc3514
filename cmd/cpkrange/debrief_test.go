package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"cpkrange/debrief"
)

// batchLog writes the log of `cpkrange run` (a session without a
// facilitator) into dir.
func batchLog(t *testing.T, dir string) string {
	t.Helper()
	path := filepath.Join(dir, "run.jsonl")
	var out, errOut bytes.Buffer
	require.Equal(t, exitOK, dispatch([]string{"run", "ddos-election", "--seed", "3", "--quiet", "--log", path}, &out, &errOut), errOut.String())
	return path
}

// TestDebriefTranscript: a batch run's log is debriefed (every decision
// answered by default, with its counterfactual); the files are made; a
// second debrief into the same place is refused unless --force, and
// touches nothing.
func TestDebriefTranscript(t *testing.T) {
	t.Parallel()
	tmp := t.TempDir()
	log := batchLog(t, tmp)
	out := filepath.Join(tmp, "report")
	got, code := studyTranscript(tmp, "debrief", log, "--out", out, "-n", "6")
	require.Equal(t, exitOK, code, got)
	checkGolden(t, "debrief", got)
	for _, f := range debrief.Files {
		fi, err := os.Stat(filepath.Join(out, f))
		require.NoError(t, err)
		assert.Positive(t, fi.Size(), f)
	}
	before, err := os.ReadFile(filepath.Join(out, debrief.HTMLFile))
	require.NoError(t, err)
	assert.Contains(t, string(before), "Counterfactual of name-dravinia: 6 futures of each option")

	got, code = studyTranscript(tmp, "debrief", log, "--out", out, "-n", "2")
	assert.Equal(t, exitProblems, code)
	checkGolden(t, "debrief-exists", got)
	after, _ := os.ReadFile(filepath.Join(out, debrief.HTMLFile))
	assert.Equal(t, before, after, "nothing overwritten without --force")

	got, code = studyTranscript(tmp, "debrief", log, "--out", out, "-n", "2", "--force")
	require.Equal(t, exitOK, code, got)
	after, _ = os.ReadFile(filepath.Join(out, debrief.HTMLFile))
	assert.NotEqual(t, before, after)
}

// TestDebriefBadInput: a torn log is debriefed up to the tear, with the
// point stated; a log of another format version, of a scenario that can no
// longer be loaded, or that is no log at all, is refused clearly.
func TestDebriefBadInput(t *testing.T) {
	t.Parallel()
	tmp := t.TempDir()
	log := batchLog(t, tmp)
	data, err := os.ReadFile(log)
	require.NoError(t, err)
	lines := strings.SplitAfter(string(data), "\n")
	write := func(name, text string) string {
		p := filepath.Join(tmp, name)
		require.NoError(t, os.WriteFile(p, []byte(text), 0o644))
		return p
	}
	// Torn in the middle of line 200.
	torn := write("torn.jsonl", strings.Join(lines[:199], "")+lines[199][:len(lines[199])/2])
	got, code := studyTranscript(tmp, "debrief", torn, "--out", filepath.Join(tmp, "torn"), "-n", "2")
	require.Equal(t, exitOK, code, got)
	checkGolden(t, "debrief-torn", got)
	page, err := os.ReadFile(filepath.Join(tmp, "torn", debrief.HTMLFile))
	require.NoError(t, err)
	assert.Contains(t, string(page), "The event log is torn: it stops being readable at "+torn+":200:")

	version := write("v1.jsonl", strings.Replace(lines[0], `"version":2`, `"version":1`, 1)+strings.Join(lines[1:], ""))
	lost := write("lost.jsonl", strings.Replace(lines[0], `"source":"ddos-election"`, `"source":"`+filepath.Join(tmp, "gone.toml")+`"`, 1)+strings.Join(lines[1:], ""))
	broken := write("broken.toml", "[scenario]\nname = 1\n")
	unloadable := write("unloadable.jsonl", strings.Replace(lines[0], `"source":"ddos-election"`, `"source":"`+broken+`"`, 1)+strings.Join(lines[1:], ""))
	notLog := write("notes.txt", "the room's notes\n")
	for name, path := range map[string]string{"version": version, "lost": lost, "unloadable": unloadable, "not-a-log": notLog} {
		t.Run(name, func(t *testing.T) {
			got, code := studyTranscript(tmp, "debrief", path, "--out", filepath.Join(tmp, name), "-n", "2")
			assert.Equal(t, exitProblems, code, got)
			checkGolden(t, "debrief-"+name, got)
			_, err := os.Stat(filepath.Join(tmp, name))
			assert.True(t, os.IsNotExist(err), "nothing written for a refused log")
		})
	}
	got, code = studyTranscript(tmp, "debrief")
	assert.Equal(t, exitUsage, code, got)
}
