import pytest
from django.urls import reverse

from regions.models import Role
from regions.services import membership_add
from tests.compare.factories import not_sharing
from toolkit import services
from toolkit.models import (
    Action,
    Comment,
    ItemResponse,
    Snapshot,
    TemplateVersion,
    Workplan,
    WorkplanStatus,
)
from toolkit.selectors import workplan_snapshot_data

from . import factories

pytestmark = pytest.mark.django_db


def url(name, workplan, **extra):
    return reverse(
        f"toolkit:{name}",
        kwargs={"region": workplan.region.slug, "workplan": workplan.uuid, **extra},
    )


def first_response(workplan):
    return (
        ItemResponse.objects.for_region(workplan.region)
        .filter(workplan=workplan)
        .select_related("workplan", "item")
        .order_by("item__priority__number", "item__number")
        .first()
    )


def test_it_runs_the_review_lifecycle(login, region, editor, regional_admin, coordinator):
    workplan = factories.workplan(region)
    assert login(editor).post(url("workplan-submit", workplan)).status_code == 403
    # Nothing planned yet: the check page names the problem and submits nothing.
    blocked = login(regional_admin).post(url("workplan-submit", workplan))
    assert blocked.status_code == 400 and "Plan at least one action" in blocked.content.decode()
    factories.action(workplan)
    assert login(regional_admin).post(url("workplan-submit", workplan)).status_code == 302
    workplan.refresh_from_db()
    assert workplan.status == WorkplanStatus.SUBMITTED
    snapshot = Snapshot.objects.for_region(region).get()
    assert snapshot.revision == 1

    client = login(coordinator)
    response = first_response(workplan)
    comment_url = url("item-comment", workplan, response=response.uuid)
    reply = client.post(comment_url, {"kind": "review", "body": "Name the departments."})
    assert reply.status_code == 302
    assert client.get(url("workplan-review", workplan)).status_code == 200
    reply = client.post(
        url("review-decide", workplan), {"decision": "request_changes", "message": "See item 1"}
    )
    assert reply.status_code == 302
    workplan.refresh_from_db()
    assert (workplan.status, workplan.revision) == (WorkplanStatus.CHANGES_REQUESTED, 2)
    snapshot.refresh_from_db()
    assert snapshot.outcome == "changes_requested"

    editor_client = login(editor)
    page = editor_client.get(url("item", workplan, response=response.uuid)).content.decode()
    assert "Name the departments." in page
    assert (
        "Name the departments."
        in editor_client.get(url("workplan-edit", workplan)).content.decode()
    )
    save = editor_client.post(
        url("item", workplan, response=response.uuid),
        {"version": 1, "status": "done", "evidence": "Health and education", "link": ""},
    )
    assert save.status_code == 302

    assert login(regional_admin).post(url("workplan-submit", workplan)).status_code == 302
    coordinator_client = login(coordinator)
    # The note is still open: approving asks first, then closes it.
    reply = coordinator_client.post(url("review-decide", workplan), {"decision": "approve"})
    assert reply.status_code == 200 and "Approve with open notes?" in reply.content.decode()
    workplan.refresh_from_db()
    assert workplan.status == WorkplanStatus.SUBMITTED
    reply = coordinator_client.post(
        url("review-decide", workplan), {"decision": "approve", "confirm_open_notes": "1"}
    )
    assert reply.status_code == 302
    workplan.refresh_from_db()
    assert workplan.status == WorkplanStatus.APPROVED
    second = Snapshot.objects.for_region(region).get(revision=2)
    data = workplan_snapshot_data(second)
    assert data["snapshot"]["outcome"] == "approved"
    assert data["priorities"][0]["items"][0]["evidence"] == "Health and education"
    first_data = workplan_snapshot_data(Snapshot.objects.for_region(region).get(revision=1))
    assert first_data["priorities"][0]["items"][0]["evidence"] == ""


def test_it_never_edits_an_approved_snapshot(login, region, editor, coordinator):
    workplan = factories.workplan(region)
    services.workplan_submit(workplan=workplan, by=editor)
    services.workplan_approve(workplan=workplan, by=coordinator)
    snapshot = Snapshot.objects.for_region(region).get()
    snapshot.data = {"tampered": True}
    with pytest.raises(ValueError):
        snapshot.save()
    with pytest.raises(ValueError):
        snapshot.save(update_fields=["outcome"])
    response = first_response(workplan)
    reply = login(editor).post(
        url("item", workplan, response=response.uuid), {"version": 1, "status": "done"}
    )
    assert reply.status_code == 403

    assert login(editor).post(url("workplan-revise", workplan)).status_code == 302
    workplan.refresh_from_db()
    assert (workplan.status, workplan.revision) == (WorkplanStatus.DRAFT, 2)
    login(editor).post(
        url("item", workplan, response=response.uuid),
        {"version": 1, "status": "done", "evidence": "New", "link": ""},
    )
    snapshot.refresh_from_db()
    assert snapshot.data["priorities"][0]["items"][0]["status"] == "not_started"


