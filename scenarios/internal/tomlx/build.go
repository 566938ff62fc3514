package tomlx

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/pelletier/go-toml/v2"
	"github.com/pelletier/go-toml/v2/unstable"
)

// builder turns the expressions of go-toml's parser into the tree of nodes,
// applying the rules of TOML the parser leaves to decoders: a key is defined
// once, a table once, inline tables are closed, and integers and dates are
// valid. Every lookup is in a map, so the work is linear in the file.
type builder struct {
	src     *Source
	p       unstable.Parser
	problem *Diagnostic // the first problem; building stops there

	// limit gives the most elements the array at a path may hold, or a
	// negative number for no limit. Elements past the limit are parsed
	// into a scratch node and only counted, so a file of a million
	// elements costs no more than one of a few.
	limit func([]Seg) int
	over  []*overflow
	// overOf maps an array to its overflow, once it has one.
	overOf map[*Node]*overflow
	limits map[*Node]int // the limit of each array seen, asked once

	// Buffers reused from one expression to the next: a header's path is
	// only used until the next header, a key's parts until its value.
	hdrSegs []Seg
	parts   []keyPart
}

// overflow counts the elements of an array past its limit.
type overflow struct {
	segs  []Seg
	limit int
	n     int   // elements in all
	sink  *Node // the scratch element they are parsed into
}

// limitOf returns the limit for array n at segs.
func (b *builder) limitOf(n *Node, segs []Seg) int {
	if b.limit == nil {
		return -1
	}
	l, ok := b.limits[n]
	if !ok {
		if b.limits == nil {
			b.limits = map[*Node]int{}
		}
		l = b.limit(segs)
		b.limits[n] = l
	}
	return l
}

// element returns the node for the next element of array n at segs: a new
// one appended to n, or, past its limit, the cleared scratch node.
func (b *builder) element(n *Node, segs []Seg, key, val int, how tableHow) *Node {
	if o := b.overOf[n]; o != nil || b.limitOf(n, segs) >= 0 && len(n.elems) >= b.limitOf(n, segs) {
		if o == nil {
			o = &overflow{segs: append([]Seg(nil), segs...), limit: len(n.elems), n: len(n.elems), sink: &Node{}}
			if b.overOf == nil {
				b.overOf = map[*Node]*overflow{}
			}
			b.overOf[n], b.over = o, append(b.over, o)
		}
		o.n++
		*o.sink = Node{key: key, val: val, how: how, scratch: true}
		return o.sink
	}
	e := &Node{key: key, val: val, how: how}
	n.elems = append(n.elems, e)
	return e
}

// last returns the element a header continues in: the last of n's, or the
// scratch node when n is over its limit.
func (b *builder) last(n *Node) *Node {
	if o := b.overOf[n]; o != nil {
		return o.sink
	}
	return n.elems[len(n.elems)-1]
}

// keyPart is one part of a dotted key with the offset of its first byte.
type keyPart struct {
	name string
	off  int
}

func (b *builder) run() {
	b.p.Reset(b.src.data)
	cur, curSegs := b.src.root, []Seg(nil)
	for b.problem == nil && b.p.NextExpression() {
		expr := b.p.Expression()
		switch expr.Kind {
		case unstable.Table, unstable.ArrayTable:
			cur, curSegs = b.header(expr, expr.Kind == unstable.ArrayTable)
		case unstable.KeyValue:
			b.keyValue(cur, curSegs, expr)
		}
	}
	if err := b.p.Error(); err != nil && b.problem == nil {
		b.fail(b.parserError(err, nil))
	}
	if b.problem != nil {
		return
	}
	for _, o := range b.over {
		off, _ := b.src.resolve(o.segs)
		d := b.src.diagAt(off, RenderPath(o.segs), fmt.Sprintf("%d entries, the limit is %d", o.n, o.limit))
		d.Code = CodeLimit
		b.src.diags.Add(d)
	}
}

func (b *builder) fail(d Diagnostic) {
	if b.problem == nil {
		d.Code = CodeSyntax
		b.problem = &d
	}
}

// failAt records a problem with a key or value at off.
func (b *builder) failAt(off int, segs []Seg, format string, args ...any) {
	b.fail(b.src.diagAt(off, RenderPath(segs), fmt.Sprintf(format, args...)))
}

