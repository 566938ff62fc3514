package tomlx

import (
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSuggest(t *testing.T) {
	known := []string{"depends_on", "id", "sector", "criticality"}
	for name, want := range map[string]string{
		"sectr":      "sector",
		"secotr":     "sector",
		"SECTOR":     "sector",
		"dependson":  "depends_on",
		"critcality": "criticality",
		"ix":         "id",
		"x":          "",
		"colour":     "",
	} {
		assert.Equal(t, want, Suggest(name, known), name)
	}
	assert.Equal(t, "", Hint("sector", known), "a known word needs no suggestion")
	assert.Equal(t, ` (did you mean "sector"?)`, DidYouMean(Hint("sectr", known)))
}

// A unit whose reader panics must not take the program down.
type panicky float64

func TestDecodeRecoversFromPanics(t *testing.T) {
	c := NewCodec(Unit{Type: reflect.TypeFor[panicky](), Parse: func(string) (float64, error) { panic("boom") }})
	type target struct {
		P panicky `toml:"p"`
	}
	src, _ := NewSource("p.toml", []byte("p = \"x\"\n"))
	ds := c.Decode(src, &target{})
	require.Len(t, ds, 1)
	assert.Equal(t, "p.toml: internal error while decoding: boom", ds[0].Error())
}
