"""The one way a row's fields are written down for history and the audit log: plain JSON values
that read well later (dates in ISO form, amounts as text, related rows and sets by name)."""

import datetime
from decimal import Decimal

from django.db import models


def plain(value):
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return str(value)


def field_state(obj, fields, m2m=()) -> dict:
    """`fields` of `obj` as plain values; each of `m2m` as its members' names, sorted and joined."""
    state = {field: plain(getattr(obj, field)) for field in fields}
    for field in m2m:
        related = getattr(obj, field)
        items = related.all() if isinstance(related, models.Manager) else related
        state[field] = ", ".join(sorted(str(item) for item in items))
    return state
