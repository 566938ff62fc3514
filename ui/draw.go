package ui

import (
	"image"
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"

	"cpkrange/ui/internal/view"
)

// painter draws on one screen image with the layout's sizes and the
// palette's colours. Its methods only draw.
//
// Shapes are tessellated here into triangles with a one-pixel feathered
// edge (alpha falling to zero outwards), which gives anti-aliased edges
// without a stencil buffer, and batched into one DrawTriangles32 call;
// text is queued and drawn over them by flush. ebiten's vector.FillPath
// was tried first: under Mesa's software renderer (Xvfb) each of its
// flushes cost tens of milliseconds and a frame took seconds.
type painter struct {
	dst   *ebiten.Image
	f     *fonts
	L     view.Layout
	P     *view.Palette
	vs    []ebiten.Vertex
	is    []uint32
	texts []textOp
	pts   []view.Point // scratch
	taken []view.Rect  // labels placed on the map this frame
}

type textOp struct {
	s      string
	x, y   float64
	face   *text.GoTextFace
	c      color.Color
	ha, va align
}

// white is the 3×3 white image every shape samples its colour from.
var white = func() *ebiten.Image {
	img := ebiten.NewImage(3, 3)
	img.Fill(color.White)
	return img.SubImage(image.Rect(1, 1, 2, 2)).(*ebiten.Image)
}()

// flush draws the batched shapes, then the queued text over them.
func (p *painter) flush() {
	p.flushShapes()
	for _, t := range p.texts {
		op := &text.DrawOptions{}
		op.GeoM.Translate(math.Round(t.x), math.Round(t.y))
		op.ColorScale.ScaleWithColor(t.c)
		op.PrimaryAlign = toAlign(t.ha)
		op.SecondaryAlign = toAlign(t.va)
		text.Draw(p.dst, t.s, t.face, op)
	}
	p.texts = p.texts[:0]
}

func (p *painter) flushShapes() {
	if len(p.is) > 0 {
		p.dst.DrawTriangles32(p.vs, p.is, white, &ebiten.DrawTrianglesOptions{})
	}
	p.vs, p.is = p.vs[:0], p.is[:0]
}

// vertex appends a vertex of colour c at alpha a (0–1) and returns its index.
func (p *painter) vertex(x, y float64, c color.NRGBA, a float64) uint32 {
	p.vs = append(p.vs, ebiten.Vertex{
		DstX: float32(x), DstY: float32(y), SrcX: 1.5, SrcY: 1.5,
		ColorR: float32(c.R) / 255, ColorG: float32(c.G) / 255, ColorB: float32(c.B) / 255,
		ColorA: float32(c.A) / 255 * float32(a),
	})
	return uint32(len(p.vs) - 1)
}

func nrgba(c color.Color) color.NRGBA {
	return color.NRGBAModel.Convert(c).(color.NRGBA)
}

// feather is the width of the soft edge, in pixels.
const feather = 1.0

// fillPoly fills a polygon that is star-shaped from its first point (every
// convex polygon, a pie slice from its centre), with a feathered edge.
func (p *painter) fillPoly(pts []view.Point, col color.Color) {
	n := len(pts)
	if n < 3 {
		return
	}
	c := nrgba(col)
	if c.A == 0 {
		return
	}
	// Inset the solid part by half the feather and put the feather
	// outside, so the edge sits where the geometry says.
	base := uint32(len(p.vs))
	cx, cy := 0.0, 0.0
	for _, q := range pts {
		cx += q.X
		cy += q.Y
	}
	cx, cy = cx/float64(n), cy/float64(n)
	for i := range n {
		nx, ny := vertexNormal(pts, i, cx, cy)
		q := pts[i]
		p.vertex(q.X-nx*feather/2, q.Y-ny*feather/2, c, 1)
		p.vertex(q.X+nx*feather/2, q.Y+ny*feather/2, c, 0)
	}
	for i := 1; i+1 < n; i++ {
		p.is = append(p.is, base, base+uint32(2*i), base+uint32(2*i+2))
	}
	for i := range n {
		j := (i + 1) % n
		a0, a1 := base+uint32(2*i), base+uint32(2*i+1)
		b0, b1 := base+uint32(2*j), base+uint32(2*j+1)
		p.is = append(p.is, a0, a1, b1, a0, b1, b0)
	}
}

