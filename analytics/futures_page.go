package analytics

import (
	"bufio"
	"encoding/base64"
	"fmt"
	"html/template"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"cpkrange/agents"
)

// The files of futures written out.
const (
	FuturesFile        = "futures.csv"         // one row per future: option, future, seed, every metric
	FuturesSummaryFile = "futures-summary.csv" // summary.csv's columns, one row per option and metric
	FuturesPageFile    = "futures.html"
)

// FuturesPage is what the page of futures says about where they come from.
type FuturesPage struct {
	Scenario string // scenario.name
	Source   string // the bundled name or file
	Command  string // the command line that makes the page again
	Question string // the decision's prompt, or what the moment is
	Log      string // the session log replayed, "" for the scenario's defaults
}

// WriteFutures writes futures.csv (every future, in RunFutures's order),
// futures-summary.csv and futures.html (the table, the differences in
// words, the distribution of each outcome by option and the forest plot of
// the differences, as embedded PNG) into dir, each atomically, and returns
// the page's path. The page holds no date or host: the same futures give
// the same page.
func WriteFutures(dir string, page FuturesPage, s *FuturesSummary, futures []Future) (string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("analytics: %w", err)
	}
	if err := writeAtomic(filepath.Join(dir, FuturesFile), func(w io.Writer) error { return writeFuturesCSV(w, s, futures) }); err != nil {
		return "", err
	}
	sum := s.asSummary()
	if err := writeAtomic(filepath.Join(dir, FuturesSummaryFile), func(w io.Writer) error { return writeSummaryCSV(w, sum) }); err != nil {
		return "", err
	}
	path := filepath.Join(dir, FuturesPageFile)
	err := writeAtomic(path, func(w io.Writer) error { return writeFuturesPage(w, page, s, sum) })
	return path, err
}

// optionName is how tables and plots name option k: "Option 2".
func optionName(k int) string { return "Option " + strconv.Itoa(k+1) }

// asSummary is the futures as a batch's summary whose arms are the options
// (named "Option k") and whose base is the reference: the batch's CSV and
// figures then draw them.
func (s *FuturesSummary) asSummary() *Summary {
	out := &Summary{Format: summaryFormat, Kind: Batch, Seed: s.Seed, N: s.N, Planned: s.Planned, Complete: s.N == s.Planned, Metrics: s.Metrics}
	for k := range s.Options {
		out.Arms = append(out.Arms, optionName(k))
	}
	for i, st := range s.Stats {
		st.Arm = optionName(i / len(FutureMetrics))
		out.Stats = append(out.Stats, st)
	}
	for i, c := range s.Comparisons {
		k := i / len(FutureMetrics)
		if k >= s.Reference {
			k++
		}
		c.Variant = optionName(k)
		out.Comparisons = append(out.Comparisons, c)
	}
	return out
}

func writeFuturesCSV(w io.Writer, s *FuturesSummary, futures []Future) error {
	bw := bufio.NewWriter(w)
	header := []string{"option", "label", "future", "seed"}
	if len(futures) > 0 {
		for _, v := range futures[0].Values {
			header = append(header, v.Name)
		}
	}
	bw.Write(headerLine(header))
	var b []byte
	for _, f := range futures {
		b = strconv.AppendInt(b[:0], int64(f.Option+1), 10)
		b = append(b, ',')
		b = appendField(b, s.Options[f.Option])
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(f.Index), 10)
		b = append(b, ',')
		b = strconv.AppendUint(b, f.Seed, 10)
		for _, v := range f.Values {
			b = append(b, ',')
			b = appendFloat(b, v.Value)
		}
		b = append(b, '\n')
		bw.Write(b)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("analytics: %w", err)
	}
	return nil
}

type futuresRow struct {
	Name, Label string
	Reference   bool
	Cells       []futuresCell
	Versus      []string // each outcome's difference from the reference, in words
}

type futuresCell struct{ Mean, Interval string }

type futuresData struct {
	P       FuturesPage
	S       *FuturesSummary
	Rows    []futuresRow
	Heads   []string
	Clear   string
	Comps   []compRow
	Figures []reportFigure
	At      string
	Until   string
	Ref     string
}

