package ui

import (
	"context"
	"math"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/inpututil"

	"cpkrange/agents"
	"cpkrange/debrief"
	"cpkrange/ui/internal/view"
)

// notesView is the note field (N, Y) and the end screen (E, and at the
// horizon) of a live run.
type notesView struct {
	field   view.NoteField
	chars   []rune
	end     *debrief.Report // the end screen's report; nil when closed
	endSeen bool            // the end screen opened itself at the horizon once
}

// typing reports whether the note field takes the keyboard.
func (nv *notesView) typing() bool { return nv.field.Open }

// update reads the keyboard into the open field: characters, Backspace,
// Enter keeps the note, Esc drops it.
func (nv *notesView) update(live *view.Live) {
	nv.chars = ebiten.AppendInputChars(nv.chars[:0])
	nv.field.Type(nv.chars)
	switch {
	case inpututil.IsKeyJustPressed(ebiten.KeyBackspace) || repeating(ebiten.KeyBackspace):
		nv.field.Backspace()
	case inpututil.IsKeyJustPressed(ebiten.KeyEnter) || inpututil.IsKeyJustPressed(ebiten.KeyNumpadEnter):
		live.CloseNote(&nv.field, true)
	case inpututil.IsKeyJustPressed(ebiten.KeyEscape):
		live.CloseNote(&nv.field, false)
	}
}

// repeating is a held key's repeat, after half a second, ten a second.
func repeating(k ebiten.Key) bool {
	d := inpututil.KeyPressDuration(k)
	return d > 30 && d%6 == 0
}

// intercept takes the commands of the note field and the end screen
// before the controller sees them; it reports whether c is used up.
func (nv *notesView) intercept(c view.Command, live *view.Live) bool {
	switch c.Kind {
	case view.CmdNote:
		live.OpenNote(&nv.field)
		return true
	case view.CmdRationale:
		live.OpenRationale(&nv.field)
		return true
	case view.CmdEndScreen:
		if nv.end != nil {
			nv.end = nil
		} else {
			nv.openEnd(live)
		}
		return true
	case view.CmdClose:
		if nv.end != nil {
			nv.end = nil
			return true
		}
	}
	return false
}

// follow opens the end screen when the run reaches its horizon.
func (nv *notesView) follow(live *view.Live) {
	if live.Ended() && !nv.endSeen {
		nv.endSeen = true
		nv.openEnd(live)
	}
	if !live.Ended() {
		nv.endSeen = false // a restart
	}
}

// openEnd folds the run's records so far into the debrief's scorecard
// and moments (no counterfactuals: those are for the report).
func (nv *notesView) openEnd(live *view.Live) {
	cfg := live.Config()
	rep, err := debrief.Make(context.Background(), debrief.Input{Scenario: cfg.Scenario, Source: cfg.Source,
		Header:  agents.LogHeader{Scenario: cfg.Scenario.Meta.Name, Source: cfg.Source, Seed: cfg.Seed, Horizon: cfg.Scenario.Meta.Horizon.Hours()},
		Records: live.Records()})
	if err == nil {
		nv.end = rep
	}
}

// noteField draws the open note field across the bottom of the map.
func (p *painter) noteField(nv *notesView) {
	if !nv.field.Open {
		return
	}
	L, P := p.L, p.P
	h := view.LineHeight(L.Font.Small) + view.LineHeight(L.Font.Body) + 3*L.Pad
	r := view.Rect{X: L.Map.X + 2*L.Pad, Y: L.Map.Bottom() - h - 2*L.Pad, W: L.Map.W - 4*L.Pad, H: h}
	p.roundRect(r, 8*L.Scale, P.Panel)
	p.frame(r, math.Max(1.5, 2*L.Scale), P.Facilitator.Color)
	in := r.Inset(L.Pad)
	p.text(p.fit(nv.field.Prompt, in.W*0.7, L.Font.Small, bold), in.X, in.Y, L.Font.Small, bold, P.Facilitator.Text, start, start)
	p.text("Enter keeps it · Esc drops it", in.Right(), in.Y, L.Font.Small, regular, P.TextDim, end, start)
	y := in.Y + view.LineHeight(L.Font.Small) + L.Pad*0.5
	text := nv.field.Text()
	// The end of a long note stays in sight, with the cursor.
	cursor := math.Max(2, 2*L.Scale)
	shown := text
	for shown != "" && p.width(shown, L.Font.Body, regular)+2*cursor > in.W {
		_, size := firstRune(shown)
		shown = shown[size:]
	}
	p.text(shown, in.X, y, L.Font.Body, regular, P.Text, start, start)
	x := in.X + p.width(shown, L.Font.Body, regular) + cursor
	p.rect(view.Rect{X: x, Y: y, W: cursor, H: view.LineHeight(L.Font.Body)}, P.Text)
	p.flush()
}

