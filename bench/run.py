"""`make bench`: page times at S/M/L, a load test under gunicorn, the PDF export path.

    .venv/bin/python bench/run.py [--reuse] [--sizes S,M,L] [--seconds 30]

Needs PostgreSQL: BENCH_PG (default postgres://postgres@127.0.0.1:5432) names the server; the
databases eubelong_bench_s/_m/_l are dropped and generated again unless --reuse is given and they
hold data. Writes bench/results/latest.json and latest.md and the README's table.
"""

import argparse
import contextlib
import json
import os
import platform
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PY = sys.executable
SIZES = {"S": 10, "M": 100, "L": 300}
TARGETS = {
    "ls_ratio": 3.0,
    "throughput_share": 0.20,
    "p95_ms": 250,
    "export_overhead_pct": 15,
    "public_cached_share": 0.50,
    "public_rendered_share": 0.20,
    "live_delivery_p95_ms": 2000,
    "live_page_drop_pct": 10,
}


def log(message):
    print(f"[{datetime.now(UTC):%H:%M:%S}] {message}", flush=True)


def psql(server: str, sql: str) -> str:
    return subprocess.run(
        ["psql", f"{server}/postgres", "-tAc", sql], check=True, capture_output=True, text=True
    ).stdout.strip()


def has_data(url: str) -> bool:
    done = subprocess.run(
        ["psql", url, "-tAc", "select count(*) from regions_region"],
        capture_output=True,
        text=True,
    )
    return done.returncode == 0 and done.stdout.strip() not in ("", "0")


