package view

import (
	"image/color"
	"math"

	"cpkrange/agents"
)

// The Okabe–Ito palette (Okabe & Ito, "Color Universal Design", 2002):
// eight colours told apart by people with any common colour-vision
// deficiency. The display uses them for meaning and never alone: every
// coloured thing also has a shape (Glyph) and, where there is room, a
// label.
var (
	okabeOrange     = color.NRGBA{230, 159, 0, 255}
	okabeSkyBlue    = color.NRGBA{86, 180, 233, 255}
	okabeGreen      = color.NRGBA{0, 158, 115, 255} // "bluish green"
	okabeYellow     = color.NRGBA{240, 228, 66, 255}
	okabeBlue       = color.NRGBA{0, 114, 178, 255}
	okabeVermillion = color.NRGBA{213, 94, 0, 255}
	okabePurple     = color.NRGBA{204, 121, 167, 255} // "reddish purple"
)

// Glyph is a shape drawn with a colour so that the colour is never the
// only cue.
type Glyph uint8

// The glyphs the display draws.
const (
	GlyphCircle   Glyph = iota // filled circle
	GlyphTriangle              // filled triangle, point up
	GlyphSquareX               // filled square with an X cut out
	GlyphRing                  // ring with a dot: something is being done
	GlyphSquare                // filled square
	GlyphDiamond               // filled diamond
	GlyphCheck                 // tick mark
	GlyphCross                 // X
	GlyphQuestion              // question mark
	GlyphDash                  // horizontal bar
	GlyphHexagon               // hexagon outline: the Cyberspace Safe Layer
	GlyphShield                // shield: the peacekeeping force
	GlyphEye                   // seen, not yet attributed
	GlyphWave                  // rumour ripples
	GlyphPlay                  // running
	GlyphPause                 // paused
)

// Style is how one value (a status, a stage, a rung) looks: a colour, the
// ink to write on that colour, a lighter colour for writing the value as
// text on the dark background, a glyph and a label.
type Style struct {
	Label string
	Color color.NRGBA // fills, strokes and chips
	Ink   color.NRGBA // text on a chip of Color
	Text  color.NRGBA // the value written as text on Background or Panel
	Glyph Glyph
}

// MethodStyle is how an attack arc of one method is drawn: its dash
// pattern (empty: solid) and width in units of the layout's scale, and the
// label written on it.
type MethodStyle struct {
	Label string
	Dash  []float64 // on, off, on, off... in px at scale 1
	Width float64   // px at scale 1
	Wavy  bool      // drawn as a wave (self-spreading)
}

// AssetState is an asset's state as the display shows it: the model's
// status, plus restoring when the force is helping bring it back.
type AssetState uint8

// Asset states, from best to worst, restoring last.
const (
	AssetWorking AssetState = iota
	AssetDegraded
	AssetDown
	AssetRestoring // down or degraded, and the force is restoring it
	numAssetStates
)

// Attribution is what the victim knows of an operation: the arc's colour.
type Attribution uint8

// Attribution states of an operation, in the order they can happen.
const (
	AttrUndetected   Attribution = iota // the victim has not noticed (the room sees it)
	AttrDetected                        // noticed, culprit not named yet
	AttrCorrect                         // the right state (or group) blamed
	AttrWrong                           // the wrong state blamed
	AttrUnattributed                    // the victim could not name anyone
	numAttributions
)

// Outcome is what an operation did at its target.
type Outcome uint8

// Outcomes of an operation.
const (
	OutcomePending Outcome = iota
	OutcomeSucceeded
	OutcomeFailed
	OutcomeBlocked // by the guardian on the Safe Layer
	numOutcomes
)

// Palette is every colour and shape of the display, in one table.
type Palette struct {
	Background color.NRGBA // the screen
	MapWater   color.NRGBA // the map's background
	MapGrid    color.NRGBA // the map's graticule
	Panel      color.NRGBA // panels, header, feed
	Edge       color.NRGBA // panel borders
	Text       color.NRGBA // main text
	TextDim    color.NRGBA // secondary text
	Shade      color.NRGBA // see-through veil under overlays

	Stage       [3]Style // by agents.Stage
	Status      [numAssetStates]Style
	Rung        [5]Style // by agents.Rung
	Attribution [numAttributions]Style
	Outcome     [numOutcomes]Style
	SafeLayer   Style
	Force       Style
	Rumour      Style
	Worm        Style
	Harm        Style
	Inject      Style
	Decision    Style
	Facilitator Style
	methods     map[string]MethodStyle
	Roles       map[string]string // role → one-letter badge
}

