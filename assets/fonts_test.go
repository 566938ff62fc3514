package assets

import (
	"bytes"
	"testing"
)

// A TrueType file starts with the sfnt version 0x00010000.
func TestFontsAreTrueType(t *testing.T) {
	for name, b := range map[string][]byte{"Regular": Regular, "Bold": Bold, "Mono": Mono} {
		if len(b) < 1000 || !bytes.HasPrefix(b, []byte{0, 1, 0, 0}) {
			t.Errorf("%s: not a TrueType font (%d bytes)", name, len(b))
		}
	}
}
