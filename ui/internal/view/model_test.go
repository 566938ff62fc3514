package view

import (
	"math"
	"testing"

	"cpkrange/agents"
)

// Folding a whole run gives the same totals as the model's own metrics:
// the display counts what the model counts.
func TestModelAgreesWithMetrics(t *testing.T) {
	for name, sc := range bundled(t) {
		t.Run(name, func(t *testing.T) {
			recs, met := records(t, sc, sc.Meta.Seed)
			m := newModel(sc, sc.Meta.Seed)
			for _, r := range recs {
				m.apply(r)
			}
			if !m.Ended || m.seq != len(recs) {
				t.Errorf("ended %v after %d of %d records", m.Ended, m.seq, len(recs))
			}
			if rel := math.Abs(m.Harm()-met.Harm) / math.Max(1, met.Harm); rel > 1e-9 {
				t.Errorf("harm %g, metrics say %g", m.Harm(), met.Harm)
			}
			tl := m.Tally
			for what, pair := range map[string][2]int{
				"attacks": {tl.Attacks, met.Attacks}, "succeeded": {tl.Succeeded, met.Succeeded},
				"blocked": {tl.Blocked, met.Blocked}, "detected": {tl.Detected, met.Detected},
				"attributed": {tl.Attributed, met.Attributed}, "misattributed": {tl.Wrong, met.Misattributed},
				"unattributed": {tl.Unattrib, met.Unattributed}, "norm violations": {tl.NormViolations, met.NormViolations},
			} {
				if pair[0] != pair[1] {
					t.Errorf("%s: display %d, metrics %d", what, pair[0], pair[1])
				}
			}
			sum := 0
			for _, c := range m.Types.Top(100) {
				sum += c.N
			}
			if sum != tl.Attacks {
				t.Errorf("attack types add up to %d, want %d", sum, tl.Attacks)
			}
			if len(m.prompts) != 0 {
				t.Errorf("%d decisions left open in a batch run", len(m.prompts))
			}
			top := agents.RungNone
			for _, d := range m.dyads {
				top = max(top, d.Rung)
			}
			if top != met.FinalRung {
				t.Errorf("final top rung %v, metrics %v", top, met.FinalRung)
			}
			if len(m.Feed) == 0 || len(m.Feed) > feedCapacity {
				t.Errorf("feed has %d lines", len(m.Feed))
			}
		})
	}
}

// One operation, step by step: the arc's outcome and attribution follow
// the records, and a wrong blame is kept longer on the map.
func TestModelArcLifecycle(t *testing.T) {
	sc := bundled(t)["ddos-election"]
	m := newModel(sc, 1)
	asset := sc.Assets[0]
	base := agents.Record{Op: 1, Actor: "nightjar", Origin: "dravinia", Target: asset.ID, State: asset.Owner, Method: "ddos", Value: 3}
	at := func(t float64, k agents.Kind) agents.Record {
		r := base
		r.Time, r.Kind = t, k
		return r
	}
	m.apply(at(10, agents.KindAttackLaunched))
	m.apply(at(10, agents.KindAttackSucceeded))
	a := &m.arcs[0]
	if a.Outcome != OutcomeSucceeded || a.Attr != AttrUndetected || a.Origin < 0 || a.Asset < 0 {
		t.Fatalf("after success: %+v", *a)
	}
	if g := a.Grown(10.75); g != 0.5 {
		t.Errorf("half-way through its growth, the arc has grown %.2f", g)
	}
	m.apply(at(14, agents.KindAttackDetected))
	if a.Attr != AttrDetected {
		t.Errorf("after detection: %v", a.Attr)
	}
	blame := at(50, agents.KindAttackAttributed)
	blame.Other, blame.Correct = "sarnia", false
	m.apply(blame)
	if a.Attr != AttrWrong || a.Blamed < 0 || m.States[a.Blamed].ID != "sarnia" || m.Tally.Wrong != 1 {
		t.Errorf("after a wrong blame: %+v", *a)
	}
	m.SetNow(50 + arcHold + 1)
	if ok, _ := a.visible(m.Now); !ok {
		t.Error("a wrong blame left the map after ArcHold")
	}
	m.SetNow(50 + wrongHold + 1)
	if ok, _ := a.visible(m.Now); ok {
		t.Error("a wrong blame still on the map after WrongHold")
	}
	if got := m.FeedLines(1)[0]; got.Tone != agents.ToneWrong || got.Origin != "Dravinia" {
		t.Errorf("newest feed line: %+v", got)
	}
	if m.Origins["Dravinia"] != 1 || m.Types["DDoS"] != 1 {
		t.Errorf("counters: %v %v", m.Origins, m.Types)
	}
}

