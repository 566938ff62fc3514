package view

import (
	"fmt"
	"math"
	"testing"
)

var sizes = [][2]int{{1280, 720}, {1920, 1080}, {3840, 2160}}

// The layout at the three projector sizes (and two odd window sizes): every
// rectangle inside the screen, the main areas disjoint, type large enough.
func TestLayout(t *testing.T) {
	for _, sz := range append(sizes, [2]int{1024, 768}, [2]int{1600, 1200}, [2]int{2560, 1080}) {
		t.Run(fmt.Sprintf("%dx%d", sz[0], sz[1]), func(t *testing.T) {
			L := NewLayout(sz[0], sz[1])
			screen := Rect{0, 0, float64(sz[0]), float64(sz[1])}
			panels := L.Stack([]float64{0.2, 0.4, 0.1, 0.3})
			areas := map[string]Rect{
				"header": L.Header, "timeline": L.Timeline, "map": L.Map, "legend": L.Legend, "feed": L.Feed,
				"panel 0": panels[0], "panel 1": panels[1], "panel 2": panels[2], "panel 3": panels[3],
			}
			for name, r := range areas {
				if r.W <= 0 || r.H <= 0 {
					t.Errorf("%s is empty: %+v", name, r)
				}
				if !r.inside(screen) {
					t.Errorf("%s %+v is outside the screen", name, r)
				}
				for other, o := range areas {
					if name < other && r.Overlaps(o) {
						t.Errorf("%s %+v overlaps %s %+v", name, r, other, o)
					}
				}
			}
			if !L.Card.inside(L.Map) {
				t.Errorf("the card %+v is not inside the map %+v", L.Card, L.Map)
			}
			if !L.Dialog.inside(screen) || L.Dialog.Y < L.Timeline.Bottom() {
				t.Errorf("the dialog %+v is not inside the screen below the timeline", L.Dialog)
			}
			for _, r := range panels {
				if !r.inside(L.side) {
					t.Errorf("panel %+v is outside the side column %+v", r, L.side)
				}
			}
			if last := panels[len(panels)-1]; L.side.Bottom()-last.Bottom() > float64(len(panels)) {
				t.Errorf("shares adding up to 1 leave %.0f px of the column empty", L.side.Bottom()-last.Bottom())
			}
			// The map gets the largest share of the screen.
			if L.Map.W*L.Map.H < 0.25*screen.W*screen.H {
				t.Errorf("the map is %.0f%% of the screen", 100*L.Map.W*L.Map.H/(screen.W*screen.H))
			}
		})
	}
}

// On a 16:9 screen the smallest type is 1/50 of the height: 14 px at 720,
// 22 px at 1080, 43 px at 2160; everything else is larger.
func TestLayoutFontSizes(t *testing.T) {
	for _, sz := range sizes {
		L := NewLayout(sz[0], sz[1])
		H := float64(sz[1])
		f := L.Font
		for name, px := range map[string]float64{"clock": f.Clock, "stage": f.Stage, "title": f.Title, "heading": f.Heading,
			"body": f.Body, "feed": f.Feed, "small": f.Small, "card title": f.CardTitle, "card": f.Card} {
			if px < H/50-1e-9 {
				t.Errorf("%dx%d: %s type is %.1f px, below 1/50 of the height (%.1f)", sz[0], sz[1], name, px, H/50)
			}
		}
		if f.Clock < H/25 || f.Stage < H/30 {
			t.Errorf("%dx%d: the clock (%.0f px) and the stage (%.0f px) must be the largest text", sz[0], sz[1], f.Clock, f.Stage)
		}
	}
	// Twice the pixels, twice the size: 4K is 1080p doubled.
	a, b := NewLayout(1920, 1080), NewLayout(3840, 2160)
	if b.Font.Body != 2*a.Font.Body || math.Abs(b.Map.W-2*a.Map.W) > 3 || math.Abs(b.Map.H-2*a.Map.H) > 3 {
		t.Errorf("3840x2160 is not 1920x1080 doubled: body %.1f vs %.1f, map %.0f vs %.0f", b.Font.Body, a.Font.Body, b.Map.W, a.Map.W)
	}
}

func TestTimelineMapping(t *testing.T) {
	L := NewLayout(1920, 1080)
	bar := TimelineBar(L)
	tl := Timeline{Horizon: 240}
	for _, h := range []float64{0, 60, 240} {
		if got := tl.TimeAt(bar, tl.XAt(bar, h)); got < h-1e-9 || got > h+1e-9 {
			t.Errorf("time %g maps back to %g", h, got)
		}
	}
	if got := tl.TimeAt(bar, bar.X-100); got != 0 {
		t.Errorf("left of the bar: %g, want 0", got)
	}
	if !bar.inside(L.Timeline) {
		t.Errorf("bar %+v outside timeline %+v", bar, L.Timeline)
	}
}

// No text is smaller than Fonts.Min, and Min is 15 px at 1280 × 720 and
// 20 px at 1920 × 1080 and up: readable from the back of a room (the
// painter raises every smaller size to Min).
func TestMinimumTextSize(t *testing.T) {
	for _, c := range []struct {
		w, h int
		min  float64
	}{{1280, 720, 15}, {1366, 768, 15}, {1920, 1080, 20}, {3840, 2160, 40}} {
		L := NewLayout(c.w, c.h)
		if L.Font.Min < c.min {
			t.Errorf("%dx%d: the smallest text is %.1f px, want at least %.0f", c.w, c.h, L.Font.Min, c.min)
		}
		f := L.Font
		for name, px := range map[string]float64{"clock": f.Clock, "stage": f.Stage, "title": f.Title, "heading": f.Heading, "body": f.Body, "feed": f.Feed, "small": f.Small, "card title": f.CardTitle, "card": f.Card} {
			if px < f.Min {
				t.Errorf("%dx%d: %s text is %.1f px, under the minimum %.1f", c.w, c.h, name, px, f.Min)
			}
		}
	}
}
