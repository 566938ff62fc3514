#!/usr/bin/env bash
# Runs a sharded study on Kubernetes: the shared volume, the Indexed Job of
# shards, then the merge Job once every shard has completed.
#   deploy/kubernetes/run.sh [NAMESPACE]
set -euo pipefail
cd "$(dirname "$0")"
ns=${1:-default}
kubectl -n "$ns" apply -f pvc.yaml
kubectl -n "$ns" apply -f batch-job.yaml
# Fails (and stops here) if an index exhausts its retries.
kubectl -n "$ns" wait --for=condition=complete --timeout=24h job/cpkrange-batch
kubectl -n "$ns" apply -f merge-job.yaml
kubectl -n "$ns" wait --for=condition=complete --timeout=2h job/cpkrange-merge
kubectl -n "$ns" logs job/cpkrange-merge
echo "the merged study and report.html are on the cpkrange-studies volume under the study's merged/ directory"
