"""The indicator library, the progress view across the network with its open data, and the
progress report PDF: who may do what, bad input, and what each reader may see."""

import csv
import io
import json
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from eubelong.exports.registry import ExportUnavailable, get_kind
from eubelong.exports.rendering import html_to_pdf, render_html
from regions.models import Role
from tests import factories as rf
from tests.compare.factories import not_sharing
from tests.exports.pdfcheck import assert_accessible, inspect
from tests.toolkit import factories as tk
from toolkit.models import Indicator, LibraryIndicator
from toolkit.reporting import services
from toolkit.reporting.progress import figures
from toolkit.reporting.selectors import board

from . import factories

pytestmark = pytest.mark.django_db


def _entry(code="TST-1", **fields):
    data = {"name": "People placed in work", "unit": "people", "theme": "employment",
            "definition": "People who found work.", "source": "Programme records"}  # fmt: skip
    data.update(fields)
    return LibraryIndicator.objects.create(code=code, **data)


def _submit(report, value="30"):
    row = report.indicator_rows.order_by("id").first()
    services.value_save(row=row, by=None, version=row.version, data={"value": Decimal(value)})
    report.refresh_from_db()
    services.report_submit(report=report, by=None)
    report.refresh_from_db()
    return report


def test_the_starter_set_ships_with_the_platform_and_everyone_signed_in_reads_it(client, editor):
    assert LibraryIndicator.objects.filter(code="EMP-1", unit="%").exists()
    assert LibraryIndicator.objects.filter(theme="active_citizenship").count() >= 3
    client.force_login(editor)
    page = client.get(reverse("reporting:library")).content.decode()
    assert "Employment rate" in page and "Zaragoza" in page
    assert reverse("reporting:library-new") not in page  # only coordinators add
    assert client.get(reverse("reporting:library-new")).status_code == 403


def test_coordinators_add_and_edit_entries_and_bad_input_keeps_what_was_typed(client, coordinator):
    client.force_login(coordinator)
    url = reverse("reporting:library-new")
    form = {"code": "emp-1", "name": "Jobs found through mediation", "theme": "employment",
            "definition": "Counted at six months.", "unit": "people", "direction": "up",
            "source": "Regional employment service"}  # fmt: skip
    taken = client.post(url, form)
    assert taken.status_code == 400
    page = taken.content.decode()
    assert "Another library indicator already has this code." in page
    assert "Jobs found through mediation" in page and "Error:" in page
    made = client.post(url, {**form, "code": "job-7"})
    assert made.status_code == 302
    entry = LibraryIndicator.objects.get(code="JOB-7")
    assert entry.updated_by == coordinator
    edit = reverse("reporting:library-edit", kwargs={"entry": entry.uuid})
    saved = client.post(edit, {**form, "code": "JOB-7", "unit": "jobs", "version": 1})
    assert saved.status_code == 302
    stale = client.post(edit, {**form, "code": "JOB-7", "unit": "placements", "version": 1})
    assert stale.status_code == 409
    assert "placements" in stale.content.decode()
    assert LibraryIndicator.objects.get(pk=entry.pk).unit == "jobs"


def test_an_indicator_follows_a_library_entry_or_is_the_regions_own(client, region, editor):
    entry = _entry()
    workplan = tk.workplan(region, by=editor)
    action = tk.action(workplan, by=editor)
    client.force_login(editor)
    url = reverse("toolkit:indicator-new", kwargs={"region": region.slug,
                  "workplan": workplan.uuid, "action": action.uuid})  # fmt: skip
    nameless = client.post(url, {"new-name": "", "library": "", "target": "10", "unit": "people"})
    assert nameless.status_code == 400
    assert "Give the indicator a name or choose one from the library." in nameless.content.decode()
    assert (
        client.post(url, {"library": entry.pk, "target": "40", "unit": "hours"}).status_code == 302
    )
    made = Indicator.objects.for_region(region).get(action=action)
    assert (made.library, made.name, made.unit) == (entry, entry.name, "people")
    edit_page = client.get(reverse("toolkit:action-edit", kwargs={
        "region": region.slug, "workplan": workplan.uuid, "action": action.uuid})).content.decode()  # fmt: skip
    assert "Library TST-1" in edit_page