var black = color.NRGBA{0, 0, 0, 255}

// Default is the display's palette: dark background for a projector, Okabe–Ito
// colours, black ink on coloured chips.
var Default = Palette{
	Background: color.NRGBA{12, 16, 24, 255},
	MapWater:   color.NRGBA{16, 23, 36, 255},
	MapGrid:    color.NRGBA{34, 44, 62, 255},
	Panel:      color.NRGBA{24, 30, 42, 255},
	Edge:       color.NRGBA{70, 82, 104, 255},
	Text:       color.NRGBA{245, 246, 248, 255},
	TextDim:    color.NRGBA{188, 195, 207, 255},
	Shade:      color.NRGBA{6, 8, 12, 215},

	Stage: [3]Style{
		agents.PreConflict:  {"NO CONFLICT", okabeGreen, black, color.NRGBA{60, 200, 160, 255}, GlyphCircle},
		agents.Conflict:     {"CONFLICT", okabeVermillion, black, color.NRGBA{245, 135, 70, 255}, GlyphTriangle},
		agents.PostConflict: {"AFTER CONFLICT", okabeSkyBlue, black, okabeSkyBlue, GlyphSquare},
	},
	Status: [numAssetStates]Style{
		AssetWorking:   {"working", okabeGreen, black, color.NRGBA{60, 200, 160, 255}, GlyphCircle},
		AssetDegraded:  {"degraded", okabeYellow, black, okabeYellow, GlyphTriangle},
		AssetDown:      {"down", okabeVermillion, black, color.NRGBA{245, 135, 70, 255}, GlyphSquareX},
		AssetRestoring: {"restoring (CPK)", okabeSkyBlue, black, okabeSkyBlue, GlyphRing},
	},
	Rung: [5]Style{
		agents.RungNone:        {"none", color.NRGBA{128, 136, 150, 255}, black, color.NRGBA{170, 178, 192, 255}, GlyphDash},
		agents.RungProtest:     {"protest", okabeYellow, black, okabeYellow, GlyphSquare},
		agents.RungSanctions:   {"sanctions", okabeOrange, black, okabeOrange, GlyphSquare},
		agents.RungRetaliation: {"retaliation", okabeVermillion, black, color.NRGBA{245, 135, 70, 255}, GlyphSquare},
		agents.RungArmed:       {"ARMED", okabePurple, black, okabePurple, GlyphTriangle},
	},
	Attribution: [numAttributions]Style{
		AttrUndetected:   {"not detected yet", color.NRGBA{150, 158, 172, 255}, black, color.NRGBA{178, 186, 200, 255}, GlyphRing},
		AttrDetected:     {"detected, culprit not named", okabeYellow, black, okabeYellow, GlyphEye},
		AttrCorrect:      {"attributed correctly", okabeGreen, black, color.NRGBA{60, 200, 160, 255}, GlyphCheck},
		AttrWrong:        {"attributed WRONGLY", okabePurple, black, okabePurple, GlyphCross},
		AttrUnattributed: {"could not attribute", color.NRGBA{150, 158, 172, 255}, black, color.NRGBA{178, 186, 200, 255}, GlyphQuestion},
	},
	Outcome: [numOutcomes]Style{
		OutcomePending:   {"launched", color.NRGBA{150, 158, 172, 255}, black, color.NRGBA{178, 186, 200, 255}, GlyphCircle},
		OutcomeSucceeded: {"hit", okabeVermillion, black, color.NRGBA{245, 135, 70, 255}, GlyphDiamond},
		OutcomeFailed:    {"failed", color.NRGBA{150, 158, 172, 255}, black, color.NRGBA{178, 186, 200, 255}, GlyphDash},
		OutcomeBlocked:   {"blocked by CPK", okabeSkyBlue, black, okabeSkyBlue, GlyphShield},
	},
	SafeLayer:   Style{"Safe Layer", color.NRGBA{245, 246, 248, 255}, black, color.NRGBA{245, 246, 248, 255}, GlyphHexagon},
	Force:       Style{"CPK", okabeSkyBlue, black, okabeSkyBlue, GlyphShield},
	Rumour:      Style{"rumour", okabePurple, black, okabePurple, GlyphWave},
	Worm:        Style{"worm", okabeOrange, black, okabeOrange, GlyphDiamond},
	Harm:        Style{"harm", okabeVermillion, black, color.NRGBA{245, 135, 70, 255}, GlyphSquareX},
	Inject:      Style{"INJECT", okabeOrange, black, okabeOrange, GlyphSquare},
	Decision:    Style{"DECISION", okabeYellow, black, okabeYellow, GlyphDiamond},
	Facilitator: Style{"FACILITATOR", color.NRGBA{188, 195, 207, 255}, black, color.NRGBA{188, 195, 207, 255}, GlyphDash},
	methods: map[string]MethodStyle{
		"ddos":           {"DDoS", []float64{3, 6}, 3, false},
		"defacement":     {"defacement", []float64{14, 5, 3, 5}, 3, false},
		"intrusion":      {"intrusion", nil, 2.5, false},
		"espionage":      {"espionage", []float64{16, 8}, 2.5, false},
		"wiper":          {"WIPER", nil, 6, false},
		"ransomware":     {"ransomware", []float64{18, 6}, 5, false},
		"worm":           {"worm", nil, 3.5, true},
		"disinformation": {"disinfo", []float64{2, 7}, 3, false},
	},
	Roles: map[string]string{"guardian": "G", "mediator": "M", "coordinator": "C", "builder": "B"},
}

