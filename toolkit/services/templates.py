"""The shared Toolkit template (drafts, priorities, publishing) and strategy cycles."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from regions.audit import audit_record

from ..models import (
    ChecklistItem,
    Priority,
    StrategyCycle,
    TemplateVersion,
)


@transaction.atomic
def _audit(template: TemplateVersion, action: str, by, **extra) -> None:
    audit_record(
        action=f"template.{action}",
        actor=by,
        target_type="template",
        target_label=_("Toolkit template version %(number)s") % {"number": template.number},
        **extra,
    )


def template_create_draft(*, notes: str = "", by) -> TemplateVersion:
    """Start the next template version as an editable copy of the newest one."""
    existing = TemplateVersion.objects.filter(published_at__isnull=True).first()
    if existing:
        return existing
    latest = TemplateVersion.objects.order_by("-number").first()
    draft = TemplateVersion.objects.create(number=(latest.number + 1) if latest else 1, notes=notes)
    if latest:
        for priority in latest.priorities.prefetch_related("items"):
            copy = Priority.objects.create(
                template=draft,
                number=priority.number,
                title=priority.title,
                overview=priority.overview,
            )
            ChecklistItem.objects.bulk_create(
                ChecklistItem(priority=copy, number=item.number, text=item.text)
                for item in priority.items.all()
            )
    _audit(draft, "draft", by)
    return draft


def _require_draft_template(template: TemplateVersion):
    if template.is_published:
        raise PermissionDenied("A published template version never changes.")


@transaction.atomic
def template_priority_update(
    *, priority: Priority, title: str, overview: str, items: list[str], by
) -> Priority:
    _require_draft_template(priority.template)
    before = {
        "title": priority.title,
        "overview": priority.overview,
        "items": [item.text for item in priority.items.all()],
    }
    priority.title = title
    priority.overview = overview
    priority.save(update_fields=["title", "overview"])
    priority.items.all().delete()
    ChecklistItem.objects.bulk_create(
        ChecklistItem(priority=priority, number=n, text=text)
        for n, text in enumerate(items, start=1)
    )
    after = {"title": title, "overview": overview, "items": list(items)}
    _audit(priority.template, "priority", by, before=before, after=after)
    return priority


@transaction.atomic
def template_publish(*, template: TemplateVersion, notes: str = "", by) -> TemplateVersion:
    _require_draft_template(template)
    template.published_at = timezone.now()
    template.notes = notes or template.notes
    template.save(update_fields=["published_at", "notes"])
    _audit(template, "publish", by, after={"notes": template.notes})
    return template


def cycle_get_or_create(*, start_year: int) -> StrategyCycle:
    cycle, _ = StrategyCycle.objects.get_or_create(
        start_year=start_year, defaults={"end_year": start_year + 2}
    )
    return cycle
