package ui

import (
	"fmt"
	"image/color"
	"math"

	"cpkrange/agents"
	"cpkrange/ui/internal/view"
)

// mapView draws the map: graticule, the stage-coloured frame, the groups,
// the states with their rings of assets, the force's actions, then the
// attack arcs on top.
func (p *painter) mapView(f *view.Frame, g *view.MapGeom) {
	L, P, m := p.L, p.P, f.Model
	r := L.Map
	p.rect(r, P.MapWater)
	for k := 1; k < 10; k++ {
		x := r.X + r.W*float64(k)/10
		y := r.Y + r.H*float64(k)/10
		p.rect(view.Rect{X: x, Y: r.Y, W: math.Max(1, L.Scale), H: r.H}, P.MapGrid)
		p.rect(view.Rect{X: r.X, Y: y, W: r.W, H: math.Max(1, L.Scale)}, P.MapGrid)
	}
	p.frame(r, math.Max(2, 4*L.Scale), P.Stage[m.Stage].Color)

	for i, gr := range m.Groups {
		pt := g.Groups[i]
		p.glyph(view.GlyphDiamond, pt.X, pt.Y, g.GlyphR*1.3, P.Attribution[view.AttrUndetected].Color, P.Background)
		// The name goes below the node, or above it in the lower half of
		// the map, kept inside the map's sides.
		lh := view.LineHeight(L.Font.Small)
		y := pt.Y + g.GlyphR*1.6
		if pt.Y > r.Y+r.H/2 {
			y = pt.Y - g.GlyphR*1.6 - lh - view.LineHeight(L.Font.Small*0.8)
		}
		w := math.Max(p.width(gr.Name, L.Font.Small, regular), p.width("no state behind it", L.Font.Small*0.8, regular))
		x := math.Max(r.X+w/2+L.Pad, math.Min(r.Right()-w/2-L.Pad, pt.X))
		p.plate(gr.Name, x, y, L.Font.Small, regular, P.TextDim, center, start)
		p.text("no state behind it", x, y+lh, L.Font.Small*0.8, regular, P.TextDim, center, start)
		p.taken = append(p.taken, view.Rect{X: x - w/2, Y: y, W: w, H: lh * 1.8})
	}

	// Talks brokered by the force: a dashed line between the two states.
	for _, fm := range m.RecentForce() {
		if fm.State >= 0 && fm.Other >= 0 {
			a, b := g.States[fm.State], g.States[fm.Other]
			p.polyline([]view.Point{a, b}, []float64{10, 8}, 3*L.Scale, alpha(P.Force.Color, 0.8))
			mid := view.Point{X: (a.X + b.X) / 2, Y: (a.Y + b.Y) / 2}
			p.glyph(view.GlyphShield, mid.X, mid.Y, g.GlyphR*1.2, P.Force.Color, P.Force.Ink)
		}
	}

	for i := range m.States {
		p.state(f, g, i)
	}
	p.arcs(f, g)
	if f.Flash != "" {
		w := p.chipWidth(f.Flash, L.Font.Body, bold, false)
		p.chip(view.Style{Color: P.Text, Ink: P.Background}, f.Flash, r.X+(r.W-w)/2, r.Y+L.Font.Body*1.2, L.Font.Body, bold, false)
	}
	if f.Position != "" {
		p.plate(f.Position, r.X+L.Pad*1.5, r.Y+L.Pad*1.5, L.Font.Small, regular, P.Text, start, start)
	}
}

// label writes a map label on a plate where it does not cover another
// label: at (x, y), else a line below or above; it is left out when all
// three are taken.
func (p *painter) label(s string, x, y, px float64, kind fontKind, c color.Color, ha, va align) {
	lh := view.LineHeight(px)
	for _, dy := range []float64{0, lh, -lh} {
		r := p.plateRect(s, x, y+dy, px, kind, ha, va)
		free := true
		for _, t := range p.taken {
			if t.Overlaps(r) {
				free = false
				break
			}
		}
		if free {
			p.taken = append(p.taken, r)
			p.plate(s, x, y+dy, px, kind, c, ha, va)
			return
		}
	}
}

