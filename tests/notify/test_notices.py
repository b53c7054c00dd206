"""Notices: who is told, in which language, how often by e-mail, and never about a region they
cannot read."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from eubelong.notify.mailing import digest_for
from eubelong.notify.models import EmailMode, Notice
from eubelong.notify.registry import title_of
from eubelong.notify.selectors import unread_count
from eubelong.notify.services import notify, preference_set
from eubelong.notify.tasks import digests_send
from regions.members.services import member_remove
from regions.models import Role, UserProfile
from tests import factories
from tests.toolkit import factories as tk
from toolkit import services
from toolkit.models import CommentKind

pytestmark = pytest.mark.django_db


def _first_response(workplan):
    return workplan.responses.select_related("item__priority").order_by("id").first()


@pytest.fixture
def workplan(region, regional_admin):
    return tk.workplan(region, by=regional_admin)


def test_a_submission_tells_the_coordinators_once_and_not_the_submitter(
    committed, workplan, regional_admin, coordinator, editor
):
    preference_set(user=coordinator, email=EmailMode.IMMEDIATE, urgent_at_once=True)
    with committed():
        services.workplan_submit(workplan=workplan, by=regional_admin)

    told = Notice.objects.filter(kind="workplan.submitted")
    assert set(told.values_list("recipient", flat=True)) == {coordinator.pk, editor.pk}
    assert not Notice.objects.filter(recipient=regional_admin).exists()
    mailed = [m.to for m in mail.outbox if "submitted" in m.subject]
    assert [coordinator.email] in mailed and [regional_admin.email] not in mailed
    assert reverse("toolkit:workplan-review", kwargs={
        "region": workplan.region.slug, "workplan": workplan.uuid}) in mail.outbox[0].body  # fmt: skip


def test_the_same_event_twice_makes_one_notice_and_one_mail(
    committed, workplan, editor, coordinator
):
    preference_set(user=editor, email=EmailMode.IMMEDIATE, urgent_at_once=True)
    for _twice in range(2):
        with committed():
            notify(
                kind="workplan.approved",
                recipients=[editor],
                url="/",
                dedupe="workplan.approved:same-event",
                region=workplan.region,
                actor=coordinator,
                params={"workplan": str(workplan)},
            )
    assert Notice.objects.filter(recipient=editor).count() == 1
    assert len(mail.outbox) == 1


def test_notices_are_written_in_the_readers_language(
    committed, workplan, regional_admin, coordinator
):
    UserProfile.objects.update_or_create(user=coordinator, defaults={"language": "de"})
    preference_set(user=coordinator, email=EmailMode.IMMEDIATE, urgent_at_once=True)
    with committed():
        services.workplan_submit(workplan=workplan, by=regional_admin)

    notice = Notice.objects.get(recipient=coordinator)
    with translation.override("de"):
        german = title_of(notice.kind, notice.params)
    with translation.override("en"):
        english = title_of(notice.kind, notice.params)
    assert german != english and "zur Prüfung" in german
    assert mail.outbox[0].subject.strip().endswith(german)


def test_nobody_is_told_about_a_region_they_cannot_read(committed, workplan, coordinator, outsider):
    with committed():
        sent = notify(
            kind="workplan.approved",
            recipients=[outsider],
            url="/",
            dedupe="x",
            region=workplan.region,
            actor=coordinator,
            params={"workplan": str(workplan)},
        )
    assert sent == [] and not Notice.objects.filter(recipient=outsider).exists()


def test_a_person_removed_from_a_region_no_longer_sees_or_receives_its_notices(
    committed, workplan, editor, regional_admin, coordinator, client
):
    preference_set(user=editor, email=EmailMode.DAILY, urgent_at_once=False)
    with committed():
        services.workplan_submit(workplan=workplan, by=regional_admin)
    assert unread_count(editor) == 1

    with committed():
        member_remove(region=workplan.region, user=editor, by=regional_admin)

    assert unread_count(editor) == 0
    client.force_login(editor)
    page = client.get(reverse("notify:list"))
    assert str(workplan) not in page.content.decode()
    assert digest_for(editor) is False and mail.outbox == []
    notice = Notice.objects.get(recipient=editor)
    assert client.post(reverse("notify:open", kwargs={"notice": notice.uuid})).status_code == 404


def test_review_decisions_reach_digest_takers_at_once_and_the_rest_waits_for_the_digest(
    committed, workplan, editor, regional_admin, coordinator
):
    preference_set(user=editor, email=EmailMode.DAILY, urgent_at_once=True)
    response = _first_response(workplan)
    with committed():
        services.comment_add(response=response, by=regional_admin, kind=CommentKind.COMMENT,
                             body="Can you add the 2024 figures?")  # fmt: skip
    assert [m for m in mail.outbox if editor.email in m.to] == []  # waits for the digest

    with committed():
        services.workplan_submit(workplan=workplan, by=regional_admin)
    with committed():
        services.workplan_request_changes(workplan=workplan, by=coordinator, message="More detail")
    to_editor = [m for m in mail.outbox if editor.email in m.to]
    assert len(to_editor) == 1 and "Changes requested" in to_editor[0].subject  # at once

    assert digests_send() >= 1
    digest = [m for m in mail.outbox if editor.email in m.to][-1]
    assert "commented on checklist item 1.1" in digest.body
    assert "Changes requested" not in digest.body  # mailed already, never twice
    assert digest.extra_headers["List-Unsubscribe"].startswith("<http")


def test_a_hundred_events_make_one_digest_grouped_by_workplan_newest_first(
    committed, workplan, editor, regional_admin
):
    preference_set(user=editor, email=EmailMode.WEEKLY, urgent_at_once=True)
    for n in range(100):
        with committed():
            notify(
                kind="comment.added",
                recipients=[editor],
                url=f"/item/{n}/",
                dedupe=f"comment:{n}",
                region=workplan.region,
                actor=regional_admin,
                params={"person": "Ana", "workplan": str(workplan), "item": f"1.{n}"},
                group=(f"workplan:{workplan.pk}", str(workplan)),
            )
    assert digests_send() == 1
    assert digests_send() == 0  # not due again, and nothing left
    (digest,) = mail.outbox
    assert digest.body.splitlines().count(str(workplan)) == 1  # one group heading
    assert digest.body.index("item 1.99") < digest.body.index("item 1.0 ")
    assert digest.content_subtype == "plain" and not getattr(digest, "alternatives", None)


def test_no_email_means_none_even_for_decisions(
    committed, workplan, editor, regional_admin, coordinator
):
    preference_set(user=editor, email=EmailMode.NONE, urgent_at_once=True)
    with committed():
        services.workplan_submit(workplan=workplan, by=regional_admin)
    with committed():
        services.workplan_approve(workplan=workplan, by=coordinator)
    digests_send()
    assert [m for m in mail.outbox if editor.email in m.to] == []
    assert Notice.objects.filter(recipient=editor, kind="workplan.approved").exists()


def test_default_email_mode_follows_the_role(committed, region, coordinator):
    from eubelong.notify.services import preference_of

    editor = factories.member(region, Role.EDITOR)
    contributor = factories.member(region, Role.CONTRIBUTOR)
    assert preference_of(editor).email == EmailMode.IMMEDIATE
    assert preference_of(coordinator).email == EmailMode.DAILY
    assert preference_of(contributor).email == EmailMode.WEEKLY


def test_a_failing_mail_server_never_blocks_the_action(
    committed, workplan, regional_admin, coordinator, settings, client
):
    # A real SMTP connection to a port nobody listens on.
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 2
    preference_set(user=coordinator, email=EmailMode.IMMEDIATE, urgent_at_once=True)
    tk.action(workplan)
    client.force_login(regional_admin)
    url = reverse("toolkit:workplan-submit",
                  kwargs={"region": workplan.region.slug, "workplan": workplan.uuid})  # fmt: skip
    with committed():
        reply = client.post(url, {"message": ""})
    assert reply.status_code == 302
    workplan.refresh_from_db()
    assert workplan.status == "submitted"
    assert Notice.objects.filter(recipient=coordinator, kind="workplan.submitted").exists()


def test_mentions_tell_members_at_once_and_make_them_follow(
    committed, workplan, editor, contributor, regional_admin, outsider
):
    preference_set(user=contributor, email=EmailMode.WEEKLY, urgent_at_once=True)
    response = _first_response(workplan)
    with committed():
        services.comment_add(
            response=response,
            by=editor,
            kind=CommentKind.COMMENT,
            body=f"@{contributor.username} could you check this? cc @{outsider.username}",
        )
    assert Notice.objects.filter(recipient=contributor, kind="mention").count() == 1
    assert not Notice.objects.filter(recipient=outsider).exists()
    assert [m for m in mail.outbox if contributor.email in m.to][0].subject
    assert services.is_following(workplan, contributor, may_edit=False)

    # Following: the contributor hears of the next comment too, but only once per event.
    with committed():
        services.comment_add(response=response, by=regional_admin, kind=CommentKind.COMMENT,
                             body="Done.")  # fmt: skip
    assert Notice.objects.filter(recipient=contributor, kind="comment.added").count() == 1


def test_an_editor_who_unfollows_hears_no_more_comments(committed, workplan, editor, contributor):
    services.follow_set(workplan=workplan, user=editor, following=False)
    with committed():
        services.comment_add(response=_first_response(workplan), by=contributor,
                             kind=CommentKind.COMMENT, body="A thought")  # fmt: skip
    assert not Notice.objects.filter(recipient=editor).exists()

    # Being mentioned still reaches them, but does not make them follow again.
    with committed():
        services.comment_add(response=_first_response(workplan), by=contributor,
                             kind=CommentKind.COMMENT, body=f"@{editor.username} see above")  # fmt: skip
    assert Notice.objects.filter(recipient=editor, kind="mention").exists()
    assert not services.is_following(workplan, editor, may_edit=True)


def test_proposal_decisions_tell_their_author(committed, workplan, editor, contributor):
    response = _first_response(workplan)
    proposal = services.comment_add(response=response, by=contributor,
                                    kind=CommentKind.PROPOSAL, body="Our text")  # fmt: skip
    assert Notice.objects.filter(recipient=editor, kind="proposal.added").exists()
    with committed():
        services.proposal_decide(proposal=proposal, by=editor, accept=True)
    notice = Notice.objects.get(recipient=contributor, kind="proposal.accepted")
    assert notice.url.endswith(f"#comment-{proposal.uuid.hex}")
    with pytest.raises(ValueError):
        with committed():
            services.proposal_decide(proposal=proposal, by=editor, accept=False)


def test_invitations_accepted_and_role_changes_are_told(committed, region, regional_admin):
    from regions.members.services import invitation_accept, member_change_role, member_invite

    person = factories.UserFactory(email="new.member@example.org")
    _invitation, token = member_invite(region=region, email=person.email, role=Role.CONTRIBUTOR,
                          by=regional_admin)  # fmt: skip
    with committed():
        invitation_accept(token=token, user=person)
    assert Notice.objects.filter(recipient=regional_admin, kind="invitation.accepted").exists()

    with committed():
        member_change_role(region=region, user=person, role=Role.EDITOR, by=regional_admin)
    notice = Notice.objects.get(recipient=person, kind="member.role_changed")
    with translation.override("de"):
        assert str(Role.EDITOR.label) in title_of(notice.kind, notice.params)
