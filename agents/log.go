package agents

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"cpkrange/scenarios"
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

// LogTarget checks where a log may be written and returns the path to
// write: path itself when it is a regular file or does not exist yet, the
// file a symbolic link points to (so that the link stays a link). Anything
// else is refused, before any run: a directory, a device, a named pipe, a
// link to nothing. The error names path.
func LogTarget(path string) (string, error) {
	fi, err := os.Lstat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return path, nil
	case err != nil:
		return "", err
	case fi.Mode()&fs.ModeSymlink != 0:
		to, err := filepath.EvalSymlinks(path)
		if err != nil {
			return "", fmt.Errorf("%s: a symbolic link to a file that cannot be reached: %w", path, unwrapPath(err))
		}
		if fi, err = os.Stat(to); err != nil {
			return "", err
		}
		if msg := scenarios.NotRegular(fi); msg != "" {
			return "", fmt.Errorf("%s: a symbolic link to %s: %s; a log is written only to a regular file", path, to, msg)
		}
		return to, nil
	}
	if msg := scenarios.NotRegular(fi); msg != "" {
		return "", fmt.Errorf("%s: %s; a log is written only to a regular file", path, msg)
	}
	return path, nil
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// LogMode is the permission of a new log, as for a study's files.
const LogMode = 0o644

// LogFile is a log being written atomically: a temporary file beside its
// target, renamed over it by Commit only when everything was written, so
// that an existing file is never left half-written. Abort removes it; a
// command that is interrupted aborts it from its signal handler, since the
// model writing it cannot be stopped midway.
type LogFile struct {
	*os.File
	target string
}

// CreateLogFile starts a log to be written to path. The target is checked
// first (LogTarget): a symbolic link is written through, and what is not a
// regular file is refused. The log keeps an existing file's permissions,
// or has LogMode.
func CreateLogFile(path string) (*LogFile, error) {
	target, err := LogTarget(path)
	if err != nil {
		return nil, err
	}
	mode := fs.FileMode(LogMode)
	if fi, err := os.Stat(target); err == nil {
		mode = fi.Mode().Perm()
	}
	tmp, err := os.CreateTemp(filepath.Dir(target), "."+filepath.Base(target)+".*")
	if err != nil {
		return nil, err
	}
	if err := tmp.Chmod(mode); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return nil, err
	}
	return &LogFile{File: tmp, target: target}, nil
}

// Commit closes the log and renames it over its target.
func (f *LogFile) Commit() error {
	if err := f.Close(); err != nil {
		os.Remove(f.Name())
		return err
	}
	if err := os.Rename(f.Name(), f.target); err != nil {
		os.Remove(f.Name())
		return err
	}
	return nil
}

// Abort closes the log and removes it, leaving the target as it was. It
// may be called while another goroutine writes: the writes fail.
func (f *LogFile) Abort() {
	f.Close()
	os.Remove(f.Name())
}

