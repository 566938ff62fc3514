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
