package debrief

import (
	"encoding/base64"
	"fmt"
	"html/template"
	"io"
	"math"
	"strings"

	"cpkrange/agents"
	"cpkrange/analytics"
	"cpkrange/assets"
)

// storyRows is the most rows of one table of the story: a table longer
// than a page would be cut when printed, so the story is told in tables
// that each fit on an A4 page whole.
const storyRows = 16

// Section is one section of the report, in order; the HTML page and the
// PDF have the same.
type Section struct{ ID, Title string }

// Sections lists the report's sections.
func (r *Report) Sections() []Section {
	out := []Section{{"scenario", "The scenario and the session"}, {"story", "The story by stage"}, {"decisions", "The decisions and their counterfactuals"},
		{"blames", "Misattribution chains"}, {"norms", "Norms and confidence-building measures"}, {"force", "The force's work by role and stage"},
		{"scorecard", "Scorecard against the CPK goals"}, {"notes", "The facilitator's notes"}, {"lessons", "Lessons learned"}}
	return out
}

// Title is the report's title.
func (r *Report) Title() string { return "Debrief: " + r.Scenario.Meta.Name }

// StoryTables splits a stage's story into tables that fit on a page.
func (s Stage) StoryTables() [][]Entry {
	var out [][]Entry
	for i := 0; i < len(s.Entries); i += storyRows {
		out = append(out, s.Entries[i:min(i+storyRows, len(s.Entries))])
	}
	return out
}

// Label names the stage spell with its times.
func (s Stage) Label() string {
	return fmt.Sprintf("%s, %s to %s", s.Stage, agents.Clock(s.From), agents.Clock(s.To))
}

// OptionRow is one option of a decision's counterfactual table.
type OptionRow struct {
	Number   int
	Label    string
	Chosen   bool
	Default  bool
	Cells    []string // per analytics.FutureMetrics
	Versus   []string // differences from the chosen option, in words
	Headline string
}

// Rows are the rows of the decision's counterfactual table.
func (d *Decision) Rows() []OptionRow {
	var out []OptionRow
	for k, label := range d.Options {
		row := OptionRow{Number: k + 1, Label: label, Chosen: k+1 == d.Chosen, Default: k+1 == d.Default}
		if cf := d.Counter; cf != nil && cf.Summary.N > 0 {
			for _, m := range analytics.FutureMetrics {
				st, _ := cf.Summary.Stat(k, m)
				row.Cells = append(row.Cells, analytics.OutcomeCell(m, st))
				if c, ok := cf.Summary.Versus(k, m); ok {
					row.Versus = append(row.Versus, analytics.Difference(c))
				}
			}
		}
		out = append(out, row)
	}
	return out
}

// MetricHeads are the counterfactual table's column heads.
func MetricHeads() []string {
	var out []string
	for _, m := range analytics.FutureMetrics {
		s, _ := agents.MetricByName(m)
		out = append(out, s.Label)
	}
	return out
}

// Cells are a placement's row in words: the outcome, its value in the
// session, the shares of futures it did better and worse than.
func (p Placement) Cells() []string {
	s, _ := agents.MetricByName(p.Metric)
	return []string{s.Label, formatValue(s, p.Actual), fmt.Sprintf("%.0f%%", 100*p.BetterThan), fmt.Sprintf("%.0f%%", 100*p.WorseThan)}
}

