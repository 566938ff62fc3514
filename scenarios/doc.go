// Package scenarios reads, checks and changes the scenarios of cpkrange.
//
// A scenario is one TOML file: the world when the exercise starts (states,
// relations, assets, attackers, social networks, the peacekeeping force),
// the script (injects and decisions with their effects) and the experimental
// design (variants and sweeps). Times are durations ("36h", "90d"), rates are
// counts per period ("2/week"), shares are fractions (0.35 or "35%"). The
// schema is the Scenario struct: its struct tags say which keys exist, their
// defaults, ranges, allowed words, references and limits, and its doc
// comments explain each key. docs/scenario-format.md is the guide for
// facilitators; its reference section is generated from the schema.
//
// Load (and LoadFile, and Open, which also knows the Bundled scenarios)
// runs the whole pipeline: NewSource parses the file, keeps the position
// of every key and refuses lists over their limits; Decode decodes it
// strictly, so that a misspelt key or a value of the wrong type is an
// error; every key not written takes its default, and every required key
// not written is reported; then the Options apply a variant and --set
// overrides (Scenario.Set: "state.nordland.maturity", "relation.a:b.trust");
// and Validate checks everything the tags say and everything they cannot:
// unique ids, dependency cycles, times within the horizon, decisions, the
// arguments of each effect, sweeps and every variant. Problems from every
// phase come back together as Diagnostics, each positioned at its file,
// line and column with the source line, with a Code saying what kind of
// problem it is, so that a facilitator fixes them all in one pass.
//
// What knows no scenario lives in internal/tomlx: the parsed source and
// its positions, diagnostics, the tag-driven decode, defaults and ranges,
// and the key language of overrides. This package holds the schema and its
// units (schema.go, units.go), loading (load.go, bundled.go), how keys
// name elements (set.go), and the scenario's rules: validate.go runs them,
// validate_tags.go checks what the tags say, rules.go the world, graph.go
// dependency cycles, script.go injects, decisions and effects, variants.go
// variants and sweeps.
//
// A batch run loads a scenario once and applies variants and sweep points
// to copies (Scenario.Clone, Scenario.SetValue). Load has checked every
// variant and both ends of every sweep, so a copy made that way needs no
// new validation; a copy changed otherwise can be checked with
// Validate(s, nil).
package scenarios
