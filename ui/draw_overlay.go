package ui

import (
	"fmt"
	"math"

	"cpkrange/agents"
	"cpkrange/ui/internal/view"
)

// overlays draws what goes over the screen: the card, then a decision, the
// inject list, the restart question or the help, the topmost last.
func (p *painter) overlays(f *view.Frame) {
	if f.Card != nil && f.Prompt == nil {
		p.card(f.Card)
		p.flush()
	}
	switch {
	case f.Help:
		p.veil()
		p.help(f.Mode)
	case f.Menu != nil:
		p.veil()
		p.dialog(view.MenuGeom(p.L, *f.Menu, p.f.measure(regular)), p.P.Inject, false)
	case f.Prompt != nil:
		p.veil()
		p.dialog(view.PromptGeom(p.L, *f.Prompt, f.Mode == view.ModeReplay, p.f.measure(regular)), p.P.Decision, true)
	}
	if f.Confirm != "" {
		p.flush()
		p.confirm(f.Confirm)
	}
}

// veil darkens everything below the header and timeline.
func (p *painter) veil() {
	top := p.L.Timeline.Bottom() + p.L.Pad*0.5
	p.rect(view.Rect{X: 0, Y: top, W: p.L.W, H: p.L.H - top}, p.P.Shade)
}

func (p *painter) card(c *view.Card) {
	L, P := p.L, p.P
	r := L.Card
	st := P.Inject
	if c.Kind != "INJECT" {
		st = P.Decision
	}
	p.roundRect(r, 8*L.Scale, P.Panel)
	p.rect(view.Rect{X: r.X, Y: r.Y, W: 10 * L.Scale, H: r.H}, st.Color)
	p.frame(r, math.Max(1.5, 2*L.Scale), st.Color)
	in := view.Rect{X: r.X + 10*L.Scale + 2*L.Pad, Y: r.Y + 1.5*L.Pad, W: r.W - 10*L.Scale - 4*L.Pad, H: r.H - 3*L.Pad}
	y := in.Y + view.LineHeight(L.Font.Heading)/2
	cw := p.chip(st, c.Kind, in.X, y, L.Font.Heading, bold, true)
	p.text(agents.Clock(c.Time), in.X+cw+L.Pad, y, L.Font.Heading, regular, P.TextDim, start, center)
	p.text("Esc closes", in.Right(), y, L.Font.Small, regular, P.TextDim, end, center)
	y = in.Y + view.LineHeight(L.Font.Heading) + L.Pad*0.6
	for _, l := range view.Wrap(c.Title, in.W, L.Font.CardTitle, p.f.measure(bold), 2) {
		p.text(l, in.X, y, L.Font.CardTitle, bold, P.Text, start, start)
		y += view.LineHeight(L.Font.CardTitle)
	}
	lh := view.LineHeight(L.Font.Card)
	room := int((in.Bottom() - y) / lh)
	if room > 0 && c.Text != "" {
		for _, l := range view.Wrap(c.Text, in.W, L.Font.Card, p.f.measure(regular), room) {
			p.text(l, in.X, y, L.Font.Card, regular, P.Text, start, start)
			y += lh
		}
	}
}

// dialog draws a decision or the inject list.
func (p *painter) dialog(g view.DialogGeom, st view.Style, numbered bool) {
	L, P := p.L, p.P
	b := g.Box
	p.roundRect(b, 10*L.Scale, P.Panel)
	p.frame(b, math.Max(2, 4*L.Scale), st.Color)
	in := b.Inset(2 * L.Pad)
	y := in.Y + view.LineHeight(L.Font.Heading)/2
	p.chip(st, g.Chip, in.X, y, L.Font.Heading, bold, true)
	y = in.Y + view.LineHeight(L.Font.Heading) + L.Pad
	p.text(p.fit(g.Title, in.W, L.Font.Title, bold), in.X, y, L.Font.Title, bold, P.Text, start, start)
	px := L.Font.Card
	if !numbered {
		px = L.Font.Body
	}
	lh := view.LineHeight(px)
	for i, l := range g.Text {
		p.text(l, in.X, g.TextY+float64(i)*lh, px, regular, P.Text, start, start)
	}
	for i, r := range g.Options {
		p.roundRect(r, 6*L.Scale, P.MapGrid)
		numW := p.width("9", px, bold) + 2.2*L.Pad
		nb := view.Rect{X: r.X, Y: r.Y, W: numW, H: r.H}
		p.roundRect(nb, 6*L.Scale, st.Color)
		p.text(string(rune('1'+i)), nb.X+nb.W/2, nb.Y+nb.H/2, px, bold, st.Ink, center, center)
		ty := r.Y + L.Pad/2
		for _, l := range g.OptLines[i] {
			p.text(l, r.X+numW+L.Pad, ty, px, regular, P.Text, start, start)
			ty += lh
		}
		if g.OptNotes[i] != "" {
			p.text(g.OptNotes[i], r.X+numW+L.Pad, ty, L.Font.Small, regular, P.TextDim, start, start)
		}
	}
	p.text(p.fit(g.Footer, in.W, L.Font.Small, regular), in.X, g.FooterY, L.Font.Small, regular, P.TextDim, start, start)
}

func (p *painter) confirm(q string) {
	L, P := p.L, p.P
	w := math.Min(L.W*0.7, 1100*L.Scale)
	lines := view.Wrap(q, w-4*L.Pad, L.Font.Title, p.f.measure(bold), 3)
	h := float64(len(lines))*view.LineHeight(L.Font.Title) + 4*L.Pad
	r := view.Rect{X: (L.W - w) / 2, Y: (L.H - h) / 2, W: w, H: h}
	p.roundRect(r, 10*L.Scale, P.Panel)
	p.frame(r, math.Max(2, 4*L.Scale), P.Decision.Color)
	y := r.Y + 2*L.Pad
	for _, l := range lines {
		p.text(l, r.X+2*L.Pad, y, L.Font.Title, bold, P.Text, start, start)
		y += view.LineHeight(L.Font.Title)
	}
}

