package view

import (
	"math"
)

// Point is a point on the screen.
type Point struct{ X, Y float64 }

// Dist is the distance between two points.
func Dist(a, b Point) float64 { return math.Hypot(a.X-b.X, a.Y-b.Y) }

// SectorLabel is where a state's sector abbreviation goes.
type SectorLabel struct {
	State int
	Abbr  string
	At    Point   // the label's centre
	angle float64 // radians, 0 to the right, clockwise (screen y down)
}

// MapGeom is where the map's things go: state nodes, their asset rings,
// sector labels and the nodes of groups with no state behind them.
type MapGeom struct {
	area   Rect    // where state centres may go
	NodeR  float64 // a state node's radius
	GlyphR float64 // an asset glyph's radius
	States []Point
	RingR  []float64 // radius of each state's ring of assets
	Assets []Point   // by asset index
	angle  []float64 // each asset's angle on its ring
	Labels []SectorLabel
	Groups []Point
	NameY  []float64 // the baseline centre of each state's name, below its ring
}

// PlaceMap places the model's states, assets and groups in the map
// rectangle r at the layout's scale; small and body are the label font
// sizes. States go at their scenario positions within r, each clamped so
// that its ring, labels and name stay inside, then pushed apart where their
// boxes overlap (a few deterministic passes). Each state's assets go round
// it on a ring, grouped by sector (sectors order, clockwise from the top),
// with half a slot between sectors.
func PlaceMap(m *Model, r Rect, scale, small, body float64) MapGeom {
	g := MapGeom{NodeR: 20 * scale, GlyphR: 10 * scale}
	n := len(m.States)
	g.States = make([]Point, n)
	g.RingR = make([]float64, n)
	g.NameY = make([]float64, n)
	g.Assets = make([]Point, len(m.Assets))
	g.angle = make([]float64, len(m.Assets))
	spacing := 2.5 * g.GlyphR
	boxes := make([]stateBox, n)
	for i, s := range m.States {
		slots := float64(len(s.Assets)) + 0.5*float64(sectorsOf(m, i))
		ring := math.Max(g.NodeR+2.4*g.GlyphR, slots*spacing/(2*math.Pi))
		if len(s.Assets) == 0 {
			ring = g.NodeR
		}
		g.RingR[i] = ring
		side := ring + g.GlyphR + small*2.2
		boxes[i] = stateBox{left: side, right: side, top: ring + g.GlyphR + small*1.5,
			bottom: ring + g.GlyphR + small*2.2 + LineHeight(body) + LineHeight(small)}
	}
	g.area = r.Inset(2*g.GlyphR + small)
	for i, s := range m.States {
		g.States[i] = Point{g.area.X + s.X*g.area.W, g.area.Y + s.Y*g.area.H}
	}
	separate(g.States, boxes, r)
	for i, s := range m.States {
		c := g.States[i]
		ring := g.RingR[i]
		g.NameY[i] = c.Y + ring + g.GlyphR + small*1.7 + LineHeight(body)/2
		step := 2 * math.Pi / math.Max(1, float64(len(s.Assets))+0.5*float64(sectorsOf(m, i)))
		pos := 0.0
		prev := ""
		first, last := 0.0, 0.0
		flush := func() {
			if prev == "" {
				return
			}
			mid := -math.Pi/2 + (first+last)/2*step
			lr := ring + g.GlyphR*1.7 + small*0.7
			g.Labels = append(g.Labels, SectorLabel{State: i, Abbr: sectorAbbr(prev), angle: mid,
				At: Point{c.X + lr*math.Cos(mid), c.Y + lr*math.Sin(mid)}})
		}
		for _, ai := range s.Assets {
			sec := m.Assets[ai].Sector
			if sec != prev {
				flush()
				if prev != "" {
					pos += 0.5 // the gap between sectors
				}
				prev, first = sec, pos
			}
			ang := -math.Pi/2 + pos*step
			g.angle[ai] = ang
			g.Assets[ai] = Point{c.X + ring*math.Cos(ang), c.Y + ring*math.Sin(ang)}
			last = pos
			pos++
		}
		flush()
	}
	g.Groups = placeGroups(len(m.Groups), r, g.States, g.RingR, g.GlyphR*3+small*2)
	return g
}

// stateBox is how far a state's drawing reaches from its centre.
type stateBox struct{ left, right, top, bottom float64 }

