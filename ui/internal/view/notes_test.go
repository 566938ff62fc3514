package view

import (
	"path/filepath"
	"testing"

	"cpkrange/agents"
)

// A note typed on the display is a facilitator.note record at the moment
// the field opened (the run waits while it is open); a rationale is one
// about the decision on screen, or the last one answered; Esc drops it.
func TestNotesAndRationalesGoToTheLog(t *testing.T) {
	logPath := filepath.Join(t.TempDir(), "session.jsonl")
	l := newLive(t, LiveConfig{Log: logPath})
	for range 30 {
		l.Update(tick)
	}
	var n NoteField
	if l.OpenRationale(&n) {
		t.Fatal("a rationale before any decision")
	}
	l.OpenNote(&n)
	at := l.world.Now()
	if !n.Open || !l.Paused() {
		t.Fatal("the note field opens and the run waits")
	}
	n.Type([]rune("forum posts\tare\x00 not evidence"))
	n.Backspace()
	l.Update(tick)
	if l.world.Now() != at {
		t.Fatal("the run went on while the note was typed")
	}
	l.CloseNote(&n, true)
	if n.Open || l.Paused() {
		t.Fatal("Enter closes the field and the run resumes")
	}
	l.OpenNote(&n)
	n.Type([]rune("dropped"))
	l.CloseNote(&n, false)

	// Run to the first decision and give its rationale while it is open.
	sc := l.cfg.Scenario
	first := sc.Decisions[0]
	for l.world.Now() < first.At.Hours() && !l.world.Ended() {
		l.Update(tick)
	}
	if _, ok := l.model.Prompt(); !ok {
		t.Fatal("no decision on screen")
	}
	if !l.OpenRationale(&n) || n.Decision != first.ID {
		t.Fatalf("the rationale is about the decision on screen: %+v", n)
	}
	n.Type([]rune("the evidence points three ways"))
	l.CloseNote(&n, true)
	if !l.Paused() {
		t.Fatal("the decision still waits for its answer")
	}
	l.Do(Command{Kind: CmdNumber, Arg: 2})
	// After the answer, Y is about the decision just answered.
	if !l.OpenRationale(&n) || n.Decision != first.ID {
		t.Fatalf("the rationale is about the last decision answered: %+v", n)
	}
	l.CloseNote(&n, false)
	if err := l.Save(); err != nil {
		t.Fatal(err)
	}
	_, recs := readLog(t, logPath)
	var notes []agents.Record
	for _, r := range recs {
		if r.Kind == agents.KindNote {
			notes = append(notes, r)
		}
	}
	if len(notes) != 2 {
		t.Fatalf("want the note and the rationale in the log, got %+v", notes)
	}
	if notes[0].Time != at || notes[0].Target != "" || notes[0].Text != "forum posts are not evidenc" {
		t.Errorf("the note: %+v", notes[0])
	}
	if notes[1].Target != first.ID || notes[1].Text != "the evidence points three ways" {
		t.Errorf("the rationale: %+v", notes[1])
	}
	if got := len(l.Records()); got != len(recs) {
		t.Errorf("the display keeps %d records, the log has %d", got, len(recs))
	}
}
