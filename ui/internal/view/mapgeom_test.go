package view

import (
	"fmt"
	"testing"
)

// Every bundled scenario lays out at the three sizes: states, rings,
// assets, labels and groups inside the map, and no two states' drawings
// overlapping.
func TestPlaceMapBundled(t *testing.T) {
	for name, sc := range bundled(t) {
		for _, sz := range sizes {
			t.Run(fmt.Sprintf("%s/%dx%d", name, sz[0], sz[1]), func(t *testing.T) {
				L := NewLayout(sz[0], sz[1])
				m := newModel(sc, 1)
				g := PlaceMap(m, L.Map, L.Scale, L.Font.Small, L.Font.Body)
				for i, s := range m.States {
					c, r := g.States[i], g.RingR[i]
					box := Rect{c.X - r, c.Y - r, 2 * r, 2 * r}
					if !box.inside(L.Map) {
						t.Errorf("%s's ring %+v leaves the map %+v", s.ID, box, L.Map)
					}
					if g.NameY[i] > L.Map.Bottom() {
						t.Errorf("%s's name at y %.0f is below the map (%.0f)", s.ID, g.NameY[i], L.Map.Bottom())
					}
					for j := i + 1; j < len(m.States); j++ {
						if d := Dist(c, g.States[j]); d < r+g.RingR[j]+2*g.GlyphR {
							t.Errorf("%s and %s overlap: %.0f px apart, rings %.0f and %.0f", s.ID, m.States[j].ID, d, r, g.RingR[j])
						}
					}
					for _, ai := range s.Assets {
						if d := Dist(g.Assets[ai], c); d < r-1e-6 || d > r+1e-6 {
							t.Errorf("asset %s is %.1f px from its state, ring %.1f", m.Assets[ai].ID, d, r)
						}
					}
				}
				for i := range g.Assets {
					for j := i + 1; j < len(g.Assets); j++ {
						if Dist(g.Assets[i], g.Assets[j]) < 2*g.GlyphR {
							t.Errorf("assets %s and %s overlap", m.Assets[i].ID, m.Assets[j].ID)
						}
					}
				}
				for _, l := range g.Labels {
					if !L.Map.Contains(l.At.X, l.At.Y) {
						t.Errorf("sector label %s of %s outside the map", l.Abbr, m.States[l.State].ID)
					}
				}
				if len(g.Groups) != len(m.Groups) {
					t.Fatalf("%d group nodes for %d groups", len(g.Groups), len(m.Groups))
				}
				for i, p := range g.Groups {
					if !L.Map.Contains(p.X, p.Y) {
						t.Errorf("group %s at %+v outside the map", m.Groups[i].ID, p)
					}
				}
			})
		}
	}
}

func TestArcGeom(t *testing.T) {
	a, b := Point{0, 100}, Point{200, 100}
	c := NewArc(a, b)
	if c.At(0) != a || c.At(1) != b {
		t.Errorf("ends %v %v", c.At(0), c.At(1))
	}
	if mid := c.At(0.5); mid.Y >= 100 {
		t.Errorf("the arc does not bulge upwards: middle at %v", mid)
	}
	if pts := c.Points(10, 0.5); len(pts) != 11 || pts[10] != c.At(0.5) {
		t.Errorf("Points: %d points ending at %v", len(pts), pts[len(pts)-1])
	}
	if same := NewArc(a, a); same.At(0.5) != a {
		t.Errorf("a zero-length arc moved: %v", same.At(0.5))
	}
}
