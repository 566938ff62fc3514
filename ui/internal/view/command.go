package view

import "fmt"

// CommandKind is what the facilitator asks for.
type CommandKind uint8

// The facilitator's commands. Live and Replay take the ones that make sense
// to them and ignore the rest.
const (
	CmdNone       CommandKind = iota
	CmdPause                  // pause or resume
	CmdStep                   // fire one event (replay: show the next record)
	CmdHour                   // advance one simulated hour
	CmdDay                    // advance one simulated day
	CmdBackHour               // replay: back one hour
	CmdBackDay                // replay: back one day
	CmdFaster                 // next speed up
	CmdSlower                 // next speed down
	CmdInjects                // open or close the list of injects
	CmdNumber                 // Arg 1–9: answer the decision, or fire that inject of the list
	CmdPage                   // Arg ±1: the inject list's next or previous page
	CmdRestart                // restart with the same seed (asks first)
	CmdScreenshot             // save the screen as a PNG
	CmdFullscreen             // toggle full screen
	CmdHelp                   // show or hide the keys
	CmdClose                  // close the overlay or the card on top
	CmdPrevStage              // replay: back to the previous stage change
	CmdNextStage              // replay: on to the next stage change
	CmdStart                  // replay: back to the start
	CmdEnd                    // replay: to the end
	CmdSeek                   // replay: to time Hours (a click on the timeline)
	CmdQuit                   // leave (saving the log)
	CmdConfirm                // confirm the deciding team's vote (facilitate --teams)
	CmdPicture                // the projector shows the truth, then each actor's picture in turn
	CmdJoin                   // show or hide the teams' join codes (facilitate --teams)
	CmdFutures                // live: open or close the futures of the decision on screen (package ui runs them)
	numCommands
)

// Command is one command: a kind and its argument.
type Command struct {
	Kind  CommandKind
	Arg   int     // CmdNumber: 1–9; CmdPage: ±1
	Hours float64 // CmdSeek
}

func (c Command) String() string {
	switch c.Kind {
	case CmdNumber, CmdPage:
		return fmt.Sprintf("%s %d", commandNames[c.Kind], c.Arg)
	case CmdSeek:
		return fmt.Sprintf("%s %gh", commandNames[c.Kind], c.Hours)
	}
	if int(c.Kind) < len(commandNames) {
		return commandNames[c.Kind]
	}
	return fmt.Sprintf("command(%d)", c.Kind)
}

var commandNames = [numCommands]string{
	"none", "pause", "step", "hour", "day", "back-hour", "back-day", "faster", "slower", "injects",
	"number", "page", "restart", "screenshot", "fullscreen", "help", "close", "prev-stage",
	"next-stage", "start", "end", "seek", "quit", "confirm", "picture", "join", "futures",
}

// Mode says where a binding works.
type Mode uint8

// Modes of the display.
const (
	ModeLive   Mode = 1 << iota // a running world
	ModeReplay                  // an event log
	modeBoth   = ModeLive | ModeReplay
)

// Binding maps keys to a command. Keys are ebiten key names
// (ebiten.Key.MarshalText): "Space", "KeyH" is written "H", "Digit1",
// "ArrowLeft", "F1". Ctrl means the key counts only with Control held. A
// binding with no keys is a line of the help only (the digits, which are
// nine bindings, are listed once that way).
type Binding struct {
	Keys  []string
	Ctrl  bool
	Label string // how the help overlay writes the keys
	Cmd   Command
	Modes Mode
	Help  string
}

