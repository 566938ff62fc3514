package analytics

import (
	"bytes"
	"fmt"
	"image/color"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"cpkrange/agents"
)

// KeyMetrics are the metrics a study plots and its report leads with, when
// the study has them.
var KeyMetrics = []string{"harm", "peak_rung", "armed", "reached_conflict", "misattributed", "mean_trust"}

// metricLabel returns a reader's description of a metric, from its one
// definition in agents.MetricTable (its label, with its unit where the
// unit says more than a count), or its name.
func metricLabel(name string) string {
	m, ok := agents.MetricByName(name)
	if !ok {
		return name
	}
	switch m.Unit {
	case "count", "0 or 1":
		return m.Label
	}
	return m.Label + " (" + m.Unit + ")"
}

// figure is one plot of a study, drawn by gonum/plot: a single panel, or
// a grid of panels under a common title.
type figure struct {
	Name    string // the file name without extension, as in plots/NAME.png
	Section string // "distributions", "differences", "daily", "convergence", "response"
	Title   string
	Caption string
	plot    *plot.Plot     // a single panel, or
	grid    [][]*plot.Plot // rows of panels (nil cells left empty)
	w, h    vg.Length
}

// figurePad is the margin around a figure, so that no label touches its edge.
const figurePad = 4 * vg.Millimeter

// render returns the figure as PNG or SVG.
func (f *figure) render(format string) ([]byte, error) {
	c, err := draw.NewFormattedCanvas(f.w, f.h, format)
	if err != nil {
		return nil, fmt.Errorf("analytics: figure %s: %w", f.Name, err)
	}
	dc := draw.Crop(draw.New(c), figurePad, -figurePad, figurePad, -figurePad)
	if f.plot != nil {
		f.plot.Draw(dc)
	} else {
		title := newPlot(f.Title).Title.TextStyle
		title.XAlign, title.YAlign = draw.XCenter, draw.YTop
		dc.FillText(title, vg.Point{X: (dc.Min.X + dc.Max.X) / 2, Y: dc.Max.Y}, f.Title)
		tiles := draw.Tiles{Rows: len(f.grid), Cols: len(f.grid[0]), PadTop: 0.35 * vg.Inch, PadX: 0.3 * vg.Inch, PadY: 0.25 * vg.Inch}
		cs := plot.Align(f.grid, tiles, dc)
		for i, row := range f.grid {
			for j, p := range row {
				if p != nil {
					p.Draw(cs[i][j])
				}
			}
		}
	}
	var buf bytes.Buffer
	if _, err := c.WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("analytics: figure %s: %w", f.Name, err)
	}
	return buf.Bytes(), nil
}

// palette holds ten distinct colours (Tableau 10), for arms in order.
var palette = []color.RGBA{
	{0x4e, 0x79, 0xa7, 0xff}, {0xf2, 0x8e, 0x2b, 0xff}, {0xe1, 0x57, 0x59, 0xff}, {0x76, 0xb7, 0xb2, 0xff},
	{0x59, 0xa1, 0x4f, 0xff}, {0xed, 0xc9, 0x48, 0xff}, {0xb0, 0x7a, 0xa1, 0xff}, {0xff, 0x9d, 0xa7, 0xff},
	{0x9c, 0x75, 0x5f, 0xff}, {0xba, 0xb0, 0xac, 0xff},
}

// armColor returns the colour of the i-th arm; arms beyond the palette
// reuse it (with dashes, see armDashes).
func armColor(i int) color.RGBA { return palette[i%len(palette)] }

func armDashes(i int) []vg.Length { return plotutil.Dashes(i / len(palette)) }

