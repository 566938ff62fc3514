package tomlx

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The English of messages: suggestions, lists and numbers.

// Suggest returns the known word closest to name, if it is close enough to
// be a typo (edit distance at most 2, and not the whole word), else "".
func Suggest(name string, known []string) string {
	best, bestDist := "", 3
	for _, k := range known {
		d := levenshtein(name, k)
		if strings.EqualFold(name, k) {
			d = 0
		}
		if d < bestDist || d == bestDist && k < best {
			best, bestDist = k, d
		}
	}
	if best == "" || bestDist > 2 || bestDist >= utf8.RuneCountInString(name) && !strings.EqualFold(name, best) {
		return ""
	}
	return best
}

func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if d := len(ra) - len(rb); d > 2 || d < -2 {
		return 3 // far enough; spares the table for long words
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// Hint returns the suggestion for name among known, "" when there is none
// or name is itself known.
func Hint(name string, known []string) string {
	if s := Suggest(name, known); s != name {
		return s
	}
	return ""
}

// DidYouMean renders a suggestion for a message: ` (did you mean "x"?)`,
// or "" when there is none.
func DidYouMean(suggestion string) string {
	if suggestion == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", suggestion)
}

// QuoteAll quotes each word.
func QuoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = strconv.Quote(s)
	}
	return out
}

// JoinAnd joins words as in a sentence: "a", "a and b", "a, b and c".
func JoinAnd(words []string) string {
	switch len(words) {
	case 0:
		return ""
	case 1:
		return words[0]
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}

// ListSome joins up to max words with commas and says how many more there
// are, so that a message about one of 2000 assets stays readable.
func ListSome(words []string, max int) string {
	if len(words) <= max {
		return strings.Join(words, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(words[:max], ", "), len(words)-max)
}

// EnumList renders allowed words for a message; "" shows as "".
func EnumList(enum []string) string {
	words := make([]string, len(enum))
	for i, w := range enum {
		if w == "" {
			w = `""`
		}
		words[i] = w
	}
	return strings.Join(words, ", ")
}

// Plural writes a count of things: "1 option", "2 options".
func Plural(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return strconv.Itoa(n) + " " + thing + "s"
}

// Article puts "a" or "an" before a word.
func Article(word string) string {
	if word != "" && strings.ContainsRune("aeiou", rune(word[0])) {
		return "an " + word
	}
	return "a " + word
}

// GroupInt writes a large integer with underscores between groups of
// three digits, as TOML allows ("1_400_000").
func GroupInt(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	if len(s) <= 4 {
		if neg {
			return "-" + s
		}
		return s
	}
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('_')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// GroupFloat writes a whole number too large for an int64 in the same way.
func GroupFloat(x float64) string {
	if x < 9e18 && x > -9e18 {
		return GroupInt(int64(x))
	}
	return strconv.FormatFloat(x, 'g', 4, 64)
}

// GroupText groups the digits of a bound written as a plain integer.
func GroupText(s string) string {
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		return GroupInt(n)
	}
	return s
}