def test_it_lets_only_coordinators_review(login, region, regional_admin, contributor):
    workplan = factories.workplan(region)
    services.workplan_submit(workplan=workplan, by=regional_admin)
    for user in (regional_admin, contributor):
        reply = login(user).post(url("review-decide", workplan), {"decision": "approve"})
        assert reply.status_code == 403


def test_it_accepts_a_contributors_proposal(login, region, editor, contributor):
    workplan = factories.workplan(region)
    response = first_response(workplan)
    reply = login(contributor).post(
        url("item-comment", workplan, response=response.uuid),
        {"kind": "proposal", "body": "We also mapped the libraries."},
    )
    assert reply.status_code == 302
    proposal = Comment.objects.for_region(region).get()
    decide = url("proposal-decide", workplan, comment=proposal.uuid)
    assert login(contributor).post(decide, {"decision": "accept"}).status_code == 403
    assert login(editor).post(decide, {"decision": "accept"}).status_code == 302
    response.refresh_from_db()
    assert response.evidence == "We also mapped the libraries."
    proposal.refresh_from_db()
    assert proposal.state == "accepted"


def test_it_shows_history_and_restores_an_item(login, region, editor):
    workplan = factories.workplan(region)
    response = first_response(workplan)
    client = login(editor)
    item = url("item", workplan, response=response.uuid)
    client.post(item, {"version": 1, "status": "done", "evidence": "Good text", "link": ""})
    client.post(item, {"version": 2, "status": "done", "evidence": "Worse text", "link": ""})
    page = client.get(url("workplan-history", workplan)).content.decode()
    assert editor.get_full_name() in page
    assert "Good text" in page and "Worse text" in page
    change = workplan.changes.filter(kind="response").order_by("-id").first()
    reply = client.post(url("change-restore", workplan, change=change.uuid))
    assert reply.status_code == 302
    response.refresh_from_db()
    assert response.evidence == "Good text"


def test_it_compares_two_versions(login, region, editor, regional_admin):
    workplan = factories.workplan(region)
    services.workplan_submit(workplan=workplan, by=regional_admin)
    snapshot = Snapshot.objects.for_region(region).get()
    Workplan.objects.filter(pk=workplan.pk).update(status=WorkplanStatus.DRAFT)
    response = first_response(workplan)
    login(editor).post(
        url("item", workplan, response=response.uuid),
        {"version": 1, "status": "done", "evidence": "Added later", "link": ""},
    )
    page = login(editor).get(
        url("workplan-history", workplan) + f"?from={snapshot.uuid}&to=current"
    )
    assert page.status_code == 200
    body = page.content.decode()
    assert "Added later" in body and "Not started" in body


def test_deleting_an_action_asks_first_and_only_editors_are_asked(
    login, region, editor, contributor
):
    workplan = factories.workplan(region)
    action = factories.action(workplan, title="Keep me")
    factories.indicator(action)
    delete_url = url("action-delete", workplan, action=action.uuid)
    page = login(editor).get(delete_url)
    assert page.status_code == 200
    body = page.content.decode()
    assert "Delete this action?" in body and "Keep me" in body and "its 1 indicator." in body
    assert 'class="button warning"' in body and 'method="post"' in body
    assert Action.objects.for_region(region).exists()
    edit_page = login(editor).get(url("action-edit", workplan, action=action.uuid)).content.decode()
    assert f'href="{delete_url}"' in edit_page
    assert login(contributor).get(delete_url).status_code in {403, 404}
    assert Action.objects.for_region(region).exists()


def test_it_restores_a_deleted_action(login, region, editor):
    workplan = factories.workplan(region)
    action = factories.action(workplan, title="Keep me")
    client = login(editor)
    client.post(url("action-delete", workplan, action=action.uuid))
    assert not Action.objects.for_region(region).exists()
    change = workplan.changes.filter(kind="action", after__isnull=True).get()
    client.post(url("change-restore", workplan, change=change.uuid))
    assert Action.objects.for_region(region).get().title == "Keep me"


