package ui

import (
	"fmt"
	"image/color"
	"math"
	"strings"
	"time"

	"cpkrange/agents"
	"cpkrange/ui/internal/view"
)

// drawScreen draws a whole frame: header, timeline, map, legend, panels,
// feed, then the overlays on top.
func (p *painter) drawScreen(f *view.Frame, g *view.MapGeom) {
	p.dst.Fill(p.P.Background)
	p.taken = p.taken[:0]
	p.header(f)
	p.timeline(f)
	p.mapView(f, g)
	p.legend()
	p.sidePanels(f.Model)
	p.feed(f)
	p.flush()
	p.overlays(f)
	p.flush()
}

// calendar writes the simulated date when the scenario names its start:
// "Mon 12 Apr 2027". The date comes from the scenario, not the wall clock.
func calendar(start string, hours float64) string {
	d, err := time.Parse("2006-01-02", start)
	if err != nil || start == "" {
		return ""
	}
	return d.Add(time.Duration(math.Floor(hours/24)) * 24 * time.Hour).Format("Mon 2 Jan 2006")
}

// headerBoxes are where the header's parts go, right to left: the run's
// state chip (speed or PAUSED), the clock, the stage chip, the name.
type headerBoxes struct {
	state, clock, stage, name view.Rect
	chipPx                    float64
}

// headerGeom lays the header out for the widest labels it will show:
// width measures bold text. horizonDays sizes the clock ("d365 23:59").
func headerGeom(L view.Layout, width func(string, float64) float64, stateLabel, stageLabel string, horizonDays int) headerBoxes {
	r := L.Header
	pad := 2 * L.Pad
	var h headerBoxes
	h.chipPx = L.Font.Stage * 0.8
	chip := func(label string, px float64) float64 { return px*0.9 + px*0.95 + width(label, px) }
	cw := chip(stateLabel, h.chipPx)
	h.state = view.Rect{X: r.Right() - pad - cw, Y: r.Y, W: cw, H: r.H}
	clockW := width(fmt.Sprintf("d%d 00:00", max(10, horizonDays)), L.Font.Clock)
	h.clock = view.Rect{X: h.state.X - pad - clockW, Y: r.Y, W: clockW, H: r.H}
	sw := chip(stageLabel, L.Font.Stage)
	sx := math.Min(r.W*0.40, h.clock.X-1.5*pad-sw)
	h.stage = view.Rect{X: sx, Y: r.Y, W: sw, H: r.H}
	h.name = view.Rect{X: pad, Y: r.Y, W: math.Max(0, sx-2*pad), H: r.H}
	return h
}

