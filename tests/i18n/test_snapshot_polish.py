"""Frozen workplans show the template's shared titles and texts in the reader's language.

A snapshot keeps the ids of the priorities and checklist items it answers; pages, PDFs and
comparisons look their translations up when they are read. The regions' own words stay as written.
"""

import copy

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from eubelong.exports.registry import get_kind
from eubelong.exports.rendering import html_to_pdf, render_html
from handbook.models import TranslationStatus
from handbook.translation.services import content_translation_save
from tests import factories
from tests.compare import factories as cf
from tests.exports.pdfcheck import inspect
from toolkit import selectors
from toolkit.models import ChecklistItem, Priority, Snapshot

pytestmark = pytest.mark.django_db

TITLE_PL = "Przywództwo i zarządzanie międzykulturowe"
ITEM_PL = "Strategia została przyjęta przez radę regionu"
EVIDENCE = "Mapped with municipalities."


def _translate(coordinator, template):
    priority = Priority.objects.get(template=template, number=1)
    item = ChecklistItem.objects.get(priority=priority, number=1)
    content_translation_save(
        obj=priority,
        language="pl",
        values={"title": (TITLE_PL, TranslationStatus.REVIEWED)},
        user=coordinator,
    )
    content_translation_save(
        obj=item,
        language="pl",
        values={"text": (ITEM_PL, TranslationStatus.REVIEWED)},
        user=coordinator,
    )
    return priority, item


@pytest.fixture
def polish_snapshot(region, coordinator):
    workplan = cf.workplan(region, status="approved", evidence=EVIDENCE)
    _translate(coordinator, workplan.template)
    return workplan.snapshots.get()


