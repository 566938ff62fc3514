package tomlx

import (
	"math"
	"reflect"
	"testing"
	"time"

	"github.com/pelletier/go-toml/v2"
)

// FuzzAgreesWithGoTOML checks the rules the tree builder applies against
// go-toml's decoder: a document one accepts the other accepts, with the
// same values.
func FuzzAgreesWithGoTOML(f *testing.F) {
	for _, seed := range []string{
		"a = 1\na = 2\n", "[a]\nb = 1\n[a]\n", "a.b = 1\n[a]\n", "[a.b]\n[a]\nc = 1\n",
		"a = {b = 1}\na.c = 2\n", "a = {b.c = 1, b.d = 2}\n", "[[a]]\nb = 1\n[[a]]\nb = 2\n[a.c]\nd = 1\n",
		"a = [1]\n[[a]]\n", "[a]\n[[a]]\n", "[[a]]\n[a]\n", "[a]\nb.c = 1\n[a.b]\n", "[a.b.c]\n[a]\nb.d = 1\n",
		"a = 0x7fffffffffffffff\nb = -9223372036854775808\nc = 1_000\n", "d = 2023-02-29\n", "t = 24:00:00\n",
		"x = 1979-05-27T07:32:00+25:00\n", "f = [inf, -inf, nan, 1e400]\n", "s = \"\\u00e9\\n\"\n",
		"[[a.b]]\n[a]\n", "[[a]]\n[[a.b]]\nc = 1\n[[a.b]]\n", "a = [{b = 1}, {b = 2}]\n[a.c]\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var want map[string]any
		errGo := toml.Unmarshal(data, &want)
		src, ds := NewSource("f.toml", data)
		if (errGo == nil) != (len(ds) == 0) {
			t.Fatalf("go-toml: %v\ntomlx: %v", errGo, ds)
		}
		if errGo != nil {
			return
		}
		if want == nil {
			want = map[string]any{}
		}
		if !same(src.Root().Generic(), want) {
			t.Fatalf("values differ:\ntomlx: %#v\ngo-toml: %#v", src.Root().Generic(), want)
		}
	})
}

// same compares a generic tree with go-toml's, dates by their kind only.
func same(got, want any) bool {
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok || len(g) != len(w) {
			return false
		}
		for k := range w {
			if !same(g[k], w[k]) {
				return false
			}
		}
		return true
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			return false
		}
		for i := range w {
			if !same(g[i], w[i]) {
				return false
			}
		}
		return true
	case float64:
		g, ok := got.(float64)
		return ok && (g == w || math.IsNaN(g) && math.IsNaN(w))
	case time.Time, toml.LocalDate, toml.LocalTime, toml.LocalDateTime:
		_, ok := got.(Datetime)
		return ok
	}
	return reflect.DeepEqual(got, want)
}