func (p *painter) header(f *view.Frame) {
	L, P, m := p.L, p.P, f.Model
	r := L.Header
	p.rect(r, P.Panel)
	p.rect(view.Rect{X: 0, Y: r.Bottom() - math.Max(2, 3*L.Scale), W: r.W, H: math.Max(2, 3*L.Scale)}, P.Stage[m.Stage].Color)
	mid := r.Y + r.H/2

	// Right: the speed or PAUSED; then the clock.
	var state view.Style
	var label string
	switch {
	case f.Ended:
		state, label = view.Style{Color: P.TextDim, Ink: P.Background, Glyph: view.GlyphSquare}, "END OF RUN"
	case f.Waiting && f.Paused:
		state, label = view.Style{Color: P.Decision.Color, Ink: P.Decision.Ink, Glyph: view.GlyphPause}, "PAUSED: DECISION"
	case f.Paused:
		state, label = view.Style{Color: P.Decision.Color, Ink: P.Decision.Ink, Glyph: view.GlyphPause}, "PAUSED"
	default:
		state, label = view.Style{Color: P.Text, Ink: P.Background, Glyph: view.GlyphPlay}, f.Speed
	}
	st := P.Stage[m.Stage]
	days := int(math.Ceil(m.Horizon / 24))
	h := headerGeom(L, p.f.measure(bold), label, st.Label, days)
	p.chip(state, label, h.state.X, mid, h.chipPx, bold, true)
	p.text(agents.Clock(f.Timeline.Now), h.clock.Right(), mid-L.Font.Small*0.35, L.Font.Clock, bold, P.Text, end, center)
	date := calendar(m.Scenario.Meta.Start, f.Timeline.Now)
	// The clock stands at the horizon when a run ends: that is the last
	// day's end, not a day after it.
	day := fmt.Sprintf("day %d of %d", min(int(f.Timeline.Now/24)+1, days), days)
	if date != "" {
		day = date + " · " + day
	}
	p.text(p.fit(day, h.clock.W*1.5, L.Font.Small*0.85, regular), h.clock.Right(), r.Bottom()-L.Pad*0.4, L.Font.Small*0.85, regular, P.TextDim, end, end)

	// Middle: the stage, unmistakable.
	p.chip(st, st.Label, h.stage.X, mid, L.Font.Stage, bold, true)
	p.highestRung(m, h)

	// Left: the scenario and the run.
	p.text(p.fit(m.Scenario.Meta.Name, h.name.W, L.Font.Title, bold), h.name.X, r.Y+L.Pad*0.8, L.Font.Title, bold, P.Text, start, start)
	mode := "LIVE"
	if f.Mode == view.ModeReplay {
		mode = "REPLAY"
	}
	sub := fmt.Sprintf("%s · seed %d · %s", mode, m.Seed, f.Source)
	if f.Run > 1 {
		sub += fmt.Sprintf(" · run %d", f.Run)
	}
	p.text(p.fit(sub, h.name.W, L.Font.Small, regular), h.name.X, r.Bottom()-L.Pad*0.6, L.Font.Small, regular, P.TextDim, start, end)
}

func (p *painter) timeline(f *view.Frame) {
	L, P := p.L, p.P
	t := f.Timeline
	bar := view.TimelineBar(L)
	mid := bar.Y + bar.H/2
	p.text("d1", bar.X-L.Pad, mid, L.Font.Small, regular, P.TextDim, end, center)
	p.text(fmt.Sprintf("d%d", int(math.Ceil(t.Horizon/24))), bar.Right()+L.Pad, mid, L.Font.Small, regular, P.TextDim, start, center)
	p.rect(bar, P.MapGrid)
	// Stage segments as far as they are known.
	for i, s := range t.Stages {
		endT := t.End
		if i+1 < len(t.Stages) {
			endT = t.Stages[i+1].Time
		}
		x0, x1 := t.XAt(bar, s.Time), t.XAt(bar, endT)
		p.rect(view.Rect{X: x0, Y: bar.Y, W: x1 - x0, H: bar.H}, P.Stage[s.Stage].Color)
	}
	// Day ticks.
	days := int(t.Horizon / 24)
	step := 1
	for days/step > 60 {
		step *= 7
	}
	for d := step; d < days; d += step {
		x := t.XAt(bar, float64(d)*24)
		h := bar.H * 0.35
		if d%7 == 0 {
			h = bar.H * 0.7
		}
		p.rect(view.Rect{X: x - 0.5, Y: bar.Bottom() - h, W: math.Max(1, L.Scale), H: h}, P.Background)
	}
	r := bar.H * 0.5
	for _, h := range t.Injects {
		p.glyph(view.GlyphSquare, t.XAt(bar, h), bar.Y-r*0.6, r*0.7, P.Inject.Color, P.Inject.Ink)
	}
	for _, h := range t.Decisions {
		p.glyph(view.GlyphDiamond, t.XAt(bar, h), bar.Bottom()+r*0.6, r*0.7, P.Decision.Color, P.Decision.Ink)
	}
	x := t.XAt(bar, t.Now)
	p.rect(view.Rect{X: x - 1.5*L.Scale, Y: L.Timeline.Y, W: 3 * L.Scale, H: L.Timeline.H}, P.Text)
	p.glyph(view.GlyphDiamond, x, mid, r*1.1, P.Text, P.Background)
}