def _polish(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "pl"
    return client


def _snapshot_url(snapshot):
    return reverse(
        "toolkit:snapshot",
        kwargs={
            "region": snapshot.workplan.region.slug,
            "workplan": snapshot.workplan.uuid,
            "snapshot": snapshot.uuid,
        },
    )


def _old_style(snapshot) -> Snapshot:
    """A second snapshot frozen the way they were before the template ids were kept."""
    data = copy.deepcopy(snapshot.data)
    for priority in data["priorities"]:
        priority.pop("priority_id")
        for item in priority["items"]:
            item.pop("item_id")
    return Snapshot.objects.create(
        region_id=snapshot.region_id,
        workplan=snapshot.workplan,
        revision=snapshot.revision + 1,
        data=data,
        outcome=snapshot.outcome,
    )


def test_new_snapshots_keep_the_ids_of_the_template_objects(polish_snapshot):
    first = polish_snapshot.data["priorities"][0]
    priority = Priority.objects.get(pk=first["priority_id"])
    assert (priority.number, priority.title) == (1, first["title"])
    item = ChecklistItem.objects.get(pk=first["items"][0]["item_id"])
    assert item.text == first["items"][0]["text"] == "Item 1.1"


def test_the_snapshot_page_shows_translations_and_marks_the_rest_english(
    login, editor, polish_snapshot
):
    page = _polish(login(editor)).get(_snapshot_url(polish_snapshot)).content.decode()
    assert f"1. {TITLE_PL}</h2>" in page
    assert f"1. {ITEM_PL}</th>" in page
    assert "Item 1.1" not in page and "Priority 1<" not in page
    # No translation: the English text, marked as English.
    assert (
        '2. <span lang="en" class="fallback">Priority 2 '
        '<span class="fallback-marker" lang="pl">(po angielsku)</span></span>'
    ) in page
    assert EVIDENCE in page and "Action of Home Region" in page

    english = login(editor)
    english.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = english.get(_snapshot_url(polish_snapshot)).content.decode()
    assert "1. Priority 1</h2>" in page and "1. Item 1.1</th>" in page
    assert TITLE_PL not in page and "fallback" not in page


def test_the_snapshot_page_looks_translations_up_in_one_query(
    login, editor, polish_snapshot, coordinator
):
    client = _polish(login(editor))
    url = _snapshot_url(polish_snapshot)
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    lookups = [q for q in ctx.captured_queries if "handbook_contenttranslation" in q["sql"]]
    assert len(lookups) == 1


def test_an_old_snapshot_without_ids_still_renders_in_english(login, editor, polish_snapshot):
    old = _old_style(polish_snapshot)
    response = _polish(login(editor)).get(_snapshot_url(old))
    assert response.status_code == 200
    page = response.content.decode()
    assert '1. <span lang="en" class="fallback">Priority 1 ' in page
    assert '1. <span lang="en" class="fallback">Item 1.1 ' in page
    assert EVIDENCE in page and TITLE_PL not in page


def test_the_history_matches_old_and_new_snapshots_and_labels_in_polish(polish_snapshot, region):
    from django.utils import translation

    old = _old_style(polish_snapshot)
    with translation.override("pl"):
        same = selectors.compare_versions(
            selectors.workplan_snapshot_data(old),
            selectors.workplan_snapshot_data(polish_snapshot),
        )
        assert same == []
        changed = copy.deepcopy(selectors.workplan_snapshot_data(polish_snapshot))
        changed["priorities"][0]["items"][0]["evidence"] = "Rewritten."
        diffs = selectors.compare_versions(selectors.workplan_snapshot_data(old), changed)
    assert [(d["label"], d["field"], d["after"]) for d in diffs] == [
        (ITEM_PL, "evidence", "Rewritten.")
    ]


def _polish_workplan_html(region, editor, object_id):
    return render_html(
        get_kind("workplan"), region=region, object_id=object_id, user=editor, language="pl"
    )


def test_the_pdf_of_a_snapshot_is_in_polish(region, editor, polish_snapshot):
    html, _title = _polish_workplan_html(region, editor, f"snapshot:{polish_snapshot.uuid}")
    info = inspect(html_to_pdf(html))
    text = " ".join(info["text"].split())
    assert f"1. {TITLE_PL}" in text and f"1. {ITEM_PL}" in text
    assert "Item 1.1" not in text
    assert "Priority 2 (po angielsku)" in text
    assert EVIDENCE in text
    assert f"1. {TITLE_PL}" in info["outline"]
    # The overview has no translation: English, marked as such.
    assert '<div lang="en" class="fallback"><p>About priority 1.</p>' in html

    old = _old_style(polish_snapshot)
    html, _title = _polish_workplan_html(region, editor, f"snapshot:{old.uuid}")
    text = " ".join(inspect(html_to_pdf(html))["text"].split())
    assert "Item 1.1 (po angielsku)" in text and EVIDENCE in text


def test_the_pdf_of_the_current_version_is_in_polish(region, editor, polish_snapshot):
    html, _title = _polish_workplan_html(region, editor, f"current:{polish_snapshot.workplan.uuid}")
    assert f"1. {TITLE_PL}</h2>" in html and f"1. {ITEM_PL}</td>" in html


def _side_by_side(client):
    return client.get(
        reverse("compare:side-by-side") + "?regions=home-region&regions=other-region"
    ).content.decode()


def test_side_by_side_shows_the_shared_texts_in_polish(
    login, coordinator, polish_snapshot, other_region
):
    cf.workplan(other_region, status="submitted", evidence="Other evidence")
    page = _side_by_side(_polish(login(coordinator)))
    assert f"1. {TITLE_PL}</h2>" in page
    assert f"1. {ITEM_PL}</th>" in page
    assert "Item 1.1" not in page
    assert EVIDENCE in page and "Other evidence" in page
    assert '2. <span lang="en" class="fallback">Priority 2 ' in page

    evidence = (
        _polish(login(coordinator))
        .get(reverse("compare:evidence") + "?priority=1&region=home-region&item=1")
        .content.decode()
    )
    assert f"<dd>{ITEM_PL}</dd>" in evidence and EVIDENCE in evidence
    drilldown = (
        _polish(login(coordinator))
        .get(reverse("compare:drilldown") + "?priority=1")
        .content.decode()
    )
    assert f"1. {TITLE_PL}" in drilldown and ITEM_PL in drilldown


def test_side_by_side_shows_an_old_snapshot_in_english(
    login, coordinator, polish_snapshot, other_region
):
    other = cf.workplan(other_region, status="approved", evidence="Other evidence")
    old = _old_style(other.snapshots.get())
    assert old.outcome == "approved"
    page = _side_by_side(_polish(login(coordinator)))
    # Both regions answer the same template; the new snapshot names the items.
    assert f"1. {ITEM_PL}</th>" in page
    assert "Other evidence" in page and EVIDENCE in page


def test_side_by_side_queries_do_not_grow_with_regions_in_polish(
    login, coordinator, polish_snapshot, other_region
):
    cf.workplan(other_region, status="submitted")
    client = _polish(login(coordinator))
    _side_by_side(client)
    with CaptureQueriesContext(connection) as two:
        _side_by_side(client)
    third = factories.region(name="Third Region", slug="third-region")
    cf.workplan(third, status="approved")
    url = reverse("compare:side-by-side") + "?regions=home-region&regions=other-region"
    client.get(url + "&regions=third-region")  # the new submission's notice: count cached again
    with CaptureQueriesContext(connection) as three:
        assert client.get(url + "&regions=third-region").status_code == 200
    assert len(three.captured_queries) == len(two.captured_queries)
