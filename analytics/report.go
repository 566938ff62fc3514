package analytics

import (
	"encoding/base64"
	"fmt"
	"html/template"
	"io"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// Report writes dir/report.html from the study's manifest and its summary
// s (Summarize's): one self-contained page that can be mailed: the
// findings in words, the tables, the figures as embedded PNG, the seeds,
// the version, the command that reproduces the study and the scenario's
// TOML. It returns the report's path.
func Report(dir string, s *Summary) (string, error) {
	m, err := ReadManifest(dir)
	if err != nil {
		return "", err
	}
	path := filepath.Join(dir, ReportFile)
	err = writeAtomic(path, func(w io.Writer) error { return writeReport(w, m, s) })
	return path, err
}

// writeReport writes the HTML report of a study from its manifest and
// summary. The page holds no date or host name: the same study gives the
// same page.
func writeReport(w io.Writer, m *Manifest, s *Summary) error {
	figs, err := figures(s)
	if err != nil {
		return err
	}
	d := reportData{M: m, S: s, Keys: keyMetrics(s)}
	for i := range figs {
		png, err := figs[i].render("png")
		if err != nil {
			return err
		}
		d.Figures = append(d.Figures, reportFigure{
			Section: figs[i].Section, Title: figs[i].Title, Caption: figs[i].Caption, Name: figs[i].Name,
			Src: template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(png)),
		})
	}
	d.build()
	if err := reportTemplate.Execute(w, &d); err != nil {
		return fmt.Errorf("analytics: report: %w", err)
	}
	return nil
}

type reportFigure struct {
	Section, Title, Caption, Name string
	Src                           template.URL
}

type reportData struct {
	M       *Manifest
	S       *Summary
	Keys    []string
	Figures []reportFigure

	Findings    []finding
	KeyComps    []compRow
	OtherComps  []compRow
	KeyStats    []statRow
	OtherStats  []statRow
	Clear, All  int
	Convergence []convRow
	ConvNs      []int
	Seeds       []seedRow
	Replay      []string
	Sensitivity []Influence
}

type finding struct {
	Variant string
	Lines   []string
	Others  string
}

type convRow struct {
	Arm, Metric string
	Half        []string
}

// compRow is a comparison as the tables show it: shares in percent and
// their differences in percentage points, as the findings say them.
type compRow struct {
	Comparison
	Show struct{ Base, Mean, Diff, Low, High string }
}

func newCompRow(c Comparison, binary bool) compRow {
	r := compRow{Comparison: c}
	val, diff := number, signed
	if binary {
		val, diff = percent, signedPoints
	}
	r.Show.Base, r.Show.Mean = val(float64(c.Base)), val(float64(c.Mean))
	r.Show.Diff, r.Show.Low, r.Show.High = diff(float64(c.Diff)), diff(float64(c.Low)), diff(float64(c.High))
	return r
}

// statRow is an arm's statistics as the tables show them: a share's mean
// and interval in percent, and for a sweep the point's parameter values.
type statRow struct {
	Stat
	Point []string
	Show  struct{ Mean, Low, High string }
}

func newStatRow(st Stat, binary bool, point []float64) statRow {
	r := statRow{Stat: st}
	val := number
	if binary {
		val = percent
	}
	r.Show.Mean, r.Show.Low, r.Show.High = val(float64(st.Mean)), val(float64(st.Low)), val(float64(st.High))
	for _, v := range point {
		r.Point = append(r.Point, formatFloat(v))
	}
	return r
}

type seedRow struct {
	Replication int
	Seed        uint64
}

