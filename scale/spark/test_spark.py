#!/usr/bin/env python3
"""Integration test: runs textpipe on Spark for real and checks it against one process.

Builds a JSON Lines corpus from Samples/ ({"id", "source": path} lines, so every page keeps its
own bytes and charset), synthetic {"id", "html"} and {"id", "text"} articles and lines whose
source is missing, runs `textpipe stream --emit-stats` over it in one process, then runs
scale/spark/textpipe_spark.py over it:

  1. with master local[2], calling textpipe through a wrapper that finds it on PATH, so the
     job works only if RDD.pipe passes the environment on (env=);
  2. against a standalone master and worker started here on 127.0.0.1 (and stopped after);
  3. with a textpipe that answers every line and then exits 3: the job must fail
     (checkCode=True) and write no statistics;
  4. with --format parquet on local[2]: the Parquet parts, read in name order with pyarrow,
     must hold the single run's documents and errors in input order.

Runs 1 and 2 must give the single run's documents and errors (in input order, the time of
reading aside) and a stats.json byte-equal to `textpipe stats merge` of the single run's
statistics line. Prints the timings.

    python scale/spark/test_spark.py --textpipe .build/release/textpipe

Needs pyspark (pip install pyspark; 4.x runs on Java 17) in the Python that runs this.
"""
import argparse
import glob
import json
import os
import subprocess
import sys
import tempfile
import time

from standalone import Standalone

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
JOB = os.path.join(HERE, "textpipe_spark.py")


WORDS = ("harbour council budget ferry winter vote river bridge museum festival market price energy tram "
         "school hospital road station library park farm storm flood season report study census bird "
         "dock strike wage union factory port train airport tunnel tower garden square theatre archive").split()
NAMES = ("Ana Lindqvist", "Tomas Berger", "Riverton", "Halvorsen Group", "Marta Okafor", "Lakeside",
         "Northern Rail", "Pietro Sala", "Eastbridge", "Tidewell", "Ines Duarte", "Kestrel Bank")


def article(rng, i):
    """A synthetic news article, distinct enough from every other that near-duplicate
    detection (SimHash) finds none: a near-duplicate is marked only within one process, so a
    corpus with copies would differ between one process and partitions by design."""
    sentences = []
    for _ in range(rng.randint(6, 14)):
        words = rng.sample(WORDS, rng.randint(6, 12))
        words.insert(rng.randint(0, len(words)), rng.choice(NAMES))
        sentences.append(" ".join(words).capitalize() + f" on day {rng.randint(1, 28)} of report {i}.")
    return sentences


def corpus(path, synthetic):
    """Samples/ as {"id", "source"} lines (every page keeps its own bytes and charset), then
    synthetic articles alternately as {"id", "html"} and {"id", "text"}, and every tenth line
    a source that does not exist."""
    import random
    rng = random.Random(9)
    samples = sorted(p for p in glob.glob(os.path.join(ROOT, "Samples", "*"))
                     if not p.endswith(("README.md", ".json")))
    n = 0
    with open(path, "w", encoding="utf-8") as f:
        def line(obj):
            nonlocal n
            f.write(json.dumps(obj, ensure_ascii=False) + "\n")
            n += 1
        for p in samples:
            line({"id": os.path.basename(p), "source": p})
        for i in range(synthetic):
            s = article(rng, i)
            if i % 10 == 9:
                line({"id": f"missing-{i}", "source": f"/nonexistent/textpipe-{i}.html"})
            elif i % 2:
                line({"id": f"text-{i}", "text": "\n\n".join(" ".join(s[k:k + 3]) for k in range(0, len(s), 3))})
            else:
                paragraphs = "".join(f"<p>{' '.join(s[k:k + 3])}</p>" for k in range(0, len(s), 3))
                line({"id": f"html-{i}", "html": f"<html><head><title>Report {i}</title></head><body>"
                      f"<nav>Home | News</nav><article><h1>Report {i}</h1>{paragraphs}</article></body></html>"})
    return n


