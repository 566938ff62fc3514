package ui

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"

	"cpkrange/ui/internal/view"
)

// Every key of the bindings table is a key ebiten knows.
func TestBindingKeysExist(t *testing.T) {
	for _, b := range view.Bindings {
		for _, name := range b.Keys {
			var k ebiten.Key
			if err := k.UnmarshalText([]byte(name)); err != nil {
				t.Errorf("%v: %v", b.Cmd, err)
			}
			if _, ok := keys[name]; !ok {
				t.Errorf("%v: key %q not mapped", b.Cmd, name)
			}
		}
	}
}

// The header's parts fit side by side at every size, with the widest
// labels, measured with the real fonts (no window needed).
func TestHeaderFits(t *testing.T) {
	f, err := newFonts()
	if err != nil {
		t.Fatal(err)
	}
	for _, sz := range [][2]int{{1280, 720}, {1920, 1080}, {3840, 2160}, {1024, 768}} {
		L := view.NewLayout(sz[0], sz[1])
		for _, state := range []string{"PAUSED: DECISION", "END OF RUN", "1 day/s"} {
			for _, stage := range view.Default.Stage {
				h := headerGeom(L, f.measure(bold), state, stage.Label, 365)
				where := fmt.Sprintf("%dx%d %q %q", sz[0], sz[1], state, stage.Label)
				boxes := []view.Rect{h.name, h.stage, h.clock, h.state}
				for i, b := range boxes {
					if b.X < 0 || b.Right() > L.W {
						t.Errorf("%s: part %d %+v leaves the screen", where, i, b)
					}
					if i > 0 && boxes[i-1].Right() > b.X {
						t.Errorf("%s: part %d overlaps part %d", where, i-1, i)
					}
				}
				if h.name.W < L.W*0.18 {
					t.Errorf("%s: %.0f px left for the scenario's name", where, h.name.W)
				}
			}
		}
	}
}

// Text the feed and panels write with the real fonts fits where it goes.
func TestFeedTimeColumnFits(t *testing.T) {
	f, err := newFonts()
	if err != nil {
		t.Fatal(err)
	}
	for _, sz := range [][2]int{{1280, 720}, {1920, 1080}, {3840, 2160}} {
		L := view.NewLayout(sz[0], sz[1])
		in := L.Feed.Inset(L.Pad)
		w := in.W*feedColumns[0].share - L.Pad
		if got := f.width(regular, "d88 23:59", L.Font.Feed); got > w {
			t.Errorf("%dx%d: the time %.0f px wide in a %.0f px column", sz[0], sz[1], got, w)
		}
	}
}

// The side panels fill the column: their shares add up to 1, and each,
// at every size, has room below its title for a line of text.
func TestSidePanels(t *testing.T) {
	sum := 0.0
	for _, sp := range sidePanels {
		if sp.title == "" || sp.draw == nil || sp.share <= 0 {
			t.Errorf("panel %+v lacks a title, a draw function or a share", sp)
		}
		sum += sp.share
	}
	if math.Abs(sum-1) > 1e-9 {
		t.Errorf("the panels' shares add up to %g, not 1", sum)
	}
	for _, sz := range [][2]int{{1280, 720}, {1920, 1080}, {3840, 2160}, {1024, 768}} {
		L := view.NewLayout(sz[0], sz[1])
		for i, r := range L.Stack(panelShares()) {
			if room := r.H - view.LineHeight(L.Font.Heading) - 2*L.Pad; room < view.LineHeight(L.Font.Body) {
				t.Errorf("%dx%d: %s has %.0f px below its title", sz[0], sz[1], sidePanels[i].title, room)
			}
		}
	}
}

// The briefing pages through a long read-ahead: every word on some page,
// in order, and "more" until the last page.
func TestBriefingPages(t *testing.T) {
	measure := func(s string, px float64) float64 { return float64(len([]rune(s))) * px * 0.56 }
	var words []string
	for i := range 400 {
		words = append(words, fmt.Sprintf("w%d", i))
	}
	text := strings.Join(words, " ")
	var tp textPages
	var got []string
	for n := 0; ; n++ {
		lines := tp.page(text, 300, 20, 5, n, measure)
		if len(lines) == 0 || len(lines) > 5 {
			t.Fatalf("page %d has %d lines", n+1, len(lines))
		}
		for _, l := range lines {
			got = append(got, strings.Fields(l)...)
		}
		if !tp.more {
			break
		}
		if n > 100 {
			t.Fatal("no last page")
		}
	}
	if strings.Join(got, " ") != text {
		t.Errorf("the pages do not hold the text in order: %d words of %d", len(got), len(words))
	}
}
