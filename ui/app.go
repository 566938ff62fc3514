package ui

import (
	"errors"
	"fmt"
	"image"
	"image/png"
	"os"
	"slices"
	"time"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/inpututil"

	"cpkrange/ui/internal/view"
)

// LiveConfig is what a live session runs: the scenario, its seed, where
// its event log goes and how far to run it before the first frame.
type LiveConfig = view.LiveConfig

// ReplayConfig is what a replay plays: an event log and the scenario it
// was recorded from.
type ReplayConfig = view.ReplayConfig

// Config is one session of the display.
type Config struct {
	Live   *LiveConfig   // a live run; nil for a replay
	Replay *ReplayConfig // a replay, when Live is nil

	Width, Height int  // the window's size (default 1920 × 1080, 1280 × 720 on a smaller screen)
	FixedSize     bool // draw exactly Width × Height whatever the window (screenshots)
	Fullscreen    bool
	Briefing      bool // start on the briefing; Space starts the run

	// Screenshot, when set, saves the screen as a PNG after Frames frames
	// and ends the session.
	Screenshot string
	Frames     int

	// Stats, when not nil, collects frame times (for docs/performance.md).
	Stats *Stats
	// Show opens an overlay before the first frame: "help", "injects",
	// "briefing", "join", "futures", "end" or "note" (for documentation
	// screenshots; "note" shows the field with a sample note typed).
	Show string

	// QuitAfter, when positive, ends an interactive session after that many
	// updates (to measure frame times).
	QuitAfter int

	// Join are the teams' links when they play from their own devices
	// (facilitate --teams): J shows their QR codes, open at the start.
	Join []JoinLink
}

// Stats are frame times measured over a session, in the wall clock: they
// describe the machine, not the run, and never reach the screen.
type Stats struct {
	Draws   []time.Duration // between the starts of consecutive Draws
	Updates []time.Duration // time spent in each Update (the simulation and input)
	Sim     float64         // the simulated clock at the last frame
	SimFrom float64         // and at the first
	Wall    time.Duration   // from the first to the last frame
	last    time.Time
	first   time.Time
}

// Result is what a session leaves behind.
type Result struct {
	Logs []string // event logs written
}

// controller is what a running scene drives: view.Live or view.Replay.
type controller interface {
	Do(view.Command)
	Update(dt float64)
	Frame() view.Frame
	TakeRequests() view.Requests
}

// scene is one screen of the session; the scene manager switches them.
type scene interface {
	update(g *game) error
	draw(p *painter)
}

// game is the ebiten.Game: the scene manager and what every scene shares.
type game struct {
	cfg    Config
	fonts  *fonts
	scene  scene
	w, h   int
	layout view.Layout

	updates  int
	lastTick time.Time // the wall time of the last Update (live pacing only)
	shotPath string    // a screenshot to take at the next Draw
	shotDone bool
	quit     bool
	err      error
}