// Bindings are every key of the display. The help overlay lists them (one
// line per Label) and package ui reads them, so this table is the one
// place keys are defined.
var Bindings = func() []Binding {
	b := []Binding{
		{Keys: []string{"Space"}, Label: "Space", Cmd: Command{Kind: CmdPause}, Modes: modeBoth, Help: "pause / resume"},
		{Keys: []string{"S", "Period"}, Label: "S or .", Cmd: Command{Kind: CmdStep}, Modes: modeBoth, Help: "step: one event"},
		{Keys: []string{"H"}, Label: "H", Cmd: Command{Kind: CmdHour}, Modes: ModeLive, Help: "advance one hour"},
		{Keys: []string{"D"}, Label: "D", Cmd: Command{Kind: CmdDay}, Modes: ModeLive, Help: "advance one day"},
		{Keys: []string{"ArrowRight"}, Label: "→", Cmd: Command{Kind: CmdHour}, Modes: ModeReplay, Help: "forward one hour"},
		{Keys: []string{"ArrowLeft"}, Label: "←", Cmd: Command{Kind: CmdBackHour}, Modes: ModeReplay, Help: "back one hour"},
		{Keys: []string{"PageDown"}, Label: "Page Down", Cmd: Command{Kind: CmdDay}, Modes: ModeReplay, Help: "forward one day"},
		{Keys: []string{"PageUp"}, Label: "Page Up", Cmd: Command{Kind: CmdBackDay}, Modes: ModeReplay, Help: "back one day"},
		{Keys: []string{"BracketLeft"}, Label: "[", Cmd: Command{Kind: CmdPrevStage}, Modes: ModeReplay, Help: "back to the previous stage change"},
		{Keys: []string{"BracketRight"}, Label: "]", Cmd: Command{Kind: CmdNextStage}, Modes: ModeReplay, Help: "on to the next stage change"},
		{Keys: []string{"Home"}, Label: "Home", Cmd: Command{Kind: CmdStart}, Modes: ModeReplay, Help: "back to the start"},
		{Keys: []string{"End"}, Label: "End", Cmd: Command{Kind: CmdEnd}, Modes: ModeReplay, Help: "to the end"},
		{Keys: []string{"Equal", "NumpadAdd", "ArrowUp"}, Label: "+ or ↑", Cmd: Command{Kind: CmdFaster}, Modes: modeBoth, Help: "faster"},
		{Keys: []string{"Minus", "NumpadSubtract", "ArrowDown"}, Label: "− or ↓", Cmd: Command{Kind: CmdSlower}, Modes: modeBoth, Help: "slower"},
		{Keys: []string{"I"}, Label: "I", Cmd: Command{Kind: CmdInjects}, Modes: ModeLive, Help: "list the injects to fire one now"},
		{Label: "1 – 9", Modes: ModeLive, Help: "answer the decision; fire that inject"},
		{Keys: []string{"Enter", "NumpadEnter"}, Label: "Enter", Cmd: Command{Kind: CmdConfirm}, Modes: ModeLive, Help: "confirm the team's vote"},
		{Keys: []string{"W"}, Label: "W", Cmd: Command{Kind: CmdFutures}, Modes: ModeLive, Help: "what if: the futures of the decision's options"},
		{Keys: []string{"PageDown"}, Label: "Page Down", Cmd: Command{Kind: CmdPage, Arg: 1}, Modes: ModeLive, Help: "inject list: next page"},
		{Keys: []string{"PageUp"}, Label: "Page Up", Cmd: Command{Kind: CmdPage, Arg: -1}, Modes: ModeLive, Help: "inject list: previous page"},
		{Keys: []string{"V"}, Label: "V", Cmd: Command{Kind: CmdPicture}, Modes: modeBoth, Help: "what each actor knows, in turn"},
		{Keys: []string{"J"}, Label: "J", Cmd: Command{Kind: CmdJoin}, Modes: ModeLive, Help: "the teams' join codes (--teams)"},
		{Keys: []string{"R"}, Label: "R, then R", Cmd: Command{Kind: CmdRestart}, Modes: ModeLive, Help: "restart with the same seed"},
		{Keys: []string{"P", "F12"}, Label: "P or F12", Cmd: Command{Kind: CmdScreenshot}, Modes: modeBoth, Help: "screenshot (a PNG file)"},
		{Keys: []string{"F", "F11"}, Label: "F or F11", Cmd: Command{Kind: CmdFullscreen}, Modes: modeBoth, Help: "full screen on / off"},
		{Keys: []string{"F1", "Slash"}, Label: "F1 or ?", Cmd: Command{Kind: CmdHelp}, Modes: modeBoth, Help: "this help"},
		{Keys: []string{"Escape"}, Label: "Esc", Cmd: Command{Kind: CmdClose}, Modes: modeBoth, Help: "close the overlay or card on top"},
		{Keys: []string{"Q"}, Ctrl: true, Label: "Ctrl+Q", Cmd: Command{Kind: CmdQuit}, Modes: modeBoth, Help: "quit (the event log is saved)"},
	}
	for n := 1; n <= 9; n++ { // listed once in the help, by the line above
		b = append(b, Binding{Keys: []string{fmt.Sprintf("Digit%d", n), fmt.Sprintf("Numpad%d", n)},
			Cmd: Command{Kind: CmdNumber, Arg: n}, Modes: ModeLive})
	}
	return b
}()

// HelpLines lists the keys of a mode for the help overlay: one line per
// labelled binding.
func HelpLines(mode Mode) [][2]string {
	var out [][2]string
	for _, b := range Bindings {
		if b.Modes&mode != 0 && b.Label != "" {
			out = append(out, [2]string{b.Label, b.Help})
		}
	}
	return out
}

// speeds are the speeds the facilitator steps through, in simulated hours
// per real second: from 15 minutes to a day a second. defaultSpeed (2 h/s)
// tells a 45-day scenario in about nine minutes, a 90-day one in eighteen,
// before the pauses for decisions.
var speeds = []float64{0.25, 0.5, 1, 2, 4, 8, 12, 24}

// defaultSpeed is the index in speeds of the speed a run starts at.
const defaultSpeed = 3

// speedLabel writes a speed for the header.
func speedLabel(hoursPerSecond float64) string {
	switch {
	case hoursPerSecond >= 24 && int(hoursPerSecond)%24 == 0:
		if hoursPerSecond == 24 {
			return "1 day/s"
		}
		return fmt.Sprintf("%d days/s", int(hoursPerSecond)/24)
	case hoursPerSecond < 1:
		return fmt.Sprintf("%.0f min/s", hoursPerSecond*60)
	}
	return fmt.Sprintf("%g h/s", hoursPerSecond)
}