// HarmPlot draws, as an SVG, each option's distribution of civilian harm
// over its futures (5–95% whisker, quartile box, median) and the session's
// harm on the chosen option's row.
func (d *Decision) HarmPlot() template.HTML {
	cf := d.Counter
	if cf == nil || cf.Summary.N == 0 {
		return ""
	}
	s := cf.Summary
	const w, rowH, left, right, top = 640.0, 26.0, 90.0, 20.0, 10.0
	hi := 0.0
	for k := range s.Options {
		st, _ := s.Stat(k, "harm")
		hi = math.Max(hi, float64(st.Q95))
	}
	actual := math.NaN()
	if v, ok := d.actualHarm(); ok {
		actual = v
		hi = math.Max(hi, v)
	}
	if hi <= 0 {
		hi = 1
	}
	x := func(v float64) float64 { return left + (w-left-right)*v/hi }
	h := top + rowH*float64(len(s.Options)) + 42
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %.0f %.0f" width="100%%" role="img" aria-label="civilian harm by option">`, w, h)
	for k := range s.Options {
		st, _ := s.Stat(k, "harm")
		y := top + rowH*float64(k) + rowH/2
		fill := "#9fb3d9"
		if k+1 == d.Chosen {
			fill = "#e2a33b"
		}
		fmt.Fprintf(&b, `<text x="0" y="%.1f" font-size="12" dominant-baseline="middle">Option %d</text>`, y, k+1)
		fmt.Fprintf(&b, `<line x1="%.1f" x2="%.1f" y1="%.1f" y2="%.1f" stroke="#1c2330"/>`, x(float64(st.Q05)), x(float64(st.Q95)), y, y)
		fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="%.1f" height="14" fill="%s" stroke="#1c2330"/>`, x(float64(st.Q25)), y-7, math.Max(1, x(float64(st.Q75))-x(float64(st.Q25))), fill)
		fmt.Fprintf(&b, `<line x1="%.1f" x2="%.1f" y1="%.1f" y2="%.1f" stroke="#1c2330" stroke-width="2"/>`, x(float64(st.Q50)), x(float64(st.Q50)), y-7, y+7)
		if k+1 == d.Chosen && !math.IsNaN(actual) {
			fmt.Fprintf(&b, `<path d="M%.1f %.1f l6 8 l-6 8 l-6 -8 z" fill="#b3261e"/>`, x(actual), y-8)
		}
	}
	axis := top + rowH*float64(len(s.Options)) + 4
	fmt.Fprintf(&b, `<line x1="%.1f" x2="%.1f" y1="%.1f" y2="%.1f" stroke="#4a5363"/>`, left, w-right, axis, axis)
	for i := 0; i <= 4; i++ {
		v := hi * float64(i) / 4
		anchor := "middle"
		if i == 4 {
			anchor = "end"
		}
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" font-size="11" text-anchor="%s">%s</text>`, x(v), axis+16, anchor, shortNumber(v))
	}
	fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" font-size="11" text-anchor="end">civilian harm, people-hours</text>`, w-right, axis+31)
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// shortNumber writes an axis label: 790 k, 1.58 M.
func shortNumber(v float64) string {
	switch a := math.Abs(v); {
	case a >= 1e9:
		return fmt.Sprintf("%.3g bn", v/1e9)
	case a >= 1e6:
		return fmt.Sprintf("%.3g M", v/1e6)
	case a >= 1e3:
		return fmt.Sprintf("%.3g k", v/1e3)
	}
	return fmt.Sprintf("%.3g", v)
}

func (d *Decision) actualHarm() (float64, bool) {
	if d.Counter == nil {
		return 0, false
	}
	for _, p := range d.Counter.Placements {
		if p.Metric == "harm" {
			return p.Actual, true
		}
	}
	return 0, false
}

// WriteHTML writes the report as one self-contained HTML page: fonts and
// plots embedded, nothing fetched, a print stylesheet for A4.
func (r *Report) WriteHTML(w io.Writer) error {
	return page.Execute(w, struct {
		*Report
		Fonts template.CSS
	}{r, fontFaces()})
}

func fontFaces() template.CSS {
	var b strings.Builder
	for _, f := range []struct {
		name   string
		weight int
		data   []byte
	}{{"GoDebrief", 400, assets.Regular}, {"GoDebrief", 700, assets.Bold}, {"GoDebriefMono", 400, assets.Mono}} {
		fmt.Fprintf(&b, "@font-face { font-family: %q; font-weight: %d; src: url(data:font/ttf;base64,%s) format(\"truetype\"); }\n",
			f.name, f.weight, base64.StdEncoding.EncodeToString(f.data))
	}
	return template.CSS(b.String())
}

