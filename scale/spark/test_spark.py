#!/usr/bin/env python3
"""Integration test: runs textpipe on Spark for real and checks it against one process.

Builds a JSON Lines corpus from Samples/ (as {"source": path} lines, so every page keeps its
own bytes and charset), runs `textpipe stream` on it once in a single process, then runs
scale/spark/textpipe_spark.py on it twice — with master local[2], and against a standalone
master and worker started here on 127.0.0.1 — and checks that documents, errors and merged
statistics are equal. Finally checks that a failing textpipe fails the Spark job.

    python scale/spark/test_spark.py --textpipe .build/release/textpipe

Needs pyspark (pip install pyspark) and Java 17.
"""
import argparse
import glob
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
JOB = os.path.join(HERE, "textpipe_spark.py")


def corpus(path, copies):
    samples = sorted(p for p in glob.glob(os.path.join(ROOT, "Samples", "*"))
                     if not p.endswith(("README.md", ".json")))
    with open(path, "w") as f:
        for c in range(copies):
            for p in samples:
                f.write(json.dumps({"id": f"{c}-{os.path.basename(p)}", "source": p}) + "\n")
    return copies * len(samples)


def single_run(textpipe, pipeline, corpus_path, work):
    with open(corpus_path) as stdin:
        out = subprocess.run([textpipe, "stream", pipeline, "--emit-stats", "--log-level", "error"], stdin=stdin,
                             capture_output=True, text=True, check=True).stdout.splitlines()
    stats = [l for l in out if l.startswith('{"stats":')]
    records = [l for l in out if not l.startswith('{"stats":')]
    assert len(stats) == 1, "expected one statistics line"
    part = os.path.join(work, "single-stats.json")
    with open(part, "w") as f:
        f.write(stats[0])
    merged = os.path.join(work, "single-merged.json")
    subprocess.run([textpipe, "stats", "merge", part, "-o", merged], check=True)
    docs = [l for l in records if "error" not in json.loads(l)]
    errors = [l for l in records if "error" in json.loads(l)]
    return docs, errors, comparable_stats(merged)


def comparable_stats(path):
    with open(path) as f:
        return json.load(f)


def read_parts(folder):
    lines = []
    for p in sorted(glob.glob(os.path.join(folder, "part-*"))):
        with open(p) as f:
            lines += f.read().splitlines()
    return lines


def spark_run(python, textpipe, pipeline, corpus_path, out, master, partitions):
    t = time.monotonic()
    subprocess.run([python, JOB, "--pipeline", pipeline, "--input", corpus_path, "--output", out,
                    "--textpipe", textpipe, "--master", master, "--partitions", str(partitions)],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.monotonic() - t, read_parts(os.path.join(out, "documents")), read_parts(os.path.join(out, "errors")), \
        comparable_stats(os.path.join(out, "stats.json"))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_standalone(work):
    import pyspark
    spark_class = os.path.join(os.path.dirname(pyspark.__file__), "bin", "spark-class")
    port, ui = free_port(), free_port()
    env = dict(os.environ, SPARK_LOCAL_IP="127.0.0.1", SPARK_LOG_DIR=work)
    log = open(os.path.join(work, "standalone.log"), "w")
    master = subprocess.Popen([spark_class, "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
                               "--port", str(port), "--webui-port", str(ui)], env=env, stdout=log, stderr=log,
                              start_new_session=True)
    url = f"spark://127.0.0.1:{port}"
    worker = subprocess.Popen([spark_class, "org.apache.spark.deploy.worker.Worker", url, "--host", "127.0.0.1",
                               "--cores", "2", "--memory", "2g", "--webui-port", str(free_port())],
                              env=env, stdout=log, stderr=log, start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        log.flush()
        with open(os.path.join(work, "standalone.log")) as f:
            if "Successfully registered with master" in f.read():
                return url, [master, worker]
        time.sleep(1)
    stop([master, worker])
    raise SystemExit("the standalone Spark worker did not register within 120 s")


def stop(processes):
    for p in processes:
        try:
            os.killpg(p.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
    for p in processes:
        try:
            p.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)


def check(name, got, want):
    docs, errors, stats = got
    ok = docs == want[0] and errors == want[1] and stats == want[2]
    print(f"  {name}: documents {'equal' if docs == want[0] else 'DIFFER'} ({len(docs)}), "
          f"errors {'equal' if errors == want[1] else 'DIFFER'} ({len(errors)}), "
          f"statistics {'equal' if stats == want[2] else 'DIFFER'}")
    return ok


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--textpipe", required=True)
    ap.add_argument("--pipeline", default=os.path.join(ROOT, "Pipelines", "stream.yaml"))
    ap.add_argument("--copies", type=int, default=8, help="copies of Samples/ in the corpus")
    args = ap.parse_args()
    textpipe = os.path.abspath(args.textpipe)
    python = sys.executable
    ok = True
    with tempfile.TemporaryDirectory(prefix="textpipe-spark-") as work:
        corpus_path = os.path.join(work, "corpus.jsonl")
        n = corpus(corpus_path, args.copies)
        t = time.monotonic()
        want = single_run(textpipe, args.pipeline, corpus_path, work)
        print(f"single process: {n} inputs in {time.monotonic() - t:.1f} s")

        seconds, *got = spark_run(python, textpipe, args.pipeline, corpus_path, os.path.join(work, "local"), "local[2]", 4)
        print(f"Spark local[2], 4 partitions: {seconds:.1f} s")
        ok &= check("local[2]", got, want)

        url, processes = start_standalone(work)
        try:
            seconds, *got = spark_run(python, textpipe, args.pipeline, corpus_path, os.path.join(work, "standalone"), url, 4)
            print(f"Spark standalone ({url}, 1 worker, 2 cores), 4 partitions: {seconds:.1f} s")
            ok &= check("standalone", got, want)
        finally:
            stop(processes)

        failing = subprocess.run([python, JOB, "--pipeline", args.pipeline, "--input", corpus_path,
                                  "--output", os.path.join(work, "failing"), "--textpipe", "/bin/false",
                                  "--master", "local[2]"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        print(f"  a failing textpipe fails the job: {'yes' if failing.returncode != 0 else 'NO'}")
        ok &= failing.returncode != 0
    print("Spark integration test: " + ("passed" if ok else "FAILED"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
