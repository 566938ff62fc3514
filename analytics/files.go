package analytics

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// The files of a study directory.
const (
	ManifestFile    = "study.json"
	RunsFile        = "runs.csv"
	DailyFile       = "daily.csv"
	SummaryJSONFile = "summary.json"
	SummaryCSVFile  = "summary.csv"
	ReportFile      = "report.html"
	PlotsDir        = "plots"
	// sumSuffix names the checksum file beside a row file: runs.csv.sum
	// holds one line per row of runs.csv (see rowSum).
	sumSuffix = ".sum"
)

// sumLineLen is the length of a line of a checksum file.
const sumLineLen = 2*8 + 1

// rowSum appends the checksum line of a row (its line with the newline):
// the first 8 bytes of its SHA-256, in hex. It catches a row edited by
// hand or damaged on disk; it is no defence against whoever rewrites both
// files, which no checksum without a key could be.
func rowSum(b []byte, line []byte) []byte {
	h := sha256.Sum256(line)
	b = hex.AppendEncode(b, h[:8])
	return append(b, '\n')
}

// writeFileAtomic writes data to path through a temporary file in the same
// directory, synced and renamed into place: a reader sees the old file or
// the new one, never part of one.
func writeFileAtomic(path string, data []byte) error {
	return writeAtomic(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// writeAtomic is writeFileAtomic for content written by fill.
func writeAtomic(path string, fill func(w io.Writer) error) (err error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("analytics: %w", err)
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	bw := bufio.NewWriterSize(f, 1<<16)
	if err := fill(bw); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("analytics: %w", err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("analytics: %w", err)
	}
	if err := f.Chmod(0o644); err != nil {
		return fmt.Errorf("analytics: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("analytics: %w", err)
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("analytics: %w", err)
	}
	return nil
}

// writeJSON writes v as indented JSON, atomically.
func writeJSON(path string, v any) error {
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return fmt.Errorf("analytics: %w", err)
	}
	return writeFileAtomic(path, append(data, '\n'))
}

// ReadManifest reads the study.json of a study directory.
func ReadManifest(dir string) (*Manifest, error) {
	data, err := os.ReadFile(filepath.Join(dir, ManifestFile))
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("analytics: %s holds no study (no %s)", dir, ManifestFile)
		}
		return nil, fmt.Errorf("analytics: %w", err)
	}
	m := new(Manifest)
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(m); err != nil {
		return nil, fmt.Errorf("analytics: %s: %w", filepath.Join(dir, ManifestFile), err)
	}
	if m.Format != manifestFormat {
		return nil, fmt.Errorf("analytics: %s: format %q, want %q", filepath.Join(dir, ManifestFile), m.Format, manifestFormat)
	}
	if len(m.Arms) == 0 || m.N < 1 || (m.Kind == Sweep && len(m.Points) != len(m.Arms)) || (m.Daily && len(m.Days) != len(m.Arms)) {
		return nil, fmt.Errorf("analytics: %s is inconsistent", filepath.Join(dir, ManifestFile))
	}
	return m, nil
}

// formatFloat formats a number for CSV: the shortest text that reads back
// to the same float64 (strconv 'g', -1), "NA" for NaN and infinities, which
// pandas and R both read as missing.
func formatFloat(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "NA"
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

func appendFloat(b []byte, v float64) []byte {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return append(b, "NA"...)
	}
	return strconv.AppendFloat(b, v, 'g', -1, 64)
}

// parseFloat reads formatFloat's output: a finite number, or "NA" (or
// nothing) for a missing one. The engine never writes an infinity or a NaN
// as such, so one in a file was put there by hand and is refused.
func parseFloat(s string) (float64, error) {
	if s == "NA" || s == "" {
		return math.NaN(), nil
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, fmt.Errorf("%q is not a finite number", s)
	}
	return v, nil
}

