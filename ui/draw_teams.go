package ui

import (
	"image"
	"math"

	"github.com/hajimehoshi/ebiten/v2"

	"cpkrange/agents"
	"cpkrange/scenarios"
	"cpkrange/ui/internal/view"
)

// JoinLink is a team's way into a session with teams on their own devices
// (facilitate --teams): its name, its address and the address as a QR code,
// which the projector shows (J) for the teams to scan.
type JoinLink struct {
	Name, URL string
	QR        image.Image
}

// joinCodes are the join links with their QR codes as images the screen
// can draw, made once.
type joinCodes struct {
	links []JoinLink
	imgs  []*ebiten.Image
}

func newJoinCodes(links []JoinLink) *joinCodes {
	j := &joinCodes{links: links}
	for _, l := range links {
		j.imgs = append(j.imgs, ebiten.NewImageFromImage(l.QR))
	}
	return j
}

// teamOverlays draws, over the screen, one actor's picture (V) and the
// teams' join codes (J).
func (p *painter) teamOverlays(f *view.Frame, j *joinCodes) {
	if f.Picture != nil && f.Model != nil {
		p.picture(f.Model, f.Picture)
		p.flush()
	}
	if f.Join && j != nil && len(j.links) > 0 {
		p.joinCodes(j)
		p.flush()
	}
}

// picture covers the map with what one actor knows: the attacks it knows
// of and what it believes about each, and its assets' status. The map
// underneath shows the truth; this is the fog the room is asked to see.
func (p *painter) picture(m *view.Model, pic *agents.Picture) {
	L, P := p.L, p.P
	r := L.Map
	p.roundRect(r, 8*L.Scale, P.Panel)
	p.frame(r, math.Max(2, 4*L.Scale), P.Decision.Color)
	in := r.Inset(2 * L.Pad)
	y := in.Y + view.LineHeight(L.Font.Heading)/2
	cw := p.chip(P.Decision, "WHAT "+upper(m.ActorName(pic.Actor))+" KNOWS", in.X, y, L.Font.Heading, bold, false)
	p.text(p.fit("V: the next actor, then the truth", in.W-cw-L.Pad, L.Font.Small, regular), in.Right(), y, L.Font.Small, regular, P.TextDim, end, center)
	y = in.Y + view.LineHeight(L.Font.Heading) + L.Pad
	colW := (in.W - 2*L.Pad) / 2
	px := L.Font.Body
	lh := view.LineHeight(px)
	small := view.LineHeight(L.Font.Small)
	// Left: the attacks it knows of, newest first.
	p.text("Attacks it knows of", in.X, y, L.Font.Card, bold, P.Text, start, start)
	ay := y + view.LineHeight(L.Font.Card)
	atks := pic.Attacks()
	if len(atks) == 0 {
		p.text("none: every attack so far went unnoticed, or hit others", in.X, ay, px, regular, P.TextDim, start, start)
	}
	for i := len(atks) - 1; i >= 0 && ay+lh+small <= in.Bottom(); i-- {
		a := atks[i]
		target := m.Scenario.Meta.Name
		if n := assetName(m, a.Target); n != "" {
			target = n
		}
		line := agents.Clock(a.Since) + "  " + view.Default.Method(a.Method).Label + " on " + target
		p.text(p.fit(line, colW, px, regular), in.X, ay, px, regular, P.Text, start, start)
		p.text(p.fit(belief(m, a), colW, L.Font.Small, bold), in.X+L.Pad, ay+lh, L.Font.Small, bold, P.Decision.Text, start, start)
		ay += lh + small + L.Pad*0.3
	}
	// Right: its assets.
	x := in.X + colW + 2*L.Pad
	title := "Its assets"
	if pic.Actor == "force" {
		title = "Assets it monitors"
	}
	p.text(title, x, y, L.Font.Card, bold, P.Text, start, start)
	sy := y + view.LineHeight(L.Font.Card)
	assets := pic.Assets()
	if len(assets) == 0 {
		p.text("none it can see", x, sy, px, regular, P.TextDim, start, start)
	}
	for _, a := range assets {
		if sy+lh > in.Bottom() {
			break
		}
		c := P.Text
		if a.Status != agents.Working {
			c = P.Decision.Text
		}
		p.text(p.fit(a.Name, colW*0.7, px, regular), x, sy, px, regular, P.Text, start, start)
		p.text(a.Status.String(), x+colW, sy, px, bold, c, end, start)
		sy += lh
	}
}