func (p *painter) plateRect(s string, x, y, px float64, kind fontKind, ha, va align) view.Rect {
	w := p.width(s, px, kind)
	h := view.LineHeight(px)
	pad := px * 0.25
	x0 := x
	switch ha {
	case center:
		x0 = x - w/2
	case end:
		x0 = x - w
	}
	y0 := y
	switch va {
	case center:
		y0 = y - h/2
	case end:
		y0 = y - h
	}
	return view.Rect{X: x0 - pad, Y: y0, W: w + 2*pad, H: h}
}

// plate writes text on a dark plate, so that it reads over lines.
func (p *painter) plate(s string, x, y, px float64, kind fontKind, c color.Color, ha, va align) {
	p.roundRect(p.plateRect(s, x, y, px, kind, ha, va), px*0.25, alpha(p.P.Background, 0.82))
	p.text(s, x, y, px, kind, c, ha, va)
}

func (p *painter) state(f *view.Frame, g *view.MapGeom, i int) {
	L, P, m := p.L, p.P, f.Model
	s := m.States[i]
	c := g.States[i]
	ring := g.RingR[i]
	p.ring(c.X, c.Y, ring, math.Max(1, 1.5*L.Scale), P.Edge)
	// Rumours ripple out from the node.
	if s.Rumours > 0 {
		phase := float64(f.Tick%90) / 90
		for k := range 3 {
			rr := g.NodeR * (1 + 0.9*math.Mod(phase+float64(k)/3, 1))
			p.ring(c.X, c.Y, rr, math.Max(1.5, 2.5*L.Scale), alpha(P.Rumour.Color, 1-math.Mod(phase+float64(k)/3, 1)*0.8))
		}
	}
	p.circle(c.X, c.Y, g.NodeR, P.Panel)
	p.ring(c.X, c.Y, g.NodeR, math.Max(1.5, 2.5*L.Scale), P.TextDim)
	// Sector labels.
	for _, lb := range g.Labels {
		if lb.State == i {
			p.text(lb.Abbr, lb.At.X, lb.At.Y, L.Font.Small*0.78, bold, P.TextDim, center, center)
			p.taken = append(p.taken, p.plateRect(lb.Abbr, lb.At.X, lb.At.Y, L.Font.Small*0.78, bold, center, center))
		}
	}
	// Assets.
	for _, ai := range s.Assets {
		a := &m.Assets[ai]
		pt := g.Assets[ai]
		st := P.Status[a.Shown()]
		if a.SafeLayer {
			p.glyph(view.GlyphHexagon, pt.X, pt.Y, g.GlyphR*1.65, P.SafeLayer.Color, P.SafeLayer.Ink)
		}
		p.glyph(st.Glyph, pt.X, pt.Y, g.GlyphR, st.Color, st.Ink)
	}
	// The name and a line of counts below the ring.
	ny := g.NameY[i]
	p.plate(s.Short, c.X, ny, L.Font.Body, bold, P.Text, center, center)
	p.taken = append(p.taken, p.plateRect(s.Short, c.X, ny, L.Font.Body, bold, center, center))
	counts := m.Counts(i)
	var parts []struct {
		st view.Style
		n  int
	}
	for _, k := range []view.AssetState{view.AssetDown, view.AssetDegraded, view.AssetRestoring} {
		if counts[k] > 0 {
			parts = append(parts, struct {
				st view.Style
				n  int
			}{P.Status[k], counts[k]})
		}
	}
	px := L.Font.Small
	y2 := ny + view.LineHeight(L.Font.Body)*0.5 + view.LineHeight(px)*0.5
	badges := p.stateBadges(f, i)
	if len(parts) == 0 && len(badges) == 0 {
		if len(s.Assets) > 0 {
			p.text("all working", c.X, y2, px, regular, P.TextDim, center, center)
		}
		return
	}
	// Lay the counts and badges out centred.
	gw := px * 1.0
	total := 0.0
	for _, pt := range parts {
		total += gw + p.width(fmt.Sprint(pt.n), px, bold) + px*0.5
	}
	total += float64(len(badges)) * (px * 1.25)
	x := c.X - total/2
	for _, pt := range parts {
		p.glyph(pt.st.Glyph, x+gw*0.45, y2, px*0.38, pt.st.Color, pt.st.Ink)
		x += gw
		num := fmt.Sprint(pt.n)
		p.text(num, x, y2, px, bold, pt.st.Text, start, center)
		x += p.width(num, px, bold) + px*0.5
	}
	for _, b := range badges {
		p.glyph(b.st.Glyph, x+px*0.5, y2, px*0.5, b.st.Color, b.st.Ink)
		if b.letter != "" {
			p.mark(b.letter, x+px*0.5, y2-px*0.05, px*0.62, bold, b.st.Ink, center, center)
		}
		x += px * 1.25
	}
}

