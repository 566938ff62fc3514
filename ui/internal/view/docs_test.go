package view

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// docs/facilitation.md lists every key of both modes and every picture it
// shows exists.
func TestFacilitationGuide(t *testing.T) {
	data, err := os.ReadFile("../../../docs/facilitation.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	for _, mode := range []Mode{ModeLive, ModeReplay} {
		for _, l := range HelpLines(mode) {
			for _, part := range strings.Split(l[0], " or ") {
				if !strings.Contains(doc, strings.TrimSuffix(part, ", then R")) {
					t.Errorf("the guide does not mention the key %q (%s)", part, l[1])
				}
			}
		}
	}
	for _, m := range regexp.MustCompile(`\]\((images/[^)]+)\)`).FindAllStringSubmatch(doc, -1) {
		if _, err := os.Stat("../../../docs/" + m[1]); err != nil {
			t.Errorf("the guide shows %s: %v", m[1], err)
		}
	}
}
