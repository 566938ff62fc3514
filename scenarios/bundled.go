package scenarios

import (
	"embed"
	"fmt"
	"sort"
	"strings"
)

//go:embed bundled/*.toml
var bundledFS embed.FS

// Default is the bundled scenario that runs when none is named.
const Default = "ddos-election"

// Info describes a bundled scenario.
type Info struct {
	Name    string // what Open takes: the file name without ".toml"
	Summary string // the scenario's scenario.summary
}

// Bundled lists the bundled scenarios, sorted by name.
func Bundled() []Info {
	entries, err := bundledFS.ReadDir("bundled")
	if err != nil {
		return nil
	}
	var out []Info
	for _, e := range entries {
		name, ok := strings.CutSuffix(e.Name(), ".toml")
		if !ok || e.IsDir() {
			continue
		}
		out = append(out, Info{Name: name, Summary: bundledSummary(name)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// bundledSummary reads scenario.summary without loading the whole scenario,
// so that a listing still works while one file is broken.
func bundledSummary(name string) string {
	data, err := BundledSource(name)
	if err != nil {
		return ""
	}
	return summaryOf(name, data)
}

// summaryOf reads scenario.summary from a file as Load reads it (a byte
// order mark and all), or "" when the file cannot be parsed.
func summaryOf(name string, data []byte) string {
	src, ds := NewSource(name, data)
	if len(ds) > 0 {
		return ""
	}
	summary, _ := src.Root().Field("scenario").Field("summary").Generic().(string)
	return summary
}

// BundledSource returns the TOML source of a bundled scenario, to load or to
// copy and edit.
func BundledSource(name string) ([]byte, error) {
	if !isBundledName(name) {
		return nil, fmt.Errorf("no bundled scenario %q", name)
	}
	data, err := bundledFS.ReadFile("bundled/" + name + ".toml")
	if err != nil {
		var names []string
		for _, b := range Bundled() {
			names = append(names, b.Name)
		}
		return nil, fmt.Errorf("no bundled scenario %q%s; the bundled scenarios are %s", name, didYouMean(name, names), strings.Join(names, ", "))
	}
	return data, nil
}