// An asset the force restores shows as restoring until it works again;
// harm is the rate (the people without its service, weighted by its
// sector) times the time.
func TestModelRestoringAndHarm(t *testing.T) {
	sc := bundled(t)["grid-wiper"]
	m := newModel(sc, 1)
	id := sc.Assets[0].ID
	ai := m.assetIdx[id]
	m.apply(agents.Record{Time: 10, Kind: agents.KindAssetStatus, Target: id, State: sc.Assets[0].Owner, Status: agents.Down, Value: 1000})
	if got := m.Assets[ai].Shown(); got != AssetDown {
		t.Fatalf("shown %v, want down", got)
	}
	m.apply(agents.Record{Time: 12, Kind: agents.KindForce, Role: "coordinator", Function: "coordinator.incident-response", Target: id, State: sc.Assets[0].Owner, Text: "restoration sped up"})
	if got := m.Assets[ai].Shown(); got != AssetRestoring {
		t.Errorf("shown %v, want restoring", got)
	}
	sector, _ := agents.ParseSector(sc.Assets[0].Sector)
	weight := agents.HarmWeights(sc)[sector]
	m.SetNow(20)
	if got := m.Harm(); math.Abs(got-10000*weight) > 1e-6 {
		t.Errorf("harm after 10 h at 1000 people: %g", got)
	}
	m.apply(agents.Record{Time: 30, Kind: agents.KindAssetStatus, Target: id, State: sc.Assets[0].Owner, Status: agents.Working})
	if got := m.Assets[ai].Shown(); got != AssetWorking || m.HarmRate() != 0 || math.Abs(m.Harm()-20000*weight) > 1e-6 {
		t.Errorf("after repair: %v, rate %g, harm %g", got, m.HarmRate(), m.Harm())
	}
	if got := m.Counts(m.Assets[ai].State); got[AssetWorking] != len(m.States[m.Assets[ai].State].Assets) {
		t.Errorf("counts %v", got)
	}
}

// Decisions put and answered come and go; injects raise a card.
func TestModelPromptsAndCards(t *testing.T) {
	sc := bundled(t)["ddos-election"]
	d := sc.Decisions[0]
	m := newModel(sc, 1)
	m.apply(agents.Record{Time: 5, Kind: agents.KindDecision, Actor: d.Decider, State: d.Decider, Target: d.ID, Text: d.Prompt})
	p, ok := m.Prompt()
	if !ok || p.Index != 0 || len(p.Options) != len(d.Options) || p.Decider == "" {
		t.Fatalf("prompt %+v", p)
	}
	m.apply(agents.Record{Time: 5, Kind: agents.KindDecided, Actor: "facilitator", State: d.Decider, Target: d.ID, Value: 2, Text: d.Options[1].Label})
	if _, ok := m.Prompt(); ok {
		t.Error("the decision is still open after its answer")
	}
	if m.Card.Kind != "DECIDED" || m.Card.seq != m.seq {
		t.Errorf("card %+v", m.Card)
	}
	in := sc.Injects[0]
	m.apply(agents.Record{Time: 6, Kind: agents.KindInject, Actor: "facilitator", Target: in.ID, Text: in.Title})
	if m.Card.Kind != "INJECT" || m.Card.Text != in.Text || m.fired[in.ID] != 1 {
		t.Errorf("card %+v", m.Card)
	}
}

func TestModelStageAndDyads(t *testing.T) {
	sc := bundled(t)["ddos-election"]
	m := newModel(sc, 1)
	m.apply(agents.Record{Time: 100, Kind: agents.KindStage, Stage: agents.Conflict, Text: "retaliation"})
	if m.Stage != agents.Conflict || len(m.Stages) != 2 || m.Stages[1].Time != 100 {
		t.Errorf("stage %v, stages %+v", m.Stage, m.Stages)
	}
	a, b := sc.Relations[1].Between[0], sc.Relations[1].Between[1]
	m.apply(agents.Record{Time: 101, Kind: agents.KindEscalation, State: a, Other: b, Rung: agents.RungSanctions, Value: 0.2, Tension: 0.8})
	main := m.MainDyads(2)
	if ids := [2]string{m.States[main[0].A].ID, m.States[main[0].B].ID}; !(ids == [2]string{a, b} || ids == [2]string{b, a}) {
		t.Errorf("the escalated dyad is not first: %v", ids)
	}
	if main[0].Rung != agents.RungSanctions || main[0].Tension != 0.8 {
		t.Errorf("dyad %+v", main[0])
	}
}

func BenchmarkApply(b *testing.B) {
	sc := bundled(b)["leaked-tool"]
	recs, _ := records(b, sc, sc.Meta.Seed)
	b.ResetTimer()
	for range b.N {
		m := newModel(sc, 1)
		for _, r := range recs {
			m.apply(r)
		}
	}
	b.ReportMetric(float64(len(recs)), "records/op")
}
