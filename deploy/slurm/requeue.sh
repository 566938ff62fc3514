#!/usr/bin/env bash
# Puts a failed or cancelled shard back in the queue and re-arms the merge:
#   SHARDS=16 deploy/slurm/requeue.sh ARRAY_JOB TASK_ID MERGE_JOB
# (the job ids submit.sh printed). The task keeps its job id and resumes its
# shard from the last complete row (--resume).
#
# Both extra steps are needed on a real scheduler: Slurm holds a requeued
# job for a while before it is eligible again, and once a task has ended
# without success the merge's afterok is marked as never satisfied and
# stays so, even after the task succeeds, until the dependency is set anew.
set -euo pipefail
if [ $# -ne 3 ]; then
  echo "usage: SHARDS=N $0 ARRAY_JOB TASK_ID MERGE_JOB" >&2
  exit 2
fi
array=$1 task=$2 merge=$3
shards=${SHARDS:-8}
scontrol requeue "${array}_${task}"
scontrol update JobId="${array}_${task}" StartTime=now
deps=afterok
for ((i = 0; i < shards; i++)); do deps+=":${array}_$i"; done
scontrol update JobId="$merge" Dependency="$deps"
echo "task ${array}_${task} requeued; merge $merge waits for every task again"