// vertexNormal is the outward unit normal at vertex i: the bisector of its
// edges' normals, pointing away from the centroid (cx, cy).
func vertexNormal(pts []view.Point, i int, cx, cy float64) (float64, float64) {
	n := len(pts)
	a, b, c := pts[(i+n-1)%n], pts[i], pts[(i+1)%n]
	e1x, e1y := unit(b.X-a.X, b.Y-a.Y)
	e2x, e2y := unit(c.X-b.X, c.Y-b.Y)
	nx, ny := unit(e1y+e2y, -(e1x + e2x))
	if nx == 0 && ny == 0 {
		nx, ny = unit(b.X-cx, b.Y-cy)
	}
	if nx*(b.X-cx)+ny*(b.Y-cy) < 0 {
		nx, ny = -nx, -ny
	}
	return nx, ny
}

func unit(x, y float64) (float64, float64) {
	d := math.Hypot(x, y)
	if d == 0 {
		return 0, 0
	}
	return x / d, y / d
}

// segment strokes one straight piece of width w with feathered sides.
func (p *painter) segment(a, b view.Point, w float64, c color.NRGBA) {
	dx, dy := unit(b.X-a.X, b.Y-a.Y)
	if dx == 0 && dy == 0 {
		return
	}
	nx, ny := -dy, dx
	h := math.Max(w, 1) / 2
	if w < 1 {
		c.A = uint8(float64(c.A) * w)
	}
	base := uint32(len(p.vs))
	for _, q := range []view.Point{a, b} {
		p.vertex(q.X+nx*(h+feather/2), q.Y+ny*(h+feather/2), c, 0)
		p.vertex(q.X+nx*(h-feather/2), q.Y+ny*(h-feather/2), c, 1)
		p.vertex(q.X-nx*(h-feather/2), q.Y-ny*(h-feather/2), c, 1)
		p.vertex(q.X-nx*(h+feather/2), q.Y-ny*(h+feather/2), c, 0)
	}
	for k := uint32(0); k < 3; k++ {
		a0, a1, b0, b1 := base+k, base+k+1, base+4+k, base+4+k+1
		p.is = append(p.is, a0, a1, b1, a0, b1, b0)
	}
}

// strokePts strokes a polyline of width w, with round joins.
func (p *painter) strokePts(pts []view.Point, w float64, col color.Color, closed bool) {
	c := nrgba(col)
	if c.A == 0 || len(pts) < 2 {
		return
	}
	for i := 1; i < len(pts); i++ {
		p.segment(pts[i-1], pts[i], w, c)
	}
	if closed {
		p.segment(pts[len(pts)-1], pts[0], w, c)
	}
	if w >= 3 {
		// Round the joins (and the ends) where they would show.
		for i, q := range pts {
			if !closed && (i == 0 || i == len(pts)-1) {
				continue
			}
			p.disc(q.X, q.Y, w/2, c)
		}
	}
}

// disc fills a circle.
func (p *painter) disc(x, y, r float64, c color.Color) {
	p.fillPoly(p.circlePts(x, y, r), c)
}

// circlePts returns points round a circle, more for larger circles.
func (p *painter) circlePts(x, y, r float64) []view.Point {
	n := max(10, min(96, int(r*1.2)))
	p.pts = p.pts[:0]
	for i := range n {
		a := 2 * math.Pi * float64(i) / float64(n)
		p.pts = append(p.pts, view.Point{X: x + r*math.Cos(a), Y: y + r*math.Sin(a)})
	}
	return p.pts
}

// align is a text alignment along one axis.
type align uint8

const (
	start align = iota
	center
	end
)

func toAlign(a align) text.Align {
	switch a {
	case center:
		return text.AlignCenter
	case end:
		return text.AlignEnd
	}
	return text.AlignStart
}

// text queues s at (x, y): x is its left, centre or right by ha; y is the
// top, middle or bottom of its line box by va. It is drawn at the next
// flush, over every shape drawn before then.
func (p *painter) text(s string, x, y, px float64, kind fontKind, c color.Color, ha, va align) {
	if s == "" {
		return
	}
	p.mark(s, x, y, math.Max(px, p.L.Font.Min), kind, c, ha, va)
}