// Run opens the window and runs the session until the window closes, the
// facilitator quits, or the screenshot is taken.
func Run(cfg Config) (Result, error) {
	f, err := newFonts()
	if err != nil {
		return Result{}, err
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		cfg.Width, cfg.Height = 1920, 1080
		if mw, mh := ebiten.Monitor().Size(); mw > 0 && (mw < 1920 || mh < 1080) {
			cfg.Width, cfg.Height = 1280, 720
		}
	}
	g := &game{cfg: cfg, fonts: f}
	var live *view.Live
	var run scene
	title := "cpkrange"
	if cfg.Live != nil {
		live, err = view.NewLive(*cfg.Live)
		if err != nil {
			return Result{}, err
		}
		run = &runScene{ctl: live, mode: view.ModeLive, live: live}
		if len(cfg.Join) > 0 {
			run.(*runScene).join = newJoinCodes(cfg.Join)
			if cfg.Screenshot == "" || cfg.Show == "join" { // the codes first, for the teams to scan
				live.Do(view.Command{Kind: view.CmdJoin})
			}
		}
		title += " · " + cfg.Live.Scenario.Meta.Name
	} else if cfg.Replay != nil {
		run = &runScene{ctl: view.NewReplay(*cfg.Replay), mode: view.ModeReplay}
		title += " · replay · " + cfg.Replay.Scenario.Meta.Name
	} else {
		return Result{}, errors.New("ui: nothing to show: no live run and no replay")
	}
	g.scene = run
	if rs, ok := run.(*runScene); ok {
		switch cfg.Show {
		case "help":
			rs.ctl.Do(view.Command{Kind: view.CmdHelp})
		case "injects":
			rs.ctl.Do(view.Command{Kind: view.CmdInjects})
		case "futures":
			if rs.live != nil {
				rs.frame = rs.ctl.Frame()
				rs.futures.toggle(rs.live, &rs.frame)
			}
		case "end":
			if rs.live != nil {
				rs.notes.openEnd(rs.live)
				rs.notes.endSeen = true
			}
		case "note":
			if rs.live != nil {
				rs.live.OpenNote(&rs.notes.field)
				rs.notes.field.Type([]rune("The room split on whether the forum posts are evidence"))
			}
		}
	}
	if cfg.Live != nil && ((cfg.Briefing && cfg.Screenshot == "") || cfg.Show == "briefing") {
		sc := cfg.Live.Scenario
		g.scene = &briefingScene{name: sc.Meta.Name, summary: sc.Meta.Summary, text: sc.Meta.Briefing, source: cfg.Live.Source, next: run}
	}
	title, _ = view.Clip(title, 200) // a scenario's name may be megabytes long
	ebiten.SetWindowTitle(title)
	ebiten.SetWindowSize(cfg.Width, cfg.Height)
	ebiten.SetWindowResizingMode(ebiten.WindowResizingModeEnabled)
	ebiten.SetFullscreen(cfg.Fullscreen)
	ebiten.SetScreenClearedEveryFrame(true)
	err = ebiten.RunGame(g)
	res := Result{}
	if live != nil {
		if serr := live.Save(); serr != nil && err == nil {
			err = serr
		}
		if lerr := live.Err(); lerr != nil && err == nil {
			err = lerr
		}
		res.Logs = live.Logs()
	}
	if err == nil {
		err = g.err
	}
	return res, err
}

// Update reads input, applies it to the scene and advances it.
func (g *game) Update() error {
	if g.err != nil || g.quit {
		return ebiten.Termination
	}
	if g.shotPath != "" && !g.shotDone {
		return nil // hold the state still until the screenshot is taken
	}
	if g.shotDone {
		g.shotPath, g.shotDone = "", false
		if g.cfg.Screenshot != "" {
			return ebiten.Termination
		}
	}
	var t0 time.Time
	if g.cfg.Stats != nil {
		t0 = time.Now()
	}
	if err := g.scene.update(g); err != nil {
		return err
	}
	g.updates++
	if g.cfg.Stats != nil {
		g.cfg.Stats.Updates = append(g.cfg.Stats.Updates, time.Since(t0))
	}
	if g.cfg.QuitAfter > 0 && g.updates >= g.cfg.QuitAfter {
		g.quit = true
	}
	if g.cfg.Screenshot != "" && g.updates >= max(1, g.cfg.Frames) && g.shotPath == "" {
		g.shotPath = g.cfg.Screenshot
	}
	return nil
}

// Draw draws the scene and, when asked, saves the screen.
func (g *game) Draw(screen *ebiten.Image) {
	if s := g.cfg.Stats; s != nil {
		now := time.Now()
		if !s.last.IsZero() {
			s.Draws = append(s.Draws, now.Sub(s.last))
		} else {
			s.first = now
		}
		s.last = now
		s.Wall = now.Sub(s.first)
	}
	p := &painter{dst: screen, f: g.fonts, L: g.layout, P: &view.Default}
	g.scene.draw(p)
	if g.shotPath != "" && !g.shotDone {
		if err := savePNG(screen, g.shotPath); err != nil && g.err == nil {
			g.err = fmt.Errorf("ui: screenshot: %w", err)
		}
		g.shotDone = true
	}
}

