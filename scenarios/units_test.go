package scenarios

import (
	"strings"
	"testing"

	"cpkrange/scenarios/internal/tomlx"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseDuration(t *testing.T) {
	tests := []struct {
		in    string
		hours float64
		str   string
	}{
		{"90d", 90 * 24, "90d"},
		{"36h", 36, "1d12h"},
		{"30m", 0.5, "30m"},
		{"2w", 14 * 24, "14d"},
		{"1d12h", 36, "1d12h"},
		{"1.5h", 1.5, "1h30m"},
		{"0h", 0, "0h"},
		{"0m", 0, "0h"},
		{"1m", 1.0 / 60, "1m"},
		{"1w2d3h4m", 7*24 + 2*24 + 3 + 4.0/60, "9d3h4m"},
		{"0.25m", 0.25 / 60, "0.004166666666666667h"},
		{"24h", 24, "1d"},
		{"1h90m", 2.5, "2h30m"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			d, err := ParseDuration(tt.in)
			require.NoError(t, err)
			assert.InDelta(t, tt.hours, d.Hours(), 1e-12)
			assert.Equal(t, tt.str, d.String())

			// The canonical form reads back to exactly the same value.
			back, err := ParseDuration(d.String())
			require.NoError(t, err)
			assert.Equal(t, d, back)

			text, err := d.MarshalText()
			require.NoError(t, err)
			var u Duration
			require.NoError(t, u.UnmarshalText(text))
			assert.Equal(t, d, u)
		})
	}
}

func TestParseDurationErrors(t *testing.T) {
	const help = `want a number and a unit such as "36h", "90d", "2w", "30m"`
	tests := []struct{ in, msg string }{
		{"3 days", `invalid duration "3 days": ` + help},
		{"", `invalid duration "": ` + help},
		{"90", `invalid duration "90": ` + help},
		{"h", `invalid duration "h": ` + help},
		{"90D", `invalid duration "90D": ` + help},
		{"1.h", `invalid duration "1.h": ` + help},
		{".5h", `invalid duration ".5h": ` + help},
		{"1e3h", `invalid duration "1e3h": ` + help},
		{"2wk", `invalid duration "2wk": ` + help},
		{"+2h", `invalid duration "+2h": ` + help},
		{" 2h", `invalid duration " 2h": ` + help},
		{"-2h", `invalid duration "-2h": durations cannot be negative`},
		{"-1d12h", `invalid duration "-1d12h": durations cannot be negative`},
		{"-x", `invalid duration "-x": ` + help},
		{strings.Repeat("9", 400) + "h", `invalid duration "` + strings.Repeat("9", 400) + `h": too large`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			_, err := ParseDuration(tt.in)
			assert.EqualError(t, err, tt.msg)
		})
	}
}

func TestDurationMarshalRejectsInvalid(t *testing.T) {
	_, err := Duration(-1).MarshalText()
	assert.EqualError(t, err, "cannot write duration -1: want a finite, non-negative duration")
	assert.Equal(t, "-1d", Duration(-24).String())
}

func TestParseRate(t *testing.T) {
	tests := []struct {
		in      string
		perHour float64
		str     string
	}{
		{"2/week", 2.0 / 168, "2/week"},
		{"2/w", 2.0 / 168, "2/week"},
		{"3/day", 3.0 / 24, "3/day"},
		{"3/d", 3.0 / 24, "3/day"},
		{"0.5/h", 0.5, "12/day"},
		{"0.5/hour", 0.5, "12/day"},
		{"10/month", 10.0 / 720, "10/month"},
		{"12/year", 12.0 / 8760, "12/year"},
		{"0/day", 0, "0/day"},
		{"24/day", 1, "1/hour"},
		{"7/week", 1.0 / 24, "1/day"},
		{"0.3/year", 0.3 / 8760, "0.3/year"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			r, err := ParseRate(tt.in)
			require.NoError(t, err)
			assert.InDelta(t, tt.perHour, r.PerHour(), 1e-15)
			assert.Equal(t, tt.str, r.String())

			back, err := ParseRate(r.String())
			require.NoError(t, err)
			assert.Equal(t, r, back)

			text, err := r.MarshalText()
			require.NoError(t, err)
			var u Rate
			require.NoError(t, u.UnmarshalText(text))
			assert.Equal(t, r, u)
		})
	}
}

