"""Writes to handbook content. Every edit is versioned (optimistic lock) and leaves a revision."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from eubelong.core.history import field_state
from eubelong.core.locking import ConflictError, guarded_update
from regions.audit import audit_record
from regions.models import Region

from .models import (
    CapacityActivity,
    Material,
    Resource,
    Revision,
    Section,
    ThematicArea,
    TrainingModule,
)

__all__ = ["ConflictError"]

SECTION_FIELDS = ["title", "body"]
AREA_FIELDS = ["title", "summary", "challenges", "stakeholders", "training_topics"]
MODULE_FIELDS = ["title", "summary", "format", "learning_objectives", "duration"]
MODULE_M2M = ["thematic_areas", "audience"]
ACTIVITY_FIELDS = [
    "kind",
    "title",
    "date",
    "module",
    "participants_public",
    "participants_private",
    "participants_civil",
    "participants_migrant",
    "participants_other",
    "outcome",
]
RESOURCE_FIELDS = ["title", "kind", "description", "url", "language"]
RESOURCE_M2M = ["thematic_areas"]


def _state(obj, fields, m2m=()) -> dict:
    """The fields as history keeps them; a stored file by the name it was uploaded under."""
    state = field_state(obj, fields, m2m)
    if getattr(obj, "file", None) is not None and hasattr(obj, "original_name"):
        state["file"] = obj.original_name if obj.file else ""
    return state


def _audit(obj, *, by, action: str, before=None, after=None) -> None:
    region = getattr(obj, "region", None)
    audit_record(
        action=f"content.{action}",
        actor=by,
        region=region if isinstance(region, Region) else None,
        target_type=obj._meta.model_name,
        target_label=str(obj),
        before=before or None,
        after=after or None,
    )


def _record(obj, *, by, before: dict, after: dict) -> None:
    """The object's revision for its history page, and the audit entry, with who made them."""
    if before == after:
        return
    Revision.objects.create(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=True),
        object_id=obj.pk,
        author=by,
        before=before,
        after=after,
    )
    _audit(obj, by=by, action="create" if not before else "update", before=before, after=after)


def _versioned_update(
    obj, *, version: int, data: dict, fields, m2m=(), by, extra=None, before=None
):
    """Save `fields` (and `m2m`) only if nobody saved since `version`; record the change."""
    model = type(obj)
    before = before if before is not None else _state(obj, fields, m2m)
    changes = {field: data[field] for field in fields if field in data}
    changes.update(extra or {})
    guarded_update(model.objects.all(), obj.pk, version=version, changes=changes)
    obj.refresh_from_db()
    for field in m2m:
        if field in data:
            getattr(obj, field).set(data[field])
    _record(obj, by=by, before=before, after=_state(obj, fields, m2m))
    return obj


@transaction.atomic
def section_update(*, section: Section, version: int, data: dict, by) -> Section:
    return _versioned_update(section, version=version, data=data, fields=SECTION_FIELDS, by=by)


@transaction.atomic
def area_update(*, area: ThematicArea, version: int, data: dict, by) -> ThematicArea:
    return _versioned_update(area, version=version, data=data, fields=AREA_FIELDS, by=by)


@transaction.atomic
def module_create(*, region: Region, data: dict, by) -> TrainingModule:
    module = TrainingModule.objects.create(
        region=region, created_by=by, **{f: data[f] for f in MODULE_FIELDS if f in data}
    )
    for field in MODULE_M2M:
        getattr(module, field).set(data.get(field, []))
    _record(module, by=by, before={}, after=_state(module, MODULE_FIELDS, MODULE_M2M))
    return module


@transaction.atomic
def module_update(*, module: TrainingModule, version: int, data: dict, by) -> TrainingModule:
    return _versioned_update(
        module, version=version, data=data, fields=MODULE_FIELDS, m2m=MODULE_M2M, by=by
    )


def _store_upload(obj, upload) -> None:
    obj.original_name = upload.name[:200]
    obj.size = upload.size
    obj.file.save(upload.name, upload, save=False)


def _delete_file_on_commit(file_field) -> None:
    if file_field:
        storage, name = file_field.storage, file_field.name
        transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def material_add(*, module: TrainingModule, title: str, url: str = "", upload=None, by) -> Material:
    material = Material(region_id=module.region_id, module=module, title=title, url=url)
    if upload is not None:
        _store_upload(material, upload)
    material.save()
    _record(module, by=by, before={"material": ""}, after={"material": title})
    return material


@transaction.atomic
def material_delete(*, material: Material, by) -> None:
    _delete_file_on_commit(material.file)
    _record(material.module, by=by, before={"material": material.title}, after={"material": ""})
    material.delete()


@transaction.atomic
def activity_create(*, region: Region, data: dict, by) -> CapacityActivity:
    activity = CapacityActivity.objects.create(
        region=region, created_by=by, **{f: data[f] for f in ACTIVITY_FIELDS if f in data}
    )
    _audit(activity, by=by, action="create", after=_state(activity, ACTIVITY_FIELDS))
    return activity


@transaction.atomic
def activity_update(*, activity: CapacityActivity, version: int, data: dict, by):
    return _versioned_update(activity, version=version, data=data, fields=ACTIVITY_FIELDS, by=by)


@transaction.atomic
def activity_delete(*, activity: CapacityActivity, by) -> None:
    _audit(activity, by=by, action="delete", before=_state(activity, ACTIVITY_FIELDS))
    activity.delete()


@transaction.atomic
def resource_create(*, data: dict, upload=None, by) -> Resource:
    resource = Resource(**{f: data[f] for f in RESOURCE_FIELDS if f in data})
    if upload is not None:
        _store_upload(resource, upload)
    resource.save()
    resource.thematic_areas.set(data.get("thematic_areas", []))
    _record(resource, by=by, before={}, after=_state(resource, RESOURCE_FIELDS, RESOURCE_M2M))
    return resource


@transaction.atomic
def resource_update(*, resource: Resource, version: int, data: dict, upload=None, by) -> Resource:
    before = _state(resource, RESOURCE_FIELDS, RESOURCE_M2M)
    extra, old, new = {}, resource.file.name if resource.file else "", ""
    if upload is not None:
        _store_upload(resource, upload)
        new = resource.file.name
        extra = {"file": new, "original_name": resource.original_name, "size": resource.size}
    storage = resource.file.storage
    try:
        resource = _versioned_update(
            resource,
            version=version,
            data=data,
            fields=RESOURCE_FIELDS,
            m2m=RESOURCE_M2M,
            by=by,
            extra=extra,
            before=before,
        )
    except ConflictError:
        if new:
            storage.delete(new)
        raise
    if new and old:
        transaction.on_commit(lambda: storage.delete(old))
    return resource
