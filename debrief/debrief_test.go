package debrief

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"cpkrange/agents"
	"cpkrange/analytics"
	"cpkrange/scenarios"
	"cpkrange/sim"
)

// The scripted session's facilitator.
const (
	sessionSeed  = 4
	noteAt       = 100.0 // hours
	noteText     = "The room split on whether the forum posts are evidence"
	shownFutures = 8 // futures per option the room looks at
)

// rationale is what the room says of its answer to decision d.
func rationale(d string) string {
	return "we chose this for " + d + " because the evidence points three ways"
}

// scriptedSession plays a workshop on the default scenario as the display
// does (interactive; each step stops at the next decision): a note typed on
// day 5, and at each decision the futures opened (run from a fork of the
// live world, as the display's overlay runs them), the last option taken
// and a rationale typed. It returns the scenario and the log.
func scriptedSession(t testing.TB) (*scenarios.Scenario, []byte) {
	t.Helper()
	sc, _, err := scenarios.Open(scenarios.Default, scenarios.Options{})
	require.NoError(t, err)
	var buf bytes.Buffer
	lw := agents.NewLogWriter(&buf, agents.LogHeader{Scenario: sc.Meta.Name, Source: scenarios.Default, Seed: sessionSeed, Horizon: sc.Meta.Horizon.Hours()})
	met := agents.NewMetrics(sc)
	w, err := agents.Build(sc, sessionSeed, sim.Tee[agents.Record]{lw, met})
	require.NoError(t, err)
	w.SetInteractive(true)
	noted := false
	for !w.Ended() {
		next := w.Now() + 6
		for _, d := range sc.Decisions {
			if at := d.At.Hours(); at > w.Now() && at < next {
				next = at
			}
		}
		if !noted && next >= noteAt {
			next, noted = noteAt, true
			w.Advance(next)
			w.Command("pause", "")
			w.Note("", noteText)
			w.Command("resume", "")
			continue
		}
		w.Advance(next)
		for len(w.Pending()) > 0 {
			p := w.Pending()[0]
			d := sc.Decisions[p.Index]
			w.Command("pause", "waiting for a decision")
			o := &analytics.Origin{World: w.Fork(nil), Metrics: met.Clone(), Decision: d.ID}
			opts, err := analytics.DecisionOptions(o)
			require.NoError(t, err)
			sum, err := analytics.RunFutures(context.Background(), analytics.FuturesSpec{Origin: o, Options: opts, Reference: analytics.DefaultOption(o), N: shownFutures}, nil)
			require.NoError(t, err)
			w.ShowFutures(d.ID, shownFutures, 0, sum.Said())
			k := len(d.Options)
			w.Command("decide", fmt.Sprintf("%s %d", d.ID, k))
			require.True(t, w.Decide(p.Index, k, "facilitator"))
			w.Note(d.ID, rationale(d.ID))
			w.Command("resume", "after the decision")
		}
	}
	require.NoError(t, lw.Flush())
	return sc, buf.Bytes()
}

func makeReport(t testing.TB, sc *scenarios.Scenario, log []byte, n int) (*Report, []agents.Record) {
	t.Helper()
	h, recs, err := agents.ReadLogFor("session.jsonl", bytes.NewReader(log), sc)
	require.NoError(t, err)
	rep, err := Make(context.Background(), Input{Scenario: sc, Source: scenarios.Default, Header: h, Records: recs, LogName: "session.jsonl", N: n})
	require.NoError(t, err)
	return rep, recs
}

