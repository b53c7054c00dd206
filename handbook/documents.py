"""What the handbook app offers the export machinery: the Handbook, whole or one thematic area.

Rich text is rendered (and sanitised) here, so templates only ever escape.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from eubelong.core.text import render_markdown
from eubelong.exports.registry import ExportKind, ExportUnavailable, register

from .models import Publication, Section, ThematicArea
from .selectors import modules_of_areas
from .translation.lookup import translate


def title_of(obj) -> str:
    """Shared content's title in the document's language (English when not translated)."""
    return translate(obj, "title")[0]


def sections_of(queryset) -> list[dict]:
    return [
        {
            "section": section,
            "anchor": f"section-{section.slug}",
            "body_html": render_markdown(section.body or ""),
        }
        for section in queryset.order_by("number")
    ]


def handbook_choices(region, user) -> list[tuple[str, str]]:
    return [("", _("The whole Handbook"))] + [
        (f"area:{area.slug}", _("Thematic area %(number)s: %(title)s") % {
            "number": area.number, "title": area.title,
        })
        for area in ThematicArea.objects.order_by("number").only("number", "slug", "title")
    ]  # fmt: skip


def _areas(queryset) -> list[dict]:
    areas = list(queryset.order_by("number"))
    modules = modules_of_areas(areas)
    by_area: dict[int, list] = {}
    for module in modules:
        for area in module.thematic_areas.all():
            by_area.setdefault(area.pk, []).append(module)
    return [
        {
            "area": area,
            "anchor": f"area-{area.slug}",
            "challenges_html": render_markdown(area.challenges or ""),
            "stakeholders_html": render_markdown(area.stakeholders or ""),
            "training_html": render_markdown(area.training_topics or ""),
            "modules": by_area.get(area.pk, []),
        }
        for area in areas
    ]


def handbook_context(region, object_id, user) -> dict:
    if object_id:
        which, _sep, slug = object_id.partition(":")
        queryset = ThematicArea.objects.filter(slug=slug)
        if which != "area" or not queryset.exists():
            raise ExportUnavailable
        sections = []
        areas = _areas(queryset)
        title = _("Handbook · %(area)s") % {"area": areas[0]["area"].title}
    else:
        sections = sections_of(Section.objects.filter(publication=Publication.HANDBOOK))
        areas = _areas(ThematicArea.objects.all())
        title = _("Handbook")
    toc = [(s["anchor"], f"{s['section'].number}. {title_of(s['section'])}", 1) for s in sections]
    toc += [(a["anchor"], f"{a['area'].number}. {title_of(a['area'])}", 1) for a in areas]
    stamps = [s["section"].updated_at for s in sections] + [
        a["area"].updated_at for a in areas if a["area"].updated_at
    ]
    return {
        "title": title,
        "sections": sections,
        "areas": areas,
        "snapshot": max(stamps) if stamps else None,
        "toc": toc,
    }


register(
    ExportKind(
        key="handbook",
        label=gettext_lazy("Handbook"),
        template="pdf/handbook.html",
        build_context=handbook_context,
        region_perm=None,
        choices=handbook_choices,
    )
)
