"""The registry of exportable documents.

A kind says what permission it needs, how to build its template context from ids, which print
template renders it and how it is titled. Each app registers its own kinds with `register()` in
its `documents` module, which this app discovers at start-up (as the admin discovers `admin`
modules), so the machinery imports no domain app. Regional documents and jobs are opened through
the region door (eubelong.core.door).
"""

from collections.abc import Callable
from dataclasses import dataclass, field


class ExportUnavailable(Exception):
    """The requested object does not exist (any more) or is not visible to the requester."""


@dataclass(frozen=True)
class ExportKind:
    key: str
    label: str
    template: str
    # (region or None, object_id, user) -> context with at least "title" and "toc".
    build_context: Callable[..., dict]
    # A region permission codename for region documents; None for network-wide documents that
    # every signed-in person may read.
    region_perm: str | None = "view_region"
    # Objects one may choose from (e.g. workplan versions): (region, user) -> [(id, label)].
    choices: Callable[..., list[tuple[str, str]]] | None = None
    # For network documents meant for some people only (e.g. coordinators): user -> bool.
    allowed: Callable[..., bool] | None = None
    extra: dict = field(default_factory=dict)

    @property
    def is_regional(self) -> bool:
        return self.region_perm is not None

    def permits(self, user) -> bool:
        return self.allowed is None or bool(self.allowed(user))


REGISTRY: dict[str, ExportKind] = {}


def register(kind: ExportKind) -> ExportKind:
    REGISTRY[kind.key] = kind
    return kind


def get_kind(key: str) -> ExportKind | None:
    return REGISTRY.get(key)


def regional_kinds() -> list[ExportKind]:
    return [kind for kind in REGISTRY.values() if kind.is_regional]


def network_kinds() -> list[ExportKind]:
    return [kind for kind in REGISTRY.values() if not kind.is_regional]