func (d *reportData) build() {
	s := d.S
	isKey := func(metric string) bool { return slices.Contains(d.Keys, metric) }
	for _, st := range s.Stats {
		var point []float64
		if s.Kind == Sweep {
			if a := slices.Index(s.Arms, st.Arm); a >= 0 && a < len(s.Points) {
				point = s.Points[a]
			}
		}
		row := newStatRow(st, s.binary(st.Metric), point)
		if isKey(st.Metric) {
			d.KeyStats = append(d.KeyStats, row)
		} else {
			d.OtherStats = append(d.OtherStats, row)
		}
	}
	// Key metrics first in the order of KeyMetrics.
	slices.SortStableFunc(d.KeyStats, func(a, b statRow) int {
		return slices.Index(d.Keys, a.Metric) - slices.Index(d.Keys, b.Metric)
	})
	keyRank := func(metric string) int {
		if i := slices.Index(d.Keys, metric); i >= 0 {
			return i
		}
		return len(d.Keys) // other metrics after the key ones, in their order
	}
	comps := slices.Clone(s.Comparisons)
	slices.SortStableFunc(comps, func(a, b Comparison) int { return keyRank(a.Metric) - keyRank(b.Metric) })
	byVariant := map[string]*finding{}
	for _, c := range comps {
		d.All++
		if c.Clear() {
			d.Clear++
		}
		f := byVariant[c.Variant]
		if f == nil {
			f = &finding{Variant: c.Variant}
			byVariant[c.Variant] = f
		}
		row := newCompRow(c, s.binary(c.Metric))
		if isKey(c.Metric) {
			d.KeyComps = append(d.KeyComps, row)
			f.Lines = append(f.Lines, sentence(c, s.binary(c.Metric)))
		} else {
			d.OtherComps = append(d.OtherComps, row)
			if c.Clear() {
				if f.Others != "" {
					f.Others += ", "
				}
				f.Others += fmt.Sprintf("%s (%s)", c.Metric, row.Show.Diff)
			}
		}
	}
	for _, a := range s.Arms {
		if f := byVariant[a]; f != nil {
			d.Findings = append(d.Findings, *f)
		}
	}
	slices.SortStableFunc(d.KeyComps, func(a, b compRow) int {
		if a.Variant != b.Variant {
			return slices.Index(s.Arms, a.Variant) - slices.Index(s.Arms, b.Variant)
		}
		return slices.Index(d.Keys, a.Metric) - slices.Index(d.Keys, b.Metric)
	})
	if s.Kind == Batch {
		d.ConvNs = checkpointNs(s.N)
		for _, metric := range d.Keys {
			for _, a := range s.Arms {
				row := convRow{Arm: a, Metric: metric}
				for _, n := range d.ConvNs {
					h := "–"
					for _, c := range s.Convergence {
						if c.Arm == a && c.Metric == metric && c.N == n {
							h = "± " + number(float64(c.HalfWidth))
						}
					}
					row.Half = append(row.Half, h)
				}
				d.Convergence = append(d.Convergence, row)
			}
		}
	}
	for i := 0; i < min(s.N, 10); i++ {
		d.Seeds = append(d.Seeds, seedRow{i, seedOf(s.Seed, i)})
	}
	d.Replay = replayLines(d.M, s)
	d.Sensitivity = slices.Clone(s.Sensitivity)
	slices.SortStableFunc(d.Sensitivity, func(a, b Influence) int {
		ka, kb := slices.Index(d.Keys, a.Metric), slices.Index(d.Keys, b.Metric)
		if ka < 0 {
			ka = len(d.Keys)
		}
		if kb < 0 {
			kb = len(d.Keys)
		}
		return ka - kb
	})
}

// maxReplays bounds the arms whose first run the report spells out.
const maxReplays = 10

// replayLines returns, for each arm (the first maxReplays), the cpkrange
// run command that replays its first replication: the arm's variant (none
// for the base), the study's overrides, then a sweep point's values, in
// the order the study applied them.
func replayLines(m *Manifest, s *Summary) []string {
	seed := strconv.FormatUint(seedOf(s.Seed, 0), 10)
	var out []string
	for a, arm := range s.Arms {
		if a == maxReplays {
			out = append(out, fmt.Sprintf("# … and %d more arms, likewise", len(s.Arms)-maxReplays))
			break
		}
		args := []string{"cpkrange", "run", shellQuote(m.Scenario.Source)}
		variant := m.Variant
		if s.Kind == Batch && arm != Base {
			variant = arm
		}
		if variant != "" {
			args = append(args, "--variant", shellQuote(variant))
		}
		for _, kv := range m.Sets {
			args = append(args, "--set", shellQuote(kv))
		}
		if s.Kind == Sweep && a < len(s.Points) {
			for j, key := range s.Params {
				args = append(args, "--set", shellQuote(key+"="+formatFloat(s.Points[a][j])))
			}
		}
		out = append(out, strings.Join(append(args, "--seed", seed), " "))
	}
	return out
}

