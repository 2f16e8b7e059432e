#!/usr/bin/env python3
"""Runs a textpipe pipeline over a JSON Lines corpus on Apache Spark.

    spark-submit scale/spark/textpipe_spark.py --pipeline Pipelines/stream.yaml \\
        --input corpus.jsonl --output out/spark [--textpipe /opt/textpipe/textpipe] [--partitions 8] \\
        [--format jsonl|parquet]

Each input line is {"id", "html"}, {"id", "text"} or {"id", "source": PATH|URL}. Every partition
is piped through one `textpipe stream PIPELINE --emit-stats` process (`RDD.pipe`), which answers
each line with one line, in order, and ends with a line of mergeable statistics. The job writes,
like a `textpipe run`:

    OUT/documents/part-*    the document records, in input order across the parts
    OUT/errors/part-*       {"id", "source", "error": {stage, kind, message}} per failure
                            (with --format parquet both are Parquet: the documents' schema
                            inferred from all of them, the parts again in input order)
    OUT/stats.json          the partitions' statistics merged by `textpipe stats merge`, the
                            same exact merge as for shards: equal to one run over everything
    OUT/stats/*.csv, OUT/report.html

Two pitfalls of `RDD.pipe` are handled here: it gives the child an empty environment unless
`env=` is passed (PATH, HOME, LANG and TMPDIR are passed on), and it keeps whatever a failing
child printed unless `checkCode=True` (set: a textpipe that exits non-zero fails its task, and
after Spark's retries the job, which then writes no stats.json).

The piped output is persisted and read by three actions (statistics, documents, errors), so
textpipe runs once per partition (again only for a partition whose task is retried).

Every worker needs the textpipe binary at the --textpipe path (a shared filesystem, or the
release archive unpacked at the same place: see README, "Running on a cluster"), and the
input, like every Spark input, on storage that all workers see.
"""
import argparse
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile


def is_stats(line):
    """The last line of each partition: `{"stats": ..., "counts": ...}` (records start with "id")."""
    return line.startswith('{"stats":')


def kind(line):
    """'stats', 'error', 'dropped' or 'document'. Records are parsed only when they may be an
    error or a drop: the key "error" can appear in a record only as a key, since quotes inside
    JSON strings are escaped."""
    if is_stats(line):
        return "stats"
    if '"error":' in line or '"dropped":' in line:
        record = json.loads(line)
        if "error" in record:
            return "error"
        if "dropped" in record:
            return "dropped"
    return "document"


def child_environment():
    env = {"PATH": os.environ.get("PATH", "/usr/local/bin:/usr/bin:/bin"),
           "HOME": os.environ.get("HOME", "/tmp"),
           "LANG": os.environ.get("LANG", "C.UTF-8"),
           "TMPDIR": os.environ.get("TMPDIR", "/tmp")}
    if "LD_LIBRARY_PATH" in os.environ:
        env["LD_LIBRARY_PATH"] = os.environ["LD_LIBRARY_PATH"]
    return env


def merge_statistics(textpipe, stats_lines, output):
    """Merges the partitions' statistics lines with `textpipe stats merge`; False when the
    pipeline has no aggregating stage (empty statistics)."""
    if not any(json.loads(line).get("stats") for line in stats_lines):
        return False
    with tempfile.TemporaryDirectory(prefix="textpipe-spark-") as tmp:
        parts = []
        for i, line in enumerate(stats_lines):
            path = os.path.join(tmp, f"part-{i:05d}.jsonl")
            with open(path, "w", encoding="utf-8") as f:
                f.write(line + "\n")
            parts.append(path)
        subprocess.run([textpipe, "stats", "merge", *parts, "-o", os.path.join(output, "stats.json"),
                        "--tables", os.path.join(output, "stats"), "--report", os.path.join(output, "report.html")],
                       check=True)
    return True


# The error records' shape, given so that a run without failures still writes a table.
ERROR_SCHEMA = "id STRING, source STRING, error STRUCT<stage: STRING, kind: STRING, message: STRING>"