// WritePlots draws the figures of a study's summary into dir/plots as PNG
// and SVG, each file atomically. Drawing is most of the cost of
// summarising a small study (PNG encoding above all), which is why it is a
// step of its own.
func WritePlots(dir string, s *Summary) error {
	figs, err := figures(s)
	if err != nil {
		return err
	}
	dir = filepath.Join(dir, PlotsDir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("analytics: %w", err)
	}
	for i := range figs {
		for _, format := range []string{"png", "svg"} {
			data, err := figs[i].render(format)
			if err != nil {
				return err
			}
			if err := writeFileAtomic(filepath.Join(dir, figs[i].Name+"."+format), data); err != nil {
				return err
			}
		}
	}
	return nil
}

// figures returns the figures of a summary, in the order a report shows
// them: for a batch, the distribution of each key metric per variant, the
// difference of each variant from the base with its 95% interval (a forest
// plot), the mean harm and top rung over the days with 95% bands, and the
// convergence of the intervals; for a sweep, each key metric's response to
// each swept parameter.
func figures(s *Summary) ([]figure, error) {
	var figs []figure
	add := func(f figure, err error) error {
		if err != nil {
			return err
		}
		if f.plot != nil || f.grid != nil {
			figs = append(figs, f)
		}
		return nil
	}
	keys := keyMetrics(s)
	if s.Kind == Sweep {
		for _, m := range keys {
			for j := range s.Params {
				if err := add(responseFigure(s, m, j)); err != nil {
					return nil, err
				}
			}
		}
		return figs, nil
	}
	for _, m := range keys {
		if err := add(distributionFigure(s, m)); err != nil {
			return nil, err
		}
	}
	for _, m := range keys {
		if err := add(differenceFigure(s, m)); err != nil {
			return nil, err
		}
	}
	if len(s.Daily) > 0 {
		if err := add(dailyFigure(s, "harm")); err != nil {
			return nil, err
		}
		if err := add(dailyFigure(s, "top_rung")); err != nil {
			return nil, err
		}
	}
	for _, m := range keys {
		if err := add(convergenceFigure(s, m)); err != nil {
			return nil, err
		}
	}
	return figs, nil
}

// keyMetrics returns the key metrics the summary has.
func keyMetrics(s *Summary) []string {
	var out []string
	for _, k := range KeyMetrics {
		if slices.ContainsFunc(s.Metrics, func(m MetricInfo) bool { return m.Name == k }) {
			out = append(out, k)
		}
	}
	return out
}

func (s *Summary) binary(metric string) bool {
	for _, m := range s.Metrics {
		if m.Name == metric {
			return m.Binary
		}
	}
	return false
}

// newPlot returns a plot with the house style.
func newPlot(title string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.Title.TextStyle.Font.Size = vg.Points(11)
	p.X.Label.TextStyle.Font.Size = vg.Points(9)
	p.Y.Label.TextStyle.Font.Size = vg.Points(9)
	p.X.Tick.Label.Font.Size = vg.Points(8)
	p.Y.Tick.Label.Font.Size = vg.Points(8)
	p.Legend.TextStyle.Font.Size = vg.Points(8)
	return p
}

const figWidth = 7 * vg.Inch

// rowsHeight returns the height of a figure with one row per arm.
func rowsHeight(rows int) vg.Length {
	return vg.Length(math.Max(2.4, 1.3+0.32*float64(rows))) * vg.Inch
}