// parserError positions an error of go-toml's parser or of its date types,
// whose highlight is a slice of the file.
func (b *builder) parserError(err error, segs []Seg) Diagnostic {
	var perr *unstable.ParserError
	if !errors.As(err, &perr) {
		return Diagnostic{File: b.src.file, Msg: CleanMsg(err.Error())}
	}
	off := -1
	data := b.src.data
	if perr.Highlight != nil {
		if o := cap(data) - cap(perr.Highlight); o >= 0 && o <= len(data) {
			off = o
		}
	} else {
		off = len(data)
	}
	key := RenderPath(segs)
	if segs == nil && len(perr.Key) > 0 {
		ks := make([]Seg, len(perr.Key))
		for i, k := range perr.Key {
			ks[i] = Key(k)
		}
		key = RenderPath(ks)
	}
	return b.src.diagAt(off, key, CleanMsg(perr.Message))
}

func (b *builder) keyParts(n *unstable.Node) []keyPart {
	parts := b.parts[:0]
	it := n.Key()
	for it.Next() {
		k := it.Node()
		parts = append(parts, keyPart{name: string(k.Data), off: int(k.Raw.Offset)})
	}
	b.parts = parts
	return parts
}

// tooDeep records the depth problem; building stops there.
func (b *builder) tooDeep(segs []Seg, off int) bool {
	if len(segs) <= maxDepth {
		return false
	}
	if b.problem == nil {
		d := b.src.diagAt(off, RenderPath(segs), fmt.Sprintf("nesting is %d levels deep, the limit is %d", len(segs), maxDepth))
		d.Code = CodeLimit
		b.problem = &d
	}
	return true
}

// kindName names what a key already is, in the words of go-toml's errors.
func kindName(n *Node) string {
	switch {
	case n.Kind == KindTables:
		return "array-table"
	case n.Kind == KindTable && n.how == dottedTable:
		return "kv-table"
	case n.Kind == KindTable && n.how != inlineTable:
		return "table"
	}
	return "value"
}

func (n *Node) setField(name string, c *Node) {
	if n.fields == nil {
		n.fields = map[string]*Node{}
	}
	n.fields[name] = c
}

// header opens the table of a [header] or a new element of a [[header]] and
// returns it with its path.
func (b *builder) header(expr *unstable.Node, isArray bool) (*Node, []Seg) {
	parts := b.keyParts(expr)
	t, segs := b.src.root, b.hdrSegs[:0]
	defer func() { b.hdrSegs = segs[:0] }()
	for i, part := range parts {
		if t.scratch {
			// Inside an element past its array's limit: nothing is kept.
			return t, segs
		}
		last := i == len(parts)-1
		c := t.fields[part.name]
		segs = append(segs, Key(part.name))
		switch {
		case last && isArray:
			if c == nil {
				c = &Node{Kind: KindTables, key: part.off, val: -1}
				t.setField(part.name, c)
			} else if c.Kind != KindTables {
				b.failAt(part.off, segs, "key %s already exists as a %s, but should be an array table", part.name, kindName(c))
				return nil, segs
			}
			el := b.element(c, segs, part.off, -1, headerTable)
			el.Kind = KindTable
			t = el
			if o := b.overOf[c]; o != nil {
				segs = append(segs, Index(o.n-1))
			} else {
				segs = append(segs, Index(len(c.elems)-1))
			}
		case last:
			if c == nil {
				c = &Node{Kind: KindTable, how: headerTable, key: part.off, val: -1}
				t.setField(part.name, c)
			} else if c.Kind == KindTable && c.how == implicitTable {
				// [a] written after [a.b]: the header is the better position.
				c.how, c.key = headerTable, part.off
			} else {
				switch kindName(c) {
				case "table":
					b.failAt(part.off, segs, "table %s already exists", part.name)
				case "kv-table":
					b.failAt(part.off, segs, "table %s already exists as defined by a dotted key", part.name)
				case "array-table":
					b.failAt(part.off, segs, "table %s already exists as an array of tables", part.name)
				default:
					b.failAt(part.off, segs, "key %s should be a table, not a value", part.name)
				}
				return nil, segs
			}
			t = c
		default:
			if c == nil {
				c = &Node{Kind: KindTable, how: implicitTable, key: part.off, val: -1}
				t.setField(part.name, c)
			} else if kindName(c) == "value" {
				b.failAt(part.off, segs, "key %s already exists as a value", part.name)
				return nil, segs
			}
			if c.Kind == KindTables {
				// Through an array of tables, a header continues in its
				// last element.
				i := len(c.elems) - 1
				if o := b.overOf[c]; o != nil {
					i = o.n - 1
				}
				t, segs = b.last(c), append(segs, Index(i))
			} else {
				t = c
			}
		}
		if b.tooDeep(segs, part.off) {
			return nil, segs
		}
	}
	return t, segs
}

