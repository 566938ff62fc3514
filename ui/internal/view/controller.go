package view

import "path/filepath"

// core is what a live run and a replay control alike: the speed, the frame
// count, the help overlay, the card on screen, the short notice and what
// the window is asked to do. Each controller embeds one and hands it the
// commands it does not handle itself (do).
type core struct {
	tps                   int
	speed                 int
	tick                  int
	help                  bool
	cardSeq               int // the card on screen (Model.Card.Seq)
	cardFrom              int // the tick it appeared
	cardShut              int // the card closed with Esc
	flash                 string
	flashFrom, flashUntil int
	req                   Requests
	actor                 int  // the picture on the projector: 0 the truth, i the i-th actor's (V)
	join                  bool // the teams' join codes on screen (J)
}

// mode is what differs between a live run and a replay under the commands
// the core handles.
type mode interface {
	// command records a command of the facilitator in the run's log; a
	// replay records nothing.
	command(name, arg string)
	shotName() string
	// closeOverlay closes the mode's own overlay (the inject list),
	// reporting whether one was open.
	closeOverlay() bool
	// quit saves what must be saved before the window closes.
	quit()
	// shown is the model the screen shows now.
	shown() *Model
}

func newCore(tps int) core {
	if tps <= 0 {
		tps = 60
	}
	return core{tps: tps, speed: defaultSpeed}
}

func (c *core) speedHours() float64 { return speeds[c.speed] }

// do applies a command every mode takes alike, reporting whether it was
// one.
func (c *core) do(cmd Command, m mode) bool {
	switch cmd.Kind {
	case CmdFaster, CmdSlower:
		next := c.speed + 1
		if cmd.Kind == CmdSlower {
			next = c.speed - 1
		}
		if next < 0 || next >= len(speeds) {
			return true
		}
		c.speed = next
		m.command("speed", speedLabel(c.speedHours()))
		c.notice("speed " + speedLabel(c.speedHours()))
	case CmdScreenshot:
		name := m.shotName()
		m.command("screenshot", filepath.Base(name))
		c.req.Screenshot = name
		c.notice("screenshot saved: " + filepath.Base(name))
		c.flashFrom = c.tick + 2 // not in the screenshot itself
	case CmdFullscreen:
		m.command("fullscreen", "")
		c.req.Fullscreen = true
	case CmdHelp:
		c.help = !c.help
		m.closeOverlay()
	case CmdClose:
		switch {
		case c.help:
			c.help = false
		case m.closeOverlay():
		case c.cardSeq > c.cardShut:
			c.cardShut = c.cardSeq
		}
	case CmdPicture:
		c.notice(c.nextActor(m.shown()))
	case CmdJoin:
		c.join = !c.join
	case CmdQuit:
		m.command("quit", "")
		m.quit()
		c.req.Quit = true
	default:
		return false
	}
	return true
}

func (c *core) notice(s string) {
	c.flash = s
	c.flashFrom, c.flashUntil = c.tick, c.tick+3*c.tps
}

// trackCard notes when a new card appeared.
func (c *core) trackCard(m *Model) {
	if card := m.Card; card.seq != c.cardSeq {
		c.cardSeq, c.cardFrom = card.seq, c.tick
	}
}

// skipOldCards keeps the cards raised before time t off the screen after
// a jump there, unless they are from the last two hours: still news.
func (c *core) skipOldCards(m *Model, t float64) {
	c.cardShut = m.Card.seq
	if m.Card.seq > 0 && t-m.Card.Time <= 2 {
		c.cardShut = 0
	}
}

// TakeRequests returns what the window should do this frame and forgets
// it.
func (c *core) TakeRequests() Requests {
	r := c.req
	c.req = Requests{}
	return r
}

// frame fills what every mode's Frame shows alike.
func (c *core) frame(m *Model, f *Frame) {
	f.Model, f.Speed, f.Tick, f.Help = m, speedLabel(c.speedHours()), c.tick, c.help
	f.Waiting = len(m.prompts) > 0
	if p, ok := m.Prompt(); ok {
		f.Prompt = &p
	}
	if card := m.Card; card.seq > 0 && card.seq == c.cardSeq && card.seq > c.cardShut && c.tick-c.cardFrom < cardSeconds*c.tps {
		f.Card = &card
	}
	if c.tick >= c.flashFrom && c.tick < c.flashUntil {
		f.Flash = c.flash
	}
	c.pictureFrame(m, f)
}
