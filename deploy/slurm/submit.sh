#!/usr/bin/env bash
# Submits the sharded study and its merge, which starts only when every
# array task has succeeded. Settings pass through the environment:
#   STUDY_DIR=/scratch/me/gw SCENARIO=grid-wiper REPLICATIONS=10000 deploy/slurm/submit.sh
# To change the number of shards, pass --array (e.g. SHARDS=16).
set -euo pipefail
cd "$(dirname "$0")"
shards=${SHARDS:-8}
export STUDY_DIR=${STUDY_DIR:-$PWD/studies/grid-wiper-10k}
array=$(sbatch --parsable --export=ALL --array=0-$((shards - 1)) batch.sbatch)
merge=$(sbatch --parsable --export=ALL --dependency=afterok:"$array" merge.sbatch)
echo "shards: job array $array; merge: job $merge (starts after every shard succeeds)"
