"""Stakeholder registry of a region: reads, writes (audited) and forms."""

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Prefetch
from django.utils import timezone

from eubelong.core.history import field_state
from eubelong.core.locking import guarded_update

from ..audit import audit_record
from ..models import AuditEntry, ContactPerson, GovernanceLevel, Region, Sector, Stakeholder

STAKEHOLDER_FIELDS = ["name", "sector", "level", "website", "notes"]
CONTACT_FIELDS = ["name", "email", "phone", "role", "consent", "consent_date", "consent_purpose"]


# --- reads ---------------------------------------------------------------------------------


def stakeholder_name_taken(region, name: str, *, besides=None) -> bool:
    """Whether the region already has an organisation of that name (any case)."""
    clash = Stakeholder.objects.for_region(region).filter(name__iexact=name)
    if besides is not None:
        clash = clash.exclude(pk=besides)
    return clash.exists()


def stakeholders_for_region(region: Region):
    """The region's organisations, each with its number of contact people."""
    return Stakeholder.objects.for_region(region).annotate(contact_count=Count("contacts"))


def stakeholder_import_entry(region: Region, value) -> AuditEntry | None:
    """The audit entry of one of the region's imports, by its uuid; None for anything else,
    including another region's import."""
    try:
        key = uuid.UUID(str(value))
    except ValueError:
        return None
    return (
        AuditEntry.objects.filter(region=region, action="stakeholder.import", uuid=key)
        .only("uuid", "created_at", "after")
        .first()
    )


def stakeholder_detail(region: Region, uuid) -> Stakeholder:
    contacts = ContactPerson.objects.for_region(region).order_by("name")
    return (
        Stakeholder.objects.for_region(region)
        .prefetch_related(Prefetch("contacts", queryset=contacts))
        .get(uuid=uuid)
    )


def retention_cutoff():
    return timezone.now() - timedelta(days=30 * settings.CONTACT_RETENTION_MONTHS)


def contacts_past_retention(region: Region):
    """Contact records without consent older than the retention period: review or delete them."""
    return ContactPerson.objects.for_region(region).filter(
        consent=False, created_at__lt=retention_cutoff()
    )


def sector_level_map(region: Region) -> dict:
    """Counts of organisations per sector and governance level, as rows ready for a table."""
    counts = {
        (row["sector"], row["level"]): row["n"]
        for row in Stakeholder.objects.for_region(region)
        .values("sector", "level")
        .annotate(n=Count("id"))
        .order_by()
    }
    rows = []
    for sector, sector_label in Sector.choices:
        cells = [counts.get((sector, level), 0) for level, _label in GovernanceLevel.choices]
        rows.append({"sector": sector, "label": sector_label, "cells": cells, "total": sum(cells)})
    totals = [sum(r["cells"][i] for r in rows) for i in range(len(GovernanceLevel.choices))]
    return {
        "levels": GovernanceLevel.choices,
        "rows": rows,
        "totals": totals,
        "total": sum(totals),
    }


# --- writes --------------------------------------------------------------------------------


@transaction.atomic
def stakeholder_create(*, region: Region, data: dict, by, request=None) -> Stakeholder:
    stakeholder = Stakeholder.objects.create(
        region=region, **{f: data[f] for f in STAKEHOLDER_FIELDS if f in data}
    )
    audit_record(
        action="stakeholder.create",
        actor=by,
        region=region,
        target_type="stakeholder",
        target_label=stakeholder.name,
        after=field_state(stakeholder, STAKEHOLDER_FIELDS),
        request=request,
    )
    return stakeholder


@transaction.atomic
def stakeholder_update(
    *, stakeholder: Stakeholder, version: int, data: dict, by, request=None
) -> Stakeholder:
    # Read the saved state: a bound ModelForm has already changed the instance in memory.
    before = field_state(Stakeholder.objects.get(pk=stakeholder.pk), STAKEHOLDER_FIELDS)
    changes = {f: data[f] for f in STAKEHOLDER_FIELDS if f in data}
    guarded_update(
        Stakeholder.objects.for_region(stakeholder.region_id),
        stakeholder.pk,
        version=version,
        changes={**changes, "updated_at": timezone.now()},
    )
    stakeholder.refresh_from_db()
    audit_record(
        action="stakeholder.update",
        actor=by,
        region=stakeholder.region,
        target_type="stakeholder",
        target_label=stakeholder.name,
        before=before,
        after=field_state(stakeholder, STAKEHOLDER_FIELDS),
        request=request,
    )
    return stakeholder


@transaction.atomic
def stakeholder_delete(*, stakeholder: Stakeholder, by, request=None) -> None:
    before = field_state(stakeholder, STAKEHOLDER_FIELDS)
    before["contacts"] = stakeholder.contacts.count()
    region = stakeholder.region
    stakeholder.delete()
    audit_record(
        action="stakeholder.delete",
        actor=by,
        region=region,
        target_type="stakeholder",
        target_label=before["name"],
        before=before,
        request=request,
    )


@transaction.atomic
def contact_create(*, stakeholder: Stakeholder, data: dict, by, request=None) -> ContactPerson:
    contact = ContactPerson.objects.create(
        region=stakeholder.region,
        stakeholder=stakeholder,
        **{f: data[f] for f in CONTACT_FIELDS if f in data},
    )
    audit_record(
        action="contact.create",
        actor=by,
        region=stakeholder.region,
        target_type="contact",
        target_label=f"{contact.name} ({stakeholder.name})",
        after=field_state(contact, CONTACT_FIELDS),
        request=request,
    )
    return contact


@transaction.atomic
def contact_update(*, contact: ContactPerson, data: dict, by, request=None) -> ContactPerson:
    before = field_state(ContactPerson.objects.get(pk=contact.pk), CONTACT_FIELDS)
    for field in CONTACT_FIELDS:
        if field in data:
            setattr(contact, field, data[field])
    contact.save(update_fields=[*CONTACT_FIELDS, "updated_at"])
    audit_record(
        action="contact.update",
        actor=by,
        region=contact.region,
        target_type="contact",
        target_label=contact.name,
        before=before,
        after=field_state(contact, CONTACT_FIELDS),
        request=request,
    )
    return contact


@transaction.atomic
def contact_delete(*, contact: ContactPerson, by, request=None) -> None:
    before = field_state(contact, CONTACT_FIELDS)
    region = contact.region
    contact.delete()
    audit_record(
        action="contact.delete",
        actor=by,
        region=region,
        target_type="contact",
        target_label=before["name"],
        before=before,
        request=request,
    )
