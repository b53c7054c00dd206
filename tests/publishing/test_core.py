"""Publishing: one decision each way, only approved snapshots, nothing private made public."""

from decimal import Decimal

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from regions.models import AuditEntry, Role
from tests import factories as f
from tests.toolkit import factories as tk
from toolkit import services as toolkit_services
from toolkit.models import ItemResponse
from toolkit.publishing import cache, selectors, services
from toolkit.publishing.models import Publication

from .factories import published

pytestmark = pytest.mark.django_db


def test_only_an_approved_workplan_can_be_published():
    region = f.region()
    admin = f.member(region, Role.ADMIN)
    workplan = tk.workplan(region, by=admin)
    with pytest.raises(services.NotPublishable):
        services.publish(workplan=workplan, by=admin)
    assert not Publication.objects.exists()


def test_publishing_and_withdrawing_are_audited_and_replace_the_live_row():
    publication = published()
    assert AuditEntry.objects.filter(action="workplan.published").count() == 1
    again = services.publish(workplan=publication.workplan, by=publication.published_by)
    publication.refresh_from_db()
    assert publication.withdrawn_at is not None and again.is_live
    services.unpublish(publication=again, by=again.published_by)
    assert not Publication.objects.filter(withdrawn_at=None).exists()
    assert AuditEntry.objects.filter(action="workplan.unpublished").count() == 1
    with pytest.raises(Http404):
        selectors.live_publication(again.region.slug)


def test_the_draft_after_approval_is_never_public():
    publication = published()
    workplan = publication.workplan
    toolkit_services.workplan_start_revision(workplan=workplan, by=publication.published_by)
    action = workplan.actions.first()
    toolkit_services.action_update(
        action=action, by=publication.published_by, version=action.version,
        data={"title": "Draft title nobody approved"},
    )  # fmt: skip
    data = selectors.strategy(selectors.live_publication(workplan.region.slug), "en")
    titles = [a["title"] for p in data["priorities"] for a in p["actions"]]
    assert "Draft title nobody approved" not in titles and titles


def _with_evidence(region):
    admin = f.member(region, Role.ADMIN)
    workplan = tk.workplan(region, by=admin)
    response = ItemResponse.objects.filter(workplan=workplan).first()
    response.evidence = "Minutes of the steering group"
    response.save()
    return admin


@pytest.mark.parametrize("include", [True, False])
def test_evidence_and_organisations_only_where_the_region_chose(include):
    region = f.region()
    admin = _with_evidence(region)
    publication = published(
        region, by=admin, include_evidence=include, include_organisations=include
    )
    text = str(selectors.strategy(publication, "en"))
    assert ("Minutes of the steering group" in text) is include
    assert ("'evidence':" in text) is include


def test_no_person_or_review_message_is_ever_public():
    publication = published()
    snapshot = publication.snapshot
    data = selectors.strategy(publication, "en")
    text = str(data)
    for person in (publication.published_by, snapshot.submitted_by, snapshot.reviewed_by):
        if person is not None:
            assert person.username not in text
            assert (person.get_full_name() or "@@") not in text
    assert "review_message" not in text and "submission_message" not in text


def test_budgets_add_up_by_fund():
    data = selectors.strategy(published(), "en")
    assert data["budget_total"] == Decimal("6000")
    assert sum(row["amount"] for row in data["budget_by_source"]) == data["budget_total"]


def test_the_network_list_costs_the_same_for_two_regions_and_for_six():
    published()
    published()
    cache.bump()
    with CaptureQueriesContext(connection) as two:
        assert len(selectors.strategies(language="pl")) == 2
    for _ in range(4):
        published()
    cache.bump()
    with CaptureQueriesContext(connection) as six:
        assert len(selectors.strategies(language="pl")) == 6
    assert len(six.captured_queries) == len(two.captured_queries)


def test_a_decision_draws_a_new_cache_generation():
    publication = published()
    before = cache.generation()
    services.unpublish(publication=publication, by=publication.published_by)
    assert cache.generation() != before


def test_a_handbook_edit_draws_a_new_cache_generation():
    from handbook.models import ThematicArea

    area = ThematicArea.objects.first() or ThematicArea.objects.create(
        number=99, title="Area", slug="area"
    )
    before = cache.generation()
    area.title = "Renamed area"
    area.save()
    assert cache.generation() != before


def test_labels_follow_the_language_asked_for_not_the_active_one():
    from django.utils import translation

    published()
    cache.bump()
    with translation.override("pl"):
        data = selectors.strategies(language="en")
    labels = {i["status_label"] for p in data[0]["priorities"] for i in p["items"]}
    assert "Not started" in labels