// WriteLogFile writes a whole log to path atomically (CreateLogFile, then
// Commit when write succeeds, Abort when it fails).
func WriteLogFile(path string, write func(io.Writer) error) error {
	f, err := CreateLogFile(path)
	if err != nil {
		return err
	}
	if err := write(f); err != nil {
		f.Abort()
		return err
	}
	return f.Commit()
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

// LogProblems is the error of ReadLog: the problems of a log in line order,
// one a line. The first one ends the records ReadLog returns.
type LogProblems []LogError

func (p LogProblems) Error() string {
	lines := make([]string, len(p))
	for i, e := range p {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Limits of the reader (docs/limits.md).
const (
	// MaxLogSize bounds the log a reader takes: replaying a log costs
	// about nine times its size in memory. A run within the default work
	// budget writes far less; a longer one is for batch studies.
	MaxLogSize = 256 << 20
	// MaxLogLine is the longest line a reader takes. It is what the
	// longest record of a valid scenario's run needs: a text as long as a
	// whole scenario file (the longest string it can hold), each byte
	// escaped to at most six ("\u0009" for a tab), and the other fields.
	MaxLogLine = 6*scenarios.MaxFileSize + 64<<10
	// maxLogHorizon is the longest horizon of a valid scenario, in hours.
	maxLogHorizon = 3650 * 24
	// maxLogErrors caps how many problems ReadLog lists: a file that is
	// not a log at all would otherwise list every line.
	maxLogErrors = 20
)

// ReadLog reads an event log; it is ReadLogFor without a scenario.
func ReadLog(file string, r io.Reader) (LogHeader, []Record, error) {
	return ReadLogFor(file, r, nil)
}

// ReadLogFor reads an event log and checks what it reads: a header of this
// format with a horizon of a valid scenario; records of known kinds,
// stages, statuses, rungs, methods, roles and functions, at times that never
// go back and stay within [0, horizon], chosen options between 1 and 9.
// When sc is not nil, the log must also be a run of sc: the same horizon,
// and every id a record names (states, assets, attackers, teams, injects,
// decisions) one of sc's, every option one of its decision's.
//
// The error, when not nil, is a LogProblems listing every problem (up to
// 20) as file:line:col: message. The records returned are those before the
// first problem: what follows an impossible record cannot be trusted. A
// log over MaxLogSize, or whose header is wrong, gives no records. A UTF-8
// byte order mark before the header is skipped, as in a scenario file.
func ReadLogFor(file string, r io.Reader, sc *scenarios.Scenario) (LogHeader, []Record, error) {
	var (
		h     LogHeader
		recs  []Record
		errs  LogProblems
		kept  = -1 // the records before the first problem
		known map[string]int
	)
	if sc != nil {
		known = knownIDs(sc)
	}
	lr := &io.LimitedReader{R: r, N: MaxLogSize + 1}
	sc2 := bufio.NewScanner(lr)
	sc2.Buffer(make([]byte, 64<<10), MaxLogLine)
	line := 0
	fail := func(col int, format string, args ...any) {
		if kept < 0 {
			kept = len(recs)
		}
		if len(errs) < maxLogErrors {
			errs = append(errs, LogError{file, line, col, fmt.Sprintf(format, args...)})
		}
	}
	headerOK := false
	for sc2.Scan() {
		line++
		text := sc2.Bytes()
		if line == 1 {
			text = bytes.TrimPrefix(text, []byte("\uFEFF"))
			if !readHeader(text, &h, sc, fail) {
				break
			}
			headerOK = true
			continue
		}
		if len(bytes.TrimSpace(text)) == 0 {
			continue
		}
		var lrec LogRecord
		if err := json.Unmarshal(text, &lrec); err != nil {
			fail(jsonCol(err), "%s", jsonMsg(err))
			continue
		}
		rec, err := lrec.Record()
		if err != nil {
			fail(1, "%v", err)
			continue
		}
		prev := 0.0
		if n := len(recs); n > 0 {
			prev = recs[n-1].Time
		}
		if msg := checkRecord(&rec, prev, h.Horizon, sc, known); msg != "" {
			fail(1, "%s", msg)
			continue
		}
		recs = append(recs, rec)
	}
	if err := sc2.Err(); err != nil {
		line++
		if errors.Is(err, bufio.ErrTooLong) {
			fail(1, "line longer than the limit of %d MiB", MaxLogLine>>20)
		} else {
			fail(1, "%v", err)
		}
	}
	if lr.N <= 0 {
		return h, nil, LogProblems{{file, line, 1, fmt.Sprintf("the log is larger than the limit of %d MiB; it cannot be replayed", MaxLogSize>>20)}}
	}
	if line == 0 {
		errs = append(errs, LogError{file, 1, 1, "empty file: no event log header"})
	}
	if !headerOK {
		recs = nil
	} else if kept >= 0 {
		recs = recs[:kept]
	}
	if len(errs) == 0 {
		return h, recs, nil
	}
	return h, recs, errs
}

// ReadLogHeader reads and checks only the header of an event log, to learn
// which scenario it is a run of before reading it against that scenario
// (ReadLogFor). Its error is a LogProblems.
func ReadLogHeader(file string, r io.Reader) (LogHeader, error) {
	var h LogHeader
	br := bufio.NewReaderSize(io.LimitReader(r, MaxLogLine), 64<<10)
	text, _ := br.ReadBytes('\n') // an error leaves what was read, checked below
	if len(bytes.TrimSpace(text)) == 0 {
		return h, LogProblems{{file, 1, 1, "empty file: no event log header"}}
	}
	var errs LogProblems
	fail := func(col int, format string, args ...any) {
		errs = append(errs, LogError{file, 1, col, fmt.Sprintf(format, args...)})
	}
	if !readHeader(bytes.TrimPrefix(bytes.TrimRight(text, "\r\n"), []byte("\uFEFF")), &h, nil, fail) {
		return h, errs
	}
	return h, nil
}

// readHeader reads and checks the header line into h.
func readHeader(text []byte, h *LogHeader, sc *scenarios.Scenario, fail func(int, string, ...any)) bool {
	if err := json.Unmarshal(text, h); err != nil {
		fail(jsonCol(err), "not an event log header: %s", jsonMsg(err))
		return false
	}
	switch {
	case h.Format != LogFormat:
		fail(1, "not a cpkrange event log (format %q)", h.Format)
	case h.Version != LogVersion:
		fail(1, "event log version %d; this build reads version %d only (run the scenario again for a new log)", h.Version, LogVersion)
	case !(h.Horizon > 0 && h.Horizon <= maxLogHorizon):
		fail(1, "horizon %g h: want more than 0 and at most 3650 days", h.Horizon)
	case sc != nil && h.Horizon != sc.Meta.Horizon.Hours():
		fail(1, "horizon %g h, but the scenario's is %s: the log is not a run of this scenario", h.Horizon, sc.Meta.Horizon)
	default:
		return true
	}
	return false
}

// checkRecord says what is impossible about a record, "" when nothing is.
func checkRecord(r *Record, prev, horizon float64, sc *scenarios.Scenario, known map[string]int) string {
	switch {
	case !(r.Time >= 0 && r.Time <= horizon):
		return fmt.Sprintf("time %g is outside the run [0, %g]", r.Time, horizon)
	case r.Time < prev:
		return fmt.Sprintf("time %g goes back (previous %g)", r.Time, prev)
	case r.Op < 0:
		return fmt.Sprintf("operation %d: want 0 or more", r.Op)
	}
	if r.Method != "" {
		if _, ok := ParseMethod(r.Method); !ok {
			return fmt.Sprintf("unknown method %q", r.Method)
		}
	}
	if r.Role != "" && !slices.Contains(Roles, r.Role) {
		return fmt.Sprintf("unknown role %q", r.Role)
	}
	if r.Function != "" && r.Kind != KindCommand {
		if _, ok := ParseFunction(r.Function); !ok {
			return fmt.Sprintf("unknown function %q", r.Function)
		}
	}
	if (r.Kind == KindDecided || r.Kind == KindVote) && (r.Value != math.Trunc(r.Value) || r.Value < 1 || r.Value > 9) {
		return fmt.Sprintf("option %g: want 1 to 9", r.Value)
	}
	if sc == nil {
		return ""
	}
	for _, f := range [...]struct{ name, id string }{{"actor", r.Actor}, {"origin", r.Origin}, {"target", r.Target}, {"state", r.State}, {"other", r.Other}} {
		if _, ok := known[f.id]; f.id != "" && !ok {
			return fmt.Sprintf("%s %q is not in the scenario", f.name, f.id)
		}
	}
	if r.Kind == KindVote && utf8.RuneCountInString(r.Text) > MaxRationale {
		return fmt.Sprintf("a rationale of %d characters: want at most %d", utf8.RuneCountInString(r.Text), MaxRationale)
	}
	if r.Kind == KindDecided || r.Kind == KindVote {
		if i, ok := known[r.Target]; ok && i >= 0 && int(r.Value) > len(sc.Decisions[i].Options) {
			return fmt.Sprintf("option %g: decision %q has %d options", r.Value, r.Target, len(sc.Decisions[i].Options))
		}
	}
	return ""
}

// knownIDs maps every id a record may name to -1, or for a decision to its
// index.
func knownIDs(sc *scenarios.Scenario) map[string]int {
	known := map[string]int{"default": -1, "facilitator": -1, "force": -1, quietActor: -1}
	for _, s := range sc.States {
		known[s.ID] = -1
	}
	for _, a := range sc.Assets {
		known[a.ID] = -1
	}
	for _, a := range sc.Attackers {
		known[a.ID] = -1
	}
	for _, t := range sc.Force.Teams {
		known[t.ID] = -1
	}
	for _, in := range sc.Injects {
		known[in.ID] = -1
	}
	for i, d := range sc.Decisions {
		known[d.ID] = i
	}
	return known
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
