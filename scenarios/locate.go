package scenarios

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/pelletier/go-toml/v2"
	"github.com/pelletier/go-toml/v2/unstable"
)

const (
	// maxFileSize keeps a hostile or mistaken file (a log, a disk image)
	// from being parsed at all; real scenarios are a few kilobytes.
	maxFileSize = 4 << 20
	// maxDepth bounds nesting so that recursion over the document stays
	// shallow; real scenarios nest fewer than ten levels.
	maxDepth = 32
	// maxKeyWork bounds the work go-toml does to find duplicate keys: it
	// compares each key with every key still "live" in its table tree,
	// which is quadratic. Keys in an element of an array of tables stop
	// being live at the next [[...]] header, so scenarios with thousands of
	// assets stay cheap, but 20000 keys outside arrays of tables already
	// take about half a second per decode, and 200000 over a minute.
	maxKeyWork = 20000 * 20000 / 2
)

// Source is a parsed scenario file: its name, bytes, and an index from key
// paths to positions.
//
// A Source is read-only after NewSource and safe for concurrent use.
type Source struct {
	file  string
	raw   []byte // as given
	data  []byte // raw without a byte order mark; all offsets refer to it
	text  string // data as a string, so that source lines share one copy
	lines []int  // offset of the start of each line
	root  *entry
	tree  map[string]any // the generic decode, walked by Decode
	diags Diagnostics    // problems that stop decoding
}

// entry is what the index knows about one key path. Offsets are into
// Source.data; -1 means unknown.
type entry struct {
	key, val int
	implicit bool // a table only created as the parent of a deeper key
	fields   map[string]*entry
	array    bool
	elems    []elem
}

// elem is one element of an array. Scalars carry no entry, which keeps the
// index small for long arrays of numbers.
type elem struct {
	off int
	sub *entry
}

// NewSource parses data and indexes the position of every key and value.
// Problems that make the file unusable (size, syntax, duplicate keys, depth)
// are returned as diagnostics, and Decode reports them again. The returned
// Source is never nil, so that it can still position other diagnostics.
// NewSource keeps data, which must not be modified afterwards.
func NewSource(file string, data []byte) (*Source, Diagnostics) {
	s := &Source{file: file, raw: data, data: data, root: &entry{key: -1, val: -1}}
	if len(data) > maxFileSize {
		mib := math.Ceil(float64(len(data))/(1<<20)*10) / 10
		s.diags.Add(Diagnostic{File: file, Msg: fmt.Sprintf("file is %.1f MiB, the limit is %d MiB", mib, maxFileSize>>20)})
		return s, append(Diagnostics(nil), s.diags...)
	}
	// Editors on Windows like to write a byte order mark, which TOML does not
	// allow; it is invisible to whoever edits the file, so skip it.
	s.data = s.data[len(bomPrefix(data)):]
	// A full slice expression lets offsets be derived from capacities, which
	// is how the parser locates its errors.
	s.data = s.data[:len(s.data):len(s.data)]
	s.text = string(s.data)
	s.lines = lineStarts(s.data)

	func() {
		defer func() {
			if r := recover(); r != nil {
				s.diags.Add(Diagnostic{File: file, Msg: fmt.Sprintf("internal error while indexing: %v", r)})
			}
		}()
		ix := indexer{src: s}
		ix.run()
		if ix.problem != nil {
			s.diags.Add(*ix.problem)
			return
		}
		// The parser checks syntax only; duplicate keys, redefined tables,
		// impossible dates and oversized integers are found by decoding.
		var tree map[string]any
		if err := toml.Unmarshal(s.data, &tree); err != nil {
			s.diags.Add(s.fromTOMLError(err))
			return
		}
		if tree == nil {
			tree = map[string]any{}
		}
		s.tree = tree
	}()
	return s, append(Diagnostics(nil), s.diags...)
}

func bomPrefix(data []byte) []byte {
	if len(data) >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF {
		return data[:3]
	}
	return nil
}

