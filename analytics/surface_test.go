package analytics

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPublicSurface lists the package's exported names: what cmd uses, and
// the types and constants those name. A new export is a decision: add it
// here when something outside the package needs it.
func TestPublicSurface(t *testing.T) {
	want := []string{
		"All", "Base", "Batch", "Checkpoint", "CompareStudies", "Comparison", "DailyFile", "DayPoint",
		"DecisionOptions", "DefaultOption", "Difference",
		"ErrInterrupted", "Extend", "Float", "FunctionEffect", "FunctionEffects", "Future", "FutureMetrics", "FutureSeed", "FuturesFile", "FuturesPage", "FuturesPageFile",
		"FuturesSpec", "FuturesSummary", "FuturesSummaryFile", "FuturesTally",
		"Grid", "Influence", "KeyMetrics", "Kind",
		"LatinHypercube", "Manifest", "ManifestFile", "Merge", "MetricInfo", "NewFuturesTally", "Option", "Origin",
		"OriginAtDecision", "OriginAtTime", "OutcomeCell",
		"ParseShard", "PlotsDir", "Progress", "ReadManifest", "Report", "ReportFile",
		"Result", "Run", "RunFutures", "RunsFile", "ScenarioSource", "Shard", "Stat", "Study", "StudyComparison", "StudyDiff",
		"Summarize", "Summary", "SummaryCSVFile", "SummaryJSONFile", "Sweep", "WriteFutures", "WritePlots",
	}
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	var got []string
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
		require.NoError(t, err)
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Recv == nil && d.Name.IsExported() {
					got = append(got, d.Name.Name)
				}
			case *ast.GenDecl:
				for _, s := range d.Specs {
					switch s := s.(type) {
					case *ast.TypeSpec:
						if s.Name.IsExported() {
							got = append(got, s.Name.Name)
						}
					case *ast.ValueSpec:
						for _, n := range s.Names {
							if n.IsExported() {
								got = append(got, n.Name)
							}
						}
					}
				}
			}
		}
	}
	slices.Sort(got)
	assert.Equal(t, want, got)
}