// Method returns the style of a method, and a plain solid line for a
// method the palette does not know.
func (p *Palette) Method(m string) MethodStyle {
	if s, ok := p.methods[m]; ok {
		return s
	}
	return MethodStyle{Label: m, Width: 2.5}
}

// relativeLuminance is WCAG 2.x's relative luminance of an opaque colour.
func relativeLuminance(c color.NRGBA) float64 {
	lin := func(v uint8) float64 {
		x := float64(v) / 255
		if x <= 0.04045 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c.R) + 0.7152*lin(c.G) + 0.0722*lin(c.B)
}

// contrastRatio is WCAG 2.x's contrast ratio of two opaque colours, from 1
// to 21. Text needs at least 4.5 (AA), large text and shapes 3.
func contrastRatio(a, b color.NRGBA) float64 {
	la, lb := relativeLuminance(a), relativeLuminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// colorPair is a foreground drawn on a background, for the contrast tests.
type colorPair struct {
	Name   string
	fg, Bg color.NRGBA
	Text   bool // text needs 4.5:1; shapes 3:1
}

// pairs lists every foreground the display draws on every background it
// draws it on.
func (p *Palette) pairs() []colorPair {
	var out []colorPair
	bgs := []struct {
		name string
		c    color.NRGBA
	}{{"background", p.Background}, {"panel", p.Panel}, {"map", p.MapWater}}
	add := func(name string, s Style) {
		out = append(out, colorPair{name + " ink on chip", s.Ink, s.Color, true})
		for _, bg := range bgs {
			out = append(out, colorPair{name + " text on " + bg.name, s.Text, bg.c, true})
			out = append(out, colorPair{name + " shape on " + bg.name, s.Color, bg.c, false})
		}
	}
	for _, bg := range bgs {
		out = append(out, colorPair{"text on " + bg.name, p.Text, bg.c, true})
		out = append(out, colorPair{"dim text on " + bg.name, p.TextDim, bg.c, true})
	}
	for _, s := range p.Stage {
		add("stage "+s.Label, s)
	}
	for _, s := range p.Status {
		add("status "+s.Label, s)
	}
	for _, s := range p.Rung {
		add("rung "+s.Label, s)
	}
	for _, s := range p.Attribution {
		add("attribution "+s.Label, s)
	}
	for _, s := range p.Outcome {
		add("outcome "+s.Label, s)
	}
	for _, s := range []Style{p.SafeLayer, p.Force, p.Rumour, p.Worm, p.Harm, p.Inject, p.Decision, p.Facilitator} {
		add(s.Label, s)
	}
	return out
}
