"""A throwaway one-node Slurm cluster on 127.0.0.1, for tests.

Everything lives in one scratch folder: a fresh munge key and socket (so it neither needs nor
touches /etc/munge), slurm.conf with free ports, state, spool, pid and log files. munged,
slurmctld and slurmd run in the foreground as children of this process, each in its own
session, and are stopped (TERM, then KILL) when the `with` block ends, whatever happens in it.
Commands reach the cluster through SLURM_CONF=<folder>/slurm.conf. Needs root (slurmd runs
jobs as their user) and the Debian packages slurmctld, slurmd, slurm-client and munge.
"""
import os
import signal
import socket
import subprocess
import time

CONF = """\
ClusterName=textpipetest
SlurmctldHost=localhost(127.0.0.1)
SlurmctldPort={ctld_port}
SlurmdPort={slurmd_port}
AuthType=auth/munge
AuthInfo=socket={dir}/munge.sock
CredType=cred/munge
StateSaveLocation={dir}/state
SlurmdSpoolDir={dir}/spool
SlurmctldPidFile={dir}/slurmctld.pid
SlurmdPidFile={dir}/slurmd.pid
SlurmctldLogFile={dir}/slurmctld.log
SlurmdLogFile={dir}/slurmd.log
SlurmUser=root
SlurmdUser=root
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MpiDefault=none
SchedulerType=sched/builtin
SchedulerParameters=sched_interval=1
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MinJobAge=600
NodeName=localhost NodeAddr=127.0.0.1 CPUs={cpus} RealMemory=1000 State=UNKNOWN
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP
"""

ENDED = {"COMPLETED", "FAILED", "CANCELLED", "TIMEOUT", "NODE_FAIL", "OUT_OF_MEMORY", "PREEMPTED", "BOOT_FAIL", "DEADLINE"}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LocalSlurm:
    def __init__(self, folder, cpus=None):
        self.dir = os.path.abspath(folder)
        self.conf = os.path.join(self.dir, "slurm.conf")
        self.cpus = cpus or os.cpu_count() or 1
        self.processes = []

    def __enter__(self):
        for sub in ("state", "spool"):
            os.makedirs(os.path.join(self.dir, sub), exist_ok=True)
        key = os.path.join(self.dir, "munge.key")
        with open(key, "wb") as f:
            f.write(os.urandom(1024))
        os.chmod(key, 0o600)
        with open(self.conf, "w") as f:
            f.write(CONF.format(dir=self.dir, ctld_port=free_port(), slurmd_port=free_port(), cpus=self.cpus))
        try:
            self._start("munged", ["munged", "-F", "-f", f"--socket={self.dir}/munge.sock", f"--key-file={key}",
                                   f"--pid-file={self.dir}/munged.pid", f"--seed-file={self.dir}/munged.seed",
                                   f"--log-file={self.dir}/munged.log"])
            self._until(lambda: os.path.exists(f"{self.dir}/munge.sock"), "munged did not start")
            self._start("slurmctld", ["slurmctld", "-D", "-i", "-f", self.conf])
            self._start("slurmd", ["slurmd", "-D", "-N", "localhost", "-f", self.conf])
            self._until(self._node_idle, "the Slurm node did not come up")
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def __exit__(self, *exc):
        for p in reversed(self.processes):
            if p.poll() is None:
                os.killpg(p.pid, signal.SIGTERM)
        for p in reversed(self.processes):
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
                p.wait()
        self.processes = []

    def _start(self, name, argv):
        log = open(os.path.join(self.dir, f"{name}.out"), "w")
        self.processes.append(subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                               env=self.env(), start_new_session=True))

    def env(self):
        return dict(os.environ, SLURM_CONF=self.conf)

    def _until(self, ready, message, seconds=60):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if any(p.poll() is not None for p in self.processes):
                break
            if ready():
                return
            time.sleep(0.5)
        logs = []
        for name in ("munged.out", "slurmctld.out", "slurmd.out"):
            path = os.path.join(self.dir, name)
            if os.path.exists(path):
                logs.append(f"--- {name}\n" + open(path).read()[-2000:])
        raise RuntimeError(message + "\n" + "\n".join(logs))

    def _node_idle(self):
        r = subprocess.run(["sinfo", "-h", "-o", "%T"], env=self.env(), capture_output=True, text=True)
        return r.returncode == 0 and r.stdout.strip() == "idle"

    def state(self, job):
        """The state of a job; for an array, the worst of its tasks' states."""
        r = subprocess.run(["scontrol", "-o", "show", "job", job], env=self.env(), capture_output=True, text=True)
        states = [field.split("=", 1)[1] for line in r.stdout.splitlines()
                  for field in line.split() if field.startswith("JobState=")]
        for worst in ("FAILED", "CANCELLED", "TIMEOUT", "NODE_FAIL", "OUT_OF_MEMORY", "RUNNING", "PENDING"):
            if worst in states:
                return worst
        return states[0] if states else "UNKNOWN"

    def wait(self, jobs, seconds=120):
        """Waits until every job has ended; returns {job: state}."""
        deadline = time.monotonic() + seconds
        while True:
            states = {j: self.state(j) for j in jobs}
            if all(s in ENDED for s in states.values()) or time.monotonic() > deadline:
                return states
            time.sleep(1)
