package analytics

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"sync"

	"cpkrange/agents"
	"cpkrange/scenarios"
	"cpkrange/sim"
)

// Progress is how far a study has come, in runs (one replication of one
// arm) of its shard.
type Progress struct {
	Done    int64 // runs written, resumed ones included
	Total   int64 // runs in the shard
	Resumed int64 // runs already written when this invocation started
}

// Result is what Run did.
type Result struct {
	Manifest *Manifest
	Done     int64 // runs in the shard's files
	Total    int64 // runs in the shard
}

// ErrInterrupted is wrapped by Run's error when its context ends before the
// study does. The files hold every run finished in order; Run with Resume
// completes them.
var ErrInterrupted = errors.New("interrupted")

// seedOf returns the seed of replication i of a study with seed s.
func seedOf(s uint64, i int) uint64 { return sim.Derive(s, uint64(i)) }

// Run runs the study into st.Dir, calling progress (when not nil) from one
// goroutine after each run it writes. It writes study.json first, then
// appends one row per run to runs.csv (and daily.csv), in the order of the
// runs (replication, then arm) whatever the number of workers: workers
// finish out of order and a reorder buffer of at most a few runs per
// worker holds rows until their turn. Memory does not grow with N.
//
// When ctx ends, Run stops handing out runs, writes those finished in
// order, and returns an error wrapping ErrInterrupted and ctx's error. A
// later Run of the same study with Resume reads the rows that are complete,
// drops a torn last line (a kill -9 can leave one), checks that every row is
// the study's, and continues from the first missing run, so that the files
// end up byte for byte those of an uninterrupted run.
//
// When the whole study is done, Run writes summary.json, summary.csv and
// the plots (Summarize); a shard leaves that to Merge.
func Run(ctx context.Context, st *Study, progress func(Progress)) (*Result, error) {
	p, err := newPlan(st)
	if err != nil {
		return nil, err
	}
	return runPlan(ctx, st, p, progress)
}

// runPlan is Run of a planned study.
func runPlan(ctx context.Context, st *Study, p *plan, progress func(Progress)) (*Result, error) {
	m := p.m
	if err := os.MkdirAll(st.Dir, 0o755); err != nil {
		return nil, fmt.Errorf("analytics: %w", err)
	}
	if err := claim(st.Dir, m, st.Resume); err != nil {
		return nil, err
	}
	total := m.shardTasks()
	res := &Result{Manifest: m, Total: total}
	w, err := openStudyFiles(st.Dir, m)
	if err != nil {
		return nil, err
	}
	res.Done = w.rows
	if w.rows < total {
		err = execute(ctx, p, w, workers(st.Workers), progress)
		res.Done = w.rows
		if cerr := w.close(); err == nil {
			err = cerr
		}
		if err != nil {
			return res, err
		}
	} else {
		if err := w.close(); err != nil {
			return res, err
		}
		if progress != nil {
			progress(Progress{Done: total, Total: total, Resumed: total})
		}
	}
	return res, nil
}

func workers(n int) int {
	if n <= 0 {
		return runtime.GOMAXPROCS(0)
	}
	return n
}

// claim writes the study's manifest into dir, or checks it against the one
// there when resuming. It refuses a directory that holds another study, or
// this one without resume.
func claim(dir string, m *Manifest, resume bool) error {
	old, err := ReadManifest(dir)
	if err != nil {
		if _, statErr := os.Stat(filepath.Join(dir, ManifestFile)); statErr == nil {
			return err
		}
		for _, f := range []string{RunsFile, DailyFile} {
			if _, err := os.Stat(filepath.Join(dir, f)); err == nil {
				return fmt.Errorf("analytics: %s holds %s but no %s; choose another directory", dir, f, ManifestFile)
			}
		}
		return writeJSON(filepath.Join(dir, ManifestFile), m)
	}
	if !resume {
		return fmt.Errorf("analytics: %s already holds a study; resume it, or choose another directory", dir)
	}
	if err := sameStudy(old, m); err != nil {
		return fmt.Errorf("analytics: %s holds a different study (it differs in %v); choose another directory", dir, err)
	}
	if old.ShardOf() != m.ShardOf() {
		return fmt.Errorf("analytics: %s holds shard %q of the study, not %q", dir, old.ShardOf(), m.ShardOf())
	}
	return nil
}

// studyFiles are the open, appendable files of a study.
type studyFiles struct {
	runs, daily *rowFile
	rows        int64 // complete rows in both files
}

// rowFile is a row file open for appending, and its checksum file (nil for
// a file begun before checksums were kept).
type rowFile struct {
	f, sum  *os.File
	w, sumW *bufio.Writer
	sumBuf  []byte
}

// write appends a row and its checksum; errors surface at the flush.
func (r *rowFile) write(row []byte) {
	r.w.Write(row)
	if r.sumW != nil {
		r.sumBuf = rowSum(r.sumBuf[:0], row)
		r.sumW.Write(r.sumBuf)
	}
}

