"""Optimistic locking: the one way a row that two people can edit at once is saved.

Such a row carries a `version`. A form shows the version it was read at; the save is an UPDATE
that matches only that version and bumps it, so a stale save changes nothing and raises
ConflictError with the row as it is stored now. The page then keeps what the person typed,
shows both versions side by side (`conflict_rows`, `_partials/conflict.html`) and moves the
form to the stored version, so that saving again is a deliberate choice.

Forms of several small fields (a checklist answer) also carry a fingerprint of the values they
were read with; `save_merging` then merges field by field, so changing a status never clashes
with someone else's note, and only fields both people changed are put to the person.
"""

import dataclasses
import hashlib

from django import forms
from django.db.models import F, QuerySet
from django.dispatch import Signal
from django.utils.translation import gettext as _

# Sent after a guarded UPDATE (sender: the model; pk): such a save sends no post_save, and
# caches of what the row shows listen to this as well.
row_updated = Signal()


class ConflictError(Exception):
    """A save was based on a version someone else has replaced; `current` is the stored row
    (or stored state), None when it is gone."""

    def __init__(self, current=None):
        super().__init__("stale version")
        self.current = current


def guarded_update(queryset: QuerySet, pk, *, version: int, changes: dict) -> int:
    """UPDATE the row `pk` of `queryset` with `changes` if its version is still `version`.

    Every condition of `queryset` (its region, its workplan still being a draft, ...) is part
    of the same statement. Returns the new version; raises ConflictError with the stored row
    when nothing matched."""
    updated = queryset.filter(pk=pk, version=version).update(version=F("version") + 1, **changes)
    if not updated:
        raise ConflictError(queryset.model._base_manager.filter(pk=pk).first())
    row_updated.send(sender=queryset.model, pk=pk)
    return version + 1


class VersionedModelForm(forms.ModelForm):
    """A model form that carries the version it was read at."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        instance = kwargs.get("instance")
        if instance is not None and instance.pk and not args and "data" not in kwargs:
            kwargs.setdefault("initial", {}).setdefault("version", instance.version)
        super().__init__(*args, **kwargs)


def conflict_keep(form, error: ConflictError):
    """After a conflict: the form keeps what was typed and now carries the stored version.

    Returns the stored row."""
    current = error.current
    form.data = form.data.copy()
    if current is not None:
        form.data["version"] = getattr(current, "version", form.data.get("version"))
    return current


def readable(value) -> str:
    """A stored or typed value as people read it: names, not ids; yes or no; lists joined."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if hasattr(value, "all") and callable(value.all):
        value = value.all()
    if isinstance(value, QuerySet | list | tuple | set):
        return ", ".join(sorted(str(item) for item in value))
    return str(value)


def saved_value(obj, name: str):
    """A field of the stored row: its choice label when it has choices, else its value."""
    display = getattr(obj, f"get_{name}_display", None)
    if callable(display):
        return display()
    return getattr(obj, name, "")


def _typed(form, name: str, field):
    data = getattr(form, "cleaned_data", {})
    value = data[name] if name in data else form.data.get(name)
    if isinstance(value, str | int) and not isinstance(value, bool):
        choices = dict(getattr(field, "choices", None) or ())
        if value in choices:
            return choices[value]
    return value


def conflict_rows(form, current, *, saved=saved_value, only=None) -> list[tuple[str, str, str]]:
    """(label, stored version, typed version) of each visible field (or of the fields `only`),
    as people read them."""
    if current is None:
        return []
    rows = []
    for name, field in form.fields.items():
        if field.widget.is_hidden or isinstance(field, forms.FileField):
            continue
        if only is not None and name not in only:
            continue
        rows.append(
            (str(field.label), readable(saved(current, name)), readable(_typed(form, name, field)))
        )
    return rows


def _digest(value) -> str:
    text = readable(value).replace("\r\n", "\n").strip()
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def fingerprint(values: dict) -> str:
    """Short digests of the values a form was read with, for its hidden `base` field."""
    return ",".join(f"{name}:{_digest(value)}" for name, value in values.items())


def _parse(base: str) -> dict[str, str]:
    pairs = (part.split(":", 1) for part in (base or "").split(",") if ":" in part)
    return dict(pairs)


def merge(base: str, mine: dict, theirs: dict) -> tuple[dict, list[str]]:
    """Three-way merge by field: (merged values, fields both sides changed differently).

    A field the person left as read takes the stored value; one only they changed keeps
    theirs; without a fingerprint every differing field clashes."""
    read = _parse(base)
    merged, clashes = {}, []
    for name, value in mine.items():
        stored = theirs[name]
        if _digest(value) == _digest(stored):
            merged[name] = stored
        elif name in read and _digest(value) == read[name]:
            merged[name] = stored
        elif name in read and _digest(stored) == read[name]:
            merged[name] = value
        else:
            merged[name] = value
            clashes.append(name)
    return merged, clashes


@dataclasses.dataclass
class Merge:
    """How a save went: `clashes` left for the person (with the stored row `current`), or
    `merged_with` the row someone else had saved when their changes were folded in."""

    clashes: list[str] = dataclasses.field(default_factory=list)
    current: object = None
    merged_with: object = None
    taken: list[str] = dataclasses.field(default_factory=list)  # fields whose stored value was kept


def save_merging(save, *, version: int, data: dict, base: str, fields) -> Merge:
    """`save(version, data)`; on a conflict, merge with the stored row and save once more."""
    try:
        save(version, data, None)
        return Merge()
    except ConflictError as error:
        current = error.current
    if current is None:
        raise ConflictError(None)
    theirs = {name: getattr(current, name) for name in fields}
    merged, clashes = merge(base, data, theirs)
    if clashes:
        return Merge(clashes=clashes, current=current)
    try:
        save(current.version, merged, current)
    except ConflictError as error:
        again = error.current
        if again is None:
            raise
        differ = [n for n in fields if _digest(merged[n]) != _digest(getattr(again, n))]
        return Merge(clashes=differ or list(fields), current=again)
    taken = [n for n in fields if _digest(merged[n]) != _digest(data[n])]
    return Merge(merged_with=current, taken=taken)