func lineStarts(data []byte) []int {
	starts := []int{0}
	for i, c := range data {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// File returns the file name given to NewSource.
func (s *Source) File() string { return s.file }

// Data returns the bytes given to NewSource.
func (s *Source) Data() []byte { return s.raw }

// Has reports whether the key path was written in the file, as opposed to
// being left to its default. Tables that exist only because a deeper key was
// written (like "a" for [a.b]) count as written.
func (s *Source) Has(path string) bool {
	segs, ok := parsePath(path)
	if !ok {
		return false
	}
	_, full := s.resolve(segs)
	return full
}

// At returns a Diagnostic about path, positioned at the key's value. When the
// value has no position it uses the key, and when the path was not written
// it uses the nearest parent that was, then line 0. msg is a format string
// only when args are given.
func (s *Source) At(path string, msg string, args ...any) Diagnostic {
	if len(args) > 0 {
		msg = fmt.Sprintf(msg, args...)
	}
	off := -1
	if segs, ok := parsePath(path); ok {
		off, _ = s.resolve(segs)
	}
	return s.diagAt(off, path, msg)
}

// atKey is like At but positions at the key itself, which is what a problem
// with the key (rather than its value) is about.
func (s *Source) atKey(segs []seg, msg string) Diagnostic {
	off, full := s.resolve(segs)
	if full {
		if e, ok := s.lookup(segs); ok && e.key >= 0 {
			off = e.key
		}
	}
	return s.diagAt(off, renderPath(segs), msg)
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

// offsetOf converts a 1-based line and column back to a byte offset.
func (s *Source) offsetOf(line, col int) int {
	if line < 1 || line > len(s.lines) || col < 1 {
		return -1
	}
	off := s.lines[line-1] + col - 1
	if off > len(s.data) {
		return -1
	}
	return off
}

// lookup returns the entry for a full path. Scalar array elements have no
// entry and are reported as missing.
func (s *Source) lookup(segs []seg) (*entry, bool) {
	cur := s.root
	for _, sg := range segs {
		if cur == nil {
			return nil, false
		}
		if sg.isIndex {
			if sg.index < 0 || sg.index >= len(cur.elems) {
				return nil, false
			}
			cur = cur.elems[sg.index].sub
			continue
		}
		next, ok := cur.fields[sg.name]
		if !ok {
			return nil, false
		}
		cur = next
	}
	return cur, cur != nil
}

// resolve returns the offset to report for a path and whether the whole path
// was found. When it was not, the offset is that of the nearest parent that
// was, or -1.
func (s *Source) resolve(segs []seg) (off int, full bool) {
	cur := s.root
	off = -1
	for i, sg := range segs {
		if cur == nil {
			return off, false
		}
		var key, val int
		if sg.isIndex {
			if sg.index < 0 || sg.index >= len(cur.elems) {
				return off, false
			}
			el := cur.elems[sg.index]
			key, val = el.off, el.off
			cur = el.sub
		} else {
			next, ok := cur.fields[sg.name]
			if !ok {
				return off, false
			}
			key, val = next.key, next.val
			cur = next
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

// pathAt finds the path whose key or value starts at off, for go-toml errors,
// which carry a position and a key without array indices.
func (s *Source) pathAt(off int) (string, bool) {
	var segs []seg
	var found []seg
	var visit func(e *entry) bool
	visit = func(e *entry) bool {
		names := make([]string, 0, len(e.fields))
		for name := range e.fields {
			names = append(names, name)
		}
		sort.Strings(names)
		for _, name := range names {
			child := e.fields[name]
			segs = append(segs, seg{name: name})
			if child.key == off || child.val == off {
				found = append([]seg(nil), segs...)
				return true
			}
			if visit(child) {
				return true
			}
			segs = segs[:len(segs)-1]
		}
		for i, el := range e.elems {
			segs = append(segs, seg{isIndex: true, index: i})
			if el.off == off {
				found = append([]seg(nil), segs...)
				return true
			}
			if el.sub != nil && visit(el.sub) {
				return true
			}
			segs = segs[:len(segs)-1]
		}
		return false
	}
	if off < 0 || !visit(s.root) {
		return "", false
	}
	return renderPath(found), true
}

// fromTOMLError turns an error from go-toml into a positioned diagnostic.
func (s *Source) fromTOMLError(err error) Diagnostic {
	var de *toml.DecodeError
	if errors.As(err, &de) {
		line, col := de.Position()
		off := s.offsetOf(line, col)
		key, ok := s.pathAt(off)
		if !ok {
			key = keyString(de.Key())
		}
		return s.diagAt(off, key, cleanMsg(de.Error()))
	}
	return Diagnostic{File: s.file, Msg: cleanMsg(err.Error())}
}

// keyString renders a go-toml key, which has no array indices.
func keyString(k toml.Key) string {
	segs := make([]seg, len(k))
	for i, name := range k {
		segs[i] = seg{name: name}
	}
	return renderPath(segs)
}

// seg is one step of a key path: a table key or an array index.
type seg struct {
	name    string
	index   int
	isIndex bool
}

// QuoteKey returns k as it appears in a key path: bare when TOML allows it
// bare, quoted otherwise (so "force.enabled" stays one key).
func QuoteKey(k string) string {
	if isBareKey(k) {
		return k
	}
	return strconv.Quote(k)
}

func isBareKey(k string) bool {
	if k == "" {
		return false
	}
	for i := 0; i < len(k); i++ {
		if !isBareKeyChar(k[i]) {
			return false
		}
	}
	return true
}

func isBareKeyChar(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_'
}

func renderPath(segs []seg) string {
	var b strings.Builder
	for i, sg := range segs {
		if sg.isIndex {
			b.WriteByte('[')
			b.WriteString(strconv.Itoa(sg.index))
			b.WriteByte(']')
			continue
		}
		if i > 0 {
			b.WriteByte('.')
		}
		b.WriteString(QuoteKey(sg.name))
	}
	return b.String()
}

// parsePath reads the key path syntax of renderPath. It accepts quoted
// segments that did not need quoting, so callers may quote freely.
func parsePath(p string) ([]seg, bool) {
	var segs []seg
	i := 0
	expectName := true // at the start or after a dot
	for i < len(p) {
		switch c := p[i]; {
		case c == '[':
			end := strings.IndexByte(p[i:], ']')
			if end < 0 || expectName && len(segs) > 0 {
				return nil, false
			}
			n, err := strconv.Atoi(p[i+1 : i+end])
			if err != nil || n < 0 {
				return nil, false
			}
			segs = append(segs, seg{isIndex: true, index: n})
			i += end + 1
			expectName = false
		case c == '.':
			if expectName {
				return nil, false
			}
			expectName = true
			i++
		case !expectName:
			return nil, false
		case c == '"':
			j := i + 1
			for j < len(p) && p[j] != '"' {
				if p[j] == '\\' {
					j++
				}
				j++
			}
			if j >= len(p) {
				return nil, false
			}
			name, err := strconv.Unquote(p[i : j+1])
			if err != nil {
				return nil, false
			}
			segs = append(segs, seg{name: name})
			i = j + 1
			expectName = false
		default:
			j := i
			for j < len(p) && p[j] != '.' && p[j] != '[' && p[j] != '"' {
				j++
			}
			segs = append(segs, seg{name: p[i:j]})
			i = j
			expectName = false
		}
	}
	if expectName && len(segs) > 0 {
		return nil, false
	}
	return segs, true
}

// indexer builds the index with go-toml's unstable parser, which, unlike the
// decoder, keeps the position of every key and value.
type indexer struct {
	src     *Source
	p       unstable.Parser
	problem *Diagnostic // the first syntax or limit problem

	// An estimate of go-toml's duplicate checking, for maxKeyWork:
	// entries created so far, entries live, and comparisons.
	created, live, work int
}

// topLevel is the base of lookups that go-toml makes against every live
// entry: keys of headers and of key-values outside inline tables.
const topLevel = -1

// newEntry counts an entry that go-toml's duplicate checker also creates.
func (ix *indexer) newEntry(e *entry) *entry {
	ix.created++
	ix.live++
	return e
}

// lookup charges one key lookup: against all live entries at the top
// level, and against the entries of the enclosing inline table (created
// since base) inside one.
func (ix *indexer) lookup(base, off int) {
	if base == topLevel {
		ix.work += ix.live
	} else {
		ix.work += ix.created - base
	}
	if ix.work > maxKeyWork && ix.problem == nil {
		d := ix.src.diagAt(off, "", "file has too many keys outside [[...]] tables, the limit is about 20000")
		ix.problem = &d
	}
}

// countEntries counts the entries under e, which go-toml forgets when a new
// element of an array of tables starts.
func countEntries(e *entry) int {
	n := 0
	for _, c := range e.fields {
		n += 1 + countEntries(c)
	}
	for _, el := range e.elems {
		if el.sub != nil {
			n += 1 + countEntries(el.sub)
		}
	}
	return n
}

// keyPart is one part of a dotted key with the offset of its first byte.
type keyPart struct {
	name string
	off  int
}

func (ix *indexer) run() {
	ix.p.Reset(ix.src.data)
	cur, curSegs := ix.src.root, []seg(nil)
	for ix.problem == nil && ix.p.NextExpression() {
		expr := ix.p.Expression()
		switch expr.Kind {
		case unstable.Table, unstable.ArrayTable:
			cur, curSegs = ix.header(expr, expr.Kind == unstable.ArrayTable)
		case unstable.KeyValue:
			ix.keyValue(cur, curSegs, expr, topLevel)
		}
	}
	if err := ix.p.Error(); err != nil && ix.problem == nil {
		d := ix.syntaxError(err)
		ix.problem = &d
	}
}

func (ix *indexer) syntaxError(err error) Diagnostic {
	var perr *unstable.ParserError
	if !errors.As(err, &perr) {
		return Diagnostic{File: ix.src.file, Msg: cleanMsg(err.Error())}
	}
	off := -1
	data := ix.src.data
	if perr.Highlight != nil {
		if o := cap(data) - cap(perr.Highlight); o >= 0 && o <= len(data) {
			off = o
		}
	} else {
		off = len(data)
	}
	return ix.src.diagAt(off, keyString(perr.Key), cleanMsg(perr.Message))
}

func (ix *indexer) keyParts(n *unstable.Node) []keyPart {
	var parts []keyPart
	it := n.Key()
	for it.Next() {
		k := it.Node()
		parts = append(parts, keyPart{name: string(k.Data), off: int(k.Raw.Offset)})
	}
	return parts
}

// tooDeep records the depth problem once; indexing stops there.
func (ix *indexer) tooDeep(segs []seg, off int) bool {
	if len(segs) <= maxDepth {
		return false
	}
	if ix.problem == nil {
		d := ix.src.diagAt(off, renderPath(segs), fmt.Sprintf("nesting is %d levels deep, the limit is %d", len(segs), maxDepth))
		ix.problem = &d
	}
	return true
}

// detached is where definitions go that TOML forbids (redefinitions);
// decoding reports them, the index only has to survive them.
func detached(off int) *entry { return &entry{key: off, val: -1} }

// child returns the table named by part under t, creating an implicit one.
// Through an array of tables it continues in the last element, as TOML does.
func (ix *indexer) child(t *entry, segs []seg, part keyPart, base int) (*entry, []seg) {
	if t.fields == nil {
		t.fields = map[string]*entry{}
	}
	ix.lookup(base, part.off)
	c, ok := t.fields[part.name]
	if !ok {
		c = ix.newEntry(&entry{key: part.off, val: -1, implicit: true})
		t.fields[part.name] = c
	}
	segs = append(segs, seg{name: part.name})
	if c.array {
		n := len(c.elems)
		if n == 0 || c.elems[n-1].sub == nil {
			return detached(part.off), segs
		}
		return c.elems[n-1].sub, append(segs, seg{isIndex: true, index: n - 1})
	}
	return c, segs
}

func (ix *indexer) header(expr *unstable.Node, isArray bool) (*entry, []seg) {
	parts := ix.keyParts(expr)
	t, segs := ix.src.root, []seg(nil)
	for i, part := range parts {
		if i < len(parts)-1 || !isArray {
			t, segs = ix.child(t, segs, part, topLevel)
			if i == len(parts)-1 && t.implicit {
				// [a] written after [a.b]: the header is the better position.
				t.implicit, t.key = false, part.off
			}
		} else {
			if t.fields == nil {
				t.fields = map[string]*entry{}
			}
			ix.lookup(topLevel, part.off)
			arr, ok := t.fields[part.name]
			if !ok {
				arr = ix.newEntry(&entry{key: part.off, val: -1, array: true})
				t.fields[part.name] = arr
			}
			segs = append(segs, seg{name: part.name})
			if !arr.array {
				return detached(part.off), segs
			}
			if n := len(arr.elems); n > 0 && arr.elems[n-1].sub != nil {
				// go-toml clears the previous element, scanning all entries.
				ix.lookup(topLevel, part.off)
				ix.live -= countEntries(arr.elems[n-1].sub)
			}
			// Elements share go-toml's entry for the array: no newEntry.
			sub := &entry{key: part.off, val: -1}
			arr.elems = append(arr.elems, elem{off: part.off, sub: sub})
			t, segs = sub, append(segs, seg{isIndex: true, index: len(arr.elems) - 1})
		}
		if ix.tooDeep(segs, part.off) {
			return detached(part.off), segs
		}
	}
	return t, segs
}

// keyValue indexes a key-value under t; base is topLevel or, inside an
// inline table, the count of entries created before it.
func (ix *indexer) keyValue(t *entry, segs []seg, expr *unstable.Node, base int) {
	parts := ix.keyParts(expr)
	if len(parts) == 0 || ix.problem != nil {
		return
	}
	for _, part := range parts[:len(parts)-1] {
		t, segs = ix.child(t, segs, part, base)
		if ix.tooDeep(segs, part.off) {
			return
		}
	}
	last := parts[len(parts)-1]
	segs = append(segs, seg{name: last.name})
	if ix.tooDeep(segs, last.off) {
		return
	}
	value := expr.Value()
	kr := keyRaw(expr)
	start := ix.valueStart(value, int(kr.Offset+kr.Length))
	ix.lookup(base, last.off)
	e := ix.newEntry(&entry{key: last.off, val: start})
	if t.fields == nil {
		t.fields = map[string]*entry{}
	}
	if _, dup := t.fields[last.name]; !dup {
		t.fields[last.name] = e
	}
	ix.value(e, segs, value, start)
}

// keyRaw returns the range of the last part of a key-value's key.
func keyRaw(expr *unstable.Node) unstable.Range {
	var r unstable.Range
	it := expr.Key()
	for it.Next() {
		r = it.Node().Raw
	}
	return r
}

// valueStart returns the offset of a value. Arrays carry no position in the
// parser's AST, so their bracket is found by scanning from `from`, the end
// of whatever precedes the value.
func (ix *indexer) valueStart(n *unstable.Node, from int) int {
	if n.Kind == unstable.Array {
		return ix.skipFiller(from)
	}
	return int(n.Raw.Offset)
}

// skipFiller skips what may separate values in valid TOML: blanks, newlines,
// comments, commas and the equals sign.
func (ix *indexer) skipFiller(i int) int {
	data := ix.src.data
	for i < len(data) {
		switch data[i] {
		case ' ', '\t', '\r', '\n', ',', '=':
			i++
		case '#':
			for i < len(data) && data[i] != '\n' {
				i++
			}
		default:
			return i
		}
	}
	return i
}

// value indexes the contents of a value starting at start and returns the
// offset just past it, which the caller needs to find the next array.
func (ix *indexer) value(e *entry, segs []seg, n *unstable.Node, start int) int {
	switch n.Kind {
	case unstable.InlineTable:
		end := start + 1
		base := ix.created
		it := n.Children()
		for it.Next() && ix.problem == nil {
			kv := it.Node()
			if kv.Kind != unstable.KeyValue {
				continue
			}
			ix.keyValue(e, segs, kv, base)
			end = int(kv.Raw.Offset + kv.Raw.Length)
		}
		return ix.skipFiller(end) + 1
	case unstable.Array:
		e.array = true
		cursor := start + 1
		it := n.Children()
		for it.Next() && ix.problem == nil {
			c := it.Node()
			if c.Kind == unstable.Comment {
				continue
			}
			st := ix.valueStart(c, cursor)
			esegs := append(segs, seg{isIndex: true, index: len(e.elems)})
			if ix.tooDeep(esegs, st) {
				return cursor
			}
			if c.Kind == unstable.Array || c.Kind == unstable.InlineTable {
				sub := ix.newEntry(&entry{key: st, val: st})
				e.elems = append(e.elems, elem{off: st, sub: sub})
				cursor = ix.value(sub, esegs, c, st)
			} else {
				e.elems = append(e.elems, elem{off: st})
				cursor = int(c.Raw.Offset + c.Raw.Length)
			}
		}
		return ix.skipFiller(cursor) + 1
	default:
		return int(n.Raw.Offset + n.Raw.Length)
	}
}
