package view

import "cpkrange/agents"

// Frame is everything the screen shows at one frame, built by a controller
// in its Update; Draw reads it and changes nothing.
type Frame struct {
	Mode   Mode
	Model  *Model
	Source string // the scenario's bundled name or file
	Run    int    // 1, then 2 after a restart, ...

	Paused  bool
	Waiting bool // paused for a decision
	Ended   bool
	Speed   string
	Tick    int // frames since the start: the only clock animations use

	Help    bool
	Menu    *Menu   // the inject list, when open
	Confirm string  // a question waiting for a key (restart), or ""
	Prompt  *Prompt // the decision on screen, when one waits
	Card    *Card   // an inject or an answer, for a while
	Flash   string  // a short notice (screenshot saved, ...)
	// Picture is the actor whose knowledge the projector shows instead of
	// the truth (V), or nil; Join shows the teams' join codes (J).
	Picture *agents.Picture
	Join    bool

	Timeline Timeline
	Position string // replay: where in the log
}

// Menu is the list of injects the facilitator can fire.
type Menu struct {
	Title string
	items []MenuItem // this page's items, numbered from 1
	page  int        // from 1
	pages int
}

// MenuItem is one inject of the list.
type MenuItem struct {
	Label string
	note  string // when it is scheduled, or that it fired
	Done  bool   // fired already
}

// Timeline is the run from 0 to the horizon: the stages, the injects and
// decisions, and the cursor.
type Timeline struct {
	Horizon   float64
	Now       float64
	Stages    []StageChange // known stage changes: so far (live) or all (replay)
	End       float64       // how far Stages are known
	Injects   []float64     // scheduled (live) or fired (replay)
	Decisions []float64
	Scrub     bool // clicking jumps there (replay)
}

// TimeAt is the simulated time under x on a timeline drawn in r.
func (t Timeline) TimeAt(r Rect, x float64) float64 {
	if r.W <= 0 {
		return 0
	}
	f := (x - r.X) / r.W
	return t.Horizon * max(0, min(1, f))
}

// XAt is where time h is on a timeline drawn in r.
func (t Timeline) XAt(r Rect, h float64) float64 {
	if t.Horizon <= 0 {
		return r.X
	}
	return r.X + r.W*max(0, min(1, h/t.Horizon))
}
