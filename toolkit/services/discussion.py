"""Discussion of a workplan: comments, proposed texts and review notes (threads that are resolved
and reopened), following, and the notices each of these sends."""

from django.db import transaction
from django.utils import timezone

from handbook.translation.lookup import text_language

from ..models import Comment, CommentKind, ItemResponse, ProposalState, Snapshot, WorkplanStatus
from .history import require_editable
from .live import item_changed, note_changed
from .notices import (
    follow_start,
    followers,
    mentioned,
    reviewers,
    tell_comment,
    thread_people,
)
from .workplans import response_update

_ADDED = {
    CommentKind.COMMENT: "comment.added",
    CommentKind.PROPOSAL: "proposal.added",
    CommentKind.REVIEW: "note.added",
}


class NotAThread(ValueError):
    """Replies, resolving and reopening are for review notes only."""


@transaction.atomic
def comment_add(
    *,
    by,
    kind: str,
    body: str,
    response: ItemResponse | None = None,
    action=None,
    language: str | None = None,
) -> Comment:
    """A comment, a proposed text or a review note on one checklist response or one action."""
    target = response or action
    workplan = target.workplan
    if kind == CommentKind.PROPOSAL:
        if response is None:
            raise ValueError("Text can be proposed for checklist items only.")
        require_editable(workplan)
    comment = Comment.objects.create(
        region_id=workplan.region_id,
        workplan=workplan,
        response=response,
        action=action,
        kind=kind,
        body=body,
        language=text_language(language),
        revision=workplan.revision,
        state=ProposalState.OPEN,
        author=by,
    )
    if kind == CommentKind.REVIEW:
        review_started(workplan)
    _discussed(comment, by=by, kind=_ADDED[kind], audience=followers(workplan))
    return comment


@transaction.atomic
def note_reply(*, note: Comment, by, body: str, language: str | None = None) -> Comment:
    if note.kind != CommentKind.REVIEW or note.parent_id is not None:
        raise NotAThread("Only review notes take replies.")
    reply = Comment.objects.create(
        region_id=note.region_id,
        workplan=note.workplan,
        response=note.response,
        action=note.action,
        parent=note,
        kind=CommentKind.REVIEW,
        body=body,
        language=text_language(language),
        revision=note.workplan.revision,
        author=by,
    )
    audience = thread_people(note) + followers(note.workplan)
    _discussed(reply, by=by, kind="note.replied", audience=audience)
    return reply


def _discussed(comment: Comment, *, by, kind: str, audience) -> None:
    workplan = comment.workplan
    if comment.response_id:
        item_changed(comment.response, by=by, what="comment")
    if comment.kind == CommentKind.REVIEW:
        note_changed(comment, by=by)
    if by is not None:
        follow_start(workplan=workplan, user=by)
    named = mentioned(workplan, comment.body)
    for person in named:
        follow_start(workplan=workplan, user=person)
    tell_comment("mention", comment, by=by, recipients=named)
    names = {person.pk for person in named}
    tell_comment(kind, comment, by=by, recipients=[p for p in audience if p.pk not in names])


def _note_state(note: Comment, *, by, resolved: bool) -> Comment:
    if note.kind != CommentKind.REVIEW or note.parent_id is not None:
        raise NotAThread("Only review notes are resolved or reopened.")
    now = timezone.now()
    changed = Comment.objects.filter(pk=note.pk, resolved_at__isnull=resolved).update(
        resolved_at=now if resolved else None, resolved_by=by if resolved else None
    )
    note.refresh_from_db(fields=["resolved_at", "resolved_by"])
    if changed:
        if note.response_id:
            item_changed(note.response, by=by, what="comment")
        note_changed(note, by=by)
        kind = "note.resolved" if resolved else "note.reopened"
        audience = thread_people(note) + followers(note.workplan) + reviewers(note.workplan)
        tell_comment(kind, note, by=by, recipients=audience, event=f":{now.isoformat()}")
    return note


@transaction.atomic
def note_resolve(*, note: Comment, by) -> Comment:
    return _note_state(note, by=by, resolved=True)


@transaction.atomic
def note_reopen(*, note: Comment, by) -> Comment:
    return _note_state(note, by=by, resolved=False)


def review_started(workplan) -> None:
    """A reviewer wrote a note or took the review on: the submission can no longer be
    withdrawn."""
    if workplan.status == WorkplanStatus.SUBMITTED:
        Snapshot.objects.filter(
            workplan=workplan, revision=workplan.revision, review_started_at__isnull=True
        ).update(review_started_at=timezone.now())


@transaction.atomic
def proposal_decide(*, proposal: Comment, by, accept: bool) -> Comment:
    """Accepting a proposed text makes it the evidence note of its checklist response."""
    if proposal.kind != CommentKind.PROPOSAL or proposal.state != ProposalState.OPEN:
        raise ValueError("Only open proposals can be decided.")
    response = proposal.response
    require_editable(response.workplan)
    if accept:
        response_update(
            response=response, by=by, version=response.version, data={"evidence": proposal.body}
        )
    changed = Comment.objects.filter(pk=proposal.pk, state=ProposalState.OPEN).update(
        state=ProposalState.ACCEPTED if accept else ProposalState.DISMISSED
    )
    if not changed:
        raise ValueError("Only open proposals can be decided.")
    proposal.refresh_from_db(fields=["state"])
    item_changed(response, by=by, what="comment")
    tell_comment(
        "proposal.accepted" if accept else "proposal.dismissed",
        proposal,
        by=by,
        recipients=[proposal.author],
    )
    return proposal
