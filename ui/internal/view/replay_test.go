package view

import (
	"reflect"
	"testing"

	"cpkrange/agents"
)

func newReplay(t testing.TB, name string) (*Replay, []agents.Record) {
	t.Helper()
	sc := bundled(t)[name]
	recs, _ := records(t, sc, sc.Meta.Seed)
	h := agents.LogHeader{Scenario: sc.Meta.Name, Source: name, Seed: sc.Meta.Seed, Horizon: sc.Meta.Horizon.Hours()}
	return NewReplay(ReplayConfig{Scenario: sc, Header: h, Records: recs, Log: "run.jsonl"}), recs
}

// summary is what a model shows, for comparing two folds.
func summary(m *Model) any {
	return struct {
		Now                  float64
		Stage                agents.Stage
		seq                  int
		Tally                Tally
		Assets               []AssetView
		dyads                []DyadView
		Feed                 []FeedLine
		Harm                 float64
		prompts              int
		Origins, Types, Targ Counter
	}{m.Now, m.Stage, m.seq, m.Tally, m.Assets, m.dyads, m.FeedLines(50), m.Harm(), len(m.prompts), m.Origins, m.Types, m.Targets}
}

// Scrubbing back is a fresh fold: the screen at time t is the same
// whether the replay got there by playing, jumping forward or jumping back.
func TestReplaySeekIsAFold(t *testing.T) {
	r, recs := newReplay(t, "leaked-tool")
	horizon := r.horizon
	for _, at := range []float64{0, 10, horizon / 3, horizon / 2, horizon} {
		fresh := newModel(r.cfg.Scenario, r.cfg.Header.Seed)
		for _, rec := range recs {
			if rec.Time <= at {
				fresh.apply(rec)
			}
		}
		fresh.SetNow(at)
		r.seek(horizon) // from the end, back
		r.seek(at)
		if !reflect.DeepEqual(summary(r.model), summary(fresh)) {
			t.Errorf("jumping back to %g differs from a fresh fold", at)
		}
		r.seek(0) // from the start, forward
		r.seek(at)
		if !reflect.DeepEqual(summary(r.model), summary(fresh)) {
			t.Errorf("jumping forward to %g differs from a fresh fold", at)
		}
	}
}

// Playing stops at each decision with the question on screen; Space shows
// the answer; the stage keys jump between stage changes.
func TestReplayPlay(t *testing.T) {
	r, recs := newReplay(t, "ddos-election")
	var prompt agents.Record
	for _, rec := range recs {
		if rec.Kind == agents.KindDecision {
			prompt = rec
			break
		}
	}
	for i := 0; i < 100000 && !r.Frame().Paused; i++ {
		r.Update(1)
	}
	f := r.Frame()
	if f.Prompt == nil || f.Prompt.ID != prompt.Target || r.Now() != prompt.Time {
		t.Fatalf("stopped at %g with prompt %+v; want %s at %g", r.Now(), f.Prompt, prompt.Target, prompt.Time)
	}
	r.Do(Command{Kind: CmdPause})
	r.Update(tick)
	if f := r.Frame(); f.Prompt != nil || f.Card == nil || f.Card.Kind != "DECIDED" {
		t.Errorf("after Space: prompt %+v, card %+v", f.Prompt, f.Card)
	}
	r.Do(Command{Kind: CmdStart})
	if r.Now() != 0 || r.applied() > 1 {
		t.Errorf("Home: at %g with %d records", r.Now(), r.applied())
	}
	stages := r.Frame().Timeline.Stages
	if len(stages) > 1 {
		r.Do(Command{Kind: CmdNextStage})
		if r.Now() != stages[1].Time || r.model.Stage != stages[1].Stage {
			t.Errorf("]: at %g in %v, want %g in %v", r.Now(), r.model.Stage, stages[1].Time, stages[1].Stage)
		}
		r.Do(Command{Kind: CmdHour})
		r.Do(Command{Kind: CmdPrevStage})
		if r.Now() != stages[1].Time {
			t.Errorf("[ from just after the change: at %g, want %g", r.Now(), stages[1].Time)
		}
		r.Do(Command{Kind: CmdPrevStage})
		if r.Now() != 0 {
			t.Errorf("[ again: at %g, want 0", r.Now())
		}
	}
	r.Do(Command{Kind: CmdEnd})
	if f := r.Frame(); !f.Ended || r.applied() != len(recs) || !r.model.Ended {
		t.Errorf("End: ended %v, %d of %d records", f.Ended, r.applied(), len(recs))
	}
	r.Do(Command{Kind: CmdSeek, Hours: 48})
	if r.Now() != 48 {
		t.Errorf("seek: at %g", r.Now())
	}
	r.Do(Command{Kind: CmdBackDay})
	r.Do(Command{Kind: CmdBackHour})
	if r.Now() != 23 {
		t.Errorf("back a day and an hour from 48: at %g", r.Now())
	}
}

// BenchmarkRefold is the cost of a jump back in the largest bundled
// scenario's log: a fold of every record from the start.
func BenchmarkRefold(b *testing.B) {
	r, recs := newReplay(b, "leaked-tool")
	b.ResetTimer()
	for range b.N {
		r.seek(r.horizon)
		r.seek(0.5)
		r.seek(r.horizon)
	}
	b.ReportMetric(float64(len(recs)), "records")
}