// distributionFigure draws one metric across the arms: for a continuous
// metric a box from the 25% to the 75% quantile with the median, whiskers
// to the 5% and 95% quantiles and a dot at the mean; for a binary metric
// the proportion with its Wilson interval.
func distributionFigure(s *Summary, metric string) (figure, error) {
	var rows []rowMark
	for _, st := range s.Stats {
		if st.Metric != metric {
			continue
		}
		r := rowMark{label: st.Arm, mid: float64(st.Mean), low: float64(st.Low), high: float64(st.High)}
		if !s.binary(metric) {
			r.box = [5]float64{float64(st.Q05), float64(st.Q25), float64(st.Q50), float64(st.Q75), float64(st.Q95)}
			r.hasBox = true
		}
		rows = append(rows, r)
	}
	if len(rows) == 0 {
		return figure{}, nil
	}
	title := metricLabel(metric)
	caption := "Box: 25% to 75% of runs, line at the median; whiskers: 5% to 95% of runs; dot: the mean."
	xlabel := metric
	if s.binary(metric) {
		title = "Share of " + title
		caption = "Dot: the share of runs; bar: its 95% Wilson interval."
		xlabel = metric + " (share of runs)"
	}
	p := newPlot(title)
	p.X.Label.Text = xlabel
	p.X.Tick.Marker = humanTicks{}
	if rungMetrics[metric] {
		p.X.Tick.Marker = rungTicks{}
	}
	p.Add(plotter.NewGrid())
	p.Add(&rowsPlotter{rows: rows})
	setRows(p, rows, false)
	return figure{Name: "dist-" + metric, Section: "distributions", Title: title, Caption: caption,
		plot: p, w: figWidth, h: rowsHeight(len(rows))}, nil
}

// differenceFigure is a forest plot: each variant's mean difference from
// the base on one metric with its 95% interval, and a line at zero.
func differenceFigure(s *Summary, metric string) (figure, error) {
	var rows []rowMark
	for _, c := range s.Comparisons {
		if c.Metric == metric {
			rows = append(rows, rowMark{label: c.Variant, mid: float64(c.Diff), low: float64(c.Low), high: float64(c.High), clear: c.Clear()})
		}
	}
	if len(rows) == 0 {
		return figure{}, nil
	}
	title := "Difference from base: " + metricLabel(metric)
	p := newPlot(title)
	p.X.Label.Text = metric + " (variant − base)"
	if s.binary(metric) {
		p.X.Label.Text = metric + " (difference of shares, variant − base)"
	}
	p.X.Tick.Marker = humanTicks{}
	p.Add(plotter.NewGrid())
	p.Add(&rowsPlotter{rows: rows, zero: true})
	setRows(p, rows, true)
	return figure{Name: "diff-" + metric, Section: "differences", Title: title,
		Caption: "Dot: mean difference over paired replications (same seeds); bar: its 95% interval. Dark: the interval excludes 0 (a clear difference); grey: noise.",
		plot:    p, w: figWidth, h: rowsHeight(len(rows))}, nil
}

