// Package kubernetes_test checks the manifests of deploy/kubernetes offline
// against the API of a current Kubernetes release: the Go types of
// k8s.io/api, from which the API server's OpenAPI schema is generated.
// Strict decoding into them, with the decoder the API server uses
// (sigs.k8s.io/json: case-sensitive), is its strict field validation
// (kubectl's default since 1.27): an unknown, duplicated or miscased
// field, or a value of the wrong type, is an error. No cluster ran them.
package kubernetes_test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	kjson "sigs.k8s.io/json"
	"sigs.k8s.io/yaml"
)

// kinds maps a manifest's apiVersion and kind to the type the API server
// decodes it into. A manifest of another kind fails the test until it is
// added here.
var kinds = map[string]func() any{
	"batch/v1 Job":             func() any { return new(batchv1.Job) },
	"v1 PersistentVolumeClaim": func() any { return new(corev1.PersistentVolumeClaim) },
}

// validate decodes one manifest document strictly into its API type.
func validate(doc []byte) (any, error) {
	var head struct {
		APIVersion string `json:"apiVersion"`
		Kind       string `json:"kind"`
	}
	if err := yaml.Unmarshal(doc, &head); err != nil {
		return nil, err
	}
	newObj, ok := kinds[head.APIVersion+" "+head.Kind]
	if !ok {
		return nil, fmt.Errorf("no API type known for apiVersion %q kind %q", head.APIVersion, head.Kind)
	}
	js, err := yaml.YAMLToJSONStrict(doc) // refuses duplicated keys
	if err != nil {
		return nil, err
	}
	obj := newObj()
	strict, err := kjson.UnmarshalStrict(js, obj, kjson.DisallowDuplicateFields, kjson.DisallowUnknownFields)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", head.Kind, err)
	}
	if len(strict) > 0 {
		return nil, fmt.Errorf("%s: %w", head.Kind, errors.Join(strict...))
	}
	return obj, nil
}

// documents splits a YAML stream at its "---" separators.
func documents(data []byte) [][]byte {
	var docs [][]byte
	for _, d := range bytes.Split(data, []byte("\n---")) {
		if len(bytes.TrimSpace(d)) > 0 {
			docs = append(docs, d)
		}
	}
	return docs
}

func manifests(t *testing.T) map[string][]byte {
	t.Helper()
	paths, err := filepath.Glob("*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) < 3 {
		t.Fatalf("found %d manifests in deploy/kubernetes, want pvc, batch and merge jobs", len(paths))
	}
	files := map[string][]byte{}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		files[p] = data
	}
	return files
}

func TestManifestsMatchTheKubernetesAPI(t *testing.T) {
	for name, data := range manifests(t) {
		for i, doc := range documents(data) {
			if _, err := validate(doc); err != nil {
				t.Errorf("%s (document %d): %v", name, i+1, err)
			}
		}
	}
}

// TestValidationCatchesMistakes keeps the check honest: the mistakes a
// hand-edited manifest makes are refused.
func TestValidationCatchesMistakes(t *testing.T) {
	job := manifests(t)["batch-job.yaml"]
	if job == nil {
		t.Fatal("no batch-job.yaml")
	}
	for _, tc := range []struct{ what, from, to string }{
		{"a misspelt field", "backoffLimitPerIndex:", "backoffLimitPerIndx:"},
		{"a field in the wrong case", "completionMode:", "completionmode:"},
		{"a duplicated field", "  parallelism: 8", "  parallelism: 8\n  parallelism: 4"},
		{"a field at the wrong level", "      restartPolicy: Never", "      restartPolicy: Never\n      completions: 8"},
		{"a number as a string", "completions: 8", `completions: "eight"`},
		{"a string for a list", `command: ["/bin/sh", "-c"]`, `command: "/bin/sh -c"`},
		{"an unknown kind", "kind: Job", "kind: Jobs"},
	} {
		bad := strings.Replace(string(job), tc.from, tc.to, 1)
		if bad == string(job) {
			t.Fatalf("%s: %q is not in batch-job.yaml", tc.what, tc.from)
		}
		if _, err := validate([]byte(bad)); err == nil {
			t.Errorf("%s was accepted", tc.what)
		} else {
			t.Logf("%s: %v", tc.what, err)
		}
	}
}

// TestIndexedJobRunsEveryShard checks what the API cannot: the Job's
// completions, the SHARDS its pods are told and the volume they share
// agree, so that the shards' union is the whole study.
func TestIndexedJobRunsEveryShard(t *testing.T) {
	files := manifests(t)
	obj, err := validate(files["batch-job.yaml"])
	if err != nil {
		t.Fatal(err)
	}
	job := obj.(*batchv1.Job)
	spec := job.Spec
	if spec.CompletionMode == nil || *spec.CompletionMode != batchv1.IndexedCompletion {
		t.Fatalf("completionMode is %v, want Indexed", spec.CompletionMode)
	}
	if spec.Completions == nil {
		t.Fatal("no completions")
	}
	containers := spec.Template.Spec.Containers
	if len(containers) != 1 {
		t.Fatalf("%d containers, want 1", len(containers))
	}
	shards := ""
	for _, e := range containers[0].Env {
		if e.Name == "SHARDS" {
			shards = e.Value
		}
	}
	if want := fmt.Sprint(*spec.Completions); shards != want {
		t.Errorf("SHARDS is %q but completions is %s: some runs would never be run, or run twice", shards, want)
	}
	if spec.MaxFailedIndexes == nil || *spec.MaxFailedIndexes != 0 {
		t.Errorf("maxFailedIndexes is %v, want 0: the Job must fail, not complete, when a shard is lost", spec.MaxFailedIndexes)
	}

	pvcObj, err := validate(files["pvc.yaml"])
	if err != nil {
		t.Fatal(err)
	}
	pvc := pvcObj.(*corev1.PersistentVolumeClaim)
	for _, name := range []string{"batch-job.yaml", "merge-job.yaml"} {
		obj, err := validate(files[name])
		if err != nil {
			t.Fatal(err)
		}
		vols := obj.(*batchv1.Job).Spec.Template.Spec.Volumes
		if len(vols) != 1 || vols[0].PersistentVolumeClaim == nil || vols[0].PersistentVolumeClaim.ClaimName != pvc.Name {
			t.Errorf("%s does not mount the claim %s of pvc.yaml", name, pvc.Name)
		}
	}
}