// mark is text without the minimum size: a letter inside a glyph, sized
// to the glyph.
func (p *painter) mark(s string, x, y, px float64, kind fontKind, c color.Color, ha, va align) {
	s, _ = view.Clip(s, view.MaxShaped) // no line of any screen holds more
	p.texts = append(p.texts, textOp{s, x, y, p.f.face(kind, px), c, ha, va})
}

// fit returns s cut with an ellipsis to fit width w (cached).
func (p *painter) fit(s string, w, px float64, kind fontKind) string {
	s, _ = view.Clip(s, view.MaxShaped+1) // Truncate reads no further
	px = math.Max(px, p.L.Font.Min)
	k := truncKey{s, math.Round(w), faceKey{kind, math.Round(px*4) / 4}}
	if t, ok := p.f.trunc[k]; ok {
		return t
	}
	t := view.Truncate(s, w, px, p.f.measure(kind))
	if len(p.f.trunc) > 20000 {
		clear(p.f.trunc)
	}
	p.f.trunc[k] = t
	return t
}

// width is the width of s.
func (p *painter) width(s string, px float64, kind fontKind) float64 {
	return p.f.width(kind, s, math.Max(px, p.L.Font.Min))
}

// rect fills a rectangle, its edges snapped to whole pixels.
func (p *painter) rect(r view.Rect, col color.Color) {
	x0, y0 := math.Round(r.X), math.Round(r.Y)
	x1, y1 := math.Round(r.Right()), math.Round(r.Bottom())
	if x1 <= x0 {
		x1 = x0 + 1
	}
	if y1 <= y0 {
		y1 = y0 + 1
	}
	if r.W <= 0 || r.H <= 0 {
		return
	}
	c := nrgba(col)
	base := uint32(len(p.vs))
	p.vertex(x0, y0, c, 1)
	p.vertex(x1, y0, c, 1)
	p.vertex(x1, y1, c, 1)
	p.vertex(x0, y1, c, 1)
	p.is = append(p.is, base, base+1, base+2, base, base+2, base+3)
}

// frame strokes a rectangle's border of width w inside it.
func (p *painter) frame(r view.Rect, w float64, c color.Color) {
	p.rect(view.Rect{X: r.X, Y: r.Y, W: r.W, H: w}, c)
	p.rect(view.Rect{X: r.X, Y: r.Bottom() - w, W: r.W, H: w}, c)
	p.rect(view.Rect{X: r.X, Y: r.Y + w, W: w, H: r.H - 2*w}, c)
	p.rect(view.Rect{X: r.Right() - w, Y: r.Y + w, W: w, H: r.H - 2*w}, c)
}

// roundRect fills a rectangle with rounded corners of radius rad.
func (p *painter) roundRect(r view.Rect, rad float64, c color.Color) {
	rad = math.Min(rad, math.Min(r.W, r.H)/2)
	p.pts = p.pts[:0]
	corner := func(cx, cy, a0 float64) {
		for k := 0; k <= 6; k++ {
			a := a0 + float64(k)*math.Pi/12
			p.pts = append(p.pts, view.Point{X: cx + rad*math.Cos(a), Y: cy + rad*math.Sin(a)})
		}
	}
	corner(r.Right()-rad, r.Y+rad, -math.Pi/2)
	corner(r.Right()-rad, r.Bottom()-rad, 0)
	corner(r.X+rad, r.Bottom()-rad, math.Pi/2)
	corner(r.X+rad, r.Y+rad, math.Pi)
	p.fillPoly(p.pts, c)
}

func (p *painter) circle(x, y, r float64, c color.Color) { p.disc(x, y, r, c) }

func (p *painter) ring(x, y, r, w float64, c color.Color) {
	pts := p.circlePts(x, y, r)
	cc := nrgba(c)
	for i := range pts {
		p.segment(pts[i], pts[(i+1)%len(pts)], w, cc)
	}
}

func (p *painter) line(a, b view.Point, w float64, c color.Color) {
	p.strokePts([]view.Point{a, b}, w, c, false)
}