var funcs = template.FuncMap{
	"clock":       agents.Clock,
	"span":        agents.Span,
	"inc":         func(i int) int { return i + 1 },
	"upper":       strings.ToUpper,
	"stageCell":   stageCell,
	"lines":       func(n int) []int { return make([]int, n) },
	"MetricHeads": MetricHeads,
	"table":       func() func() int { n := 0; return func() int { n++; return n } },
}

// stageCell is a function's actions in stage s: "·" where the framework
// gives it no work there and it did none.
func stageCell(f FunctionWork, s int) string {
	if !f.InStage[s] && f.Actions[s] == 0 {
		return "·"
	}
	return fmt.Sprint(f.Actions[s])
}

var page = template.Must(template.New("debrief").Funcs(funcs).Parse(pageHTML))

const pageHTML = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>
{{.Fonts}}
body { font-family: "GoDebrief", sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #1c2330; line-height: 1.4; font-size: 15px; }
h1 { font-size: 1.7rem; margin: 0 0 0.3rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 0.6rem; border-bottom: 2px solid #1f3b73; padding-bottom: 0.2rem; color: #1f3b73; }
h3 { font-size: 1.05rem; margin: 1.2rem 0 0.4rem; }
p.lead { font-size: 1.05rem; color: #4a5363; margin-top: 0; }
table { border-collapse: collapse; width: 100%; font-size: 0.85rem; margin: 0.4rem 0 0.9rem; }
caption { caption-side: top; text-align: left; font-size: 0.78rem; color: #4a5363; padding-bottom: 0.15rem; }
th, td { border: 1px solid #d5dae3; padding: 0.22rem 0.4rem; text-align: left; vertical-align: top; }
th { background: #eef1f6; }
td.t, td.n { font-family: "GoDebriefMono", monospace; white-space: nowrap; font-size: 0.8rem; }
td.n { text-align: right; }
tr.mark td { background: #fff4dc; }
tr.mark td.why { font-weight: 700; color: #8a4b00; white-space: nowrap; }
tr.chosen td { background: #fff4dc; font-weight: 700; }
td.off { color: #9aa3b2; text-align: center; }
.tag { font-size: 0.72rem; border: 1px solid #8a4b00; color: #8a4b00; border-radius: 3px; padding: 0 0.25rem; margin-left: 0.3rem; white-space: nowrap; }
pre.brief { white-space: pre-wrap; font-family: inherit; background: #f5f6f8; padding: 0.6rem 0.8rem; }
.warn { border-left: 4px solid #b3261e; background: #fbeeee; padding: 0.4rem 0.7rem; }
.verdict { font-weight: 700; color: #1f3b73; }
ul.vs { margin: 0 0 0.6rem; padding-left: 1.2rem; font-size: 0.8rem; }
.answer { border-bottom: 1px solid #9aa3b2; height: 1.6rem; }
.question { break-inside: avoid; margin-bottom: 1rem; }
figure { margin: 0.4rem 0 0.9rem; break-inside: avoid; }
figcaption { font-size: 0.78rem; color: #4a5363; }
.decision { break-inside: auto; }
.keep { break-inside: avoid; }
@page { size: A4; margin: 15mm 14mm 18mm 14mm;
  @bottom-center { content: "page " counter(page) " of " counter(pages); font-family: "GoDebrief", sans-serif; font-size: 9pt; color: #4a5363; }
  @bottom-left { content: "cpkrange debrief"; font-family: "GoDebrief", sans-serif; font-size: 8pt; color: #9aa3b2; } }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 10pt; }
  section { break-before: page; }
  section:first-of-type { break-before: auto; }
  .decision + .decision { break-before: page; }
  h2, h3, caption { break-after: avoid; }
  table, figure, tr, .question { break-inside: avoid; }
  thead { display: table-header-group; }
  a { color: inherit; text-decoration: none; }
}
</style>
</head>
<body>
{{- $t := table}}
<section id="scenario">
<h1>{{.Title}}</h1>
<p class="lead">{{.Scenario.Meta.Summary}}</p>
{{- if .Tear}}
<p class="warn">The event log is torn: it stops being readable at {{.Tear}}. This report covers the session up to {{clock .End}}; figures are those of the session so far.</p>
{{- end}}
<h2>The scenario and the session</h2>
<table>
<caption>Table {{call $t}}. The session's settings</caption>
<tbody>
{{- range .Settings}}
<tr><th>{{index . 0}}</th><td>{{index . 1}}</td></tr>
{{- end}}
</tbody>
</table>
<h3>The facilitator's commands</h3>
{{- if .Commands}}
<table>
<caption>Table {{call $t}}. Commands, in order</caption>
<thead><tr><th>time</th><th>command</th></tr></thead>
<tbody>
{{- range .Commands}}
<tr><td class="t">{{.Clock}}</td><td>{{.Line}}</td></tr>
{{- end}}
</tbody>
</table>
{{- else}}
<p>None: the session ran without a facilitator (a batch run's log), every decision taking its default.</p>
{{- end}}
<h3>The briefing</h3>
<pre class="brief">{{.Scenario.Meta.Briefing}}</pre>
{{- if .Moments}}
<h3>The moments that mattered most</h3>
<table>
<caption>Table {{call $t}}. The three moments that mattered most</caption>
<thead><tr><th>time</th><th>what happened</th><th>why</th></tr></thead>
<tbody>
{{- range .Moments}}
<tr class="mark"><td class="t">{{.Clock}}</td><td>{{.Line}}</td><td class="why">{{.Mark}}</td></tr>
{{- end}}
</tbody>
</table>
{{- end}}
</section>

<section id="story">
<h2>The story by stage</h2>
<p>In the words of the run's timeline. Marked rows are the moments that mattered: stage changes, rungs climbed, Safe Layer hits, wrong blames, decisions, the force's key actions.</p>
{{- range .Story}}
{{- $s := .}}
<h3>{{.Label}}</h3>
<p>{{len .Entries}} entries, {{.Marked}} marked; {{.Operations}} operations launched (the story names those that turned it).</p>
{{- range $i, $rows := .StoryTables}}
<table>
<caption>Table {{call $t}}. {{$s.Stage}}{{if $i}}, continued{{end}}</caption>
<thead><tr><th>time</th><th>what happened</th><th>mattered</th></tr></thead>
<tbody>
{{- range $rows}}
<tr{{if .Mark}} class="mark"{{end}}><td class="t">{{.Clock}}</td><td>{{.Line}}</td><td class="why">{{.Mark}}</td></tr>
{{- end}}
</tbody>
</table>
{{- end}}
{{- end}}
</section>

<section id="decisions">
<h2>The decisions and their counterfactuals</h2>
{{- if not .Decisions}}<p>No decision was put in this session.</p>{{end}}
{{- $n := .N}}
{{- range .Decisions}}
{{- $d := .}}
<div class="decision" id="decision-{{.ID}}">
<h3>{{.ID}}: {{.Decider}} decides, {{clock .At}}</h3>
<p>{{.Prompt}}</p>
<table>
<caption>Table {{call $t}}. The options of {{.ID}}</caption>
<thead><tr><th>#</th><th>option</th><th>taken</th></tr></thead>
<tbody>
{{- range .Rows}}
<tr{{if .Chosen}} class="chosen"{{end}}><td class="n">{{.Number}}</td><td>{{.Label}}{{if .Default}}<span class="tag">default</span>{{end}}</td><td>{{if .Chosen}}chosen{{if eq $d.By "default"}} (by default){{else}} by the {{$d.By}}, {{clock $d.AnsweredAt}}{{end}}{{end}}</td></tr>
{{- end}}
</tbody>
</table>
{{- if eq .Chosen 0}}<p class="warn">The log ends before the decision was answered; the counterfactual compares the options with the default.</p>{{end}}
<p><b>Rationale:</b> {{if .Rationale}}{{range .Rationale}}{{.Line}} <span class="tag">{{.Clock}}</span> {{end}}{{else}}none typed.{{end}}</p>
<p><b>The futures the room looked at:</b> {{if .Shown}}{{range .Shown}}at {{clock .Time}}, {{.N}} per option{{if .Until}} to {{clock .Until}}{{end}}: {{.Text}}. {{end}}{{else}}none.{{end}}</p>
{{- with .Counter}}
<table>
<caption>Table {{call $t}}. Counterfactual of {{$d.ID}}: {{.Summary.N}} futures of each option, forked at {{clock .Summary.At}}, mean [95% interval]</caption>
<thead><tr><th>option</th>{{range MetricHeads}}<th>{{.}}</th>{{end}}</tr></thead>
<tbody>
{{- range $d.Rows}}
<tr{{if .Chosen}} class="chosen"{{end}}><td class="n">{{.Number}}{{if .Chosen}} chosen{{end}}</td>{{range .Cells}}<td class="n">{{.}}</td>{{end}}</tr>
{{- end}}
</tbody>
</table>
<ul class="vs">
{{- range $d.Rows}}{{if not .Chosen}}
<li><b>Option {{.Number}}</b> against the chosen: {{range $i, $v := .Versus}}{{if $i}}; {{end}}{{$v}}{{end}}.</li>
{{- end}}{{end}}
</ul>
<figure>{{$d.HarmPlot}}<figcaption>Civilian harm over each option's futures: whisker 5–95%, box 25–75%, bar the median{{if .Placements}}; the red diamond is the session's harm{{end}}. The chosen option is orange.</figcaption></figure>
<p class="verdict">{{$d.ChoiceVerdict}}</p>
{{- if .Placements}}
<table>
<caption>Table {{call $t}}. Where the session's outcome falls among the chosen option's futures</caption>
<thead><tr><th>outcome</th><th>in the session</th><th>better than</th><th>worse than</th><th>luck</th></tr></thead>
<tbody>
{{- range .Placements}}{{$c := .Cells}}
<tr><td>{{index $c 0}}</td><td class="n">{{index $c 1}}</td><td class="n">{{index $c 2}}</td><td class="n">{{index $c 3}}</td><td>{{.Verdict}}</td></tr>
{{- end}}
</tbody>
</table>
{{- else}}
<p>The log does not reach the horizon, so there is no outcome of the session to place among the futures.</p>
{{- end}}
{{- else}}
<p>{{if .NoCounter}}No counterfactual: {{.NoCounter}}{{else}}No counterfactual was asked for (-n 0).{{end}}</p>
{{- end}}
{{- range .Questions}}
<div class="question"><p><b>For the room:</b> {{.Text}}</p>{{range lines .Lines}}<div class="answer"></div>{{end}}</div>
{{- end}}
</div>
{{- end}}
</section>

<section id="blames">
<h2>Misattribution chains</h2>
{{- if not .Blames}}<p>No state blamed the wrong state in this session.</p>{{end}}
{{- range .Blames}}
<div class="keep">
<h3>{{clock .Time}}: {{.Victim}} blames {{.Blamed}} for op {{.Op}} ({{.Method}})</h3>
<p>Behind it: {{.Culprit}}{{if .Sponsor}}, for {{.Sponsor}}{{else}}, a group with no state behind it{{end}}. Evidence: {{range $i, $e := .Evidence}}{{if $i}}; {{end}}{{$e}}{{end}}.</p>
{{- if .Followed}}
<table>
<caption>Table {{call $t}}. What followed between {{.Victim}} and {{.Blamed}} in the next two weeks</caption>
<thead><tr><th>time</th><th>what happened</th></tr></thead>
<tbody>
{{- range .Followed}}
<tr{{if .Mark}} class="mark"{{end}}><td class="t">{{.Clock}}</td><td>{{.Line}}</td></tr>
{{- end}}
</tbody>
</table>
{{- else}}
<p>Nothing followed between the two in the next two weeks.</p>
{{- end}}
</div>
{{- end}}
</section>

<section id="norms">
<h2>Norms and confidence-building measures</h2>
<p><b>In force at the start:</b> {{if .CBMs}}{{range $i, $c := .CBMs}}{{if $i}}; {{end}}{{$c}}{{end}}{{else}}no CBM between any pair of states.{{end}}</p>
{{- if .Norms}}
<table>
<caption>Table {{call $t}}. Norms invoked or broken, CBMs used or added</caption>
<thead><tr><th>time</th><th>what happened</th></tr></thead>
<tbody>
{{- range .Norms}}
<tr{{if .Mark}} class="mark"{{end}}><td class="t">{{.Clock}}</td><td>{{.Line}}</td></tr>
{{- end}}
</tbody>
</table>
{{- else}}
<p>No norm was invoked or broken and no CBM used or added in this session.</p>
{{- end}}
</section>

<section id="force">
<h2>The force's work by role and stage</h2>
<p>The framework's functions of each role, with the force's actions of each in each stage; · where the framework gives the function no work in that stage.</p>
{{- range .Force}}
<table>
<caption>Table {{call $t}}. The {{.Role}}</caption>
<thead><tr><th>function</th><th>what it does</th><th>pre-conflict</th><th>conflict</th><th>post-conflict</th></tr></thead>
<tbody>
{{- range .Functions}}
<tr><td>{{.Name}}</td><td>{{.What}}</td><td class="n">{{stageCell . 0}}</td><td class="n">{{stageCell . 1}}</td><td class="n">{{stageCell . 2}}</td></tr>
{{- end}}
</tbody>
</table>
{{- end}}
</section>

<section id="scorecard">
<h2>Scorecard against the CPK goals</h2>
<p>Each goal with the metrics that indicate it, folded from the session's log{{if not .Complete}} (up to {{clock .End}}: the log does not reach the horizon){{end}}.</p>
<table>
<caption>Table {{call $t}}. The scorecard</caption>
<thead><tr><th>goal</th><th>indicator</th><th>in the session</th><th>what it counts</th></tr></thead>
<tbody>
{{- range .Scorecard}}{{$g := .}}
{{- range $i, $x := .Indicators}}
<tr>{{if not $i}}<th rowspan="{{len $g.Indicators}}">{{$g.Goal}}<br><small>{{$g.Means}}</small></th>{{end}}<td>{{$x.Metric.Label}} <small>({{$x.Metric.Name}})</small></td><td class="n">{{$x.Text}}</td><td>{{$x.Metric.Meaning}}</td></tr>
{{- end}}
{{- end}}
</tbody>
</table>
</section>

<section id="notes">
<h2>The facilitator's notes</h2>
{{- if .Notes}}
<table>
<caption>Table {{call $t}}. Notes, each at its moment</caption>
<thead><tr><th>time</th><th>stage</th><th>note</th></tr></thead>
<tbody>
{{- range .Notes}}
<tr><td class="t">{{.Clock}}</td><td>{{.Stage}}</td><td>{{.Line}}</td></tr>
{{- end}}
</tbody>
</table>
{{- else}}
<p>No note was typed in this session (key N on the display).</p>
{{- end}}
</section>

<section id="lessons">
<h2>Lessons learned</h2>
{{- if not .Questions}}<p>The scenario lists no questions ([[debrief.question]]); the space below is for the room's own.</p>
<div class="question">{{range lines 12}}<div class="answer"></div>{{end}}</div>{{end}}
{{- range $i, $q := .Questions}}
<div class="question"><p><b>{{inc $i}}.</b> {{$q.Text}}{{if $q.About}} <span class="tag">about {{$q.About}}</span>{{end}}</p>{{range lines $q.Lines}}<div class="answer"></div>{{end}}</div>
{{- end}}
</section>
</body>
</html>
`
