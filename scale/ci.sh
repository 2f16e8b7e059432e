#!/usr/bin/env bash
# CI for scale/: the Slurm and Spark integration tests, run for real.
#
#   scale/ci.sh            (from .ci/run, after `swift test`, which has built .build/debug)
#
# 1. Installs what the tests need and the machine lacks: Java 17 for Spark, and a one-node
#    Slurm (slurmctld, slurmd, slurm-client, munge: 15-30 s from the Debian mirror), so the
#    Slurm test runs on a real cluster on 127.0.0.1 (--cluster: no silent skip).
# 2. Makes a virtual environment with pyspark and pyarrow from PyPI under .build/scale-venv,
#    kept between runs (.build/ is the build cache, never committed).
# 3. Builds the debug textpipe (little to do after `swift test`).
# 4. Runs scale/slurm/test_slurm.py and scale/spark/test_spark.py; each ends with a line
#    "NAME: N passed, N failed". Exits non-zero if either fails.
#
# The release archive (scale/release/build.sh, then check.sh) is built and checked only with
# SCALE_RELEASE=1: a release build from scratch took 24 minutes on this project's two-core
# machine (shared with another build), more than CI's budget for this script.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
step() { echo; echo "=== scale: $* ($(($(date +%s) - start))s)"; }

step "system packages"
need=()
command -v java >/dev/null 2>&1 || need+=(openjdk-17-jre-headless)
for tool in slurmctld slurmd sbatch munged; do
    command -v "$tool" >/dev/null 2>&1 && continue
    need+=(slurmctld slurmd slurm-client munge)
    break
done
if ((${#need[@]})); then
    echo "installing ${need[*]}"
    mkdir -p .build
    if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -qq --no-install-recommends "${need[@]}"; } > .build/scale-apt.log 2>&1; then
        tail -n 30 .build/scale-apt.log
        echo "scale/ci.sh: could not install ${need[*]}"
        exit 1
    fi
fi

step "pyspark"
venv=.build/scale-venv
if ! "$venv/bin/python" -c 'import pyspark, pyarrow' >/dev/null 2>&1; then
    rm -rf "$venv"
    python3 -m venv "$venv"
    # Spark 4 runs on Java 17 (and 21); a later major version may not. pyarrow reads the
    # Parquet the job writes with --format parquet.
    "$venv/bin/pip" install -q 'pyspark>=4,<5' pyarrow
fi
"$venv/bin/python" -c 'import pyspark; print("pyspark", pyspark.__version__)'

step "textpipe (debug)"
swift build --product textpipe
textpipe=$(swift build --show-bin-path)/textpipe

status=0
step "Slurm integration test"
python3 scale/slurm/test_slurm.py --textpipe "$textpipe" --cluster || status=1

step "Spark integration test"
"$venv/bin/python" scale/spark/test_spark.py --textpipe "$textpipe" || status=1

if [ "${SCALE_RELEASE:-0}" = 1 ]; then
    step "release archive"
    if archive=$(scale/release/build.sh | tail -n 1); then
        scale/release/check.sh "$archive" || status=1
    else
        echo "scale/ci.sh: scale/release/build.sh failed"
        status=1
    fi
fi

step "done in $(($(date +%s) - start))s"
exit "$status"
