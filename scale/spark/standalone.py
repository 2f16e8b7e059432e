"""A throwaway Spark standalone cluster on 127.0.0.1 (one master, one worker), for tests.

The master and the worker run in the foreground (`spark-class`) as children of this process,
each in its own session, with free ports, and with their logs and the worker's work folder in
a scratch folder (not in the pyspark package). They are stopped (TERM, then KILL, the whole
process group, so the executors go too) when the `with` block ends, whatever happens in it.
"""
import os
import signal
import socket
import subprocess
import time


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Standalone:
    def __init__(self, folder, cores=2, memory="2g"):
        self.dir = os.path.abspath(folder)
        self.cores, self.memory = cores, memory
        self.processes = []
        self.url = None
        self.startup_seconds = 0.0

    def __enter__(self):
        import pyspark

        t = time.monotonic()
        os.makedirs(os.path.join(self.dir, "worker"), exist_ok=True)
        spark_class = os.path.join(os.path.dirname(pyspark.__file__), "bin", "spark-class")
        port = free_port()
        self.url = f"spark://127.0.0.1:{port}"
        env = dict(os.environ, SPARK_LOCAL_IP="127.0.0.1", SPARK_LOG_DIR=self.dir,
                   SPARK_WORKER_DIR=os.path.join(self.dir, "worker"))
        try:
            self._start("master", [spark_class, "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
                                   "--port", str(port), "--webui-port", str(free_port())], env)
            self._start("worker", [spark_class, "org.apache.spark.deploy.worker.Worker", self.url, "--host", "127.0.0.1",
                                   "--cores", str(self.cores), "--memory", self.memory,
                                   "--webui-port", str(free_port())], env)
            self._until(lambda: "Successfully registered with master" in self._log("worker"),
                        "the standalone Spark worker did not register with the master")
        except BaseException:
            self.__exit__(None, None, None)
            raise
        self.startup_seconds = time.monotonic() - t
        return self

    def __exit__(self, *exc):
        for p in reversed(self.processes):
            if p.poll() is None:
                os.killpg(p.pid, signal.SIGTERM)
        for p in reversed(self.processes):
            try:
                p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
                p.wait()
        self.processes = []

    def _start(self, name, argv, env):
        log = open(os.path.join(self.dir, f"{name}.log"), "w")
        self.processes.append(subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                               env=env, start_new_session=True))

    def _log(self, name):
        with open(os.path.join(self.dir, f"{name}.log"), errors="replace") as f:
            return f.read()

    def _until(self, ready, message, seconds=120):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if any(p.poll() is not None for p in self.processes):
                break
            if ready():
                return
            time.sleep(0.5)
        raise RuntimeError(message + "\n--- master\n" + self._log("master")[-2000:]
                           + "\n--- worker\n" + self._log("worker")[-2000:])
