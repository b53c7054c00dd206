"""The region's side of publishing: who may publish, what the pages offer, and the decision's
trail."""

import pytest
from django.urls import reverse

from regions.models import AuditEntry, Role
from tests import factories as f
from tests.reporting import factories as rf
from tests.signin import pass_second_factor
from toolkit.publishing.models import Publication

from .factories import published

pytestmark = pytest.mark.django_db


def _client(client, user):
    client.force_login(user)
    pass_second_factor(client, user)
    return client


def _approved(region):
    admin = f.member(region, Role.ADMIN)
    workplan = rf.approved_workplan(region, by=admin, coordinator=f.coordinator())
    return admin, workplan


def test_an_admin_publishes_with_choices_and_sees_the_confirmation(client):
    region = f.region()
    admin, workplan = _approved(region)
    c = _client(client, admin)
    page = c.get(reverse("publishing:region", kwargs={"region": region.slug}))
    assert page.status_code == 200 and "Not published" in page.content.decode()
    url = reverse("publishing:publish", kwargs={"region": region.slug, "workplan": workplan.uuid})
    assert c.get(url).status_code == 200
    done = c.post(url, {"include_organisations": "on", "include_evidence": "on"}, follow=True)
    assert "Strategy published" in done.content.decode()
    live = Publication.objects.get(withdrawn_at=None)
    assert live.include_evidence and live.include_organisations and not live.include_reports
    entry = AuditEntry.objects.get(action="workplan.published")
    assert entry.region == region and entry.actor == admin


def test_withdrawing_asks_first_then_removes(client):
    publication = published()
    region = publication.region
    c = _client(client, publication.published_by)
    url = reverse(
        "publishing:withdraw", kwargs={"region": region.slug, "workplan": publication.workplan.uuid}
    )
    assert "Withdraw the strategy" in c.get(url).content.decode()
    assert Publication.objects.filter(withdrawn_at=None).exists()
    c.post(url)
    assert not Publication.objects.filter(withdrawn_at=None).exists()


@pytest.mark.parametrize("role", [Role.EDITOR, Role.CONTRIBUTOR])
def test_only_regional_admins_publish(client, role):
    region = f.region()
    _admin, workplan = _approved(region)
    c = _client(client, f.member(region, role))
    url = reverse("publishing:publish", kwargs={"region": region.slug, "workplan": workplan.uuid})
    assert c.post(url, {"include_organisations": "on"}).status_code == 403
    assert not Publication.objects.exists()
    page = c.get(reverse("publishing:region", kwargs={"region": region.slug}))
    assert page.status_code == 200 and url not in page.content.decode()


def test_another_regions_people_get_404(client):
    publication = published()
    outsider = f.member(f.region(), Role.ADMIN)
    c = _client(client, outsider)
    slug, wp = publication.region.slug, publication.workplan.uuid
    for name in ("publish", "withdraw", "published"):
        url = reverse(f"publishing:{name}", kwargs={"region": slug, "workplan": wp})
        assert c.get(url).status_code == 404
        assert c.post(url, {}).status_code in (404, 405)
    assert c.get(reverse("publishing:region", kwargs={"region": slug})).status_code == 404
    assert Publication.objects.get().is_live


def test_a_draft_workplan_cannot_be_published(client):
    from tests.toolkit import factories as tk

    region = f.region()
    admin = f.member(region, Role.ADMIN)
    workplan = tk.workplan(region, by=admin)
    c = _client(client, admin)
    url = reverse("publishing:publish", kwargs={"region": region.slug, "workplan": workplan.uuid})
    assert c.get(url).status_code == 404
    assert c.post(url, {}).status_code == 404


def test_publishing_with_every_choice_unticked_shows_only_what_is_always_public(client):
    region = f.region()
    admin, workplan = _approved(region)
    url = reverse("publishing:publish", kwargs={"region": region.slug, "workplan": workplan.uuid})
    done = _client(client, admin).post(url, {}, follow=True)
    assert "Strategy published" in done.content.decode()
    live = Publication.objects.get(withdrawn_at=None)
    assert not (live.include_evidence or live.include_organisations or live.include_reports)
