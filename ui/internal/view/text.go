package view

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Measure returns the width in pixels of s set at size px. The ui package
// passes one backed by the real fonts; tests pass an approximation.
type Measure func(s string, px float64) float64

// approxMeasure is a Measure for tests and first guesses: the Go fonts'
// average advance is a little over half the size.
func approxMeasure(s string, px float64) float64 {
	return float64(utf8.RuneCountInString(s)) * px * 0.56
}

// MaxShaped is the most runes of one string the display hands to the
// fonts: more than any line of any supported screen holds (4,096 runes of
// the narrowest glyph, a fifth of the size, are wider than a 16,384-pixel
// screen at the smallest text). A scenario's string may be megabytes
// long; shaping it whole cost seconds and gigabytes a frame.
const MaxShaped = 4096

// narrowest is the advance of the narrowest glyph of the display's fonts,
// as a share of the size: n runes are at least n × narrowest × px wide.
const narrowest = 0.2

// Clip returns the first n runes of s (all of s when it is shorter), and
// whether it cut; it reads at most n runes of s.
func Clip(s string, n int) (string, bool) {
	if len(s) <= n {
		return s, false
	}
	i := 0
	for k := 0; k < n && i < len(s); k++ {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return s[:i], i < len(s)
}

// fitRunes is how many runes of s can matter to a line w pixels wide at
// size px: more are always wider than w.
func fitRunes(w, px float64) int {
	if px <= 0 {
		return MaxShaped
	}
	return max(1, min(MaxShaped, int(w/(px*narrowest))+2))
}

// Truncate shortens s with an ellipsis until it fits in width w at size px.
// It measures only as much of s as could fit, so its cost is bounded by
// the width, not by the string.
func Truncate(s string, w, px float64, m Measure) string {
	s, cut := Clip(s, fitRunes(w, px))
	if !cut && m(s, px) <= w {
		return s
	}
	runes := []rune(s)
	lo, hi := 0, len(runes)
	for lo < hi { // the longest prefix that fits with the ellipsis
		mid := (lo + hi + 1) / 2
		if m(strings.TrimRight(string(runes[:mid]), " ,;:-")+"…", px) <= w {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	if lo == 0 {
		return ""
	}
	return strings.TrimRight(string(runes[:lo]), " ,;:-") + "…"
}

// Wrap breaks s into lines no wider than w at size px, at spaces; a word
// longer than a line is cut. Paragraph breaks (blank lines) are kept as
// empty lines. At most maxLines lines are returned (0: no limit); the last
// one ends with an ellipsis when text was left out. It reads s only as
// far as the lines it returns (and one word more), so a long text costs
// what its first maxLines lines cost.
func Wrap(s string, w, px float64, m Measure, maxLines int) []string {
	lines, more := wrap(s, w, px, m, maxLines)
	if more && maxLines > 0 {
		last := strings.TrimRight(lines[maxLines-1], " ") + " …"
		if m(last, px) > w {
			last = Truncate(lines[maxLines-1]+" …", w, px, m)
		}
		lines = append(lines[:maxLines-1], last)
	}
	return lines
}

// wrap returns the lines of s, at most maxLines of them (0: all), and
// whether text was left out. It walks s word by word and reads at most a
// line's worth of runes of a word before measuring it, so one enormous
// word costs what one line costs.
func wrap(s string, w, px float64, m Measure, maxLines int) ([]string, bool) {
	var lines []string
	limit := fitRunes(w, px)
	line := ""
	pos := 0
	for {
		// The spaces before the next word; two line breaks among them end
		// a paragraph.
		breaks := 0
		for pos < len(s) {
			r, size := utf8.DecodeRuneInString(s[pos:])
			if !unicode.IsSpace(r) {
				break
			}
			if r == '\n' {
				breaks++
			}
			pos += size
		}
		if pos >= len(s) {
			break
		}
		if maxLines > 0 && len(lines) >= maxLines {
			return lines, true
		}
		if breaks >= 2 && (line != "" || len(lines) > 0) {
			if line != "" {
				lines = append(lines, line)
				line = ""
				if maxLines > 0 && len(lines) >= maxLines {
					return lines, true
				}
			}
			lines = append(lines, "")
			continue
		}
		// The word, or its first limit runes.
		start, n := pos, 0
		for pos < len(s) && n < limit {
			r, size := utf8.DecodeRuneInString(s[pos:])
			if unicode.IsSpace(r) {
				break
			}
			pos += size
			n++
		}
		word := s[start:pos]
		long := pos < len(s) && !startsWithSpace(s[pos:])
		if !long {
			try := word
			if line != "" {
				try = line + " " + word
			}
			if m(try, px) <= w {
				line = try
				continue
			}
		}
		if line != "" {
			lines = append(lines, line)
			line = ""
			if maxLines > 0 && len(lines) >= maxLines {
				return lines, true
			}
		}
		if !long && m(word, px) <= w {
			line = word
			continue
		}
		// A word wider than a line: its first line's worth goes on a line
		// of its own; the rest is read again as a word.
		cut := len(strings.TrimSuffix(Truncate(word, w, px, m), "…"))
		if cut == 0 {
			_, cut = utf8.DecodeRuneInString(word)
		}
		lines = append(lines, word[:cut])
		pos = start + cut
	}
	if line != "" {
		if maxLines > 0 && len(lines) >= maxLines {
			return lines, true
		}
		lines = append(lines, line)
	}
	return lines, false
}

func startsWithSpace(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsSpace(r)
}
