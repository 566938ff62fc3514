package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"cpkrange/scenarios"
)

// worstCase is a valid scenario built to cost the display the most: the
// longest strings a file may hold, or the most elements the limits allow.
type worstCase struct {
	name string
	toml string
	args []string // after "facilitate FILE"
}

// words fills n bytes with prose (words and spaces), the kind of text
// wrapping and fitting work hardest on.
func words(n int) string {
	const w = "peacekeeping attribution escalation restraint "
	return strings.TrimSpace(strings.Repeat(w, n/len(w)+1)[:n])
}

// room is what is left of the file size limit for one string, with some
// bytes spare for the rest of the file.
func room(rest string, parts int) int {
	return (scenarios.MaxFileSize - len(rest) - 4096) / parts
}

// worstCases returns the generated scenarios: each long string field at
// the file's limit, the most injects and effects, and the most states,
// assets and attackers.
func worstCases(t *testing.T) []worstCase {
	base, err := os.ReadFile("../../testdata/scenarios/small.toml")
	if err != nil {
		t.Fatal(err)
	}
	small := string(base)
	replace := func(old, new string) string {
		t.Helper()
		if !strings.Contains(small, old) {
			t.Fatalf("small.toml has no %q", old)
		}
		return strings.Replace(small, old, new, 1)
	}
	var out []worstCase
	n := room(small, 1)
	out = append(out,
		worstCase{"long-name", replace(`name = "Small"`, `name = "`+words(n)+`"`), []string{"--at", "60"}},
		worstCase{"long-briefing", replace(`briefing = "A test scenario: small enough to read its whole log."`, `briefing = """`+words(n)+`"""`), []string{"--show", "briefing"}},
		worstCase{"long-prompt", replace(`prompt = "Attribute the attacks to West publicly?"`, `prompt = """`+words(n)+`"""`), []string{"--at", "96"}},
		worstCase{"long-inject", replace(`title = "A leaked memo blames West"`, `title = "`+words(n/2)+`"`+"\ntext = \"\"\""+words(n/2)+`"""`), []string{"--at", "49"}},
	)
	// Every name at once: the states', the assets', the attackers' and the
	// options'.
	names := small
	for _, old := range []string{`name = "East"`, `name = "West"`} {
		names = strings.Replace(names, old, old[:len(old)-1]+words(n/12)+`"`, 1)
	}
	for _, id := range []string{"east-grid", "east-water", "east-bank", "west-grid", "west-news", "west-proxy", "east-command"} {
		old := `id = "` + id + `"`
		names = strings.Replace(names, old, old+"\nname = \""+words(n/12)+`"`, 1)
	}
	for _, old := range []string{`label = "Attribute publicly"`, `label = "Ask the force for a joint attribution"`} {
		names = strings.Replace(names, old, old[:len(old)-1]+words(n/12)+`"`, 1)
	}
	out = append(out, worstCase{"long-names", names, []string{"--at", "96"}})

	// The most injects (500), each with the most effects (20), every one
	// an attack at one moment: 10,000 arcs on the map at once.
	var b strings.Builder
	b.WriteString(small[:strings.Index(small, "[[inject]]")])
	targets := []string{"east-grid", "east-water", "east-bank"}
	for i := range 500 {
		fmt.Fprintf(&b, "[[inject]]\nid = \"i%d\"\nat = \"%dm\"\ntitle = \"Wave %d\"\neffects = [", i, 24*60+i, i)
		for k := range 20 {
			if k > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, `{ do = "attack", attacker = "west-proxy", target = %q, method = "ddos" }`, targets[(i+k)%len(targets)])
		}
		b.WriteString("]\n\n")
	}
	b.WriteString(small[strings.Index(small, "[[decision]]"):])
	out = append(out, worstCase{"max-injects", b.String(), []string{"--at", "33"}})

	// The most states (64), relations (every pair), assets (2,000) and
	// attackers (200), at a tempo the work budget allows.
	b.Reset()
	b.WriteString("[scenario]\nname = \"Crowded\"\nsummary = \"Every count at its limit.\"\nbriefing = \"Crowded.\"\nhorizon = \"20d\"\nseed = 7\n\n")
	const states, assets, attackers = 64, 2000, 200
	sectors := []string{"government", "energy", "water", "health", "finance", "telecom", "transport", "media", "military"}
	for i := range states {
		fmt.Fprintf(&b, "[[state]]\nid = \"s%d\"\nname = \"Republic of Statename %d\"\nposition = [%.3f, %.3f]\npopulation = 1_000_000\n\n", i, i, 0.05+0.9*float64(i%8)/7, 0.05+0.9*float64(i/8)/7)
	}
	for i := range states {
		for j := i + 1; j < states; j++ {
			fmt.Fprintf(&b, "[[relation]]\nbetween = [\"s%d\", \"s%d\"]\ntrust = 0.3\ntension = 0.6\nrung = \"sanctions\"\n\n", i, j)
		}
	}
	for i := range assets {
		fmt.Fprintf(&b, "[[asset]]\nid = \"a%d\"\nname = \"Asset number %d of its owner\"\nowner = \"s%d\"\nsector = %q\npeople = 10_000\nhosts = 100\n\n", i, i, i%states, sectors[i%len(sectors)])
	}
	for i := range attackers {
		fmt.Fprintf(&b, "[[attacker]]\nid = \"x%d\"\nname = \"Patriotic Cyber Army number %d\"\nkind = \"proxy\"\nsponsor = \"s%d\"\ntempo = \"1/h\"\nmethods = { ddos = 10, wiper = 1, disinformation = 0.01 }\ntargets = { states = [\"s%d\"] }\n\n", i, i, i%states, (i+1)%states)
	}
	for i := range states {
		fmt.Fprintf(&b, "[[information.network]]\nstate = \"s%d\"\nusers = 100_000\ncontacts = \"8/day\"\n\n", i)
	}
	b.WriteString("[force]\nenabled = true\n\n[[force.team]]\nid = \"hq\"\nregion = \"Europe\"\nutc_offset = 1\nshift = [8, 20]\ncapacity = 2\n")
	out = append(out, worstCase{"max-counts", b.String(), []string{"--at", "100"}})
	return out
}

