package scenarios

import (
	"errors"
	"os"
	"strings"
	"testing"
)

// FuzzSet sets any key to any value on a valid scenario, as --set does:
// nothing panics; a refusal is a Diagnostic at "--set" that a terminal can
// print (no control characters but tabs); an accepted value leaves a scenario that
// validates to well-formed problems, and the same override through Load
// gives a scenario or problems, never both, each printable.
func FuzzSet(f *testing.F) {
	minimal, err := os.ReadFile(minimalPath)
	if err != nil {
		f.Fatal(err)
	}
	base, err := Load("minimal.toml", minimal, Options{})
	if err != nil {
		f.Fatal(err)
	}
	for _, kv := range [][2]string{
		{"scenario.horizon", "20d"},
		{"state.nordland.maturity", "35%"},
		{"relation.ostmark:nordland.trust", "0.3"},
		{"attacker.grey-gull.methods", "ddos:0.6,wiper:0.4,ddos:1"},
		{"attacker.grey-gull.methods.wiper", "1e308"},
		{"attacker.grey-gull.tempo", "100/h"},
		{"force.roles", ""},
		{"force.team.geneva.shift", "8,20,3"},
		{"information.network.nordland.users", "1e9"},
		{"asset.grid.depends_on", "hospital"},
		{"inject.grid-down.at", "NaN"},
		{"decision.blame.default", "99"},
		{"state.\"nord land\".name", "x"},
		{"a..b", "\x1b]0;title\x07"},
		{"scenario.name", "\x1b[2J\r\x00"},
	} {
		f.Add(kv[0], kv[1])
	}
	printable := func(t *testing.T, s string) {
		for _, r := range s {
			if r < 0x20 && r != '\n' && r != '\t' || r == 0x7f {
				t.Fatalf("control character %U in %q", r, s)
			}
		}
	}
	f.Fuzz(func(t *testing.T, key, value string) {
		s := base.Clone()
		if err := s.Set(key, value); err != nil {
			var d Diagnostic
			if !errors.As(err, &d) {
				t.Fatalf("error is a %T", err)
			}
			if d.File != "--set" || d.Msg == "" || strings.Contains(d.Msg, "internal error") {
				t.Fatalf("malformed diagnostic %#v", d)
			}
			printable(t, err.Error())
			return
		}
		for _, d := range Validate(s, nil) {
			if d.Msg == "" || strings.Contains(d.Msg, "internal error") {
				t.Fatalf("malformed diagnostic %#v", d)
			}
		}
		if strings.Contains(key, "=") {
			return
		}
		sc, err := Load("minimal.toml", minimal, Options{Set: []string{key + "=" + value}})
		if (sc == nil) == (err == nil) {
			t.Fatalf("Load gave %v and %v", sc, err)
		}
		if err != nil {
			printable(t, err.Error())
		}
	})
}
