package scenarios

import (
	"os"
	"path/filepath"
	"regexp"
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

// FuzzLoad runs the whole loading pipeline (decode, defaults, variants,
// validation) on arbitrary input: nothing may panic, every diagnostic is
// well formed, and a scenario that loads can have each of its variants
// applied and be validated again.
func FuzzLoad(f *testing.F) {
	// The mutator works best on small inputs, and Go minimises every new
	// interesting input for up to a minute: seeds lose their comments and
	// long texts, and the longest are cut.
	for _, b := range Bundled() {
		data, err := BundledSource(b.Name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(compactSeed(data), "", "")
	}
	seeds, _ := filepath.Glob("../testdata/scenarios/*/*.toml")
	for _, p := range seeds {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(compactSeed(data), "", "")
	}
	minimal, err := os.ReadFile("../testdata/scenarios/good/minimal.toml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(minimal, "no-force", "force.team.geneva.capacity=0")
	f.Add(minimal, "", "relation.ostmark:nordland.trust=35%")
	f.Add(minimal, "nope", "attacker.grey-gull.methods.wiper=2")
	f.Add([]byte("[[asset]]\nid = \"a\"\ndepends_on = [\"b\"]\n[[asset]]\nid = \"b\"\ndepends_on = [\"a\"]\n"), "", "")
	f.Add([]byte("[[variant]]\nname = \"v\"\nset = { \"variant.v.name\" = 1, \"\" = [], \"a..b\" = {} }\n"), "v", "=")
	f.Fuzz(func(t *testing.T, data []byte, variant, set string) {
		opt := Options{Variant: variant}
		if set != "" {
			opt.Set = []string{set}
		}
		s, err := Load("fuzz.toml", data, opt)
		if err != nil {
			ds, ok := err.(Diagnostics)
			if !ok {
				t.Fatalf("error is a %T", err)
			}
			if len(ds) == 0 {
				t.Fatal("empty Diagnostics as an error")
			}
			for _, d := range ds {
				if strings.Contains(d.Msg, "internal error") {
					t.Fatalf("%s", d.Error())
				}
				if d.Line < 0 || d.Col < 0 || d.Msg == "" {
					t.Fatalf("malformed diagnostic %#v", d)
				}
			}
			_ = ds.Error()
			if s != nil {
				t.Fatal("a scenario and an error")
			}
			return
		}
		if s == nil {
			t.Fatal("no scenario and no error")
		}
		// A valid scenario stays valid through Clone, and every variant of
		// it was checked by Load: applying it must not fail.
		c := s.Clone()
		if ds := Validate(c, nil); len(ds) > 0 {
			t.Fatalf("a loaded scenario does not validate:\n%s", ds.Error())
		}
		for _, name := range s.VariantNames() {
			v := s.Clone()
			if _, ds := applyVariant(v, nil, findVariant(v, name)); len(ds) > 0 {
				t.Fatalf("variant %q of a valid scenario fails:\n%s", name, ds.Error())
			}
		}
		for _, sw := range s.Sweeps {
			for _, x := range sw.Points() {
				v := s.Clone()
				if err := v.SetValue(sw.Key, x); err != nil {
					t.Fatalf("sweep %s = %g: %v", sw.Key, x, err)
				}
			}
		}
	})
}

var (
	multiLineString = regexp.MustCompile(`(?s)"""(.*?)"""`)
	commentLine     = regexp.MustCompile(`(?m)^\s*#.*\n`)
)

// compactSeed drops comments and long texts from a scenario and cuts it to
// 8 KiB.
func compactSeed(data []byte) []byte {
	data = multiLineString.ReplaceAll(data, []byte(`"..."`))
	data = commentLine.ReplaceAll(data, nil)
	if len(data) > 8<<10 {
		data = data[:8<<10]
	}
	return data
}
