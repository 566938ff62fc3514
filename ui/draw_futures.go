package ui

import (
	"fmt"
	"math"
	"strconv"

	"cpkrange/agents"
	"cpkrange/analytics"
	"cpkrange/ui/internal/view"
)

// futures draws the futures overlay over the screen (when open), or the
// notice that futures open at a decision.
func (p *painter) futures(fv *futuresView) {
	L, P := p.L, p.P
	if !fv.open {
		if fv.notice > 0 {
			msg := "The futures open at a decision: press W when one is on screen"
			w := p.width(msg, L.Font.Body, bold) + 4*L.Pad
			r := view.Rect{X: (L.W - w) / 2, Y: L.Map.Y + 2*L.Pad, W: w, H: view.LineHeight(L.Font.Body) + 2*L.Pad}
			p.roundRect(r, 8*L.Scale, P.Panel)
			p.frame(r, math.Max(1.5, 2*L.Scale), P.Decision.Color)
			p.text(msg, L.W/2, r.Y+r.H/2, L.Font.Body, bold, P.Text, center, center)
			p.flush()
		}
		return
	}
	s := fv.snapshot()
	p.veil()
	top := L.Timeline.Bottom() + 2*L.Pad
	b := view.Rect{X: 3 * L.Pad, Y: top, W: L.W - 6*L.Pad, H: L.H - top - 3*L.Pad}
	p.roundRect(b, 10*L.Scale, P.Panel)
	p.frame(b, math.Max(2, 4*L.Scale), P.Decision.Color)
	in := b.Inset(2 * L.Pad)

	// The title: what is being explored, and how far the futures have come.
	y := in.Y + view.LineHeight(L.Font.Heading)/2
	cw := p.chip(P.Decision, "FUTURES", in.X, y, L.Font.Heading, bold, true)
	p.text("W or Esc closes", in.Right(), y, L.Font.Small, regular, P.TextDim, end, center)
	p.text(p.fit(s.prompt.Decider+" decides: "+s.prompt.Text, in.W-cw-L.Pad-p.width("W or Esc closes", L.Font.Small, regular)-2*L.Pad, L.Font.Body, regular),
		in.X+cw+L.Pad, y, L.Font.Body, regular, P.TextDim, start, center)
	y = in.Y + view.LineHeight(L.Font.Heading) + L.Pad
	p.text(p.fit(futuresProgress(s), in.W, L.Font.Title, bold), in.X, y, L.Font.Title, bold, P.Text, start, start)
	y += view.LineHeight(L.Font.Title) + L.Pad

	// The table: a row per option, the key outcomes as columns.
	foot := view.LineHeight(L.Font.Small) + L.Pad
	clearH := view.LineHeight(L.Font.CardTitle) + L.Pad
	labelW := in.W * 0.36
	colW := (in.W - labelW) / float64(len(futuresKeyMetrics))
	for j, name := range futuresKeyMetrics {
		m, _ := agents.MetricByName(name)
		p.text(p.fit(m.Label, colW-L.Pad, L.Font.Body, bold), in.X+labelW+float64(j)*colW+colW/2, y, L.Font.Body, bold, P.TextDim, center, start)
	}
	p.text("option", in.X, y, L.Font.Body, bold, P.TextDim, start, start)
	y += view.LineHeight(L.Font.Body) + L.Pad*0.5
	n := len(s.prompt.Options)
	rowH := math.Min((in.Bottom()-foot-clearH-y)/float64(max(1, n)), 260*L.Scale)
	for k, label := range s.prompt.Options {
		r := view.Rect{X: in.X, Y: y + float64(k)*rowH, W: in.W, H: rowH - L.Pad*0.6}
		p.futuresRow(r, labelW, colW, k, label, s)
	}

	// The clearest difference, in words, as big as the numbers.
	cy := in.Bottom() - foot - clearH + L.Pad*0.5
	clear := "No clear difference yet"
	if s.summary != nil {
		if c, k, ok := s.summary.Clearest(); ok {
			clear = fmt.Sprintf("Option %d: %s", k+1, analytics.Difference(c))
		} else if !s.running {
			clear = "No clear difference between the options"
		}
	}
	p.text(p.fit(clear, in.W, L.Font.CardTitle, bold), in.X, cy, L.Font.CardTitle, bold, P.Decision.Text, start, start)
	ref := 1
	if s.summary != nil {
		ref = s.summary.Reference + 1
	}
	note := fmt.Sprintf("Each option against option %d (the default), future by future: future i of every option meets the same chances · "+
		"answer with 1–%d as before · what the model says, not a prediction", ref, n)
	if s.err != nil {
		note = "The futures stopped: " + s.err.Error()
	}
	p.text(p.fit(note, in.W, L.Font.Small, regular), in.X, in.Bottom(), L.Font.Small, regular, P.TextDim, start, end)
	p.flush()
}

