package tomlx

import (
	"bytes"
	"fmt"
	"math"
	"sort"
	"strings"
)

const (
	// MaxFileSize keeps a hostile or mistaken file (a log, a disk image)
	// from being parsed at all; real scenarios are a few kilobytes.
	MaxFileSize = 4 << 20
	// MaxCommas bounds the values a file may separate by commas (the
	// elements of arrays and the keys of inline tables). The parser holds
	// a whole array in memory before any limit of the schema can be
	// checked, about 110 bytes an element; a valid scenario has a few
	// tens of thousands at the most.
	MaxCommas = 250_000
	// maxDepth bounds nesting so that recursion over the document stays
	// shallow; real scenarios nest fewer than ten levels.
	maxDepth = 32
)

// Source is a parsed file: its name, its bytes and its tree of nodes, which
// holds every value with the position of its key and of the value.
//
// A Source is read-only after NewSource and safe for concurrent use.
type Source struct {
	file  string
	raw   []byte // as given
	data  []byte // raw without a byte order mark; all offsets refer to it
	text  string // data as a string, so that source lines share one copy
	lines []int  // offset of the start of each line
	root  *Node
	diags Diagnostics // problems that stop decoding
}

// Kind is the kind of a node.
type Kind uint8

// The kinds of node: TOML's values, with tables split by how they are
// written.
const (
	KindTable  Kind = iota + 1 // a table: [name], name.key = ..., { ... }, or the root
	KindArray                  // an array value: [ ... ]
	KindTables                 // an array of tables: [[name]]
	KindString
	KindInteger
	KindFloat
	KindBool
	KindDatetime // a date, a time, or both; Datetime says which
)

// how a table came to be, which decides what may be added to it later.
type tableHow uint8

const (
	implicitTable tableHow = iota // the parent of a deeper header: [a] for [a.b]
	headerTable                   // defined by its own [header], or an element of [[...]]
	dottedTable                   // created by a dotted key: a.b = 1
	inlineTable                   // { ... }: closed once written
)

// Node is one value of a file and where it is written. Offsets are into
// the file without its byte order mark; -1 means unknown.
type Node struct {
	Kind     Kind
	how      tableHow
	key, val int
	fields   map[string]*Node
	elems    []*Node
	value    any  // string, int64, float64, bool or Datetime
	scratch  bool // an element past its array's limit, parsed and dropped
}

// Datetime is a TOML date, time or date and time, kept as written; no
// schema field takes one.
type Datetime struct {
	What string // "date", "time" or "date and time"
	Text string
}

// NewSource parses data and keeps the position of every key and value.
// Problems that make the file unusable (size, syntax, keys defined twice,
// depth) are returned as diagnostics, and Decode reports them again. The
// returned Source is never nil, so that it can still position other
// diagnostics. NewSource keeps data, which must not be modified afterwards.
func NewSource(file string, data []byte) (*Source, Diagnostics) {
	return NewSourceLimited(file, data, nil)
}

// NewSourceLimited is NewSource with a limit on the elements of each array,
// given by limit for the array's path (negative for none): a longer array
// is a problem that stops decoding, found while parsing, before any work
// is done on its elements.
func NewSourceLimited(file string, data []byte, limit func(path []Seg) int) (*Source, Diagnostics) {
	s := &Source{file: file, raw: data, data: data, root: &Node{Kind: KindTable, how: headerTable, key: -1, val: -1}}
	if len(data) > MaxFileSize {
		s.diags.Add(TooLarge(file, int64(len(data))))
		return s, append(Diagnostics(nil), s.diags...)
	}
	// Editors on Windows like to write a byte order mark, which TOML does not
	// allow; it is invisible to whoever edits the file, so skip it.
	if len(data) >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF {
		s.data = s.data[3:]
	}
	// A full slice expression lets offsets be derived from capacities, which
	// is how the parser locates its errors.
	s.data = s.data[:len(s.data):len(s.data)]
	s.text = string(s.data)
	s.lines = lineStarts(s.data)
	if at := commaOverLimit(s.data, MaxCommas); at >= 0 {
		d := s.diagAt(at, "", fmt.Sprintf("more than %d values separated by commas, the limit of a scenario file", MaxCommas))
		d.Code = CodeLimit
		s.diags.Add(d)
		return s, append(Diagnostics(nil), s.diags...)
	}

	func() {
		defer func() {
			if r := recover(); r != nil {
				s.diags.Add(Diagnostic{File: file, Msg: fmt.Sprintf("internal error while parsing: %v", r)})
			}
		}()
		b := builder{src: s, limit: limit}
		b.run()
		if b.problem != nil {
			s.diags.Add(*b.problem)
		}
	}()
	return s, append(Diagnostics(nil), s.diags...)
}

