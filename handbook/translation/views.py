"""Coordinators' pages to enter and review translations of shared content."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from eubelong.core.locking import ConflictError
from eubelong.core.text import validate_single_line
from regions.access import coordinator_required

from ..models import TranslationStatus
from .kinds import KINDS, kinds_in_order, target_languages
from .lookup import status_of, statuses, translation_stamp, translations_of
from .services import content_translation_save


def _describe(kind, obj) -> tuple[str, str]:
    """(where it is, in the interface language; its English wording)."""
    if kind.describe is not None:
        return kind.describe(obj)
    return f"{obj.number}.", obj.title


@require_safe
@coordinator_required
def translation_list(request):
    code = request.GET.get("kind", "section")
    kind = KINDS.get(code)
    if kind is None:
        raise Http404
    languages = target_languages()
    objects = kind.objects()
    found = statuses(objects, kind, [code for code, _name in languages])
    labels = dict(TranslationStatus.choices)
    rows = [
        {
            "place": _describe(kind, obj)[0],
            "label": _describe(kind, obj)[1],
            "key": kind.key(obj),
            "cells": [
                (language, name, found[(obj.pk, language)], labels[found[(obj.pk, language)]])
                for language, name in languages
            ],
        }
        for obj in objects
    ]
    return render(
        request,
        "handbook/translations.html",
        {
            "kind": kind,
            "kinds": [(k.code, k.label) for k in kinds_in_order()],
            "kind_label": kind.label,
            "languages": languages,
            "rows": rows,
        },
    )


@require_http_methods(["GET", "POST"])
@coordinator_required
def translation_edit(request, kind, key, language):
    found_kind = KINDS.get(kind)
    obj = found_kind.lookup(key) if found_kind else None
    languages = dict(target_languages())
    if obj is None or language not in languages:
        raise Http404
    stored = translations_of(obj, language)
    errors = {}
    fields = []
    for field in found_kind.fields:
        source = getattr(obj, field) or ""
        row = stored[field]
        text = request.POST.get(f"text-{field}", "") if request.method == "POST" else ""
        status = request.POST.get(f"status-{field}", "") if request.method == "POST" else ""
        if request.method != "POST":
            text = row.text if row else ""
            status = row.status if row else TranslationStatus.MACHINE
        model_field = obj._meta.get_field(field)
        multiline = model_field.get_internal_type() == "TextField"
        if status not in (TranslationStatus.MACHINE, TranslationStatus.REVIEWED):
            errors[field] = _("Choose whether this translation was reviewed.")
        elif model_field.max_length and len(text) > model_field.max_length:
            errors[field] = _("Keep this to at most %(n)s characters.") % {
                "n": model_field.max_length
            }
        elif not multiline:
            try:
                validate_single_line(text)
            except ValidationError as error:
                errors[field] = error.messages[0]
        fields.append(
            {
                "name": field,
                "label": model_field.verbose_name,
                "source": source,
                "text": text,
                "status": status,
                "current": status_of(row, source),
                "current_label": dict(TranslationStatus.choices)[status_of(row, source)],
                "error": errors.get(field),
                "multiline": multiline,
            }
        )
    # After a refused POST the form keeps the stamp it was shown with, so a concurrent save shows.
    stamp = request.POST.get("stamp", "") if errors else translation_stamp(stored)
    conflict_rows = []
    if request.method == "POST" and not errors:
        try:
            content_translation_save(
                obj=obj,
                language=language,
                values={f["name"]: (f["text"], f["status"]) for f in fields},
                user=request.user,
                stamp=request.POST.get("stamp", ""),
            )
        except ConflictError as conflict:
            stamp = translation_stamp(conflict.current)
            conflict_rows = [
                (
                    f["label"],
                    conflict.current[f["name"]].text if conflict.current[f["name"]] else "",
                    f["text"],
                )
                for f in fields
            ]
        else:
            messages.success(request, _("Translation saved."))
            return redirect(f"{reverse('translations:list')}?kind={found_kind.code}")
    return render(
        request,
        "handbook/translation_edit.html",
        {
            "kind": found_kind,
            "kind_label": found_kind.label,
            "obj": obj,
            "place": _describe(found_kind, obj)[0],
            "label": _describe(found_kind, obj)[1],
            "language": language,
            "language_name": languages[language],
            "fields": fields,
            "errors": errors,
            "stamp": stamp,
            "conflict": bool(conflict_rows),
            "conflict_rows": conflict_rows,
            "status_choices": [
                (TranslationStatus.MACHINE, TranslationStatus.MACHINE.label),
                (TranslationStatus.REVIEWED, TranslationStatus.REVIEWED.label),
            ],
        },
        status=409 if conflict_rows else 400 if errors else 200,
    )