// sentence says one comparison in words.
func sentence(c Comparison, binary bool) string {
	val := number
	if binary {
		val = percent
	}
	diff := signed(float64(c.Diff))
	lo, hi := signed(float64(c.Low)), signed(float64(c.High))
	if binary {
		diff, lo, hi = signedPoints(float64(c.Diff)), signedPoints(float64(c.Low)), signedPoints(float64(c.High))
	}
	var what string
	switch c.Verdict {
	case clearIncrease, clearDecrease:
		what = "a clear difference: the 95% interval excludes 0"
	case noise:
		what = "noise: the 95% interval includes 0"
	case identical:
		what = "no difference at all: the same in every replication"
	default:
		what = "undetermined: too few replications"
	}
	return fmt.Sprintf("%s: %s in base, %s with the variant; difference %s (95%% interval %s to %s), effect size d = %s, %s — %s.",
		metricLabel(c.Metric), val(float64(c.Base)), val(float64(c.Mean)), diff, lo, hi, fixed(float64(c.Effect), 2), pValue(float64(c.P)), what)
}

// number formats a value for people: four significant digits and M or bn
// from a million, thousands separated from 1,000, three significant digits
// below.
func number(x float64) string {
	switch {
	case math.IsNaN(x) || math.IsInf(x, 0):
		return "–"
	case math.Abs(x) >= 1e9:
		return strconv.FormatFloat(x/1e9, 'f', 4-intDigits(x/1e9), 64) + " bn"
	case math.Abs(x) >= 1e6:
		return strconv.FormatFloat(x/1e6, 'f', 4-intDigits(x/1e6), 64) + " M"
	case math.Abs(x) >= 1000:
		return thousands(math.Round(x))
	case x == 0:
		return "0"
	}
	return strconv.FormatFloat(x, 'g', 3, 64)
}

// intDigits returns the number of digits before the point of |x| ≥ 1, at
// most 4.
func intDigits(x float64) int {
	return min(4, len(strconv.FormatFloat(math.Abs(math.Trunc(x)), 'f', 0, 64)))
}

func thousands(x float64) string {
	s := strconv.FormatFloat(math.Abs(x), 'f', 0, 64)
	var b strings.Builder
	if x < 0 {
		b.WriteByte('-')
	}
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}

func signed(x float64) string {
	if x > 0 && !math.IsInf(x, 0) {
		return "+" + number(x)
	}
	return number(x)
}

func percent(x float64) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return "–"
	}
	return strconv.FormatFloat(100*x, 'f', 1, 64) + "%"
}

func signedPoints(x float64) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return "–"
	}
	s := strconv.FormatFloat(100*x, 'f', 1, 64) + " points"
	if x > 0 {
		return "+" + s
	}
	return s
}

func fixed(x float64, prec int) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return "–"
	}
	return strconv.FormatFloat(x, 'f', prec, 64)
}

// pNumber formats a p-value for a table: three decimals, "< 0.001" below
// that (never 0.000), "–" when there is none.
func pNumber(p float64) string {
	switch {
	case math.IsNaN(p):
		return "–"
	case p < 0.001:
		return "< 0.001"
	}
	return strconv.FormatFloat(p, 'f', 3, 64)
}

// pValue formats a p-value for a sentence: "p = 0.042", "p < 0.001".
func pValue(p float64) string {
	n := pNumber(p)
	if strings.HasPrefix(n, "<") || n == "–" {
		return "p " + n
	}
	return "p = " + n
}

var reportFuncs = template.FuncMap{
	"num":    func(f Float) string { return number(float64(f)) },
	"signed": func(f Float) string { return signed(float64(f)) },
	"fixed":  func(f Float, prec int) string { return fixed(float64(f), prec) },
	"pval":   func(f Float) string { return pNumber(float64(f)) },
	"label":  metricLabel,
	"point": func(pt []float64) string {
		parts := make([]string, len(pt))
		for i, v := range pt {
			parts[i] = formatFloat(v)
		}
		return strings.Join(parts, ", ")
	},
	"section": func(figs []reportFigure, name string) []reportFigure {
		var out []reportFigure
		for _, f := range figs {
			if f.Section == name {
				out = append(out, f)
			}
		}
		return out
	},
	"clearClass": func(c compRow) string {
		if c.Clear() {
			return "clear"
		}
		return "noise"
	},
}

