package scenarios

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"reflect"
	"strings"

	"cpkrange/scenarios/internal/tomlx"
)

// MaxFileSize is the largest scenario file a loader reads, in bytes; no
// string of a scenario is longer.
const MaxFileSize = tomlx.MaxFileSize

// Options change a scenario as it loads.
type Options struct {
	Variant string   // a [[variant]] name to apply, "" for none
	Set     []string // "key=value" overrides, applied after the variant, in order
	// Budget is the work a run may take, in estimated events
	// (EstimateWork); 0 means DefaultBudget. Raise it only on purpose.
	Budget int64
}

// Load reads a scenario from data; file names it in diagnostics. It
// decodes strictly, fills in the default of every key not written, applies
// opt's variant and then its --set overrides, and validates the result.
//
// The error, when not nil, is a Diagnostics listing every problem found, in
// every phase: when the file cannot be decoded, its decode problems and its
// missing keys (the half-decoded scenario is not validated); otherwise the
// problems with the overrides and everything Validate finds, including the
// problems of each variant. A problem with a value set by the variant is
// positioned at the variant's key in the file, one set by --set at File
// "--set" with the override's key.
func Load(file string, data []byte, opt Options) (*Scenario, error) {
	src, ds := NewSource(file, data)
	if len(ds) > 0 {
		return nil, ds.Err()
	}
	s := new(Scenario)
	dec := Decode(src, s)
	ds = append(ds, dec...)
	ds = append(ds, withoutMisspelt(codec.MissingRequired(src, reflect.TypeFor[Scenario]()), dec)...)
	sets, setDs := splitSets(opt.Set)
	ds = append(ds, setDs...)
	if len(ds) > 0 && !onlyMissing(ds) {
		return finish(file, nil, ds)
	}
	codec.ApplyDefaults(s, src)
	calibrateTempo(s, src)

	chosen := -1
	if opt.Variant != "" {
		chosen = findVariant(s, opt.Variant)
		if chosen < 0 {
			ds.Add(unknownVariant(s, opt.Variant))
		}
	}
	ds = append(ds, validateVariants(s, src, chosen, opt.Budget)...)
	ds = append(ds, validateSweeps(s, src, opt.Budget)...)

	// The budget is checked on the scenario as it will run, with the
	// variant and overrides, and like every rule it names the key to change.
	core := func() Diagnostics { return append(validateCore(s, src), checkBudget(s, src, opt.Budget)...) }
	if chosen < 0 && len(sets) == 0 {
		ds = append(ds, core()...)
		return finish(file, s, ds)
	}
	base := problemSet(core())
	var ovs []override
	var label []string
	if chosen >= 0 {
		vo, vds := applyVariant(s, src, chosen)
		ovs = append(ovs, vo...)
		ds = append(ds, vds...)
		label = append(label, fmt.Sprintf("variant %q", opt.Variant))
	}
	for _, kv := range sets {
		at := Diagnostic{File: "--set", Key: kv.key}
		p, err := s.set(kv.key, kv.value, tomlx.FromGo)
		if err != nil {
			ds.Add(tomlx.WithError(at, err))
			continue
		}
		ovs = append(ovs, override{path: p, at: at})
	}
	if len(sets) > 0 {
		label = append(label, "--set")
	}
	for _, d := range core() {
		if o, ok := explain(ovs, d.Key); ok {
			nd := o.at
			nd.Code, nd.Msg, nd.Suggestion = d.Code, d.Msg, d.Suggestion
			ds.Add(nd)
			continue
		}
		if !base[problemKey(d)] {
			d.Msg += " (with " + strings.Join(label, " and ") + ")"
		}
		ds.Add(d)
	}
	return finish(file, s, ds)
}

func finish(file string, s *Scenario, ds Diagnostics) (*Scenario, error) {
	if err := capped(file, ds).Err(); err != nil {
		return nil, err
	}
	return s, nil
}

// capped cuts a list of problems from several phases, each of which may
// have cut its own, to MaxDiagnostics with one note at the end, so that the
// count of problems is what the note says.
func capped(file string, ds Diagnostics) Diagnostics {
	if len(ds) <= tomlx.MaxDiagnostics {
		return ds
	}
	var kept Diagnostics
	cut := false
	for _, d := range ds.Sorted() {
		if d.Code == CodeTruncated {
			cut = true
			continue
		}
		kept = append(kept, d)
	}
	if len(kept) > tomlx.MaxDiagnostics {
		kept, cut = kept[:tomlx.MaxDiagnostics], true
	}
	if cut {
		kept = append(kept, tomlx.TooMany(file))
	}
	return kept
}

// onlyMissing reports whether every problem is a missing required key or a
// malformed --set: then the file decoded, and validating it still helps.
func onlyMissing(ds Diagnostics) bool {
	for _, d := range ds {
		if d.File == "--set" || d.Code == CodeMissingRequired {
			continue
		}
		return false
	}
	return true
}

// withoutMisspelt drops the missing keys that an unknown key in the same
// table already suggests: "sectr" (did you mean "sector"?) is enough.
func withoutMisspelt(missing, dec Diagnostics) Diagnostics {
	suggested := map[string]bool{}
	for _, d := range dec {
		if d.Code != CodeUnknownKey || d.Suggestion == "" {
			continue
		}
		segs, ok := tomlx.ParsePath(d.Key)
		if !ok || len(segs) == 0 {
			continue
		}
		suggested[tomlx.RenderPath(append(segs[:len(segs)-1:len(segs)-1], tomlx.Key(d.Suggestion)))] = true
	}
	var out Diagnostics
	for _, d := range missing {
		if !suggested[d.Key] {
			out = append(out, d)
		}
	}
	return out
}

