package scenarios

import "fmt"

func ExampleParseDuration() {
	for _, s := range []string{"90d", "36h", "1.5h", "2w", "3 days"} {
		d, err := ParseDuration(s)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Printf("%s = %g hours, written %s\n", s, d.Hours(), d)
	}
	// Output:
	// 90d = 2160 hours, written 90d
	// 36h = 36 hours, written 1d12h
	// 1.5h = 1.5 hours, written 1h30m
	// 2w = 336 hours, written 14d
	// invalid duration "3 days": want a number and a unit such as "36h", "90d", "2w", "30m"
}

func ExampleDiagnostics_Error() {
	src, _ := NewSource("scenario.toml", []byte(`[scenario]
horizon = "90d"

[[asset]]
id = "grid"
sector = "enrgy"
`))
	var ds Diagnostics
	ds.Add(src.At("asset[0].sector", "unknown sector %q (want one of energy, water, ...)", "enrgy"))
	ds.Add(src.At("scenario.seed", "missing seed"))
	fmt.Println(ds.Error())
	// Output:
	// scenario.toml:1:2: scenario.seed: missing seed
	//    1 | [scenario]
	//      |  ^
	// scenario.toml:6:10: asset[0].sector: unknown sector "enrgy" (want one of energy, water, ...)
	//    6 | sector = "enrgy"
	//      |          ^
}

func ExampleDecode() {
	type Asset struct {
		ID     string `toml:"id"`
		Sector string `toml:"sector"`
	}
	type Scenario struct {
		Horizon Duration `toml:"horizon"`
		Asset   []Asset  `toml:"asset"`
	}
	src, ds := NewSource("scenario.toml", []byte(`horizon = 90

[[asset]]
id = "grid"
sectr = "energy"
`))
	var sc Scenario
	ds = append(ds, Decode(src, &sc)...)
	fmt.Println(ds.Err())
	// Output:
	// scenario.toml:1:11: horizon: want a duration such as "36h" or "90d", got integer 90
	//    1 | horizon = 90
	//      |           ^
	// scenario.toml:5:1: asset[0].sectr: unknown key "sectr" (did you mean "sector"?)
	//    5 | sectr = "energy"
	//      | ^
}