func (p *painter) legend() {
	L, P := p.L, p.P
	r := L.Legend
	px := L.Font.Small
	rowH := r.H / 2
	y := r.Y + rowH/2
	x := r.X
	gr := px * 0.38
	items := []struct {
		s     view.Style
		label string
	}{
		{P.Status[view.AssetWorking], "working"},
		{P.Status[view.AssetDegraded], "degraded"},
		{P.Status[view.AssetDown], "down"},
		{P.Status[view.AssetRestoring], "restoring"},
		{P.SafeLayer, "Safe Layer"},
		{P.Force, "peacekeeping force (CPK)"},
		{P.Attribution[view.AttrUndetected], "not detected yet"},
		{P.Attribution[view.AttrDetected], "detected"},
		{P.Attribution[view.AttrCorrect], "blamed correctly"},
		{P.Attribution[view.AttrWrong], "blamed WRONGLY"},
		{P.Attribution[view.AttrUnattributed], "culprit not found"},
		{P.Outcome[view.OutcomeBlocked], "blocked"},
	}
	p.text("map:", x, y, px, bold, P.TextDim, start, center)
	p.text("attacks:", x, y+rowH, px, bold, P.TextDim, start, center)
	x0 := x + math.Max(p.width("map:", px, bold), p.width("attacks:", px, bold)) + px*0.6
	x = x0
	for i, it := range items {
		if i == 6 { // the second row: what the victim knows of an attack
			x, y = x0, y+rowH
		}
		w := 2.8*gr + p.width(it.label, px, regular) + px*0.8
		if x+w > r.Right() {
			continue
		}
		p.glyph(it.s.Glyph, x+gr*1.2, y, gr*1.2, it.s.Color, it.s.Ink)
		p.text(it.label, x+2.8*gr, y, px, regular, P.TextDim, start, center)
		x += w
	}
}

// sidePanel is one panel of the side column: its title, a note beside
// the title where it fits, its share of the column's height, and what
// draws its inside.
type sidePanel struct {
	title, note string
	share       float64
	draw        func(p *painter, in view.Rect, m *view.Model)
}

// sidePanels are the side column's panels, top to bottom; their shares add
// up to 1 (TestSidePanels). A new panel is an entry here and its draw
// function.
var sidePanels = []sidePanel{
	{title: "CIVILIAN HARM", share: 0.215, draw: (*painter).harmPanel},
	{title: "ESCALATION LADDER & TRUST", note: "outline: highest so far", share: 0.355, draw: (*painter).ladderPanel},
	{title: "RUMOURS & PUBLIC PRESSURE", share: 0.20, draw: (*painter).rumourPanel},
	{title: "TOP ATTACK ORIGINS · TYPES · TARGETS", share: 0.23, draw: (*painter).topPanel},
}

func panelShares() []float64 {
	out := make([]float64, len(sidePanels))
	for i, sp := range sidePanels {
		out[i] = sp.share
	}
	return out
}

// sidePanels draws the side column: each panel's box and title, then its
// inside.
func (p *painter) sidePanels(m *view.Model) {
	L, P := p.L, p.P
	for i, r := range L.Stack(panelShares()) {
		sp := sidePanels[i]
		in := p.panel(r, sp.title)
		if sp.note != "" && p.width(sp.title, L.Font.Heading, bold)+p.width(sp.note, L.Font.Small*0.85, regular)+2*L.Pad < in.W {
			p.text(sp.note, in.Right(), r.Y+L.Pad*0.6+view.LineHeight(L.Font.Heading)/2, L.Font.Small*0.85, regular, P.TextDim, end, center)
		}
		sp.draw(p, in, m)
	}
}

