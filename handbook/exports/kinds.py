"""The registry of exportable documents.

A kind says what permission it needs, how to build its template context from ids, which print
template renders it and how it is titled. Other apps add their own kinds with `register()`.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _


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


def _region_profile(region, object_id, user) -> dict:
    from eubelong.core.text import render_markdown
    from regions.selectors import region_members

    members = region_members(region)
    counts: dict[str, dict] = {}
    for member in members:
        row = counts.setdefault(member["role"], {"label": member["role_label"], "count": 0})
        row["count"] += 1
    chart = bar_chart(
        title=_("Members by role"),
        rows=[(row["label"], row["count"]) for row in counts.values()],
    )
    return {
        "title": _("Region profile"),
        "region": region,
        "members": members,
        "contextual_analysis": render_markdown(region.contextual_analysis or ""),
        "chart": chart,
        "snapshot": region.updated_at,
        "snapshot_label": _("Profile version %(version)s") % {"version": region.version},
        "toc": [
            ("profile", _("Profile")),
            ("context", _("Contextual analysis")),
            ("members", _("Members")),
        ],
    }


def bar_chart(*, title, rows: list[tuple[str, int]]) -> dict:
    """Geometry of a horizontal bar chart drawn as inline SVG, with its data for the table."""
    largest = max((value for _label, value in rows), default=0) or 1
    bar_height, gap, label_width, width = 18, 8, 150, 460
    bars = []
    for index, (label, value) in enumerate(rows):
        y = index * (bar_height + gap)
        bars.append(
            {
                "label": label,
                "value": value,
                "y": y,
                "text_y": y + bar_height - 4,
                "width": max(1, round((width - label_width - 40) * value / largest)),
            }
        )
    description = "; ".join(f"{label}: {value}" for label, value in rows)
    return {
        "title": title,
        "alt": f"{title}. {description}" if rows else title,
        "bars": bars,
        "rows": rows,
        "height": max(bar_height, len(rows) * (bar_height + gap)),
        "width": width,
        "label_width": label_width,
        "bar_height": bar_height,
    }


register(
    ExportKind(
        key="region-profile",
        label=_("Region profile"),
        template="pdf/region_profile.html",
        build_context=_region_profile,
        region_perm="view_region",
    )
)


# The workplan, Handbook and Framework kinds register themselves there.
from . import comparison, documents  # noqa: E402, F401
