package agents

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"cpkrange/scenarios"
)

// interactiveRun runs a bundled scenario with decisions waiting, votes on
// each as its decider (option 2, with rationale why), then confirms it,
// and returns the records.
func interactiveRun(t *testing.T, name string, why string) (*scenarios.Scenario, []Record) {
	t.Helper()
	sc, _, err := scenarios.Open(name, scenarios.Options{})
	require.NoError(t, err)
	var recs []Record
	w, err := Build(sc, sc.Meta.Seed, recorderFunc(func(r Record) { recs = append(recs, r) }))
	require.NoError(t, err)
	w.SetInteractive(true)
	for !w.Ended() {
		w.Advance(w.Now() + 24)
		for _, p := range w.Pending() {
			d := sc.Decisions[p.Index]
			if d.Decider == "facilitator" {
				require.True(t, w.Decide(p.Index, 1, "facilitator"))
				continue
			}
			assert.False(t, w.Vote(Ballot{Decision: d.ID, Team: "not-the-decider", Option: 2}), "only the decider votes")
			assert.False(t, w.Vote(Ballot{Decision: d.ID, Team: d.Decider, Option: len(d.Options) + 1}), "an option it does not offer")
			assert.False(t, w.Vote(Ballot{Decision: d.ID, Team: d.Decider, Option: 2, Rationale: strings.Repeat("x", MaxRationale+1)}), "too long")
			require.True(t, w.Vote(Ballot{Decision: d.ID, Team: d.Decider, Option: 2, Rationale: why}))
			require.True(t, w.Decide(p.Index, 2, d.Decider))
		}
	}
	assert.False(t, w.Vote(Ballot{Decision: sc.Decisions[0].ID, Team: sc.Decisions[0].Decider, Option: 1}), "a decision no longer pending")
	return sc, recs
}

// TestPictureKeepsTheFog checks the rules of who knows what over whole
// runs: an actor never learns who is behind an attack it did not make
// unless it names the culprit, never hears of an attack on another state
// (the force: on a state that does not let it monitor), never sees another
// team's vote or the facilitator's commands, and observers see only what is
// public.
func TestPictureKeepsTheFog(t *testing.T) {
	for _, name := range []string{"ddos-election", "leaked-tool"} {
		sc, recs := interactiveRun(t, name, "because <b>we</b> must")
		truth := map[int]Record{}
		detected := map[int]bool{}
		for _, r := range recs {
			switch r.Kind {
			case KindAttackLaunched:
				truth[r.Op] = r
			case KindAttackDetected, KindAttackBlocked: // the guardian tells the victim of a block
				detected[r.Op] = true
			}
		}
		for _, actor := range Actors(sc) {
			p := NewPicture(sc, actor, nil)
			seenKinds := map[Kind]int{}
			for _, r := range recs {
				s, ok := p.See(r)
				if !ok {
					continue
				}
				seenKinds[r.Kind]++
				x := s.Record
				op := truth[x.Op]
				switch x.Kind {
				case KindAttackLaunched, KindAttackSucceeded, KindAttackFailed:
					assert.Equal(t, actor, op.Origin, "%s: %s sees the launch of op %d by another's group", name, actor, x.Op)
				case KindAttackDetected, KindAttackUnattributed:
					assert.Empty(t, x.Actor+x.Origin, "%s: %s knows who is behind op %d", name, actor, x.Op)
					if actor != "force" {
						assert.Equal(t, actor, x.State, "%s: %s hears of the detection of an attack on %s", name, actor, x.State)
					} else {
						assert.NotEqual(t, "none", p.Agreement(x.State))
					}
				case KindAttackAttributed:
					assert.Empty(t, x.Origin, "%s: %s knows the true sponsor of op %d", name, actor, x.Op)
					assert.False(t, x.Correct, "%s: %s knows whether its blame is right", name, actor)
				case KindVote:
					assert.Equal(t, actor, x.Actor, "%s: %s sees another team's vote", name, actor)
				case KindCommand, KindDyadFinal, KindStateFinal, KindWormFinal:
					t.Errorf("%s: %s sees %s", name, actor, x.Kind)
				}
				if actor == Observers {
					assert.True(t, public[x.Kind] || (x.Kind == KindForce && x.Function == CoordinatorClearinghouse.String()), "%s: observers see %s", name, x.Kind)
				}
				assert.NotEmpty(t, s.Text, "%s: %s: %s says nothing", name, actor, x.Kind)
			}
			for _, a := range p.Attacks() {
				if !a.Own {
					assert.True(t, detected[a.Op], "%s: %s knows of op %d, never detected nor blocked", name, actor, a.Op)
				}
			}
			if actor == sc.Decisions[0].Decider {
				assert.Positive(t, seenKinds[KindVote], "%s: %s sees its own votes", name, actor)
			}
			if actor != Observers && actor != "force" {
				assert.NotEmpty(t, p.Assets(), "%s: %s knows its own assets", name, actor)
				for _, a := range p.Assets() {
					assert.Equal(t, actor, a.Owner)
				}
			}
		}
		// Somebody in each run detects an attack and has to guess: the test
		// would pass vacuously otherwise.
		assert.NotEmpty(t, detected, name)
	}
}

// TestVotesAreInTheLog: a vote and its rationale, markup and all, go into
// the event log as text and come back the same; the log reader checks them
// against the scenario.
func TestVotesAreInTheLog(t *testing.T) {
	why := `<script>alert("x")</script> & "quotes"`
	sc, recs := interactiveRun(t, "ddos-election", why)
	var buf bytes.Buffer
	lw := NewLogWriter(&buf, LogHeader{Scenario: sc.Meta.Name, Source: "ddos-election", Seed: sc.Meta.Seed, Horizon: sc.Meta.Horizon.Hours()})
	for _, r := range recs {
		lw.Record(r)
	}
	require.NoError(t, lw.Flush())
	_, back, err := ReadLogFor("session.jsonl", &buf, sc)
	require.NoError(t, err)
	var votes []Ballot
	for _, r := range back {
		if r.Kind == KindVote {
			votes = append(votes, r.Ballot())
		}
	}
	require.NotEmpty(t, votes)
	assert.Equal(t, why, votes[0].Rationale)
	assert.Equal(t, 2, votes[0].Option)
	d := NewDescriber(sc, IDs{})
	var lines []string
	for _, r := range back {
		if x := d.Describe(r); r.Kind == KindVote {
			lines = append(lines, x.Line)
			assert.NotContains(t, x.Outcome, "option", "the feed never says how a team voted")
		}
	}
	assert.Contains(t, lines[0], `option 2, because "<script>alert(\"x\")</script> & \"quotes\""`)
}
