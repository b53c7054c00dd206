"""Generate one size's database (if empty) and time the key pages in-process.

    DATABASE_URL=postgres://.../eubelong_bench_s python bench/pages.py --regions 10 --out s.json

Each page: warm-up requests, then the median server time of --runs requests through Django's
test client (the whole middleware stack, no network) and the number of SQL queries of one request.
With --sessions FILE it also writes signed-in sessions and ids for the load test.
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")


def signed_in_client(user):
    """A client whose session passed the second factor, as a real signed-in person's has."""
    from django.test import Client
    from django_otp.plugins.otp_static.models import StaticDevice

    device, _ = StaticDevice.objects.get_or_create(user=user, name="bench")
    client = Client()
    client.force_login(user)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    return client


WARM_UP = 12


def measure(label, call, runs):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    # A connection prepares a statement on its second run and PostgreSQL settles on its plan
    # after five more: a server's steady state, which fewer warm-ups would half miss.
    for _ in range(WARM_UP):
        response = call()
        assert response.status_code == 200, (label, response.status_code)
    connection.queries_log.clear()  # a full log would make the capture count zero
    with CaptureQueriesContext(connection) as ctx:
        call()
    queries = len(ctx.captured_queries)  # read now: a reconnect clears the log
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        response = call()
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (label, response.status_code)
    return {"median_ms": round(statistics.median(times), 2), "queries": queries}


def _where(key) -> str:
    filename, line, name = key
    path = Path(filename)
    try:
        shown = str(path.resolve().relative_to(ROOT))
    except ValueError:
        shown = "/".join(path.parts[-2:]) if path.suffix else filename
    return f"{shown}:{line} {name}" if line else name


