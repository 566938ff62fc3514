package scenarios

import "fmt"

const exampleScenario = `[scenario]
name = "Harbour Lights"
summary = "A wiper hits Nordland's grid"
briefing = "Nordland and Ostmark share a harbour and a grudge."
horizon = "30d"

[[state]]
id = "nordland"
name = "Nordland"
position = [0.3, 0.4]
population = 5_000_000

[[asset]]
id = "grid"
owner = "nordland"
sector = "energy"
people = 5_000_000

[force]
enabled = false

[[variant]]
name = "long"
set = { "scenario.horizon" = "90d" }
`

func ExampleLoad() {
	s, err := Load("harbour.toml", []byte(exampleScenario), Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(s.Meta.Name, "runs for", s.Meta.Horizon)
	// Keys left out take their defaults.
	fmt.Println("grid restores in", s.Assets[0].Restore, "with", s.Assets[0].Hosts, "hosts")
	fmt.Println("Nordland's posture:", s.States[0].Posture)

	// Variants and overrides apply as the scenario loads.
	s, _ = Load("harbour.toml", []byte(exampleScenario), Options{Variant: "long", Set: []string{"asset.grid.restore=6h"}})
	fmt.Println("long variant:", s.Meta.Horizon, "and the grid restores in", s.Assets[0].Restore)
	// Output:
	// Harbour Lights runs for 30d
	// grid restores in 1d with 100 hosts
	// Nordland's posture: proportional
	// long variant: 90d and the grid restores in 6h
}

func ExampleLoad_problems() {
	_, err := Load("broken.toml", []byte(`[scenario]
name = "Broken"
summary = "Three problems"
briefing = ""
horizon = "30d"

[[state]]
id = "nordland"
name = "Nordland"
position = [0.3, 0.4]
population = 5_000_000
posture = "hawkish"

[[asset]]
id = "grid"
owner = "nordlnd"
sector = "energy"
people = 5_000_000
depends_on = ["grid"]

[force]
enabled = false
`), Options{})
	fmt.Println(err)
	// Output:
	// broken.toml:4:12: scenario.briefing: "briefing" must not be empty
	//    4 | briefing = ""
	//      |            ^
	// broken.toml:12:11: state[0].posture: want one of restraint, proportional, escalatory; got "hawkish"
	//    12 | posture = "hawkish"
	//       |           ^
	// broken.toml:16:9: asset[0].owner: unknown state "nordlnd" (did you mean "nordland"?); the states are nordland
	//    16 | owner = "nordlnd"
	//       |         ^
	// broken.toml:19:15: asset[0].depends_on[0]: asset "grid" depends on itself
	//    19 | depends_on = ["grid"]
	//       |               ^
}

func ExampleScenario_Set() {
	s, err := Load("harbour.toml", []byte(exampleScenario), Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(s.Set("state.nordland.maturity", "35%"), s.States[0].Maturity)
	fmt.Println(s.Set("asset.grid.restore", "1d12h"), s.Assets[0].Restore.Hours(), "hours")
	fmt.Println(s.Set("state.nordlnd.maturity", "0.5"))
	fmt.Println(s.Set("asset.grid.restore", "36"))

	// Set does not check ranges: Validate does, as for values in a file.
	_ = s.Set("state.nordland.population", "0")
	fmt.Println(Validate(s, nil))
	// Output:
	// <nil> 35%
	// <nil> 36 hours
	// --set: state.nordlnd.maturity: unknown state "nordlnd" (did you mean "nordland"?); the states are nordland
	// --set: asset.grid.restore: invalid duration "36": want a number and a unit such as "36h", "90d", "2w", "30m"
	// state[0].population: want a value between 1 and 2_000_000_000, got 0
}
