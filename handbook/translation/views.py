"""Coordinators' pages to enter and review translations of shared content."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods, require_safe

from eubelong.core.locking import ConflictError
from eubelong.core.text import validate_single_line
from regions.access import coordinator_required

from ..models import TranslationStatus
from .checks import problems
from .exchange import IMPORT_STATUSES, MAX_BYTES, po_export, po_import
from .kinds import KINDS, kinds_in_order, target_languages
from .lookup import status_of, statuses, translation_stamp, translations_of
from .progress import completeness
from .services import content_translation_save

EDITABLE_STATUSES = [
    TranslationStatus.MACHINE,
    TranslationStatus.TRANSLATED,
    TranslationStatus.REVIEWED,
]


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
            "completeness": completeness([code for code, _name in languages]),
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
        if status not in EDITABLE_STATUSES:
            errors[field] = _("Choose whether this translation was reviewed.")
        elif text.strip() and (
            found := problems(source, text, markdown=field in found_kind.markdown)
        ):
            errors[field] = " ".join(found)
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
            "status_choices": [(status, status.label) for status in EDITABLE_STATUSES],
        },
        status=409 if conflict_rows else 400 if errors else 200,
    )


@require_safe
@coordinator_required
def translation_export(request, language):
    if language not in dict(target_languages()):
        raise Http404
    response = HttpResponse(po_export(language), content_type="text/x-gettext-translation")
    response["Content-Disposition"] = f'attachment; filename="shared-content-{language}.po"'
    return response


class ImportForm(forms.Form):
    language = forms.ChoiceField(label=gettext_lazy("Language of the translations"))
    status = forms.ChoiceField(
        label=gettext_lazy("Record the translations as"),
        choices=[(status, status.label) for status in IMPORT_STATUSES],
        widget=forms.RadioSelect,
        initial=TranslationStatus.TRANSLATED,
    )
    file = forms.FileField(
        label=gettext_lazy("PO file"),
        help_text=gettext_lazy("A file exported here, translated offline."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = target_languages()

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise ValidationError(_("The file is larger than 2 MB; split it by kind of content."))
        return upload


@require_http_methods(["GET", "POST"])
@coordinator_required
def translation_import(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        result = po_import(
            form.cleaned_data["file"].read(),
            language=form.cleaned_data["language"],
            status=form.cleaned_data["status"],
            user=request.user,
        )
        if not result.errors:
            messages.success(
                request,
                ngettext("%(n)s translation saved.", "%(n)s translations saved.", result.saved)
                % {"n": result.saved},
            )
    status = 400 if (request.method == "POST" and (not form.is_valid() or result.errors)) else 200
    return render(
        request,
        "handbook/translation_import.html",
        {"form": form, "result": result, "languages": target_languages()},
        status=status,
    )