// commaOverLimit returns the offset of the comma, outside strings and
// comments, that takes the file over limit commas, or -1. It reads the
// bytes once and allocates nothing, so a file of a million tiny values is
// refused before the parser holds them.
func commaOverLimit(data []byte, limit int) int {
	n := 0
	for i := 0; i < len(data); i++ {
		switch c := data[i]; c {
		case '#':
			for i < len(data) && data[i] != '\n' {
				i++
			}
		case '"', '\'':
			multi := i+2 < len(data) && data[i+1] == c && data[i+2] == c
			if multi {
				i += 3
				for i+2 < len(data) && !(data[i] == c && data[i+1] == c && data[i+2] == c) {
					if c == '"' && data[i] == '\\' {
						i++
					}
					i++
				}
				i += 2
				continue
			}
			for i++; i < len(data) && data[i] != c && data[i] != '\n'; i++ {
				if c == '"' && data[i] == '\\' {
					i++
				}
			}
		case ',':
			if n++; n > limit {
				return i
			}
		}
	}
	return -1
}

// TooLarge is the diagnostic for a file over MaxFileSize.
func TooLarge(file string, size int64) Diagnostic {
	mib := math.Ceil(float64(size)/(1<<20)*10) / 10
	return Diagnostic{File: file, Code: CodeLimit, Msg: fmt.Sprintf("file is %.1f MiB, the limit is %d MiB", mib, MaxFileSize>>20)}
}

