// Package tomlx reads TOML strictly into tagged Go structs and says what is
// wrong with a file in a facilitator's words, at file:line:col.
//
// It knows nothing of scenarios. It holds what any strict, positioned TOML
// loader needs: the Source (one parse of the file into a tree of nodes that
// keeps the position of every key and value), Diagnostics with a Code and a
// Suggestion, key paths ("asset[2].depends_on[0]"), the struct tags that say
// a field's default, range, allowed words and limit, one conversion of
// decoded values into Go values (Codec.Convert, used for files, variants and
// overrides alike), the text language of command-line overrides
// (Codec.ParseText) and the English of messages (suggestions, lists,
// numbers).
//
// The Go types it fills are those a schema uses: structs whose fields carry
// `toml` tags, slices, maps with string keys, strings, booleans, integers,
// floats, `any`, and the unit types a Codec is given. Nothing else: no
// embedded structs, pointers, arrays, times or text unmarshalers.
package tomlx
