package scenarios

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"cpkrange/scenarios/internal/tomlx"
)

// Duration is a span of simulated time in hours, written in scenarios as a
// number and a unit ("36h", "90d", "2w", "30m", "1d12h"). Hours are the unit
// because the simulation steps in hours; float64 keeps minutes exact enough.
type Duration float64

const durationHelp = `want a number and a unit such as "36h", "90d", "2w", "30m"`

// ParseDuration reads a duration such as "90d", "36h", "30m", "2w", "1d12h"
// or "1.5h". Units are m (minutes), h (hours), d (days) and w (weeks); parts
// are added up. Durations cannot be negative.
func ParseDuration(s string) (Duration, error) {
	if rest, neg := strings.CutPrefix(s, "-"); neg {
		if _, err := parseDurationParts(rest); err == nil {
			return 0, tomlx.Errorf(tomlx.CodeOutOfRange, "invalid duration %q: durations cannot be negative", s)
		}
	}
	h, err := parseDurationParts(s)
	if err != nil {
		return 0, tomlx.Errorf(tomlx.CodeBadValue, "invalid duration %q: %s", s, err)
	}
	return Duration(h), nil
}

func parseDurationParts(s string) (float64, error) {
	if s == "" {
		return 0, errors.New(durationHelp)
	}
	total := 0.0
	for s != "" {
		num, rest, ok := scanNumber(s)
		if !ok || rest == "" {
			return 0, errors.New(durationHelp)
		}
		f, err := strconv.ParseFloat(num, 64)
		if err != nil {
			return 0, errors.New("too large")
		}
		switch rest[0] {
		case 'm':
			// Divide rather than multiply by 1/60 so that whole minutes
			// come out exactly as String computes them.
			total += f / 60
		case 'h':
			total += f
		case 'd':
			total += f * 24
		case 'w':
			total += f * 24 * 7
		default:
			return 0, errors.New(durationHelp)
		}
		s = rest[1:]
	}
	if math.IsInf(total, 0) {
		return 0, errors.New("too large")
	}
	return total, nil
}

// scanNumber reads an unsigned decimal number (digits, optionally a dot and
// more digits) at the start of s. Exponents, signs, hex and underscores are
// refused: facilitators write plain numbers, and anything else is a typo.
func scanNumber(s string) (num, rest string, ok bool) {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == 0 {
		return "", s, false
	}
	if i < len(s) && s[i] == '.' {
		j := i + 1
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if j == i+1 {
			return "", s, false
		}
		i = j
	}
	return s[:i], s[i:], true
}

// Hours returns the duration in hours.
func (d Duration) Hours() float64 { return float64(d) }

// String returns the compact form, using days, hours and minutes ("1d12h",
// "90d", "30m", "0h"), or fractional hours when that would not be exact.
func (d Duration) String() string {
	h := float64(d)
	if math.IsNaN(h) || math.IsInf(h, 0) {
		return strconv.FormatFloat(h, 'f', -1, 64)
	}
	sign := ""
	if h < 0 {
		sign, h = "-", -h
	}
	if h == 0 {
		return "0h"
	}
	// Whole minutes print as days/hours/minutes when that reads back to the
	// very same value; otherwise hours with all the digits needed.
	mins := math.Round(h * 60)
	if mins < 1<<53 && math.Abs(h*60-mins) < 1e-6 {
		m := int64(mins)
		var b strings.Builder
		if days := m / (24 * 60); days > 0 {
			b.WriteString(strconv.FormatInt(days, 10) + "d")
		}
		if hours := m / 60 % 24; hours > 0 {
			b.WriteString(strconv.FormatInt(hours, 10) + "h")
		}
		if rem := m % 60; rem > 0 {
			b.WriteString(strconv.FormatInt(rem, 10) + "m")
		}
		if b.Len() > 0 {
			if back, err := parseDurationParts(b.String()); err == nil && back == h {
				return sign + b.String()
			}
		}
	}
	return sign + strconv.FormatFloat(h, 'f', -1, 64) + "h"
}

// MarshalText writes the String form, which UnmarshalText reads back.
func (d Duration) MarshalText() ([]byte, error) {
	if h := float64(d); h < 0 || math.IsNaN(h) || math.IsInf(h, 0) {
		return nil, fmt.Errorf("cannot write duration %v: want a finite, non-negative duration", h)
	}
	return []byte(d.String()), nil
}