// setRows puts the rows' labels on the Y axis, first row at the top, and
// fits the X axis to the rows (and to 0 when zero is set).
func setRows(p *plot.Plot, rows []rowMark, zero bool) {
	names := make([]string, len(rows))
	for i, r := range rows {
		names[len(rows)-1-i] = r.label
	}
	p.NominalY(names...)
	p.Y.Min, p.Y.Max = -0.6, float64(len(rows))-0.4
	lo, hi := math.Inf(1), math.Inf(-1)
	if zero {
		lo, hi = 0, 0
	}
	for _, r := range rows {
		vals := []float64{r.mid, r.low, r.high}
		if r.hasBox {
			vals = append(vals, r.box[:]...)
		}
		for _, v := range vals {
			if !math.IsNaN(v) && !math.IsInf(v, 0) {
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
		}
	}
	if math.IsInf(lo, 0) {
		lo, hi = 0, 1
	}
	pad := (hi - lo) * 0.05
	if pad == 0 {
		pad = math.Max(math.Abs(hi)*0.05, 0.5)
	}
	p.X.Min, p.X.Max = lo-pad, hi+pad
}

// rowMark is one row of a horizontal figure.
type rowMark struct {
	label          string
	mid, low, high float64
	box            [5]float64
	hasBox         bool
	clear          bool
}

// rowsPlotter draws rows of boxes or intervals, the first at the top.
type rowsPlotter struct {
	rows []rowMark
	zero bool
}

var (
	inkColor  = color.RGBA{R: 0x1f, G: 0x3b, B: 0x73, A: 0xff}
	boxColor  = color.RGBA{R: 0xc6, G: 0xd4, B: 0xea, A: 0xff}
	greyColor = color.RGBA{R: 0x99, G: 0x99, B: 0x99, A: 0xff}
	zeroColor = color.RGBA{R: 0xb0, G: 0x30, B: 0x30, A: 0xff}
)

func (rp *rowsPlotter) Plot(c draw.Canvas, p *plot.Plot) {
	tx, ty := p.Transforms(&c)
	line := draw.LineStyle{Color: inkColor, Width: vg.Points(1)}
	n := len(rp.rows)
	if rp.zero {
		zl := draw.LineStyle{Color: zeroColor, Width: vg.Points(1), Dashes: []vg.Length{vg.Points(3), vg.Points(2)}}
		c.StrokeLine2(zl, tx(0), c.Min.Y, tx(0), c.Max.Y)
	}
	for i, r := range rp.rows {
		y := ty(float64(n - 1 - i))
		half := vg.Points(7)
		ok := func(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
		if r.hasBox {
			q := r.box
			c.StrokeLine2(line, tx(q[0]), y, tx(q[1]), y)
			c.StrokeLine2(line, tx(q[3]), y, tx(q[4]), y)
			c.StrokeLine2(line, tx(q[0]), y-half/2, tx(q[0]), y+half/2)
			c.StrokeLine2(line, tx(q[4]), y-half/2, tx(q[4]), y+half/2)
			box := []vg.Point{{X: tx(q[1]), Y: y - half}, {X: tx(q[3]), Y: y - half}, {X: tx(q[3]), Y: y + half}, {X: tx(q[1]), Y: y + half}}
			c.FillPolygon(boxColor, box)
			c.StrokeLines(line, append(box, box[0]))
			med := draw.LineStyle{Color: inkColor, Width: vg.Points(2)}
			c.StrokeLine2(med, tx(q[2]), y-half, tx(q[2]), y+half)
			if ok(r.mid) {
				c.DrawGlyph(draw.GlyphStyle{Color: zeroColor, Radius: vg.Points(2.5), Shape: draw.CircleGlyph{}}, vg.Point{X: tx(r.mid), Y: y})
			}
			continue
		}
		col := inkColor
		if rp.zero && !r.clear {
			col = greyColor
		}
		st := draw.LineStyle{Color: col, Width: vg.Points(1.5)}
		if ok(r.low) && ok(r.high) {
			c.StrokeLine2(st, tx(r.low), y, tx(r.high), y)
			c.StrokeLine2(st, tx(r.low), y-half/2, tx(r.low), y+half/2)
			c.StrokeLine2(st, tx(r.high), y-half/2, tx(r.high), y+half/2)
		}
		if ok(r.mid) {
			c.DrawGlyph(draw.GlyphStyle{Color: col, Radius: vg.Points(3), Shape: draw.CircleGlyph{}}, vg.Point{X: tx(r.mid), Y: y})
		}
	}
}

// dailyFigure draws each arm's mean of a daily series with its 95% band:
// one panel per arm, two columns, on a common scale, with the base's mean
// as a grey reference line in every other panel.
func dailyFigure(s *Summary, what string) (figure, error) {
	title, ylabel := "Civilian harm so far, mean over runs", "people-hours without essential services"
	if what == "top_rung" {
		title, ylabel = "Top escalation rung, mean over runs", "escalation rung"
	}
	series := func(arm string) (mid, lo, hi plotter.XYs) {
		for _, d := range s.Daily {
			if d.Arm != arm {
				continue
			}
			v, l, h := d.Harm, d.HarmLow, d.HarmHigh
			if what == "top_rung" {
				v, l, h = d.Rung, d.RungLow, d.RungHigh
			}
			x := float64(d.Day)
			mid = append(mid, plotter.XY{X: x, Y: float64(v)})
			if !math.IsNaN(float64(l)) {
				lo = append(lo, plotter.XY{X: x, Y: float64(l)})
				hi = append(hi, plotter.XY{X: x, Y: float64(h)})
			}
		}
		return mid, lo, hi
	}
	baseMid, _, _ := series(Base)
	if !slices.Contains(s.Arms, Base) {
		baseMid = nil
	}
	ymin, ymax := math.Inf(1), math.Inf(-1)
	for _, d := range s.Daily {
		vals := []Float{d.Harm, d.HarmLow, d.HarmHigh}
		if what == "top_rung" {
			vals = []Float{d.Rung, d.RungLow, d.RungHigh}
		}
		for _, v := range vals {
			if !math.IsNaN(float64(v)) {
				ymin, ymax = math.Min(ymin, float64(v)), math.Max(ymax, float64(v))
			}
		}
	}
	if math.IsInf(ymin, 0) {
		return figure{}, nil
	}
	if what == "top_rung" {
		ymin, ymax = 0, math.Max(ymax, 1)
	}
	cols := 1
	if len(s.Arms) > 1 {
		cols = 2
	}
	rows := (len(s.Arms) + cols - 1) / cols
	grid := make([][]*plot.Plot, rows)
	for r := range grid {
		grid[r] = make([]*plot.Plot, cols)
	}
	for i, a := range s.Arms {
		mid, lo, hi := series(a)
		if len(mid) == 0 {
			continue
		}
		p := newPlot(a)
		p.Title.TextStyle.Font.Size = vg.Points(9)
		p.X.Label.Text = "day"
		p.Y.Label.Text = ylabel
		p.Y.Tick.Marker = humanTicks{}
		if what == "top_rung" {
			p.Y.Tick.Marker = rungTicks{}
		}
		p.Y.Min, p.Y.Max = ymin, ymax
		p.Add(plotter.NewGrid())
		col := armColor(i)
		if len(lo) > 1 {
			band := slices.Clone(lo)
			for k := len(hi) - 1; k >= 0; k-- {
				band = append(band, hi[k])
			}
			poly, err := plotter.NewPolygon(band)
			if err != nil {
				return figure{}, fmt.Errorf("analytics: %w", err)
			}
			poly.Color = color.NRGBA{R: col.R, G: col.G, B: col.B, A: 0x55}
			poly.LineStyle.Width = 0
			p.Add(poly)
		}
		if a != Base && len(baseMid) > 0 {
			ref, err := plotter.NewLine(baseMid)
			if err != nil {
				return figure{}, fmt.Errorf("analytics: %w", err)
			}
			ref.Color = greyColor
			ref.Dashes = []vg.Length{vg.Points(3), vg.Points(2)}
			p.Add(ref)
		}
		l, err := plotter.NewLine(mid)
		if err != nil {
			return figure{}, fmt.Errorf("analytics: %w", err)
		}
		l.Color = col
		l.Width = vg.Points(1.5)
		p.Add(l)
		grid[i/cols][i%cols] = p
	}
	caption := "Line: the mean over replications at the end of each day; band: its 95% interval."
	if len(baseMid) > 0 && len(s.Arms) > 1 {
		caption += " Grey dashes: the base's mean, for reference."
	}
	return figure{Name: "daily-" + strings.ReplaceAll(what, "_", "-"), Section: "daily", Title: title,
		Caption: caption, grid: grid, w: figWidth, h: vg.Length(0.5+2.1*float64(rows)) * vg.Inch}, nil
}

// convergenceFigure draws the half-width of each arm's 95% interval of a
// metric's mean against the number of replications, on log scales, with a
// dashed 1/√N line through the first arm's last point: where the runs
// would take the half-width if they went on.
func convergenceFigure(s *Summary, metric string) (figure, error) {
	title := "Convergence: " + metricLabel(metric)
	p := newPlot(title)
	p.X.Label.Text = "replications"
	p.Y.Label.Text = "± half-width of the 95% interval of the mean"
	p.X.Scale, p.Y.Scale = plot.LogScale{}, plot.LogScale{}
	p.X.Tick.Marker = humanTicks{log: true}
	p.Y.Tick.Marker = humanTicks{log: true}
	p.Add(plotter.NewGrid())
	p.Legend.Left = true // the lines fall to the right: the bottom left is free
	lines := 0
	var ref plotter.XYs
	for i, a := range s.Arms {
		var xy plotter.XYs
		for _, c := range s.Convergence {
			if c.Arm == a && c.Metric == metric && c.N > 0 && float64(c.HalfWidth) > 0 && !math.IsInf(float64(c.HalfWidth), 0) {
				xy = append(xy, plotter.XY{X: float64(c.N), Y: float64(c.HalfWidth)})
			}
		}
		if len(xy) < 2 {
			continue
		}
		if ref == nil {
			last := xy[len(xy)-1]
			ref = plotter.XYs{{X: xy[0].X, Y: last.Y * math.Sqrt(last.X/xy[0].X)}, {X: 4 * last.X, Y: last.Y / 2}}
		}
		l, sc, err := plotter.NewLinePoints(xy)
		if err != nil {
			return figure{}, fmt.Errorf("analytics: %w", err)
		}
		l.Color, sc.Color = armColor(i), armColor(i)
		l.Dashes = armDashes(i)
		sc.Shape = plotutil.Shape(i)
		p.Add(l, sc)
		p.Legend.Add(a, l, sc)
		lines++
	}
	if lines == 0 {
		return figure{}, nil
	}
	rl, err := plotter.NewLine(ref)
	if err != nil {
		return figure{}, fmt.Errorf("analytics: %w", err)
	}
	rl.Color = greyColor
	rl.Dashes = []vg.Length{vg.Points(4), vg.Points(3)}
	p.Add(rl)
	p.Legend.Add("1/√N", rl)
	return figure{Name: "convergence-" + metric, Section: "convergence", Title: title,
		Caption: "How precise the mean is after the first N replications. It shrinks as 1/√N (grey dashes, continued to four times the runs): four times the runs halve it.",
		plot:    p, w: figWidth, h: 3.6 * vg.Inch}, nil
}

// responseFigure draws, for a sweep, each point's mean of a metric (with
// its 95% interval) against one parameter, and the mean over the points
// that share each value of it.
func responseFigure(s *Summary, metric string, param int) (figure, error) {
	var pts plotter.XYs
	var errs plotter.YErrors
	byValue := map[float64][]float64{}
	for _, st := range s.Stats {
		if st.Metric != metric {
			continue
		}
		a := slices.Index(s.Arms, st.Arm)
		if a < 0 || math.IsNaN(float64(st.Mean)) {
			continue
		}
		x := s.Points[a][param]
		pts = append(pts, plotter.XY{X: x, Y: float64(st.Mean)})
		lo, hi := float64(st.Mean-st.Low), float64(st.High-st.Mean)
		if math.IsNaN(lo) || math.IsNaN(hi) {
			lo, hi = 0, 0
		}
		errs = append(errs, struct{ Low, High float64 }{lo, hi})
		byValue[x] = append(byValue[x], float64(st.Mean))
	}
	if len(pts) == 0 {
		return figure{}, nil
	}
	key := s.Params[param]
	title := metricLabel(metric) + " by " + key
	p := newPlot(title)
	p.X.Label.Text = key
	p.Y.Label.Text = metric
	if s.binary(metric) {
		p.Y.Label.Text = metric + " (share of runs)"
	}
	p.Y.Tick.Marker = humanTicks{}
	p.Add(plotter.NewGrid())
	sc, err := plotter.NewScatter(pts)
	if err != nil {
		return figure{}, fmt.Errorf("analytics: %w", err)
	}
	sc.Color = inkColor
	sc.Radius = vg.Points(2)
	eb, err := plotter.NewYErrorBars(errorXYs{pts, errs})
	if err != nil {
		return figure{}, fmt.Errorf("analytics: %w", err)
	}
	eb.Color = greyColor
	p.Add(eb, sc)
	// The marginal mean: worth drawing when values repeat (a grid).
	if len(byValue) < len(pts) {
		xs := make([]float64, 0, len(byValue))
		for x := range byValue {
			xs = append(xs, x)
		}
		slices.Sort(xs)
		var line plotter.XYs
		for _, x := range xs {
			var sum float64
			for _, v := range byValue[x] {
				sum += v
			}
			line = append(line, plotter.XY{X: x, Y: sum / float64(len(byValue[x]))})
		}
		l, err := plotter.NewLine(line)
		if err != nil {
			return figure{}, fmt.Errorf("analytics: %w", err)
		}
		l.Color = zeroColor
		l.Width = vg.Points(1.5)
		p.Add(l)
	}
	return figure{Name: "response-" + metric + "-" + fileSafe(key), Section: "response", Title: title,
		Caption: "Dot: a sweep point's mean over its replications; bar: its 95% interval; line: the mean over the points that share the value.",
		plot:    p, w: figWidth, h: 3.8 * vg.Inch}, nil
}

type errorXYs struct {
	plotter.XYs
	plotter.YErrors
}

// fileSafe turns a key into a file name part.
func fileSafe(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.' {
			return r
		}
		return '_'
	}, s)
}

