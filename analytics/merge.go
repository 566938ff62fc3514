package analytics

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// Merge combines the shards of a study, each in its own directory, into
// out: the runs.csv, daily.csv and study.json a single run of the study
// would have written, byte for byte, and returns the whole study's
// manifest; Summarize and WritePlots then give its summaries and plots.
// It checks that the shards are of the same study, that every shard 1..N
// is there once and complete, and that every row is the run it should be.
// Files are written atomically; out may not hold another study.
func Merge(out string, dirs ...string) (*Manifest, error) {
	if len(dirs) == 0 {
		return nil, errors.New("analytics: merge: no shard directories")
	}
	var ms []*Manifest
	for _, d := range dirs {
		m, err := ReadManifest(d)
		if err != nil {
			return nil, err
		}
		ms = append(ms, m)
	}
	first := ms[0]
	count := first.ShardOf().Count
	if first.ShardOf().Whole() {
		count = 1
	}
	shards := make([]string, count) // directory of each shard
	shardMs := make([]*Manifest, count)
	for i, m := range ms {
		if err := sameStudy(first, m); err != nil {
			return nil, fmt.Errorf("analytics: merge: %s and %s hold different studies (they differ in %v)", dirs[0], dirs[i], err)
		}
		sh := m.ShardOf()
		c, k := sh.Count, sh.Index
		if sh.Whole() {
			c, k = 1, 1
		}
		if c != count {
			return nil, fmt.Errorf("analytics: merge: %s is shard %s, %s shard %s", dirs[0], first.ShardOf(), dirs[i], sh)
		}
		if shards[k-1] != "" {
			return nil, fmt.Errorf("analytics: merge: %s and %s are both shard %d/%d", shards[k-1], dirs[i], k, c)
		}
		shards[k-1], shardMs[k-1] = dirs[i], m
	}
	var missing []string
	for k, d := range shards {
		if d == "" {
			missing = append(missing, fmt.Sprintf("%d/%d", k+1, count))
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("analytics: merge: missing shards %s", strings.Join(missing, ", "))
	}
	whole := *first
	whole.Shard = nil
	// Each shard must be complete.
	readers := make([]*shardReader, count)
	defer func() {
		for _, r := range readers {
			if r != nil {
				r.close()
			}
		}
	}()
	for k, d := range shards {
		m := shardMs[k]
		for _, f := range rowFiles(m) {
			rows, _, err := scanRows(filepath.Join(d, f.name), m, f.header, f.runs)
			if err != nil {
				return nil, err
			}
			if rows != m.shardTasks() {
				return nil, fmt.Errorf("analytics: merge: shard %s in %s holds %d of its %d runs in %s: finish it with resume first", m.ShardOf(), d, rows, m.shardTasks(), f.name)
			}
		}
		readers[k] = &shardReader{dir: d}
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return nil, fmt.Errorf("analytics: %w", err)
	}
	if old, err := ReadManifest(out); err == nil {
		if sameStudy(old, &whole) != nil || !old.ShardOf().Whole() {
			return nil, fmt.Errorf("analytics: merge: %s holds another study; choose another directory", out)
		}
	} else if _, statErr := os.Stat(filepath.Join(out, ManifestFile)); statErr == nil {
		return nil, err
	}
	total := whole.totalTasks()
	for _, f := range rowFiles(&whole) {
		for _, r := range readers {
			if err := r.open(f.name); err != nil {
				return nil, err
			}
		}
		err := writeAtomic(filepath.Join(out, f.name), func(w io.Writer) error {
			if _, err := w.Write(headerLine(f.header)); err != nil {
				return fmt.Errorf("analytics: %w", err)
			}
			var fields []string
			for t := int64(0); t < total; t++ {
				r := readers[t%int64(count)]
				line, err := r.br.ReadString('\n')
				if err != nil {
					return fmt.Errorf("analytics: merge: %s: %w", filepath.Join(r.dir, f.name), err)
				}
				if fields, err = splitFields(fields[:0], strings.TrimSuffix(line, "\n")); err == nil {
					err = whole.checkRow(fields, t, f.runs)
				}
				if err != nil {
					return fmt.Errorf("analytics: merge: %s:%d: row %d %v", filepath.Join(r.dir, f.name), r.line+1, r.line, err)
				}
				if err := r.checkSum(line); err != nil {
					return err
				}
				if _, err := io.WriteString(w, line); err != nil {
					return fmt.Errorf("analytics: %w", err)
				}
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		if err := writeSums(filepath.Join(out, f.name)); err != nil {
			return nil, err
		}
	}
	if err := writeJSON(filepath.Join(out, ManifestFile), &whole); err != nil {
		return nil, err
	}
	return &whole, nil
}

type studyFile struct {
	name   string
	header []string
	runs   bool
}

// rowFiles lists the row files of a study.
func rowFiles(m *Manifest) []studyFile {
	fs := []studyFile{{RunsFile, runsHeader(m), true}}
	if m.Daily {
		fs = append(fs, studyFile{DailyFile, dailyHeader(m), false})
	}
	return fs
}

// writeSums writes the checksum file of a merged row file, atomically.
func writeSums(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("analytics: %w", err)
	}
	defer f.Close()
	br := bufio.NewReaderSize(f, 1<<16)
	if _, err := br.ReadString('\n'); err != nil {
		return fmt.Errorf("analytics: %s: %w", path, err)
	}
	return writeAtomic(path+sumSuffix, func(w io.Writer) error {
		var sum []byte
		for {
			line, err := br.ReadString('\n')
			if err == io.EOF && line == "" {
				return nil
			}
			if err != nil {
				return fmt.Errorf("analytics: %s: %w", path, err)
			}
			sum = rowSum(sum[:0], []byte(line))
			if _, err := w.Write(sum); err != nil {
				return fmt.Errorf("analytics: %w", err)
			}
		}
	})
}

// shardReader reads one shard's file past its header, and its checksums.
type shardReader struct {
	dir, name string
	f, sum    *os.File
	br, sr    *bufio.Reader
	line      int // of the row read last
	want      []byte
}

func (r *shardReader) open(name string) error {
	r.close()
	r.name, r.line = name, 1
	f, err := os.Open(filepath.Join(r.dir, name))
	if err != nil {
		return fmt.Errorf("analytics: %w", err)
	}
	r.f = f
	r.br = bufio.NewReaderSize(f, 1<<16)
	if _, err := r.br.ReadString('\n'); err != nil {
		return fmt.Errorf("analytics: %s: %w", filepath.Join(r.dir, name), err)
	}
	// scanRows has checked every row against its checksum; they are
	// checked again as they are copied, so that a file changed in between
	// is not merged either. A file begun before checksums has none.
	if sum, err := os.Open(filepath.Join(r.dir, name+sumSuffix)); err == nil {
		r.sum, r.sr = sum, bufio.NewReaderSize(sum, 1<<12)
	} else if !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("analytics: %w", err)
	}
	return nil
}

// checkSum checks the row just read against its checksum.
func (r *shardReader) checkSum(line string) error {
	r.line++
	if r.sr == nil {
		return nil
	}
	got, _ := r.sr.ReadString('\n')
	r.want = rowSum(r.want[:0], []byte(line))
	if got != string(r.want) {
		path := filepath.Join(r.dir, r.name)
		return fmt.Errorf("analytics: merge: %s:%d: row %d does not match its checksum (%s%s:%d): the file was edited or damaged", path, r.line, r.line-1, r.name, sumSuffix, r.line-1)
	}
	return nil
}

func (r *shardReader) close() {
	for _, f := range []*os.File{r.f, r.sum} {
		if f != nil {
			f.Close()
		}
	}
	r.f, r.sum = nil, nil
}