// flush writes the rows before their checksums: a kill between the two
// leaves rows without a checksum, which resume runs again.
func (r *rowFile) flush() error {
	if err := r.w.Flush(); err != nil {
		return fmt.Errorf("analytics: %w", err)
	}
	if r.sumW != nil {
		if err := r.sumW.Flush(); err != nil {
			return fmt.Errorf("analytics: %w", err)
		}
	}
	return nil
}

func (r *rowFile) close() error {
	err := r.flush()
	for _, f := range []*os.File{r.f, r.sum} {
		if f == nil {
			continue
		}
		if serr := f.Sync(); err == nil && serr != nil {
			err = fmt.Errorf("analytics: %w", serr)
		}
		if cerr := f.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("analytics: %w", cerr)
		}
	}
	return err
}

// openRowFile opens a row file (and its checksum file when sums) for
// appending after its first rows rows.
func openRowFile(path string, header []string, rows int64, sums bool) (*rowFile, error) {
	f, err := openAt(path, header, rows)
	if err != nil {
		return nil, err
	}
	r := &rowFile{f: f, w: bufio.NewWriterSize(f, 1<<16)}
	if !sums {
		return r, nil
	}
	sum, err := os.OpenFile(path+sumSuffix, os.O_RDWR|os.O_CREATE, 0o644)
	if err == nil {
		off := rows * sumLineLen
		if err = sum.Truncate(off); err == nil {
			_, err = sum.Seek(off, io.SeekStart)
		}
		if err != nil {
			sum.Close()
		}
	}
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("analytics: %w", err)
	}
	r.sum, r.sumW = sum, bufio.NewWriterSize(sum, 1<<12)
	return r, nil
}

// openStudyFiles opens runs.csv (and daily.csv) for appending after their
// last row complete in both, truncating a torn line or a row that only one
// of them holds, and writing the header of a new file.
func openStudyFiles(dir string, m *Manifest) (*studyFiles, error) {
	runsPath := filepath.Join(dir, RunsFile)
	dailyPath := filepath.Join(dir, DailyFile)
	rows, runsSums, err := scanRows(runsPath, m, runsHeader(m), true)
	if err != nil {
		return nil, err
	}
	dailySums := false
	if m.Daily {
		var dRows int64
		dRows, dailySums, err = scanRows(dailyPath, m, dailyHeader(m), false)
		if err != nil {
			return nil, err
		}
		rows = min(rows, dRows)
	}
	w := &studyFiles{rows: rows}
	if w.runs, err = openRowFile(runsPath, runsHeader(m), rows, runsSums); err != nil {
		return nil, err
	}
	if m.Daily {
		if w.daily, err = openRowFile(dailyPath, dailyHeader(m), rows, dailySums); err != nil {
			w.runs.close()
			return nil, err
		}
	}
	return w, nil
}

// openAt opens a study file for appending after its header and first rows
// rows, truncating anything after them, and writes the header into a file
// that has none.
func openAt(path string, header []string, rows int64) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("analytics: %w", err)
	}
	fail := func(err error) (*os.File, error) {
		f.Close()
		return nil, fmt.Errorf("analytics: %s: %w", path, err)
	}
	off, err := rowsEnd(f, rows)
	if err != nil {
		return fail(err)
	}
	if err := f.Truncate(off); err != nil {
		return fail(err)
	}
	if _, err := f.Seek(off, io.SeekStart); err != nil {
		return fail(err)
	}
	if off == 0 {
		if _, err := f.Write(headerLine(header)); err != nil {
			return fail(err)
		}
	}
	return f, nil
}

// rowsEnd returns the offset just past the header line and the rows
// complete lines after it: 0 when the header line is incomplete. The caller
// has checked that the file holds that many rows.
func rowsEnd(f *os.File, rows int64) (int64, error) {
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return 0, err
	}
	br := bufio.NewReaderSize(f, 1<<16)
	var off int64
	for n := int64(0); n <= rows; n++ {
		line, err := br.ReadString('\n')
		if err == io.EOF {
			if n == 0 {
				return 0, nil
			}
			return 0, fmt.Errorf("holds %d rows, not %d", n-1, rows)
		}
		if err != nil {
			return 0, err
		}
		off += int64(len(line))
	}
	return off, nil
}

func (w *studyFiles) flush() error {
	if err := w.runs.flush(); err != nil {
		return err
	}
	if w.daily != nil {
		return w.daily.flush()
	}
	return nil
}

func (w *studyFiles) close() error {
	err := w.runs.close()
	if w.daily != nil {
		if derr := w.daily.close(); err == nil {
			err = derr
		}
	}
	return err
}

// outcome is one finished run: its rows, formatted by the worker.
type outcome struct {
	j         int64
	runs      []byte
	daily     []byte
	err       error
	buf, dbuf *[]byte // returned to the pool once written
}

var rowPool = sync.Pool{New: func() any { b := make([]byte, 0, 1024); return &b }}

