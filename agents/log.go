package agents

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"unicode/utf8"
)

// LogFormat and LogVersion identify the event log format
// (docs/event-log.md). A reader refuses other formats and newer versions.
const (
	LogFormat  = "cpkrange-event-log"
	LogVersion = 2
)

// LogHeader is the first line of an event log: what run it records.
type LogHeader struct {
	Format   string   `json:"format"`
	Version  int      `json:"version"`
	Scenario string   `json:"scenario"`
	Source   string   `json:"source"`            // the scenario file or bundled name
	Variant  string   `json:"variant,omitempty"` // the variant applied, if any
	Sets     []string `json:"sets,omitempty"`    // the --set overrides applied
	Seed     uint64   `json:"seed"`
	Horizon  float64  `json:"horizon"` // hours
}

// LogWriter writes records as JSON Lines. It is a sim.Recorder[Record].
type LogWriter struct {
	w   *bufio.Writer
	buf []byte
	err error
}

// NewLogWriter writes the header to w and returns a writer for the records.
func NewLogWriter(w io.Writer, h LogHeader) *LogWriter {
	h.Format, h.Version = LogFormat, LogVersion
	lw := &LogWriter{w: bufio.NewWriterSize(w, 64<<10)}
	head, err := json.Marshal(h)
	if err != nil {
		lw.err = err
		return lw
	}
	lw.write(append(head, '\n'))
	return lw
}

func (lw *LogWriter) write(b []byte) {
	if lw.err == nil {
		_, lw.err = lw.w.Write(b)
	}
}

// Record appends one record as a line. Empty fields are left out, and the
// fields always come in the same order, so equal runs give equal bytes.
func (lw *LogWriter) Record(r Record) {
	b := lw.buf[:0]
	b = append(b, `{"t":`...)
	b = strconv.AppendFloat(b, r.Time, 'g', -1, 64)
	b = appendStr(b, "kind", r.Kind.String())
	b = appendStr(b, "stage", r.Stage.String())
	if r.Op != 0 {
		b = append(b, `,"op":`...)
		b = strconv.AppendInt(b, int64(r.Op), 10)
	}
	b = appendStr(b, "actor", r.Actor)
	b = appendStr(b, "origin", r.Origin)
	b = appendStr(b, "target", r.Target)
	b = appendStr(b, "state", r.State)
	b = appendStr(b, "other", r.Other)
	b = appendStr(b, "method", r.Method)
	b = appendStr(b, "role", r.Role)
	b = appendStr(b, "function", r.Function)
	if r.Kind == KindAssetStatus {
		b = appendStr(b, "status", r.Status.String())
	}
	if r.Kind == KindEscalation || r.Kind == KindRelation || r.Kind == KindDyadFinal {
		b = appendStr(b, "rung", r.Rung.String())
	}
	if r.Correct {
		b = append(b, `,"correct":true`...)
	}
	if r.Value != 0 {
		b = append(b, `,"value":`...)
		b = strconv.AppendFloat(b, r.Value, 'g', -1, 64)
	}
	if r.Tension != 0 {
		b = append(b, `,"tension":`...)
		b = strconv.AppendFloat(b, r.Tension, 'g', -1, 64)
	}
	if r.Hours != 0 {
		b = append(b, `,"hours":`...)
		b = strconv.AppendFloat(b, r.Hours, 'g', -1, 64)
	}
	b = appendStr(b, "text", r.Text)
	b = append(b, "}\n"...)
	lw.buf = b
	lw.write(b)
}

// Flush writes out what is buffered and returns the first error met.
func (lw *LogWriter) Flush() error {
	if lw.err == nil {
		lw.err = lw.w.Flush()
	}
	return lw.err
}

// appendStr appends ,"key":"value" with JSON escaping, or nothing for an
// empty value.
func appendStr(b []byte, key, v string) []byte {
	if v == "" {
		return b
	}
	b = append(b, `,"`...)
	b = append(b, key...)
	b = append(b, `":"`...)
	for i := 0; i < len(v); {
		c := v[i]
		switch {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
			i++
		case c == '\n':
			b = append(b, `\n`...)
			i++
		case c < 0x20:
			b = append(b, `\u00`...)
			b = append(b, "0123456789abcdef"[c>>4], "0123456789abcdef"[c&0xf])
			i++
		case c < utf8.RuneSelf:
			b = append(b, c)
			i++
		default:
			r, size := utf8.DecodeRuneInString(v[i:])
			if r == utf8.RuneError && size == 1 {
				b = append(b, `\ufffd`...)
			} else {
				b = append(b, v[i:i+size]...)
			}
			i += size
		}
	}
	return append(b, '"')
}

