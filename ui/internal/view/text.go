package view

import (
	"strings"
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

// Truncate shortens s with an ellipsis until it fits in width w at size px.
func Truncate(s string, w, px float64, m Measure) string {
	if m(s, px) <= w {
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
// one ends with an ellipsis when text was left out.
func Wrap(s string, w, px float64, m Measure, maxLines int) []string {
	var lines []string
	for pi, para := range strings.Split(strings.ReplaceAll(s, "\r", ""), "\n\n") {
		if pi > 0 {
			lines = append(lines, "")
		}
		line := ""
		for _, word := range strings.Fields(para) {
			try := word
			if line != "" {
				try = line + " " + word
			}
			if m(try, px) <= w {
				line = try
				continue
			}
			if line != "" {
				lines = append(lines, line)
			}
			for m(word, px) > w && utf8.RuneCountInString(word) > 1 {
				cut := Truncate(word, w, px, m)
				n := utf8.RuneCountInString(strings.TrimSuffix(cut, "…"))
				if n == 0 {
					n = 1
				}
				r := []rune(word)
				lines = append(lines, string(r[:n]))
				word = string(r[n:])
			}
			line = word
		}
		if line != "" {
			lines = append(lines, line)
		}
	}
	if maxLines > 0 && len(lines) > maxLines {
		last := strings.TrimRight(lines[maxLines-1], " ") + " …"
		if m(last, px) > w {
			last = Truncate(lines[maxLines-1]+" …", w, px, m)
		}
		lines = append(lines[:maxLines-1], last)
	}
	return lines
}
