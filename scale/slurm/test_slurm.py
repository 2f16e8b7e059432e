#!/usr/bin/env python3
"""Integration test of the Slurm scripts: a sharded run merged equals one run over everything.

Runs PIPELINE (default Pipelines/news.yaml over Samples/) once in a single process, then N
shards and their merge twice:

  by hand    each array task is textpipe-shard.sbatch run directly with the SLURM_ARRAY_*
             variables Slurm would set (numbered from 1, to check the offset), then
             textpipe-merge.sbatch: tests the scripts' logic anywhere;
  on Slurm   (when slurmctld, slurmd and munged are installed, or --cluster) a one-node cluster
             is started on 127.0.0.1 in a scratch folder (its own munge key, socket and ports),
             submit.sh submits the array and the merge, and the test waits for both jobs.

Both must give a stats.json byte-equal to the single run's, and shards whose documents and
errors are the single run's, each once. On the cluster it also checks that a failing array
keeps the merge from running. Prints timings; exits non-zero on any difference.

    python3 scale/slurm/test_slurm.py --textpipe .build/release/textpipe [--shards 3] [--cluster]
"""
import argparse
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

from local_slurm import LocalSlurm

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def records(path):
    """A JSON Lines file as {id: record without the time it was read}."""
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            r.pop("fetched", None)
            out[r["id"]] = r
    return out


def compare(name, whole, out, shards):
    """Checks a sharded result folder against the single run; returns a list of problems."""
    problems = []
    with open(os.path.join(whole, "stats.json"), "rb") as a, open(os.path.join(out, "stats.json"), "rb") as b:
        if a.read() != b.read():
            problems.append("merged stats.json differs from the single run's")
    for file in ("documents.jsonl", "errors.jsonl"):
        want = records(os.path.join(whole, file))
        got, seen = {}, 0
        for i in range(shards):
            part = records(os.path.join(out, f"shard-{i}", file))
            seen += len(part)
            got.update(part)
        if seen != len(got):
            problems.append(f"{file}: a record is in two shards")
        if got != want:
            problems.append(f"{file}: the shards' records are not the single run's ({len(got)} vs {len(want)})")
    for name_ in ("report.html", "stats/terms.csv"):
        if not os.path.exists(os.path.join(out, name_)):
            problems.append(f"the merge wrote no {name_}")
    print(f"  {name}: " + ("stats.json byte-equal, documents and errors equal" if not problems else "; ".join(problems)))
    return problems


def by_hand(textpipe, pipeline, out, shards):
    env = dict(os.environ, TEXTPIPE=textpipe)
    for k in range(shards):
        task = dict(env, SLURM_ARRAY_TASK_ID=str(k + 1), SLURM_ARRAY_TASK_MIN="1",
                    SLURM_ARRAY_TASK_MAX=str(shards), SLURM_ARRAY_TASK_COUNT=str(shards), SLURM_CPUS_PER_TASK="2")
        subprocess.run([os.path.join(HERE, "textpipe-shard.sbatch"), pipeline, out], env=task, cwd=ROOT,
                       check=True, stdout=subprocess.DEVNULL)
    subprocess.run([os.path.join(HERE, "textpipe-merge.sbatch"), out, str(shards)], env=env, cwd=ROOT, check=True)


def script_refusals(textpipe, pipeline, work):
    """The scripts' own checks: a gapped array and a missing shard are refused."""
    problems = []
    gapped = dict(os.environ, TEXTPIPE=textpipe, SLURM_ARRAY_TASK_ID="2", SLURM_ARRAY_TASK_MIN="0",
                  SLURM_ARRAY_TASK_MAX="4", SLURM_ARRAY_TASK_COUNT="3")
    r = subprocess.run([os.path.join(HERE, "textpipe-shard.sbatch"), pipeline, os.path.join(work, "gapped")],
                       env=gapped, cwd=ROOT, capture_output=True, text=True)
    if r.returncode != 2 or "contiguous" not in r.stderr:
        problems.append(f"a gapped array was not refused ({r.returncode}: {r.stderr.strip()})")
    r = subprocess.run([os.path.join(HERE, "textpipe-merge.sbatch"), os.path.join(work, "by-hand"), "4"],
                       env=dict(os.environ, TEXTPIPE=textpipe), capture_output=True, text=True)
    if r.returncode != 1 or "shard 3 of 4 did not complete" not in r.stderr:
        problems.append(f"a missing shard was not refused ({r.returncode}: {r.stderr.strip()})")
    print("  refusals: " + ("gapped array and missing shard refused" if not problems else "; ".join(problems)))
    return problems


