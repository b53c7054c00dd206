"""What every write of a workplan's parts shares: the draft check, the optimistic lock, and the
history row (one statement with the update on PostgreSQL)."""

import uuid

from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.db.models import F
from django.db.models.sql import UpdateQuery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eubelong.core.locking import ConflictError, guarded_update

from ..models import (
    EDITABLE_STATUSES,
    Change,
    Workplan,
)


class NotEditable(PermissionDenied):
    """The workplan is under review or approved; its content cannot change now."""

    # What the 403 page says: the state, not the person's role, is the reason.
    explanation = _(
        "This workplan is under review or approved, so its content cannot change now. "
        "An approved workplan changes in a new revision."
    )


RESPONSE_FIELDS = ["status", "evidence", "link"]


ACTION_FIELDS = [
    "title",
    "objective",
    "description",
    "lead_stakeholder",
    "partner_stakeholders",
    "start_date",
    "end_date",
    "budget",
    "funding_source",
    "status",
    "legal_basis",
]


INDICATOR_FIELDS = ["library", "name", "unit", "baseline", "target", "actuals"]


def history_record(*, workplan, kind, obj_uuid, label, before, after, by) -> Change:
    return Change.objects.create(
        region_id=workplan.region_id,
        workplan=workplan,
        kind=kind,
        object_uuid=obj_uuid,
        label=label[:300],
        before=before,
        after=after,
        by=by,
    )


def require_editable(workplan: Workplan):
    if workplan.status not in EDITABLE_STATUSES:
        raise NotEditable("This workplan is not a draft.")


def _editable(model, workplan: Workplan):
    """Rows of `model` in the workplan's region whose workplan is still a draft.

    No join here: Django would move every condition of the UPDATE into a subquery, which
    PostgreSQL does not re-check after waiting for a concurrent save, and both would win."""
    return model.objects.filter(
        region_id=workplan.region_id,
        workplan__in=Workplan.objects.filter(status__in=EDITABLE_STATUSES),
    )


def _conflict(model, obj):
    current = model.objects.filter(pk=obj.pk).select_related("workplan").first()
    require_editable(current.workplan)
    raise ConflictError(current)


def locked_update(model, obj, *, version: int, workplan: Workplan, changes: dict):
    """UPDATE only if nobody saved since `version` and the workplan is still a draft."""
    try:
        guarded_update(_editable(model, workplan), obj.pk, version=version, changes=changes)
    except ConflictError:
        _conflict(model, obj)
    for field, value in changes.items():
        setattr(obj, field, value)
    obj.version = version + 1


def autosave(model, obj, *, version, changes, by, kind, label, before, after):
    """`locked_update` and `history_record` of one autosave, as a single statement on PostgreSQL."""
    workplan = obj.workplan
    if connection.vendor != "postgresql":
        with transaction.atomic():
            locked_update(model, obj, version=version, workplan=workplan, changes=changes)
            history_record(
                workplan=workplan,
                kind=kind,
                obj_uuid=obj.uuid,
                label=label,
                before=before,
                after=after,
                by=by,
            )
        return
    # The UPDATE is the one `locked_update` runs; the history row is inserted only when it
    # matched, in the same statement, so an autosave is one round trip and atomic by itself.
    rows = _editable(model, workplan).filter(pk=obj.pk, version=version)
    query = rows.query.chain(UpdateQuery)
    query.add_update_values({"version": F("version") + 1, **changes})
    compiler = query.get_compiler(connection.alias)
    compiler.pre_sql_setup()
    update_sql, update_params = compiler.as_sql()
    row = {
        "uuid": uuid.uuid4(),
        "region": workplan.region_id,
        "workplan": workplan.pk,
        "kind": kind,
        "object_uuid": obj.uuid,
        "label": label[:300],
        "before": before,
        "after": after,
        "by": by.pk if by is not None else None,
        "at": timezone.now(),
    }
    fields = [Change._meta.get_field(name) for name in row]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    values = ", ".join(f"CAST(%s AS {f.db_type(connection)})" for f in fields)
    params = [f.get_db_prep_save(row[f.name], connection) for f in fields]
    table = connection.ops.quote_name(Change._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH updated AS ({update_sql} RETURNING 1) "  # noqa: S608 - names from the models
            f"INSERT INTO {table} ({columns}) SELECT {values} FROM updated",
            [*update_params, *params],
        )
        saved = cursor.rowcount == 1
    if not saved:
        _conflict(model, obj)
    for field, value in changes.items():
        setattr(obj, field, value)
    obj.version = version + 1
