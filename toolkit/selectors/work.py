"""What each person has to do next, across their regions: the reads of the "My work" page.

Every list is one query (with a cap), so the page costs the same for ten regions or three
hundred and for ten notes or ten thousand."""

from datetime import timedelta

from django.db.models import Count, Q
from django.utils import timezone

from eubelong.core.frozensql import frozen_query
from regions.access import region_ids_for_user, regions_for_user

from ..models import (
    EDITABLE_STATUSES,
    Comment,
    CommentKind,
    ProposalState,
    Snapshot,
    SnapshotOutcome,
    StrategyCycle,
    Workplan,
    WorkplanStatus,
)

LIST_CAP = 20
QUEUE_CAP = 100


def _open_notes_q(prefix: str = "") -> Q:
    return Q(
        **{
            f"{prefix}kind": CommentKind.REVIEW,
            f"{prefix}parent__isnull": True,
            f"{prefix}resolved_at__isnull": True,
        }
    )


def workplans_to_edit(user) -> list[Workplan]:
    """Workplans of the regions where `user` edits, with what waits on each."""
    return list(_workplans_to_edit(region_ids_for_user(user, "edit_workplan")))


@frozen_query
def _workplans_to_edit(region_ids):
    return (
        Workplan.objects.filter(region_id__in=region_ids)
        .select_related("region", "cycle", "ready_by")
        .annotate(
            open_notes=Count("comments", filter=_open_notes_q("comments__"), distinct=True),
            open_proposals=Count(
                "comments",
                filter=Q(comments__kind=CommentKind.PROPOSAL, comments__state=ProposalState.OPEN),
                distinct=True,
            ),
        )
        .order_by("region__name", "-cycle__start_year")[:LIST_CAP]
    )


# What a comment's line on the page shows (work/_comment_link.html): the rest of the rows it
# is joined to stays in the database, and out of the query's planning and compiling.
_LINKED = (
    "workplan__region",
    "workplan__cycle",
    "response__item__priority",
    "action",
)
_LINK_FIELDS = (
    "workplan",
    "workplan__region",
    "workplan__cycle",
    "response",
    "response__item",
    "response__item__priority",
    "action",
    "uuid",
    "kind",
    "state",
    "body",
    "created_at",
    "workplan__uuid",
    "workplan__region__name",
    "workplan__region__slug",
    "workplan__cycle__start_year",
    "workplan__cycle__end_year",
    "response__uuid",
    "response__item__number",
    "response__item__priority__number",
    "action__uuid",
    "action__title",
)


def _linked(comments, *related, fields=()):
    return comments.select_related(*_LINKED, *related).only(*_LINK_FIELDS, *fields)


def _oldest_first(comments):
    """With what each comment is about and who wrote it, for links and names."""
    return _linked(
        comments,
        "author",
        fields=("author", *_named("author")),
    ).order_by("created_at", "id")[:LIST_CAP]


def open_notes_to_answer(user) -> list[Comment]:
    return list(_open_notes_to_answer(region_ids_for_user(user, "edit_workplan")))


@frozen_query
def _open_notes_to_answer(region_ids):
    return _oldest_first(Comment.objects.filter(_open_notes_q(), region_id__in=region_ids))


def proposals_to_decide(user) -> list[Comment]:
    return list(_proposals_to_decide(region_ids_for_user(user, "edit_workplan")))


@frozen_query
def _proposals_to_decide(region_ids):
    return _oldest_first(
        Comment.objects.filter(
            kind=CommentKind.PROPOSAL,
            state=ProposalState.OPEN,
            workplan__status__in=EDITABLE_STATUSES,
            region_id__in=region_ids,
        )
    )


def my_contributions(user) -> list[Comment]:
    """The person's own comments and proposals, newest first, in regions they still read."""
    return list(_my_contributions(user.pk, region_ids_for_user(user)))


@frozen_query
def _my_contributions(user_id: int, region_ids):
    return _linked(
        Comment.objects.filter(
            author=user_id,
            parent__isnull=True,
            kind__in=[CommentKind.COMMENT, CommentKind.PROPOSAL],
            region_id__in=region_ids,
        )
    ).order_by("-created_at", "-id")[:LIST_CAP]


# What the coordinator's lists show of a snapshot and its workplan: a hundred rows at most, each
# read with only these columns (a region's texts and a person's account stay in the database).
_QUEUE_FIELDS = (
    "workplan__uuid",
    "workplan__region__name",
    "workplan__region__slug",
    "workplan__cycle__start_year",
    "workplan__cycle__end_year",
)


def _named(*people: str) -> list[str]:
    """The columns `person_name` reads, for each related person."""
    return [f"{p}__{f}" for p in people for f in ("username", "first_name", "last_name")]


def review_queue(user) -> list[Snapshot]:
    """Submissions awaiting review in the regions `user` reviews, oldest first."""
    return list(
        Snapshot.objects.filter(
            outcome=SnapshotOutcome.PENDING,
            workplan__status=WorkplanStatus.SUBMITTED,
            region__in=regions_for_user(user, "review_workplan"),
        )
        .select_related("workplan__region", "workplan__cycle", "workplan__reviewer", "submitted_by")
        .only(
            *_QUEUE_FIELDS,
            "revision",
            "submitted_at",
            *_named("workplan__reviewer", "submitted_by"),
        )
        .annotate(
            open_notes=Count("workplan__comments", filter=_open_notes_q("workplan__comments__"))
        )
        .order_by("submitted_at", "id")[:QUEUE_CAP]
    )


def recently_decided(user, days: int = 30) -> list[Snapshot]:
    return list(
        Snapshot.objects.filter(
            outcome__in=[SnapshotOutcome.APPROVED, SnapshotOutcome.CHANGES_REQUESTED],
            reviewed_at__gte=timezone.now() - timedelta(days=days),
            region__in=regions_for_user(user, "review_workplan"),
        )
        .select_related("workplan__region", "workplan__cycle", "reviewed_by")
        .only(*_QUEUE_FIELDS, "outcome", "reviewed_at", *_named("reviewed_by"))
        .order_by("-reviewed_at", "-id")[:LIST_CAP]
    )


def current_cycle() -> StrategyCycle | None:
    year = timezone.localdate().year
    return (
        StrategyCycle.objects.filter(start_year__lte=year, end_year__gte=year).first()
        or StrategyCycle.objects.order_by("-start_year").first()
    )


def regions_not_submitted(user, cycle: StrategyCycle | None) -> list[dict]:
    """Regions `user` reviews whose workplan for `cycle` has not been submitted or approved,
    with where each stands."""
    if cycle is None:
        return []
    regions = list(
        regions_for_user(user, "review_workplan")
        .exclude(
            workplans__cycle=cycle,
            workplans__status__in=[WorkplanStatus.SUBMITTED, WorkplanStatus.APPROVED],
        )
        .only("name", "slug")
        .order_by("name")[:QUEUE_CAP]
    )
    workplans = {
        w.region_id: w
        for w in Workplan.objects.filter(region__any_of=[r.pk for r in regions], cycle=cycle).only(
            "uuid", "region_id", "status", "ready_at", "updated_at"
        )
    }
    return [{"region": r, "workplan": workplans.get(r.pk)} for r in regions]
