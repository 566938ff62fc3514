package teams

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// client is one simulated browser: it follows a team's stream, reconnects
// with the last id it had when told to drop, and keeps every item number
// it got.
type client struct {
	url     string
	drop    int // reconnect after this many items (0 never)
	mu      sync.Mutex
	seqs    []int
	lastID  string
	streams int
	refused int // streams the server refused (too many open for the team), retried
	err     error
}

func (c *client) follow(ctx context.Context) {
	for ctx.Err() == nil {
		c.streams++
		if err := c.once(ctx); err != nil && ctx.Err() == nil {
			c.mu.Lock()
			c.err = err
			c.mu.Unlock()
			return
		}
	}
}

// once reads one stream until the context ends or it is time to drop.
func (c *client) once(ctx context.Context) error {
	sctx, cancel := context.WithCancel(ctx)
	defer cancel()
	req, _ := http.NewRequestWithContext(sctx, "GET", c.url+"/events", nil)
	c.mu.Lock()
	if c.lastID != "" {
		req.Header.Set("Last-Event-ID", c.lastID)
	}
	c.mu.Unlock()
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return nil
		}
		return err
	}
	defer res.Body.Close()
	if res.StatusCode == http.StatusTooManyRequests {
		c.mu.Lock()
		c.refused++
		c.mu.Unlock()
		time.Sleep(200 * time.Millisecond) // as the page does: try again a little later
		return nil
	}
	if res.StatusCode != 200 {
		return fmt.Errorf("status %d", res.StatusCode)
	}
	sc := bufio.NewScanner(res.Body)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	var id, name string
	got := 0
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "id: "):
			id = line[4:]
		case strings.HasPrefix(line, "event: "):
			name = line[7:]
		case strings.HasPrefix(line, "data: ") && name == "items":
			var items []Item
			if err := json.Unmarshal([]byte(line[6:]), &items); err != nil {
				return err
			}
			c.mu.Lock()
			for _, it := range items {
				c.seqs = append(c.seqs, it.Seq)
			}
			c.lastID = id
			c.mu.Unlock()
			got += len(items)
			if c.drop > 0 && got >= c.drop {
				return nil // drop off the network, as a phone does, and come back
			}
		}
	}
	return nil
}

func (c *client) count() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.seqs)
}

// loadResult is what one session of the load test did.
type loadResult struct {
	frames, records int
	wall            time.Duration
}

// driveSession runs the world as the display does, speed simulated hours a
// second at 60 frames a second, for the given real duration (not waited:
// the frames are computed as fast as they go), voting and confirming each
// decision through the hub.
func driveSession(t *testing.T, s *session, speed float64, session time.Duration) loadResult {
	t.Helper()
	frames := int(session.Seconds() * 60)
	start := time.Now()
	var res loadResult
	for f := 0; f < frames; f++ {
		if !s.world.Ended() {
			s.world.Advance(s.world.Now() + speed/60)
		}
		for _, p := range s.world.Pending() {
			d := s.sc.Decisions[p.Index]
			if d.Decider == "facilitator" {
				s.world.Decide(p.Index, d.Default, "facilitator")
				continue
			}
			code, body := post(t, s.link(d.Decider), "application/json", vote(d, d.Default, "load test"), nil)
			if code != http.StatusAccepted {
				t.Fatalf("a vote: %d %s", code, body)
			}
			s.drain()
			s.world.Decide(p.Index, d.Default, d.Decider)
		}
		s.hub.Clock(s.world.Now(), s.world.Ended())
		res.frames++
	}
	res.wall = time.Since(start)
	res.records = len(s.recs)
	return res
}

func heapInUse() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapInuse
}

// settle waits for the goroutines to come down to at most n.
func settle(n int) int {
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > n && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	return runtime.NumGoroutine()
}

