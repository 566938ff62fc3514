package teams

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"cpkrange/agents"
	"cpkrange/scenarios"
	"cpkrange/sim"
)

// session is a run of a bundled scenario with its hub and a server on
// loopback: what facilitate --teams makes, without the window.
type session struct {
	sc     *scenarios.Scenario
	world  *agents.World
	hub    *Hub
	srv    *Server
	base   string
	recs   []agents.Record
	errlog bytes.Buffer
}

type recorderFunc func(agents.Record)

func (f recorderFunc) Record(r agents.Record) { f(r) }

func newSession(t testing.TB, name string, o Options) *session {
	t.Helper()
	sc, _, err := scenarios.Open(name, scenarios.Options{})
	require.NoError(t, err)
	s := &session{sc: sc}
	s.hub, err = New(sc, o)
	require.NoError(t, err)
	w, err := agents.Build(sc, sc.Meta.Seed, sim.Tee[agents.Record]{recorderFunc(func(r agents.Record) { s.recs = append(s.recs, r) }), s.hub})
	require.NoError(t, err)
	w.SetInteractive(true)
	s.world = w
	s.srv, err = s.hub.Serve("127.0.0.1:0", &s.errlog)
	require.NoError(t, err)
	t.Cleanup(func() { s.srv.Close() })
	s.base = "http://" + s.srv.Addr().String()
	return s
}

// toDecision runs the world to the first decision for decider.
func (s *session) toDecision(t testing.TB, decider string) scenarios.Decision {
	t.Helper()
	for !s.world.Ended() {
		for _, p := range s.world.Pending() {
			if d := s.sc.Decisions[p.Index]; d.Decider == decider {
				return d
			}
			require.True(t, s.world.Decide(p.Index, 1, "facilitator"))
		}
		s.world.Advance(s.world.Now() + 1)
	}
	t.Fatalf("no decision for %s", decider)
	return scenarios.Decision{}
}

// drain hands the queued votes to the world, as the display does each
// frame.
func (s *session) drain() {
	for _, b := range s.hub.Ballots() {
		s.world.Vote(b)
	}
}

func (s *session) link(team string) string {
	for _, l := range s.hub.Links() {
		if l.Team == team {
			return s.base + l.Path
		}
	}
	panic("no team " + team)
}

// event is one server-sent event.
type event struct{ id, name, data string }

// stream reads a team's events until stop says enough or the time is up.
func stream(t testing.TB, url string, lastID string, stop func(event) bool) []event {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", url+"/events", nil)
	if lastID != "" {
		req.Header.Set("Last-Event-ID", lastID)
	}
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	require.Equal(t, 200, res.StatusCode)
	var out []event
	var ev event
	sc := bufio.NewScanner(res.Body)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case line == "":
			if ev.name != "" {
				out = append(out, ev)
				if stop(ev) {
					return out
				}
			}
			ev = event{}
		case strings.HasPrefix(line, "id: "):
			ev.id = line[4:]
		case strings.HasPrefix(line, "event: "):
			ev.name = line[7:]
		case strings.HasPrefix(line, "data: "):
			ev.data = line[6:]
		}
	}
	t.Fatalf("the stream ended before its end: %v", sc.Err())
	return out
}

// lastView reads a stream until its first view.
func lastView(t testing.TB, url string) (View, []Item) {
	var items []Item
	var v View
	stream(t, url, "", func(e event) bool {
		switch e.name {
		case "items":
			var got []Item
			require.NoError(t, json.Unmarshal([]byte(e.data), &got))
			items = append(items, got...)
		case "view":
			require.NoError(t, json.Unmarshal([]byte(e.data), &v))
			return len(items) >= v.Items
		}
		return false
	})
	return v, items
}

