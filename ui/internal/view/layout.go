package view

import "math"

// Rect is a rectangle in screen pixels.
type Rect struct{ X, Y, W, H float64 }

// Right is the rectangle's right edge.
func (r Rect) Right() float64 { return r.X + r.W }

// Bottom is the rectangle's bottom edge.
func (r Rect) Bottom() float64 { return r.Y + r.H }

// Inset shrinks the rectangle by d on every side.
func (r Rect) Inset(d float64) Rect {
	return Rect{r.X + d, r.Y + d, math.Max(0, r.W-2*d), math.Max(0, r.H-2*d)}
}

// Contains reports whether the point (x, y) is inside the rectangle.
func (r Rect) Contains(x, y float64) bool {
	return x >= r.X && x < r.Right() && y >= r.Y && y < r.Bottom()
}

// Overlaps reports whether two rectangles share any area.
func (r Rect) Overlaps(o Rect) bool {
	return r.X < o.Right() && o.X < r.Right() && r.Y < o.Bottom() && o.Y < r.Bottom()
}

// inside reports whether r lies within o.
func (r Rect) inside(o Rect) bool {
	const eps = 1e-9
	return r.X >= o.X-eps && r.Y >= o.Y-eps && r.Right() <= o.Right()+eps && r.Bottom() <= o.Bottom()+eps
}

// Fonts are the display's font sizes in pixels.
type Fonts struct {
	Clock     float64 // the simulated clock
	Stage     float64 // the stage badge
	Title     float64 // the scenario's name; overlay titles
	Heading   float64 // panel titles
	Body      float64 // panel text, overlay text
	Feed      float64 // the live feed
	Small     float64 // map labels, legend; the smallest text on screen
	CardTitle float64 // an inject's or decision's headline
	Card      float64 // an inject's or decision's text

	// Min is the smallest text drawn anywhere (the painter raises smaller
	// sizes to it): 20 px at 1920 × 1080, 15 px at 1280 × 720, readable
	// from the back of a room; a window smaller than 1280 × 720 scales it
	// down with everything else (TestMinimumTextSize).
	Min float64
}

// minText is the smallest text at the smallest supported screen, 1280 ×
// 720 (a scale of 2/3).
const minText = 15.0

// Layout is where everything goes on a screen of W × H pixels. Scale is
// the size of one design pixel (the layout is designed at 1920 × 1080):
// font sizes, line widths and glyph sizes multiply by it.
type Layout struct {
	W, H  float64
	Scale float64
	Pad   float64

	Header   Rect // scenario, stage, clock, speed, seed
	Timeline Rect // the run from 0 to the horizon, stages and marks; scrubbed in replay
	Map      Rect // states, assets, arcs, force actions
	Legend   Rect // what the shapes and colours mean
	Feed     Rect // the live feed
	side     Rect // the column of panels (Stack shares it out)

	Card   Rect // an inject or decision card, over the map
	Dialog Rect // help, inject list, decisions, restart: the middle of the screen

	Font Fonts
}

// Design sizes, at 1920 × 1080.
const (
	designW = 1920.0
	designH = 1080.0
)

// NewLayout lays out a screen of width × height pixels. Every rectangle is
// inside the screen, and the header, timeline, map, legend, feed and panels
// never overlap (TestLayout). Font sizes scale with the smaller of the
// width and height ratios to the design size, so text fits narrow windows
// too; on a 16:9 screen the smallest text is 1/50 of the height.
func NewLayout(width, height int) Layout {
	W, H := float64(max(width, 320)), float64(max(height, 180))
	s := math.Min(W/designW, H/designH)
	L := Layout{W: W, H: H, Scale: s, Pad: math.Round(10 * s)}
	L.Font = Fonts{
		Clock:     48 * s,
		Stage:     40 * s,
		Title:     36 * s,
		Heading:   27 * s,
		Body:      27 * s,
		Feed:      24 * s,
		Small:     22 * s,
		CardTitle: 44 * s,
		Card:      31 * s,
		Min:       math.Max(20*s, minText*math.Min(1, s*1.5)),
	}
	for _, f := range []*float64{&L.Font.Clock, &L.Font.Stage, &L.Font.Title, &L.Font.Heading, &L.Font.Body, &L.Font.Feed, &L.Font.Small, &L.Font.CardTitle, &L.Font.Card} {
		*f = math.Max(*f, L.Font.Min)
	}
	p := L.Pad
	headerH := math.Round(84 * s)
	timelineH := math.Round(34 * s)
	legendH := math.Round(L.Font.Small * 2.8)
	feedRows := 6
	feedH := math.Round(L.Font.Feed*1.35*float64(feedRows+1) + 2*p)

	L.Header = Rect{0, 0, W, headerH}
	L.Timeline = Rect{p, headerH + p/2, W - 2*p, timelineH}
	top := L.Timeline.Bottom() + p

	sideW := math.Round(math.Max(0.33*W, math.Min(W*0.45, 560*s)))
	L.side = Rect{W - sideW - p, top, sideW, H - top - p}
	leftW := L.side.X - 2*p
	L.Feed = Rect{p, H - p - feedH, leftW, feedH}
	L.Legend = Rect{p, L.Feed.Y - p/2 - legendH, leftW, legendH}
	L.Map = Rect{p, top, leftW, L.Legend.Y - p/2 - top}

	cardW := math.Min(L.Map.W-4*p, 1100*s)
	cardH := math.Min(L.Map.H*0.62, 330*s)
	L.Card = Rect{L.Map.X + (L.Map.W-cardW)/2, L.Map.Bottom() - cardH - 2*p, cardW, cardH}
	dw, dh := math.Min(W-8*p, 1400*s), math.Min(H-L.Timeline.Bottom()-6*p, 860*s)
	L.Dialog = Rect{(W - dw) / 2, L.Timeline.Bottom() + (H-L.Timeline.Bottom()-dh)/2, dw, dh}
	return L
}

// Stack shares the side column out among panels, top to bottom, a pad
// apart: each gets its share of the height left after the gaps (shares
// adding up to 1 fill the column).
func (L Layout) Stack(shares []float64) []Rect {
	gap := L.Pad
	avail := L.side.H - float64(max(0, len(shares)-1))*gap
	y := L.side.Y
	rects := make([]Rect, len(shares))
	for i, f := range shares {
		h := math.Floor(avail * f)
		rects[i] = Rect{L.side.X, y, L.side.W, h}
		y += h + gap
	}
	return rects
}

// Rows is how many lines of height lineH fit in r below a title of height
// titleH.
func Rows(r Rect, titleH, lineH float64) int {
	if lineH <= 0 {
		return 0
	}
	return max(0, int((r.H-titleH)/lineH))
}

// LineHeight is the line spacing for text of size px.
func LineHeight(px float64) float64 { return math.Round(px * 1.3) }