func firstRune(s string) (rune, int) {
	for i, r := range s {
		if i > 0 {
			return r, i
		}
	}
	return 0, len(s)
}

// endScreen draws the scorecard against the CPK goals and the three
// moments that mattered most, for the room before the detailed debrief.
func (p *painter) endScreen(nv *notesView) {
	rep := nv.end
	if rep == nil {
		return
	}
	L, P := p.L, p.P
	p.veil()
	top := L.Timeline.Bottom() + 2*L.Pad
	b := view.Rect{X: 3 * L.Pad, Y: top, W: L.W - 6*L.Pad, H: L.H - top - 3*L.Pad}
	p.roundRect(b, 10*L.Scale, P.Panel)
	p.frame(b, math.Max(2, 4*L.Scale), P.Facilitator.Color)
	in := b.Inset(2 * L.Pad)
	y := in.Y + view.LineHeight(L.Font.Heading)/2
	title := "END OF THE RUN"
	if !rep.Complete {
		title = "SO FAR: " + agents.Clock(rep.End)
	}
	cw := p.chip(P.Facilitator, title, in.X, y, L.Font.Heading, bold, false)
	p.text("E or Esc closes", in.Right(), y, L.Font.Small, regular, P.TextDim, end, center)
	p.text(p.fit(rep.Scenario.Meta.Name+": the scorecard against the CPK goals", in.W-cw-3*L.Pad-p.width("E or Esc closes", L.Font.Small, regular), L.Font.Body, regular),
		in.X+cw+L.Pad, y, L.Font.Body, regular, P.TextDim, start, center)
	y = in.Y + view.LineHeight(L.Font.Heading) + 1.5*L.Pad

	// The goals, three to a row, each with its indicators.
	cols := 3
	colW := in.W / float64(cols)
	line := view.LineHeight(L.Font.Body)
	rowH := view.LineHeight(L.Font.CardTitle) + 2*line + 2*L.Pad
	for i, g := range rep.Scorecard {
		x := in.X + float64(i%cols)*colW
		gy := y + float64(i/cols)*rowH
		p.text(p.fit(g.Goal, colW-L.Pad, L.Font.CardTitle, bold), x, gy, L.Font.CardTitle, bold, P.Text, start, start)
		iy := gy + view.LineHeight(L.Font.CardTitle)
		for _, ind := range g.Indicators {
			label := ind.Metric.Label + ": "
			p.text(label, x, iy, L.Font.Body, regular, P.TextDim, start, start)
			p.text(p.fit(ind.Text(), colW-L.Pad-p.width(label, L.Font.Body, regular), L.Font.Body, bold), x+p.width(label, L.Font.Body, regular), iy, L.Font.Body, bold, P.Text, start, start)
			iy += line
		}
	}
	y += rowH*math.Ceil(float64(len(rep.Scorecard))/float64(cols)) + L.Pad

	// The moments that mattered most.
	p.text("The moments that mattered most", in.X, y, L.Font.Heading, bold, P.Facilitator.Text, start, start)
	y += view.LineHeight(L.Font.Heading) + L.Pad*0.5
	for _, m := range rep.Moments {
		clock := agents.Clock(m.Time)
		p.text(clock, in.X, y, L.Font.Body, bold, P.Text, start, start)
		x := in.X + p.width("d00 00:00  ", L.Font.Body, bold)
		why := m.Mark + ":  "
		p.text(why, x, y, L.Font.Body, bold, P.Facilitator.Text, start, start)
		x += p.width(why, L.Font.Body, bold)
		p.text(p.fit(m.Line, in.Right()-x, L.Font.Body, regular), x, y, L.Font.Body, regular, P.Text, start, start)
		y += line + L.Pad*0.5
	}
	if len(rep.Moments) == 0 {
		p.text("Nothing has happened yet that mattered", in.X, y, L.Font.Body, regular, P.TextDim, start, start)
	}
	foot := "The full report, with each decision's counterfactual: cpkrange debrief SESSION.jsonl (the log of this run)"
	p.text(p.fit(foot, in.W, L.Font.Small, regular), in.X, in.Bottom(), L.Font.Small, regular, P.TextDim, start, end)
	p.flush()
}