def split(lines):
    """Stream output lines -> (documents, errors, statistics lines), records without "fetched"."""
    docs, errors, stats = [], [], []
    for l in lines:
        if l.startswith('{"stats":'):
            stats.append(l)
            continue
        r = json.loads(l)
        r.pop("fetched", None)
        (errors if "error" in r else docs if "dropped" not in r else []).append(r)
    return docs, errors, stats


def single_run(textpipe, pipeline, corpus_path, work):
    with open(corpus_path, "rb") as stdin:
        out = subprocess.run([textpipe, "stream", pipeline, "--emit-stats", "--log-level", "error"], stdin=stdin,
                             capture_output=True, check=True).stdout.decode("utf-8").splitlines()
    docs, errors, stats = split(out)
    assert len(stats) == 1, "expected one statistics line"
    part = os.path.join(work, "single.jsonl")
    with open(part, "w", encoding="utf-8") as f:
        f.write(stats[0] + "\n")
    merged = os.path.join(work, "single-stats.json")
    subprocess.run([textpipe, "stats", "merge", part, "-o", merged], check=True, stderr=subprocess.DEVNULL)
    with open(merged, "rb") as f:
        return docs, errors, f.read()


def read_parts(folder):
    lines = []
    for p in sorted(glob.glob(os.path.join(folder, "part-*"))):
        with open(p, encoding="utf-8") as f:
            lines += f.read().splitlines()
    return lines


def spark_run(textpipe, pipeline, corpus_path, out, master, partitions, env=None, extra=()):
    t = time.monotonic()
    log = out + ".log"
    with open(log, "w") as f:
        r = subprocess.run([sys.executable, JOB, "--pipeline", pipeline, "--input", corpus_path, "--output", out,
                            "--textpipe", textpipe, "--master", master, "--partitions", str(partitions), *extra],
                           stdout=f, stderr=subprocess.STDOUT, env=env or job_environment(), cwd=os.path.dirname(out))
    return r.returncode, time.monotonic() - t, log


def job_environment(**extra):
    # Executors start their Python workers with the driver's interpreter (this venv's).
    return dict(os.environ, PYSPARK_PYTHON=sys.executable, SPARK_LOCAL_IP="127.0.0.1", **extra)


def check(name, out, want):
    docs, errors, _ = split(read_parts(os.path.join(out, "documents")) + read_parts(os.path.join(out, "errors")))
    with open(os.path.join(out, "stats.json"), "rb") as f:
        stats = f.read()
    ok = docs == want[0] and errors == want[1] and stats == want[2]
    print(f"  {name}: documents {'equal' if docs == want[0] else 'DIFFER'} ({len(docs)}), "
          f"errors {'equal' if errors == want[1] else 'DIFFER'} ({len(errors)}), "
          f"stats.json {'byte-equal' if stats == want[2] else 'DIFFERS'}")
    return ok


def read_parquet(folder):
    """The rows of a folder of Parquet parts, the parts in name (so partition) order."""
    import pyarrow.parquet as pq
    rows = []
    for p in sorted(glob.glob(os.path.join(folder, "part-*.parquet"))):
        rows += pq.read_table(p).to_pylist()
    return rows


def check_parquet(name, out, want):
    """Parquet rows carry every field of the inferred schema (null where a record had none),
    so documents are compared on what every record has: id, source, text and the offsets."""
    fields = ("id", "source", "text", "paragraphs", "sentences")
    docs = [tuple(r.get(k) for k in fields) for r in read_parquet(os.path.join(out, "documents"))]
    errors = [(r["id"], r["error"]["kind"]) for r in read_parquet(os.path.join(out, "errors"))]
    want_docs = [tuple(r.get(k) for k in fields) for r in want[0]]
    want_errors = [(r["id"], r["error"]["kind"]) for r in want[1]]
    with open(os.path.join(out, "stats.json"), "rb") as f:
        stats = f.read()
    ok = docs == want_docs and errors == want_errors and stats == want[2]
    print(f"  {name}: documents {'equal' if docs == want_docs else 'DIFFER'} ({len(docs)}), "
          f"errors {'equal' if errors == want_errors else 'DIFFER'} ({len(errors)}), "
          f"stats.json {'byte-equal' if stats == want[2] else 'DIFFERS'}")
    return ok