def test_it_replicates_an_approved_action_from_a_readable_region(
    login, region, other_region, editor, coordinator
):
    not_sharing(other_region)
    source_plan = factories.workplan(other_region)
    source = factories.action(source_plan, title="Welcome desk pilot")
    factories.indicator(source)
    services.workplan_submit(workplan=source_plan, by=None)
    services.workplan_approve(workplan=source_plan, by=coordinator)
    workplan = factories.workplan(region)
    replicate = url("replicate", workplan)

    # The editor holds no role in the other region, which does not share: its workplans stay
    # invisible.
    assert "Welcome desk pilot" not in login(editor).get(replicate).content.decode()
    assert login(editor).post(replicate, {"source": str(source.uuid)}).status_code == 404

    membership_add(user=editor, region=other_region, role=Role.CONTRIBUTOR)
    assert "Welcome desk pilot" in login(editor).get(replicate).content.decode()
    assert login(editor).post(replicate, {"source": str(source.uuid)}).status_code == 302
    copy = Action.objects.for_region(region).get()
    assert copy.based_on == source
    assert other_region.name in copy.based_on_label
    assert copy.indicators.count() == 1
    assert login(coordinator).post(replicate, {"source": str(source.uuid)}).status_code == 403


def test_it_keeps_started_workplans_on_their_template_version(
    login, region, other_region, coordinator
):
    old = factories.published_template()
    workplan = factories.workplan(region, tpl=old)
    client = login(coordinator)
    assert client.post(reverse("toolkit:template-list")).status_code == 302
    draft = TemplateVersion.objects.get(published_at__isnull=True)
    priority = draft.priorities.get(number=1)
    edit = reverse(
        "toolkit:template-priority", kwargs={"template": draft.uuid, "priority": priority.uuid}
    )
    reply = client.post(edit, {"title": "Renamed", "overview": "New", "items": "Only one\nTwo"})
    assert reply.status_code == 302
    client.post(reverse("toolkit:template-publish", kwargs={"template": draft.uuid}))
    draft.refresh_from_db()
    assert draft.is_published
    assert workplan.template == old
    assert old.priorities.get(number=1).title != "Renamed"
    assert workplan.responses.count() == 8
    newer = factories.workplan(other_region)
    assert newer.template == draft
    old_edit = reverse(
        "toolkit:template-priority",
        kwargs={"template": old.uuid, "priority": old.priorities.first().uuid},
    )
    assert client.post(old_edit, {"title": "X", "overview": "Y", "items": "Z"}).status_code == 403


def test_it_keeps_templates_to_coordinators(login, editor, regional_admin):
    for user in (editor, regional_admin):
        assert login(user).get(reverse("toolkit:template-list")).status_code == 403


def test_it_lets_coordinators_open_a_strategy_cycle(login, coordinator, editor):
    from toolkit.models import StrategyCycle

    url = reverse("toolkit:template-list")
    assert login(editor).post(url, {"start_year": "2028"}).status_code == 403
    assert login(coordinator).post(url, {"start_year": "2028"}).status_code == 302
    cycle = StrategyCycle.objects.get(start_year=2028)
    assert (str(cycle), cycle.years) == ("2028–2030", [2028, 2029, 2030])
    assert login(coordinator).post(url, {"start_year": "abc"}).status_code == 400


def test_it_words_the_history_for_people(login, region, editor):
    workplan = factories.workplan(region)
    response = first_response(workplan)
    client = login(editor)
    client.post(
        url("item", workplan, response=response.uuid),
        {"version": 1, "status": "in_progress", "evidence": "", "link": ""},
    )
    page = client.get(url("workplan-history", workplan)).content.decode()
    # Only what changed, as a sentence: the evidence note stayed empty.
    assert "changed from Not started to In progress" in page and "Status of" in page
    assert "in_progress" not in page and "Evidence note" not in page


def test_it_has_the_database_refuse_snapshot_changes(needs_postgres, region, editor, coordinator):
    from django.db import DatabaseError, transaction

    workplan = factories.workplan(region)
    services.workplan_submit(workplan=workplan, by=editor)
    snapshots = Snapshot.objects.for_region(region)
    with pytest.raises(DatabaseError), transaction.atomic():
        snapshots.update(data={"tampered": True})
    services.workplan_approve(workplan=workplan, by=coordinator)
    with pytest.raises(DatabaseError), transaction.atomic():
        snapshots.update(outcome="pending")
    assert snapshots.get().outcome == "approved"


def test_it_lets_people_leave_without_unfreezing_snapshots(needs_postgres, region, coordinator):
    from tests.factories import UserFactory

    admin = UserFactory()
    workplan = factories.workplan(region)
    services.workplan_submit(workplan=workplan, by=admin)
    services.workplan_approve(workplan=workplan, by=coordinator)
    admin.delete()
    snapshot = Snapshot.objects.for_region(region).get()
    assert snapshot.submitted_by is None
    assert snapshot.outcome == "approved"
