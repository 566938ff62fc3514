package analytics

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"html"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// reportStructure describes a report's structure without its numbers or
// pixels: its headings, and how many tables, figures and embedded images
// it holds.
func reportStructure(html string) string {
	var b strings.Builder
	heading := regexp.MustCompile(`<(h[123])[^>]*>([^<]*)`)
	for _, m := range heading.FindAllStringSubmatch(html, -1) {
		fmt.Fprintf(&b, "%s %s\n", m[1], m[2])
	}
	for _, tag := range []string{"<table>", "<figure>", `<img alt=`, `src="data:image/png;base64,`, "<details>", "<pre>"} {
		fmt.Fprintf(&b, "%-30s %d\n", tag, strings.Count(html, tag))
	}
	return b.String()
}

// TestReportStructure writes the reference study's plots and report: the
// report's structure, its self-containedness and its facts, every figure
// as PNG and SVG under plots/, and the same page again from the same
// files (the embedded images are drawn apart from the plots and must be
// the same bytes).
func TestReportStructure(t *testing.T) {
	t.Parallel()
	want := reference(t)
	dir := t.TempDir()
	for f, data := range want {
		require.NoError(t, os.WriteFile(filepath.Join(dir, f), []byte(data), 0o644))
	}
	sum, err := readSummary(dir)
	require.NoError(t, err)
	require.NoError(t, WritePlots(dir, sum))
	path, err := Report(dir, sum)
	require.NoError(t, err)
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	doc := string(data)

	got := reportStructure(doc)
	golden := filepath.Join("testdata", "report-structure.golden")
	if *update {
		require.NoError(t, os.WriteFile(golden, []byte(got), 0o644))
	}
	wantStructure, err := os.ReadFile(golden)
	require.NoError(t, err)
	assert.Equal(t, string(wantStructure), got, "rerun with -update if the change is intended")

	// Self-contained: nothing fetched from elsewhere.
	for _, bad := range []string{`src="http`, "<link", "<script", "url("} {
		assert.NotContains(t, doc, bad)
	}
	m, err := ReadManifest(dir)
	require.NoError(t, err)
	assert.Contains(t, doc, m.Command)
	assert.Contains(t, doc, m.Scenario.SHA256)
	assert.Contains(t, doc, "<dt>cpkrange</dt><dd>"+version()+"</dd>")
	assert.Contains(t, doc, fmt.Sprint(seedOf(m.Seed, 0)))
	assert.Contains(t, doc, "name = &#34;Lights Out in Belmora&#34;", "the scenario's TOML")

	// Every figure is in plots/ as PNG and SVG, and nothing else is.
	figs, err := figures(sum)
	require.NoError(t, err)
	var names []string
	for _, f := range figs {
		names = append(names, f.Name+".png", f.Name+".svg")
	}
	entries, err := os.ReadDir(filepath.Join(dir, PlotsDir))
	require.NoError(t, err)
	var files []string
	for _, e := range entries {
		files = append(files, e.Name())
	}
	assert.ElementsMatch(t, names, files)
	for _, name := range []string{"dist-harm.png", "diff-harm.svg", "daily-harm.png", "convergence-harm.png"} {
		assert.Contains(t, files, name)
	}

	// The same study gives the same page: the summary read again from the
	// files, the page around the figures, and the figures, drawn once
	// for plots/ and once for the report.
	again := summarize(t, dir)
	assert.Equal(t, want[SummaryJSONFile], readFiles(t, dir)[SummaryJSONFile])
	assert.True(t, reportPage(t, m, sum) == reportPage(t, m, again))
	images := regexp.MustCompile(`src="data:image/png;base64,([^"]*)"`).FindAllStringSubmatch(doc, -1)
	require.Len(t, images, len(figs), "one image per figure, in the figures' order")
	for i, img := range images {
		embedded, err := base64.StdEncoding.DecodeString(html.UnescapeString(img[1]))
		require.NoError(t, err)
		drawn, err := os.ReadFile(filepath.Join(dir, PlotsDir, figs[i].Name+".png"))
		require.NoError(t, err)
		assert.True(t, bytes.Equal(drawn, embedded), "%s differs between plots/ and the report", figs[i].Name)
		if i == 0 {
			cfg, err := png.DecodeConfig(bytes.NewReader(drawn))
			require.NoError(t, err)
			assert.Greater(t, cfg.Width, 600, "a PNG of the figure's width")
		}
	}
}