type keyValue struct{ key, value string }

// splitSets reads "key=value" overrides.
func splitSets(sets []string) ([]keyValue, Diagnostics) {
	var out []keyValue
	var ds Diagnostics
	for _, kv := range sets {
		k, v, ok := strings.Cut(kv, "=")
		k = strings.TrimSpace(k)
		if !ok || k == "" {
			ds.Add(Diagnostic{File: "--set", Code: CodeBadValue, Msg: fmt.Sprintf("want key=value, got %q", kv)})
			continue
		}
		out = append(out, keyValue{k, strings.TrimSpace(v)})
	}
	return out, ds
}

func findVariant(s *Scenario, name string) int {
	for i, v := range s.Variants {
		if v.Name == name {
			return i
		}
	}
	return -1
}

func unknownVariant(s *Scenario, name string) Diagnostic {
	d := Diagnostic{File: "--variant", Code: CodeUnknownRef}
	names := s.VariantNames()
	if len(names) == 0 {
		d.Msg = fmt.Sprintf("unknown variant %q: the scenario has no variants", name)
		return d
	}
	d.Suggestion = tomlx.Hint(name, names)
	d.Msg = fmt.Sprintf("unknown variant %q%s; the variants are %s", name, tomlx.DidYouMean(d.Suggestion), strings.Join(names, ", "))
	return d
}

// LoadFile reads and loads the scenario file at path.
func LoadFile(path string, opt Options) (*Scenario, error) {
	data, err := readFile(path)
	if err != nil {
		return nil, err
	}
	return Load(path, data, opt)
}

// readFile reads a scenario file, refusing anything but a regular file
// (a named pipe would block the open, a device never end) and more than the
// size limit; its errors are Diagnostics.
func readFile(path string) ([]byte, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, Diagnostics{{File: path, Code: CodeFile, Msg: "cannot read the file: " + tomlx.CleanMsg(fsReason(err))}}
	}
	if msg := NotRegular(fi); msg != "" {
		return nil, Diagnostics{{File: path, Code: CodeFile, Msg: "cannot read the file: " + msg}}
	}
	if fi.Size() > tomlx.MaxFileSize {
		return nil, tooLarge(path, fi.Size())
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, Diagnostics{{File: path, Code: CodeFile, Msg: "cannot read the file: " + tomlx.CleanMsg(fsReason(err))}}
	}
	defer f.Close()
	// The path may have changed between the two looks; what was opened is
	// what counts.
	if fi, err := f.Stat(); err == nil && NotRegular(fi) != "" {
		return nil, Diagnostics{{File: path, Code: CodeFile, Msg: "cannot read the file: " + NotRegular(fi)}}
	}
	data, err := io.ReadAll(io.LimitReader(f, tomlx.MaxFileSize+1))
	if err != nil {
		return nil, Diagnostics{{File: path, Code: CodeFile, Msg: "cannot read the file: " + tomlx.CleanMsg(fsReason(err))}}
	}
	if len(data) > tomlx.MaxFileSize {
		return nil, tooLarge(path, int64(len(data)))
	}
	return data, nil
}

// NotRegular says what a file is when it is not a regular file ("it is a
// named pipe, not a regular file"), "" when it is one. Every input path
// checks it before opening: a named pipe blocks the open, a device may
// never end.
func NotRegular(fi fs.FileInfo) string {
	m := fi.Mode()
	switch {
	case m.IsRegular():
		return ""
	case m.IsDir():
		return "it is a directory"
	case m&fs.ModeNamedPipe != 0:
		return "it is a named pipe, not a regular file"
	case m&fs.ModeDevice != 0:
		return "it is a device, not a regular file"
	}
	return "it is not a regular file"
}

func tooLarge(path string, size int64) error {
	return Diagnostics{tomlx.TooLarge(path, size)}
}

// fsReason drops the operation and path from a file system error, which
// the diagnostic already names.
func fsReason(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// Open loads a bundled scenario by name ("ddos-election") or else the file
// at nameOrPath. It returns the scenario and the name of its source: the
// bundled name or the path. A name with a path separator or ending in
// ".toml" is always a path.
func Open(nameOrPath string, opt Options) (*Scenario, string, error) {
	if isBundledName(nameOrPath) {
		data, err := BundledSource(nameOrPath)
		if err == nil {
			s, err := Load(nameOrPath, data, opt)
			return s, nameOrPath, err
		}
		if _, statErr := os.Stat(nameOrPath); statErr != nil {
			names := make([]string, 0, 4)
			for _, b := range Bundled() {
				names = append(names, b.Name)
			}
			return nil, nameOrPath, Diagnostics{{File: nameOrPath, Code: CodeFile, Msg: fmt.Sprintf("no such file, and no bundled scenario of that name%s; the bundled scenarios are %s", didYouMean(nameOrPath, names), strings.Join(names, ", "))}}
		}
	}
	s, err := LoadFile(nameOrPath, opt)
	return s, nameOrPath, err
}

// isBundledName reports whether s could name a bundled scenario rather than
// a file.
func isBundledName(s string) bool {
	return s != "" && !strings.ContainsAny(s, `/\`) && !strings.HasSuffix(s, ".toml") && s != "." && s != ".."
}
