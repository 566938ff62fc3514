package tomlx

import (
	"strconv"
	"strings"
)

// Seg is one step of a key path: a table key or an array index.
type Seg struct {
	Name    string
	Index   int
	IsIndex bool
}

// Key returns the step into a table's key.
func Key(name string) Seg { return Seg{Name: name} }

// Index returns the step into an array's element.
func Index(i int) Seg { return Seg{IsIndex: true, Index: i} }

// QuoteKey returns k as it appears in a key path: bare when TOML allows it
// bare, quoted otherwise (so "force.enabled" stays one key).
func QuoteKey(k string) string {
	if IsBareKey(k) {
		return k
	}
	return strconv.Quote(k)
}

// IsBareKey reports whether TOML allows k unquoted: letters, digits, '-'
// and '_'.
func IsBareKey(k string) bool {
	if k == "" {
		return false
	}
	for i := 0; i < len(k); i++ {
		if c := k[i]; !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// RenderPath writes a key path: "asset[2].depends_on[0]", `variant[0].set."a.b"`.
func RenderPath(segs []Seg) string {
	var b strings.Builder
	for i, sg := range segs {
		if sg.IsIndex {
			b.WriteByte('[')
			b.WriteString(strconv.Itoa(sg.Index))
			b.WriteByte(']')
			continue
		}
		if i > 0 {
			b.WriteByte('.')
		}
		b.WriteString(QuoteKey(sg.Name))
	}
	return b.String()
}

// ParsePath reads the key path syntax of RenderPath. It accepts quoted
// segments that did not need quoting, so callers may quote freely.
func ParsePath(p string) ([]Seg, bool) {
	var segs []Seg
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
			segs = append(segs, Index(n))
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
			segs = append(segs, Key(name))
			i = j + 1
			expectName = false
		default:
			j := i
			for j < len(p) && p[j] != '.' && p[j] != '[' && p[j] != '"' {
				j++
			}
			segs = append(segs, Key(p[i:j]))
			i = j
			expectName = false
		}
	}
	if expectName && len(segs) > 0 {
		return nil, false
	}
	return segs, true
}