func TestReportOfUnfinishedStudy(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	_, err := Run(ctx, testStudy(dir, 1), func(p Progress) {
		if p.Done == 8 {
			cancel()
		}
	})
	require.ErrorIs(t, err, ErrInterrupted)
	runs, err := os.ReadFile(filepath.Join(dir, RunsFile))
	require.NoError(t, err)
	reps := (strings.Count(string(runs), "\n") - 1) / 3
	require.Less(t, reps, 12)
	path, err := Report(dir, summarize(t, dir))
	require.NoError(t, err)
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Contains(t, string(data), fmt.Sprintf("Unfinished study: %d of 12 replications", reps))
	s, err := readSummary(dir)
	require.NoError(t, err)
	assert.False(t, s.Complete)
	assert.Equal(t, reps, s.N)
}

func TestNumberFormats(t *testing.T) {
	t.Parallel()
	assert.Equal(t, "36.43 M", number(36432369))
	assert.Equal(t, "10.40 bn", number(10400297255))
	assert.Equal(t, "-1.155 bn", number(-1154747007))
	assert.Equal(t, "1234 bn", number(1234e9))
	// A value that is not finite is never shown as a number.
	for _, x := range []float64{math.Inf(1), math.Inf(-1), math.NaN()} {
		assert.Equal(t, "–", number(x))
		assert.Equal(t, "–", signed(x))
		assert.Equal(t, "–", percent(x))
		assert.Equal(t, "–", signedPoints(x))
		assert.Equal(t, "–", humanNumber(x))
	}
	assert.Equal(t, "621,875", number(621875.3))
	assert.Equal(t, "-1,000", number(-1000))
	assert.Equal(t, "0.123", number(0.12345))
	assert.Equal(t, "–", number(nanFloat()))
	assert.Equal(t, "+12.5 points", signedPoints(0.125))
	assert.Equal(t, "p < 0.001", pValue(0.0002))
	assert.Equal(t, "p = 0.042", pValue(0.0421))
	assert.Equal(t, "p –", pValue(nanFloat()))
	assert.Equal(t, "< 0.001", pNumber(0.0004999))
	assert.Equal(t, "0.001", pNumber(0.001))
	assert.Equal(t, "36.43M", humanNumber(36.432e6))
	assert.Equal(t, "25k", humanNumber(25e3))
	assert.Equal(t, "2500", humanNumber(2500))
}

func nanFloat() float64 { var z float64; return z / z }

// reportPage renders the report's page of a summary without its figures,
// which these tests do not read, with HTML escapes undone.
func reportPage(t *testing.T, m *Manifest, s *Summary) string {
	t.Helper()
	d := reportData{M: m, S: s, Keys: keyMetrics(s)}
	d.build()
	var b strings.Builder
	require.NoError(t, reportTemplate.Execute(&b, &d))
	return html.UnescapeString(b.String())
}

// A share reads in percent, and its difference and interval in points, in
// the tables as in the findings.
func TestReportSharesInPoints(t *testing.T) {
	t.Parallel()
	s := &Summary{
		Kind: Batch, N: 20, Planned: 20, Complete: true, Arms: []string{Base, "no-force"},
		Metrics: []MetricInfo{{Name: "armed", Binary: true}},
		Stats: []Stat{
			{Arm: Base, Metric: "armed", N: 20, Mean: 0.15, Low: 0.0524, High: 0.3604},
			{Arm: "no-force", Metric: "armed", N: 20, Mean: 0.05, Low: 0.0089, High: 0.2361},
		},
		Comparisons: []Comparison{{Variant: "no-force", Metric: "armed", N: 20, Base: 0.15, Mean: 0.05,
			Diff: -0.1, Low: -0.318, High: 0.118, P: 0.625, PHolm: 1, Test: "mcnemar-exact", Verdict: noise}},
	}
	page := reportPage(t, &Manifest{Kind: Batch}, s)
	assert.Contains(t, page, "difference -10.0 points (95% interval -31.8 points to +11.8 points)")
	assert.Contains(t, page, "<td>15.0%</td><td>5.0%</td><td>-10.0 points</td><td>-31.8 points to +11.8 points</td>")
	assert.Contains(t, page, "<td>20</td><td>15.0%</td><td>5.2% to 36.0%</td>")
}

