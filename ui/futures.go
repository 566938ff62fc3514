package ui

import (
	"context"
	"runtime"
	"slices"
	"sync"
	"time"

	"cpkrange/analytics"
	"cpkrange/ui/internal/view"
)

// futuresPerOption is how many futures of each option the display runs:
// enough for intervals of about ±7 points on a share, and done in a few
// seconds on two cores (docs/performance.md).
const futuresPerOption = 200

// futuresView runs the futures of the decision on screen in the background
// and holds what they say so far. The run waits at the decision meanwhile;
// closing the overlay cancels the futures and records in the log what the
// room was shown.
type futuresView struct {
	open     bool
	decision string
	prompt   view.Prompt
	planned  int
	started  time.Time
	cancel   context.CancelFunc
	done     chan struct{}
	notice   int // frames left of the "wait for a decision" notice

	mu      sync.Mutex
	summary *analytics.FuturesSummary // of the futures complete for every option
	err     error
	elapsed time.Duration // when the last future came in
}

// futuresSnapshot is what the overlay draws in one frame.
type futuresSnapshot struct {
	prompt  view.Prompt
	summary *analytics.FuturesSummary
	planned int
	err     error
	elapsed time.Duration
	running bool
}

// toggle opens the futures of the decision on screen, or closes them.
func (fv *futuresView) toggle(live *view.Live, f *view.Frame) {
	if fv.open {
		fv.close(live)
		return
	}
	if f.Prompt == nil || f.Prompt.Index < 0 {
		fv.notice = 120
		return
	}
	fv.start(live, *f.Prompt)
}

// start forks the run at the decision on screen and runs its futures.
func (fv *futuresView) start(live *view.Live, p view.Prompt) {
	w, m := live.ForkNow()
	o := &analytics.Origin{World: w, Metrics: m, Decision: p.ID}
	opts, err := analytics.DecisionOptions(o)
	fv.open, fv.decision, fv.prompt, fv.planned, fv.started = true, p.ID, p, futuresPerOption, time.Now()
	fv.summary, fv.err, fv.elapsed = nil, err, 0
	fv.done = make(chan struct{})
	if err != nil {
		close(fv.done)
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	fv.cancel = cancel
	// Every core: the screen stands still while the room waits, and under
	// a software renderer frames took as long with one worker as with two
	// (docs/performance.md), while the futures took twice as long.
	spec := analytics.FuturesSpec{Origin: o, Options: opts, Reference: analytics.DefaultOption(o), N: futuresPerOption,
		Workers: runtime.GOMAXPROCS(0)}
	tally := analytics.NewFuturesTally(spec)
	go func() {
		defer close(fv.done)
		complete := 0
		_, err := analytics.RunFutures(ctx, spec, func(f analytics.Future) {
			tally.Add(f)
			if n := tally.Complete(); n > complete {
				complete = n
				s := tally.Summary()
				fv.mu.Lock()
				fv.summary, fv.elapsed = s, time.Since(fv.started)
				fv.mu.Unlock()
			}
		})
		if err != nil && ctx.Err() == nil {
			fv.mu.Lock()
			fv.err = err
			fv.mu.Unlock()
		}
	}()
}

// close cancels the futures, waits for the workers to stop, and records
// what the screen showed.
func (fv *futuresView) close(live *view.Live) {
	if !fv.open {
		return
	}
	if fv.cancel != nil {
		fv.cancel()
	}
	<-fv.done
	fv.open, fv.cancel = false, nil
	s := fv.snapshot()
	n, text := 0, "no future had finished"
	if s.summary != nil && s.summary.N > 0 {
		n, text = s.summary.N, s.summary.Said()
	}
	live.ShowFutures(fv.decision, n, 0, text)
}

func (fv *futuresView) snapshot() futuresSnapshot {
	fv.mu.Lock()
	defer fv.mu.Unlock()
	running := false
	select {
	case <-fv.done:
	default:
		running = true
	}
	return futuresSnapshot{prompt: fv.prompt, summary: fv.summary, planned: fv.planned, err: fv.err, elapsed: fv.elapsed, running: running}
}

// intercept takes the commands that concern the overlay, before the
// controller sees them: W opens or closes it, Esc closes it, an answer
// closes it first (so that the log says what the room saw before it
// says what the room decided), and so do the other overlays (injects,
// help) and restart. It reports whether the command is used up.
func (fv *futuresView) intercept(c view.Command, live *view.Live, f *view.Frame) bool {
	switch {
	case c.Kind == view.CmdFutures:
		fv.toggle(live, f)
		return true
	case !fv.open:
		return false
	case c.Kind == view.CmdClose:
		fv.close(live)
		return true
	case c.Kind == view.CmdNumber || c.Kind == view.CmdRestart || c.Kind == view.CmdQuit ||
		c.Kind == view.CmdInjects || c.Kind == view.CmdHelp:
		fv.close(live) // another overlay, or the answer, takes the screen
	}
	return false
}

// follow closes the overlay when its decision is no longer on screen (it
// was answered, the run restarted).
func (fv *futuresView) follow(live *view.Live, f *view.Frame) {
	if fv.notice > 0 {
		fv.notice--
	}
	if fv.open && (f.Prompt == nil || f.Prompt.ID != fv.decision) {
		fv.close(live)
	}
}

// optionDifference is what the overlay says of option k against the
// reference: its clear difference on the outcome that matters most (the
// order of analytics.FutureMetrics, as Clearest), else its difference in
// the chance of conflict, noise as it is.
func optionDifference(s *analytics.FuturesSummary, k int) (analytics.Comparison, bool) {
	for _, name := range analytics.FutureMetrics {
		if c, ok := s.Versus(k, name); ok && c.Clear() {
			return c, true
		}
	}
	return s.Versus(k, analytics.FutureMetrics[0])
}

// futuresKeyMetrics are the outcomes the overlay shows as columns.
var futuresKeyMetrics = slices.Clone(analytics.FutureMetrics[:4])