def profile(label, call, calls=5, top=15) -> dict:
    """Where the time of one page goes: cProfile over a few requests, the top functions of the
    project's own code by cumulative time and of any code by own time."""
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(calls):
        call()
    profiler.disable()
    stats = pstats.Stats(profiler).stats
    venv = str(ROOT / ".venv")

    def rows(keys, column):
        out = []
        for key in keys[:top]:
            _cc, ncalls, own, cumulative, _callers = stats[key]
            out.append(
                {
                    "function": _where(key),
                    "calls": ncalls // calls,
                    "ms_per_request": round(
                        (cumulative if column == "cum" else own) * 1000 / calls, 2
                    ),
                }
            )
        return out

    # Middleware and decorators wrap the whole request: their cumulative time says nothing.
    wrappers = {"__call__", "wrapper", "inner", "_view_wrapper", "_wrapper_view"}
    ours = [
        k for k in stats
        if k[0].startswith(str(ROOT)) and not k[0].startswith(venv) and "/bench/" not in k[0]
        and k[2] not in wrappers
    ]  # fmt: skip
    by_cumulative = sorted(ours, key=lambda k: stats[k][3], reverse=True)
    by_own = sorted(stats, key=lambda k: stats[k][2], reverse=True)
    return {
        "page": label,
        "requests": calls,
        "project_by_cumulative": rows(by_cumulative, "cum"),
        "all_by_own_time": rows(by_own, "own"),
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--regions", type=int, required=True)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--out", required=True)
    parser.add_argument("--sessions", help="also write load-test sessions to this file")
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--profile", action="store_true", help="profile the slowest page")
    args = parser.parse_args()

    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from bench.generate import editor_name, generate, region_slug
    from handbook.models import ThematicArea
    from regions.models import Region
    from toolkit.models import ItemResponse, Workplan, WorkplanStatus

    call_command("migrate", verbosity=0)
    generated = None
    if not Region.objects.exists():
        started = time.perf_counter()
        generated = generate(args.regions, log=lambda m: print(m, flush=True))
        generated["seconds"] = round(time.perf_counter() - started, 1)
        print(f"generated {args.regions} regions in {generated['seconds']} s", flush=True)
        call_command("collectstatic", interactive=False, verbosity=0)
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    from toolkit.models import StrategyCycle
    from toolkit.reporting import services as reporting
    from toolkit.reporting.models import ProgressReport, ReportingPeriod

    # Reports exist where workplans are approved: the previous cycle's. Its first year is opened,
    # a report for every region.
    reported_cycle = StrategyCycle.objects.order_by("-start_year")[1:2].get()
    if not ReportingPeriod.objects.exists():
        for cycle in StrategyCycle.objects.all():
            reporting.periods_default(cycle=cycle)
        reporting.period_open(
            period=ReportingPeriod.objects.get(cycle=reported_cycle, year=reported_cycle.start_year)
        )
    report = ProgressReport.objects.select_related("region").order_by("id").first()

    User = get_user_model()
    coordinator = User.objects.get(username="bench-coordinator")
    editor = User.objects.get(username=editor_name(0))
    region = Region.objects.get(slug=region_slug(0))
    workplan = Workplan.objects.get(region=region, cycle__start_year=2025)
    assert workplan.status == WorkplanStatus.DRAFT
    responses = list(ItemResponse.objects.filter(workplan=workplan).order_by("id")[:40])
    area = ThematicArea.objects.order_by("number").first()
    as_coordinator = signed_in_client(coordinator)
    as_editor = signed_in_client(editor)
    base = f"/regions/{region.slug}/workplans/{workplan.uuid}/"
    turn = {"n": 0}

    def autosave():
        # Versions are tracked here, not re-read, so the query count is the request's own.
        response = responses[turn["n"] % len(responses)]
        turn["n"] += 1
        reply = as_editor.post(
            f"{base}items/{response.uuid}/",
            {
                "status": "in_progress",
                "evidence": f"Saved {turn['n']}",
                "link": "",
                "version": response.version,
            },
            # As from the editor's page, which the answer's figures update.
            headers={"HX-Request": "true", "HX-Current-URL": f"http://testserver{base}"},
        )
        assert "HX-Retarget" not in reply, "autosave met a conflict"
        assert "progress-total" in reply.content.decode(), "autosave sent no figures"
        response.version += 1
        return reply

    pages = {
        # "My work": the review queue and regions to chase for a coordinator of every region,
        # workplans, notes and proposals for an editor.
        "my work (coordinator)": lambda: as_coordinator.get("/"),
        "my work (editor)": lambda: as_editor.get("/"),
        "region home": lambda: as_editor.get(f"/regions/{region.slug}/"),
        "workplan editor": lambda: as_editor.get(base),
        "autosave": autosave,
        "comparison dashboard": lambda: as_coordinator.get("/compare/"),
        "comparison drill-down": lambda: as_coordinator.get("/compare/priority/?priority=1"),
        "search": lambda: as_coordinator.get("/search/?q=migrant"),
        "handbook area": lambda: as_editor.get(f"/handbook/areas/{area.slug}/"),
        "reporting board": lambda: as_coordinator.get(f"/reporting/?cycle={reported_cycle.uuid}"),
        "progress across the network": lambda: as_coordinator.get("/compare/progress/"),
        # Read as the coordinator, who reads every region's report.
        "report editor": lambda: as_coordinator.get(
            f"/regions/{report.region.slug}/reports/{report.uuid}/"
        ),
    }
    from django.test import Client

    from toolkit.publishing import cache as public_cache
    from toolkit.publishing.models import Publication

    anonymous = Client()
    public_slug = (
        Publication.objects.filter(withdrawn_at=None).order_by("region__slug").first().region.slug
    )

    def uncached(path):
        # A new generation: the page and the public data it reads are built again.
        def call():
            public_cache.bump()
            return anonymous.get(path)

        return call

    pages.update(
        {
            "public network page": lambda: anonymous.get("/open/en/"),
            "public region page (cached)": lambda: anonymous.get(f"/open/pl/{public_slug}/"),
            "public region page (uncached)": uncached(f"/open/pl/{public_slug}/"),
            "API: published strategies": lambda: anonymous.get("/api/v1/public/strategies/"),
            # Network-wide lists are rebuilt once per publishing decision, then served from the
            # cache: the steady state is what readers meet.
            "API: indicators": lambda: anonymous.get("/api/v1/public/indicators/?period=2024"),
            "open data: indicators CSV": lambda: anonymous.get("/open/data/indicators.csv"),
        }
    )
    results = {}
    for label, call in pages.items():
        results[label] = measure(label, call, args.runs)
        print(f"  {label}: {results[label]}", flush=True)

    out = {"pages": results, "generated": generated}
    if args.profile:
        slowest = max(results, key=lambda label: results[label]["median_ms"])
        out["profile"] = profile(slowest, pages[slowest])
        print(f"  profiled: {slowest}", flush=True)
    Path(args.out).write_text(json.dumps(out, indent=2))

    if args.sessions:
        from django.conf import settings

        users = []
        for n in range(
            0, min(2 * args.users, args.regions), 2
        ):  # even regions are drafting in the current cycle
            user = User.objects.get(username=editor_name(n))
            client = signed_in_client(user)
            r = Region.objects.get(slug=region_slug(n))
            w = Workplan.objects.get(region=r, cycle__start_year=2025)
            items = ItemResponse.objects.filter(workplan=w).order_by("id")[:40]
            users.append(
                {
                    "cookie": client.cookies[settings.SESSION_COOKIE_NAME].value,
                    "region": r.slug,
                    "workplan": str(w.uuid),
                    "items": [[str(i.uuid), i.version] for i in items],
                }
            )
        Path(args.sessions).write_text(
            json.dumps(
                {
                    "session_cookie": settings.SESSION_COOKIE_NAME,
                    "area": area.slug,
                    "users": users,
                    "public": [
                        f"/open/pl/{slug}/"
                        for slug in Publication.objects.filter(withdrawn_at=None)
                        .order_by("region__slug")
                        .values_list("region__slug", flat=True)[:50]
                    ],
                }
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
