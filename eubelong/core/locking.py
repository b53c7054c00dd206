"""Optimistic locking: the one way a row that two people can edit at once is saved.

Such a row carries a `version`. A form shows the version it was read at; the save is an UPDATE
that matches only that version and bumps it, so a stale save changes nothing and raises
ConflictError with the row as it is stored now. The page then keeps what the person typed,
shows both versions side by side (`conflict_rows`, `_partials/conflict.html`) and moves the
form to the stored version, so that saving again is a deliberate choice.
"""

from django import forms
from django.db.models import F, QuerySet
from django.utils.translation import gettext as _


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


def conflict_rows(form, current, *, saved=saved_value) -> list[tuple[str, str, str]]:
    """(label, stored version, typed version) of each visible field, as people read them."""
    if current is None:
        return []
    rows = []
    for name, field in form.fields.items():
        if field.widget.is_hidden or isinstance(field, forms.FileField):
            continue
        rows.append(
            (str(field.label), readable(saved(current, name)), readable(_typed(form, name, field)))
        )
    return rows
