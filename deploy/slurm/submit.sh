#!/usr/bin/env bash
# Submits the sharded study and its merge, which starts only when every
# array task has succeeded. Settings pass through the environment, and any
# arguments go to both sbatch calls (account, partition, QOS...):
#   STUDY_DIR=/scratch/me/gw SCENARIO=grid-wiper REPLICATIONS=10000 SHARDS=16 \
#     deploy/slurm/submit.sh --account=myproject
# The jobs run in the directory you submit from, like any sbatch job: their
# output files (%x-%A_%a.out) land there, and so does the default STUDY_DIR.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# Exported so that every task, and a task resubmitted on its own later
# (where SLURM_ARRAY_TASK_COUNT would be 1), knows the number of shards.
export SHARDS=${SHARDS:-8}
export STUDY_DIR=${STUDY_DIR:-$PWD/studies/grid-wiper-10k}
array=$(sbatch --parsable --export=ALL --array=0-$((SHARDS - 1)) "$@" "$here/batch.sbatch")
array=${array%%;*} # --parsable prints "id;cluster" on a multi-cluster site
# One afterok per task, not afterok on the whole array: a task cancelled
# and then requeued (scontrol requeue) would leave an array-wide afterok
# failed for good, whereas each task's own afterok is satisfied once the
# requeued task succeeds.
deps=afterok
for ((i = 0; i < SHARDS; i++)); do deps+=":${array}_$i"; done
merge=$(sbatch --parsable --export=ALL --dependency="$deps" "$@" "$here/merge.sbatch")
merge=${merge%%;*}
echo "shards: job array $array; merge: job $merge (starts after every shard succeeds)"
