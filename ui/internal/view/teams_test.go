package view

import (
	"path/filepath"
	"strings"
	"testing"

	"cpkrange/agents"
)

// fakeTeams hands in the votes a test queues and hears the records.
type fakeTeams struct {
	queue []agents.Ballot
	heard int
	now   float64
}

func (f *fakeTeams) Record(agents.Record)           { f.heard++ }
func (f *fakeTeams) Clock(now float64, paused bool) { f.now = now }
func (f *fakeTeams) Ballots() []agents.Ballot {
	q := f.queue
	f.queue = nil
	return q
}

func measure(s string, px float64) float64 { return float64(len([]rune(s))) * px * 0.5 }

// A team's vote reaches the run on the next frame; the decision on screen
// says VOTED and never how; Enter confirms it as the team's answer, a
// number overrides it (saying so in the log); the card that follows says
// how the team voted and why; the log replays the same.
func TestTeamVotesConfirmedOrOverridden(t *testing.T) {
	for _, override := range []bool{false, true} {
		logPath := filepath.Join(t.TempDir(), "session.jsonl")
		teams := &fakeTeams{}
		sc := bundled(t)["ddos-election"]
		d := sc.Decisions[0]
		l := newLive(t, LiveConfig{Scenario: sc, Source: "ddos-election", Seed: sc.Meta.Seed, Log: logPath, At: d.At.Hours(), Teams: teams})
		p, ok := l.model.Prompt()
		if !ok || p.ID != d.ID || p.Voted {
			t.Fatalf("the decision waits unvoted: %+v", p)
		}
		l.Do(Command{Kind: CmdConfirm})
		if _, ok := l.model.Prompt(); !ok {
			t.Fatal("Enter without a vote answers the decision")
		}
		why := "<b>hold</b> the line"
		teams.queue = []agents.Ballot{{Decision: d.ID, Team: "dravinia", Option: 1}, {Decision: d.ID, Team: d.Decider, Option: 2, Rationale: why}}
		l.Update(tick)
		p, _ = l.model.Prompt()
		if !p.Voted {
			t.Fatal("the prompt does not know the team voted")
		}
		g := PromptGeom(NewLayout(1280, 720), p, false, measure)
		shown := g.Title + " " + g.Footer + " " + strings.Join(g.Text, " ")
		if !strings.Contains(g.Title, "VOTED") || !strings.Contains(g.Footer, "has voted") {
			t.Errorf("the projector does not say the team voted: %q / %q", g.Title, g.Footer)
		}
		if strings.Contains(shown, "hold") || strings.Contains(g.Footer, "2") && !strings.Contains(g.Footer, "1–") {
			t.Errorf("the projector shows how the team voted: %q", shown)
		}
		if override {
			l.Do(Command{Kind: CmdNumber, Arg: 3})
		} else {
			l.Do(Command{Kind: CmdConfirm})
		}
		if _, ok := l.model.Prompt(); ok {
			t.Fatal("the decision is still open")
		}
		card := l.Frame().Card
		if card == nil || !strings.Contains(card.Text, "voted 2: “"+why+"”") {
			t.Errorf("the answer's card does not say how the team voted: %+v", card)
		}
		if teams.heard == 0 || teams.now != l.world.Now() {
			t.Errorf("the teams heard %d records, the clock at %g (world %g)", teams.heard, teams.now, l.world.Now())
		}
		l.Do(Command{Kind: CmdQuit})
		_, recs := readLog(t, logPath)
		var votes, taken []agents.Record
		for _, r := range recs {
			switch r.Kind {
			case agents.KindVote:
				votes = append(votes, r)
			case agents.KindDecided:
				taken = append(taken, r)
			}
		}
		if len(votes) != 1 || votes[0].Ballot() != (agents.Ballot{Decision: d.ID, Team: d.Decider, Option: 2, Rationale: why}) {
			t.Errorf("the log's votes: %+v (dravinia's, not its decision, must not be there)", votes)
		}
		want := agents.Answer{Decision: d.ID, Decider: d.Decider, By: d.Decider, Option: 2, Label: d.Options[1].Label}
		if override {
			want = agents.Answer{Decision: d.ID, Decider: d.Decider, By: "facilitator", Option: 3, Label: d.Options[2].Label}
			if cmds := strings.Join(commands(recs), "\n"); !strings.Contains(cmds, "overriding the vote of "+d.Decider+" (2)") {
				t.Errorf("the log does not say the vote was overridden:\n%s", cmds)
			}
		}
		if len(taken) == 0 || taken[len(taken)-1].Answer() != want {
			t.Errorf("the answer: %+v, want %+v", taken, want)
		}
		// The replay folds the same prompt and card from the log.
		rp := NewReplay(ReplayConfig{Scenario: sc, Records: recs})
		rp.Do(Command{Kind: CmdEnd})
		if rp.model.Tally.Decisions == 0 {
			t.Error("the replay lost the decisions")
		}
		// V in the replay: Kaldonia's picture is the fold of the log.
		rp.Do(Command{Kind: CmdPicture})
		fold := agents.NewPicture(sc, "kaldonia", nil)
		for _, r := range recs {
			fold.Record(r)
		}
		if got := rp.Frame().Picture; got == nil || len(got.Attacks()) != len(fold.Attacks()) || len(got.Attacks()) == 0 {
			t.Errorf("the replay's picture of kaldonia is not the fold of its log")
		}
	}
}

// V steps the projector through each actor's picture and back to the
// truth; the pictures are folds of the same records.
func TestPictureKey(t *testing.T) {
	l := newLive(t, LiveConfig{At: 300})
	actors := agents.Actors(l.cfg.Scenario)
	for i := range actors {
		l.Do(Command{Kind: CmdPicture})
		f := l.Frame()
		if f.Picture == nil || f.Picture.Actor != actors[i] {
			t.Fatalf("V pressed %d times: picture %v, want %s", i+1, f.Picture, actors[i])
		}
	}
	l.Do(Command{Kind: CmdPicture})
	if l.Frame().Picture != nil {
		t.Error("after the last actor, V goes back to the truth")
	}
	kal := l.model.Pictures()[0]
	if len(kal.Attacks()) == 0 || len(kal.Assets()) == 0 {
		t.Error("kaldonia knows nothing at hour 300")
	}
}