// UnmarshalText reads the forms accepted by ParseDuration.
func (d *Duration) UnmarshalText(text []byte) error {
	v, err := ParseDuration(string(text))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// Rate is how often something happens, in events per hour, written in
// scenarios as a count per period ("2/week", "3/day", "0.5/h").
type Rate float64

const rateHelp = `want a count per period such as "2/week", "3/day", "0.5/h"`

// ratePeriods are the periods String prefers, shortest first, so that it
// picks the smallest period with a whole count.
var ratePeriods = []struct {
	name  string
	hours float64
}{
	{"hour", 1},
	{"day", 24},
	{"week", 24 * 7},
	{"month", 24 * 30},
	{"year", 24 * 365},
}

var rateAliases = map[string]float64{
	"h": 1, "hour": 1,
	"d": 24, "day": 24,
	"w": 24 * 7, "week": 24 * 7,
	"month": 24 * 30,
	"year":  24 * 365,
}

// ParseRate reads a rate such as "2/week", "2/w", "3/day", "3/d", "0.5/h",
// "0.5/hour", "10/month" (30 days) or "12/year" (365 days). "0/day" means
// never. Rates cannot be negative.
func ParseRate(s string) (Rate, error) {
	if rest, neg := strings.CutPrefix(s, "-"); neg {
		if _, err := parseRate(rest); err == nil {
			return 0, tomlx.Errorf(tomlx.CodeOutOfRange, "invalid rate %q: rates cannot be negative", s)
		}
	}
	r, err := parseRate(s)
	if err != nil {
		return 0, tomlx.Errorf(tomlx.CodeBadValue, "invalid rate %q: %s", s, err)
	}
	return Rate(r), nil
}

func parseRate(s string) (float64, error) {
	count, period, ok := strings.Cut(s, "/")
	if !ok {
		return 0, errors.New(rateHelp)
	}
	num, rest, ok := scanNumber(count)
	if !ok || rest != "" {
		return 0, errors.New(rateHelp)
	}
	hours, ok := rateAliases[period]
	if !ok {
		return 0, errors.New(rateHelp)
	}
	n, err := strconv.ParseFloat(num, 64)
	if err != nil || math.IsInf(n, 0) {
		return 0, errors.New("too large")
	}
	return n / hours, nil
}

// PerHour returns the rate in events per hour.
func (r Rate) PerHour() float64 { return float64(r) }

// String returns the rate with the shortest period that gives a whole count
// ("1/day", "2/week"), or a count per hour when none does.
func (r Rate) String() string {
	v := float64(r)
	if v == 0 {
		return "0/day"
	}
	if v > 0 && !math.IsInf(v, 0) {
		// Whole counts read best ("12/day" rather than "0.5/hour"), then
		// counts with few decimals ("0.3/year").
		for prec := 0; prec <= 3; prec++ {
			for _, p := range ratePeriods {
				n := v * p.hours
				if n >= 1<<53 {
					continue
				}
				s := strconv.FormatFloat(n, 'f', prec, 64) + "/" + p.name
				if back, err := parseRate(s); err == nil && back == v {
					return s
				}
			}
		}
	}
	return strconv.FormatFloat(v, 'f', -1, 64) + "/hour"
}

// MarshalText writes the String form, which UnmarshalText reads back.
func (r Rate) MarshalText() ([]byte, error) {
	if v := float64(r); v < 0 || math.IsNaN(v) || math.IsInf(v, 0) {
		return nil, fmt.Errorf("cannot write rate %v: want a finite, non-negative rate", v)
	}
	return []byte(r.String()), nil
}

// UnmarshalText reads the forms accepted by ParseRate.
func (r *Rate) UnmarshalText(text []byte) error {
	v, err := ParseRate(string(text))
	if err != nil {
		return err
	}
	*r = v
	return nil
}

// Fraction is a share between 0 and 1, written in scenarios either as a
// number (0.35) or as a percentage string ("35%").
type Fraction float64

const fractionHelp = `want a fraction between 0 and 1 or a percentage such as "35%"`

// ParseFraction reads "35%" or "0.35" (the plain form is what --set
// overrides pass). The value must lie between 0 and 1.
func ParseFraction(s string) (Fraction, error) {
	body, pct := strings.CutSuffix(s, "%")
	neg := false
	if rest, ok := strings.CutPrefix(body, "-"); ok {
		body, neg = rest, true
	}
	num, rest, ok := scanNumber(body)
	if !ok || rest != "" {
		return 0, tomlx.Errorf(tomlx.CodeBadValue, "invalid fraction %q: %s", s, fractionHelp)
	}
	f, err := strconv.ParseFloat(num, 64)
	if err != nil {
		return 0, tomlx.Errorf(tomlx.CodeOutOfRange, "%q is out of range: %s", s, fractionHelp)
	}
	if pct {
		f /= 100
	}
	if neg {
		f = -f
	}
	if !(f >= 0 && f <= 1) {
		return 0, tomlx.Errorf(tomlx.CodeOutOfRange, "%q is out of range: %s", s, fractionHelp)
	}
	return Fraction(f), nil
}

// checkFraction reports a number outside [0,1] in the style of
// ParseFraction, for fractions written as TOML numbers.
func checkFraction(f float64) error {
	if !(f >= 0 && f <= 1) {
		return tomlx.Errorf(tomlx.CodeOutOfRange, "%s is out of range: %s", formatFloat(f), fractionHelp)
	}
	return nil
}

// Float returns the fraction as a number between 0 and 1.
func (f Fraction) Float() float64 { return float64(f) }

// String returns the fraction as a percentage ("35%"), or as a plain number
// when the percentage would not read back exactly.
func (f Fraction) String() string {
	v := float64(f)
	if checkFraction(v) == nil {
		// v*100 carries binary noise (0.35*100 is not 35), so look for the
		// fewest decimals that still read back to v.
		for prec := 0; prec <= 17; prec++ {
			s := strconv.FormatFloat(v*100, 'f', prec, 64) + "%"
			if back, err := ParseFraction(s); err == nil && float64(back) == v {
				return s
			}
		}
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// MarshalText writes the String form, which UnmarshalText reads back.
func (f Fraction) MarshalText() ([]byte, error) {
	if err := checkFraction(float64(f)); err != nil {
		return nil, fmt.Errorf("cannot write fraction: %w", err)
	}
	return []byte(f.String()), nil
}

// UnmarshalText reads the forms accepted by ParseFraction.
func (f *Fraction) UnmarshalText(text []byte) error {
	v, err := ParseFraction(string(text))
	if err != nil {
		return err
	}
	*f = v
	return nil
}

// formatFloat writes a number in the shortest form that reads back.
func formatFloat(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }
