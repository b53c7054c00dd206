"""What the regions app offers the export machinery: the region profile."""

from django.utils.translation import gettext_lazy as _

from eubelong.core.text import render_markdown
from eubelong.exports.charts import bar_chart
from eubelong.exports.registry import ExportKind, register

from .selectors import region_members


def _region_profile(region, object_id, user) -> dict:
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


register(
    ExportKind(
        key="region-profile",
        label=_("Region profile"),
        template="pdf/region_profile.html",
        build_context=_region_profile,
        region_perm="view_region",
    )
)