// polyline strokes the points with a dash pattern (nil: solid), scaled.
func (p *painter) polyline(pts []view.Point, dash []float64, w float64, c color.Color) {
	if len(pts) < 2 {
		return
	}
	if len(dash) == 0 {
		p.strokePts(pts, w, c, false)
		return
	}
	s := p.L.Scale
	k, left, on := 0, dash[0]*s, true
	run := []view.Point{pts[0]}
	for i := 1; i < len(pts); i++ {
		a, b := pts[i-1], pts[i]
		seg := view.Dist(a, b)
		pos := 0.0
		for seg-pos > left {
			pos += left
			t := pos / seg
			q := view.Point{X: a.X + (b.X-a.X)*t, Y: a.Y + (b.Y-a.Y)*t}
			if on {
				run = append(run, q)
				p.strokePts(run, w, c, false)
			}
			run = append(run[:0], q)
			on = !on
			k = (k + 1) % len(dash)
			left = math.Max(0.5, dash[k]*s)
		}
		left -= seg - pos
		if on {
			run = append(run, b)
		} else {
			run = append(run[:0], b)
		}
	}
	if on && len(run) > 1 {
		p.strokePts(run, w, c, false)
	}
}

// poly fills the polygon given by x, y pairs.
func (p *painter) poly(c color.Color, xy ...float64) {
	pts := make([]view.Point, 0, len(xy)/2)
	for i := 0; i+1 < len(xy); i += 2 {
		pts = append(pts, view.Point{X: xy[i], Y: xy[i+1]})
	}
	p.fillPoly(pts, c)
}

// quad returns points along a quadratic Bézier from a through c to b.
func quad(a, c, b view.Point, n int) []view.Point {
	out := make([]view.Point, 0, n+1)
	for i := 0; i <= n; i++ {
		t := float64(i) / float64(n)
		u := 1 - t
		out = append(out, view.Point{X: u*u*a.X + 2*u*t*c.X + t*t*b.X, Y: u*u*a.Y + 2*u*t*c.Y + t*t*b.Y})
	}
	return out
}