func (p *painter) harmPanel(in view.Rect, m *view.Model) {
	L, P := p.L, p.P
	big := L.Font.Title * 1.1
	y := in.Y
	n := view.Compact(m.Harm())
	p.text(n, in.X, y, big, bold, P.Harm.Text, start, start)
	nw := p.width(n, big, bold)
	p.text(p.fit("people-hours without services", in.W-nw-L.Pad, L.Font.Small, regular), in.X+nw+L.Pad, y+big*0.62, L.Font.Small, regular, P.TextDim, start, center)
	y += view.LineHeight(big)
	p.text(p.fit(withoutNow(m), in.W, L.Font.Body, regular), in.X, y, L.Font.Body, regular, P.Text, start, start)
	y += view.LineHeight(L.Font.Body)
	t := m.Tally
	line := fmt.Sprintf("%d attacks: %d hit, %d blocked by CPK, %d detected, %d blamed on the wrong state · %d Safe Layer attacks", t.Attacks, t.Succeeded, t.Blocked, t.Detected, t.Wrong, t.NormViolations)
	for _, l := range view.Wrap(line, in.W, L.Font.Small, p.f.measure(regular), 2) {
		if y+view.LineHeight(L.Font.Small) > in.Bottom()+L.Pad {
			break
		}
		p.text(l, in.X, y, L.Font.Small, regular, P.TextDim, start, start)
		y += view.LineHeight(L.Font.Small)
	}
}

// nowWithout are the services whose loss the harm panel counts in people,
// the counts a room can check against the news.
var nowWithout = []agents.Sector{agents.SectorEnergy, agents.SectorWater, agents.SectorHealth, agents.SectorFinance}

// withoutNow says how many people are without each of those services now.
func withoutNow(m *view.Model) string {
	var parts []string
	for _, k := range nowWithout {
		if n := m.Without(k); n >= 0.5 {
			parts = append(parts, fmt.Sprintf("%s %s", k.Noun(), view.Compact(n)))
		}
	}
	if len(parts) == 0 {
		return "now no one is without power, water, health care or payments"
	}
	return "now without " + strings.Join(parts, " · ")
}

func (p *painter) ladderPanel(in view.Rect, m *view.Model) {
	L, P := p.L, p.P
	px := L.Font.Body
	rowH := view.LineHeight(px) + px*1.25 + L.Pad*0.8
	n := view.Rows(in, 0, rowH)
	hidden := m.DyadCount() - n
	if hidden > 0 && in.H-float64(n)*rowH < view.LineHeight(L.Font.Small) {
		n--
		hidden++
	}
	if hidden > 0 {
		top, _ := m.HighestRungBeyond(n)
		note := view.More(hidden) + " pairs of states"
		if top > agents.RungNone {
			note += ", the highest of them at " + strings.ToUpper(P.Rung[top].Label)
		}
		p.text(p.fit(note, in.W, L.Font.Small, regular), in.X, in.Bottom()+L.Pad*0.5, L.Font.Small, regular, P.TextDim, start, end)
	}
	y := in.Y
	for _, d := range m.MainDyads(n) {
		a, b := m.States[d.A].Short, m.States[d.B].Short
		rs := P.Rung[d.Rung]
		cw := p.chipWidth(strings.ToUpper(rs.Label), L.Font.Small, bold, true)
		p.text(p.fit(a+" – "+b, in.W-cw-L.Pad, px, bold), in.X, y, px, bold, P.Text, start, start)
		p.chip(rs, strings.ToUpper(rs.Label), in.Right()-cw, y+view.LineHeight(px)/2, L.Font.Small, bold, true)
		y += view.LineHeight(px)
		// The ladder: five steps rising, filled up to the current rung, the
		// peak outlined.
		stepW := px * 0.95
		stepH := px * 1.05
		for k := 0; k < 5; k++ {
			h := stepH * (0.35 + 0.65*float64(k)/4)
			sr := view.Rect{X: in.X + float64(k)*(stepW+L.Pad*0.4), Y: y + stepH - h, W: stepW, H: h}
			switch {
			case k <= int(d.Rung) && k > 0:
				p.rect(sr, P.Rung[k].Color)
			case k == 0:
				p.rect(sr, P.Rung[0].Color)
			default:
				p.rect(sr, P.MapGrid)
			}
			if k == int(d.Peak) && d.Peak > d.Rung {
				p.frame(sr, math.Max(1.5, 2*L.Scale), P.Rung[k].Color)
			}
		}
		x := in.X + 5*(stepW+L.Pad*0.4) + L.Pad
		// Trust and tension bars.
		barW := (in.Right() - stepH - x) / 2
		p.bar(x, y, barW-L.Pad, stepH, "trust", d.Trust, P.Status[view.AssetWorking].Color)
		p.bar(x+barW, y, barW-L.Pad, stepH, "tension", d.Tension, P.Rung[agents.RungSanctions].Color)
		if d.Talks >= 0 && m.Now-d.Talks <= view.ForceHold {
			p.glyph(view.GlyphShield, in.Right()-stepH*0.4, y+stepH/2, stepH*0.42, P.Force.Color, P.Force.Ink)
		}
		y += px*1.25 + L.Pad*0.8
	}
}