func lineStarts(data []byte) []int {
	starts := make([]int, 1, bytes.Count(data, []byte{'\n'})+1)
	for i, c := range data {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// File returns the file name given to NewSource.
func (s *Source) File() string {
	if s == nil {
		return ""
	}
	return s.file
}

// Data returns the bytes given to NewSource.
func (s *Source) Data() []byte { return s.raw }

// Problems returns the problems NewSource found.
func (s *Source) Problems() Diagnostics { return append(Diagnostics(nil), s.diags...) }

// Root returns the node of the whole file, nil when it could not be parsed.
func (s *Source) Root() *Node {
	if s == nil || len(s.diags) > 0 {
		return nil
	}
	return s.root
}

// Field returns the node at key name of a table, or nil.
func (n *Node) Field(name string) *Node {
	if n == nil {
		return nil
	}
	return n.fields[name]
}

// Len returns the number of elements of an array or array of tables.
func (n *Node) Len() int { return len(n.elems) }

// Elem returns element i of an array or array of tables.
func (n *Node) Elem(i int) *Node { return n.elems[i] }

// Keys returns the keys of a table, sorted.
func (n *Node) Keys() []string {
	keys := make([]string, 0, len(n.fields))
	for k := range n.fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// IsTable reports whether the node is a table, however written, or an
// element of an array of tables.
func (n *Node) IsTable() bool { return n != nil && n.Kind == KindTable }

// Generic returns the node as the generic Go value of a decoded TOML
// document: map[string]any, []any, string, int64, float64, bool or Datetime.
func (n *Node) Generic() any {
	if n == nil {
		return nil
	}
	switch n.Kind {
	case KindTable:
		m := make(map[string]any, len(n.fields))
		for k, c := range n.fields {
			m[k] = c.Generic()
		}
		return m
	case KindArray, KindTables:
		l := make([]any, len(n.elems))
		for i, c := range n.elems {
			l[i] = c.Generic()
		}
		return l
	}
	return n.value
}

// Has reports whether the key path was written in the file, as opposed to
// being left to its default. Tables that exist only because a deeper key was
// written (like "a" for [a.b]) count as written.
func (s *Source) Has(path string) bool {
	segs, ok := ParsePath(path)
	if !ok {
		return false
	}
	return s.HasSegs(segs)
}

// HasSegs is Has for a parsed path.
func (s *Source) HasSegs(segs []Seg) bool {
	if s == nil {
		return false
	}
	_, full := s.resolve(segs)
	return full
}

// At returns a Diagnostic about path, positioned at the key's value. When the
// value has no position it uses the key, and when the path was not written
// it uses the nearest parent that was, then line 0. msg is a format string
// only when args are given. A nil Source gives a diagnostic with the key
// path and no position.
func (s *Source) At(path string, msg string, args ...any) Diagnostic {
	msg = sprintf(msg, args...)
	if s == nil {
		return Diagnostic{Key: path, Msg: msg}
	}
	off := -1
	if segs, ok := ParsePath(path); ok {
		off, _ = s.resolve(segs)
	}
	return s.diagAt(off, path, msg)
}

// AtKey is like At but positions at the key itself, which is what a problem
// with the key (rather than its value) is about.
func (s *Source) AtKey(segs []Seg, msg string) Diagnostic {
	if s == nil {
		return Diagnostic{Key: RenderPath(segs), Msg: msg}
	}
	off, full := s.resolve(segs)
	if full {
		if n := s.lookup(segs); n != nil && n.key >= 0 {
			off = n.key
		}
	}
	return s.diagAt(off, RenderPath(segs), msg)
}

// Line returns the line of path, 0 when it is not written.
func (s *Source) Line(path string) int { return s.At(path, "").Line }

func sprintf(format string, args ...any) string {
	if len(args) == 0 {
		return format
	}
	return fmt.Sprintf(format, args...)
}

// diagAt builds a Diagnostic at a byte offset, or without a position when
// off is negative.
func (s *Source) diagAt(off int, key, msg string) Diagnostic {
	d := Diagnostic{File: s.file, Key: key, Msg: msg}
	if off < 0 || off > len(s.data) || len(s.lines) == 0 {
		return d
	}
	i := sort.Search(len(s.lines), func(i int) bool { return s.lines[i] > off }) - 1
	if i < 0 {
		i = 0
	}
	start := s.lines[i]
	end := len(s.text)
	if i+1 < len(s.lines) {
		end = s.lines[i+1] - 1
	}
	d.Line, d.Col = i+1, off-start+1
	d.Source = strings.TrimSuffix(s.text[start:end], "\r")
	return d
}

// lookup returns the node at a full path, or nil.
func (s *Source) lookup(segs []Seg) *Node {
	cur := s.root
	for _, sg := range segs {
		if cur == nil {
			return nil
		}
		if sg.IsIndex {
			if sg.Index < 0 || sg.Index >= len(cur.elems) {
				return nil
			}
			cur = cur.elems[sg.Index]
			continue
		}
		cur = cur.fields[sg.Name]
	}
	return cur
}

// resolve returns the offset to report for a path and whether the whole path
// was found. When it was not, the offset is that of the nearest parent that
// was, or -1.
func (s *Source) resolve(segs []Seg) (off int, full bool) {
	cur := s.root
	off = -1
	for i, sg := range segs {
		if cur == nil {
			return off, false
		}
		var key, val int
		if sg.IsIndex {
			if sg.Index < 0 || sg.Index >= len(cur.elems) {
				return off, false
			}
			cur = cur.elems[sg.Index]
			// An element is shown where it starts: its header or its value.
			key, val = cur.key, cur.key
		} else {
			next, ok := cur.fields[sg.Name]
			if !ok {
				return off, false
			}
			cur = next
			key, val = cur.key, cur.val
		}
		// A parent is best shown by its key (the table header), the path
		// itself by its value.
		if i == len(segs)-1 && val >= 0 {
			off = val
		} else if key >= 0 {
			off = key
		} else if val >= 0 {
			off = val
		}
	}
	return off, true
}
