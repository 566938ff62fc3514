package view

import (
	"fmt"
	"testing"
)

// Every decision of every bundled scenario fits its dialog at the three
// sizes: options inside the box, one below the other, the box on screen;
// a click on an option picks it.
func TestPromptGeomBundled(t *testing.T) {
	for name, sc := range bundled(t) {
		for _, sz := range sizes {
			L := NewLayout(sz[0], sz[1])
			screen := Rect{0, 0, L.W, L.H}
			m := newModel(sc, 1)
			for i, d := range sc.Decisions {
				p := Prompt{Index: i, ID: d.ID, Decider: m.deciderName(d.Decider), Text: d.Prompt}
				for _, o := range d.Options {
					p.Options = append(p.Options, o.Label)
				}
				g := PromptGeom(L, p, false, approxMeasure)
				where := fmt.Sprintf("%s %s at %dx%d", name, d.ID, sz[0], sz[1])
				if !g.Box.inside(screen) {
					t.Errorf("%s: box %+v off screen", where, g.Box)
				}
				if len(g.Options) != len(d.Options) || len(g.Text) == 0 {
					t.Fatalf("%s: %d option boxes, %d text lines", where, len(g.Options), len(g.Text))
				}
				prev := g.TextY
				for k, r := range g.Options {
					if !r.inside(g.Box) {
						t.Errorf("%s: option %d %+v outside the box %+v", where, k+1, r, g.Box)
					}
					if r.Y < prev {
						t.Errorf("%s: option %d overlaps what is above it", where, k+1)
					}
					prev = r.Bottom()
					if got := g.Hit(r.X+r.W/2, r.Y+r.H/2); got != k+1 {
						t.Errorf("%s: a click on option %d picks %d", where, k+1, got)
					}
				}
				if g.FooterY < prev || g.FooterY > g.Box.Bottom() {
					t.Errorf("%s: footer at %.0f, options end at %.0f, box at %.0f", where, g.FooterY, prev, g.Box.Bottom())
				}
				if g.Hit(g.Box.X-1, g.Box.Y-1) != 0 {
					t.Errorf("%s: a click outside picks an option", where)
				}
			}
		}
	}
}

func TestMenuGeom(t *testing.T) {
	L := NewLayout(1280, 720)
	mn := Menu{Title: "Fire an inject now", page: 1, pages: 2}
	for i := range 9 {
		mn.items = append(mn.items, MenuItem{Label: fmt.Sprintf("Inject number %d with a long title that goes on", i+1), note: "scheduled at d3 10:00"})
	}
	g := MenuGeom(L, mn, approxMeasure)
	if len(g.Options) != 9 {
		t.Fatalf("%d items", len(g.Options))
	}
	for k, r := range g.Options {
		if !r.inside(g.Box) || !g.Box.inside(Rect{0, 0, L.W, L.H}) {
			t.Errorf("item %d %+v outside the box %+v", k+1, r, g.Box)
		}
	}
}