// separate clamps each state inside r and pushes overlapping states apart
// along the axis where they overlap least, in a fixed number of passes.
func separate(c []Point, b []stateBox, r Rect) {
	clamp := func(i int) {
		c[i].X = math.Max(r.X+b[i].left, math.Min(r.Right()-b[i].right, c[i].X))
		c[i].Y = math.Max(r.Y+b[i].top, math.Min(r.Bottom()-b[i].bottom, c[i].Y))
	}
	for i := range c {
		clamp(i)
	}
	for pass := 0; pass < 60; pass++ {
		moved := false
		for i := range c {
			for j := i + 1; j < len(c); j++ {
				// Overlap in x and y of the two boxes.
				ox := math.Min(c[i].X+b[i].right, c[j].X+b[j].right) - math.Max(c[i].X-b[i].left, c[j].X-b[j].left)
				oy := math.Min(c[i].Y+b[i].bottom, c[j].Y+b[j].bottom) - math.Max(c[i].Y-b[i].top, c[j].Y-b[j].top)
				if ox <= 0 || oy <= 0 {
					continue
				}
				moved = true
				if ox < oy {
					d := ox/2 + 0.5
					if c[i].X < c[j].X || (c[i].X == c[j].X && i < j) {
						c[i].X, c[j].X = c[i].X-d, c[j].X+d
					} else {
						c[i].X, c[j].X = c[i].X+d, c[j].X-d
					}
				} else {
					d := oy/2 + 0.5
					if c[i].Y < c[j].Y || (c[i].Y == c[j].Y && i < j) {
						c[i].Y, c[j].Y = c[i].Y-d, c[j].Y+d
					} else {
						c[i].Y, c[j].Y = c[i].Y+d, c[j].Y-d
					}
				}
				clamp(i)
				clamp(j)
			}
		}
		if !moved {
			return
		}
	}
}

func sectorsOf(m *Model, state int) int {
	n, prev := 0, ""
	for _, ai := range m.States[state].Assets {
		if s := m.Assets[ai].Sector; s != prev {
			n, prev = n+1, s
		}
	}
	return n
}

// placeGroups puts k group nodes on the edge of r where they are farthest
// from the states' rings and from each other.
func placeGroups(k int, r Rect, states []Point, rings []float64, margin float64) []Point {
	if k == 0 {
		return nil
	}
	var cands []Point
	const steps = 24
	in := r.Inset(margin)
	for i := 0; i <= steps; i++ {
		f := float64(i) / steps
		cands = append(cands,
			Point{in.X + f*in.W, in.Y}, Point{in.X + f*in.W, in.Bottom()},
			Point{in.X, in.Y + f*in.H}, Point{in.Right(), in.Y + f*in.H})
	}
	var out []Point
	for range k {
		best, bestD := cands[0], -1.0
		for _, c := range cands {
			d := math.Inf(1)
			for i, s := range states {
				d = math.Min(d, Dist(c, s)-rings[i])
			}
			for _, o := range out {
				d = math.Min(d, Dist(c, o)-margin)
			}
			if d > bestD+1e-9 {
				best, bestD = c, d
			}
		}
		out = append(out, best)
	}
	return out
}

// ArcGeom is the curve of an attack arc: a quadratic Bézier from From to
// To through the control point Ctrl, bulging upwards like a great circle.
type ArcGeom struct {
	from, Ctrl, To Point
}

// NewArc returns the curve from a to b.
func NewArc(a, b Point) ArcGeom {
	mid := Point{(a.X + b.X) / 2, (a.Y + b.Y) / 2}
	dx, dy := b.X-a.X, b.Y-a.Y
	d := math.Hypot(dx, dy)
	if d == 0 {
		return ArcGeom{a, a, b}
	}
	nx, ny := -dy/d, dx/d // a normal
	if ny > 0 {
		nx, ny = -nx, -ny // bulge upwards
	}
	k := 0.22 * d
	return ArcGeom{a, Point{mid.X + nx*k, mid.Y + ny*k}, b}
}

// At returns the point at parameter t (0–1) of the curve.
func (c ArcGeom) At(t float64) Point {
	u := 1 - t
	return Point{
		u*u*c.from.X + 2*u*t*c.Ctrl.X + t*t*c.To.X,
		u*u*c.from.Y + 2*u*t*c.Ctrl.Y + t*t*c.To.Y,
	}
}

// Points returns n+1 points along the curve from parameter 0 to upTo.
func (c ArcGeom) Points(n int, upTo float64) []Point {
	out := make([]Point, 0, n+1)
	for i := 0; i <= n; i++ {
		out = append(out, c.At(upTo*float64(i)/float64(n)))
	}
	return out
}
