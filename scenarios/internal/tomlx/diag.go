package tomlx

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Code says what kind of problem a Diagnostic is, so that code can act on a
// problem without reading its message.
type Code uint8

// The kinds of problem. CodeNone is the zero value of a Diagnostic built
// without one.
const (
	CodeNone            Code = iota
	CodeFile                 // the file cannot be read
	CodeSyntax               // the file is not TOML, or breaks one of its rules (a key defined twice)
	CodeLimit                // a size, depth, count or problem limit is exceeded
	CodeUnknownKey           // a key the schema does not have
	CodeMissingRequired      // a required key or table is not written
	CodeBadType              // a value of the wrong type: a string for a number
	CodeBadValue             // a value of the right type that does not read: "3 days"
	CodeOutOfRange           // a number outside its range
	CodeUnknownWord          // a word that is not one of the allowed words
	CodeUnknownRef           // a name that names nothing: an unknown state or variant
	CodeDuplicate            // something given twice: an id, a list entry
	CodeCycle                // a cycle of dependencies
	CodeInvalid              // any other rule of the schema
	CodeTruncated            // not a problem: the note that ends a list cut at MaxDiagnostics
	CodeNoEffect             // a warning, not a problem: an effect that changes nothing when it fires
)

var codeNames = [...]string{"", "file", "syntax", "limit", "unknown-key", "missing-required", "bad-type", "bad-value", "out-of-range", "unknown-word", "unknown-ref", "duplicate", "cycle", "invalid", "truncated", "no-effect"}

// String names the code in lower case ("unknown-key"); CodeNone is "".
func (c Code) String() string {
	if int(c) < len(codeNames) {
		return codeNames[c]
	}
	return "code(" + strconv.Itoa(int(c)) + ")"
}

// Diagnostic is one problem found in a file, at a position in its source.
type Diagnostic struct {
	File      string // path as given by the caller
	Line, Col int    // 1-based; 0 when unknown
	Key       string // the key path the problem is about, e.g. "asset[2].depends_on[0]" (may be empty)
	Code      Code   // what kind of problem it is
	Msg       string // lower-case message, no trailing period
	// Suggestion is what the author probably meant, when a key or word is
	// close to a known one: the key, the whole key path for an override, or
	// the word. The message says it too.
	Suggestion string
	Source     string // the source line text (without newline), "" when unknown
}

// Error renders the diagnostic on one line as "file:line:col: key: msg",
// leaving out the parts that are unknown, so that editors and terminals can
// jump to the position.
//
// The file and key are escaped like the source excerpt: they may come from
// the command line (--set "\x1b]0;...") and end up on a terminal.
func (d Diagnostic) Error() string {
	var b strings.Builder
	b.WriteString(sanitize(d.File))
	if d.Line > 0 {
		if b.Len() > 0 {
			b.WriteByte(':')
		}
		b.WriteString(strconv.Itoa(d.Line))
		if d.Col > 0 {
			b.WriteByte(':')
			b.WriteString(strconv.Itoa(d.Col))
		}
	}
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	if d.Key != "" {
		b.WriteString(sanitize(d.Key))
		b.WriteString(": ")
	}
	b.WriteString(d.Msg)
	return b.String()
}

// excerpt renders the source line and a caret under the column, or "" when
// the source line is unknown.
func (d Diagnostic) excerpt() string {
	if d.Line <= 0 || d.Source == "" {
		return ""
	}
	line, col := clipLine(d.Source, d.Col)
	num := strconv.Itoa(d.Line)
	var b strings.Builder
	b.WriteString("   ")
	b.WriteString(num)
	b.WriteString(" | ")
	b.WriteString(sanitize(line))
	if col <= 0 {
		return b.String()
	}
	b.WriteString("\n   ")
	b.WriteString(strings.Repeat(" ", len(num)))
	b.WriteString(" | ")
	// Columns count bytes, but terminals show runes; tabs are copied so the
	// caret lands under the same character whatever the tab width.
	prefix := line
	if col-1 < len(prefix) {
		prefix = prefix[:col-1]
	}
	for _, r := range sanitize(prefix) {
		if r == '\t' {
			b.WriteByte('\t')
		} else {
			b.WriteByte(' ')
		}
	}
	for i := len(prefix); i < col-1; i++ {
		b.WriteByte(' ')
	}
	b.WriteByte('^')
	return b.String()
}

