"""Live pages under load: 200 open event streams on one workplan while 10 people save its items,
served as shipped (gunicorn with uvicorn workers, the ASGI application, Redis between the two
processes). Measures how long each save takes to reach every stream, and what the streams cost
ordinary pages: the mixed load's throughput without and with them, in alternating pairs (the
median pair's drop is the result).

    .venv/bin/python bench/live_bench.py --database URL --sessions FILE --json OUT

Run by bench/run.py after the load test, on the largest database and its sessions. Needs Redis
(BENCH_REDIS, default redis://127.0.0.1:6379/7, flushed first).
"""

import argparse
import asyncio
import contextlib
import json
import multiprocessing
import os
import re
import secrets
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.load import percentile, run  # noqa: E402

HOST = "127.0.0.1"
VERSION = re.compile(r'name="version" value="(\d+)"')
# As the load test's (bench/run.py): every page thread's connection has prepared its statements.
WARM_UP = 15
# A uvicorn worker accepts every connection waiting when it wakes: the page load's connections,
# opened at once, landed all on one worker in some phases and halved their throughput. Browsers
# connect one after another; so do the bench's users, 50 ms apart.
STAGGER = 0.05


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serving(database: str, redis: str, workers: int):
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": database,
        "REDIS_URL": redis,
        "GUNICORN_BIND": f"{HOST}:{port}",
        "GUNICORN_WORKERS": str(workers),
        # 200 streams from the bench's few signed-in people: one person, many tabs.
        "LIVE_STREAMS_PER_PERSON": "100000",
        "LIVE_RECHECK": os.environ.get("LIVE_RECHECK", "5"),
        "RATELIMIT_SEARCH": "100000/m",
    }
    gunicorn = Path(sys.executable).parent / "gunicorn"
    server = subprocess.Popen(
        [
            str(gunicorn),
            "-c",
            "python:eubelong.gunicorn_conf",
            "eubelong.asgi:application",
            "--log-level",
            "warning",
            "--access-logfile",
            "/dev/null",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        for _ in range(150):
            try:
                socket.create_connection((HOST, port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        yield port, f"gunicorn with {workers} uvicorn workers (ASGI), Redis between them"
    finally:
        server.terminate()
        try:
            server.wait(timeout=40)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


class Deliveries:
    """When each save was sent, and when each stream heard of it. A save is known by its item:
    a saver comes back to an item only seconds later, long after its event has arrived."""

    def __init__(self):
        self.sent: dict[str, float] = {}
        self.saves = 0
        self.closed = 0  # streams the server ended (a role or session gone)
        self.events: set[tuple[str, int]] = set()  # the changes any stream heard of
        self.latencies: list[float] = []
        self.lock = threading.Lock()

    def saving(self, item: str, at: float) -> None:
        with self.lock:
            self.sent[item] = at

    def saved(self) -> None:
        with self.lock:
            self.saves += 1

    def arrived(self, item: str, version: int) -> None:
        now = time.perf_counter()
        with self.lock:
            self.events.add((item, version))
            at = self.sent.get(item)
            if at is not None:
                self.latencies.append((now - at) * 1000)


async def stream(port, path, cookie, deliveries, opened, stop):
    reader, writer = await asyncio.open_connection(HOST, port)
    writer.write(
        f"GET {path} HTTP/1.1\r\nHost: {HOST}:{port}\r\nCookie: {cookie}\r\n"
        "Accept: text/event-stream\r\n\r\n".encode()
    )
    await writer.drain()
    status = (await reader.readline()).decode()
    while (await reader.readline()) not in (b"\r\n", b""):
        pass
    if " 200 " not in status:
        writer.close()
        raise RuntimeError(f"stream refused: {status.strip()}")
    opened.append(1)
    buffer = b""
    try:
        while not stop.is_set():
            chunk = await asyncio.wait_for(reader.read(65536), timeout=30)
            if not chunk:
                break
            buffer += chunk
            # Frames end with a blank line; only item events are looked at, and cheaply.
            *frames, buffer = buffer.split(b"\n\n")
            for frame in frames:
                if b"event: closed" in frame:
                    deliveries.closed += 1
                at = frame.find(b"event: item\ndata: ")
                if at >= 0:
                    data = json.loads(frame[at + 18 :].split(b"\r\n", 1)[0])
                    deliveries.arrived(data["item"], data["version"])
    finally:
        writer.close()


def saver(port, cookie, base, items, deliveries, stop, period):
    """One person saving items in turn, once per `period` seconds."""
    import http.client

    csrf = secrets.token_hex(16)
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    headers = {"Host": f"{HOST}:{port}", "Cookie": f"{cookie}; csrftoken={csrf}"}
    for item in items:  # the versions as they are now: the sessions file's are older
        conn.request(
            "GET", f"{base}items/{item[0]}/row/", headers={**headers, "HX-Request": "true"}
        )
        reply = conn.getresponse()
        found = VERSION.search(reply.read().decode())
        if found:
            item[1] = int(found.group(1))
    n = 0
    while not stop.is_set():
        started = time.perf_counter()
        item = items[n % len(items)]
        n += 1
        body = urlencode(
            {"status": "in_progress", "evidence": f"Live {n}", "link": "", "version": item[1]}
        )
        deliveries.saving(item[0].replace("-", ""), time.perf_counter())
        conn.request(
            "POST",
            f"{base}items/{item[0]}/",
            body=body,
            headers={
                "Host": f"{HOST}:{port}",
                "Cookie": f"{cookie}; csrftoken={csrf}",
                "Content-Type": "application/x-www-form-urlencoded",
                "X-CSRFToken": csrf,
                "HX-Request": "true",
            },
        )
        reply = conn.getresponse()
        page = reply.read().decode()
        # Every answer carries the answer's version now: a save refused as a conflict (this
        # session's version was behind) is sent again with it next time round.
        version = VERSION.search(page)
        if version:
            item[1] = int(version.group(1))
        if reply.status == 200 and "save-ok" in page:
            deliveries.saved()
        stop.wait(max(0.0, period - (time.perf_counter() - started)))
    conn.close()


def live_load(port, sessions, *, streams, savers, period, opened, saving, stop, results):
    """The streams and the savers, in a process of their own (`hold`): in the page load's
    process, their reads and the page threads would take turns at one interpreter lock, and
    the pages' throughput would measure the bench's contention as well as the server's."""
    # The last person's workplan: the mixed load (fewer users than sessions) never saves there.
    person = sessions["users"][-1]
    cookie = f"{sessions['session_cookie']}={person['cookie']}"
    base = f"/regions/{person['region']}/workplans/{person['workplan']}/"
    deliveries, held = Deliveries(), []
    quit_ = threading.Event()
    loop = asyncio.new_event_loop()

    async def hold():
        tasks = [
            asyncio.create_task(
                stream(port, f"{base}live/?conn={n:016x}", cookie, deliveries, held, quit_)
            )
            for n in range(streams)
        ]
        while not quit_.is_set():
            opened.value = len(held)
            await asyncio.sleep(0.2)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    holder = threading.Thread(target=lambda: loop.run_until_complete(hold()))
    holder.start()
    deadline = time.monotonic() + 60
    while len(held) < streams and time.monotonic() < deadline:
        time.sleep(0.2)
    opened.value = len(held)
    items = [list(i) for i in person["items"]]
    done_saving = threading.Event()
    threads = [
        threading.Thread(
            target=saver,
            args=(port, cookie, base, items[k::savers], deliveries, done_saving, period),
        )
        for k in range(savers)
    ]
    for t in threads:
        t.start()
    saving.wait()
    done_saving.set()
    for t in threads:
        t.join()
    stop.wait()
    quit_.set()
    holder.join(timeout=40)
    results.put(
        {
            "opened": len(held),
            "saves": deliveries.saves,
            "events": len(deliveries.events),
            "closed": deliveries.closed,
            "latencies": deliveries.latencies,
        }
    )


def pages(port, sessions, users, seconds, seed):
    """The mixed signed-in load, its users connecting one after another."""
    return run(
        port, sessions, users=users, seconds=seconds, scenario="mixed", stagger=STAGGER, seed=seed
    )


def with_streams(port, sessions, args, seed):
    """One phase with the streams open and the savers saving: the page load's result, and what
    the streams heard (`live_load`, in its own process)."""
    spawn = multiprocessing.get_context("spawn")
    opened, saving, stop = spawn.Value("i", 0), spawn.Event(), spawn.Event()
    results = spawn.Queue()
    holder = spawn.Process(
        target=live_load,
        args=(port, sessions),
        kwargs={
            "streams": args.streams,
            "savers": args.savers,
            "period": args.period,
            "opened": opened,
            "saving": saving,
            "stop": stop,
            "results": results,
        },
    )
    holder.start()
    deadline = time.monotonic() + 90
    while opened.value < args.streams and time.monotonic() < deadline:
        time.sleep(0.2)
    time.sleep(1)  # the savers' first reads
    busy = pages(port, sessions, args.users, args.seconds, seed)
    saving.set()
    time.sleep(3)  # the last saves' events on their way
    stop.set()
    held = results.get(timeout=60)
    holder.join(timeout=30)
    return busy, held


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", required=True)
    parser.add_argument("--sessions", required=True)
    parser.add_argument("--json", required=True)
    parser.add_argument("--streams", type=int, default=200)
    parser.add_argument("--savers", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=10, help="each phase")
    parser.add_argument("--pairs", type=int, default=3)
    parser.add_argument("--users", type=int, default=10)
    # A person editing steadily saves an item every few seconds (each field they leave).
    parser.add_argument("--period", type=float, default=3.0)
    args = parser.parse_args()
    redis = os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379/7")
    import redis as redis_client

    try:
        redis_client.Redis.from_url(redis, socket_connect_timeout=2).flushdb()
    except Exception as error:  # noqa: BLE001
        print(f"live bench skipped: Redis at {redis} is unreachable ({error})")
        return 0
    sessions = json.loads(Path(args.sessions).read_text())
    if len(sessions["users"]) <= args.users:
        print("live bench skipped: it needs a person the mixed load leaves alone")
        return 0
    out = {"streams": args.streams, "savers": args.savers, "period_s": args.period}
    pairs, heard = [], []
    with serving(args.database, redis, int(os.environ.get("BENCH_WORKERS", "2"))) as (
        port,
        described,
    ):
        out["server"] = described
        pages(port, sessions, args.users, WARM_UP, seed=99)
        # Alone and with the streams in turn: the machine's speed drifts within minutes, and
        # each pair's ratio is taken over a few seconds of the same speed.
        for k in range(args.pairs):
            alone = pages(port, sessions, args.users, args.seconds, seed=k)
            busy, held = with_streams(port, sessions, args, seed=50 + k)
            drop = (alone["throughput_rps"] - busy["throughput_rps"]) / alone["throughput_rps"]
            pairs.append({"alone": alone, "with_streams": busy, "drop_pct": round(drop * 100, 1)})
            heard.append(held)
            print(f"pair {k + 1}: {pairs[-1]}", flush=True)
    middle = sorted(pairs, key=lambda p: p["drop_pct"])[len(pairs) // 2]
    out["pairs"] = [
        {
            "alone_rps": p["alone"]["throughput_rps"],
            "with_streams_rps": p["with_streams"]["throughput_rps"],
            "drop_pct": p["drop_pct"],
        }
        for p in pairs
    ]
    out["pages_alone"], out["pages_with_streams"] = middle["alone"], middle["with_streams"]
    out["page_drop_pct"] = middle["drop_pct"]
    out["streams_open"] = min(h["opened"] for h in heard)
    lat = [ms for h in heard for ms in h["latencies"]]
    # Every change some stream heard of, heard by every stream?
    expected = sum(h["events"] * h["opened"] for h in heard)
    out["saves"] = sum(h["saves"] for h in heard)
    out["changes"] = sum(h["events"] for h in heard)
    out["streams_ended_by_server"] = sum(h["closed"] for h in heard)
    out["deliveries"] = len(lat)
    out["delivered_share"] = round(len(lat) / expected, 4) if expected else None
    out["delivery_p50_ms"] = round(percentile(lat, 50), 1) if lat else None
    out["delivery_p95_ms"] = round(percentile(lat, 95), 1) if lat else None
    out["delivery_max_ms"] = round(max(lat), 1) if lat else None
    Path(args.json).write_text(json.dumps(out, indent=2))
    print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
