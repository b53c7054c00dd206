"""`make faults`: private PostgreSQL and Redis, then `pytest tests/faults -m faults` against them.

Extra arguments go to pytest. Exits with pytest's status; the instances and their folder are
removed whatever happens.
"""

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.faults.services import PrivatePostgres, PrivateRedis

# A whole drill run must end even if something hangs.
RUN_TIMEOUT = int(os.environ.get("FAULTS_TIMEOUT", "1500"))


def _kill_leftovers(pids: Path) -> None:
    """Servers and workers the drills started (process group leaders), should any remain."""
    if not pids.exists():
        return
    for pid in {int(line) for line in pids.read_text().split()}:
        try:
            os.killpg(pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass


def main(argv: list[str]) -> int:
    folder = Path(tempfile.mkdtemp(prefix="eubelong-faults-"))
    os.chmod(folder, 0o755)  # noqa: S103 - the postgres user must reach its folder inside
    postgres = PrivatePostgres(folder / "postgres")
    redis = PrivateRedis(folder / "redis")
    pids = folder / "pids"
    try:
        postgres.init()
        postgres.start()
        redis.start()
        env = {
            **os.environ,
            "DATABASE_URL": postgres.url,
            "REDIS_URL": redis.url,
            "FAULTS_PGDATA_FOLDER": str(postgres.folder),
            "FAULTS_REDIS_FOLDER": str(redis.folder),
            "FAULTS_PG_PORT": str(postgres.port),
            "FAULTS_REDIS_PORT": str(redis.port),
            "FAULTS_PIDS": str(pids),
        }
        command = [sys.executable, "-m", "pytest", "tests/faults", "-m", "faults", *argv]
        tests = subprocess.Popen(command, env=env)
        try:
            return tests.wait(timeout=RUN_TIMEOUT)
        except subprocess.TimeoutExpired:
            print(f"fault drills did not finish within {RUN_TIMEOUT}s", file=sys.stderr)
            tests.send_signal(signal.SIGINT)  # pytest still runs its finalizers
            try:
                tests.wait(timeout=60)
            except subprocess.TimeoutExpired:
                tests.kill()
                tests.wait()
            return 1
    finally:
        _kill_leftovers(pids)
        redis.remove()
        postgres.remove()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
