"""Throwaway PostgreSQL and Redis instances on loopback ports, for fault drills.

The drills stop and restart these freely; the machine's shared services are never touched.
`python -m tests.faults.run` starts both, points DATABASE_URL and REDIS_URL at them, runs
`pytest tests/faults -m faults` and removes everything afterwards, even on failure.
"""

import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path


def _pg_bin() -> Path:
    """FAULTS_PG_BIN, else the newest Debian PostgreSQL server installed."""
    if os.environ.get("FAULTS_PG_BIN"):
        return Path(os.environ["FAULTS_PG_BIN"])
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parts[-3]))
    return found[-1].parent if found else Path("/usr/lib/postgresql/15/bin")


HOST = "127.0.0.1"


def _port(variable: str, preferred: int) -> int:
    """The port named in `variable`, else `preferred` if free, else any free loopback port.

    A second drill run on the same machine must not collide with the first.
    """
    if os.environ.get(variable):
        return int(os.environ[variable])
    for candidate in (preferred, 0):
        with socket.socket() as probe:
            # Servers bind with SO_REUSEADDR, so connections left in TIME_WAIT do not count.
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind((HOST, candidate))
            except OSError:
                continue
            return probe.getsockname()[1]
    raise RuntimeError("no free loopback port")


PG_BIN = _pg_bin()
PG_PORT = _port("FAULTS_PG_PORT", 55432)
REDIS_PORT = _port("FAULTS_REDIS_PORT", 56379)


def _wait_port(port: int, *, up: bool, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection((HOST, port), timeout=0.5):
                if up:
                    return
        except OSError:
            if not up:
                return
        time.sleep(0.1)
    raise TimeoutError(f"port {port} still {'closed' if up else 'open'} after {timeout}s")


def _as_postgres() -> list[str]:
    # initdb refuses to run as root.
    return ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []


class PrivatePostgres:
    def __init__(self, folder: Path, port: int = PG_PORT):
        self.folder = folder
        self.data = folder / "data"
        self.port = port
        self.url = f"postgres://postgres@{HOST}:{port}/postgres"

    def _run(self, *args: str, timeout: float = 60) -> None:
        subprocess.run(
            [*_as_postgres(), *args],
            check=True,
            timeout=timeout,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )

    def init(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
        self._run(
            str(PG_BIN / "initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust",
            "--no-sync", "-E", "UTF8", "--locale=C.UTF-8",
        )  # fmt: skip

    def start(self) -> None:
        options = (
            f"-p {self.port} -k {self.folder} -c listen_addresses={HOST} -c fsync=off"
            " -c full_page_writes=off -c max_connections=200"
        )
        self._run(
            str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-o", options, "-w", "-t", "30",
            "-l", str(self.folder / "server.log"), "start",
        )  # fmt: skip
        _wait_port(self.port, up=True)

    def stop(self, mode: str = "fast") -> None:
        if not (self.data / "postmaster.pid").exists():
            return
        self._run(
            str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "-t", "30", "stop"
        )

    def restart(self) -> None:
        self.stop()
        self.start()

    def remove(self) -> None:
        try:
            self.stop("immediate")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


class PrivateRedis:
    def __init__(self, folder: Path, port: int = REDIS_PORT):
        self.folder = folder
        self.port = port
        self.url = f"redis://{HOST}:{port}/0"
        self.process: subprocess.Popen | None = None

    @property
    def pidfile(self) -> Path:
        return self.folder / "redis.pid"

    def start(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        self._log = open(self.folder / "redis.log", "ab")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [
                "redis-server", "--port", str(self.port), "--bind", HOST, "--save", "",
                "--appendonly", "no", "--daemonize", "no", "--dir", str(self.folder),
                "--pidfile", str(self.pidfile),
            ],
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        self.pidfile.write_text(str(self.process.pid))
        _wait_port(self.port, up=True)

    def stop(self) -> None:
        """Kill it outright: queued messages are lost, as in a crash without persistence."""
        # The instance may have been restarted by another process: its pid file names it.
        pids = {self.process.pid} if self.process is not None else set()
        if self.pidfile.exists():
            pids.add(int(self.pidfile.read_text().strip() or 0))
        for pid in pids - {0}:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        if self.process is not None:
            self.process.wait(timeout=10)
            self._log.close()
            self.process = None
        self.pidfile.unlink(missing_ok=True)
        _wait_port(self.port, up=False)

    def restart(self) -> None:
        self.stop()
        self.start()

    def remove(self) -> None:
        try:
            self.stop()
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)
