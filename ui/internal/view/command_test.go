package view

import (
	"testing"
)

// Every command a facilitator can give has a key, with help, and no key
// does two things in one mode.
func TestBindings(t *testing.T) {
	bound := map[CommandKind]bool{}
	for _, mode := range []Mode{ModeLive, ModeReplay} {
		keys := map[string]Command{}
		for _, b := range Bindings {
			if b.Modes&mode == 0 {
				continue
			}
			if len(b.Keys) == 0 {
				if b.Cmd.Kind != CmdNone || b.Label == "" {
					t.Errorf("%v has no key", b.Cmd)
				}
				continue // a line of the help only
			}
			bound[b.Cmd.Kind] = true
			for _, k := range b.Keys {
				id := k
				if b.Ctrl {
					id = "Ctrl+" + k
				}
				if prev, ok := keys[id]; ok && prev != b.Cmd {
					t.Errorf("mode %d: %s does both %v and %v", mode, id, prev, b.Cmd)
				}
				keys[id] = b.Cmd
			}
		}
		if len(HelpLines(mode)) < 10 {
			t.Errorf("mode %d: only %d help lines", mode, len(HelpLines(mode)))
		}
	}
	for k := CmdNone + 1; k < numCommands; k++ {
		if !bound[k] && k != CmdSeek {
			t.Errorf("command %v has no key", Command{Kind: k})
		}
	}
}

func TestSpeeds(t *testing.T) {
	if speeds[defaultSpeed] != 2 {
		t.Errorf("default speed %g h/s, want 2", speeds[defaultSpeed])
	}
	if speeds[0] != 0.25 || speeds[len(speeds)-1] != 24 {
		t.Errorf("speeds run from %g to %g h/s, want 15 min/s to 1 day/s", speeds[0], speeds[len(speeds)-1])
	}
	for want, h := range map[string]float64{"15 min/s": 0.25, "2 h/s": 2, "1 day/s": 24, "12 h/s": 12} {
		if got := speedLabel(h); got != want {
			t.Errorf("SpeedLabel(%g) = %q, want %q", h, got, want)
		}
	}
}
