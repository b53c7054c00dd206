"""What a workplan's open pages hear as it happens (eubelong/core/live.py): sent after the
change commits, naming only what changed and who changed it."""

from django.utils.crypto import salted_hmac

from eubelong.core import live
from eubelong.core.text import person_name


def person_token(user_id) -> str:
    """How a page tells its own person apart in presence lists and events, without a user id."""
    return salted_hmac("toolkit.live.person", str(user_id)).hexdigest()[:12]


def channel_of(workplan) -> str:
    return f"workplan:{workplan.uuid.hex}"


def item_number(item) -> str:
    """An item as people name it across priorities: "2.3" is priority 2's third item."""
    return f"{item.priority.number}.{item.number}"


def item_changed(response, *, by, what: str = "answer", name: str = "") -> None:
    """A checklist answer was saved (`answer`), or its discussion changed (`comment`); `name`
    names someone without an account (a learning lab's participant)."""
    live.publish_on_commit(
        channel_of(response.workplan),
        "item",
        {
            "item": response.uuid.hex,
            "version": response.version,
            "number": item_number(response.item),
            "by": name or person_name(by),
            "person": person_token(by.pk) if by is not None else "",
            "what": what,
        },
    )


def note_changed(comment, *, by) -> None:
    """A review note was written, answered, resolved or reopened: the threads of its item or
    action change on open review pages."""
    target = comment.response or comment.action
    live.publish_on_commit(
        channel_of(comment.workplan), "note", {"target": target.uuid.hex, "by": person_name(by)}
    )