def env_for(url: str) -> dict:
    env = dict(os.environ, DATABASE_URL=url, DJANGO_SETTINGS_MODULE="bench.settings")
    env.pop("REDIS_URL", None)  # locmem cache, tasks in-process: the bench measures our code
    return env


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serving(url: str, users: int = 20, **extra_env):
    """gunicorn on a free loopback port, as the load test runs it."""
    port = free_port()
    workers = int(os.environ.get("BENCH_WORKERS", os.cpu_count() or 2))
    threads = os.environ.get("BENCH_THREADS", "4")
    # A gthread worker takes every connection it can: the load's kept-alive connections, all
    # opened at once, would otherwise land on one worker and leave the others idle.
    per_worker = -(-users // workers)
    server = subprocess.Popen(
        [
            str(Path(PY).parent / "gunicorn"),
            "eubelong.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--worker-class",
            "gthread",
            "--workers",
            str(workers),
            "--threads",
            threads,
            "--worker-connections",
            str(per_worker),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env={**env_for(url), **extra_env},
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        yield (
            port,
            f"gunicorn gthread, {workers} workers x {threads} threads, "
            f"at most {per_worker} connections each",
        )
    finally:
        server.terminate()
        server.wait(timeout=30)


def _ms(text: str) -> float:
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return round(float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit], 1)


def wrk_trivial(port: int, sessions: dict, seconds: float, users: int) -> dict | None:
    """The trivial view under wrk, a compiled load generator that leaves the server most of the
    two cores: how much of the Python generator's ceiling is the generator's own cost."""
    if not shutil.which("wrk"):
        return None
    cookie = f"{sessions['session_cookie']}={sessions['users'][0]['cookie']}"
    done = subprocess.run(
        ["wrk", "-t2", f"-c{users}", f"-d{int(seconds)}s", "--latency", "-H", f"Cookie: {cookie}"]
        + [f"http://127.0.0.1:{port}/bench-trivial/"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)$", done, re.MULTILINE))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", done)
    return {
        "throughput_rps": round(float(re.search(r"Requests/sec:\s+([\d.]+)", done).group(1)), 1),
        "p50_ms": _ms(latency["50"]),
        "p99_ms": _ms(latency["99"]),
        "errors": int(bad.group(1)) if bad else 0,
    }


WARM_UP_SECONDS = 15


def load_test(url: str, sessions_file: Path, seconds: float, users: int) -> dict:
    sys.path.insert(0, str(ROOT))
    from bench.load import cpu_seconds, run, with_cpu

    def measured(port, scenario):
        before = cpu_seconds()
        result = run(port, sessions, users=users, seconds=seconds, scenario=scenario)
        return with_cpu(result, before, cpu_seconds())

    sessions = json.loads(sessions_file.read_text())
    with serving(url, users) as (port, described):
        # Long enough for every server thread's connection to prepare each page's statements
        # and for PostgreSQL to settle on their plans: the steady state of a running server.
        run(port, sessions, users=users, seconds=WARM_UP_SECONDS, scenario="mixed", seed=99)
        trivial = measured(port, "trivial")
        log(f"trivial: {trivial}")
        trivial_wrk = wrk_trivial(port, sessions, seconds, users)
        log(f"trivial under wrk: {trivial_wrk}")
        mixed = measured(port, "mixed")
        log(f"mixed: {mixed}")
        public = run(port, sessions, users=users, seconds=seconds, scenario="public")
        log(f"public pages, served from the page cache: {public}")
    # The same pages rendered on every request: the page cache off, nothing else changed.
    with serving(url, users, PUBLIC_PAGE_CACHE_SECONDS="0") as (port, _):
        run(port, sessions, users=users, seconds=5, scenario="public", seed=99)  # warm-up
        rendered = run(port, sessions, users=users, seconds=seconds, scenario="public")
        log(f"public pages, rendered each time: {rendered}")
    return {
        "server": described,
        "trivial": trivial,
        "trivial_wrk": trivial_wrk,
        "mixed": mixed,
        "public_cached": public,
        "public_rendered": rendered,
    }


def machine() -> dict:
    pg = subprocess.run(
        ["psql", f"{BENCH_PG}/postgres", "-tAc", "show server_version"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    return {
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "postgresql": pg,
        "platform": platform.platform(),
    }


def verdicts(data: dict) -> dict:
    pages = data["pages"]
    out = {}
    sizes = [s for s in SIZES if s in pages]
    if len(sizes) > 1:
        small, large = sizes[0], sizes[-1]
        for label in pages[small]:
            queries = {s: pages[s][label]["queries"] for s in sizes}
            ratio = pages[large][label]["median_ms"] / pages[small][label]["median_ms"]
            out[label] = {
                "queries_flat": len(set(queries.values())) == 1,
                "ratio": round(ratio, 2),
                "ratio_ok": ratio <= TARGETS["ls_ratio"],
            }
    if data.get("load"):
        mixed, trivial = data["load"]["mixed"], data["load"]["trivial"]
        share = mixed["throughput_rps"] / trivial["throughput_rps"]
        out["load"] = {
            "share": round(share, 3),
            "share_ok": share >= TARGETS["throughput_share"],
            "errors_ok": mixed["errors"] == 0,
            "p95_ok": (mixed["p95_ms"] or 1e9) < TARGETS["p95_ms"],
        }
        for kind in ("public_cached", "public_rendered"):
            if kind in data["load"]:
                ratio = data["load"][kind]["throughput_rps"] / trivial["throughput_rps"]
                out["load"][f"{kind}_share"] = round(ratio, 3)
                out["load"][f"{kind}_ok"] = (
                    ratio >= TARGETS[f"{kind}_share"] and data["load"][kind]["errors"] == 0
                )
    if data.get("live"):
        lv = data["live"]
        out["live"] = {
            "all_open": lv["streams_open"] == lv["streams"],
            "delivered_ok": (lv["delivered_share"] or 0) >= 0.999,
            "p95_ok": (lv["delivery_p95_ms"] or 1e9) < TARGETS["live_delivery_p95_ms"],
            "drop_ok": lv["page_drop_pct"] < TARGETS["live_page_drop_pct"],
        }
    if data.get("export"):
        e = data["export"]
        out["export"] = {
            "overhead_ok": e["overhead_pct"] <= TARGETS["export_overhead_pct"],
            "reuse_ok": e["repeat_reused"],
        }
    return out


def yes(ok: bool) -> str:
    return "met" if ok else "**not met**"


def table(data: dict) -> str:
    pages, v = data["pages"], data["verdicts"]
    sizes = [s for s in SIZES if s in pages]
    m = data["machine"]
    lines = [
        f"Run {data['finished']} on {m['cores']} cores, Python {m['python']}, "
        f"PostgreSQL {m['postgresql']} ({m['platform']}). The machine was shared with other work "
        "while it ran: times are medians and every ratio is taken within this one run.",
        "",
        "| page | "
        + " | ".join(f"{s} ({SIZES[s]}) ms" for s in sizes)
        + " | queries "
        + "/".join(sizes)
        + " | L/S time | queries flat | L/S ≤ 3 |",
        "| --- | " + " | ".join("---:" for _ in sizes) + " | --- | ---: | --- | --- |",
    ]
    for label in pages[sizes[0]]:
        row = v.get(label, {})
        lines.append(
            f"| {label} | "
            + " | ".join(f"{pages[s][label]['median_ms']:.1f}" for s in sizes)
            + " | "
            + "/".join(str(pages[s][label]["queries"]) for s in sizes)
            + f" | {row.get('ratio', '')} | {yes(row.get('queries_flat', False))}"
            + f" | {yes(row.get('ratio_ok', False))} |"
        )
    if data.get("load"):
        ld, lv = data["load"], v["load"]
        t, mx = ld["trivial"], ld["mixed"]
        lines += [
            "",
            f"Load test at L, {mx['users']} signed-in users, {ld['server']}, closed loop on "
            f"loopback for {mx['seconds']} s each (the load generator shares the 2 cores):",
            "",
            "| scenario | requests/s | p50 ms | p95 ms | p99 ms | errors |",
            "| --- | ---: | ---: | ---: | ---: | ---: |",
            f"| trivial view (ceiling) | {t['throughput_rps']} | {t['p50_ms']} | {t['p95_ms']} "
            f"| {t['p99_ms']} | {t['errors']} |",
            f"| mixed: 80 % reads, 20 % autosaves | {mx['throughput_rps']} | {mx['p50_ms']} "
            f"| {mx['p95_ms']} | {mx['p99_ms']} | {mx['errors']} |",
            "",
            f"Mixed throughput is {lv['share'] * 100:.1f} % of the trivial view's "
            f"(target ≥ 20 %: {yes(lv['share_ok'])}); no errors: {yes(lv['errors_ok'])}; "
            f"p95 < 250 ms: {yes(lv['p95_ok'])}.",
        ]
        if ld.get("trivial_wrk"):
            tw = ld["trivial_wrk"]
            lines[-2:-2] = [
                f"| trivial view, compiled load generator (wrk, one signed-in session) "
                f"| {tw['throughput_rps']} | {tw['p50_ms']} | – | {tw['p99_ms']} | {tw['errors']} |",
            ]
        if "public_cached" in ld:
            pc, pr = ld["public_cached"], ld["public_rendered"]
            lines[-2:-2] = [
                f"| public region pages, anonymous, from the page cache | {pc['throughput_rps']} "
                f"| {pc['p50_ms']} | {pc['p95_ms']} | {pc['p99_ms']} | {pc['errors']} |",
                f"| public region pages, anonymous, rendered each time | {pr['throughput_rps']} "
                f"| {pr['p50_ms']} | {pr['p95_ms']} | {pr['p99_ms']} | {pr['errors']} |",
            ]
            lines.append(
                f"Public region pages reach {lv['public_cached_share'] * 100:.1f} % of the trivial "
                f"view's throughput from the page cache (target ≥ 50 %: "
                f"{yes(lv['public_cached_ok'])}) and {lv['public_rendered_share'] * 100:.1f} % "
                f"rendered each time (target ≥ 20 %: {yes(lv['public_rendered_ok'])})."
            )
        if t.get("cpu_ms_per_request") and mx.get("cpu_ms_per_request"):
            tc, mc = t["cpu_ms_per_request"], mx["cpu_ms_per_request"]
            lines.append(
                "CPU per request (server / PostgreSQL / load generator): trivial view "
                f"{tc['server']} / {tc['postgres']} / {tc['generator']} ms, mixed "
                f"{mc['server']} / {mc['postgres']} / {mc['generator']} ms: the two cores are "
                "busy in both, so the share follows the ratio of these sums."
            )
        if ld.get("trivial_wrk"):
            lines.append(
                "Against the ceiling wrk measures, which leaves the server more of the two cores, "
                f"mixed throughput is "
                f"{mx['throughput_rps'] / ld['trivial_wrk']['throughput_rps'] * 100:.1f} %."
            )
    if data.get("live"):
        lines += ["", *live_lines(data["live"], v["live"])]
    if data.get("export"):
        e, ev = data["export"], v["export"]
        spread = e.get("overhead_spread_pct")
        spread_text = (
            f" (pairs from {spread['lowest']:+.1f} % to {spread['highest']:+.1f} %, half of them "
            f"between {spread['p25']:+.1f} % and {spread['p75']:+.1f} %)"
            if spread
            else ""
        )
        lines += [
            "",
            f"PDF export ({e['paragraphs']} paragraphs, {e['runs']} alternating pairs): bare "
            f"WeasyPrint {e['bare_median_s']} s, export path {e['export_median_s']} s (medians); "
            f"overhead as the median of the pairs' ratios {e['overhead_pct']:+.1f} %{spread_text} "
            f"(target ≤ 15 %: {yes(ev['overhead_ok'])}); re-export of unchanged content "
            f"{e['repeat_s']} s, served from the stored file: {yes(ev['reuse_ok'])}.",
        ]
    if data.get("profile"):
        lines += ["", *profile_table(data["profile"])]
    if data.get("notes"):
        lines += ["", *data["notes"]]
    return "\n".join(lines) + "\n"


def live_lines(lv: dict, ok: dict) -> list[str]:
    """Live pages: 200 streams on one workplan while people save its items."""
    alone, busy = lv["pages_alone"], lv["pages_with_streams"]
    return [
        f"Live pages ({lv['server']}): {lv['streams_open']} of {lv['streams']} event streams "
        f"open on one workplan (all open: {yes(ok['all_open'])}) while {lv['savers']} people "
        f"each saved an item every {lv['period_s']:g} s ({lv['changes']} saves). Each save reached "
        f"the streams in {lv['delivery_p50_ms']} ms at the median and {lv['delivery_p95_ms']} ms "
        f"at p95, {lv['delivery_max_ms']} ms at most (p95 < 2 s: {yes(ok['p95_ok'])}); "
        f"{lv['delivered_share'] * 100:.1f} % of save × stream deliveries arrived "
        f"({yes(ok['delivered_ok'])}).",
        f"The mixed load of {alone['users']} signed-in users on the same server, alone and with "
        f"the streams and saves in turn ({_pairs(lv)}): in the median pair "
        f"{alone['throughput_rps']} requests/s alone, {busy['throughput_rps']} with them "
        f"({_fewer(lv['page_drop_pct'])}; target: less than 10 % fewer: "
        f"{yes(ok['drop_ok'])}); p95 {alone['p95_ms']} → {busy['p95_ms']} ms.",
    ]


def _pairs(lv: dict) -> str:
    pairs = lv.get("pairs")
    if not pairs:  # results from before the pairs
        return "one pair"
    drops = ", ".join(_fewer(p["drop_pct"]) for p in pairs)
    return f"{len(pairs)} pairs of {lv['pages_alone']['seconds']:.0f} s: {drops}"


def _fewer(drop_pct: float) -> str:
    return f"{drop_pct:.1f} % fewer" if drop_pct >= 0 else f"{-drop_pct:.1f} % more"


def profile_table(p: dict) -> list[str]:
    """The slowest page at the largest size, where its time goes (cProfile)."""
    lines = [
        f"Where the time goes on the slowest page at {p['size']}, {p['page']} (cProfile over "
        f"{p['requests']} requests; the profiler itself slows every call):",
        "",
        "| project function, by cumulative time | calls per request | ms per request |",
        "| --- | ---: | ---: |",
    ]
    lines += [
        f"| `{r['function']}` | {r['calls']} | {r['ms_per_request']} |"
        for r in p["project_by_cumulative"][:12]
    ]
    lines += [
        "",
        "| any function, by own time | calls per request | ms per request |",
        "| --- | ---: | ---: |",
    ]
    lines += [
        f"| `{r['function']}` | {r['calls']} | {r['ms_per_request']} |"
        for r in p["all_by_own_time"][:12]
    ]
    return lines


def update_readme(md: str) -> None:
    readme = ROOT / "README.md"
    text = readme.read_text()
    start, end = "<!-- bench:start -->", "<!-- bench:end -->"
    if start in text and end in text:
        head, rest = text.split(start, 1)
        _old, tail = rest.split(end, 1)
        readme.write_text(f"{head}{start}\n{md}{end}{tail}")


BENCH_PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reuse", action="store_true", help="keep databases that hold data")
    parser.add_argument("--sizes", default="S,M,L")
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--no-readme", action="store_true")
    parser.add_argument(
        "--render", action="store_true", help="only rewrite the tables from latest.json"
    )
    args = parser.parse_args()
    if args.render:
        data = json.loads((RESULTS / "latest.json").read_text())
        write(data, readme=not args.no_readme)
        return 0
    began = time.monotonic()
    RESULTS.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="eubelong-bench-"))
    sizes = [s.strip().upper() for s in args.sizes.split(",")]
    data = {"started": f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC", "pages": {}, "generated": {}}
    data["machine"] = machine()
    sessions_file = work / "sessions.json"
    largest = None
    for size in sizes:
        name = f"eubelong_bench_{size.lower()}"
        url = f"{BENCH_PG}/{name}"
        if not (args.reuse and has_data(url)):
            psql(BENCH_PG, f"DROP DATABASE IF EXISTS {name}")
            psql(BENCH_PG, f"CREATE DATABASE {name}")
        log(f"size {size}: {SIZES[size]} regions ({name})")
        out = work / f"{size}.json"
        cmd = [PY, "bench/pages.py", "--regions", str(SIZES[size]), "--out", str(out)]
        cmd += ["--runs", str(args.runs)]
        if size == sizes[-1]:
            cmd += ["--sessions", str(sessions_file), "--profile"]
        subprocess.run(cmd, cwd=ROOT, env=env_for(url), check=True)
        result = json.loads(out.read_text())
        data["pages"][size] = result["pages"]
        if result["generated"]:
            data["generated"][size] = result["generated"]
        if result.get("profile"):
            data["profile"] = {"size": size, **result["profile"]}
        largest = url

    if largest and args.seconds > 0:
        log(f"load test on {largest.rsplit('/', 1)[1]}")
        data["load"] = load_test(largest, sessions_file, args.seconds, args.users)
        log("live pages: 200 event streams on one workplan while 10 people save")
        live_json = work / "live.json"
        cmd = [PY, "bench/live_bench.py", "--database", largest, "--sessions", str(sessions_file)]
        cmd += ["--json", str(live_json), "--seconds", str(min(args.seconds, 10))]
        subprocess.run(cmd, cwd=ROOT, env=env_for(largest), check=False)
        if live_json.exists():
            data["live"] = json.loads(live_json.read_text())

    log("PDF export against bare WeasyPrint")
    export_json = work / "export.json"
    subprocess.run(
        [PY, "bench/export_bench.py", "--runs", "15", "--json", str(export_json)],
        cwd=ROOT,
        env={k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"},
        check=False,
    )
    if export_json.exists():
        data["export"] = json.loads(export_json.read_text())

    data["finished"] = f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC"
    data["elapsed_s"] = round(time.monotonic() - began, 1)
    write(data, readme=not args.no_readme)
    log(f"done in {data['elapsed_s']} s")
    return 0


def write(data: dict, *, readme: bool) -> None:
    data["verdicts"] = verdicts(data)
    notes = RESULTS / "notes.md"
    data["notes"] = notes.read_text().strip().splitlines() if notes.exists() else []
    md = table(data)
    (RESULTS / "latest.json").write_text(json.dumps(data, indent=2) + "\n")
    (RESULTS / "latest.md").write_text("# Benchmark results\n\n" + md)
    if readme:
        update_readme(md)
    print(md)


if __name__ == "__main__":
    sys.exit(main())