// Layout sizes the screen: exactly the configured size for screenshots,
// else the window's size in device pixels.
func (g *game) Layout(outsideW, outsideH int) (int, int) {
	w, h := g.cfg.Width, g.cfg.Height
	if !g.cfg.FixedSize {
		s := ebiten.Monitor().DeviceScaleFactor()
		w, h = int(float64(outsideW)*s), int(float64(outsideH)*s)
	}
	w, h = max(w, 320), max(h, 180)
	if w != g.w || h != g.h {
		g.w, g.h = w, h
		g.layout = view.NewLayout(w, h)
	}
	return w, h
}

// step is the real time, in seconds, the run advances by in this Update.
// A session that takes a screenshot steps exactly 1/TPS each Update, so
// that frame N shows the same thing on every machine. An interactive
// session steps by the wall time since the last Update, at most three
// seconds (a longer stall is lost, not caught up), so that the world keeps
// to its speed in real time even when a software renderer draws fewer
// frames than ebiten's 60 updates a second (ebiten runs at most five
// updates a frame to catch up).
func (g *game) step() float64 {
	tick := 1 / float64(ebiten.TPS())
	if g.cfg.Screenshot != "" {
		return tick
	}
	now := time.Now()
	if g.lastTick.IsZero() {
		g.lastTick = now
		return tick
	}
	dt := now.Sub(g.lastTick).Seconds()
	g.lastTick = now
	return max(0, min(dt, 3))
}

