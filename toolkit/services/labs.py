"""Learning labs: opening and closing one, people joining through its link, their contributions,
the facilitator's highlight, and the record the lab leaves in capacity building."""

from collections import Counter

from django.db import transaction
from django.utils import timezone

from eubelong.core import live
from handbook.models import ActivityKind
from handbook.services import activity_create, activity_update
from handbook.translation.lookup import text_language
from regions.audit import audit_record
from regions.members.services import member_invite
from regions.models import Role

from ..models import Comment, CommentKind, Lab, LabParticipant, LabSector, ProposalState
from .history import require_editable
from .live import item_changed

# How the lab's sectors are counted in a capacity-building record.
SECTOR_FIELDS = {
    LabSector.PUBLIC: "participants_public",
    LabSector.PRIVATE: "participants_private",
    LabSector.CIVIL: "participants_civil",
    LabSector.MIGRANT: "participants_migrant",
    LabSector.OTHER: "participants_other",
}


class LabNotOpen(Exception):
    """The lab has not started, has ended or was closed: nothing more can be added."""


def lab_channel(lab) -> str:
    return f"lab:{lab.uuid.hex}"


@transaction.atomic
def lab_open(*, workplan, title: str, starts_at, ends_at, by) -> Lab:
    lab = Lab.objects.create(
        region_id=workplan.region_id,
        workplan=workplan,
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        created_by=by,
    )
    _audit(lab, "lab.opened", by)
    return lab


@transaction.atomic
def lab_close(*, lab: Lab, by) -> Lab:
    """Close the lab now: its link stops working, everything contributed stays."""
    now = timezone.now()
    if Lab.objects.filter(pk=lab.pk, closed_at__isnull=True, ends_at__gt=now).update(closed_at=now):
        lab.closed_at = now
        _audit(lab, "lab.closed", by)
        live.publish_on_commit(lab_channel(lab), "lab", {"state": "ended"})
    return lab


def lab_join(*, lab: Lab, name: str, organisation: str, sector: str, email: str = ""):
    if not lab.is_open:
        raise LabNotOpen
    participant = LabParticipant.objects.create(
        region_id=lab.region_id,
        lab=lab,
        name=name,
        organisation=organisation,
        sector=sector,
        email=email,
    )
    live.publish_on_commit(lab_channel(lab), "contribution", {})
    return participant


@transaction.atomic
def lab_contribute(*, participant: LabParticipant, response, kind: str, body: str) -> Comment:
    """A comment, or a proposed evidence text while the workplan is a draft, written by a lab's
    participant on one checklist item of the lab's workplan."""
    lab = participant.lab
    if not lab.is_open:
        raise LabNotOpen
    if response.workplan_id != lab.workplan_id:
        raise ValueError("Only the lab's workplan takes contributions.")
    if kind == CommentKind.PROPOSAL:
        require_editable(response.workplan)
    elif kind != CommentKind.COMMENT:
        raise ValueError("Lab participants comment or propose text.")
    comment = Comment.objects.create(
        region_id=lab.region_id,
        workplan_id=lab.workplan_id,
        response=response,
        kind=kind,
        body=body,
        language=text_language(None),
        revision=response.workplan.revision,
        state=ProposalState.OPEN,
        lab_participant=participant,
    )
    # The room sees it arrive; editors with the workplan open see the item's counts change.
    live.publish_on_commit(lab_channel(lab), "contribution", {"comment": comment.uuid.hex})
    item_changed(response, by=None, what="comment", name=participant.name)
    return comment


def lab_highlight(*, lab: Lab, comment: Comment | None) -> Lab:
    """Show one contribution large on the facilitator's screen (None: none)."""
    if comment is not None and comment.lab_participant.lab_id != lab.pk:
        raise ValueError("Only the lab's own contributions can be highlighted.")
    Lab.objects.filter(pk=lab.pk).update(highlighted=comment)
    lab.highlighted = comment
    live.publish(lab_channel(lab), "contribution", {})
    return lab


@transaction.atomic
def lab_record(*, lab: Lab, by, outcome: str):
    """Record (or bring up to date) the lab in the region's capacity-building activities, with
    its participants counted by sector."""
    counts = Counter(lab.participants.values_list("sector", flat=True))
    data = {
        "kind": ActivityKind.LEARNING_LAB,
        "title": lab.title,
        "date": timezone.localdate(lab.starts_at),
        "outcome": outcome[:1000],
        **{field: counts.get(sector, 0) for sector, field in SECTOR_FIELDS.items()},
    }
    activity = lab.recorded_as
    if activity is None:
        activity = activity_create(region=lab.workplan.region, data=data, by=by)
        Lab.objects.filter(pk=lab.pk).update(recorded_as=activity)
        lab.recorded_as = activity
        _audit(lab, "lab.recorded", by)
    else:
        activity = activity_update(activity=activity, version=activity.version, data=data, by=by)
    return activity


@transaction.atomic
def participant_invite(*, participant: LabParticipant, by, request=None):
    """Invite a participant who left an e-mail address as a contributor of the region."""
    if not participant.email:
        raise ValueError("The participant left no e-mail address.")
    invitation = member_invite(
        region=participant.lab.workplan.region,
        email=participant.email,
        name=participant.name,
        role=Role.CONTRIBUTOR,
        by=by,
        request=request,
    )
    LabParticipant.objects.filter(pk=participant.pk).update(invited_at=timezone.now())
    return invitation


def _audit(lab: Lab, action: str, by) -> None:
    audit_record(
        action=action,
        actor=by,
        region=lab.workplan.region,
        target_type="lab",
        target_label=lab.title,
        after={"workplan": str(lab.workplan)},
    )