type badge struct {
	st     view.Style
	letter string
}

// stateBadges are the marks under a state's name: a worm present, the
// force's roles that acted there in the last day.
func (p *painter) stateBadges(f *view.Frame, i int) []badge {
	P, m := p.P, f.Model
	var out []badge
	if m.States[i].Worms > 0 {
		out = append(out, badge{P.Worm, "W"})
	}
	seen := map[string]bool{}
	for _, fm := range m.RecentForce() {
		if (fm.State == i || fm.Other == i) && !seen[fm.Role] {
			seen[fm.Role] = true
		}
	}
	for _, role := range agents.Roles {
		if seen[role] {
			out = append(out, badge{P.Force, P.Roles[role]})
		}
	}
	return out
}

// arcs draws the visible operations: the curve in the method's dash and
// width, coloured by what the victim knows; the outcome at the target; the
// attribution badge and method label at the middle; a wrong blame as a
// second arc to the state blamed.
func (p *painter) arcs(f *view.Frame, g *view.MapGeom) {
	L, P, m := p.L, p.P, f.Model
	arcs, strength, hidden := m.MapArcs(view.MaxMapArcs)
	if hidden > 0 {
		r := L.Map
		note := view.More(hidden) + " attacks under way, not drawn (the " + fmt.Sprint(len(arcs)) + " latest are)"
		p.plate(p.fit(note, r.W*0.6, L.Font.Small, bold), r.Right()-L.Pad*1.5, r.Y+L.Pad*1.5, L.Font.Small, bold, P.Text, end, start)
		p.taken = append(p.taken, p.plateRect(note, r.Right()-L.Pad*1.5, r.Y+L.Pad*1.5, L.Font.Small, bold, end, start))
	}
	labelFrom := max(0, len(arcs)-6) // label the six most recent
	for k, a := range arcs {
		from, ok := p.origin(g, a)
		if !ok || a.Victim < 0 {
			continue
		}
		to := g.States[a.Victim]
		if a.Asset >= 0 {
			to = g.Assets[a.Asset]
		}
		curve := view.NewArc(from, to)
		ms := P.Method(a.Method)
		st := P.Attribution[a.Attr]
		grown := a.Grown(m.Now)
		end := grown
		if a.Outcome == view.OutcomeBlocked || a.Outcome == view.OutcomeFailed {
			end = math.Min(end, 0.86) // stopped short of the target
		}
		col := alpha(st.Color, strength[k])
		w := ms.Width * L.Scale
		pts := curve.Points(28, end)
		if ms.Wavy {
			pts = wave(pts, 4*L.Scale, 14*L.Scale)
		}
		// A dark casing under the line keeps it readable over other lines.
		p.polyline(pts, ms.Dash, w+3*L.Scale, alpha(P.MapWater, 0.7*strength[k]))
		p.polyline(pts, ms.Dash, w, col)
		head := curve.At(end)
		if grown < 1 {
			p.circle(head.X, head.Y, w*1.3+2*L.Scale, P.Text)
			continue
		}
		// A pulse travels along fresh arcs.
		if m.Now-a.Launched < 8 {
			u := math.Mod(float64(f.Tick+a.Op*17)/100, 1) * end
			q := curve.At(u)
			p.circle(q.X, q.Y, w*0.9+2*L.Scale, alpha(P.Text, strength[k]))
		}
		switch a.Outcome {
		case view.OutcomeSucceeded:
			os := P.Outcome[view.OutcomeSucceeded]
			age := m.Now - a.Launched
			if age < 6 {
				rr := g.GlyphR * (1.6 + math.Mod(float64(f.Tick)/40, 1)*1.4)
				p.ring(to.X, to.Y, rr, math.Max(1.5, 3*L.Scale), alpha(os.Color, strength[k]))
			}
		case view.OutcomeBlocked:
			p.glyph(view.GlyphShield, head.X, head.Y, g.GlyphR*1.5, alpha(P.Force.Color, strength[k]), P.Force.Ink)
		case view.OutcomeFailed:
			p.glyph(view.GlyphDash, head.X, head.Y, g.GlyphR*0.8, alpha(P.Outcome[view.OutcomeFailed].Color, strength[k]), P.Background)
		}
		// The blame, when it is wrong: the victim points at an innocent.
		if a.Attr == view.AttrWrong && a.Blamed >= 0 {
			vb := view.NewArc(g.States[a.Victim], g.States[a.Blamed])
			bp := vb.Points(24, 1)
			p.polyline(bp, []float64{12, 7}, 3.5*L.Scale, alpha(P.Attribution[view.AttrWrong].Color, strength[k]))
			q := vb.At(0.5)
			p.label("blames "+m.States[a.Blamed].Short, q.X, q.Y, L.Font.Small, bold, alpha(P.Attribution[view.AttrWrong].Text, strength[k]), center, center)
		}
		mid := curve.At(0.5 * end)
		br := g.GlyphR * 1.05
		p.glyph(st.Glyph, mid.X, mid.Y, br, col, P.Background)
		if k >= labelFrom && strength[k] > 0.5 {
			label := ms.Label
			if a.Violation {
				label += " · norm (f)"
			}
			p.label(label, mid.X+br*1.4, mid.Y, L.Font.Small, bold, P.Text, start, center)
		}
	}
}