// appendField appends a CSV field, quoted when it must be (RFC 4180).
func appendField(b []byte, s string) []byte {
	if s == "" || !strings.ContainsAny(s, ",\"\r\n") && s[0] != ' ' && s[0] != '\t' {
		return append(b, s...)
	}
	b = append(b, '"')
	b = append(b, strings.ReplaceAll(s, `"`, `""`)...)
	return append(b, '"')
}

// splitFields splits one CSV line (without its newline) into fields,
// appending to out. Names never hold a newline (Study.Validate), so a line
// is a record.
func splitFields(out []string, line string) ([]string, error) {
	for {
		if strings.HasPrefix(line, `"`) {
			var sb strings.Builder
			i := 1
			for {
				j := strings.IndexByte(line[i:], '"')
				if j < 0 {
					return out, errors.New("unterminated quoted field")
				}
				sb.WriteString(line[i : i+j])
				i += j + 1
				if i < len(line) && line[i] == '"' {
					sb.WriteByte('"')
					i++
					continue
				}
				break
			}
			out = append(out, sb.String())
			line = line[i:]
			if line == "" {
				return out, nil
			}
			if line[0] != ',' {
				return out, errors.New("text after a quoted field")
			}
			line = line[1:]
			continue
		}
		j := strings.IndexByte(line, ',')
		if j < 0 {
			return append(out, line), nil
		}
		out = append(out, line[:j])
		line = line[j+1:]
	}
}

// runsHeader returns the header of runs.csv.
func runsHeader(m *Manifest) []string {
	var h []string
	if m.Kind == Sweep {
		h = append(h, "point")
		h = append(h, m.Params...)
	} else {
		h = append(h, "variant")
	}
	h = append(h, "replication", "seed")
	return append(h, m.Metrics...)
}

// dailyHeader returns the header of daily.csv.
func dailyHeader(m *Manifest) []string {
	h := []string{"variant", "replication"}
	if m.Kind == Sweep {
		h[0] = "point"
	}
	days := maxDays(m)
	for d := 1; d <= days; d++ {
		h = append(h, "harm_d"+strconv.Itoa(d))
	}
	for d := 1; d <= days; d++ {
		h = append(h, "top_rung_d"+strconv.Itoa(d))
	}
	for d := 1; d <= days; d++ {
		h = append(h, "stage_d"+strconv.Itoa(d))
	}
	return h
}

func maxDays(m *Manifest) int {
	d := 0
	for _, v := range m.Days {
		d = max(d, v)
	}
	return d
}

func headerLine(fields []string) []byte {
	var b []byte
	for i, f := range fields {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendField(b, f)
	}
	return append(b, '\n')
}

// rowKey is what identifies a row of runs.csv or daily.csv.
type rowKey struct {
	arm int
	rep int
}

// keyOf returns the arm and replication of study-wide task t.
func (m *Manifest) keyOf(t int64) rowKey {
	a := int64(len(m.Arms))
	return rowKey{arm: int(t % a), rep: int(t / a)}
}

// checkRow checks that a row's leading fields name task t.
func (m *Manifest) checkRow(fields []string, t int64, runs bool) error {
	want := m.keyOf(t)
	var wantN int
	if runs {
		wantN = len(runsHeader(m))
	} else {
		wantN = 2 + 3*maxDays(m)
	}
	if len(fields) != wantN {
		return fmt.Errorf("has %d fields, want %d", len(fields), wantN)
	}
	if fields[0] != m.Arms[want.arm] {
		return fmt.Errorf("is for %q, want %q", fields[0], m.Arms[want.arm])
	}
	i := 1
	if runs && m.Kind == Sweep {
		i += len(m.Params)
	}
	if fields[i] != strconv.Itoa(want.rep) {
		return fmt.Errorf("is replication %s, want %d", fields[i], want.rep)
	}
	if runs && fields[i+1] != strconv.FormatUint(seedOf(m.Seed, want.rep), 10) {
		return fmt.Errorf("has seed %s, which is not replication %d's", fields[i+1], want.rep)
	}
	return nil
}