func assetName(m *view.Model, id string) string {
	for _, a := range m.Scenario.Assets {
		if a.ID == id {
			if a.Name != "" {
				return a.Name
			}
			return a.ID
		}
	}
	for _, s := range m.Scenario.States {
		if s.ID == id {
			return s.Name
		}
	}
	return ""
}

func belief(m *view.Model, a agents.KnownAttack) string {
	switch a.Belief {
	case agents.BeliefOwn:
		return "its own group's operation"
	case agents.BeliefBlames:
		if a.Blamed == "" {
			return "blames a group with no state behind it"
		}
		return "blames " + m.ActorName(a.Blamed)
	case agents.BeliefNoName:
		return "could not name anyone"
	}
	return "detected: who is behind it is not known"
}

// joinCodes shows one QR code per team with its name and address, for the
// teams to scan from the room.
func (p *painter) joinCodes(j *joinCodes) {
	L, P := p.L, p.P
	p.veil()
	b := L.Dialog
	p.roundRect(b, 10*L.Scale, P.Panel)
	p.frame(b, math.Max(2, 4*L.Scale), P.Text)
	p.flush() // the panel under the codes, drawn now
	in := b.Inset(2 * L.Pad)
	p.text("Join your team: scan your code", in.X, in.Y, L.Font.Title, bold, P.Text, start, start)
	top := in.Y + view.LineHeight(L.Font.Title) + L.Pad
	foot := view.LineHeight(L.Font.Small) + L.Pad
	n := len(j.links)
	cols := min(n, 4)
	rows := (n + cols - 1) / cols
	cellW := in.W / float64(cols)
	cellH := (in.Bottom() - foot - top) / float64(rows)
	label := view.LineHeight(L.Font.Body) + view.LineHeight(L.Font.Small)
	side := math.Max(16, math.Min(cellW-L.Pad, cellH-label-L.Pad))
	for i, l := range j.links {
		cx := in.X + float64(i%cols)*cellW + cellW/2
		cy := top + float64(i/cols)*cellH
		img := j.imgs[i]
		op := &ebiten.DrawImageOptions{}
		sz := float64(img.Bounds().Dx())
		op.GeoM.Scale(side/sz, side/sz)
		op.GeoM.Translate(cx-side/2, cy)
		op.Filter = ebiten.FilterNearest // a QR code's modules stay sharp
		p.dst.DrawImage(img, op)
		p.text(p.fit(l.Name, cellW-L.Pad, L.Font.Body, bold), cx, cy+side+L.Pad*0.3, L.Font.Body, bold, P.Text, center, start)
		p.text(p.fit(l.URL, cellW-L.Pad, L.Font.Small, regular), cx, cy+side+L.Pad*0.3+view.LineHeight(L.Font.Body), L.Font.Small, regular, P.TextDim, center, start)
	}
	p.text(p.fit("Each code opens one team's page: keep yours to your team · J hides the codes", in.W, L.Font.Small, regular), in.X, in.Bottom(), L.Font.Small, regular, P.TextDim, start, end)
}

func upper(s string) string {
	out := []rune(s)
	for i, r := range out {
		if r >= 'a' && r <= 'z' {
			out[i] = r - 'a' + 'A'
		}
	}
	return string(out)
}

// Names names things as the screen does (states by name, methods by their
// labels), for the teams' pages.
func Names(sc *scenarios.Scenario) agents.Namer { return view.Names(sc) }
