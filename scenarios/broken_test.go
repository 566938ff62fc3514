package scenarios

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"cpkrange/scenarios/internal/tomlx"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden files and the reference in docs/scenario-format.md")

const brokenDir = "../testdata/scenarios/broken"

// checkGolden compares got with the golden file, or rewrites it with -update.
func checkGolden(t *testing.T, golden, got string) {
	t.Helper()
	if *update {
		require.NoError(t, os.WriteFile(golden, []byte(got), 0o644))
		return
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err, "run go test ./scenarios -run %s -update to create it", t.Name())
	assert.Equal(t, string(want), got, "%s differs; if the new output is right, run go test ./scenarios -run %s -update", golden, t.Name())
}

// TestBrokenScenarios loads each broken scenario and compares the whole
// listing of its problems with its .golden file.
func TestBrokenScenarios(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(brokenDir, "*.toml"))
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(files), 20)
	for _, file := range files {
		name := filepath.Base(file)
		t.Run(strings.TrimSuffix(name, ".toml"), func(t *testing.T) {
			data, err := os.ReadFile(file)
			require.NoError(t, err)
			s, err := Load(name, data, Options{})
			require.Error(t, err, "%s loads without problems", name)
			assert.Nil(t, s)
			ds, ok := err.(Diagnostics)
			require.True(t, ok, "the error is a %T, not Diagnostics", err)
			for _, d := range ds {
				assert.Equal(t, name, d.File)
				assert.NotContains(t, d.Msg, "internal error")
			}
			checkGolden(t, strings.TrimSuffix(file, ".toml")+".golden", err.Error()+"\n")
		})
	}
}

// Every golden file belongs to a scenario, so none is left behind when a
// scenario is renamed.
func TestBrokenGoldensHaveScenarios(t *testing.T) {
	goldens, err := filepath.Glob(filepath.Join(brokenDir, "*.golden"))
	require.NoError(t, err)
	for _, g := range goldens {
		if filepath.Base(g) == "too-large.golden" {
			continue
		}
		_, err := os.Stat(strings.TrimSuffix(g, ".golden") + ".toml")
		assert.NoError(t, err, "%s has no scenario", g)
	}
}

func TestBrokenFileTooLarge(t *testing.T) {
	data := bytes.Repeat([]byte("# padding\n"), (tomlx.MaxFileSize/10)+100_000)
	_, err := Load("too-large.toml", data, Options{})
	require.Error(t, err)
	checkGolden(t, filepath.Join(brokenDir, "too-large.golden"), err.Error()+"\n")

	// LoadFile refuses without reading it all.
	path := filepath.Join(t.TempDir(), "too-large.toml")
	require.NoError(t, os.WriteFile(path, data, 0o644))
	_, err = LoadFile(path, Options{})
	require.Error(t, err)
	assert.Equal(t, path+": file is 5.0 MiB, the limit is 4 MiB", err.Error())
}