// bar draws a labelled 0–1 bar: "trust 0.42" above a filled track.
func (p *painter) bar(x, y, w, h float64, label string, v float64, c color.Color) {
	L, P := p.L, p.P
	px := L.Font.Small
	txt := fmt.Sprintf("%s %.2f", label, v)
	tw := p.width(txt, px, regular)
	if tw+L.Pad > w*0.75 {
		txt = fmt.Sprintf("%.2f", v)
		tw = p.width(txt, px, regular)
	}
	p.text(txt, x, y+h/2, px, regular, P.TextDim, start, center)
	tx := x + tw + L.Pad*0.6
	track := view.Rect{X: tx, Y: y + h*0.3, W: math.Max(0, x+w-tx), H: h * 0.4}
	p.rect(track, P.MapGrid)
	fill := track
	fill.W = track.W * math.Max(0, math.Min(1, v))
	p.rect(fill, c)
}

func (p *painter) rumourPanel(in view.Rect, m *view.Model) {
	L, P := p.L, p.P
	px := L.Font.Small
	rowH := view.LineHeight(px) + L.Pad*0.3
	n := view.Rows(in, 0, rowH)
	// States with a social network first, then the rest; by pressure.
	order := make([]int, 0, len(m.States))
	for i := range m.States {
		order = append(order, i)
	}
	score := func(i int) float64 {
		s := m.States[i]
		v := s.Pressure
		if s.HasNetwork {
			v += 10
		}
		if s.Rumours > 0 {
			v += 100
		}
		return v
	}
	for i := 1; i < len(order); i++ { // insertion sort: stable, a handful of states
		for j := i; j > 0 && score(order[j]) > score(order[j-1]); j-- {
			order[j], order[j-1] = order[j-1], order[j]
		}
	}
	nameW := in.W * 0.27
	y := in.Y
	hidden := 0
	if len(order) > n { // the last row says what is left out
		n = max(0, n-1)
		hidden = len(order) - n
	}
	defer func() {
		if hidden > 0 {
			p.text(p.fit(moreStates(m, order[n:]), in.W, px, regular), in.X, in.Y+float64(n)*rowH+rowH/2, px, regular, P.TextDim, start, center)
		}
	}()
	for k, i := range order {
		if k >= n {
			break
		}
		s := m.States[i]
		mid := y + rowH/2
		p.text(p.fit(s.Short, nameW-L.Pad, px, bold), in.X, mid, px, bold, P.Text, start, center)
		x := in.X + nameW
		barW := in.W * 0.33
		p.bar(x, y, barW, rowH, "pressure", s.Pressure, P.Rumour.Color)
		x += barW + L.Pad
		var status string
		switch {
		case s.Rumours > 0:
			p.glyph(view.GlyphWave, x+px*0.45, mid, px*0.5, P.Rumour.Color, P.Rumour.Ink)
			status = fmt.Sprintf("spreading (d%d)", int(s.RumourSince/24)+1)
			p.text(p.fit(status, in.Right()-x-px, px, bold), x+px*1.1, mid, px, bold, P.Rumour.Text, start, center)
		case s.RumourReach > 0:
			status = fmt.Sprintf("last reached %.0f%%", 100*s.RumourReach)
			p.text(p.fit(status, in.Right()-x, px, regular), x+px*1.1, mid, px, regular, P.TextDim, start, center)
		case !s.HasNetwork:
			p.text(p.fit("no network modelled", in.Right()-x, px, regular), x+px*1.1, mid, px, regular, P.TextDim, start, center)
		default:
			p.text(p.fit("calm", in.Right()-x, px, regular), x+px*1.1, mid, px, regular, P.TextDim, start, center)
		}
		y += rowH
	}
}