// WriteLogFile writes a whole log to path atomically: into a temporary file
// beside it, renamed over path only when everything was written, so an
// existing file is never left half-written.
func WriteLogFile(path string, write func(io.Writer) error) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // no-op after the rename
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// LogRecord is a record as read back from a log: the same fields as
// Record, with kinds, stages, statuses and rungs as names.
type LogRecord struct {
	Time     float64 `json:"t"`
	Kind     string  `json:"kind"`
	Stage    string  `json:"stage"`
	Op       int     `json:"op,omitempty"`
	Actor    string  `json:"actor,omitempty"`
	Origin   string  `json:"origin,omitempty"`
	Target   string  `json:"target,omitempty"`
	State    string  `json:"state,omitempty"`
	Other    string  `json:"other,omitempty"`
	Method   string  `json:"method,omitempty"`
	Role     string  `json:"role,omitempty"`
	Function string  `json:"function,omitempty"`
	Status   string  `json:"status,omitempty"`
	Rung     string  `json:"rung,omitempty"`
	Correct  bool    `json:"correct,omitempty"`
	Value    float64 `json:"value,omitempty"`
	Tension  float64 `json:"tension,omitempty"`
	Hours    float64 `json:"hours,omitempty"`
	Text     string  `json:"text,omitempty"`
}

// Record converts a log record back to a Record.
func (lr *LogRecord) Record() (Record, error) {
	k, ok := ParseKind(lr.Kind)
	if !ok {
		return Record{}, fmt.Errorf("unknown kind %q", lr.Kind)
	}
	st, ok := ParseStage(lr.Stage)
	if !ok {
		return Record{}, fmt.Errorf("unknown stage %q", lr.Stage)
	}
	r := Record{Time: lr.Time, Kind: k, Stage: st, Op: lr.Op, Actor: lr.Actor, Origin: lr.Origin,
		Target: lr.Target, State: lr.State, Other: lr.Other, Method: lr.Method, Role: lr.Role,
		Function: lr.Function, Correct: lr.Correct, Value: lr.Value, Tension: lr.Tension, Hours: lr.Hours, Text: lr.Text}
	r.Lower = k == KindEscalation && lr.Text == deescalationText
	if lr.Status != "" {
		if r.Status, ok = ParseStatus(lr.Status); !ok {
			return Record{}, fmt.Errorf("unknown status %q", lr.Status)
		}
	}
	if lr.Rung != "" {
		if r.Rung, ok = ParseRung(lr.Rung); !ok {
			return Record{}, fmt.Errorf("unknown rung %q", lr.Rung)
		}
	}
	return r, nil
}

// LogError is one problem in an event log, at a line and column.
type LogError struct {
	File      string
	Line, Col int
	Msg       string
}

func (e LogError) Error() string { return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, e.Msg) }

// maxLogErrors caps how many problems ReadLog lists: a file that is not a
// log at all would otherwise list every line.
const maxLogErrors = 20

// ReadLog reads an event log. It reports every problem it finds (up to 20)
// as file:line:col: message, joined in one error, and returns the records
// it could read.
func ReadLog(file string, r io.Reader) (LogHeader, []Record, error) {
	var (
		h    LogHeader
		recs []Record
		errs []error
	)
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	line := 0
	fail := func(col int, format string, args ...any) {
		if len(errs) < maxLogErrors {
			errs = append(errs, LogError{file, line, col, fmt.Sprintf(format, args...)})
		}
	}
	for sc.Scan() {
		line++
		text := sc.Bytes()
		if line == 1 {
			if err := json.Unmarshal(text, &h); err != nil {
				fail(jsonCol(err), "not an event log header: %s", jsonMsg(err))
				break
			}
			if h.Format != LogFormat {
				fail(1, "not a cpkrange event log (format %q)", h.Format)
				break
			}
			if h.Version != LogVersion {
				fail(1, "event log version %d; this build reads version %d only (run the scenario again for a new log)", h.Version, LogVersion)
				break
			}
			continue
		}
		if len(bytes.TrimSpace(text)) == 0 {
			continue
		}
		var lr LogRecord
		if err := json.Unmarshal(text, &lr); err != nil {
			fail(jsonCol(err), "%s", jsonMsg(err))
			continue
		}
		rec, err := lr.Record()
		if err != nil {
			fail(1, "%v", err)
			continue
		}
		if n := len(recs); n > 0 && rec.Time < recs[n-1].Time {
			fail(1, "time %g goes back (previous %g)", rec.Time, recs[n-1].Time)
			continue
		}
		recs = append(recs, rec)
	}
	if err := sc.Err(); err != nil {
		line++
		fail(1, "%v", err)
	}
	if line == 0 {
		errs = append(errs, LogError{file, 1, 1, "empty file: no event log header"})
	}
	return h, recs, errors.Join(errs...)
}

func jsonCol(err error) int {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return int(se.Offset)
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return int(te.Offset)
	}
	return 1
}

func jsonMsg(err error) string {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return fmt.Sprintf("field %q: want %s, got %s", te.Field, te.Type, te.Value)
	}
	return err.Error()
}
