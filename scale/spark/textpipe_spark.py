#!/usr/bin/env python3
"""Runs a textpipe pipeline over a JSON Lines corpus on Apache Spark.

Every partition is piped through `textpipe stream PIPELINE --emit-stats` (RDD.pipe), so each
Spark task is one textpipe process working on its slice in order. Documents and error
records are written as Spark text outputs (`documents/part-*`, `errors/part-*`) whose parts,
concatenated, are in input order; the per-partition statistics are
merged on the driver by `textpipe stats merge`, the same exact merge as for shards, so the
result equals a single run over the whole corpus.

    spark-submit scale/spark/textpipe_spark.py --pipeline Pipelines/stream.yaml \
        --input corpus.jsonl --output out/spark [--textpipe /path/to/textpipe] [--partitions 8]

The textpipe binary must exist at the same path on every worker (build it with
`swift build -c release --static-swift-stdlib` and copy it, with its `*.resources` folders,
to the workers), or be on their PATH.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile


def is_stats(line):
    return line.startswith('{"stats":')


def is_error(line):
    return "error" in json.loads(line)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pipeline", required=True)
    ap.add_argument("--input", required=True, help="JSON Lines: {id, html} / {id, text} / {id, source}")
    ap.add_argument("--output", required=True)
    ap.add_argument("--textpipe", default=shutil.which("textpipe") or "textpipe")
    ap.add_argument("--partitions", type=int, default=0)
    ap.add_argument("--master", default=None, help="e.g. local[2] or spark://host:7077 (default: spark-submit's)")
    args = ap.parse_args()

    from pyspark import StorageLevel
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("textpipe")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    sc = spark.sparkContext
    textpipe = os.path.abspath(args.textpipe)
    pipeline = os.path.abspath(args.pipeline)

    lines = sc.textFile(os.path.abspath(args.input), minPartitions=args.partitions or sc.defaultParallelism)
    # RDD.pipe gives the child an empty environment unless env is passed, and ignores a
    # failing child unless checkCode is set: a textpipe that fails must fail the job.
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8", "HOME": os.environ.get("HOME", "/tmp")}
    out = lines.pipe(f"{textpipe} stream {pipeline} --emit-stats --workers 1 --log-level error",
                     env=env, checkCode=True)
    out.persist(StorageLevel.MEMORY_AND_DISK)
    stats_lines = out.filter(is_stats).collect()
    records = out.filter(lambda l: not is_stats(l))
    # Text outputs keep partition order: part-00000, part-00001, ... concatenated are the
    # records in input order.
    shutil.rmtree(args.output, ignore_errors=True)
    records.filter(lambda l: not is_error(l)).saveAsTextFile(os.path.join(args.output, "documents"))
    records.filter(is_error).saveAsTextFile(os.path.join(args.output, "errors"))

    with tempfile.TemporaryDirectory() as tmp:
        parts = []
        for i, line in enumerate(stats_lines):
            p = os.path.join(tmp, f"part-{i:05d}.json")
            with open(p, "w") as f:
                f.write(line)
            parts.append(p)
        subprocess.run([textpipe, "stats", "merge", *parts, "-o", os.path.join(args.output, "stats.json")], check=True)
    spark.stop()
    print(f"textpipe on Spark: {len(stats_lines)} partitions -> {args.output}")


if __name__ == "__main__":
    sys.exit(main())