def test_levels_keep_their_latest_value_and_counts_add_up():
    class Level:
        unit, baseline, target = "%", Decimal("40"), Decimal("55")

    class Count:
        unit, baseline, target = "people", Decimal("0"), Decimal("90")

    level = figures(Level, Decimal("47"), [Decimal("44")], Decimal("0.66"))
    assert (level.previous, level.reached) == (Decimal("44"), Decimal("47"))
    count = figures(Count, Decimal("30"), [Decimal("30")], Decimal("0.66"))
    assert (count.previous, count.reached) == (Decimal("30"), Decimal("60"))


def test_the_board_names_who_has_not_reported_a_library_indicator(
    coordinator, region, other_region
):
    entry = _entry()
    for r in (region, other_region):
        report = factories.report(r)
        Indicator.objects.for_region(r).filter(action__workplan=report.workplan).update(
            library=entry
        )
    done = report.indicator_rows.filter(indicator__library=entry).first()
    services.value_save(row=done, by=None, version=1, data={"value": Decimal("5")})
    gaps = board(coordinator, report.period.cycle)["gaps"]
    assert [(g["entry"].code, g["using"], [r.name for r in g["missing"]]) for g in gaps] == [
        ("TST-1", 2, [region.name])
    ]


def test_the_progress_view_compares_submitted_reports_only_of_regions_in_view(
    client, region, other_region, editor
):
    mine = _submit(factories.report(region))
    theirs = _submit(factories.report(other_region), value="60")
    hidden_region = rf.region(name="Quiet Region", slug="quiet")
    _submit(factories.report(hidden_region))
    not_sharing(hidden_region)
    draft_region = rf.region(name="Draft Region", slug="drafty")
    factories.report(draft_region)
    client.force_login(editor)
    page = client.get(reverse("compare:progress")).content.decode()
    assert mine.region.name in page and theirs.region.name in page
    assert "Quiet Region" not in page and "Draft Region" not in page
    assert "Indicators by progress" in page and "<svg" in page
    data = client.get(reverse("compare:progress-download", kwargs={"fmt": "csv"}))
    text = data.content.decode()
    rows = list(csv.DictReader(line for line in io.StringIO(text) if not line.startswith("#")))
    assert {r["region"] for r in rows} == {region.name, other_region.name}
    assert "# reached: " in text
    payload = json.loads(
        client.get(reverse("compare:progress-download", kwargs={"fmt": "json"})).content
    )
    assert {r["region"] for r in payload["reports"]} == {region.name, other_region.name}
    assert any(d["column"] == "achieved_percent" for d in payload["dictionary"])


def test_the_progress_view_costs_the_same_for_more_regions(client, region, editor):
    _submit(factories.report(region))
    client.force_login(editor)
    url = reverse("compare:progress")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(4):
        _submit(factories.report(rf.region(name=f"Region {n}", slug=f"region-{n}")))
    client.get(url)
    with CaptureQueriesContext(connection) as many:
        page = client.get(url).content.decode()
    assert "Region 3" in page
    assert len(many.captured_queries) == len(few.captured_queries)


def test_the_report_pdf_prints_the_submission_and_stays_in_its_region(region, other_region):
    report = _submit(factories.report(region))
    kind = get_kind("progress_report")
    assert [label for _id, label in kind.choices(region, None)] == ["2025 · Submitted"]
    ctx = kind.build_context(region, str(report.uuid), None)
    assert ctx["frozen"] and ctx["title"] == "Progress report 2025"
    assert ctx["data"]["indicators"][0]["value"] == "30.00"
    assert ctx["indicator_chart"]["rows"]
    with pytest.raises(ExportUnavailable):
        kind.build_context(other_region, str(report.uuid), None)
    with pytest.raises(ExportUnavailable):
        kind.build_context(region, "not-a-uuid", None)


