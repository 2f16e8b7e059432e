#!/bin/bash
# Submits a sharded textpipe run to Slurm: an array of N shard tasks, then the merge of their
# statistics, which starts only when every shard succeeded (--dependency=afterok) and is
# cancelled if one failed (--kill-on-invalid-dep=yes). Prints the two job ids.
#
#   scale/slurm/submit.sh PIPELINE.yaml OUT N [sbatch options...]
#
# sbatch options (a partition, a time limit, --cpus-per-task=...) apply to both jobs. Export
# TEXTPIPE=/path/to/textpipe if the binary is not on the workers' PATH; sbatch passes the
# environment on (and the scripts run in the current folder, on a filesystem every node sees).
set -euo pipefail

if [ $# -lt 3 ]; then
    echo "usage: submit.sh PIPELINE.yaml OUT N [sbatch options...]" >&2
    exit 2
fi
pipeline=$1 out=$2 count=$3
shift 3
case $count in '' | *[!0-9]* | 0) echo "submit.sh: N must be a positive number" >&2; exit 2 ;; esac
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out"
array=$(sbatch --parsable --array="0-$((count - 1))" --output="$out/shard-%a.log" "$@" \
    "$here/textpipe-shard.sbatch" "$pipeline" "$out")
array=${array%%;*}  # --parsable prints "id;cluster" on federated clusters
merge=$(sbatch --parsable --dependency="afterok:$array" --kill-on-invalid-dep=yes \
    --output="$out/merge.log" "$@" "$here/textpipe-merge.sbatch" "$out" "$count")
echo "shards: job $array ($count tasks); merge: job ${merge%%;*}"
