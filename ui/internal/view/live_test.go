package view

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"cpkrange/agents"
)

const tick = 1.0 / 60

func newLive(t *testing.T, cfg LiveConfig) *Live {
	t.Helper()
	if cfg.Scenario == nil {
		cfg.Scenario = bundled(t)["ddos-election"]
		cfg.Source = "ddos-election"
		cfg.Seed = cfg.Scenario.Meta.Seed
	}
	l, err := NewLive(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func readLog(t *testing.T, path string) (agents.LogHeader, []agents.Record) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	h, recs, err := agents.ReadLog(path, bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return h, recs
}

func commands(recs []agents.Record) []string {
	var out []string
	for _, r := range recs {
		if r.Kind == agents.KindCommand {
			out = append(out, strings.TrimSpace(r.Function+" "+r.Text))
		}
	}
	return out
}

// A live run moves at the speed, stops at a decision, takes the answer and
// goes on; every command is in the log.
func TestLiveRunsAndPausesForDecisions(t *testing.T) {
	logPath := filepath.Join(t.TempDir(), "session.jsonl")
	l := newLive(t, LiveConfig{Log: logPath})
	sc := l.cfg.Scenario
	l.Update(tick)
	if got := l.world.Now(); got < 2*tick-1e-9 || got > 2*tick+1e-9 {
		t.Fatalf("after one frame at 2 h/s the clock is at %g h", got)
	}
	first := sc.Decisions[0].At.Hours()
	for i := 0; i < 100000 && !l.Paused(); i++ {
		l.Update(1) // a second a frame: two hours
	}
	if !l.Paused() || l.world.Now() != first {
		t.Fatalf("paused %v at %g, want paused at the first decision (%g)", l.Paused(), l.world.Now(), first)
	}
	f := l.Frame()
	if f.Prompt == nil || !f.Waiting || f.Prompt.ID != sc.Decisions[0].ID {
		t.Fatalf("frame prompt %+v waiting %v", f.Prompt, f.Waiting)
	}
	l.Do(Command{Kind: CmdPause}) // cannot resume with a question open
	if !l.Paused() {
		t.Error("resumed with a decision open")
	}
	l.Do(Command{Kind: CmdNumber, Arg: 2})
	if l.Paused() || len(l.model.prompts) != 0 {
		t.Fatalf("after the answer: paused %v, prompts %d", l.Paused(), len(l.model.prompts))
	}
	if f := l.Frame(); f.Card == nil || f.Card.Kind != "DECIDED" {
		t.Errorf("no card for the answer: %+v", f.Card)
	}
	l.Do(Command{Kind: CmdFaster})
	l.Do(Command{Kind: CmdPause})
	l.Do(Command{Kind: CmdStep})
	l.Do(Command{Kind: CmdHour})
	before := l.world.Now()
	l.Do(Command{Kind: CmdDay})
	if got := l.world.Now(); got > before+24+1e-9 {
		t.Errorf("a day's advance went from %g to %g", before, got)
	}
	if err := l.Save(); err != nil {
		t.Fatal(err)
	}
	h, recs := readLog(t, logPath)
	if h.Source != "ddos-election" || h.Seed != sc.Meta.Seed {
		t.Errorf("header %+v", h)
	}
	got := strings.Join(commands(recs), "; ")
	for _, want := range []string{"pause waiting for a decision", "decide " + sc.Decisions[0].ID + " 2", "resume after the decision", "speed 4 h/s", "pause", "step", "advance 1h", "advance 1d"} {
		if !strings.Contains(got, want) {
			t.Errorf("the log's commands %q lack %q", got, want)
		}
	}
	var taken bool
	for _, r := range recs {
		if r.Kind == agents.KindDecided && r.Actor == "facilitator" && r.Value == 2 {
			taken = true
		}
	}
	if !taken {
		t.Error("the answer is not in the log")
	}
}

// Firing an inject from the list runs it now and logs the command.
func TestLiveInjectAndRestart(t *testing.T) {
	logPath := filepath.Join(t.TempDir(), "s.jsonl")
	l := newLive(t, LiveConfig{Log: logPath})
	in := l.cfg.Scenario.Injects[len(l.cfg.Scenario.Injects)-1]
	l.Do(Command{Kind: CmdInjects})
	f := l.Frame()
	if f.Menu == nil || len(f.Menu.items) == 0 {
		t.Fatal("no inject list")
	}
	l.Do(Command{Kind: CmdNumber, Arg: len(l.cfg.Scenario.Injects)})
	if l.model.fired[in.ID] != 1 || l.Frame().Menu != nil {
		t.Fatalf("inject %s fired %d times; menu open %v", in.ID, l.model.fired[in.ID], l.Frame().Menu != nil)
	}
	l.Update(tick)
	if c := l.Frame().Card; c == nil || c.Title != in.Title {
		t.Errorf("card %+v", c)
	}
	l.Do(Command{Kind: CmdClose})
	if l.Frame().Card != nil {
		t.Error("Esc did not close the card")
	}
	// Restart asks first; anything but R carries on.
	l.Do(Command{Kind: CmdRestart})
	if l.Frame().Confirm == "" {
		t.Fatal("restart did not ask")
	}
	l.Do(Command{Kind: CmdClose})
	if l.Frame().Confirm != "" || l.run != 1 {
		t.Fatal("Esc did not cancel the restart")
	}
	l.Do(Command{Kind: CmdRestart})
	l.Do(Command{Kind: CmdRestart})
	if l.run != 2 || l.world.Now() != 0 || !l.Paused() {
		t.Fatalf("after restart: run %d at %g, paused %v", l.run, l.world.Now(), l.Paused())
	}
	l.Do(Command{Kind: CmdQuit})
	if !l.TakeRequests().Quit {
		t.Error("quit not requested")
	}
	_, first := readLog(t, logPath)
	cmds := strings.Join(commands(first), "; ")
	if !strings.Contains(cmds, "inject "+in.ID) || !strings.Contains(cmds, "restart seed") {
		t.Errorf("first log's commands: %q", cmds)
	}
	second := strings.TrimSuffix(logPath, ".jsonl") + "-2.jsonl"
	if _, recs := readLog(t, second); len(recs) == 0 || !strings.Contains(strings.Join(commands(recs), ";"), "quit") {
		t.Errorf("the second run's log %s: %d records", second, len(recs))
	}
	if got := l.Logs(); len(got) != 2 {
		t.Errorf("logs written: %v", got)
	}
}

// The same commands on the same seed give the same log, byte for byte.
func TestLiveDeterministic(t *testing.T) {
	run := func() []byte {
		p := filepath.Join(t.TempDir(), "a.jsonl")
		l := newLive(t, LiveConfig{Log: p})
		for i := 0; i < 600; i++ {
			l.Update(tick * float64(1+i%3))
			if i == 100 {
				l.Do(Command{Kind: CmdInjects})
				l.Do(Command{Kind: CmdNumber, Arg: 3})
			}
			if l.Frame().Prompt != nil {
				l.Do(Command{Kind: CmdNumber, Arg: 1})
			}
		}
		if err := l.Save(); err != nil {
			t.Fatal(err)
		}
		b, _ := os.ReadFile(p)
		return b
	}
	if a, b := run(), run(); !bytes.Equal(a, b) {
		t.Error("two identical sessions wrote different logs")
	}
}

// --at runs ahead: decisions on the way take their defaults, one due
// exactly then waits; the card of an old inject does not show.
func TestLiveAt(t *testing.T) {
	sc := bundled(t)["ddos-election"]
	d0, d1 := sc.Decisions[0], sc.Decisions[1]
	l := newLive(t, LiveConfig{Scenario: sc, Source: "ddos-election", Seed: sc.Meta.Seed, At: d1.At.Hours()})
	if l.world.Now() != d1.At.Hours() {
		t.Fatalf("clock %g, want %g", l.world.Now(), d1.At.Hours())
	}
	p, ok := l.model.Prompt()
	if !ok || p.ID != d1.ID || !l.Paused() {
		t.Fatalf("prompt %+v (ok %v), paused %v; want %s waiting", p, ok, l.Paused(), d1.ID)
	}
	var defaulted bool
	for _, line := range l.model.Feed {
		if line.Verb == "DECIDED" && strings.Contains(line.Actor, l.model.deciderName(d0.Decider)) {
			defaulted = true
		}
	}
	if !defaulted {
		t.Errorf("decision %s before --at was not taken by default", d0.ID)
	}
	if c := l.Frame().Card; c != nil && l.world.Now()-c.Time > 2 {
		t.Errorf("an old card shows: %+v", c)
	}
}

func TestLiveScreenshotName(t *testing.T) {
	dir := t.TempDir()
	l := newLive(t, LiveConfig{ShotDir: dir})
	l.Do(Command{Kind: CmdHour})
	l.Do(Command{Kind: CmdScreenshot})
	name := l.TakeRequests().Screenshot
	if filepath.Base(name) != "ddos-election-d1-0100.png" || filepath.Dir(name) != dir {
		t.Errorf("screenshot %q", name)
	}
	if l.Frame().Flash != "" {
		t.Error("the notice would be in the screenshot itself")
	}
	if err := os.WriteFile(name, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	l.Do(Command{Kind: CmdScreenshot})
	if got := filepath.Base(l.TakeRequests().Screenshot); got != "ddos-election-d1-0100-2.png" {
		t.Errorf("second screenshot %q", got)
	}
	l.Update(tick)
	l.Update(tick)
	if l.Frame().Flash == "" {
		t.Error("no notice after the screenshot")
	}
}

// The commands both modes take (speed, help, Esc, screenshot, full
// screen, quit) work alike live and in a replay.
func TestCommonCommands(t *testing.T) {
	replay, _ := newReplay(t, "ddos-election")
	for name, c := range map[string]interface {
		Do(Command)
		Update(float64)
		Frame() Frame
		TakeRequests() Requests
	}{"live": newLive(t, LiveConfig{}), "replay": replay} {
		c.Update(tick)
		before := c.Frame().Speed
		c.Do(Command{Kind: CmdFaster})
		if f := c.Frame(); f.Speed == before || f.Flash != "speed "+f.Speed {
			t.Errorf("%s: faster: speed %q (was %q), notice %q", name, f.Speed, before, f.Flash)
		}
		c.Do(Command{Kind: CmdSlower})
		if f := c.Frame(); f.Speed != before {
			t.Errorf("%s: faster then slower: speed %q, want %q", name, f.Speed, before)
		}
		c.Do(Command{Kind: CmdHelp})
		if !c.Frame().Help {
			t.Errorf("%s: F1 shows no help", name)
		}
		c.Do(Command{Kind: CmdClose})
		if c.Frame().Help {
			t.Errorf("%s: Esc leaves the help open", name)
		}
		c.Do(Command{Kind: CmdScreenshot})
		c.Do(Command{Kind: CmdFullscreen})
		c.Do(Command{Kind: CmdQuit})
		if r := c.TakeRequests(); r.Screenshot == "" || !r.Fullscreen || !r.Quit {
			t.Errorf("%s: requests %+v", name, r)
		}
		if r := c.TakeRequests(); r != (Requests{}) {
			t.Errorf("%s: requests taken twice: %+v", name, r)
		}
	}
}

// The help overlay holds the run while the room reads it, and the header
// says so; closing it lets the run go on.
func TestHelpPausesTheRun(t *testing.T) {
	l := newLive(t, LiveConfig{})
	l.Update(tick)
	l.Do(Command{Kind: CmdHelp})
	before := l.world.Now()
	for range 30 {
		l.Update(tick)
	}
	if got := l.world.Now(); got != before {
		t.Errorf("with the help open the clock moved from %g h to %g h", before, got)
	}
	if !l.Frame().Paused {
		t.Error("the frame does not say paused while the help is open")
	}
	l.Do(Command{Kind: CmdClose})
	l.Update(tick)
	if l.world.Now() <= before {
		t.Error("closing the help did not let the run go on")
	}
}