func writeFuturesPage(w io.Writer, page FuturesPage, s *FuturesSummary, sum *Summary) error {
	d := futuresData{P: page, S: s, At: agents.Clock(s.At), Until: agents.Clock(s.Until), Ref: optionName(s.Reference)}
	if s.Until >= s.Horizon {
		d.Until += " (the horizon)"
	}
	for _, name := range FutureMetrics {
		d.Heads = append(d.Heads, metricLabel(name))
	}
	for k, label := range s.Options {
		r := futuresRow{Name: optionName(k), Label: label, Reference: k == s.Reference}
		for _, name := range FutureMetrics {
			st, _ := s.Stat(k, name)
			r.Cells = append(r.Cells, futuresCell{Mean: cellValue(name, float64(st.Mean), sum.binary(name)),
				Interval: cellValue(name, float64(st.Low), sum.binary(name)) + " to " + cellValue(name, float64(st.High), sum.binary(name))})
			if c, ok := s.Versus(k, name); ok {
				r.Versus = append(r.Versus, Difference(c))
			}
		}
		d.Rows = append(d.Rows, r)
	}
	if c, k, ok := s.Clearest(); ok {
		d.Clear = optionName(k) + ": " + Difference(c)
	}
	for _, c := range sum.Comparisons {
		d.Comps = append(d.Comps, newCompRow(c, sum.binary(c.Metric)))
	}
	ref := optionName(s.Reference)
	for _, name := range FutureMetrics {
		for _, mk := range []func(*Summary, string) (figure, error){distributionFigure, differenceFigure} {
			f, err := mk(sum, name)
			if err != nil {
				return err
			}
			if f.plot == nil {
				continue
			}
			if f.Section == "differences" {
				f.Title = "Difference from " + ref + ": " + metricLabel(name)
				f.plot.Title.Text = f.Title
				f.plot.X.Label.Text = name + " (option − " + strings.ToLower(ref) + ")"
				f.Caption = "Dot: mean difference over paired futures (future i of every option met the same random numbers); bar: its 95% interval. Dark: the interval excludes 0 (a clear difference); grey: noise."
			} else {
				f.Caption = strings.ReplaceAll(f.Caption, "runs", "futures")
				f.plot.X.Label.Text = strings.ReplaceAll(f.plot.X.Label.Text, "share of runs", "share of futures")
			}
			png, err := f.render("png")
			if err != nil {
				return err
			}
			d.Figures = append(d.Figures, reportFigure{Section: f.Section, Title: f.Title, Caption: f.Caption, Name: f.Name,
				Src: template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(png))})
		}
	}
	if err := futuresTemplate.Execute(w, &d); err != nil {
		return fmt.Errorf("analytics: futures page: %w", err)
	}
	return nil
}

// cellValue is an outcome as the table shows it: a share in percent.
func cellValue(name string, v float64, binary bool) string {
	if binary || name == "rumour_reach" {
		return percent(v)
	}
	if name == "mean_trust" {
		return fixed(v, 3)
	}
	return number(v)
}

