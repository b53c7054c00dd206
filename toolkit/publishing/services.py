"""Publishing an approved workplan and withdrawing it: one decision each, recorded in the audit
log. What is published is always a frozen, approved snapshot."""

from django.db import transaction
from django.utils import timezone

from regions.audit import audit_record
from toolkit.models import SnapshotOutcome, Workplan

from . import cache
from .models import Publication


class NotPublishable(Exception):
    """The workplan has no approved snapshot to publish."""


def _approved_snapshot(workplan: Workplan):
    return workplan.snapshots.filter(outcome=SnapshotOutcome.APPROVED).order_by("-revision").first()


def _choices(publication: Publication) -> dict:
    return {
        "revision": publication.snapshot.revision,
        "include_evidence": publication.include_evidence,
        "include_organisations": publication.include_organisations,
        "include_reports": publication.include_reports,
    }


@transaction.atomic
def publish(
    *,
    workplan: Workplan,
    by,
    include_evidence: bool = False,
    include_organisations: bool = True,
    include_reports: bool = True,
    request=None,
) -> Publication:
    """Make the latest approved snapshot public, replacing what was public for this workplan."""
    snapshot = _approved_snapshot(workplan)
    if snapshot is None:
        raise NotPublishable("Only an approved workplan can be published.")
    live = Publication.objects.select_for_update().filter(workplan=workplan, withdrawn_at=None)
    before = None
    for old in live:
        before = _choices(old)
        old.withdrawn_at, old.withdrawn_by = timezone.now(), by
        old.save(update_fields=["withdrawn_at", "withdrawn_by"])
    publication = Publication.objects.create(
        region=workplan.region,
        workplan=workplan,
        snapshot=snapshot,
        include_evidence=include_evidence,
        include_organisations=include_organisations,
        include_reports=include_reports,
        published_by=by,
    )
    audit_record(
        action="workplan.published",
        actor=by,
        region=workplan.region,
        target_type="workplan",
        target_label=str(workplan),
        before=before,
        after=_choices(publication),
        request=request,
    )
    _forget()
    return publication


def _forget() -> None:
    cache.bump_now_and_after_commit()


@transaction.atomic
def unpublish(*, publication: Publication, by, request=None) -> Publication:
    updated = Publication.objects.filter(pk=publication.pk, withdrawn_at=None).update(
        withdrawn_at=timezone.now(), withdrawn_by=by
    )
    publication.refresh_from_db()
    if updated:
        audit_record(
            action="workplan.unpublished",
            actor=by,
            region=publication.region,
            target_type="workplan",
            target_label=str(publication.workplan),
            before=_choices(publication),
            request=request,
        )
    _forget()
    return publication


def publishable_snapshot(workplan: Workplan):
    """The snapshot publishing would make public now, or None."""
    return _approved_snapshot(workplan)