var reportTemplate = template.Must(template.New("report").Funcs(reportFuncs).Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="cpkrange {{.M.Version}}">
<title>{{.S.Scenario}}: {{.S.Kind}} study</title>
<style>
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 64rem; margin: 2rem auto; padding: 0 1rem; color: #1c2330; line-height: 1.45; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.25rem; margin-top: 2.2rem; border-bottom: 1px solid #d5dae3; padding-bottom: 0.2rem; }
h3 { font-size: 1.05rem; margin-bottom: 0.3rem; }
table { border-collapse: collapse; font-size: 0.85rem; margin: 0.6rem 0; }
th, td { border: 1px solid #d5dae3; padding: 0.2rem 0.45rem; text-align: right; vertical-align: top; }
th { background: #eef1f6; }
td.l, th.l { text-align: left; }
tr.clear td.v { font-weight: 600; color: #1f3b73; }
tr.noise td.v { color: #777; }
pre { background: #f5f6f8; padding: 0.7rem; white-space: pre-wrap; overflow-wrap: anywhere; font-size: 0.8rem; }
figure { margin: 1rem 0; }
figure img { max-width: 100%; border: 1px solid #e3e6ec; }
figcaption { font-size: 0.85rem; color: #4a5363; }
.warn { background: #fff4d6; border: 1px solid #e8c766; padding: 0.5rem 0.8rem; }
dl.meta { display: grid; grid-template-columns: max-content auto; gap: 0.15rem 1rem; font-size: 0.9rem; }
dl.meta dt { font-weight: 600; }
dl.meta dd { margin: 0; }
</style>
</head>
<body>
<h1>{{.S.Scenario}}: {{.S.Kind}} study</h1>
{{if not .S.Complete}}<p class="warn">Unfinished study: {{.S.N}} of {{.S.Planned}} replications per arm are summarised. Finish it with the command below and <code>--resume</code>.</p>{{end}}
<dl class="meta">
<dt>Scenario</dt><dd>{{.S.Scenario}} ({{.M.Scenario.Source}}), SHA-256 <code>{{.M.Scenario.SHA256}}</code></dd>
<dt>Arms</dt><dd>{{len .S.Arms}}{{if eq .S.Kind "batch"}}: {{range $i, $a := .S.Arms}}{{if $i}}, {{end}}{{$a}}{{end}}{{else}} sweep points ({{.M.Design}} design) over {{range $i, $p := .S.Params}}{{if $i}}, {{end}}<code>{{$p}}</code>{{end}}{{end}}</dd>
<dt>Replications</dt><dd>{{.S.N}} per arm{{if .M.Sets}}, with {{range $i, $kv := .M.Sets}}{{if $i}}, {{end}}<code>--set {{$kv}}</code>{{end}}{{end}}</dd>
<dt>Seed</dt><dd>{{.S.Seed}}</dd>
<dt>cpkrange</dt><dd>{{.S.Version}}{{with .M.Build}} ({{.}}){{end}}</dd>
</dl>

<h2 id="reproduce">Reproduce</h2>
<pre>{{.S.Command}} --out DIR
cpkrange report DIR</pre>
<p>Every run is reproducible alone: replication <i>i</i> ran with seed <code>sim.Derive({{.S.Seed}}, i)</code> (see <a href="#seeds">Seeds</a>), in every arm, whatever the number of workers or shards. The first replication of each {{if eq .S.Kind "batch"}}variant{{else}}sweep point{{end}} (for another, put its seed after <code>--seed</code>):</p>
<pre>{{range .Replay}}{{.}}
{{end}}</pre>
{{if .Findings}}
<h2 id="findings">What changes, and how sure we are</h2>
<p>Each variant against the base, paired replication by replication (both ran with the same seeds, so chance differences between them cancel). A difference is <b>clear</b> when its 95% interval excludes 0 and <b>noise</b> when it includes 0. Of the {{.All}} comparisons of this study, {{.Clear}} are clear; read them with care: about one in twenty comparisons of a change that does nothing looks clear by chance. The p<sub>Holm</sub> column of the tables corrects for the number of comparisons.</p>
{{range .Findings}}<h3>{{.Variant}}</h3>
<ul>
{{range .Lines}}<li>{{.}}</li>
{{end}}</ul>
{{if .Others}}<p>Clear differences on other metrics: {{.Others}}.</p>{{end}}
{{end}}
<h2 id="comparisons">Comparisons with base</h2>
<table>
<thead><tr><th class="l">variant</th><th class="l">metric</th><th>base</th><th>variant</th><th>difference</th><th>95% interval</th><th>effect size d</th><th class="l">test</th><th>p</th><th>p<sub>Holm</sub></th><th class="l">verdict</th></tr></thead>
<tbody>
{{range .KeyComps}}<tr class="{{clearClass .}}"><td class="l">{{.Variant}}</td><td class="l">{{.Metric}}</td><td>{{.Show.Base}}</td><td>{{.Show.Mean}}</td><td>{{.Show.Diff}}</td><td>{{.Show.Low}} to {{.Show.High}}</td><td>{{fixed .Effect 2}}</td><td class="l">{{.Test}}</td><td>{{pval .P}}</td><td>{{pval .PHolm}}</td><td class="l v">{{.Verdict}}</td></tr>
{{end}}</tbody>
</table>
{{if .OtherComps}}<details><summary>Every other metric</summary>
<table>
<thead><tr><th class="l">variant</th><th class="l">metric</th><th>base</th><th>variant</th><th>difference</th><th>95% interval</th><th>effect size d</th><th class="l">test</th><th>p</th><th>p<sub>Holm</sub></th><th class="l">verdict</th></tr></thead>
<tbody>
{{range .OtherComps}}<tr class="{{clearClass .}}"><td class="l">{{.Variant}}</td><td class="l">{{.Metric}}</td><td>{{.Show.Base}}</td><td>{{.Show.Mean}}</td><td>{{.Show.Diff}}</td><td>{{.Show.Low}} to {{.Show.High}}</td><td>{{fixed .Effect 2}}</td><td class="l">{{.Test}}</td><td>{{pval .P}}</td><td>{{pval .PHolm}}</td><td class="l v">{{.Verdict}}</td></tr>
{{end}}</tbody>
</table>
</details>{{end}}
{{end}}
<h2 id="outcomes">Outcomes by {{if eq .S.Kind "batch"}}variant{{else}}sweep point{{end}}</h2>
<table>
<thead><tr><th class="l">{{if eq .S.Kind "batch"}}variant{{else}}point{{end}}</th>{{range .S.Params}}<th>{{.}}</th>{{end}}<th class="l">metric</th><th>n</th><th>mean</th><th>95% interval</th><th>sd</th><th>5%</th><th>25%</th><th>median</th><th>75%</th><th>95%</th></tr></thead>
<tbody>
{{range .KeyStats}}<tr><td class="l">{{.Arm}}</td>{{range .Point}}<td>{{.}}</td>{{end}}<td class="l">{{.Metric}}</td><td>{{.N}}</td><td>{{.Show.Mean}}</td><td>{{.Show.Low}} to {{.Show.High}}</td><td>{{num .SD}}</td><td>{{num .Q05}}</td><td>{{num .Q25}}</td><td>{{num .Q50}}</td><td>{{num .Q75}}</td><td>{{num .Q95}}</td></tr>
{{end}}</tbody>
</table>
{{if .OtherStats}}<details><summary>Every other metric</summary>
<table>
<thead><tr><th class="l">{{if eq .S.Kind "batch"}}variant{{else}}point{{end}}</th>{{range .S.Params}}<th>{{.}}</th>{{end}}<th class="l">metric</th><th>n</th><th>mean</th><th>95% interval</th><th>sd</th><th>5%</th><th>25%</th><th>median</th><th>75%</th><th>95%</th></tr></thead>
<tbody>
{{range .OtherStats}}<tr><td class="l">{{.Arm}}</td>{{range .Point}}<td>{{.}}</td>{{end}}<td class="l">{{.Metric}}</td><td>{{.N}}</td><td>{{.Show.Mean}}</td><td>{{.Show.Low}} to {{.Show.High}}</td><td>{{num .SD}}</td><td>{{num .Q05}}</td><td>{{num .Q25}}</td><td>{{num .Q50}}</td><td>{{num .Q75}}</td><td>{{num .Q95}}</td></tr>
{{end}}</tbody>
</table>
</details>{{end}}
{{with section .Figures "distributions"}}
<h2 id="distributions">Distributions</h2>
{{range .}}<figure><img alt="{{.Title}}" src="{{.Src}}"><figcaption>{{.Title}}. {{.Caption}}</figcaption></figure>
{{end}}{{end}}
{{with section .Figures "differences"}}
<h2 id="differences">Differences from base</h2>
{{range .}}<figure><img alt="{{.Title}}" src="{{.Src}}"><figcaption>{{.Title}}. {{.Caption}}</figcaption></figure>
{{end}}{{end}}
{{with section .Figures "daily"}}
<h2 id="daily">Over time</h2>
{{range .}}<figure><img alt="{{.Title}}" src="{{.Src}}"><figcaption>{{.Title}}. {{.Caption}}</figcaption></figure>
{{end}}{{end}}
{{if .Convergence}}
<h2 id="convergence">Convergence: have we run enough?</h2>
<p>The half-width of each 95% interval of the mean after the first N replications. It shrinks as 1/√N: to halve it, run four times as many. When the half-width is small against the differences you care about, you have run enough.</p>
<table>
<thead><tr><th class="l">metric</th><th class="l">arm</th>{{range .ConvNs}}<th>N = {{.}}</th>{{end}}</tr></thead>
<tbody>
{{range .Convergence}}<tr><td class="l">{{.Metric}}</td><td class="l">{{.Arm}}</td>{{range .Half}}<td>{{.}}</td>{{end}}</tr>
{{end}}</tbody>
</table>
{{range section .Figures "convergence"}}<figure><img alt="{{.Title}}" src="{{.Src}}"><figcaption>{{.Title}}. {{.Caption}}</figcaption></figure>
{{end}}{{end}}
{{if .Sensitivity}}
<h2 id="sensitivity">Sensitivity to the swept parameters</h2>
<p>Over every run of the sweep: the standardised regression coefficient (SRC: standard deviations of the metric per standard deviation of the parameter, from a linear model whose R² says how much of the variation it explains) and Spearman's rank correlation (monotone, not only linear, association), each with its 95% bootstrap interval over resamples of the runs. Trust the SRC ranking when R² is high; when it is low, the response is nonlinear or mostly noise, and Spearman and the response curves say more.</p>
<table>
<thead><tr><th class="l">metric</th><th class="l">parameter</th><th>SRC</th><th>95% interval</th><th>R²</th><th>Spearman</th><th>95% interval</th></tr></thead>
<tbody>
{{range .Sensitivity}}<tr><td class="l">{{.Metric}}</td><td class="l">{{.Param}}</td><td>{{fixed .SRC 3}}</td><td>{{fixed .SRCLow 3}} to {{fixed .SRCHigh 3}}</td><td>{{fixed .R2 3}}</td><td>{{fixed .Spearman 3}}</td><td>{{fixed .SpearmanLow 3}} to {{fixed .SpearmanHigh 3}}</td></tr>
{{end}}</tbody>
</table>
<h2 id="points">Sweep points</h2>
<table>
<thead><tr><th class="l">point</th><th class="l">{{range $i, $p := .S.Params}}{{if $i}}, {{end}}{{$p}}{{end}}</th></tr></thead>
<tbody>
{{range $i, $pt := .S.Points}}<tr><td class="l">{{$i}}</td><td class="l">{{point $pt}}</td></tr>
{{end}}</tbody>
</table>
{{end}}
{{with section .Figures "response"}}
<h2 id="response">Response curves</h2>
{{range .}}<figure><img alt="{{.Title}}" src="{{.Src}}"><figcaption>{{.Title}}. {{.Caption}}</figcaption></figure>
{{end}}{{end}}
<h2 id="seeds">Seeds</h2>
<p>The study's seed is {{.S.Seed}}. Replication <i>i</i> of every arm runs with seed <code>sim.Derive({{.S.Seed}}, i)</code>, listed for every run in <code>runs.csv</code>. The first replications:</p>
<table>
<thead><tr><th>replication</th><th>seed</th></tr></thead>
<tbody>
{{range .Seeds}}<tr><td>{{.Replication}}</td><td>{{.Seed}}</td></tr>
{{end}}</tbody>
</table>
<h2 id="reading">Reading this report</h2>
<ul>
<li><b>Mean and 95% interval.</b> The interval of a mean uses Student's t; of a share of runs (a 0/1 metric such as armed conflict), Wilson's score interval. Had the study been repeated with other seeds, 95% of such intervals would contain the true mean of the model.</li>
<li><b>Differences.</b> Each variant ran with the same seeds as the base (common random numbers), so the comparison uses the paired differences: their mean, their t interval (Newcombe's paired interval for shares) and a paired t-test (McNemar's exact test for shares).</li>
<li><b>Effect size d</b> is the mean difference divided by the standard deviation of the paired differences (Cohen's d<sub>z</sub>): about 0.2 is small, 0.5 medium, 0.8 large. With many runs a tiny effect can be clear; ask whether it matters.</li>
<li><b>Quantiles</b> (5% to 95%) describe the spread of single runs, not the precision of the mean.</li>
<li>These are statements about the model, under the scenario's assumptions, not about the world.</li>
</ul>
<h2 id="scenario">Scenario</h2>
<pre>{{.M.Scenario.TOML}}</pre>
</body>
</html>
`))
