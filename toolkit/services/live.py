"""What a workplan's open pages hear as it happens (eubelong/core/live.py): sent after the
change commits, naming only what changed and who changed it."""

from eubelong.core import live
from eubelong.core.text import person_name


def channel_of(workplan) -> str:
    return f"workplan:{workplan.uuid.hex}"


def item_changed(response, *, by, what: str = "answer") -> None:
    """A checklist answer was saved (`answer`), or its discussion changed (`comment`)."""
    live.publish_on_commit(
        channel_of(response.workplan),
        "item",
        {
            "item": response.uuid.hex,
            "version": response.version,
            "number": response.item.number,
            "by": person_name(by),
            "what": what,
        },
    )
