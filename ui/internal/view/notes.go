package view

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"cpkrange/agents"
)

// MaxNote is the longest note the field takes, in characters: one line on
// the screen and in the report.
const MaxNote = 280

// NoteField is the one-line field where the facilitator types a note for
// the debrief, or the room's rationale for a decision (Decision is then its
// id). The run waits while it is open, so that the note is at the moment
// it was asked for.
type NoteField struct {
	Open     bool
	Decision string // the decision the rationale is about; "" for a note
	Prompt   string // what the field asks
	text     []rune
	resume   bool // the field paused the run: Enter or Esc resumes it
}

// Text is what has been typed so far.
func (n *NoteField) Text() string { return string(n.text) }

// Type adds typed characters (a tab as a space, other control characters
// dropped), up to MaxNote.
func (n *NoteField) Type(chars []rune) {
	for _, c := range chars {
		if c == '\t' {
			c = ' '
		}
		if unicode.IsControl(c) || c == utf8.RuneError || len(n.text) >= MaxNote {
			continue
		}
		n.text = append(n.text, c)
	}
}

// Backspace drops the last character.
func (n *NoteField) Backspace() {
	if len(n.text) > 0 {
		n.text = n.text[:len(n.text)-1]
	}
}

// OpenNote opens the field for a note, pausing the run while it is open.
func (l *Live) OpenNote(n *NoteField) {
	*n = NoteField{Open: true, Prompt: "Note for the debrief"}
	n.resume = l.pauseFor()
}

// OpenRationale opens the field for the rationale of the decision on
// screen, or else of the last decision answered; false (with a notice)
// when there is none yet.
func (l *Live) OpenRationale(n *NoteField) bool {
	id, label := "", ""
	if p, ok := l.model.Prompt(); ok && p.Index >= 0 {
		id, label = p.ID, p.Text
	} else {
		for i := len(l.kept.recs) - 1; i >= 0; i-- {
			if r := l.kept.recs[i]; r.Kind == agents.KindDecided {
				id, label = r.Target, r.Answer().Label
				break
			}
		}
	}
	if id == "" {
		l.notice("no decision yet: Y types the room's rationale for one")
		return false
	}
	*n = NoteField{Open: true, Decision: id, Prompt: "Why (" + id + "): " + label}
	n.resume = l.pauseFor()
	return true
}

// CloseNote closes the field: with keep, a non-empty note is recorded in
// the run's log (facilitator.note) at this moment. The run resumes if the
// field paused it.
func (l *Live) CloseNote(n *NoteField, keep bool) {
	if !n.Open {
		return
	}
	if text := strings.TrimSpace(n.Text()); keep && text != "" && !l.world.Ended() {
		l.world.Note(n.Decision, text)
		what := "note kept for the debrief"
		if n.Decision != "" {
			what = "rationale of " + n.Decision + " kept for the debrief"
		}
		l.notice(what)
	}
	if n.resume && l.paused && !l.waiting() {
		l.Do(Command{Kind: CmdPause})
	}
	*n = NoteField{}
}

// pauseFor pauses the run for the note field; true if it was running.
func (l *Live) pauseFor() bool {
	if l.paused || l.world.Ended() {
		return false
	}
	l.Do(Command{Kind: CmdPause})
	return true
}

// Records returns the run's records so far (the current run's, after a
// restart): what the end screen folds into its scorecard.
func (l *Live) Records() []agents.Record { return l.kept.recs }

// Config returns what the live run runs.
func (l *Live) Config() LiveConfig { return l.cfg }

// Ended reports whether the run has reached its horizon.
func (l *Live) Ended() bool { return l.world.Ended() }

// recordKeeper keeps every record of the run.
type recordKeeper struct{ recs []agents.Record }

func (k *recordKeeper) Record(r agents.Record) { k.recs = append(k.recs, r) }
