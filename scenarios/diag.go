package scenarios

import (
	"sort"
	"strconv"
	"strings"
)

// Diagnostic is one problem found in a scenario, at a position in its source.
type Diagnostic struct {
	File      string // path as given by the caller
	Line, Col int    // 1-based; 0 when unknown
	Key       string // the key path the problem is about, e.g. "asset[2].depends_on[0]" (may be empty)
	Msg       string // lower-case message, no trailing period
	Source    string // the source line text (without newline), "" when unknown
}

// Error renders the diagnostic on one line as "file:line:col: key: msg",
// leaving out the parts that are unknown, so that editors and terminals can
// jump to the position.
func (d Diagnostic) Error() string {
	var b strings.Builder
	b.WriteString(d.File)
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
		b.WriteString(d.Key)
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
	b.WriteString(line)
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
	for _, r := range prefix {
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
	for i, d := range ds.sorted() {
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
	return ds.sorted()
}

// Add appends d.
func (ds *Diagnostics) Add(d Diagnostic) {
	*ds = append(*ds, d)
}

// sorted returns a copy ordered by (file, line, col, msg) with identical
// entries removed, so that output does not depend on the order in which
// checks ran.
func (ds Diagnostics) sorted() Diagnostics {
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

// cleanMsg brings messages from other packages to the house style: lower
// case, no trailing period.
func cleanMsg(msg string) string {
	msg = strings.TrimSpace(msg)
	msg = strings.TrimPrefix(msg, "toml: ")
	msg = strings.TrimRight(msg, ".")
	if len(msg) >= 2 && msg[0] >= 'A' && msg[0] <= 'Z' && msg[1] >= 'a' && msg[1] <= 'z' {
		msg = string(msg[0]+('a'-'A')) + msg[1:]
	}
	return msg
}