def on_slurm(textpipe, pipeline, work, shards):
    """Returns the problems of the sharded run and of the failing one."""
    problems, failing_problems = [], []
    with LocalSlurm(os.path.join(work, "cluster")) as slurm:
        env = dict(os.environ, TEXTPIPE=textpipe, SLURM_CONF=slurm.conf)
        t = time.monotonic()
        out = os.path.join(work, "on-slurm")
        ids = subprocess.run([os.path.join(HERE, "submit.sh"), pipeline, out, str(shards), "--cpus-per-task=1"],
                             env=env, cwd=ROOT, check=True, capture_output=True, text=True).stdout
        array, merge = [w for w in ids.split() if w.isdigit()]
        states = slurm.wait([array, merge])
        print(f"  Slurm: array {array} and merge {merge} ended {states} in {time.monotonic() - t:.1f} s")
        if set(states.values()) != {"COMPLETED"}:
            problems.append(f"jobs did not complete: {states}")
            for log in glob.glob(os.path.join(out, "*.log")):
                print(open(log).read(), file=sys.stderr)
        else:
            problems += compare("on Slurm", os.path.join(work, "whole"), out, shards)

        failing = os.path.join(work, "failing")
        ids = subprocess.run([os.path.join(HERE, "submit.sh"), "/nonexistent/pipeline.yaml", failing, "2",
                              "--cpus-per-task=1"],
                             env=env, cwd=ROOT, check=True, capture_output=True, text=True).stdout
        array, merge = [w for w in ids.split() if w.isdigit()]
        states = slurm.wait([array, merge])
        ok = states[array] == "FAILED" and states[merge] in ("CANCELLED", "PENDING") \
            and not os.path.exists(os.path.join(failing, "stats.json"))
        print(f"  a failing array keeps the merge from running: {'yes' if ok else 'NO'} ({states})")
        if not ok:
            failing_problems.append("the merge ran after a failed array")
    return problems, failing_problems


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--textpipe", required=True)
    ap.add_argument("--pipeline", default=os.path.join(ROOT, "Pipelines", "news.yaml"))
    ap.add_argument("--shards", type=int, default=3)
    ap.add_argument("--cluster", action="store_true", help="fail if Slurm is not installed, instead of skipping it")
    args = ap.parse_args()
    textpipe, pipeline = os.path.abspath(args.textpipe), os.path.abspath(args.pipeline)
    have_slurm = all(shutil.which(p) for p in ("slurmctld", "slurmd", "munged", "sbatch"))
    if args.cluster and not have_slurm:
        raise SystemExit("slurmctld, slurmd, munged and sbatch are needed (apt-get install slurmctld slurmd slurm-client munge)")
    checks = []  # one list of problems per check
    with tempfile.TemporaryDirectory(prefix="textpipe-slurm-") as work:
        t = time.monotonic()
        whole = os.path.join(work, "whole")
        subprocess.run([textpipe, "run", pipeline, "--output", whole], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
        print(f"single run: {time.monotonic() - t:.1f} s")
        t = time.monotonic()
        by_hand(textpipe, pipeline, os.path.join(work, "by-hand"), args.shards)
        print(f"{args.shards} shards and the merge, by hand: {time.monotonic() - t:.1f} s")
        checks.append(compare("by hand", whole, os.path.join(work, "by-hand"), args.shards))
        checks.append(script_refusals(textpipe, pipeline, work))
        if have_slurm:
            checks += on_slurm(textpipe, pipeline, work, args.shards)
        else:
            print("  Slurm is not installed: only the scripts' logic was tested")
    failed = sum(1 for c in checks if c)
    print(f"slurm: {len(checks) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