// origin is where an operation comes from: its sponsor state, or its
// group's node.
func (p *painter) origin(g *view.MapGeom, a *view.Arc) (view.Point, bool) {
	switch {
	case a.Origin >= 0:
		return g.States[a.Origin], true
	case a.Group >= 0 && a.Group < len(g.Groups):
		return g.Groups[a.Group], true
	}
	return view.Point{}, false
}

// wave offsets a polyline sideways by a sine of the given amplitude and
// wavelength: the mark of self-spreading malware.
func wave(pts []view.Point, amp, wl float64) []view.Point {
	if len(pts) < 2 {
		return pts
	}
	// Resample densely so the wave is smooth.
	var dense []view.Point
	for i := 1; i < len(pts); i++ {
		a, b := pts[i-1], pts[i]
		n := max(1, int(view.Dist(a, b)/(wl/6)))
		for k := 0; k < n; k++ {
			t := float64(k) / float64(n)
			dense = append(dense, view.Point{X: a.X + (b.X-a.X)*t, Y: a.Y + (b.Y-a.Y)*t})
		}
	}
	dense = append(dense, pts[len(pts)-1])
	out := make([]view.Point, len(dense))
	s := 0.0
	for i, q := range dense {
		var dx, dy float64
		if i+1 < len(dense) {
			dx, dy = dense[i+1].X-q.X, dense[i+1].Y-q.Y
		} else {
			dx, dy = q.X-dense[i-1].X, q.Y-dense[i-1].Y
		}
		if i > 0 {
			s += view.Dist(dense[i-1], q)
		}
		d := math.Hypot(dx, dy)
		if d == 0 {
			out[i] = q
			continue
		}
		off := amp * math.Sin(2*math.Pi*s/wl)
		out[i] = view.Point{X: q.X - dy/d*off, Y: q.Y + dx/d*off}
	}
	return out
}
