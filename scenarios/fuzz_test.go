package scenarios

import (
	"strings"
	"testing"
)

func FuzzDecode(f *testing.F) {
	f.Add([]byte(badScenario))
	f.Add([]byte("[scenario]\nname = \"x\"\nhorizon = \"90d\"\n[[state]]\nmaturity = \"35%\"\n"))
	f.Add([]byte("[[decision]]\n[[decision.option]]\neffect = [{ add = [1, [2]] }]\n"))
	f.Add([]byte("[[attacker]]\nmethods = { wiper = 0.2, \"odd.key\" = '1' }\nrate = \"2/w\"\n"))
	f.Add([]byte("a = [[[[1]]]]\nb = \"\"\"\nx\n\"\"\"\n"))
	f.Add([]byte("\xef\xbb\xbf[a.b.c]\r\nd = 1\r\n"))
	f.Add([]byte("[[asset]]\nid = 1\n[asset]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		src, ds := NewSource("fuzz.toml", data)
		if src == nil {
			t.Fatal("NewSource returned nil")
		}
		var sc testScenario
		got := Decode(src, &sc)
		for _, d := range append(ds, got...) {
			if strings.HasPrefix(d.Msg, "internal error") {
				t.Fatalf("%s", d.Error())
			}
			if d.Line < 0 || d.Col < 0 {
				t.Fatalf("negative position: %s", d.Error())
			}
		}
		_ = got.Error()
		_ = ds.Error()
		for _, p := range []string{"scenario.horizon", "asset[0].depends_on[1]", "a", `"".x[3]`} {
			_ = src.At(p, "m")
			_ = src.Has(p)
		}
		var m map[string]any
		_ = Decode(src, &m)
	})
}