// TestDebriefOfAScriptedSession: every decision is there with what was
// chosen, its rationale, the futures the room looked at and its
// counterfactual table; the scorecard's figures are the metrics folded from
// the log; the note is at its moment.
func TestDebriefOfAScriptedSession(t *testing.T) {
	sc, log := scriptedSession(t)
	const n = 12
	rep, recs := makeReport(t, sc, log, n)
	require.True(t, rep.Complete)
	var html bytes.Buffer
	require.NoError(t, rep.WriteHTML(&html))
	page := html.String()

	require.Len(t, rep.Decisions, len(sc.Decisions))
	for i, d := range rep.Decisions {
		want := sc.Decisions[i]
		assert.Equal(t, want.ID, d.ID)
		assert.Equal(t, len(want.Options), d.Chosen, "the script takes the last option")
		assert.Equal(t, "facilitator", d.By)
		require.Len(t, d.Rationale, 1)
		assert.Equal(t, rationale(d.ID), d.Rationale[0].Line)
		require.Len(t, d.Shown, 1, "the futures the room looked at")
		assert.Equal(t, shownFutures, d.Shown[0].N)
		require.NotNil(t, d.Counter, d.NoCounter)
		s := d.Counter.Summary
		assert.Equal(t, n, s.N)
		assert.Equal(t, d.Chosen-1, s.Reference, "compared with the option chosen")
		assert.Equal(t, want.At.Hours(), s.At)
		assert.Len(t, s.Options, len(want.Options))
		assert.Len(t, d.Counter.Chosen["harm"], n)
		assert.Len(t, d.Counter.Placements, len(analytics.FutureMetrics))
		// The table is in the page, a row per option with every outcome.
		inPage(t, page, fmt.Sprintf("Counterfactual of %s: %d futures of each option", d.ID, n))
		for _, row := range d.Rows() {
			assert.Len(t, row.Cells, len(analytics.FutureMetrics))
			for _, c := range row.Cells {
				inPage(t, page, escaped(c))
			}
		}
		inPage(t, page, escaped(rationale(d.ID)))
		assert.NotEmpty(t, d.ChoiceVerdict())
	}

	// The futures shown are the first futures of the counterfactual's own
	// engine: recomputed with N = the number shown, they say what the
	// screen said.
	h, _, _ := agents.ReadLogFor("session.jsonl", bytes.NewReader(log), sc)
	for _, d := range rep.Decisions {
		prefix := recs[:d.Shown[0].Upto]
		o, err := analytics.OriginAtDecision(sc, h.Seed, prefix, "session.jsonl", d.ID)
		require.NoError(t, err)
		opts, err := analytics.DecisionOptions(o)
		require.NoError(t, err)
		sum, err := analytics.RunFutures(context.Background(), analytics.FuturesSpec{Origin: o, Options: opts, Reference: analytics.DefaultOption(o), N: d.Shown[0].N}, nil)
		require.NoError(t, err)
		assert.Equal(t, d.Shown[0].Text, sum.Said(), d.ID)
	}

	// The scorecard's figures are the log's metrics, folded afresh.
	m := agents.NewMetrics(sc)
	for _, r := range recs {
		m.Record(r)
	}
	folded := map[string]float64{}
	for _, v := range m.Values() {
		folded[v.Name] = v.Value
	}
	require.Len(t, rep.Scorecard, 6)
	for _, g := range rep.Scorecard {
		require.NotEmpty(t, g.Indicators, g.Goal)
		for _, x := range g.Indicators {
			assert.Equal(t, folded[x.Metric.Name], x.Value, x.Metric.Name)
			inPage(t, page, escaped(x.Text()))
		}
	}
	for _, p := range rep.Decisions[0].Counter.Placements {
		assert.Equal(t, folded[p.Metric], p.Actual, "the outcome placed is the session's")
	}

	// The note is at its moment, in the notes and in the story.
	require.Len(t, rep.Notes, 1)
	assert.Equal(t, noteAt, rep.Notes[0].Time)
	assert.Equal(t, noteText, rep.Notes[0].Line)
	inPage(t, page, fmt.Sprintf(`<td class="t">%s</td><td>%s</td><td>%s</td>`, agents.Clock(noteAt), agents.PreConflict, escaped(noteText)))
	inStory := false
	for _, s := range rep.Story {
		for _, e := range s.Entries {
			if e.Kind == "facilitator.note" && e.Time == noteAt {
				inStory = true
			}
		}
	}
	assert.True(t, inStory, "the note is in the story at its moment")

	// Every section is in the page; the scenario's questions too.
	for _, s := range rep.Sections() {
		inPage(t, page, `<section id="`+s.ID+`">`)
		inPage(t, page, "<h2>"+s.Title+"</h2>") // the headings are the template's own text
	}
	require.NotEmpty(t, sc.Debrief.Questions)
	for _, q := range sc.Debrief.Questions {
		inPage(t, page, escaped(q.Text))
	}
	assert.Len(t, rep.Moments, 3)
	for _, fetch := range []string{`src="http`, `href="http`, `url(http`, `@import`, `<script`, `<link`} {
		assert.False(t, strings.Contains(page, fetch), "nothing is fetched: %s", fetch)
	}
}

// inPage checks that the page holds s, without printing the page.
func inPage(t *testing.T, page, s string, msg ...any) {
	t.Helper()
	if !strings.Contains(page, s) {
		t.Errorf("the page does not hold %q %v", s, msg)
	}
}

