package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"cpkrange/scenarios"
)

func TestScenariosTranscripts(t *testing.T) {
	checkTranscripts(t, map[string][]string{
		"scenarios-show-unknown": {"scenarios", "show", "ddos-electoin"},
		"scenarios-show-no-name": {"scenarios", "show"},
		"scenarios-unknown-sub":  {"scenarios", "frobnicate"},
		"scenarios-help":         {"scenarios", "--help"},
	})
}

// The listing is checked against Bundled rather than a golden file: the
// bundled summaries are still being written.
func TestScenariosList(t *testing.T) {
	var out, errOut bytes.Buffer
	require.Equal(t, exitOK, dispatch([]string{"scenarios"}, &out, &errOut))
	assert.Empty(t, errOut.String())
	list := scenarios.Bundled()
	lines := strings.Split(out.String(), "\n")
	require.Greater(t, len(lines), len(list))
	for i, b := range list {
		name, summary, ok := strings.Cut(lines[i], "  ")
		require.True(t, ok, lines[i])
		want := b.Name
		if b.Name == scenarios.Default {
			want += " (default)"
		}
		assert.Equal(t, want, strings.TrimSpace(name))
		assert.Equal(t, b.Summary, strings.TrimSpace(summary))
	}
	assert.Contains(t, out.String(), "cpkrange scenarios show NAME")
}

// show prints the source byte for byte, so that it can be copied, edited
// and loaded.
func TestScenariosShow(t *testing.T) {
	for _, b := range scenarios.Bundled() {
		var out, errOut bytes.Buffer
		require.Equal(t, exitOK, dispatch([]string{"scenarios", "show", b.Name}, &out, &errOut))
		want, err := scenarios.BundledSource(b.Name)
		require.NoError(t, err)
		assert.Equal(t, string(want), out.String())
		_, err = scenarios.Load("copy.toml", out.Bytes(), scenarios.Options{})
		assert.NoError(t, err)
	}
}
