package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"cpkrange/agents"
)

// writeLog runs the minimal scenario with --log and returns the log's
// lines.
func writeLog(t *testing.T, dir string) []string {
	t.Helper()
	path := filepath.Join(dir, "run.jsonl")
	r := runArgs("run", good, "--quiet", "--log", path)
	require.Equal(t, exitOK, r.code, r.errOut)
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	return strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
}

func replay(t *testing.T, path string, scenario ...string) (*ran, bool) {
	t.Helper()
	var out, errOut bytes.Buffer
	c := facilitateConfig{replay: path}
	if len(scenario) > 0 {
		c.scenario = scenario[0]
	}
	rc, code := loadReplay(c, &out, &errOut)
	r := &ran{code, out.String(), errOut.String()}
	if rc != nil {
		return r, true
	}
	assert.Equal(t, exitProblems, code)
	return r, false
}

// The header's source is read only when it is a bundled name or a regular
// .toml file: a log naming /etc/passwd gets a refusal that quotes nothing
// of it.
func TestReplayReadsOnlyAScenarioAsTheHeadersSource(t *testing.T) {
	dir := t.TempDir()
	lines := writeLog(t, dir)
	secret := filepath.Join(dir, "secret")
	require.NoError(t, os.WriteFile(secret, []byte("root:x:0:0:the-secret-line\n"), 0o600))
	require.NoError(t, os.Mkdir(filepath.Join(dir, "d.toml"), 0o755))
	for source, want := range map[string]string{
		secret:                          "is neither a bundled scenario nor a .toml file",
		"/etc/passwd":                   `the header's source "/etc/passwd" is neither a bundled scenario nor a .toml file`,
		filepath.Join(dir, "d.toml"):    "it is a directory",
		filepath.Join(dir, "none.toml"): "no such file or directory",
	} {
		log := filepath.Join(dir, "l.jsonl")
		head := strings.Replace(lines[0], `"source":"`+good+`"`, `"source":"`+source+`"`, 1)
		require.NotEqual(t, lines[0], head)
		require.NoError(t, os.WriteFile(log, []byte(strings.Join(append([]string{head}, lines[1:]...), "\n")), 0o644))
		r, ok := replay(t, log)
		require.False(t, ok, source)
		assert.Contains(t, r.errOut, want, source)
		assert.Contains(t, r.errOut, "name the scenario: facilitate SCENARIO --replay")
		assert.NotContains(t, r.out+r.errOut, "the-secret-line")
	}
	// Named on the command line, the scenario is the user's choice.
	log := filepath.Join(dir, "l.jsonl")
	_, ok := replay(t, log, good)
	assert.True(t, ok)
}

// An impossible record stops the replay there; the replay plays what
// came before and says where it stopped.
func TestReplayStopsAtAnImpossibleRecord(t *testing.T) {
	dir := t.TempDir()
	lines := writeLog(t, dir)
	require.Greater(t, len(lines), 10)
	bad := append([]string{}, lines...)
	bad[5] = `{"t":1e308,"kind":"inject","stage":"pre-conflict"}`
	log := filepath.Join(dir, "bad.jsonl")
	require.NoError(t, os.WriteFile(log, []byte(strings.Join(bad, "\n")), 0o644))
	var out, errOut bytes.Buffer
	rc, code := loadReplay(facilitateConfig{replay: log}, &out, &errOut)
	require.NotNil(t, rc, "%s%s", out.String(), errOut.String())
	assert.Equal(t, -1, code)
	assert.Len(t, rc.Records, 4)
	assert.Contains(t, out.String(), log+":6:1: time 1e+308 is outside the run [0, 720]")
	assert.Contains(t, errOut.String(), "warning: the replay stops before "+log+":6, after 4 records")

	// A bad header replays nothing.
	bad[0] = strings.Replace(lines[0], `"horizon":720`, `"horizon":-1`, 1)
	require.NotEqual(t, lines[0], bad[0])
	require.NoError(t, os.WriteFile(log, []byte(strings.Join(bad, "\n")), 0o644))
	r, ok := replay(t, log)
	assert.False(t, ok)
	assert.Contains(t, r.out, log+":1:1: horizon -1 h: want more than 0")
}

// A log over the size limit is refused from its size alone.
func TestReplayRefusesAnOversizedLog(t *testing.T) {
	log := filepath.Join(t.TempDir(), "huge.jsonl")
	f, err := os.Create(log)
	require.NoError(t, err)
	require.NoError(t, f.Truncate(agents.MaxLogSize+1)) // sparse: costs no disk
	require.NoError(t, f.Close())
	r, ok := replay(t, log)
	assert.False(t, ok)
	assert.Equal(t, "cpkrange facilitate: "+log+": the file is 256.0 MiB, the limit is 256 MiB\n", r.errOut)
}

// A session log torn mid-line (a crash, a full disk) replays up to the
// tear and says where it stops; an unknown kind of record is reported by
// name, not skipped.
func TestReplayOfATornLogAndAnUnknownKind(t *testing.T) {
	dir := t.TempDir()
	lines := writeLog(t, dir)
	require.Greater(t, len(lines), 10)
	torn := strings.Join(lines[:8], "\n") + "\n" + lines[8][:len(lines[8])/2]
	unknown := append([]string{}, lines...)
	unknown[6] = strings.Replace(lines[6], `"kind":"`, `"kind":"mystery.`, 1)
	require.NotEqual(t, lines[6], unknown[6])
	for _, c := range []struct {
		name, data, problem string
		line, kept          int
	}{
		{"torn.jsonl", torn, "unexpected end of JSON input", 9, 7},
		{"unknown.jsonl", strings.Join(unknown, "\n"), `unknown kind "mystery.`, 7, 5},
	} {
		log := filepath.Join(dir, c.name)
		require.NoError(t, os.WriteFile(log, []byte(c.data), 0o644))
		var out, errOut bytes.Buffer
		rc, code := loadReplay(facilitateConfig{replay: log}, &out, &errOut)
		require.NotNil(t, rc, "%s%s", out.String(), errOut.String())
		assert.Equal(t, -1, code)
		assert.Len(t, rc.Records, c.kept, c.name)
		assert.Contains(t, out.String(), fmt.Sprintf("%s:%d:", log, c.line), c.name)
		assert.Contains(t, out.String(), c.problem, c.name)
		assert.Contains(t, errOut.String(), fmt.Sprintf("warning: the replay stops before %s:%d, after %d records", log, c.line, c.kept), c.name)
	}
}

// --at after the horizon is refused, live and in a replay, with the
// horizon in the message: it showed "day 61 of 60".
func TestFacilitateRefusesAtAfterTheHorizon(t *testing.T) {
	dir := t.TempDir()
	writeLog(t, dir)
	for _, args := range [][]string{
		{"facilitate", good, "--at", "90d"},
		{"facilitate", "--replay", filepath.Join(dir, "run.jsonl"), "--at", "90d"},
	} {
		var out, errOut bytes.Buffer
		code := dispatch(args, &out, &errOut)
		assert.Equal(t, exitUsage, code, strings.Join(args, " "))
		assert.Contains(t, errOut.String(), "--at 90d (hour 2160) is after the end of the run", strings.Join(args, " "))
	}
}
