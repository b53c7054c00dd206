"""A small closed-loop load generator for loopback only: N threads, each a signed-in person.

Each thread sends a request, waits for the answer and sends the next, for a fixed duration.
Keep-alive connections (http.client); latencies are per request, percentiles over all of them.
"""

import http.client
import json
import os
import random
import secrets
import statistics
import threading
import time
from urllib.parse import urlencode

HOST = "127.0.0.1"


def percentile(values, p):
    if not values:
        return None
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[k]


def run(
    port: int,
    sessions: dict,
    *,
    users: int,
    seconds: float,
    scenario: str,
    seed: int = 1,
    stagger: float = 0,
):
    """scenario "mixed": 80 % page reads, 20 % autosaves; "trivial": the trivial view only;
    "public": published strategies' public pages, read anonymously. With `stagger`, each user
    connects that many seconds after the one before."""
    stop_at = time.monotonic() + seconds
    latencies, errors, lock = [], [], threading.Lock()
    cookie_name = sessions["session_cookie"]
    area = sessions["area"]

    def worker(index):
        time.sleep(index * stagger)
        rng = random.Random(seed * 1000 + index)
        person = sessions["users"][index % len(sessions["users"])]
        csrf = secrets.token_hex(16)
        cookies = f"{cookie_name}={person['cookie']}; csrftoken={csrf}"
        base = f"/regions/{person['region']}/workplans/{person['workplan']}/"
        reads = [
            "/",
            f"/regions/{person['region']}/",
            base,
            "/compare/",
            "/compare/priority/?priority=2",
            "/search/?q=migrant",
            f"/handbook/areas/{area}/",
        ]
        items = [list(i) for i in person["items"]]
        conn = http.client.HTTPConnection(HOST, port, timeout=30)
        mine, bad = [], []
        saves = 0
        while time.monotonic() < stop_at:
            if scenario == "trivial":
                method, path, body = "GET", "/bench-trivial/", None
            elif scenario == "public":
                method, path, body = "GET", rng.choice(sessions["public"]), None
            elif rng.random() < 0.2:
                item = items[saves % len(items)]
                saves += 1
                method, path = "POST", f"{base}items/{item[0]}/"
                body = urlencode(
                    {
                        "status": "in_progress",
                        "evidence": f"Autosaved note {saves}",
                        "link": "",
                        "version": item[1],
                    }
                )
            else:
                method, path, body = "GET", rng.choice(reads), None
            headers = {"Host": f"{HOST}:{port}"}
            if scenario != "public":
                headers["Cookie"] = cookies
            if method == "POST":
                headers.update(
                    {
                        "Content-Type": "application/x-www-form-urlencoded",
                        "X-CSRFToken": csrf,
                        "HX-Request": "true",
                        # As from the editor's page, which the answer's figures update.
                        "HX-Current-URL": f"http://{HOST}:{port}{base}",
                    }
                )
            started = time.perf_counter()
            try:
                conn.request(method, path, body=body, headers=headers)
                reply = conn.getresponse()
                reply.read()
                status = reply.status
                if reply.getheader("Connection", "").lower() == "close":
                    conn.close()
            except (OSError, http.client.HTTPException) as error:
                status = f"{type(error).__name__}"
                conn.close()
                conn = http.client.HTTPConnection(HOST, port, timeout=30)
            elapsed = (time.perf_counter() - started) * 1000
            if status == 200:
                mine.append(elapsed)
                if method == "POST":
                    item[1] += 1
            else:
                bad.append(f"{method} {path} -> {status}")
        conn.close()
        with lock:
            latencies.extend(mine)
            errors.extend(bad)

    started = time.monotonic()
    threads = [threading.Thread(target=worker, args=(i,)) for i in range(users)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    total = len(latencies) + len(errors)
    return {
        "scenario": scenario,
        "users": users,
        "seconds": round(elapsed, 1),
        "requests": total,
        "errors": len(errors),
        "error_samples": sorted(set(errors))[:5],
        "throughput_rps": round(total / elapsed, 1),
        "p50_ms": round(statistics.median(latencies), 1) if latencies else None,
        "p95_ms": round(percentile(latencies, 95), 1) if latencies else None,
        "p99_ms": round(percentile(latencies, 99), 1) if latencies else None,
    }


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--sessions", required=True)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--scenario", default="mixed")
    args = parser.parse_args()
    with open(args.sessions) as f:
        data = json.load(f)
    print(
        json.dumps(
            run(args.port, data, users=args.users, seconds=args.seconds, scenario=args.scenario)
        )
    )


def cpu_seconds() -> dict:
    """CPU seconds used so far by the server's processes (gunicorn), PostgreSQL's and this one
    (the load generator), read from /proc; {} where there is no /proc."""
    if not os.path.isdir("/proc"):
        return {}
    tick = os.sysconf("SC_CLK_TCK")
    used = {"server": 0.0, "postgres": 0.0}
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/stat") as stat, open(f"/proc/{pid}/cmdline", "rb") as cmd:
                fields, command = stat.read().rsplit(")", 1)[1].split(), cmd.read()
        except OSError:
            continue
        kind = "server" if b"gunicorn" in command else "postgres" if b"postgres" in command else ""
        if kind:
            used[kind] += (int(fields[11]) + int(fields[12])) / tick
    me = os.times()
    used["generator"] = me.user + me.system
    return used


def with_cpu(result: dict, before: dict, after: dict) -> dict:
    """`result` with the CPU milliseconds each kind of process spent per request."""
    if before and after and result["requests"]:
        result["cpu_ms_per_request"] = {
            kind: round((after[kind] - before[kind]) / result["requests"] * 1000, 2)
            for kind in before
        }
    return result