def wrapper(path, body):
    with open(path, "w") as f:
        f.write("#!/bin/sh\n" + body + "\n")
    os.chmod(path, 0o755)
    return path


def tail(path, n=40):
    with open(path, errors="replace") as f:
        return "".join(f.readlines()[-n:])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--textpipe", required=True)
    ap.add_argument("--pipeline", default=os.path.join(ROOT, "Pipelines", "stream.yaml"))
    ap.add_argument("--synthetic", type=int, default=200, help="synthetic articles after Samples/ in the corpus")
    ap.add_argument("--partitions", type=int, default=4)
    args = ap.parse_args()
    textpipe, pipeline = os.path.abspath(args.textpipe), os.path.abspath(args.pipeline)
    passed = failed = 0

    def verdict(ok):
        nonlocal passed, failed
        passed, failed = passed + ok, failed + (not ok)

    with tempfile.TemporaryDirectory(prefix="textpipe-spark-") as work:
        corpus_path = os.path.join(work, "corpus.jsonl")
        n = corpus(corpus_path, args.synthetic)
        t = time.monotonic()
        want = single_run(textpipe, pipeline, corpus_path, work)
        print(f"single process: {n} lines in {time.monotonic() - t:.1f} s "
              f"({len(want[0])} documents, {len(want[1])} errors)")

        # 1. local[2], textpipe found through PATH by a wrapper: needs env= on RDD.pipe.
        bin_dir = os.path.join(work, "bin")
        os.makedirs(bin_dir)
        via_path = wrapper(os.path.join(bin_dir, "textpipe-via-path"), 'exec textpipe "$@"')
        env = job_environment(PATH=os.path.dirname(textpipe) + os.pathsep + os.environ.get("PATH", ""))
        out = os.path.join(work, "local")
        code, seconds, log = spark_run(via_path, pipeline, corpus_path, out, "local[2]", args.partitions, env)
        print(f"Spark local[2], {args.partitions} partitions: {seconds:.1f} s (exit {code})")
        verdict(code == 0 and check("local[2]", out, want))
        if code:
            print(tail(log), file=sys.stderr)

        # 2. A standalone master and worker on 127.0.0.1.
        with Standalone(os.path.join(work, "standalone"), cores=2) as cluster:
            print(f"standalone master and worker up in {cluster.startup_seconds:.1f} s")
            out = os.path.join(work, "on-standalone")
            code, seconds, log = spark_run(textpipe, pipeline, corpus_path, out, cluster.url, args.partitions)
            print(f"Spark standalone ({cluster.url}, 1 worker, 2 cores), {args.partitions} partitions: "
                  f"{seconds:.1f} s (exit {code})")
            verdict(code == 0 and check("standalone", out, want))
            if code:
                print(tail(log), file=sys.stderr)

        # 3. A textpipe that answers every line, then fails: the job must fail.
        failing = wrapper(os.path.join(bin_dir, "textpipe-then-fail"), f'"{textpipe}" "$@"\nexit 3')
        out = os.path.join(work, "failing")
        code, seconds, log = spark_run(failing, pipeline, corpus_path, out, "local[2]", args.partitions)
        ok = code != 0 and not os.path.exists(os.path.join(out, "stats.json")) and "PIPE_FUNCTION_EXITED" in open(log).read()
        print(f"  a failing textpipe fails the job: {'yes' if ok else 'NO'} (exit {code}, {seconds:.1f} s)")
        verdict(ok)

        # 4. Parquet instead of JSON Lines parts.
        out = os.path.join(work, "parquet")
        code, seconds, log = spark_run(textpipe, pipeline, corpus_path, out, "local[2]", args.partitions,
                                       extra=("--format", "parquet"))
        print(f"Spark local[2], --format parquet: {seconds:.1f} s (exit {code})")
        verdict(code == 0 and check_parquet("parquet", out, want))
        if code:
            print(tail(log), file=sys.stderr)
    print(f"spark: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