// futuresProgress is the overlay's progress line.
func futuresProgress(s futuresSnapshot) string {
	done := 0
	if s.summary != nil {
		done = s.summary.N
	}
	switch {
	case s.err != nil:
		return fmt.Sprintf("%d of %d futures per option, then an error", done, s.planned)
	case s.running:
		return fmt.Sprintf("Running the futures: %d of %d per option… (%.1f s)", done, s.planned, s.elapsed.Seconds())
	case done < s.planned:
		return fmt.Sprintf("%d of %d futures per option (stopped)", done, s.planned)
	}
	to := "to the end of the run"
	if s.summary != nil && s.summary.Until < s.summary.Horizon {
		to = "to " + agents.Clock(s.summary.Until)
	}
	return fmt.Sprintf("%d futures of each option, %s", done, to)
}

// futuresRow draws option k: its number and label, its difference from
// the reference in words, and its outcomes.
func (p *painter) futuresRow(r view.Rect, labelW, colW float64, k int, label string, s futuresSnapshot) {
	L, P := p.L, p.P
	p.roundRect(r, 6*L.Scale, P.MapGrid)
	px := L.Font.Card
	numW := p.width("9", px, bold) + 2.2*L.Pad
	nb := view.Rect{X: r.X, Y: r.Y, W: numW, H: r.H}
	p.roundRect(nb, 6*L.Scale, P.Decision.Color)
	p.text(strconv.Itoa(k+1), nb.X+nb.W/2, nb.Y+nb.H/2, px, bold, P.Decision.Ink, center, center)
	tx := r.X + numW + L.Pad
	tw := labelW - numW - 2*L.Pad
	ty := r.Y + L.Pad/2
	lh := view.LineHeight(L.Font.Body)
	lines := view.Wrap(label, tw, L.Font.Body, p.f.measure(regular), max(1, int((r.H-lh-L.Pad)/lh)))
	for _, l := range lines {
		p.text(l, tx, ty, L.Font.Body, regular, P.Text, start, start)
		ty += lh
	}
	sum := s.summary
	if sum == nil || sum.N == 0 {
		p.text("…", r.X+labelW+colW/2, r.Y+r.H/2, L.Font.CardTitle, bold, P.TextDim, center, center)
		return
	}
	vs, col := "the reference: the others are compared with it", P.TextDim
	if k != sum.Reference {
		if c, ok := optionDifference(sum, k); ok {
			vs = analytics.Difference(c)
			if c.Clear() {
				col = P.Decision.Text
			}
		}
	}
	p.text(p.fit(vs, tw, L.Font.Body, bold), tx, r.Bottom()-L.Pad/2, L.Font.Body, bold, col, start, end)
	for j, name := range futuresKeyMetrics {
		st, _ := sum.Stat(k, name)
		cell := view.Rect{X: r.X + labelW + float64(j)*colW, Y: r.Y, W: colW, H: r.H}
		p.futuresCell(cell, name, st)
	}
}

// futuresCell draws one outcome of one option: the mean in big figures,
// and under it the 95% interval as a bar (shares, on 0–100%) or in words.
func (p *painter) futuresCell(c view.Rect, name string, st analytics.Stat) {
	L, P := p.L, p.P
	mid := c.X + c.W/2
	big := L.Font.CardTitle
	y := c.Y + c.H*0.42
	mean, low, high := float64(st.Mean), float64(st.Low), float64(st.High)
	switch name {
	case "reached_conflict", "armed":
		p.text(fmt.Sprintf("%.0f%%", 100*mean), mid, y, big, bold, P.Text, center, center)
		track := view.Rect{X: c.X + c.W*0.12, Y: y + big*0.75, W: c.W * 0.76, H: math.Max(4, 8*L.Scale)}
		p.rect(track, P.Panel)
		iv := track
		iv.X, iv.W = track.X+track.W*low, math.Max(2*L.Scale, track.W*(high-low))
		p.rect(iv, P.Decision.Color)
		p.disc(track.X+track.W*mean, track.Y+track.H/2, track.H*1.1, P.Text)
		p.text(fmt.Sprintf("%.0f–%.0f%%", 100*low, 100*high), mid, track.Bottom()+L.Pad*0.4, L.Font.Small, regular, P.TextDim, center, start)
	case "harm":
		p.text(compact(mean), mid, y, big, bold, P.Text, center, center)
		p.text(fmt.Sprintf("%s–%s people-hours", compact(low), compact(high)), mid, y+big*0.75, L.Font.Small, regular, P.TextDim, center, start)
	default:
		p.text(fmt.Sprintf("%.3f", mean), mid, y, big, bold, P.Text, center, center)
		p.text(fmt.Sprintf("%.3f–%.3f", low, high), mid, y+big*0.75, L.Font.Small, regular, P.TextDim, center, start)
	}
}

// compact writes a large number short enough for a big figure: "3.04 M".
func compact(x float64) string {
	switch a := math.Abs(x); {
	case a >= 1e9:
		return strconv.FormatFloat(x/1e9, 'f', 2, 64) + " bn"
	case a >= 1e6:
		return strconv.FormatFloat(x/1e6, 'f', 2, 64) + " M"
	case a >= 1e4:
		return strconv.FormatFloat(x/1e3, 'f', 0, 64) + " k"
	}
	return strconv.FormatFloat(x, 'f', 0, 64)
}