def test_the_report_pdf_is_typeset_with_its_tables_and_charts(region):
    report = _submit(factories.report(region))
    html, title = render_html(
        get_kind("progress_report"), region=region, object_id=str(report.uuid), user=None,
        language="en",
    )  # fmt: skip
    info = inspect(html_to_pdf(html))
    assert_accessible(info)
    assert title.startswith("Progress report 2025")
    text = " ".join(info["text"].split())
    for words in ("Actions in the period", "Reached so far", "Share of each target reached"):
        assert words in text


def test_nobody_exports_another_regions_report(client, region, other_region):
    theirs = _submit(factories.report(other_region))
    client.force_login(rf.member(region, Role.CONTRIBUTOR))
    own = reverse("exports:region-create", kwargs={"region": region.slug})
    answer = client.post(own, {"kind": "progress_report", "object": str(theirs.uuid)})
    assert answer.status_code == 400
    other = reverse("exports:region-create", kwargs={"region": other_region.slug})
    answer = client.post(other, {"kind": "progress_report", "object": str(theirs.uuid)})
    assert answer.status_code == 404


def test_spending_is_reported_per_source_of_the_mix_and_compared_per_fund(client, region, editor):
    report = factories.report(region, actions=1)
    action = report.action_rows.get().action
    action.refresh_from_db()
    # Reported on the approved revision's mix: 2025 has ERDF and regional money.
    from toolkit.models import ActionFunding

    ActionFunding.objects.filter(action=action).delete()
    ActionFunding.objects.bulk_create([
        ActionFunding(region=region, action=action, year=2025, source="erdf", amount=Decimal(600)),
        ActionFunding(region=region, action=action, year=2025, source="regional", amount=Decimal(400)),
    ])  # fmt: skip
    row = report.action_rows.get()
    client.force_login(editor)
    page = client.get(reverse("reporting:report", kwargs={
        "region": region.slug, "report": report.uuid})).content.decode()  # fmt: skip
    prefix = row.uuid.hex
    assert f'name="{prefix}-spent_erdf"' in page and f'name="{prefix}-spent"' not in page
    url = reverse("reporting:action-row", kwargs={
        "region": region.slug, "report": report.uuid, "row": row.uuid})  # fmt: skip
    reply = client.post(url, {f"{prefix}-version": 1, f"{prefix}-status": "ongoing",
                              f"{prefix}-spent_erdf": "450", f"{prefix}-spent_regional": "100"})  # fmt: skip
    assert reply.status_code == 302
    row.refresh_from_db()
    assert row.spent == Decimal("550") and row.spent_by_source == {"erdf": "450", "regional": "100"}
    _submit(report)
    data = json.loads(
        client.get(reverse("compare:progress-download", kwargs={"fmt": "json"})).content
    )
    spent = {(r[4], r[5], r[6]) for r in data["tables"]["actions"]["rows"]}
    assert spent == {("erdf", "600.00", "450"), ("regional", "400.00", "100")}


def test_the_comparison_pdf_carries_the_progress_of_the_latest_reported_year(
    coordinator, region, other_region
):
    _submit(factories.report(region))
    factories.report(other_region)  # a draft: not compared
    ctx = get_kind("comparison").build_context(None, "", coordinator)
    assert ctx["progress_period"].year == 2025
    assert [line["region"] for line in ctx["progress_lines"]] == [region]
    assert ("progress", "Progress in 2025", 1) in ctx["toc"]
    html, _title = render_html(
        get_kind("comparison"), region=None, object_id="", user=coordinator, language="en"
    )
    assert "Indicators by progress" in html


def test_a_submission_keeps_the_summary_the_progress_view_reads(region):
    import importlib

    from django.apps import apps

    report = _submit(factories.report(region))
    assert report.summary["states"] and Decimal(report.summary["planned"]) > 0
    assert set(report.summary["funds"]) == {"amif"}
    # Reports submitted before summaries existed get theirs from the migration.
    saved = report.summary
    type(report).objects.filter(pk=report.pk).update(summary=None)
    importlib.import_module("toolkit.reporting.migrations.0004_report_summary").summaries_fill(
        apps, None
    )
    report.refresh_from_db()
    assert report.summary == saved
