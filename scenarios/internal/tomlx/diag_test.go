package tomlx

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestDiagnosticError(t *testing.T) {
	tests := []struct {
		d    Diagnostic
		want string
	}{
		{Diagnostic{File: "s.toml", Line: 3, Col: 7, Key: "a.b", Msg: "bad"}, "s.toml:3:7: a.b: bad"},
		{Diagnostic{File: "s.toml", Line: 3, Col: 7, Msg: "bad"}, "s.toml:3:7: bad"},
		{Diagnostic{File: "s.toml", Line: 3, Key: "a", Msg: "bad"}, "s.toml:3: a: bad"},
		{Diagnostic{File: "s.toml", Key: "a", Msg: "bad"}, "s.toml: a: bad"},
		{Diagnostic{Line: 2, Col: 1, Msg: "bad"}, "2:1: bad"},
		{Diagnostic{Key: "a", Msg: "bad"}, "a: bad"},
		{Diagnostic{Msg: "bad"}, "bad"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, tt.d.Error())
	}
}

func TestDiagnosticsSortDedupe(t *testing.T) {
	a := Diagnostic{File: "a.toml", Line: 2, Col: 5, Msg: "zeta"}
	b := Diagnostic{File: "a.toml", Line: 2, Col: 5, Msg: "alpha"}
	c := Diagnostic{File: "a.toml", Line: 1, Col: 9, Msg: "first"}
	d := Diagnostic{File: "a.toml", Msg: "whole file"}
	e := Diagnostic{File: "0.toml", Line: 9, Col: 9, Msg: "other file"}
	var ds Diagnostics
	for _, x := range []Diagnostic{a, b, a, c, d, e, c} {
		ds.Add(x)
	}
	assert.Equal(t, "0.toml:9:9: other file\na.toml: whole file\na.toml:1:9: first\na.toml:2:5: alpha\na.toml:2:5: zeta", ds.Error())
	assert.Equal(t, Diagnostics{e, d, c, b, a}, ds.Err())
	assert.Len(t, ds, 7, "Err and Error leave the list alone")

	assert.NoError(t, Diagnostics(nil).Err())
	assert.NoError(t, Diagnostics{}.Err())
	assert.Equal(t, "", Diagnostics(nil).Error())
}

func TestDiagnosticsExcerpt(t *testing.T) {
	ds := Diagnostics{
		// Tabs are kept so that the caret lines up whatever the tab width;
		// multi-byte characters take one column on screen.
		{File: "s.toml", Line: 7, Col: 12, Msg: "m", Source: "\tname = \"é\" x"},
		// The caret may point just past the end of the line.
		{File: "s.toml", Line: 8, Col: 4, Msg: "n", Source: "a ="},
		// No source, no excerpt.
		{File: "s.toml", Line: 9, Col: 1, Msg: "o"},
	}
	assert.Equal(t, "s.toml:7:12: m\n"+
		"   7 | \tname = \"é\" x\n"+
		"     | \t         ^\n"+
		"s.toml:8:4: n\n"+
		"   8 | a =\n"+
		"     |    ^\n"+
		"s.toml:9:1: o", ds.Error())
}

func TestDiagnosticsExcerptClipsLongLines(t *testing.T) {
	line := strings.Repeat("x", 500) + "BAD" + strings.Repeat("y", 500)
	d := Diagnostic{File: "l.toml", Line: 1, Col: 501, Msg: "m", Source: line}
	out := Diagnostics{d}.Error()
	lines := strings.Split(out, "\n")
	assert.Len(t, lines, 3)
	assert.Equal(t, "   1 | ..."+strings.Repeat("x", 79)+"BAD"+strings.Repeat("y", 78)+"...", lines[1])
	assert.Equal(t, "     | "+strings.Repeat(" ", 82)+"^", lines[2])
}

func TestCleanMsg(t *testing.T) {
	assert.Equal(t, "key a is already defined", CleanMsg("toml: key a is already defined"))
	assert.Equal(t, "parsing failed", CleanMsg("Parsing failed."))
	assert.Equal(t, "TOML is odd", CleanMsg("TOML is odd"))
}

// A source line cannot drive the terminal: control characters show
// escaped, and the caret still lands under the column.
func TestDiagnosticsExcerptEscapesControlCharacters(t *testing.T) {
	d := Diagnostic{File: "c.toml", Line: 3, Col: 19, Msg: "m", Source: "name = \"\x1b]0;owned\x07\x00\r\" x"}
	assert.Equal(t, "c.toml:3:19: m\n"+
		`   3 | name = "\x1b]0;owned\x07\x00\r" x`+"\n"+
		"     |                         ^", Diagnostics{d}.Error(), "the caret is under the escaped NUL")
	assert.Equal(t, `a\u009bb`, sanitize("a\u009bb"))
	assert.Equal(t, "tab\tstays", sanitize("tab\tstays"))
}