var futuresTemplate = template.Must(template.New("futures").Funcs(reportFuncs).Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.P.Scenario}}: futures {{if .S.Decision}}of decision {{.S.Decision}}{{else}}at {{.At}}{{end}}</title>
<style>
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 72rem; margin: 2rem auto; padding: 0 1rem; color: #1c2330; line-height: 1.45; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.25rem; margin-top: 2.2rem; border-bottom: 1px solid #d5dae3; padding-bottom: 0.2rem; }
table { border-collapse: collapse; font-size: 0.85rem; margin: 0.6rem 0; }
th, td { border: 1px solid #d5dae3; padding: 0.25rem 0.5rem; text-align: right; vertical-align: top; }
th { background: #eef1f6; }
td.l, th.l { text-align: left; }
td small { color: #4a5363; }
tr.ref td { background: #f7f9fc; }
tr.clear td.v { font-weight: 600; color: #1f3b73; }
tr.noise td.v { color: #777; }
blockquote { border-left: 4px solid #9fb3d1; margin: 0.8rem 0; padding: 0.3rem 0.9rem; background: #f5f7fb; }
p.clearest { font-size: 1.25rem; font-weight: 600; color: #1f3b73; }
pre { background: #f5f6f8; padding: 0.7rem; white-space: pre-wrap; overflow-wrap: anywhere; font-size: 0.8rem; }
figure { margin: 1rem 0; }
figure img { max-width: 100%; border: 1px solid #e3e6ec; }
figcaption { font-size: 0.85rem; color: #4a5363; }
.warn { background: #fff4d6; border: 1px solid #e8c766; padding: 0.5rem 0.8rem; }
dl.meta { display: grid; grid-template-columns: max-content auto; gap: 0.15rem 1rem; font-size: 0.9rem; }
dl.meta dt { font-weight: 600; }
dl.meta dd { margin: 0; }
ul.vs { margin: 0.2rem 0 0 1rem; padding: 0; font-size: 0.8rem; text-align: left; }
</style>
</head>
<body>
<h1>{{.P.Scenario}}: futures {{if .S.Decision}}of decision <code>{{.S.Decision}}</code>{{else}}at {{.At}}{{end}}</h1>
{{if lt .S.N .S.Planned}}<p class="warn">Interrupted: {{.S.N}} of {{.S.Planned}} futures per option are summarised.</p>{{end}}
<blockquote>{{.P.Question}}</blockquote>
<dl class="meta">
<dt>Scenario</dt><dd>{{.P.Scenario}} ({{.P.Source}})</dd>
<dt>From</dt><dd>{{.At}}, {{if .P.Log}}replaying the session log <code>{{.P.Log}}</code>{{else}}the scenario's defaults up to then{{end}}</dd>
<dt>Futures</dt><dd>{{.S.N}} per option, each to {{.Until}}</dd>
<dt>Seed</dt><dd>{{.S.Seed}}: future <i>i</i> of every option runs with seed <code>FutureSeed({{.S.Seed}}, i)</code> (in <code>futures.csv</code>)</dd>
<dt>Compared with</dt><dd>{{.Ref}}: every other option's futures against its own, future by future</dd>
</dl>
{{if .Clear}}<p class="clearest">Clearest difference: {{.Clear}}</p>{{else}}<p class="clearest">No clear difference between the options in these futures.</p>{{end}}

<h2 id="outcomes">Outcomes by option</h2>
<p>Each cell: the mean over the futures and its 95% interval (Wilson's for a share of futures, Student's t for a mean). Below each option, its difference from the reference in words: <b>clear</b> when the 95% interval of the paired difference excludes 0, <b>noise</b> when it includes it.</p>
<table>
<thead><tr><th class="l">option</th>{{range .Heads}}<th>{{.}}</th>{{end}}</tr></thead>
<tbody>
{{range .Rows}}<tr{{if .Reference}} class="ref"{{end}}><td class="l"><b>{{.Name}}</b>{{if .Reference}} (reference){{end}}<br>{{.Label}}{{if .Versus}}<ul class="vs">{{range .Versus}}<li>{{.}}</li>{{end}}</ul>{{end}}</td>{{range .Cells}}<td><b>{{.Mean}}</b><br><small>{{.Interval}}</small></td>{{end}}</tr>
{{end}}</tbody>
</table>

<h2 id="comparisons">Differences from the reference</h2>
<table>
<thead><tr><th class="l">option</th><th class="l">metric</th><th>reference</th><th>option</th><th>difference</th><th>95% interval</th><th>effect size d</th><th class="l">test</th><th>p</th><th>p<sub>Holm</sub></th><th class="l">verdict</th></tr></thead>
<tbody>
{{range .Comps}}<tr class="{{clearClass .}}"><td class="l">{{.Variant}}</td><td class="l">{{.Metric}}</td><td>{{.Show.Base}}</td><td>{{.Show.Mean}}</td><td>{{.Show.Diff}}</td><td>{{.Show.Low}} to {{.Show.High}}</td><td>{{fixed .Effect 2}}</td><td class="l">{{.Test}}</td><td>{{pval .P}}</td><td>{{pval .PHolm}}</td><td class="l v">{{.Verdict}}</td></tr>
{{end}}</tbody>
</table>
{{with section .Figures "distributions"}}
<h2 id="distributions">Distributions of the outcomes</h2>
{{range .}}<figure><img alt="{{.Title}}" src="{{.Src}}"><figcaption>{{.Title}}. {{.Caption}}</figcaption></figure>
{{end}}{{end}}
{{with section .Figures "differences"}}
<h2 id="differences">Differences, paired by future</h2>
{{range .}}<figure><img alt="{{.Title}}" src="{{.Src}}"><figcaption>{{.Title}}. {{.Caption}}</figcaption></figure>
{{end}}{{end}}
<h2 id="reproduce">Reproduce</h2>
<pre>{{.P.Command}}</pre>
<h2 id="reading">Reading this page</h2>
<ul>
<li>Each future forks the run at {{.At}} and runs on with its own random numbers; future <i>i</i> of every option meets the same random numbers, so the differences between options are paired and chance cancels out of them.</li>
<li>A clear difference is one the futures make unlikely to be chance; with many comparisons at once, about one in twenty of a change that does nothing looks clear: p<sub>Holm</sub> corrects for that.</li>
<li>These are statements about the model under the scenario's assumptions, not predictions of the world.</li>
</ul>
</body>
</html>
`))