// escaped is s as html/template escapes text.
func escaped(s string) string {
	return strings.NewReplacer("&", "&amp;", "'", "&#39;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "+", "&#43;").Replace(s)
}

// TestTheCSVFiles: decisions.csv has a row per decision with its choice,
// rationale and futures; story.csv a row per entry of the story.
func TestTheCSVFiles(t *testing.T) {
	sc, log := scriptedSession(t)
	rep, _ := makeReport(t, sc, log, 4)
	dir := t.TempDir()
	require.NoError(t, Write(dir, rep, false))
	rows := readCSV(t, filepath.Join(dir, DecisionsFile))
	require.Len(t, rows, 1+len(sc.Decisions))
	head := rows[0]
	col := func(name string) int { i := slices.Index(head, name); require.GreaterOrEqual(t, i, 0, name); return i }
	for i, d := range sc.Decisions {
		row := rows[1+i]
		assert.Equal(t, d.ID, row[col("decision")])
		assert.Equal(t, fmt.Sprint(len(d.Options)), row[col("choice")])
		assert.Equal(t, rationale(d.ID), row[col("rationale")])
		assert.Contains(t, row[col("futures_shown")], fmt.Sprintf("(%d per option)", shownFutures))
		assert.Equal(t, "4", row[col("counterfactual_n")])
	}
	story := readCSV(t, filepath.Join(dir, StoryFile))
	entries := 0
	for _, s := range rep.Story {
		entries += len(s.Entries)
	}
	assert.Len(t, story, 1+entries)

	// A second debrief into the same place is refused, and writes nothing.
	before, err := os.ReadFile(filepath.Join(dir, HTMLFile))
	require.NoError(t, err)
	rep.Notes = nil
	err = Write(dir, rep, false)
	require.ErrorIs(t, err, ErrExists)
	after, _ := os.ReadFile(filepath.Join(dir, HTMLFile))
	assert.Equal(t, before, after)
	require.NoError(t, Write(dir, rep, true))
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	require.NoError(t, err)
	return rows
}

// TestATornLogIsDebriefedUpToTheTear: the records before the tear make the
// report, which states the point; the decisions after it are not there.
func TestATornLogIsDebriefedUpToTheTear(t *testing.T) {
	sc, log := scriptedSession(t)
	lines := bytes.Split(log, []byte("\n"))
	// Tear the log in the middle of the record after the second decision's answer.
	cut := -1
	for i, l := range lines {
		if bytes.Contains(l, []byte(`"decision.taken"`)) && bytes.Contains(l, []byte(sc.Decisions[1].ID)) {
			cut = i + 1
			break
		}
	}
	require.Positive(t, cut)
	torn := append(bytes.Join(lines[:cut], []byte("\n")), '\n')
	torn = append(torn, lines[cut][:len(lines[cut])/2]...)
	h, recs, err := agents.ReadLogFor("torn.jsonl", bytes.NewReader(torn), sc)
	require.Error(t, err)
	var lp agents.LogProblems
	require.ErrorAs(t, err, &lp)
	rep, err := Make(context.Background(), Input{Scenario: sc, Source: scenarios.Default, Header: h, Records: recs, LogName: "torn.jsonl", Tear: lp[0].Error(), N: 3})
	require.NoError(t, err)
	assert.False(t, rep.Complete)
	assert.Len(t, rep.Decisions, 2)
	for _, d := range rep.Decisions {
		require.NotNil(t, d.Counter, d.NoCounter)
		assert.Empty(t, d.Counter.Placements, "no outcome to place before the horizon")
	}
	var html bytes.Buffer
	require.NoError(t, rep.WriteHTML(&html))
	assert.Contains(t, html.String(), fmt.Sprintf("torn.jsonl:%d:", cut+1), "the point of the tear, as file:line")
	assert.Contains(t, html.String(), "The event log is torn")
}

// BenchmarkDebrief makes the debrief of the scripted session: the fold,
// the counterfactuals (3 decisions × 3 options × 20 futures) and the
// HTML and PDF.
func BenchmarkDebrief(b *testing.B) {
	sc, log := scriptedSession(b)
	h, recs, err := agents.ReadLogFor("session.jsonl", bytes.NewReader(log), sc)
	require.NoError(b, err)
	for _, n := range []int{0, 20} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			for b.Loop() {
				rep, err := Make(context.Background(), Input{Scenario: sc, Source: scenarios.Default, Header: h, Records: recs, LogName: "session.jsonl", N: n})
				require.NoError(b, err)
				var html, pdf bytes.Buffer
				require.NoError(b, rep.WriteHTML(&html))
				require.NoError(b, rep.WritePDF(&pdf))
			}
		})
	}
}

// TestALogOfAnotherModelKeepsItsStory: where the model no longer makes the
// log's records, the decisions after that point get no counterfactual (the
// report says why), while the story and the scorecard, read from the log,
// stay.
func TestALogOfAnotherModelKeepsItsStory(t *testing.T) {
	sc, log := scriptedSession(t)
	lines := bytes.Split(log, []byte("\n"))
	second := sc.Decisions[1].At.Hours()
	changed := false
	for i, l := range lines {
		// The first operation launched after the first decision and before the second.
		if bytes.Contains(l, []byte(`"attack.launched"`)) {
			var r struct{ T float64 }
			require.NoError(t, json.Unmarshal(l, &r))
			if r.T > sc.Decisions[0].At.Hours() && r.T < second {
				lines[i] = bytes.Replace(l, []byte(`"value":`), []byte(`"value":1`), 1)
				changed = true
				break
			}
		}
	}
	require.True(t, changed)
	rep, _ := makeReport(t, sc, bytes.Join(lines, []byte("\n")), 2)
	require.NotNil(t, rep.Decisions[0].Counter, rep.Decisions[0].NoCounter)
	for _, d := range rep.Decisions[1:] {
		assert.Nil(t, d.Counter)
		assert.Contains(t, d.NoCounter, "differs from what the scenario makes now")
	}
	assert.True(t, rep.Complete)
	assert.Len(t, rep.Scorecard, 6)
	var html bytes.Buffer
	require.NoError(t, rep.WriteHTML(&html))
	assert.True(t, strings.Contains(html.String(), "No counterfactual: agents: session.jsonl: record"))
}