// sanitize shows control characters other than tabs escaped ("\x1b",
// "\r", "\x00"), so that a source line cannot move the cursor, recolour
// or retitle the terminal it is printed on.
func sanitize(s string) string {
	clean := true
	for _, r := range s {
		if isControl(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x80 && isControl(r):
			fmt.Fprintf(&b, `\x%02x`, r)
		case isControl(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// isControl reports the C0 and C1 control characters and DEL, but not the
// tab.
func isControl(r rune) bool {
	return r != '\t' && (r < 0x20 || r >= 0x7f && r < 0xa0)
}

// maxExcerpt bounds how much of a source line an excerpt shows: a hostile or
// minified file can hold megabytes on one line.
const maxExcerpt = 160

// clipLine cuts a long line to a window around col and returns the window
// and the column within it.
func clipLine(line string, col int) (string, int) {
	if len(line) <= maxExcerpt {
		return line, col
	}
	start := 0
	if col > maxExcerpt/2 {
		start = col - maxExcerpt/2
	}
	if start > len(line) {
		start = len(line)
	}
	for start > 0 && start < len(line) && !isRuneStart(line[start]) {
		start--
	}
	end := start + maxExcerpt
	if end > len(line) {
		end = len(line)
	}
	for end < len(line) && !isRuneStart(line[end]) {
		end++
	}
	out := line[start:end]
	newCol := col - start
	if start > 0 {
		out = "..." + out
		newCol += 3
	}
	if end < len(line) {
		out += "..."
	}
	return out, newCol
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }

// Diagnostics is a list of problems; as an error it reports all of them.
type Diagnostics []Diagnostic

// Error renders every diagnostic, sorted and without duplicates, each
// followed by an excerpt of its source line with a caret under the column.
func (ds Diagnostics) Error() string {
	var b strings.Builder
	for i, d := range ds.Sorted() {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(d.Error())
		if ex := d.excerpt(); ex != "" {
			b.WriteByte('\n')
			b.WriteString(ex)
		}
	}
	return b.String()
}

// Err returns nil when there are no diagnostics, and otherwise the
// diagnostics sorted and without duplicates. It exists so that callers never
// return a non-nil error interface holding an empty list.
func (ds Diagnostics) Err() error {
	if len(ds) == 0 {
		return nil
	}
	return ds.Sorted()
}

// Add appends d.
func (ds *Diagnostics) Add(d Diagnostic) {
	*ds = append(*ds, d)
}

// Sorted returns a copy ordered by (file, line, col, msg) with identical
// entries removed, so that output does not depend on the order in which
// checks ran.
func (ds Diagnostics) Sorted() Diagnostics {
	out := make(Diagnostics, 0, len(ds))
	seen := make(map[Diagnostic]bool, len(ds))
	for _, d := range ds {
		if seen[d] {
			continue
		}
		seen[d] = true
		out = append(out, d)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Col != b.Col {
			return a.Col < b.Col
		}
		return a.Msg < b.Msg
	})
	return out
}

// MaxDiagnostics stops a hostile file (a million wrong array elements) from
// producing a million diagnostics; a person fixes far fewer at a time.
const MaxDiagnostics = 1000

// TooMany is the diagnostic that ends a list cut at MaxDiagnostics.
func TooMany(file string) Diagnostic {
	return Diagnostic{File: file, Code: CodeTruncated, Msg: "too many problems, stopped after " + strconv.Itoa(MaxDiagnostics)}
}

// Count returns the number of problems, leaving out the note that ends a
// list cut at MaxDiagnostics, so that "stopped after 1000" and a count of
// the problems agree.
func (ds Diagnostics) Count() int {
	n := 0
	for _, d := range ds.Sorted() {
		if d.Code != CodeTruncated {
			n++
		}
	}
	return n
}

// CleanMsg brings messages from other packages to the house style: lower
// case, no trailing period.
func CleanMsg(msg string) string {
	msg = strings.TrimSpace(msg)
	msg = strings.TrimPrefix(msg, "toml: ")
	msg = strings.TrimRight(msg, ".")
	if len(msg) >= 2 && msg[0] >= 'A' && msg[0] <= 'Z' && msg[1] >= 'a' && msg[1] <= 'z' {
		msg = string(msg[0]+('a'-'A')) + msg[1:]
	}
	return msg
}

// Problem is an error with a Code and a Suggestion, for functions whose
// errors become diagnostics once a caller knows where they are.
type Problem struct {
	Code       Code
	Msg        string
	Suggestion string
}

func (p *Problem) Error() string { return p.Msg }

// Errorf returns a *Problem with the code and a formatted message.
func Errorf(code Code, format string, args ...any) error {
	return &Problem{Code: code, Msg: sprintf(format, args...)}
}

// WithError returns d with the message, code and suggestion of err (a *Problem, or
// any error, which gets CodeInvalid).
func WithError(d Diagnostic, err error) Diagnostic {
	if p, ok := err.(*Problem); ok {
		d.Code, d.Msg, d.Suggestion = p.Code, p.Msg, p.Suggestion
		return d
	}
	d.Code, d.Msg = CodeInvalid, err.Error()
	return d
}