func (p *painter) topPanel(in view.Rect, m *view.Model) {
	L, P := p.L, p.P
	px := L.Font.Small
	colW := in.W / 3
	rowH := view.LineHeight(px)
	n := view.Rows(in, rowH, rowH)
	for c, col := range []struct {
		title string
		cnt   view.Counter
	}{{"origin", m.Origins}, {"type", m.Types}, {"target", m.Targets}} {
		x := in.X + float64(c)*colW
		p.text(col.title, x, in.Y, px, bold, P.TextDim, start, start)
		top := col.cnt.Top(n)
		maxN := 1
		if len(top) > 0 {
			maxN = top[0].N
		}
		for k, e := range top {
			y := in.Y + rowH*float64(k+1)
			num := fmt.Sprint(e.N)
			nw := p.width("000", px, bold)
			// A bar behind the name shows the share of the leader.
			bw := (colW - L.Pad) * float64(e.N) / float64(maxN)
			p.rect(view.Rect{X: x, Y: y + rowH*0.1, W: bw, H: rowH * 0.8}, P.MapGrid)
			p.text(p.fit(e.Name, colW-nw-L.Pad*1.5, px, regular), x+L.Pad*0.3, y+rowH/2, px, regular, P.Text, start, center)
			p.text(num, x+colW-L.Pad, y+rowH/2, px, bold, P.Text, end, center)
		}
		if len(top) == 0 {
			p.text("none yet", x, in.Y+rowH*1.5, px, regular, P.TextDim, start, center)
		}
	}
}

// feedColumns are the feed's columns and their shares of its width.
var feedColumns = []struct {
	title string
	share float64
}{{"TIME", 0.105}, {"ACTOR", 0.185}, {"ORIGIN", 0.09}, {"TARGET", 0.19}, {"TYPE", 0.12}, {"OUTCOME", 0.31}}

