"""Reading the network's shared content in the reader's language.

English is the source language. A translation remembers a hash of the English text it was made
from, so when the source changes the translation reads as out of date until someone reviews it.
Every lookup of a translation of shared content goes through here.
"""

import hashlib
from dataclasses import dataclass

from django import forms
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.translation import get_language

from ..models import ContentTranslation, TranslationStatus
from .kinds import SOURCE_LANGUAGE, kind_of


def source_hash(text: str) -> str:
    return hashlib.sha256((text or "").strip().encode()).hexdigest()


# From worst to best, for summaries over several fields.
STATUS_ORDER = [
    TranslationStatus.MISSING,
    TranslationStatus.OUTDATED,
    TranslationStatus.MACHINE,
    TranslationStatus.TRANSLATED,
    TranslationStatus.REVIEWED,
]


def status_of(row, source: str) -> str:
    """missing, outdated or the stored status, for one stored row (or None) against its source."""
    if row is None or not row.text.strip():
        return TranslationStatus.MISSING
    if row.source_hash != source_hash(source):
        return TranslationStatus.OUTDATED
    return row.status


def _rows_for(model, language: str, cache: dict | None) -> dict:
    """Every stored translation of one model into one language, keyed (object_id, field)."""
    ct = ContentType.objects.get_for_model(model)
    key = (ct.pk, language)
    if cache is not None and key in cache:
        return cache[key]
    rows = {
        (row.object_id, row.field): row
        for row in ContentTranslation.objects.filter(content_type=ct, language=language).only(
            "object_id", "field", "text", "status", "source_hash"
        )
    }
    if cache is not None:
        cache[key] = rows
    return rows


def translate(obj, field: str, language: str | None = None, cache: dict | None = None):
    """(text, is_fallback): the field in the language, or its English source when there is none.

    An out-of-date translation is still shown: it is closer to the reader than English.
    """
    text, state = translate_state(obj, field, language, cache)
    return text, state == FALLBACK


FALLBACK, OUTDATED, CURRENT = "fallback", "outdated", "current"


def translate_state(obj, field: str, language: str | None = None, cache: dict | None = None):
    """(text, state): as translate(), with the state the reader is told about: CURRENT (or the
    English source itself), FALLBACK (English shown for want of a translation) or OUTDATED (a
    translation made from an earlier English text)."""
    source = getattr(obj, field) or ""
    language = (language or get_language() or SOURCE_LANGUAGE).split("-")[0]
    if language == SOURCE_LANGUAGE or kind_of(obj) is None or not source.strip():
        return source, CURRENT
    row = _rows_for(type(obj), language, cache).get((obj.pk, field))
    if row is None or not row.text.strip():
        return source, FALLBACK
    if row.source_hash != source_hash(source):
        return row.text, OUTDATED
    return row.text, CURRENT


class EnglishText(str):
    """Shared text shown in its English source because it has no translation in the reader's
    language; templates mark it as English (see the shared_text template tag)."""


def translations_of(obj, language: str) -> dict:
    """field -> stored row (or None) for one object and language."""
    ct = ContentType.objects.get_for_model(type(obj))
    rows = ContentTranslation.objects.filter(content_type=ct, object_id=obj.pk, language=language)
    found = {row.field: row for row in rows}
    return {field: found.get(field) for field in kind_of(obj).fields}


def statuses(objects, kind, languages: list[str]) -> dict:
    """(object pk, language) -> the worst status over the object's fields, in one query."""
    ct = ContentType.objects.get_for_model(kind.model_class)
    pks = [obj.pk for obj in objects]
    rows = {
        (row.object_id, row.field, row.language): row
        for row in ContentTranslation.objects.filter(
            content_type=ct, object_id__in=pks, language__in=languages
        )
    }
    order = STATUS_ORDER
    result = {}
    for obj in objects:
        for language in languages:
            found = [
                status_of(rows.get((obj.pk, field, language)), getattr(obj, field) or "")
                for field in kind.fields
                if (getattr(obj, field) or "").strip()
            ]
            result[(obj.pk, language)] = min(found, key=order.index) if found else order[-1]
    return result


def translation_stamp(stored: dict) -> str:
    """A fingerprint of the stored translations of one object and language, for stale forms."""
    parts = [
        f"{field}\x1f{row.text}\x1f{row.status}" if row else f"{field}\x1f"
        for field, row in sorted(stored.items())
    ]
    return hashlib.sha256("\x1e".join(parts).encode()).hexdigest()[:32]


def text_language(language: str | None = None) -> str:
    """The language code to record with a text someone writes: theirs, or the active one."""
    codes = [code for code, _name in settings.LANGUAGES]
    for candidate in [language, get_language()]:
        code = (candidate or "").split("-")[0].lower()
        if code in codes:
            return code
    return settings.LANGUAGE_CODE


class TranslatedLabels:
    """For model choice fields over shared content: each choice in the reader's language."""

    label_field = "title"

    def label_from_instance(self, obj):
        # One query per model and language for all the choices of this form.
        cache = self.__dict__.setdefault("_translations", {})
        return translate(obj, self.label_field, cache=cache)[0]


class TranslatedModelChoiceField(TranslatedLabels, forms.ModelChoiceField):
    pass


class TranslatedModelMultipleChoiceField(TranslatedLabels, forms.ModelMultipleChoiceField):
    pass


def translated_titles(
    model_label: str, titles: dict, language: str | None = None, *, field: str = "title"
) -> dict:
    """{pk: title} of shared content read as plain values, in the reader's language."""
    language = (language or get_language() or SOURCE_LANGUAGE).split("-")[0]
    if language == SOURCE_LANGUAGE or not titles:
        return dict(titles)
    rows = _rows_for(apps.get_model(model_label), language, None)
    out = {}
    for pk, title in titles.items():
        row = rows.get((pk, field))
        out[pk] = row.text if row is not None and row.text.strip() else title
    return out


@dataclass(frozen=True)
class SharedTexts:
    """Translations of many pieces of shared content into one language, read at once."""

    language: str
    found: dict  # (model name, pk, field) -> text

    def text(self, model: str, pk, field: str, source: str) -> str:
        """The translation, or `source` (as EnglishText outside English) when there is none."""
        if self.language == SOURCE_LANGUAGE or not (source or "").strip():
            return source
        hit = self.found.get((model, pk, field)) if pk else None
        return hit if hit is not None else EnglishText(source)


def shared_texts(wanted: dict, *, language: str | None = None) -> SharedTexts:
    """The translations into `language` (the active one by default) of the fields of objects
    named as {"app_label.ModelName": (fields, pks)}, in one query, none in English. Texts are
    keyed by the lower-case model name, pk and field."""
    language = (language or get_language() or SOURCE_LANGUAGE).split("-")[0]
    query = Q()
    for label, (fields, pks) in wanted.items():
        pks = {pk for pk in pks if pk}
        if pks:
            app_label, model = label.lower().split(".")
            query |= Q(
                content_type__app_label=app_label,
                content_type__model=model,
                field__in=fields,
                object_id__in=pks,
            )
    if language == SOURCE_LANGUAGE or not query:
        return SharedTexts(language, {})
    rows = (
        ContentTranslation.objects.filter(query, language=language)
        .exclude(text="")
        .values_list("content_type__model", "object_id", "field", "text")
    )
    return SharedTexts(language, {(model, pk, field): text for model, pk, field, text in rows})