// execute runs the shard's missing runs on n workers and appends their
// rows in order.
func execute(ctx context.Context, p *plan, w *studyFiles, n int, progress func(Progress)) error {
	total := p.m.shardTasks()
	start := w.rows
	next, err := inOrder(ctx, n, start, total,
		func() func(int64) (outcome, error) {
			wk := newWorker(p)
			return func(j int64) (outcome, error) {
				o := wk.run(j)
				return o, o.err
			}
		},
		func(j int64, r outcome) {
			w.runs.write(r.runs)
			if w.daily != nil {
				w.daily.write(r.daily)
			}
			r.release()
			w.rows = j + 1
			if progress != nil {
				progress(Progress{Done: j + 1, Total: total, Resumed: start})
			}
		},
		w.flush,
		func(r outcome) { r.release() })
	if err != nil {
		return err
	}
	if next < total {
		return fmt.Errorf("analytics: %w after %d of %d runs: %w", ErrInterrupted, next, total, context.Cause(ctx))
	}
	return nil
}

func (o *outcome) release() {
	if o.buf != nil {
		rowPool.Put(o.buf)
	}
	if o.dbuf != nil {
		rowPool.Put(o.dbuf)
	}
}

// worker runs replications; it keeps its own copy of each arm's scenario,
// so that no two goroutines share one.
type worker struct {
	p     *plan
	cache map[int]armState
}

// armState is a worker's copy of an arm's scenario.
type armState struct {
	sc *scenarios.Scenario
}

// maxCached bounds the scenarios a worker keeps; a sweep with more points
// rebuilds a point's scenario for each run.
const maxCached = 64

func newWorker(p *plan) *worker {
	return &worker{p: p, cache: map[int]armState{}}
}

func (wk *worker) arm(a int) (armState, error) {
	if st, ok := wk.cache[a]; ok {
		return st, nil
	}
	arm := &wk.p.arms[a]
	var sc *scenarios.Scenario
	if arm.point == nil {
		sc = arm.base.Clone()
	} else {
		var err error
		if sc, err = arm.build(wk.p.m.Params, false); err != nil {
			return armState{}, err
		}
	}
	st := armState{sc: sc}
	if len(wk.p.arms) <= maxCached {
		wk.cache[a] = st
	}
	return st, nil
}

// run runs the shard's j-th run and formats its rows.
func (wk *worker) run(j int64) (o outcome) {
	m := wk.p.m
	o.j = j
	key := m.keyOf(m.task(j))
	seed := seedOf(m.Seed, key.rep)
	defer func() {
		if r := recover(); r != nil {
			o.err = fmt.Errorf("analytics: %s %q, replication %d (seed %d) panicked: %v\n%s", armWord(m), m.Arms[key.arm], key.rep, seed, r, debug.Stack())
		}
	}()
	st, err := wk.arm(key.arm)
	if err != nil {
		o.err = err
		return o
	}
	met, err := agents.Replicate(st.sc, seed)
	if err != nil {
		o.err = fmt.Errorf("analytics: %s %q, replication %d (seed %d): %w", armWord(m), m.Arms[key.arm], key.rep, seed, err)
		return o
	}
	o.buf = rowPool.Get().(*[]byte)
	b := (*o.buf)[:0]
	b = appendField(b, m.Arms[key.arm])
	if m.Kind == Sweep {
		for _, v := range m.Points[key.arm] {
			b = append(b, ',')
			b = appendFloat(b, v)
		}
	}
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(key.rep), 10)
	b = append(b, ',')
	b = strconv.AppendUint(b, seed, 10)
	vals := met.Values()
	if len(vals) != len(m.Metrics) {
		o.err = fmt.Errorf("analytics: the model returned %d metrics, the study has %d", len(vals), len(m.Metrics))
		return o
	}
	for i, v := range vals {
		if v.Name != m.Metrics[i] {
			o.err = fmt.Errorf("analytics: the model's metric %d is %q, the study's %q", i, v.Name, m.Metrics[i])
			return o
		}
		b = append(b, ',')
		b = appendFloat(b, v.Value)
	}
	b = append(b, '\n')
	*o.buf = b
	o.runs = b
	if m.Daily {
		o.dbuf = rowPool.Get().(*[]byte)
		d := (*o.dbuf)[:0]
		d = appendField(d, m.Arms[key.arm])
		d = append(d, ',')
		d = strconv.AppendInt(d, int64(key.rep), 10)
		days := maxDays(m)
		pts := met.Daily
		for k := 0; k < days; k++ {
			d = append(d, ',')
			if k < len(pts) && k < m.Days[key.arm] {
				d = appendFloat(d, pts[k].Harm)
			}
		}
		for k := 0; k < days; k++ {
			d = append(d, ',')
			if k < len(pts) && k < m.Days[key.arm] {
				d = strconv.AppendInt(d, int64(pts[k].TopRung), 10)
			}
		}
		for k := 0; k < days; k++ {
			d = append(d, ',')
			if k < len(pts) && k < m.Days[key.arm] {
				d = append(d, pts[k].Stage.String()...)
			}
		}
		d = append(d, '\n')
		*o.dbuf = d
		o.daily = d
	}
	return o
}

func armWord(m *Manifest) string {
	if m.Kind == Sweep {
		return "point"
	}
	return "variant"
}