// A sweep's outcome tables show each point's parameter values beside its
// number.
func TestReportSweepPointValues(t *testing.T) {
	t.Parallel()
	s := &Summary{
		Kind: Sweep, N: 2, Planned: 2, Complete: true, Arms: []string{"0", "1"},
		Params:  []string{"model.peacekeeping.safe_layer_block", "attacker.ashfall.skill"},
		Points:  [][]float64{{0, 0.5}, {0.25, 0.95}},
		Metrics: []MetricInfo{{Name: "harm"}, {Name: "attacks"}},
		Stats: []Stat{
			{Arm: "0", Metric: "harm", N: 2, Mean: 1000}, {Arm: "1", Metric: "harm", N: 2, Mean: 2000},
			{Arm: "0", Metric: "attacks", N: 2, Mean: 3}, {Arm: "1", Metric: "attacks", N: 2, Mean: 4},
		},
	}
	page := reportPage(t, &Manifest{Kind: Sweep, Design: Grid}, s)
	header := "<th>model.peacekeeping.safe_layer_block</th><th>attacker.ashfall.skill</th><th class=\"l\">metric</th>"
	assert.Equal(t, 2, strings.Count(page, header), "the key and the other metrics' tables")
	assert.Contains(t, page, `<td class="l">1</td><td>0.25</td><td>0.95</td><td class="l">harm</td>`)
	assert.Contains(t, page, `<td class="l">0</td><td>0</td><td>0.5</td><td class="l">attacks</td>`)
}

// The Reproduce section gives complete commands: the study's with the
// directory the report command reads, and one run per arm that a shell can
// paste: the base without --variant, overrides before a point's values.
func TestReportReproduceCommands(t *testing.T) {
	t.Parallel()
	seed0 := fmt.Sprint(seedOf(2015, 0))
	batch := &Summary{Kind: Batch, N: 3, Planned: 3, Complete: true, Seed: 2015, Arms: []string{Base, "no-force"},
		Command: "cpkrange batch grid-wiper -n 3 --variants base,no-force --seed 2015"}
	m := &Manifest{Kind: Batch, Scenario: ScenarioSource{Source: "grid-wiper"}, Sets: []string{"state.belmora.maturity=0.7"}}
	page := reportPage(t, m, batch)
	assert.Contains(t, page, "<pre>"+batch.Command+" --out DIR\ncpkrange report DIR</pre>")
	assert.Contains(t, page, "<pre>cpkrange run grid-wiper --set state.belmora.maturity=0.7 --seed "+seed0+"\n")
	assert.Contains(t, page, "\ncpkrange run grid-wiper --variant no-force --set state.belmora.maturity=0.7 --seed "+seed0+"\n")
	assert.Contains(t, page, "white-space: pre-wrap", "long commands wrap")

	sweep := &Summary{Kind: Sweep, N: 2, Planned: 2, Complete: true, Seed: 2015, Arms: []string{"0", "1"},
		Params: []string{"model.peacekeeping.safe_layer_block", "attacker.ashfall.skill"}, Points: [][]float64{{0, 0.5}, {0.25, 0.95}}}
	m = &Manifest{Kind: Sweep, Scenario: ScenarioSource{Source: "my scenario.toml"}, Variant: "no-force", Sets: []string{"scenario.horizon=20d"}}
	page = reportPage(t, m, sweep)
	assert.Contains(t, page, "\ncpkrange run 'my scenario.toml' --variant no-force --set scenario.horizon=20d --set model.peacekeeping.safe_layer_block=0.25 --set attacker.ashfall.skill=0.95 --seed "+seed0+"\n")
}

// A p-value below 0.001 reads "< 0.001" in the findings and in the
// tables, and never as a rounded 0.000.
func TestReportSmallPValues(t *testing.T) {
	t.Parallel()
	s := &Summary{
		Kind: Batch, N: 50, Planned: 50, Complete: true, Arms: []string{Base, "no-force"},
		Metrics: []MetricInfo{{Name: "harm"}},
		Comparisons: []Comparison{{Variant: "no-force", Metric: "harm", N: 50, Base: 9e9, Mean: 1.1e10,
			Diff: 2e9, Low: 1.5e9, High: 2.5e9, Effect: 1.2, P: 2.4e-7, PHolm: 0.0003, Test: "paired-t", Verdict: clearIncrease}},
	}
	page := reportPage(t, &Manifest{Kind: Batch}, s)
	assert.Contains(t, page, "effect size d = 1.20, p < 0.001")
	assert.Contains(t, page, "<td>< 0.001</td><td>< 0.001</td>")
	assert.NotContains(t, page, "0.000<")
}
