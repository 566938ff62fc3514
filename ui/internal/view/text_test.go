package view

import (
	"strings"
	"testing"
)

func TestTruncate(t *testing.T) {
	m := approxMeasure
	s := "Kaldo Energia transmission grid"
	if got := Truncate(s, 1000, 20, m); got != s {
		t.Errorf("a string that fits changed: %q", got)
	}
	got := Truncate(s, 120, 20, m)
	if !strings.HasSuffix(got, "…") || m(got, 20) > 120 || !strings.HasPrefix(s, strings.TrimSuffix(got, "…")) {
		t.Errorf("Truncate = %q (%.0f px)", got, m(got, 20))
	}
	if got := Truncate(s, 5, 20, m); got != "" {
		t.Errorf("nothing fits: %q", got)
	}
}

func TestWrap(t *testing.T) {
	m := approxMeasure
	text := "The cabinet meets. The public wants a culprit and the foreign minister has already half-named one.\n\nA second paragraph."
	lines := Wrap(text, 300, 20, m, 0)
	if len(lines) < 4 {
		t.Fatalf("Wrap gave %d lines: %q", len(lines), lines)
	}
	var words []string
	for _, l := range lines {
		if m(l, 20) > 300 {
			t.Errorf("line %q is %.0f px wide", l, m(l, 20))
		}
		words = append(words, strings.Fields(l)...)
	}
	if strings.Join(words, " ") != strings.Join(strings.Fields(text), " ") {
		t.Errorf("words lost or changed: %q", lines)
	}
	if !containsEmpty(lines) {
		t.Errorf("the paragraph break was lost: %q", lines)
	}
	short := Wrap(text, 300, 20, m, 2)
	if len(short) != 2 || !strings.HasSuffix(short[1], "…") {
		t.Errorf("Wrap to 2 lines: %q", short)
	}
	long := Wrap(strings.Repeat("x", 100), 100, 20, m, 0)
	for _, l := range long {
		if m(l, 20) > 100 {
			t.Errorf("a long word was not cut: %q", l)
		}
	}
}

func containsEmpty(lines []string) bool {
	for _, l := range lines {
		if l == "" {
			return true
		}
	}
	return false
}

func TestNames(t *testing.T) {
	for _, c := range []struct{ id, name, want string }{
		{"kaldonia", "Republic of Kaldonia", "Kaldonia"},
		{"dravinia", "Dravinian Federation", "Dravinia"},
		{"quessa", "Federal Republic of Quessa", "Quessa"},
		{"north-star", "", "North Star"},
	} {
		if got := shortStateName(c.id, c.name); got != c.want {
			t.Errorf("ShortStateName(%q, %q) = %q, want %q", c.id, c.name, got, c.want)
		}
	}
	if got := shortName("grey-heron", "Grey Heron (Varkesh foreign intelligence)"); got != "Grey Heron" {
		t.Errorf("ShortName = %q", got)
	}
	if got := shortName("drv", "Dravinian Information Operations Command, Unit 4612"); got != "Dravinian Information Operations Command" {
		t.Errorf("ShortName = %q", got)
	}
	for x, want := range map[float64]string{999: "999", 123456: "123,456", 2.5e6: "2.5 million", 254.83e9: "254.8 billion"} {
		if got := Compact(x); got != want {
			t.Errorf("Compact(%g) = %q, want %q", x, got, want)
		}
	}
}

// countingMeasure is approxMeasure that adds up the runes it was asked to
// measure and remembers the longest string.
type countingMeasure struct{ total, longest int }

func (c *countingMeasure) measure(s string, px float64) float64 {
	n := len([]rune(s))
	c.total += n
	c.longest = max(c.longest, n)
	return approxMeasure(s, px)
}

// A string of megabytes costs what the room for it costs: Truncate and
// Wrap measure a bounded prefix, never the whole string (issue 13: a 3 MiB
// name shaped whole on every frame took 41 s and 7.2 GB).
func TestLongStringsAreMeasuredInPart(t *testing.T) {
	prose := strings.Repeat("peacekeeping attribution escalation ", 100_000) // 3.6 MB
	word := strings.Repeat("x", 3<<20)
	for name, s := range map[string]string{"prose": prose, "one word": word} {
		var c countingMeasure
		got := Truncate(s, 600, 20, c.measure)
		if !strings.HasSuffix(got, "…") || approxMeasure(got, 20) > 600 {
			t.Errorf("%s: Truncate = %q", name, got)
		}
		if c.longest > fitRunes(600, 20) || c.total > 20*fitRunes(600, 20) {
			t.Errorf("%s: Truncate measured %d runes, the longest %d", name, c.total, c.longest)
		}
		c = countingMeasure{}
		lines := Wrap(s, 600, 20, c.measure, 3)
		if len(lines) != 3 || !strings.HasSuffix(lines[2], "…") {
			t.Errorf("%s: Wrap to 3 lines = %q", name, lines)
		}
		for _, l := range lines {
			if approxMeasure(l, 20) > 600 {
				t.Errorf("%s: line %q is too wide", name, l)
			}
		}
		if c.longest > 2*fitRunes(600, 20) || c.total > 2000*fitRunes(600, 20) {
			t.Errorf("%s: Wrap measured %d runes, the longest %d", name, c.total, c.longest)
		}
	}
	if got, cut := Clip("héllo", 2); got != "hé" || !cut {
		t.Errorf("Clip = %q, %v", got, cut)
	}
	if got, cut := Clip("hé", 2); got != "hé" || cut {
		t.Errorf("Clip = %q, %v", got, cut)
	}
}

// Wrapping a long word keeps every rune, in order, across its pieces.
func TestWrapCutsALongWordWithoutLoss(t *testing.T) {
	word := strings.Repeat("abcdefghij", 50)
	lines := Wrap("start "+word+" end", 200, 20, approxMeasure, 0)
	if strings.ReplaceAll(strings.Join(lines, ""), " ", "") != "start"+word+"end" {
		t.Errorf("pieces lost: %q", lines)
	}
}