// The worst valid scenarios stay under 500 MB on the display: fitting and
// wrapping measure a bounded prefix of a string, once per change, and the
// map draws a bounded number of arcs (docs/performance.md).
func TestFacilitateWorstCaseMemory(t *testing.T) {
	if os.Getenv("DISPLAY") == "" {
		t.Skip("no DISPLAY: the display's memory test needs an X display; run it under xvfb-run -a")
	}
	tmp := t.TempDir()
	bin := filepath.Join(tmp, "cpkrange")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	const limitMB = 500
	for _, w := range worstCases(t) {
		t.Run(w.name, func(t *testing.T) {
			file := filepath.Join(tmp, w.name+".toml")
			if err := os.WriteFile(file, []byte(w.toml), 0o644); err != nil {
				t.Fatal(err)
			}
			if len(w.toml) > scenarios.MaxFileSize {
				t.Fatalf("%s is %d bytes, over the file limit", w.name, len(w.toml))
			}
			shot := filepath.Join(tmp, w.name+".png")
			args := append([]string{"facilitate", file, "--size", "1280x720", "--frames", "30", "--screenshot", shot}, w.args...)
			cmd := exec.Command(bin, args...)
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("cpkrange %s: %v\n%s", strings.Join(args, " "), err, out)
			}
			ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
			mb := float64(ru.Maxrss) / 1024 // kilobytes on Linux
			t.Logf("%s (%d bytes): peak RSS %.0f MB, %.1f s of CPU", w.name, len(w.toml), mb,
				cmd.ProcessState.UserTime().Seconds()+cmd.ProcessState.SystemTime().Seconds())
			if mb >= limitMB {
				t.Errorf("%s: peak RSS %.0f MB, want under %d MB", w.name, mb, limitMB)
			}
			if os.Getenv("CPKRANGE_KEEP_SHOTS") != "" {
				data, _ := os.ReadFile(shot)
				_ = os.WriteFile(filepath.Join(os.Getenv("CPKRANGE_KEEP_SHOTS"), w.name+".png"), data, 0o644)
			}
		})
	}
}

// Every worst case is a valid scenario, at or near the limits it means to
// reach: the display must cope with whatever validation lets through.
func TestWorstCasesAreValid(t *testing.T) {
	for _, w := range worstCases(t) {
		if len(w.toml) > scenarios.MaxFileSize {
			t.Errorf("%s is %d bytes, over the file limit", w.name, len(w.toml))
		}
		if _, err := scenarios.Load(w.name+".toml", []byte(w.toml), scenarios.Options{}); err != nil {
			t.Errorf("%s: %v", w.name, err)
		}
	}
}
