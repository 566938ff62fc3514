package kubernetes_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// openAPIChecker is the Node program that validates manifests against the
// Kubernetes OpenAPI schema; scripts/test.sh installs its packages with
// npm ci (pinned by its package-lock.json).
const openAPIChecker = "testdata/openapi"

// openAPI runs the checker on files and returns its output and whether it
// accepted them. It skips the test where Node or the packages are missing.
func openAPI(t *testing.T, files ...string) (string, bool) {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("no node: the OpenAPI schema check needs Node.js (scripts/test.sh runs it where node and npm are installed)")
	}
	if _, err := os.Stat(filepath.Join(openAPIChecker, "node_modules", "kubernetes-models")); err != nil {
		t.Skipf("kubernetes-models is not installed: run npm ci in deploy/kubernetes/%s (scripts/test.sh does)", openAPIChecker)
	}
	// Opened here so that go test's result cache sees them as inputs:
	// node reads them in a process of its own.
	for _, f := range []string{"validate.mjs", "package-lock.json"} {
		if _, err := os.ReadFile(filepath.Join(openAPIChecker, f)); err != nil {
			t.Fatal(err)
		}
	}
	args := []string{"validate.mjs"}
	for _, f := range files {
		abs, err := filepath.Abs(f)
		if err != nil {
			t.Fatal(err)
		}
		args = append(args, abs)
	}
	cmd := exec.Command(node, args...)
	cmd.Dir = openAPIChecker
	out, err := cmd.CombinedOutput()
	if _, ok := err.(*exec.ExitError); err != nil && !ok {
		t.Fatalf("node: %v", err)
	}
	return string(out), err == nil
}

func TestManifestsMatchTheOpenAPISchema(t *testing.T) {
	paths, err := filepath.Glob("*.yaml")
	if err != nil || len(paths) < 3 {
		t.Fatalf("manifests: %v %v", paths, err)
	}
	if out, ok := openAPI(t, paths...); !ok {
		t.Errorf("the manifests do not match the Kubernetes OpenAPI schema:\n%s", out)
	}
}

// TestOpenAPICheckCatchesMistakes proves the schema check bites on what the
// strict decoding cannot see: enumerated values and required fields.
func TestOpenAPICheckCatchesMistakes(t *testing.T) {
	job, err := os.ReadFile("batch-job.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ what, from, to, want string }{
		{"a value outside an enumeration", "restartPolicy: Never", "restartPolicy: never", "restartPolicy must be equal to one of the allowed values"},
		{"a misspelt completion mode", "completionMode: Indexed", "completionMode: Index", "completionMode must be equal to one of the allowed values"},
		{"a missing required field", "- name: shard", "- nom: shard", "must have required property name"},
	} {
		bad := strings.Replace(string(job), tc.from, tc.to, 1)
		if bad == string(job) {
			t.Fatalf("%s: %q is not in batch-job.yaml", tc.what, tc.from)
		}
		path := filepath.Join(t.TempDir(), "batch-job.yaml")
		if err := os.WriteFile(path, []byte(bad), 0o644); err != nil {
			t.Fatal(err)
		}
		out, ok := openAPI(t, path)
		if ok || !strings.Contains(out, tc.want) {
			t.Errorf("%s: accepted=%v, output %q; want a refusal saying %q", tc.what, ok, out, tc.want)
		}
	}
}
