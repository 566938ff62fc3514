package view

import "math"

// DialogGeom is the layout of a dialog (a decision, the inject list): its
// box, its wrapped text, and one box per option, which a click picks.
type DialogGeom struct {
	Box      Rect
	Chip     string   // the kind chip: DECISION, INJECTS
	Title    string   // who decides / what the list is
	Text     []string // the prompt, wrapped
	TextY    float64  // top of the text
	Options  []Rect   // one per option, numbered from 1
	OptLines [][]string
	OptNotes []string
	Footer   string
	FooterY  float64
}

// PromptGeom lays out a decision in the dialog area: the prompt wrapped
// to the box, the options below it as numbered boxes. Text that does not
// fit is cut with an ellipsis; the options always show.
func PromptGeom(L Layout, p Prompt, replay bool, m Measure) DialogGeom {
	g := DialogGeom{Chip: "DECISION", Title: "Decides: " + p.Decider}
	footer := "Press 1–" + string(rune('0'+min(9, len(p.Options)))) + " or click an option · the run waits"
	if p.Voted {
		g.Title += " · VOTED"
		footer = upperFirst(p.Decider) + " has voted · Enter confirms the team's vote · 1–" + string(rune('0'+min(9, len(p.Options)))) + " overrides it"
	}
	if replay {
		footer = "Replay: Space shows what was decided"
	}
	return dialog(L, g, p.Text, p.Options, nil, footer, L.Font.Card, m)
}

// MenuGeom lays out the inject list.
func MenuGeom(L Layout, mn Menu, m Measure) DialogGeom {
	g := DialogGeom{Chip: "INJECTS", Title: mn.Title}
	var labels, notes []string
	for _, it := range mn.items {
		labels = append(labels, it.Label)
		notes = append(notes, it.note)
	}
	footer := "Press 1–9 or click to fire one now · Esc closes"
	if mn.pages > 1 {
		footer = "Page " + itoa(mn.page) + " of " + itoa(mn.pages) + " (Page Up / Page Down) · " + footer
	}
	return dialog(L, g, "", labels, notes, footer, L.Font.Body, m)
}

func itoa(n int) string {
	if n < 0 {
		return "-" + itoa(-n)
	}
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}

func dialog(L Layout, g DialogGeom, text string, labels, notes []string, footer string, px float64, m Measure) DialogGeom {
	box := L.Dialog
	pad := 2 * L.Pad
	inner := box.Inset(pad)
	lh := LineHeight(px)
	y := inner.Y + LineHeight(L.Font.Heading) + L.Pad // the chip line
	y += LineHeight(L.Font.Title) + L.Pad             // the title line
	numW := m("9", px) + 2.2*L.Pad
	optW := inner.W - numW - 2*L.Pad
	// The options first: they must show; the prompt gets what is left.
	optH := 0.0
	for i, lab := range labels {
		lines := Wrap(lab, optW, px, m, 2)
		if notes != nil && notes[i] != "" {
			g.OptNotes = append(g.OptNotes, notes[i])
		} else {
			g.OptNotes = append(g.OptNotes, "")
		}
		g.OptLines = append(g.OptLines, lines)
		h := float64(len(lines))*lh + L.Pad
		if g.OptNotes[i] != "" {
			h += LineHeight(L.Font.Small)
		}
		optH += h + L.Pad*0.6
	}
	footerH := LineHeight(L.Font.Small) + L.Pad
	textRoom := inner.Bottom() - footerH - optH - L.Pad - y
	if text != "" {
		maxLines := max(1, int(textRoom/lh))
		g.Text = Wrap(text, inner.W, px, m, maxLines)
	}
	g.TextY = y
	y += float64(len(g.Text))*lh + L.Pad
	for i := range labels {
		h := float64(len(g.OptLines[i]))*lh + L.Pad
		if g.OptNotes[i] != "" {
			h += LineHeight(L.Font.Small)
		}
		g.Options = append(g.Options, Rect{inner.X, y, inner.W, h})
		y += h + L.Pad*0.6
	}
	g.Footer = footer
	g.FooterY = y + L.Pad*0.4
	// Shrink the box to what it holds, keeping it centred.
	used := g.FooterY + LineHeight(L.Font.Small) + pad - box.Y
	if used < box.H {
		shift := (box.H - used) / 2
		box.Y += shift
		box.H = used
		g.TextY += shift
		g.FooterY += shift
		for i := range g.Options {
			g.Options[i].Y += shift
		}
	}
	g.Box = box
	return g
}

// Hit returns the option (from 1) under the point, or 0.
func (g DialogGeom) Hit(x, y float64) int {
	for i, r := range g.Options {
		if r.Contains(x, y) {
			return i + 1
		}
	}
	return 0
}

// TimelineBar is the bar of the timeline, inside its rectangle, leaving
// room for the day labels at both ends.
func TimelineBar(L Layout) Rect {
	r := L.Timeline
	lw := 96 * L.Scale
	return Rect{r.X + lw, r.Y + r.H*0.3, math.Max(1, r.W-2*lw), r.H * 0.4}
}
