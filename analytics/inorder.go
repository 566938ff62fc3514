package analytics

import (
	"context"
	"sync"
)

// inOrder runs work(j) for every j in [from, to) on n workers and hands
// each result to emit in order of j, so that what a study writes does not
// depend on the number of workers. At most 4n results are handed out and
// not yet emitted, which bounds the memory held for a slow job. newWork
// gives each worker a function of its own (which may keep state, as a
// replication's scratch space). settled, if not nil, runs after each
// stretch of results emitted together (a flush). The first error, of a job,
// of emit or of settled, cancels the rest; the error returned is the one
// of the lowest job, or of emit or settled, which come first. drop, if not
// nil, releases a result that will never be emitted. It returns the first
// j not emitted: below to with a nil error when ctx was cancelled.
func inOrder[T any](ctx context.Context, n int, from, to int64, newWork func() func(int64) (T, error), emit func(int64, T), settled func() error, drop func(T)) (int64, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	window := 4 * n
	slots := make(chan struct{}, window)
	jobs := make(chan int64)
	type result struct {
		j   int64
		r   T
		err error
	}
	results := make(chan result, n)
	go func() {
		defer close(jobs)
		for j := from; j < to; j++ {
			select {
			case slots <- struct{}{}:
			case <-ctx.Done():
				return
			}
			select {
			case jobs <- j:
			case <-ctx.Done():
				return
			}
		}
	}()
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			work := newWork()
			for j := range jobs {
				r, err := work(j)
				results <- result{j, r, err}
			}
		}()
	}
	go func() {
		wg.Wait()
		close(results)
	}()

	pending := make(map[int64]T, window)
	next := from
	var firstErr error
	errAt := to
	for res := range results {
		if res.err != nil {
			if res.j < errAt {
				firstErr, errAt = res.err, res.j
			}
			cancel()
			continue
		}
		pending[res.j] = res.r
		wrote := false
		for {
			r, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			emit(next, r)
			next++
			wrote = true
			<-slots
		}
		if wrote && settled != nil {
			if err := settled(); err != nil && errAt == to {
				firstErr, errAt = err, -1
				cancel()
			}
		}
	}
	if drop != nil {
		for _, r := range pending {
			drop(r)
		}
	}
	return next, firstErr
}
