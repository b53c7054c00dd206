"""The kinds of notice, registered by the apps that send them (their `notices` module).

A kind has a key ("workplan.submitted"), a title with named parameters, written in the reader's
language when the notice is shown or mailed, and whether it is urgent: urgent notices (review
decisions, mentions) are mailed at once even to people who take a digest, unless they turned that
off.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class NoticeKind:
    key: str
    title: str  # a lazy translation with %(name)s parameters
    urgent: bool = False
    # False for news a person is waiting for on screen anyway (an export): in-app only.
    email: bool = True
    # Stored parameters are plain values (codes, names); this turns codes into words in the
    # reader's language when the title is written.
    localise: Callable[[dict], dict] | None = None


KINDS: dict[str, NoticeKind] = {}
# user -> the e-mail mode a person gets before they choose one (see models.EmailMode).
_DEFAULT_MODE: list = []


def register_kind(kind: NoticeKind) -> NoticeKind:
    KINDS[kind.key] = kind
    return kind


def get_kind(key: str) -> NoticeKind | None:
    return KINDS.get(key)


def register_default_mode(fn) -> None:
    """The tenancy app says which e-mail mode suits a person's roles."""
    _DEFAULT_MODE[:] = [fn]


def default_mode(user) -> str:
    from .models import EmailMode

    return _DEFAULT_MODE[0](user) if _DEFAULT_MODE else EmailMode.IMMEDIATE


def title_of(kind_key: str, params: dict) -> str:
    """The notice's title in the active language; a kind no longer registered shows its key."""
    kind = get_kind(kind_key)
    if kind is None:
        return kind_key
    try:
        if kind.localise is not None:
            params = {**params, **kind.localise(params)}
        return str(kind.title) % params
    except (KeyError, TypeError, ValueError):
        return str(kind.title)