// checkValues checks that the values of a row read back: the point of a
// sweep and the metrics in runs.csv, the harm and top rung of each day in
// daily.csv (a day after an arm's horizon is empty).
func (m *Manifest) checkValues(fields []string, runs bool) error {
	var vals []string
	if runs {
		if m.Kind == Sweep {
			vals = append(vals, fields[1:1+len(m.Params)]...)
		}
		vals = append(vals, fields[len(fields)-len(m.Metrics):]...)
	} else {
		vals = fields[2 : 2+2*maxDays(m)]
	}
	for _, v := range vals {
		if _, err := parseFloat(v); err != nil {
			return err
		}
	}
	return nil
}

// scanRows counts the complete, well-formed rows at the start of a study
// file, checking each against the tasks of the manifest's shard in order
// and against its line in the checksum file beside it (path+sumSuffix); a
// torn last line (no newline) is not counted, nor is a row whose checksum
// line is not yet written (a kill can leave the checksums behind the rows:
// resume runs such a row again, a summary leaves it out). A complete row
// that names the wrong run, holds a value that does not read back, or does
// not match its checksum is an error naming it as file:line: the file
// belongs to another study, or was edited. A missing file, or one whose
// header line is torn, holds 0 rows; a wrong header is an error.
//
// sums is false for a file written before checksums were kept (rows but no
// checksum file): its rows are checked as before and resume goes on
// without checksums.
func scanRows(path string, m *Manifest, header []string, runs bool) (rows int64, sums bool, err error) {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return 0, true, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("analytics: %w", err)
	}
	defer f.Close()
	var sr *bufio.Reader
	sf, err := os.Open(path + sumSuffix)
	switch {
	case err == nil:
		defer sf.Close()
		sr = bufio.NewReaderSize(sf, 1<<12)
	case !errors.Is(err, os.ErrNotExist):
		return 0, false, fmt.Errorf("analytics: %w", err)
	}
	br := bufio.NewReaderSize(f, 1<<16)
	line, err := br.ReadString('\n')
	if !strings.HasSuffix(line, "\n") {
		if err != nil && err != io.EOF {
			return 0, false, fmt.Errorf("analytics: %w", err)
		}
		return 0, true, nil
	}
	if line != string(headerLine(header)) {
		return 0, false, fmt.Errorf("analytics: %s:1: the header is not this study's", path)
	}
	total := m.shardTasks()
	var fields []string
	var want []byte
	for {
		line, err := br.ReadString('\n')
		if !strings.HasSuffix(line, "\n") {
			if err != nil && err != io.EOF {
				return 0, false, fmt.Errorf("analytics: %w", err)
			}
			return rows, rows == 0 || sr != nil, nil
		}
		at := fmt.Sprintf("%s:%d", path, rows+2)
		if rows >= total {
			return 0, false, fmt.Errorf("analytics: %s: more rows than the study has runs", at)
		}
		fields, err = splitFields(fields[:0], strings.TrimSuffix(line, "\n"))
		if err == nil {
			err = m.checkRow(fields, m.task(rows), runs)
		}
		if err == nil {
			err = m.checkValues(fields, runs)
		}
		if err != nil {
			return 0, false, fmt.Errorf("analytics: %s: row %d %v", at, rows+1, err)
		}
		if sr != nil {
			got, err := sr.ReadString('\n')
			if !strings.HasSuffix(got, "\n") {
				if err != nil && err != io.EOF {
					return 0, false, fmt.Errorf("analytics: %w", err)
				}
				return rows, true, nil
			}
			want = rowSum(want[:0], []byte(line))
			if got != string(want) {
				return 0, false, fmt.Errorf("analytics: %s: row %d does not match its checksum (%s%s:%d): the file was edited or damaged", at, rows+1, filepath.Base(path), sumSuffix, rows+1)
			}
		}
		rows++
	}
}