func post(t testing.TB, url, ctype, body string, hdr map[string]string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest("POST", url+"/vote", strings.NewReader(body))
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

func vote(d scenarios.Decision, option int, why string) string {
	b, _ := json.Marshal(voteRequest{Decision: d.ID, Option: option, Rationale: why})
	return string(b)
}

// TestATeamSeesAndVotesOnlyAsItself plays two teams and an attacker: a
// team's vote (with markup in its rationale) reaches the run as a record;
// the other team's stream never carries it nor the first team's assets or
// detections; a vote on another team's decision, a guessed token and a
// token's prefix get nothing.
func TestATeamSeesAndVotesOnlyAsItself(t *testing.T) {
	s := newSession(t, "ddos-election", Options{Observers: true})
	d := s.toDecision(t, "kaldonia")
	kal, dra := s.link("kaldonia"), s.link("dravinia")
	why := `<img src=x onerror="alert(1)"> we hold`

	code, body := post(t, dra, "application/json", vote(d, 2, "not ours"), nil)
	assert.Equal(t, http.StatusUnprocessableEntity, code, "dravinia votes on kaldonia's decision: %s", body)
	code, body = post(t, kal, "application/json", vote(d, 2, why), nil)
	require.Equal(t, http.StatusAccepted, code, body)
	s.drain()

	var votes []agents.Ballot
	for _, r := range s.recs {
		if r.Kind == agents.KindVote {
			votes = append(votes, r.Ballot())
		}
	}
	require.Len(t, votes, 1, "only kaldonia's vote is recorded")
	assert.Equal(t, agents.Ballot{Decision: d.ID, Team: "kaldonia", Option: 2, Rationale: why}, votes[0])

	kv, kitems := lastView(t, kal)
	require.NotNil(t, kv.Decision)
	assert.True(t, kv.Decision.Yours)
	assert.Equal(t, 2, kv.Decision.Voted)
	assert.Equal(t, why, kv.Decision.Rationale)
	assert.NotEmpty(t, kv.Assets)
	assert.NotEmpty(t, kv.Attacks, "kaldonia has detected attacks by now")
	assert.True(t, hasKind(kitems, "decision.vote"))

	dv, ditems := lastView(t, dra)
	require.NotNil(t, dv.Decision)
	assert.False(t, dv.Decision.Yours)
	assert.Empty(t, dv.Decision.Options)
	assert.Zero(t, dv.Decision.Voted)
	assert.Empty(t, dv.Decision.Rationale)
	assert.False(t, hasKind(ditems, "decision.vote"), "dravinia hears of kaldonia's vote")
	raw, _ := json.Marshal(struct {
		V View
		I []Item
	}{dv, ditems})
	assert.NotContains(t, string(raw), "we hold")
	for _, a := range kv.Assets {
		assert.NotContains(t, string(raw), `"`+a.Name+" · ", "dravinia sees kaldonia's asset list")
	}
	for _, a := range dv.Attacks {
		assert.Contains(t, a.Belief, "our operation", "dravinia knows only its own groups' attacks: %+v", a)
	}

	ov, oitems := lastView(t, s.link(agents.Observers))
	assert.Empty(t, ov.Assets)
	assert.Empty(t, ov.Attacks)
	for _, it := range oitems {
		assert.NotContains(t, it.Kind, "attack.", "observers hear of an attack")
	}

	tok := strings.TrimPrefix(kal, s.base+"/t/")
	for _, bad := range []string{tok[:16], tok + "0", strings.ToUpper(tok), "../" + tok, strings.Repeat("0", 32)} {
		res, err := http.Get(s.base + "/t/" + bad + "/events")
		require.NoError(t, err)
		res.Body.Close()
		assert.Equal(t, http.StatusNotFound, res.StatusCode, "token %q", bad)
	}
}

func hasKind(items []Item, kind string) bool {
	for _, it := range items {
		if it.Kind == kind {
			return true
		}
	}
	return false
}

// TestBadInputIsRefused posts what an attacker on the room's network
// would: bodies too large, not JSON, the wrong type, from another site, too
// often, and rationales too long; each gets its answer, no token reaches
// the error log, and the session goes on (a good vote still counts).
func TestBadInputIsRefused(t *testing.T) {
	s := newSession(t, "ddos-election", Options{Burst: 3, Every: time.Hour})
	d := s.toDecision(t, "kaldonia")
	kal := s.link("kaldonia")
	cases := []struct {
		name, ctype, body string
		hdr               map[string]string
		want              int
	}{
		{"too large", "application/json", `{"decision":"` + strings.Repeat("a", 8<<10) + `"}`, nil, http.StatusRequestEntityTooLarge},
		{"not JSON", "application/json", `decision=x`, nil, http.StatusBadRequest},
		{"a form", "application/x-www-form-urlencoded", `decision=x&option=1`, nil, http.StatusUnsupportedMediaType},
		{"unknown fields", "application/json", `{"decision":"x","option":1,"team":"dravinia"}`, nil, http.StatusBadRequest},
		{"from another site", "application/json", vote(d, 1, ""), map[string]string{"Sec-Fetch-Site": "cross-site"}, http.StatusForbidden},
		{"from another origin", "application/json", vote(d, 1, ""), map[string]string{"Origin": "http://evil.example"}, http.StatusForbidden},
	}
	for _, c := range cases {
		code, body := post(t, kal, c.ctype, c.body, c.hdr)
		assert.Equal(t, c.want, code, "%s: %s", c.name, body)
	}
	// The rate limit counts only votes that were read: three, then 429.
	code, _ := post(t, kal, "application/json", vote(d, 1, strings.Repeat("é", agents.MaxRationale+1)), nil)
	assert.Equal(t, http.StatusUnprocessableEntity, code, "a rationale too long")
	code, _ = post(t, kal, "application/json", vote(d, 9, ""), nil)
	assert.Equal(t, http.StatusUnprocessableEntity, code, "an option the decision does not have")
	code, body := post(t, kal, "application/json", vote(d, 1, strings.Repeat("é", agents.MaxRationale)), nil)
	assert.Equal(t, http.StatusAccepted, code, body)
	code, _ = post(t, kal, "application/json", vote(d, 1, ""), nil)
	assert.Equal(t, http.StatusTooManyRequests, code, "the fourth vote within the hour")
	s.drain()
	assert.Equal(t, 1, count(s.recs, agents.KindVote), "the one good vote is recorded")
	for _, tok := range s.hub.tokens() {
		assert.NotContains(t, s.errlog.String(), tok)
	}
	v, _ := lastView(t, kal)
	assert.Equal(t, 1, v.Decision.Voted, "the session goes on")
}

func count(recs []agents.Record, k agents.Kind) int {
	n := 0
	for _, r := range recs {
		if r.Kind == k {
			n++
		}
	}
	return n
}

// TestAStreamResumesWithoutLoss: a page that reconnects with the last id it
// has gets exactly the items after it, and a restart of the run starts the
// list again.
func TestAStreamResumesWithoutLoss(t *testing.T) {
	s := newSession(t, "ddos-election", Options{})
	s.world.Advance(200)
	kal := s.link("kaldonia")
	var first []Item
	var lastID string
	stream(t, kal, "", func(e event) bool {
		if e.name == "items" {
			var got []Item
			require.NoError(t, json.Unmarshal([]byte(e.data), &got))
			first = append(first, got...)
			lastID = e.id
		}
		return e.name == "view"
	})
	require.NotEmpty(t, first)
	s.world.Advance(400)
	var rest []Item
	stream(t, kal, lastID, func(e event) bool {
		if e.name == "items" {
			var got []Item
			require.NoError(t, json.Unmarshal([]byte(e.data), &got))
			rest = append(rest, got...)
		}
		return e.name == "view"
	})
	require.NotEmpty(t, rest)
	assert.Equal(t, first[len(first)-1].Seq+1, rest[0].Seq, "resumes right after the last item it had")
	all := append(first, rest...)
	for i, it := range all {
		assert.Equal(t, i+1, it.Seq)
	}
	// A restart: a new run, the list starts at 1.
	s.hub.Record(agents.Record{Kind: agents.KindRunStart, Text: s.sc.Meta.Name})
	var reset bool
	stream(t, kal, lastID, func(e event) bool {
		reset = reset || e.name == "reset"
		return e.name == "view"
	})
	assert.True(t, reset)
}

// TestLoopback tells the room's network from this machine.
func TestLoopback(t *testing.T) {
	for addr, want := range map[string]bool{"127.0.0.1:8080": true, "localhost:80": true, "[::1]:9": true, "0.0.0.0:8080": false, ":8080": false, "192.168.1.5:80": false, "nonsense": false} {
		assert.Equal(t, want, Loopback(addr), addr)
	}
}

func ExampleHub_PrintLinks() {
	sc, _, _ := scenarios.Open("ddos-election", scenarios.Options{})
	h, _ := New(sc, Options{})
	var b bytes.Buffer
	h.PrintLinks(&b, "http://127.0.0.1:8080", false)
	fmt.Println(strings.Count(b.String(), "http://127.0.0.1:8080/t/"), "links, one per team")
	// Output: 5 links, one per team
}