// TestThirtyTeamsForTwoHours follows a two-hour session, at the default
// speed (2 h/s) and the fastest (1 day/s), with 30 simulated browsers on
// loopback (five per team), a third of them dropping off and reconnecting
// every few dozen items, in the bundled scenario with the most records
// (disinfo-spiral). Every browser gets every item of its team once,
// in order; when they leave, the goroutines come back down and the heap
// does not grow, over two waves of browsers. The frames are computed as
// fast as they go, so the test takes seconds, not two hours; the figures
// are in docs/performance.md.
func TestThirtyTeamsForTwoHours(t *testing.T) {
	if testing.Short() {
		t.Skip("the load test runs two two-hour sessions")
	}
	for _, speed := range []float64{2, 24} {
		t.Run(fmt.Sprintf("%gh/s", speed), func(t *testing.T) {
			s := newSession(t, "disinfo-spiral", Options{Observers: true, Burst: 100, Every: time.Millisecond})
			baseG := runtime.NumGoroutine()
			var heapWith, heapAfter [2]uint64
			for wave := range 2 {
				ctx, cancel := context.WithCancel(context.Background())
				var clients []*client
				var wg sync.WaitGroup
				for i := range 30 {
					l := s.hub.Links()[i%len(s.hub.Links())]
					c := &client{url: s.base + l.Path}
					if i%3 == 0 {
						c.drop = 40
					}
					clients = append(clients, c)
					wg.Add(1)
					go func() { defer wg.Done(); c.follow(ctx) }()
				}
				var res loadResult
				if wave == 0 {
					res = driveSession(t, s, speed, 2*time.Hour)
				}
				// Every browser catches up with its team's whole list.
				deadline := time.Now().Add(20 * time.Second)
				for _, c := range clients {
					want := s.hub.itemCount(strings.TrimPrefix(c.url, s.base+"/t/"))
					for c.count() < want && time.Now().Before(deadline) {
						time.Sleep(10 * time.Millisecond)
					}
					c.mu.Lock()
					if c.err != nil {
						t.Errorf("a browser: %v", c.err)
					}
					for i, seq := range c.seqs {
						if seq != i+1 {
							t.Fatalf("a browser got item %d as its %dth: lost or doubled", seq, i+1)
						}
					}
					if len(c.seqs) != want {
						t.Errorf("a browser has %d items of %d", len(c.seqs), want)
					}
					c.mu.Unlock()
				}
				heapWith[wave] = heapInUse()
				cancel()
				wg.Wait()
				http.DefaultClient.CloseIdleConnections()
				heapAfter[wave] = heapInUse()
				if g := settle(baseG + 2); g > baseG+2 {
					t.Errorf("wave %d: %d goroutines after the browsers left, %d before they came", wave, g, baseG)
				}
				if wave == 0 {
					items, streams, refused := 0, 0, 0
					for _, c := range clients {
						items += len(c.seqs)
						streams += c.streams
						refused += c.refused
					}
					t.Logf("speed %g h/s: %d frames (%.0f s of session) in %v, %d records, %d items delivered over %d streams (%d refused and retried)",
						speed, res.frames, float64(res.frames)/60, res.wall.Round(time.Millisecond), res.records, items, streams, refused)
				}
			}
			t.Logf("heap in use: with browsers %d KiB, after %d KiB; second wave %d KiB, after %d KiB",
				heapWith[0]>>10, heapAfter[0]>>10, heapWith[1]>>10, heapAfter[1]>>10)
			// The second wave leaves the heap where the first left it (within
			// 1 MiB of noise): nothing of a browser stays behind.
			if heapAfter[1] > heapAfter[0]+1<<20 {
				t.Errorf("the heap grew by %d KiB over a wave of browsers", (heapAfter[1]-heapAfter[0])>>10)
			}
		})
	}
}

// itemCount is how many items the team with token tok has learnt.
func (h *Hub) itemCount(tok string) int {
	h.mu.Lock()
	defer h.mu.Unlock()
	if t := h.find(tok); t != nil {
		return len(t.items)
	}
	return -1
}

// BenchmarkFrame is the display's frame with the team server behind it: a
// whole run of disinfo-spiral at the fastest speed (1 day/s, 60 frames a
// second), with no browser and with 30 following it; ns/frame is the time
// one frame spends in the world and the hub.
func BenchmarkFrame(b *testing.B) {
	for _, n := range []int{0, 30} {
		b.Run(fmt.Sprintf("browsers=%d", n), func(b *testing.B) {
			frames := 0
			var spent time.Duration
			for range b.N {
				s := newSession(b, "disinfo-spiral", Options{Observers: true})
				ctx, cancel := context.WithCancel(context.Background())
				var wg sync.WaitGroup
				var clients []*client
				for i := range n {
					c := &client{url: s.base + s.hub.Links()[i%len(s.hub.Links())].Path}
					clients = append(clients, c)
					wg.Add(1)
					go func() { defer wg.Done(); c.follow(ctx) }()
				}
				for _, c := range clients { // every browser connected before the run starts
					for c.count() == 0 {
						time.Sleep(time.Millisecond)
					}
				}
				start := time.Now()
				for !s.world.Ended() {
					s.world.Advance(s.world.Now() + 24.0/60)
					for _, p := range s.world.Pending() {
						s.world.Decide(p.Index, s.sc.Decisions[p.Index].Default, "facilitator")
					}
					s.hub.Clock(s.world.Now(), false)
					frames++
				}
				spent += time.Since(start)
				cancel()
				wg.Wait()
				s.srv.Close()
			}
			b.ReportMetric(float64(spent.Nanoseconds())/float64(frames), "ns/frame")
		})
	}
}