// keyValue adds a key-value to table t, whose path is segs.
func (b *builder) keyValue(t *Node, segs []Seg, expr *unstable.Node) {
	if b.problem != nil || t == nil || t.scratch {
		// Past an array's limit the file is refused; its elements are
		// only parsed for syntax.
		return
	}
	parts := b.keyParts(expr)
	if len(parts) == 0 {
		return
	}
	segs = segs[:len(segs):len(segs)]
	for _, part := range parts[:len(parts)-1] {
		segs = append(segs, Key(part.name))
		c := t.fields[part.name]
		if c == nil {
			c = &Node{Kind: KindTable, how: dottedTable, key: part.off, val: -1}
			t.setField(part.name, c)
		} else if c.Kind != KindTable || c.how != dottedTable {
			b.failAt(part.off, segs, "key %s is already defined", part.name)
			return
		}
		if b.tooDeep(segs, part.off) {
			return
		}
		t = c
	}
	last := parts[len(parts)-1]
	segs = append(segs, Key(last.name))
	if b.tooDeep(segs, last.off) {
		return
	}
	if _, dup := t.fields[last.name]; dup {
		b.failAt(last.off, segs, "key %s is already defined", last.name)
		return
	}
	value := expr.Value()
	kr := keyRaw(expr)
	start := b.valueStart(value, int(kr.Offset+kr.Length))
	n := &Node{key: last.off, val: start}
	t.setField(last.name, n)
	b.value(n, segs, value, start)
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
func (b *builder) valueStart(n *unstable.Node, from int) int {
	if n.Kind == unstable.Array {
		return b.skipFiller(from)
	}
	return int(n.Raw.Offset)
}

// skipFiller skips what may separate values in valid TOML: blanks, newlines,
// comments, commas and the equals sign.
func (b *builder) skipFiller(i int) int {
	data := b.src.data
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

// value fills n from the parser's value v starting at start and returns
// the offset just past it, which the caller needs to find the next array.
func (b *builder) value(n *Node, segs []Seg, v *unstable.Node, start int) int {
	switch v.Kind {
	case unstable.InlineTable:
		n.Kind, n.how = KindTable, dottedTable // dotted keys inside may extend each other
		end := start + 1
		it := v.Children()
		for it.Next() && b.problem == nil {
			kv := it.Node()
			if kv.Kind != unstable.KeyValue {
				continue
			}
			b.keyValue(n, segs, kv)
			end = int(kv.Raw.Offset + kv.Raw.Length)
		}
		closeInline(n)
		return b.skipFiller(end) + 1
	case unstable.Array:
		n.Kind = KindArray
		cursor := start + 1
		it := v.Children()
		// One path for all elements: only its last step changes, and
		// nothing keeps it.
		esegs := append(segs[:len(segs):len(segs)], Index(0))
		count := 0
		for it.Next() && b.problem == nil {
			c := it.Node()
			if c.Kind == unstable.Comment {
				continue
			}
			st := b.valueStart(c, cursor)
			esegs[len(esegs)-1] = Index(count)
			count++
			if b.tooDeep(esegs, st) {
				return cursor
			}
			e := b.element(n, segs, st, st, implicitTable)
			cursor = b.value(e, esegs, c, st)
		}
		return b.skipFiller(cursor) + 1
	}
	switch v.Kind {
	case unstable.String:
		n.Kind, n.value = KindString, string(v.Data)
	case unstable.Bool:
		n.Kind, n.value = KindBool, bytes.Equal(v.Data, []byte("true"))
	case unstable.Integer:
		i, err := parseInteger(v.Data)
		n.Kind, n.value = KindInteger, i
		if err != nil {
			b.failAt(start, segs, "%s", err.Error())
		}
	case unstable.Float:
		f, err := parseFloat(v.Data)
		n.Kind, n.value = KindFloat, f
		if err != nil {
			b.failAt(start, segs, "%s", err.Error())
		}
	case unstable.LocalDate, unstable.LocalTime, unstable.LocalDateTime, unstable.DateTime:
		what, err := checkDatetime(v)
		n.Kind, n.value = KindDatetime, Datetime{What: what, Text: string(v.Data)}
		if err != nil {
			// go-toml's errors for dates are positioned at the part that
			// is wrong and name no key; so are these.
			b.fail(b.parserError(err, []Seg{}))
		}
	default:
		b.failAt(start, segs, "unexpected value of kind %s", v.Kind)
	}
	return int(v.Raw.Offset + v.Raw.Length)
}

// checkDatetime checks that a date or time exists, with go-toml's date
// types, and says which it is.
func checkDatetime(v *unstable.Node) (string, error) {
	switch v.Kind {
	case unstable.LocalDate:
		return "date", new(toml.LocalDate).UnmarshalText(v.Data)
	case unstable.LocalTime:
		return "time", new(toml.LocalTime).UnmarshalText(v.Data)
	case unstable.LocalDateTime:
		return "date and time", new(toml.LocalDateTime).UnmarshalText(v.Data)
	}
	return "date and time", checkOffsetDateTime(v.Data)
}

// closeInline marks an inline table and the tables its dotted keys made as
// closed: nothing written after it may add to them.
func closeInline(n *Node) {
	n.how = inlineTable
	for _, c := range n.fields {
		if c.Kind == KindTable && c.how == dottedTable {
			closeInline(c)
		}
	}
}

// checkOffsetDateTime checks a date and time with an offset: the local part as
// go-toml does, and the offset's hours and minutes.
func checkOffsetDateTime(b []byte) error {
	i := len(b)
	for j := 11; j < len(b); j++ {
		if c := b[j]; c == 'Z' || c == 'z' || c == '+' || c == '-' {
			i = j
			break
		}
	}
	if err := new(toml.LocalDateTime).UnmarshalText(b[:i]); err != nil {
		return err
	}
	off := b[i:]
	switch {
	case len(off) == 0:
		return unstable.NewParserError(b, "date-time is missing timezone")
	case off[0] == 'Z' || off[0] == 'z':
		if len(off) > 1 {
			return unstable.NewParserError(off[1:], "extra characters at the end of a date-time")
		}
		return nil
	case len(off) != 6 || off[3] != ':' || !isDigits(off[1:3]) || !isDigits(off[4:6]):
		return unstable.NewParserError(off, "invalid date-time timezone")
	case atoi2(off[1:3]) > 23:
		return unstable.NewParserError(off[1:3], "invalid timezone offset hours")
	case atoi2(off[4:6]) > 59:
		return unstable.NewParserError(off[4:6], "invalid timezone offset minutes")
	}
	return nil
}

func isDigits(b []byte) bool {
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

func atoi2(b []byte) int { return int(b[0]-'0')*10 + int(b[1]-'0') }

// parseInteger reads a TOML integer whose syntax the parser has checked:
// decimal with underscores, or 0x, 0o, 0b, which ParseInt reads with base 0.
func parseInteger(b []byte) (int64, error) {
	s := strings.ReplaceAll(string(b), "_", "")
	i, err := strconv.ParseInt(s, 0, 64)
	if err != nil {
		name := "decimal"
		if len(s) > 2 && s[0] == '0' {
			name = map[byte]string{'x': "hexadecimal", 'o': "octal", 'b': "binary"}[s[1]]
		}
		return 0, fmt.Errorf("%s number is too large to fit in a 64-bit signed integer", name)
	}
	return i, nil
}

// parseFloat reads a TOML float whose syntax the parser has checked.
func parseFloat(b []byte) (float64, error) {
	s := string(bytes.ReplaceAll(b, []byte("_"), nil))
	switch s {
	case "inf", "+inf":
		return math.Inf(1), nil
	case "-inf":
		return math.Inf(-1), nil
	case "nan", "+nan", "-nan":
		return math.NaN(), nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, fmt.Errorf("unable to parse float: %s", CleanMsg(err.Error()))
	}
	return f, nil
}
