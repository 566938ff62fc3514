package view

import (
	"fmt"
	"image/color"
	"testing"
)

// Every text the display writes has at least 4.5:1 contrast with what it
// is written on (WCAG 2.x AA), every shape at least 3:1 (WCAG 1.4.11).
func TestPaletteContrast(t *testing.T) {
	p := Default
	pairs := p.pairs()
	if len(pairs) < 100 {
		t.Fatalf("only %d colour pairs checked", len(pairs))
	}
	for _, c := range pairs {
		want := 3.0
		if c.Text {
			want = 4.5
		}
		if got := contrastRatio(c.fg, c.Bg); got < want {
			t.Errorf("%s: contrast %.2f, want at least %.1f", c.Name, got, want)
		}
	}
}

func TestContrastRatio(t *testing.T) {
	black := color.NRGBA{0, 0, 0, 255}
	white := color.NRGBA{255, 255, 255, 255}
	if got := contrastRatio(black, white); got < 20.99 || got > 21.01 {
		t.Errorf("black on white: %.3f, want 21", got)
	}
	if got := contrastRatio(white, white); got != 1 {
		t.Errorf("white on white: %.3f, want 1", got)
	}
	// WebAIM's checker gives 4.54 for #767676 on white.
	if got := contrastRatio(color.NRGBA{0x76, 0x76, 0x76, 255}, white); got < 4.53 || got > 4.55 {
		t.Errorf("#767676 on white: %.3f, want 4.54", got)
	}
}

// Never colour alone: within each table, values that share a colour have
// different glyphs, and every value has its own label.
func TestNeverColourAlone(t *testing.T) {
	p := Default
	tables := map[string][]Style{
		"stage":       p.Stage[:],
		"status":      p.Status[:],
		"rung":        p.Rung[:],
		"attribution": p.Attribution[:],
		"outcome":     p.Outcome[:],
	}
	for name, styles := range tables {
		labels := map[string]bool{}
		looks := map[string]string{}
		for _, s := range styles {
			if s.Label == "" || labels[s.Label] {
				t.Errorf("%s: label %q empty or repeated", name, s.Label)
			}
			labels[s.Label] = true
			key := fmt.Sprint(s.Color, s.Glyph)
			if other, ok := looks[key]; ok {
				if name == "rung" {
					continue // rungs are also told apart by the height of their step
				}
				t.Errorf("%s: %q and %q look the same (colour and glyph)", name, s.Label, other)
			}
			looks[key] = s.Label
		}
	}
	// Asset statuses, stages and attributions each have distinct glyphs.
	for name, styles := range map[string][]Style{"status": p.Status[:], "stage": p.Stage[:], "attribution": p.Attribution[:]} {
		seen := map[Glyph]string{}
		for _, s := range styles {
			if o, ok := seen[s.Glyph]; ok {
				t.Errorf("%s: %q and %q share a glyph", name, s.Label, o)
			}
			seen[s.Glyph] = s.Label
		}
	}
}

// The status, stage and attribution colours are Okabe–Ito colours (or
// neutral greys), chosen to be told apart with any common colour-vision
// deficiency.
func TestOkabeIto(t *testing.T) {
	okabe := map[color.NRGBA]bool{okabeOrange: true, okabeSkyBlue: true, okabeGreen: true, okabeYellow: true, okabeBlue: true, okabeVermillion: true, okabePurple: true}
	p := Default
	for _, s := range append(append(append(p.Stage[:], p.Status[:]...), p.Attribution[:]...), p.Rung[1:]...) {
		grey := s.Color.R == s.Color.G || (absDiff(s.Color.R, s.Color.G) < 12 && absDiff(s.Color.G, s.Color.B) < 20)
		if !okabe[s.Color] && !grey {
			t.Errorf("%s: colour %v is neither Okabe–Ito nor grey", s.Label, s.Color)
		}
	}
	for m := range p.methods {
		if p.Method(m).Label == "" {
			t.Errorf("method %s has no label", m)
		}
	}
}

func absDiff(a, b uint8) uint8 {
	if a > b {
		return a - b
	}
	return b - a
}
