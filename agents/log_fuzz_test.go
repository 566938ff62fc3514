package agents_test

import (
	"bytes"
	"errors"
	"os"
	"testing"

	"cpkrange/agents"
	"cpkrange/scenarios"
)

// FuzzReadLog: whatever the bytes, the reader does not panic, and what it
// returns can be replayed: records in time order within [0, horizon] of a
// header it accepted, every problem at a line, the first one after the
// records it kept. Run it with go test ./agents -fuzz FuzzReadLog.
func FuzzReadLog(f *testing.F) {
	data, err := os.ReadFile(smallPath)
	if err != nil {
		f.Fatal(err)
	}
	sc, err := scenarios.Load(smallPath, data, scenarios.Options{})
	if err != nil {
		f.Fatal(err)
	}
	log := logOf(f, sc, 7)
	f.Add(log, false)
	f.Add(log, true)
	f.Add(log[:len(log)/2], true)
	f.Add([]byte(header+"\n"+`{"t":1e308,"kind":"inject","stage":"conflict"}`), false)
	f.Add([]byte(header+"\n"+`{"t":5,"kind":"decision.taken","stage":"conflict","target":"attribute","value":99}`), true)
	f.Add([]byte("\uFEFF"+header+"\n"), false)
	f.Add([]byte(""), false)
	f.Fuzz(func(t *testing.T, data []byte, withScenario bool) {
		var s *scenarios.Scenario
		if withScenario {
			s = sc
		}
		h, recs, err := agents.ReadLogFor("fuzz.jsonl", bytes.NewReader(data), s)
		if len(recs) > 0 && !(h.Horizon > 0) {
			t.Fatalf("records under a header without a horizon: %+v", h)
		}
		prev := 0.0
		for i, r := range recs {
			if !(r.Time >= prev && r.Time <= h.Horizon) {
				t.Fatalf("record %d at %g after %g, horizon %g", i, r.Time, prev, h.Horizon)
			}
			prev = r.Time
		}
		if err == nil {
			return
		}
		var lp agents.LogProblems
		if !errors.As(err, &lp) || len(lp) == 0 {
			t.Fatalf("error %v is not a list of problems", err)
		}
		for i, p := range lp {
			if p.Line < 1 || (i > 0 && p.Line < lp[i-1].Line) {
				t.Fatalf("problems out of line order: %v", err)
			}
		}
		if len(recs) > 0 && lp[0].Line < len(recs)+2 {
			t.Fatalf("first problem at line %d, yet %d records kept", lp[0].Line, len(recs))
		}
	})
}