def save(spark, lines, path, fmt, schema=None):
    """Writes records as text parts (one JSON line each) or as Parquet. Both keep the
    partitions' order in the part numbers, so reading the parts in name order gives the input
    order. For Parquet the schema is inferred from every record (a field that only some have,
    such as a user stage's `custom` key, is null in the others) unless it is given."""
    if fmt == "jsonl":
        lines.saveAsTextFile(path)
        return
    frame = (spark.read.schema(schema) if schema else spark.read).json(lines)
    if not frame.columns:  # no records: an empty table with the fields every record has
        frame = spark.createDataFrame([], "id STRING, source STRING")
    frame.write.parquet(path)


def run(spark, pipeline, input_path, output, textpipe, partitions, workers, fmt="jsonl"):
    from pyspark import StorageLevel

    sc = spark.sparkContext
    lines = sc.textFile(input_path, minPartitions=partitions or sc.defaultParallelism)
    command = " ".join(shlex.quote(a) for a in
                       [textpipe, "stream", pipeline, "--emit-stats", "--workers", str(workers), "--log-level", "error"])
    out = lines.pipe(command, env=child_environment(), checkCode=True)
    out.persist(StorageLevel.MEMORY_AND_DISK)
    try:
        stats_lines = out.filter(is_stats).collect()
        # saveAsTextFile writes part-00000, part-00001, ... in partition order, so the parts
        # read in name order give the records in input order.
        save(spark, out.filter(lambda l: kind(l) == "document"), os.path.join(output, "documents"), fmt)
        save(spark, out.filter(lambda l: kind(l) == "error"), os.path.join(output, "errors"), fmt, ERROR_SCHEMA)
    finally:
        out.unpersist()
    counts = {}
    for line in stats_lines:
        for key, value in json.loads(line)["counts"].items():
            if isinstance(value, int):
                counts[key] = counts.get(key, 0) + value
    return stats_lines, counts


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pipeline", required=True, help="a pipeline file, checked as textpipe stream checks it (its input and output are not used)")
    ap.add_argument("--input", required=True, help="JSON Lines: {id, html} / {id, text} / {id, source} per line")
    ap.add_argument("--output", required=True, help="a folder that does not exist yet (or --overwrite)")
    ap.add_argument("--textpipe", default=shutil.which("textpipe") or "textpipe",
                    help="the textpipe binary, at this path on every worker (default: textpipe on PATH)")
    ap.add_argument("--partitions", type=int, default=0, help="least number of partitions (default: Spark's parallelism)")
    ap.add_argument("--workers", type=int, default=1, help="textpipe threads per task (match spark.task.cpus)")
    ap.add_argument("--master", default=None, help="e.g. local[2] or spark://host:7077 (default: spark-submit's)")
    ap.add_argument("--overwrite", action="store_true", help="replace an existing output folder")
    ap.add_argument("--format", choices=["jsonl", "parquet"], default="jsonl",
                    help="documents and errors as JSON Lines text parts (default) or as Parquet")
    args = ap.parse_args(argv)

    output = os.path.abspath(args.output)
    if os.path.exists(output):
        if not args.overwrite:
            ap.error(f"{output} exists (use --overwrite to replace it)")
        shutil.rmtree(output)
    textpipe = os.path.abspath(args.textpipe) if os.sep in args.textpipe else (shutil.which(args.textpipe) or args.textpipe)

    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("textpipe").config("spark.ui.showConsoleProgress", "false")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    try:
        input_path = args.input if "://" in args.input else os.path.abspath(args.input)
        stats_lines, counts = run(spark, os.path.abspath(args.pipeline), input_path, output,
                                  textpipe, args.partitions, args.workers, args.format)
    finally:
        spark.stop()
    merged = merge_statistics(textpipe, stats_lines, output)
    print(f"textpipe on Spark: {counts.get('inputs', 0)} inputs in {len(stats_lines)} partitions: "
          f"{counts.get('documents', 0)} documents, {counts.get('failed', 0)} failed, {counts.get('dropped', 0)} dropped"
          f"{'; statistics merged' if merged else ''} -> {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