// humanTicks are gonum's default (or log) ticks labelled for people: 36M,
// 25k.
type humanTicks struct{ log bool }

func (h humanTicks) Ticks(lo, hi float64) []plot.Tick {
	var ticks []plot.Tick
	if h.log {
		ticks = plot.LogTicks{Prec: -1}.Ticks(lo, hi)
		// Across less than two decades there are at most two powers of ten
		// to label: label the 2s and 5s too.
		if hi < 100*lo {
			for i, t := range ticks {
				m := t.Value / math.Pow(10, math.Floor(math.Log10(t.Value)+1e-9))
				if math.Abs(m-2) < 1e-6 || math.Abs(m-5) < 1e-6 || math.Abs(m-1) < 1e-6 {
					ticks[i].Label = "x"
				}
			}
		}
	} else {
		ticks = plot.DefaultTicks{}.Ticks(lo, hi)
	}
	for i := range ticks {
		if ticks[i].Label != "" {
			ticks[i].Label = humanNumber(ticks[i].Value)
		}
	}
	// gonum's log ticks hold each power of ten twice (major and minor):
	// keep one, or its label is drawn twice.
	ticks = slices.CompactFunc(ticks, func(a, b plot.Tick) bool { return a.Value == b.Value })
	return ticks
}

// rungMetrics are the metrics whose values are rungs of the escalation
// ladder, whose axes rungTicks label.
var rungMetrics = map[string]bool{"peak_rung": true, "final_rung": true}