func TestParseRateErrors(t *testing.T) {
	const help = `want a count per period such as "2/week", "3/day", "0.5/h"`
	tests := []struct{ in, msg string }{
		{"2 per week", `invalid rate "2 per week": ` + help},
		{"2", `invalid rate "2": ` + help},
		{"/week", `invalid rate "/week": ` + help},
		{"2/", `invalid rate "2/": ` + help},
		{"2/fortnight", `invalid rate "2/fortnight": ` + help},
		{"2/weeks", `invalid rate "2/weeks": ` + help},
		{"2 /week", `invalid rate "2 /week": ` + help},
		{"2/week/day", `invalid rate "2/week/day": ` + help},
		{"-1/day", `invalid rate "-1/day": rates cannot be negative`},
		{"", `invalid rate "": ` + help},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			_, err := ParseRate(tt.in)
			assert.EqualError(t, err, tt.msg)
		})
	}
}

func TestRateStringFallsBackToPerHour(t *testing.T) {
	r := Rate(0.00123456789)
	assert.Equal(t, "0.00123456789/hour", r.String())
	back, err := ParseRate(r.String())
	require.NoError(t, err)
	assert.Equal(t, r, back)
}

func TestParseFraction(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		str  string
	}{
		{"35%", 0.35, "35%"},
		{"0.35", 0.35, "35%"},
		{"0%", 0, "0%"},
		{"100%", 1, "100%"},
		{"1", 1, "100%"},
		{"0", 0, "0%"},
		{"12.5%", 0.125, "12.5%"},
		{"0.355", 0.355, "35.5%"},
		{"33.3333%", 0.333333, "33.3333%"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			f, err := ParseFraction(tt.in)
			require.NoError(t, err)
			assert.InDelta(t, tt.want, f.Float(), 1e-15)
			assert.Equal(t, tt.str, f.String())

			back, err := ParseFraction(f.String())
			require.NoError(t, err)
			assert.Equal(t, f, back)

			text, err := f.MarshalText()
			require.NoError(t, err)
			var u Fraction
			require.NoError(t, u.UnmarshalText(text))
			assert.Equal(t, f, u)
		})
	}
}

func TestParseFractionErrors(t *testing.T) {
	const help = `want a fraction between 0 and 1 or a percentage such as "35%"`
	tests := []struct{ in, msg string }{
		{"135%", `"135%" is out of range: ` + help},
		{"35", `"35" is out of range: ` + help},
		{"-5%", `"-5%" is out of range: ` + help},
		{"-0.1", `"-0.1" is out of range: ` + help},
		{"abc", `invalid fraction "abc": ` + help},
		{"35 %", `invalid fraction "35 %": ` + help},
		{"%", `invalid fraction "%": ` + help},
		{"", `invalid fraction "": ` + help},
		{"NaN", `invalid fraction "NaN": ` + help},
		{"1e-1", `invalid fraction "1e-1": ` + help},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			_, err := ParseFraction(tt.in)
			assert.EqualError(t, err, tt.msg)
		})
	}
}

func TestFractionNumber(t *testing.T) {
	var f Fraction
	v, err := codec.ConvertValue(fractionType, 0.35, tomlx.FromTOML)
	require.NoError(t, err)
	assert.Equal(t, Fraction(0.35), v.Interface())
	_, err = codec.ConvertValue(fractionType, int64(35), tomlx.FromTOML)
	assert.EqualError(t, err,
		`35 is out of range: want a fraction between 0 and 1 or a percentage such as "35%"`)
	_, err = codec.ConvertValue(fractionType, -0.5, tomlx.FromTOML)
	assert.EqualError(t, err,
		`-0.5 is out of range: want a fraction between 0 and 1 or a percentage such as "35%"`)
	assert.Zero(t, f)

	_, err = Fraction(2).MarshalText()
	assert.EqualError(t, err, `cannot write fraction: 2 is out of range: want a fraction between 0 and 1 or a percentage such as "35%"`)
	assert.Equal(t, "2", Fraction(2).String())
}
