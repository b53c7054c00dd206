"""Submitting that works for the people who do the work, and the review workspace."""

import pytest
from django.urls import reverse

from eubelong.notify.models import Notice
from regions.models import Role
from tests import factories as rf
from toolkit import services
from toolkit.models import Comment, Snapshot, WorkplanStatus

from . import factories

pytestmark = pytest.mark.django_db


def url(name, workplan, **kwargs):
    return reverse(
        f"toolkit:{name}",
        kwargs={"region": workplan.region.slug, "workplan": workplan.uuid, **kwargs},
    )


@pytest.fixture
def workplan(region, regional_admin):
    workplan = factories.workplan(region, by=regional_admin)
    factories.action(workplan)
    return workplan


def test_an_editor_marks_ready_and_the_admin_is_told(login, workplan, editor, regional_admin):
    client = login(editor)
    page = client.get(url("workplan-edit", workplan)).content.decode()
    assert "Mark ready for submission" in page and "Check and submit" not in page
    assert regional_admin.get_username() in page or regional_admin.get_full_name() in page
    assert client.post(url("workplan-ready", workplan)).status_code == 302
    workplan.refresh_from_db()
    assert workplan.ready_by == editor
    assert Notice.objects.filter(recipient=regional_admin, kind="workplan.ready").exists()
    # The check page is for those who may submit.
    assert client.get(url("workplan-submit", workplan)).status_code == 403


def test_where_the_region_allows_it_editors_submit(login, workplan, editor, region):
    region.editors_may_submit = True
    region.save()
    client = login(editor)
    assert "Check and submit" in client.get(url("workplan-edit", workplan)).content.decode()
    reply = client.post(url("workplan-submit", workplan), {"message": "Ready from us."})
    assert reply.status_code == 302
    snapshot = Snapshot.objects.for_region(region).get()
    assert snapshot.submitted_by == editor and snapshot.submission_message == "Ready from us."


def test_a_contributor_asks_the_submitters_once_a_day(login, workplan, contributor, regional_admin):
    client = login(contributor)
    page = client.get(url("workplan-edit", workplan)).content.decode()
    assert "Ask them to submit" in page
    client.post(url("workplan-ask-submit", workplan))
    client.post(url("workplan-ask-submit", workplan))
    assert (
        Notice.objects.filter(recipient=regional_admin, kind="workplan.submit_asked").count() == 1
    )


def test_the_check_page_lists_warnings_and_keeps_the_message_on_error(
    login, workplan, regional_admin, coordinator
):
    response = workplan.responses.order_by("id").first()
    services.comment_add(response=response, by=regional_admin, kind="proposal", body="Text")
    client = login(regional_admin)
    page = client.get(url("workplan-submit", workplan)).content.decode()
    assert "checklist items are not started" in page
    assert "Priority 2 is at 0 %" in page
    assert "1 action has no indicator" in page
    assert "1 proposed text waits for a decision" in page
    too_long = client.post(url("workplan-submit", workplan), {"message": "x" * 5001})
    assert too_long.status_code == 400
    assert "x" * 5001 in too_long.content.decode()  # what was typed is kept
    workplan.refresh_from_db()
    assert workplan.status == WorkplanStatus.DRAFT

    reply = client.post(url("workplan-submit", workplan), {"message": "Please look at 2.1"})
    assert reply.status_code == 302 and "/submitted/" in reply["Location"]
    confirmation = client.get(reply["Location"]).content.decode()
    assert "Workplan submitted" in confirmation and "What happens next" in confirmation
    assert coordinator.get_full_name() in confirmation
    assert "Withdraw the submission" in confirmation


def test_a_submission_is_withdrawn_until_the_review_starts(
    login, workplan, regional_admin, coordinator
):
    services.workplan_submit(workplan=workplan, by=regional_admin)
    client = login(regional_admin)
    assert (
        "Withdraw the submission?"
        in client.get(url("workplan-withdraw", workplan)).content.decode()
    )
    assert client.post(url("workplan-withdraw", workplan)).status_code == 302
    workplan.refresh_from_db()
    assert (workplan.status, workplan.revision) == (WorkplanStatus.DRAFT, 2)
    assert Snapshot.objects.for_region(workplan.region).get(revision=1).outcome == "withdrawn"
    assert Notice.objects.filter(recipient=coordinator, kind="workplan.withdrawn").exists()

    # Once a reviewer takes it on, it stays.
    services.workplan_submit(workplan=workplan, by=regional_admin)
    services.review_assign(workplan=workplan, by=coordinator, reviewer=coordinator)
    client.post(url("workplan-withdraw", workplan))
    workplan.refresh_from_db()
    assert workplan.status == WorkplanStatus.SUBMITTED