// rungTicks label every rung of the escalation ladder within the axis, by
// number and name ("2 sanctions"); gonum's default ticks skip some of
// them and put others between rungs.
type rungTicks struct{}

func (rungTicks) Ticks(lo, hi float64) []plot.Tick {
	var ticks []plot.Tick
	for r := agents.RungNone; r <= agents.RungArmed; r++ {
		if v := float64(r); v >= lo-1e-9 && v <= hi+1e-9 {
			ticks = append(ticks, plot.Tick{Value: v, Label: strconv.Itoa(int(r)) + " " + r.String()})
		}
	}
	return ticks
}

// humanNumber formats x briefly: 36M, 2.5k, 0.35.
func humanNumber(x float64) string {
	a := math.Abs(x)
	switch {
	case math.IsNaN(x) || math.IsInf(x, 0):
		return "–"
	case a >= 1e9:
		return strconv.FormatFloat(x/1e9, 'g', 4, 64) + "G"
	case a >= 1e6:
		return strconv.FormatFloat(x/1e6, 'g', 4, 64) + "M"
	case a >= 1e4:
		return strconv.FormatFloat(x/1e3, 'g', 4, 64) + "k"
	case a == 0:
		return "0"
	}
	return strconv.FormatFloat(x, 'g', 4, 64)
}