func (p *painter) feed(f *view.Frame) {
	L, P, m := p.L, p.P, f.Model
	r := L.Feed
	p.rect(r, P.Panel)
	p.frame(r, math.Max(1, 1.5*L.Scale), P.Edge)
	in := r.Inset(L.Pad)
	px := L.Font.Feed
	rowH := math.Round(px * 1.35)
	x := in.X
	xs := make([]float64, len(feedColumns))
	ws := make([]float64, len(feedColumns))
	for i, c := range feedColumns {
		xs[i], ws[i] = x, in.W*c.share-L.Pad
		p.text(c.title, x, in.Y+rowH/2, L.Font.Small, bold, P.TextDim, start, center)
		x += in.W * c.share
	}
	p.text("LIVE FEED · newest first", in.Right(), in.Y+rowH/2, L.Font.Small, regular, P.TextDim, end, center)
	n := int((in.H - rowH) / rowH)
	for k, l := range m.FeedLines(n) {
		y := in.Y + rowH*float64(k+1)
		mid := y + rowH/2
		if m.Now-l.Time <= 1 {
			p.rect(view.Rect{X: r.X + 2, Y: y, W: r.W - 4, H: rowH}, P.MapGrid)
		}
		tone := p.tone(l.Tone, l.Stage)
		cells := []string{agents.Clock(l.Time), l.Actor, l.Origin, l.Object}
		for i, c := range cells {
			kind := regular
			col := P.Text
			if i == 0 {
				col = P.TextDim
			}
			p.text(p.fit(c, ws[i], px, kind), xs[i], mid, px, kind, col, start, center)
		}
		typ := p.fit(l.Verb, ws[4]-px*0.9, L.Font.Small, bold)
		p.chip(tone, typ, xs[4], mid, L.Font.Small, bold, false)
		col := P.Text
		if l.Tone == agents.ToneWrong || l.Tone == agents.ToneProtected || l.Tone == agents.ToneNorm || l.Tone == agents.ToneStage {
			col = tone.Text
		}
		p.text(p.fit(l.Outcome, in.Right()-xs[5], px, regular), xs[5], mid, px, regular, col, start, center)
	}
	if len(m.Feed) == 0 {
		p.text("Nothing has happened yet.", in.X, in.Y+rowH*1.5, px, regular, P.TextDim, start, center)
	}
}

// tone is the style of a feed line's type chip.
func (p *painter) tone(t agents.Tone, stage agents.Stage) view.Style {
	P := p.P
	switch t {
	case agents.ToneHarm:
		return P.Status[view.AssetDown]
	case agents.ToneFutile:
		return P.Attribution[view.AttrUnattributed]
	case agents.ToneProtected, agents.ToneForce:
		return P.Force
	case agents.ToneNoticed:
		return P.Attribution[view.AttrDetected]
	case agents.ToneGood:
		return P.Attribution[view.AttrCorrect]
	case agents.ToneWrong:
		return P.Attribution[view.AttrWrong]
	case agents.ToneNorm:
		return P.SafeLayer
	case agents.ToneEscalation:
		return P.Rung[agents.RungRetaliation]
	case agents.ToneStage:
		return P.Stage[stage]
	case agents.ToneInject:
		return P.Inject
	case agents.ToneDecision:
		return P.Decision
	case agents.ToneRumour:
		return P.Rumour
	case agents.ToneWorm:
		return P.Worm
	}
	return P.Facilitator
}

// moreStates says which states the rumour panel leaves out.
func moreStates(m *view.Model, left []int) string {
	names := make([]string, 0, min(len(left), 6))
	for _, i := range left[:min(len(left), 6)] {
		names = append(names, m.States[i].Short)
	}
	return view.More(len(left)) + ": " + strings.Join(names, ", ")
}

// highestRung writes, between the stage and the clock, the highest rung
// any pair stands on now, so that "NO CONFLICT" beside two states at
// sanctions does not mislead; it is left out when there is no room.
func (p *painter) highestRung(m *view.Model, h headerBoxes) {
	L, P := p.L, p.P
	top, n := m.HighestRung()
	if top == agents.RungNone {
		return
	}
	px := L.Font.Small * 0.85
	rs := P.Rung[top]
	line1 := "highest rung now"
	if n > 1 {
		line1 = fmt.Sprintf("highest rung now (%d pairs)", n)
	}
	line2 := strings.ToUpper(rs.Label)
	x := h.stage.Right() + 1.5*L.Pad
	room := h.clock.X - 1.5*L.Pad - x
	if math.Max(p.width(line1, px, regular), p.width(line2, L.Font.Small, bold)) > room {
		return
	}
	mid := L.Header.Y + L.Header.H/2
	p.text(line1, x, mid, px, regular, P.TextDim, start, end)
	p.text(line2, x, mid, L.Font.Small, bold, rs.Text, start, start)
}