def test_the_review_workspace_shows_word_level_changes_and_notes_in_place(
    login, workplan, regional_admin, editor, coordinator
):
    response = workplan.responses.order_by("id").first()
    services.response_update(response=response, by=editor, version=response.version,
                             data={"status": "in_progress", "evidence": "We map the services."})  # fmt: skip
    services.workplan_submit(workplan=workplan, by=regional_admin)
    services.workplan_request_changes(workplan=workplan, by=coordinator, message="More")
    response.refresh_from_db()
    services.response_update(response=response, by=editor, version=response.version,
                             data={"evidence": "We map all public services."})  # fmt: skip
    services.workplan_submit(workplan=workplan, by=regional_admin, message="Updated 1.1")

    client = login(coordinator)
    page = client.get(url("workplan-review", workplan)).content.decode()
    assert "map <del>the</del><ins>all public</ins> services" in page
    assert "Updated 1.1" in page  # the submitter's message
    reply = client.post(url("review-note-add", workplan),
                        {"response": str(response.uuid), "body": "Which services?"})  # fmt: skip
    assert reply.status_code == 302 and f"#item-{response.uuid.hex}" in reply["Location"]
    note = Comment.objects.for_region(workplan.region).get(kind="review")
    assert Notice.objects.filter(recipient=editor, kind="note.added").exists()
    empty = client.post(
        url("review-note-add", workplan), {"response": str(response.uuid), "body": ""}
    )
    assert empty.status_code == 400 and "Write the note before adding it." in empty.content.decode()

    # The editor answers in the thread; the reviewer resolves; approval then needs no confirmation.
    login(editor).post(url("note-reply", workplan, note=note.uuid), {"body": "Health and schools."})
    assert Notice.objects.filter(recipient=coordinator, kind="note.replied").exists()
    client = login(coordinator)
    client.post(url("note-resolve", workplan, note=note.uuid))
    note.refresh_from_db()
    assert note.resolved_by == coordinator
    reply = client.post(url("review-decide", workplan), {"decision": "approve"})
    assert reply.status_code == 302
    workplan.refresh_from_db()
    assert workplan.status == WorkplanStatus.APPROVED


def test_only_reviewers_resolve_other_peoples_notes(
    login, workplan, regional_admin, coordinator, editor
):
    services.workplan_submit(workplan=workplan, by=regional_admin)
    response = workplan.responses.order_by("id").first()
    note = services.comment_add(response=response, by=coordinator, kind="review", body="Why?")
    assert login(editor).post(url("note-resolve", workplan, note=note.uuid)).status_code == 403
    note.refresh_from_db()
    assert note.resolved_at is None


def test_a_reviewer_assigns_the_review_to_a_colleague(login, workplan, regional_admin, coordinator):
    colleague = rf.coordinator()
    services.workplan_submit(workplan=workplan, by=regional_admin)
    client = login(coordinator)
    reply = client.post(url("review-assign", workplan), {"reviewer": str(colleague.pk)})
    assert reply.status_code == 302
    workplan.refresh_from_db()
    assert workplan.reviewer == colleague
    assert Notice.objects.filter(recipient=colleague, kind="review.assigned").exists()
    outsider = rf.member(rf.region(), Role.ADMIN)
    bad = client.post(url("review-assign", workplan), {"reviewer": str(outsider.pk)})
    assert bad.status_code == 400


def test_review_notes_on_actions(login, workplan, regional_admin, coordinator, editor):
    services.workplan_submit(workplan=workplan, by=regional_admin)
    action = workplan.actions.first()
    client = login(coordinator)
    client.post(url("review-note-add", workplan), {"action": str(action.uuid), "body": "Budget?"})
    note = Comment.objects.for_region(workplan.region).get(action=action)
    page = login(editor).get(url("action-edit", workplan, action=action.uuid)).content.decode()
    assert "Budget?" in page and f'id="comment-{note.uuid.hex}"' in page
    notes = login(editor).get(url("workplan-notes", workplan)).content.decode()
    assert "Budget?" in notes and f"#comment-{note.uuid.hex}" in notes
