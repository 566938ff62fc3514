package agents

import (
	"fmt"
	"math"
	"strings"
)

// Clock formats a time in hours as "d3 14:05": day (from 1) and hour.
func Clock(hours float64) string {
	d := int(math.Floor(hours / 24))
	rem := hours - float64(d)*24
	h := int(math.Floor(rem))
	m := int(math.Round((rem - float64(h)) * 60))
	if m == 60 {
		h, m = h+1, 0
	}
	if h == 24 {
		d, h = d+1, 0
	}
	return fmt.Sprintf("d%d %02d:%02d", d+1, h, m)
}

// Key reports whether a record belongs in a short timeline of the run: the
// turns of the story, not every status change.
func (r Record) Key() bool {
	switch r.Kind {
	case KindStage, KindAttackSucceeded, KindAttackBlocked, KindAttackAttributed, KindNormViolation,
		KindWormOutbreak, KindWormSpread, KindRumourWave, KindEscalation, KindToolLeaked, KindToolReused,
		KindInject, KindDecision, KindDecided:
		return true
	case KindAssetStatus:
		return r.Status == Down
	case KindForce:
		return storyFunctions[r.Function]
	}
	return false
}

// storyFunctions are the force's functions whose actions turn the story:
// the rest (attribution support for each incident, weekly routines) are
// counted in the summary and listed with run --all.
var storyFunctions = map[string]bool{
	"guardian.monitoring": true, "guardian.safe-layer": true, "guardian.cleanup": true,
	"mediator.de-escalation": true, "coordinator.clearinghouse": true, "coordinator.incident-response": true,
}

// Describe says what a record reports in one line of plain English.
func (r Record) Describe() string {
	switch r.Kind {
	case KindRunStart:
		return fmt.Sprintf("run of %q starts (seed %d)", r.Text, uint64(r.Value))
	case KindRunEnd:
		return fmt.Sprintf("run ends after %d events", int64(r.Value))
	case KindStage:
		return fmt.Sprintf("STAGE: %s (%s)", strings.ToUpper(r.Stage.String()), r.Text)
	case KindAttackLaunched:
		return fmt.Sprintf("op %d: %s%s launches %s against %s (severity %d)", r.Op, r.Actor, paren(r.Origin), r.Method, r.Target, int(r.Value))
	case KindAttackSucceeded:
		return fmt.Sprintf("op %d: %s by %s%s succeeds against %s%s", r.Op, r.Method, r.Actor, paren(r.Origin), r.Target, parenUnless(r.State, r.Target))
	case KindAttackFailed:
		return fmt.Sprintf("op %d: %s by %s against %s fails", r.Op, r.Method, r.Actor, r.Target)
	case KindAttackBlocked:
		return fmt.Sprintf("op %d: %s by %s against %s is blocked", r.Op, r.Method, r.Actor, r.Target)
	case KindAttackDetected:
		return fmt.Sprintf("op %d: %s detects the %s on %s after %s", r.Op, r.State, r.Method, r.Target, Span(r.Value))
	case KindAttackAttributed:
		if r.Other == "" {
			return fmt.Sprintf("op %d: %s attributes the %s to %s, a group with no state behind it", r.Op, r.State, r.Method, r.Actor)
		}
		verdict := "correctly"
		if !r.Correct {
			verdict = "WRONGLY"
		}
		return fmt.Sprintf("op %d: %s %s blames %s for the %s", r.Op, r.State, verdict, r.Other, r.Method)
	case KindAttackUnattributed:
		return fmt.Sprintf("op %d: %s cannot attribute the %s", r.Op, r.State, r.Method)
	case KindNormViolation:
		return fmt.Sprintf("op %d: norm violation: %s by %s%s on %s, %s", r.Op, r.Method, r.Actor, paren(r.Origin), r.Target, r.Text)
	case KindAssetStatus:
		cause := ""
		if r.Correct {
			cause = ", through a dependency"
		}
		return fmt.Sprintf("%s (%s) is %s%s; %s people without service", r.Target, r.State, r.Status, cause, People(r.Value))
	case KindWormOutbreak:
		return fmt.Sprintf("op %d: a worm breaks out at %s (%s)", r.Op, r.Target, r.State)
	case KindWormSpread:
		if r.Correct {
			return fmt.Sprintf("op %d: the worm spills over into %s (%s)", r.Op, r.State, r.Target)
		}
		return fmt.Sprintf("op %d: the worm spreads in %s", r.Op, r.State)
	case KindWormEnded:
		return fmt.Sprintf("op %d: the worm is gone after infecting %s hosts", r.Op, People(r.Value))
	case KindRumourWave:
		return fmt.Sprintf("a rumour starts spreading in %s", r.State)
	case KindRumourEnded:
		return fmt.Sprintf("the rumour in %s dies down, having reached %.0f%% of users", r.State, 100*r.Value)
	case KindEscalation:
		if r.Text == "de-escalation" {
			return fmt.Sprintf("DE-ESCALATION between %s and %s: down to %s", r.State, r.Other, strings.ToUpper(r.Rung.String()))
		}
		return fmt.Sprintf("ESCALATION %s → %s: %s", r.State, r.Other, strings.ToUpper(r.Rung.String()))
	case KindRelation:
		return fmt.Sprintf("%s and %s: trust %.2f, tension %.2f", r.State, r.Other, r.Value, r.Tension)
	case KindPressure:
		return fmt.Sprintf("public pressure in %s: %.0f%%", r.State, 100*r.Value)
	case KindToolLeaked:
		return fmt.Sprintf("the tools of %s are loose after the conflict", r.Actor)
	case KindToolReused:
		return fmt.Sprintf("%s reuses the leaked tools of %s", r.Actor, r.Other)
	case KindInject:
		return fmt.Sprintf("INJECT: %s", r.Text)
	case KindDecision:
		return fmt.Sprintf("DECISION for %s: %s", r.State, r.Text)
	case KindDecided:
		return fmt.Sprintf("%s decides (%s): %d. %s", r.State, r.Actor, int(r.Value), r.Text)
	case KindForce:
		return fmt.Sprintf("CPK %s (%s): %s%s", r.Function, r.Actor, r.Text, helped(r))
	case KindForceQueued:
		return fmt.Sprintf("CPK request from %s for %s waits (%d in queue)", r.State, r.Function, int(r.Value))
	case KindCommand:
		return fmt.Sprintf("facilitator: %s %s", r.Function, r.Text)
	}
	return r.Kind.String()
}

func helped(r Record) string {
	switch {
	case r.State != "" && r.Other != "" && r.State != r.Other:
		return fmt.Sprintf(" [%s, %s]", r.State, r.Other)
	case r.State != "":
		return fmt.Sprintf(" [%s]", r.State)
	}
	return ""
}

// parenUnless is paren(s), or nothing when s repeats what is already said.
func parenUnless(s, said string) string {
	if s == said {
		return ""
	}
	return paren(s)
}

func paren(s string) string {
	if s == "" {
		return ""
	}
	return " (" + s + ")"
}

// Span formats hours as "3d 4h", "5h", "25m".
func Span(h float64) string {
	switch {
	case h < 1:
		return fmt.Sprintf("%.0fm", h*60)
	case h < 48:
		return fmt.Sprintf("%.0fh", h)
	}
	total := math.Round(h) // whole hours, so that 14d 23.6h reads 15d 0h
	d := math.Floor(total / 24)
	return fmt.Sprintf("%.0fd %.0fh", d, total-24*d)
}

// People formats a count of people with thousands separators.
func People(x float64) string {
	n := int64(math.Round(x))
	s := fmt.Sprint(n)
	if n < 0 {
		return s
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}
