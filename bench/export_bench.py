"""Export path versus a bare WeasyPrint render of the same HTML, in the same run.

    .venv/bin/python bench/export_bench.py [--runs 15] [--paragraphs 200]

Uses a throw-away SQLite database and media folder. Each run is a pair, a bare render and an
export of the same content back to back in alternating order; the overhead is the median of the
pairs' ratios (target: within 15 %), given with its spread (quartiles, lowest and highest), so a
slow moment of a shared machine weighs on one pair and not on the result. Also times a repeated
export of unchanged content, which must be served from the stored file without rendering.
"""

import argparse
import gc
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORK = Path(tempfile.mkdtemp(prefix="export-bench-"))
os.environ["DATABASE_URL"] = f"sqlite:///{WORK / 'bench.sqlite3'}"
os.environ["MEDIA_ROOT"] = str(WORK / "media")
os.environ.pop("REDIS_URL", None)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eubelong.settings")
os.environ.setdefault("LOG_LEVEL", "WARNING")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--paragraphs", type=int, default=200)
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()

    import django

    django.setup()
    import logging

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)

    import weasyprint

    from eubelong.exports.fetcher import ASSET_ORIGIN
    from eubelong.exports.models import ExportJob, Status
    from eubelong.exports.registry import get_kind
    from eubelong.exports.rendering import PDF_VARIANT, render_html
    from eubelong.exports.services import export_request
    from regions.models import Role
    from tests import factories

    region = factories.region(name="Bench Region", slug="bench-region")
    user = factories.member(region, Role.EDITOR)
    for _ in range(12):
        factories.member(region, Role.CONTRIBUTOR)
    kind = get_kind("region-profile")
    static = (ROOT / "static").as_uri()

    def bare(html: str) -> float:
        local = html.replace(f"{ASSET_ORIGIN}/", f"{static}/")
        gc.collect()  # a full collection lands on whichever render runs when it is due
        started = time.perf_counter()
        weasyprint.HTML(string=local, base_url=f"{static}/").write_pdf(
            pdf_variant=PDF_VARIANT, pdf_tags=True
        )
        return time.perf_counter() - started

    def exported() -> tuple[float, ExportJob]:
        gc.collect()
        started = time.perf_counter()
        # No REDIS_URL: the task runs in-process as soon as the request's transaction commits.
        job = export_request(user=user, kind=kind, region=region, language="en")
        elapsed = time.perf_counter() - started
        job.refresh_from_db()
        assert job.status == Status.DONE, job.error
        return elapsed, job

    bare_times, export_times = [], []
    for run in range(args.runs + 1):
        paragraphs = "\n\n".join(
            f"Run {run}, paragraph {n}: the region works with its municipalities." * 3
            for n in range(args.paragraphs)
        )
        region.contextual_analysis = paragraphs
        region.save(update_fields=["contextual_analysis", "updated_at"])
        html, _title = render_html(kind, region=region, object_id="", user=user, language="en")
        # Alternate the order so neither side always runs with a warmer cache.
        if run % 2:
            b = bare(html)
            e, job = exported()
        else:
            e, job = exported()
            b = bare(html)
        if run == 0:
            continue  # warm-up: fonts, templates, imports
        assert not job.reused
        print(
            f"pair {run}: {'bare first' if run % 2 else 'export first'} bare {b:.3f} export {e:.3f}",
            flush=True,
        )
        bare_times.append(b)
        export_times.append(e)

    repeat, job = exported()
    bare_median, export_median = statistics.median(bare_times), statistics.median(export_times)
    ratios = sorted(e / b for e, b in zip(export_times, bare_times, strict=True))
    quartiles = statistics.quantiles(ratios, n=4)
    overhead = (statistics.median(ratios) - 1) * 100
    spread = {
        "lowest": round((ratios[0] - 1) * 100, 1),
        "p25": round((quartiles[0] - 1) * 100, 1),
        "p75": round((quartiles[2] - 1) * 100, 1),
        "highest": round((ratios[-1] - 1) * 100, 1),
    }
    print(f"pairs: {args.runs}, paragraphs: {args.paragraphs}")
    print(f"bare WeasyPrint median: {bare_median:.3f} s")
    print(f"export path median:     {export_median:.3f} s")
    print(f"overhead:               {overhead:+.1f} % (median of pair ratios; target within 15 %)")
    print(f"spread of the pairs:    {spread}")
    print(f"repeat of unchanged:    {repeat:.3f} s, reused stored file: {job.reused}")
    ok = overhead <= 15 and job.reused
    if args.json:
        import json

        Path(args.json).write_text(
            json.dumps(
                {
                    "runs": args.runs,
                    "paragraphs": args.paragraphs,
                    "bare_median_s": round(bare_median, 3),
                    "export_median_s": round(export_median, 3),
                    "overhead_pct": round(overhead, 1),
                    "overhead_spread_pct": spread,
                    "repeat_s": round(repeat, 3),
                    "repeat_reused": bool(job.reused),
                }
            )
        )
    print("OK" if ok else "OVER BUDGET")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