// glyph draws a shape of radius r centred at (x, y): fill is its colour,
// ink the colour of marks drawn inside it.
func (p *painter) glyph(g view.Glyph, x, y, r float64, fill, ink color.Color) {
	pt := func(dx, dy float64) view.Point { return view.Point{X: x + dx*r, Y: y + dy*r} }
	switch g {
	case view.GlyphCircle:
		p.circle(x, y, r, fill)
	case view.GlyphTriangle:
		p.poly(fill, x, y-r*1.15, x+r*1.1, y+r*0.8, x-r*1.1, y+r*0.8)
	case view.GlyphSquare:
		p.poly(fill, x-r*0.9, y-r*0.9, x+r*0.9, y-r*0.9, x+r*0.9, y+r*0.9, x-r*0.9, y+r*0.9)
	case view.GlyphSquareX:
		p.poly(fill, x-r*0.95, y-r*0.95, x+r*0.95, y-r*0.95, x+r*0.95, y+r*0.95, x-r*0.95, y+r*0.95)
		w := math.Max(1.5, r*0.28)
		p.line(pt(-0.55, -0.55), pt(0.55, 0.55), w, ink)
		p.line(pt(-0.55, 0.55), pt(0.55, -0.55), w, ink)
	case view.GlyphRing:
		p.ring(x, y, r*0.8, math.Max(1.5, r*0.35), fill)
		p.circle(x, y, r*0.3, fill)
	case view.GlyphDiamond:
		p.poly(fill, x, y-r*1.2, x+r, y, x, y+r*1.2, x-r, y)
	case view.GlyphCheck:
		p.circle(x, y, r, fill)
		p.strokePts([]view.Point{pt(-0.5, 0.02), pt(-0.12, 0.42), pt(0.55, -0.4)}, math.Max(1.5, r*0.3), ink, false)
	case view.GlyphCross:
		p.circle(x, y, r, fill)
		w := math.Max(1.5, r*0.3)
		p.line(pt(-0.45, -0.45), pt(0.45, 0.45), w, ink)
		p.line(pt(-0.45, 0.45), pt(0.45, -0.45), w, ink)
	case view.GlyphQuestion:
		p.circle(x, y, r, fill)
		p.mark("?", x, y, r*1.5, bold, ink, center, center)
	case view.GlyphDash:
		p.circle(x, y, r, fill)
		p.line(pt(-0.5, 0), pt(0.5, 0), math.Max(1.5, r*0.3), ink)
	case view.GlyphHexagon:
		var pts []view.Point
		for i := range 6 {
			a := math.Pi/6 + float64(i)*math.Pi/3
			pts = append(pts, pt(math.Cos(a), math.Sin(a)))
		}
		p.strokePts(pts, math.Max(1.5, r*0.14), fill, true)
	case view.GlyphShield:
		pts := []view.Point{pt(-0.9, -0.85), pt(0.9, -0.85), pt(0.9, 0.05)}
		pts = append(pts, quad(pt(0.9, 0.05), pt(0.85, 0.8), pt(0, 1.15), 6)[1:]...)
		pts = append(pts, quad(pt(0, 1.15), pt(-0.85, 0.8), pt(-0.9, 0.05), 6)[1:]...)
		p.fillPoly(pts, fill)
	case view.GlyphEye:
		p.circle(x, y, r, fill)
		lens := quad(pt(-0.65, 0), pt(0, -0.65), pt(0.65, 0), 8)
		lens = append(lens, quad(pt(0.65, 0), pt(0, 0.65), pt(-0.65, 0), 8)[1:]...)
		p.strokePts(lens, math.Max(1.2, r*0.16), ink, true)
		p.circle(x, y, r*0.2, ink)
	case view.GlyphPlay:
		p.poly(fill, x-r*0.7, y-r*0.9, x+r*0.9, y, x-r*0.7, y+r*0.9)
	case view.GlyphPause:
		p.rect(view.Rect{X: x - r*0.75, Y: y - r*0.85, W: r * 0.5, H: r * 1.7}, fill)
		p.rect(view.Rect{X: x + r*0.25, Y: y - r*0.85, W: r * 0.5, H: r * 1.7}, fill)
	case view.GlyphWave:
		for k := range 3 {
			p.ring(x, y, r*(0.45+0.3*float64(k)), math.Max(1.2, r*0.12), fill)
		}
	}
}

// chip draws a label on a coloured rounded box with a glyph, from x at
// vertical centre y, and returns its width.
func (p *painter) chip(s view.Style, label string, x, y, px float64, kind fontKind, withGlyph bool) float64 {
	h := px * 1.35
	padX := px * 0.45
	gw := 0.0
	if withGlyph {
		gw = px * 0.95
	}
	w := padX*2 + gw + p.width(label, px, kind)
	p.roundRect(view.Rect{X: x, Y: y - h/2, W: w, H: h}, h*0.22, s.Color)
	if withGlyph {
		p.glyph(s.Glyph, x+padX+gw*0.38, y, px*0.34, s.Ink, s.Color)
	}
	p.text(label, x+padX+gw, y, px, kind, s.Ink, start, center)
	return w
}

// chipWidth is the width chip would take.
func (p *painter) chipWidth(label string, px float64, kind fontKind, withGlyph bool) float64 {
	gw := 0.0
	if withGlyph {
		gw = px * 0.95
	}
	return px*0.9 + gw + p.width(label, px, kind)
}

// panel draws a panel's box and title, and returns the area below the
// title.
func (p *painter) panel(r view.Rect, title string) view.Rect {
	p.rect(r, p.P.Panel)
	p.frame(r, math.Max(1, p.L.Scale*1.5), p.P.Edge)
	pad := p.L.Pad
	th := view.LineHeight(p.L.Font.Heading)
	p.text(p.fit(title, r.W-2*pad, p.L.Font.Heading, bold), r.X+pad, r.Y+pad*0.6, p.L.Font.Heading, bold, p.P.TextDim, start, start)
	return view.Rect{X: r.X + pad, Y: r.Y + pad*0.6 + th, W: r.W - 2*pad, H: r.H - pad*1.6 - th}
}

func alpha(c color.NRGBA, a float64) color.NRGBA {
	c.A = uint8(math.Round(float64(c.A) * math.Max(0, math.Min(1, a))))
	return c
}