func savePNG(img *ebiten.Image, path string) error {
	b := img.Bounds()
	rgba := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	img.ReadPixels(rgba.Pix)
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	enc := png.Encoder{CompressionLevel: png.DefaultCompression}
	if err := enc.Encode(f, rgba); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// runScene is the live run or the replay.
type runScene struct {
	ctl     controller
	live    *view.Live  // the live run; nil in a replay
	futures futuresView // the futures of the decision on screen (live)
	notes   notesView   // the note field and the end screen (live)
	mode    view.Mode
	frame   view.Frame
	geom    view.MapGeom
	gkey    geomKey
	join    *joinCodes // the teams' join codes (--teams), or nil
}

type geomKey struct {
	m    *view.Model
	w, h float64
}

func (s *runScene) update(g *game) error {
	if s.live != nil && s.notes.typing() {
		s.notes.update(s.live) // the field takes the keyboard
	} else {
		for _, c := range readCommands(s.mode, g, &s.frame) {
			if s.live != nil && (s.futures.intercept(c, s.live, &s.frame) || s.notes.intercept(c, s.live)) {
				continue
			}
			s.ctl.Do(c)
		}
	}
	if s.futures.open && g.cfg.Screenshot != "" {
		<-s.futures.done // a screenshot shows the futures finished, the same on every machine
	}
	s.ctl.Update(g.step())
	s.frame = s.ctl.Frame()
	if s.live != nil {
		s.futures.follow(s.live, &s.frame)
		s.notes.follow(s.live)
	}
	req := s.ctl.TakeRequests()
	if req.Fullscreen {
		ebiten.SetFullscreen(!ebiten.IsFullscreen())
	}
	if req.Screenshot != "" {
		g.shotPath = req.Screenshot
	}
	if req.Quit {
		g.quit = true
	}
	if st := g.cfg.Stats; st != nil {
		if len(st.Updates) == 0 {
			st.SimFrom = s.frame.Model.Now
		}
		st.Sim = s.frame.Model.Now
	}
	// The map's geometry depends on the model's states and the screen.
	k := geomKey{s.frame.Model, g.layout.W, g.layout.H}
	if k != s.gkey {
		s.gkey = k
		s.geom = view.PlaceMap(s.frame.Model, g.layout.Map, g.layout.Scale, g.layout.Font.Small, g.layout.Font.Body)
	}
	return nil
}

func (s *runScene) draw(p *painter) {
	if s.frame.Model == nil {
		p.dst.Fill(p.P.Background)
		return
	}
	p.drawScreen(&s.frame, &s.geom)
	p.teamOverlays(&s.frame, s.join)
	p.futures(&s.futures)
	p.endScreen(&s.notes)
	p.noteField(&s.notes)
}

// briefingScene shows the scenario's read-ahead until Space or Enter.
type briefingScene struct {
	name, summary, text, source string
	next                        scene
	help                        bool
	page                        int       // the page of the read-ahead shown, from 0
	pages                       textPages // the read-ahead wrapped, up to the page shown
}

func (b *briefingScene) update(g *game) error {
	if inpututil.IsKeyJustPressed(ebiten.KeySpace) || inpututil.IsKeyJustPressed(ebiten.KeyEnter) || inpututil.IsKeyJustPressed(ebiten.KeyNumpadEnter) {
		g.scene = b.next
		return nil
	}
	if inpututil.IsKeyJustPressed(ebiten.KeyPageDown) || inpututil.IsKeyJustPressed(ebiten.KeyArrowDown) {
		if b.pages.more {
			b.page++
		}
	}
	if (inpututil.IsKeyJustPressed(ebiten.KeyPageUp) || inpututil.IsKeyJustPressed(ebiten.KeyArrowUp)) && b.page > 0 {
		b.page--
	}
	if inpututil.IsKeyJustPressed(ebiten.KeyF1) || inpututil.IsKeyJustPressed(ebiten.KeySlash) {
		b.help = !b.help
	}
	if inpututil.IsKeyJustPressed(ebiten.KeyEscape) {
		b.help = false
	}
	if inpututil.IsKeyJustPressed(ebiten.KeyF11) || inpututil.IsKeyJustPressed(ebiten.KeyF) {
		ebiten.SetFullscreen(!ebiten.IsFullscreen())
	}
	if ebiten.IsKeyPressed(ebiten.KeyControl) && inpututil.IsKeyJustPressed(ebiten.KeyQ) {
		g.quit = true
	}
	return nil
}

func (b *briefingScene) draw(p *painter) {
	p.briefing(b.name, b.summary, b.text, b.source, b.page, &b.pages)
	p.flush()
	if b.help {
		p.veil()
		p.help(view.ModeLive)
		p.flush()
	}
}

// keys maps the bindings' key names to ebiten keys, once.
var keys = func() map[string]ebiten.Key {
	out := map[string]ebiten.Key{}
	for _, b := range view.Bindings {
		for _, name := range b.Keys {
			var k ebiten.Key
			if err := k.UnmarshalText([]byte(name)); err == nil {
				out[name] = k
			}
		}
	}
	return out
}()

// readCommands turns this frame's key presses and clicks into commands.
func readCommands(mode view.Mode, g *game, f *view.Frame) []view.Command {
	var out []view.Command
	ctrl := ebiten.IsKeyPressed(ebiten.KeyControl) || ebiten.IsKeyPressed(ebiten.KeyMeta)
	for _, b := range view.Bindings {
		if b.Modes&mode == 0 || b.Ctrl != ctrl {
			continue
		}
		for _, name := range b.Keys {
			if k, ok := keys[name]; ok && inpututil.IsKeyJustPressed(k) {
				// Page Up/Down page the inject list only while it is open.
				if b.Cmd.Kind == view.CmdPage && f.Menu == nil {
					continue
				}
				out = append(out, b.Cmd)
				break
			}
		}
	}
	if inpututil.IsMouseButtonJustPressed(ebiten.MouseButtonLeft) {
		cx, cy := ebiten.CursorPosition()
		x, y := float64(cx), float64(cy)
		measure := g.fonts.measure(regular)
		switch {
		case f.Menu != nil:
			if n := view.MenuGeom(g.layout, *f.Menu, measure).Hit(x, y); n > 0 {
				out = append(out, view.Command{Kind: view.CmdNumber, Arg: n})
			}
		case f.Prompt != nil && mode == view.ModeLive && !f.Help:
			if n := view.PromptGeom(g.layout, *f.Prompt, false, measure).Hit(x, y); n > 0 {
				out = append(out, view.Command{Kind: view.CmdNumber, Arg: n})
			}
		case f.Timeline.Scrub && g.layout.Timeline.Contains(x, y):
			out = append(out, view.Command{Kind: view.CmdSeek, Hours: f.Timeline.TimeAt(view.TimelineBar(g.layout), x)})
		}
	}
	// A command reached twice by two keys of one binding counts once.
	return slices.CompactFunc(out, func(a, b view.Command) bool { return a == b })
}
