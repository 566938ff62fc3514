package cpkrange_test

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// pkg is the part of `go list -json` the layering rules read.
type pkg struct {
	ImportPath string
	Imports    []string
	Deps       []string
	Standard   bool
}

// listPackages returns every package of the module with its imports and
// transitive dependencies, tests included.
func listPackages(t *testing.T) []pkg {
	t.Helper()
	out, err := exec.Command("go", "list", "-json", "-deps=false", "-test", "./...").Output()
	require.NoError(t, err)
	var pkgs []pkg
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for {
		var p pkg
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else {
			require.NoError(t, err)
		}
		pkgs = append(pkgs, p)
	}
	require.NotEmpty(t, pkgs)
	return pkgs
}

// standard reports whether path is in the standard library: no dot in its
// first element.
func standard(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return !strings.Contains(first, ".")
}

// base strips the test variant suffix go list adds: "a [a.test]" -> "a".
func base(path string) string {
	p, _, _ := strings.Cut(path, " ")
	return strings.TrimSuffix(p, ".test")
}

// TestSimImportsOnlyTheStandardLibrary keeps the kernel free of anything
// but the standard library (its tests may use testify).
func TestSimImportsOnlyTheStandardLibrary(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "./sim").Output()
	require.NoError(t, err)
	for _, dep := range strings.Fields(string(out)) {
		assert.True(t, standard(dep) || dep == "cpkrange/sim", "sim depends on %s", dep)
	}
}

// TestOnlyUIAndCmdImportEbiten keeps the model and the analytics free of
// the display: nothing but ui and cmd/... may depend on ebiten.
func TestOnlyUIAndCmdImportEbiten(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", `{{.ImportPath}}{{range .Deps}} {{.}}{{end}}`, "./...").Output()
	require.NoError(t, err)
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Fields(line)
		path := fields[0]
		if path == "cpkrange/ui" || strings.HasPrefix(path, "cpkrange/cmd/") {
			continue
		}
		for _, dep := range fields[1:] {
			assert.False(t, strings.HasPrefix(dep, "github.com/hajimehoshi/ebiten"), "%s depends on %s", path, dep)
		}
	}
}

// TestPackageImportRules checks the table of docs/architecture.md: which of
// the module's packages each package may import directly.
func TestPackageImportRules(t *testing.T) {
	allowed := map[string][]string{
		"cpkrange/sim":                      {},
		"cpkrange/scenarios":                {"cpkrange/scenarios/internal/tomlx"},
		"cpkrange/scenarios/internal/tomlx": {},
		"cpkrange/assets":                   {},
		"cpkrange/agents":                   {"cpkrange/sim", "cpkrange/scenarios"},
		"cpkrange/analytics":                {"cpkrange/sim", "cpkrange/scenarios", "cpkrange/agents"},
		"cpkrange/ui/internal/view":         {"cpkrange/sim", "cpkrange/scenarios", "cpkrange/agents"},
		"cpkrange/ui":                       {"cpkrange/sim", "cpkrange/scenarios", "cpkrange/agents", "cpkrange/analytics", "cpkrange/assets", "cpkrange/ui/internal/view"},
		"cpkrange/teams":                    {"cpkrange/scenarios", "cpkrange/agents"},
	}
	for _, p := range listPackages(t) {
		if strings.HasSuffix(p.ImportPath, ".test") || strings.HasSuffix(p.ImportPath, "_test") || strings.Contains(p.ImportPath, "[") {
			continue // test binaries and external tests may import more
		}
		rules, ok := allowed[p.ImportPath]
		if !ok {
			continue // cmd/... and the root may import anything
		}
		for _, imp := range p.Imports {
			if !strings.HasPrefix(imp, "cpkrange/") {
				continue
			}
			assert.Contains(t, rules, base(imp), "%s imports %s, which docs/architecture.md does not allow", p.ImportPath, imp)
		}
	}
}

// TestNoMathRandV1 bans math/rand (version 1) from the module: its global
// source would make runs depend on more than the scenario and the seed.
func TestNoMathRandV1(t *testing.T) {
	for _, p := range listPackages(t) {
		if !strings.HasPrefix(p.ImportPath, "cpkrange") {
			continue
		}
		assert.NotContains(t, p.Imports, "math/rand", "%s imports math/rand; use sim streams (math/rand/v2)", p.ImportPath)
	}
}

// TestNoWallClockInTheModel keeps real time out of the packages whose
// results must depend only on the scenario and the seed.
func TestNoWallClockInTheModel(t *testing.T) {
	for _, dir := range []string{"sim", "scenarios", "scenarios/internal/tomlx", "agents"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			src, err := os.ReadFile(f)
			require.NoError(t, err)
			for _, banned := range []string{"time.Now(", "time.Since(", "time.Until("} {
				assert.NotContains(t, string(src), banned, "%s reads the wall clock", f)
			}
		}
	}
}

// TestModelStartsNoGoroutines checks that the kernel, the scenarios and the
// model start no goroutine: a run is one thread of events, which is what
// makes it deterministic, and it is why the test script runs these
// packages' tests without the race detector (it would have nothing to see).
func TestModelStartsNoGoroutines(t *testing.T) {
	for _, dir := range []string{"sim", "scenarios", "scenarios/internal/tomlx", "agents"} {
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		require.NoError(t, err)
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			file, err := parser.ParseFile(token.NewFileSet(), f, nil, 0)
			require.NoError(t, err)
			ast.Inspect(file, func(n ast.Node) bool {
				if g, ok := n.(*ast.GoStmt); ok {
					t.Errorf("%s: a go statement at offset %d: the model must stay on one goroutine", f, g.Pos())
				}
				return true
			})
		}
	}
}

// TestDeployTestsRunTheBinary keeps deploy/... the way a cluster sees the
// project: its tests build and run the cpkrange command, and import none
// of the module's packages.
func TestDeployTestsRunTheBinary(t *testing.T) {
	seen := 0
	for _, p := range listPackages(t) {
		if !strings.HasPrefix(p.ImportPath, "cpkrange/deploy/") || strings.HasSuffix(p.ImportPath, ".test") {
			continue // the generated test main imports the tests themselves
		}
		seen++
		for _, imp := range p.Imports {
			assert.False(t, strings.HasPrefix(base(imp), "cpkrange/") || base(imp) == "cpkrange", "%s imports %s; deploy tests run the built binary instead", p.ImportPath, imp)
		}
	}
	assert.NotZero(t, seen, "no deploy packages listed")
}
