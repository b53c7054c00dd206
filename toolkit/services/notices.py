"""Who hears about what happens to a workplan, and the telling itself.

Editors of a region follow its workplans unless they unfollow; anyone else follows by choice, by
commenting, or by being mentioned. Reviewers are the coordinator who took the review on, or else
every coordinator of the region's network."""

import re

from django.contrib.auth import get_user_model
from django.urls import reverse

from eubelong.core.frozensql import frozen_query
from eubelong.core.text import person_name
from eubelong.notify.services import notify
from regions.selectors import people_holding, people_with_perm

from ..models import Comment, Workplan, WorkplanFollow

MENTION = re.compile(r"(?<![\w.@])@([\w.+-]{1,150})")


def follows_of(workplan: Workplan) -> dict[int, bool]:
    return dict(_follows(workplan.pk))


@frozen_query
def _follows(workplan_id: int):
    return WorkplanFollow.objects.filter(workplan=workplan_id).values_list("user_id", "following")


def is_following(workplan: Workplan, user, *, may_edit: bool) -> bool:
    choice = follows_of(workplan).get(user.pk)
    return may_edit if choice is None else choice


def follow_set(*, workplan: Workplan, user, following: bool) -> None:
    WorkplanFollow.objects.update_or_create(
        workplan=workplan,
        user=user,
        defaults={"region_id": workplan.region_id, "following": following},
    )


def follow_start(*, workplan: Workplan, user) -> None:
    """Commenting or being mentioned: follow, unless the person chose to unfollow before."""
    WorkplanFollow.objects.get_or_create(
        workplan=workplan, user=user, defaults={"region_id": workplan.region_id}
    )


def followers(workplan: Workplan) -> list:
    choices = follows_of(workplan)
    people = {
        user.pk: user
        for user in people_holding(workplan.region_id, "edit_workplan")
        if choices.get(user.pk, True)
    }
    others = [pk for pk, following in choices.items() if following and pk not in people]
    if others:
        people.update(
            {u.pk: u for u in get_user_model().objects.filter(pk__in=others, is_active=True)}
        )
    return list(people.values())


def reviewers(workplan: Workplan) -> list:
    if workplan.reviewer_id and workplan.reviewer.is_active:
        return [workplan.reviewer]
    return people_holding(workplan.region_id, "review_workplan")


def reviewers_possible(workplan: Workplan) -> list:
    return people_holding(workplan.region_id, "review_workplan")


def submitters(workplan: Workplan) -> list:
    perm = "edit_workplan" if workplan.region.editors_may_submit else "submit_workplan"
    # Everyone who submits also edits, so the wider group is the whole answer.
    return people_holding(workplan.region_id, perm)


def mentioned(workplan: Workplan, text: str) -> list:
    """Members of the workplan's region named as @username in `text`."""
    names = {name.rstrip(".") for name in MENTION.findall(text)}
    if not names:
        return []
    return list(people_with_perm(workplan.region, "view_region").filter(username__in=names))


def _workplan_url(workplan: Workplan, name: str = "toolkit:workplan-edit") -> str:
    return reverse(name, kwargs={"region": workplan.region.slug, "workplan": workplan.uuid})


def comment_url(comment: Comment) -> str:
    workplan = comment.workplan
    kwargs = {"region": workplan.region.slug, "workplan": workplan.uuid}
    root = comment.parent or comment
    if comment.response_id:
        url = reverse("toolkit:item", kwargs={**kwargs, "response": comment.response.uuid})
    else:
        url = reverse("toolkit:action-edit", kwargs={**kwargs, "action": comment.action.uuid})
    return f"{url}#comment-{root.uuid.hex}"


def _target_params(comment: Comment) -> dict:
    if comment.response_id:
        item = comment.response.item
        return {"item": f"{item.priority.number}.{item.number}"}
    return {"action": comment.action.title[:120]}


def tell_workplan(kind: str, workplan: Workplan, *, by, recipients, event: str, url=None) -> list:
    return notify(
        kind=kind,
        recipients=recipients,
        url=url or _workplan_url(workplan),
        dedupe=f"{kind}:{event}",
        region=workplan.region,
        actor=by,
        params={"person": person_name(by), "workplan": str(workplan)},
        group=(f"workplan:{workplan.pk}", str(workplan)),
    )


def tell_comment(kind: str, comment: Comment, *, by, recipients, event: str = "") -> list:
    workplan = comment.workplan
    return notify(
        kind=kind,
        recipients=recipients,
        url=comment_url(comment),
        dedupe=f"{kind}:{comment.uuid}{event}",
        region=workplan.region,
        actor=by,
        params={"person": person_name(by), "workplan": str(workplan), **_target_params(comment)},
        group=(f"workplan:{workplan.pk}", str(workplan)),
    )


def thread_people(note: Comment) -> list:
    """The note's author and everyone who replied."""
    people = [note.author] + [reply.author for reply in note.replies.select_related("author")]
    return [person for person in people if person is not None]