func (p *painter) help(mode view.Mode) {
	L, P := p.L, p.P
	lines := view.HelpLines(mode)
	px := L.Font.Body
	lh := view.LineHeight(px)
	b := L.Dialog
	cols := 2
	perCol := (len(lines) + cols - 1) / cols
	need := 4*L.Pad + view.LineHeight(L.Font.Title) + L.Pad + float64(perCol)*lh + view.LineHeight(L.Font.Small) + L.Pad
	if need < b.H {
		b.Y += (b.H - need) / 2
		b.H = need
	}
	p.roundRect(b, 10*L.Scale, P.Panel)
	p.frame(b, math.Max(2, 4*L.Scale), P.Text)
	in := b.Inset(2 * L.Pad)
	title := "Keys · live run"
	if mode == view.ModeReplay {
		title = "Keys · replay"
	}
	p.text(title, in.X, in.Y, L.Font.Title, bold, P.Text, start, start)
	y0 := in.Y + view.LineHeight(L.Font.Title) + L.Pad
	colW := in.W / float64(cols)
	keyW := 0.0
	for _, l := range lines {
		keyW = math.Max(keyW, p.width(l[0], px, bold))
	}
	keyW = math.Min(keyW, colW*0.4)
	for i, l := range lines {
		c, r := i/perCol, i%perCol
		x := in.X + float64(c)*colW
		y := y0 + float64(r)*lh
		p.text(p.fit(l[0], keyW, px, bold), x, y, px, bold, P.Decision.Text, start, start)
		p.text(p.fit(l[1], colW-keyW-2*L.Pad, px, regular), x+keyW+L.Pad, y, px, regular, P.Text, start, start)
	}
	foot := "The mouse: click a decision's option, an inject of the list"
	if mode == view.ModeReplay {
		foot = "The mouse: click the timeline to jump there · nothing you do changes the log"
	}
	p.text(p.fit(foot+" · Esc or F1 closes this help", in.W, L.Font.Small, regular), in.X, in.Bottom(), L.Font.Small, regular, P.TextDim, start, end)
}

// briefing draws the briefing scene: the scenario's name, summary and
// a page of the read-ahead, and how to page it and start.
func (p *painter) briefing(name, summary, text, source string, page int, pages *textPages) {
	L, P := p.L, p.P
	p.dst.Fill(P.Background)
	b := view.Rect{X: L.W * 0.08, Y: L.H * 0.07, W: L.W * 0.84, H: L.H * 0.86}
	p.roundRect(b, 10*L.Scale, P.Panel)
	in := b.Inset(3 * L.Pad)
	y := in.Y
	p.chip(P.Stage[agents.PreConflict], "BRIEFING", in.X, y+view.LineHeight(L.Font.Heading)/2, L.Font.Heading, bold, false)
	y += view.LineHeight(L.Font.Heading) + L.Pad
	for _, l := range view.Wrap(name, in.W, L.Font.CardTitle*1.2, p.f.measure(bold), 2) {
		p.text(l, in.X, y, L.Font.CardTitle*1.2, bold, P.Text, start, start)
		y += view.LineHeight(L.Font.CardTitle * 1.2)
	}
	for _, l := range view.Wrap(summary, in.W, L.Font.Card, p.f.measure(bold), 3) {
		p.text(l, in.X, y, L.Font.Card, bold, P.Decision.Text, start, start)
		y += view.LineHeight(L.Font.Card)
	}
	y += L.Pad
	foot := view.LineHeight(L.Font.Body) + L.Pad
	lh := view.LineHeight(L.Font.Card)
	room := int((in.Bottom() - foot - y) / lh)
	keys := "Space or Enter starts the run · F1 lists the keys · "
	if room > 0 {
		lines := pages.page(text, in.W, L.Font.Card, room, page, p.f.measure(regular))
		for _, l := range lines {
			p.text(l, in.X, y, L.Font.Card, regular, P.Text, start, start)
			y += lh
		}
		if page > 0 || pages.more {
			nav := fmt.Sprintf("page %d", page+1)
			if pages.more {
				nav += " · Page Down: more"
			}
			if page > 0 {
				nav += " · Page Up: back"
			}
			keys = nav + " · " + keys
		}
	}
	p.text(p.fit(keys+source, in.W, L.Font.Body, regular), in.X, in.Bottom(), L.Font.Body, regular, P.TextDim, start, end)
}

// textPages is a long text wrapped into pages of a fixed number of lines,
// as far as the page shown: wrapped once per page and size, not per
// frame, and never further than needed.
type textPages struct {
	key struct {
		w, px      float64
		rows, page int
		text       string
	}
	lines []string
	more  bool // text follows the page shown
}

// page returns page n (from 0) of text wrapped to width w at size px, rows
// lines a page.
func (t *textPages) page(text string, w, px float64, rows, n int, m view.Measure) []string {
	k := t.key
	k.w, k.px, k.rows, k.page, k.text = w, px, rows, n, text
	if k == t.key && t.lines != nil {
		return t.lines
	}
	t.key = k
	all := view.Wrap(text, w, px, m, rows*(n+1)+1)
	t.more = len(all) > rows*(n+1)
	all = all[:min(len(all), rows*(n+1))]
	t.lines = all[min(len(all), rows*n):]
	if t.lines == nil {
		t.lines = []string{}
	}
	return t.lines
}
