"""Translations of the network's shared content, entered by coordinators field by field.

English is the source language. A translation remembers a hash of the English text it was made
from, so when the source changes the translation reads as out of date until someone reviews it.
"""

import hashlib
from dataclasses import dataclass

from django import forms
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.translation import get_language

SOURCE_LANGUAGE = "en"


@dataclass(frozen=True)
class Kind:
    """A kind of shared content that can be translated, and how its objects are named in URLs."""

    code: str
    model: str  # "app_label.ModelName"
    fields: tuple[str, ...]
    markdown: tuple[str, ...] = ()

    @property
    def model_class(self):
        return apps.get_model(self.model)

    def key(self, obj) -> str:
        if self.code == "section":
            return f"{obj.publication}.{obj.slug}"
        if self.code == "area":
            return obj.slug
        return str(obj.uuid)

    def lookup(self, key: str):
        """The object named by key, or None."""
        model = self.model_class
        if self.code == "section":
            publication, _dot, slug = key.partition(".")
            return model.objects.filter(publication=publication, slug=slug).first()
        if self.code == "area":
            return model.objects.filter(slug=key).first()
        try:
            return model.objects.filter(uuid=key).first()
        except Exception:  # noqa: BLE001 - a malformed UUID names nothing
            return None


KINDS = {
    kind.code: kind
    for kind in [
        Kind("section", "handbook.Section", ("title", "body"), markdown=("body",)),
        Kind(
            "area",
            "handbook.ThematicArea",
            ("title", "summary", "challenges", "stakeholders", "training_topics"),
            markdown=("challenges", "stakeholders", "training_topics"),
        ),
        Kind("priority", "toolkit.Priority", ("title", "overview"), markdown=("overview",)),
        Kind("item", "toolkit.ChecklistItem", ("text",)),
        Kind("question", "compare.Question", ("text",)),
    ]
}


def kind_of(obj) -> Kind | None:
    label = obj._meta.label
    return next((kind for kind in KINDS.values() if kind.model == label), None)


def target_languages() -> list[tuple[str, str]]:
    return [(code, name) for code, name in settings.LANGUAGES if code != SOURCE_LANGUAGE]


def source_hash(text: str) -> str:
    return hashlib.sha256((text or "").strip().encode()).hexdigest()


def status_of(row, source: str) -> str:
    """missing, machine, reviewed or outdated, for one stored row (or None) against its source."""
    from handbook.models import TranslationStatus

    if row is None or not row.text.strip():
        return TranslationStatus.MISSING
    if row.source_hash != source_hash(source):
        return TranslationStatus.OUTDATED
    return row.status


def _rows_for(model, language: str, cache: dict | None) -> dict:
    """Every stored translation of one model into one language, keyed (object_id, field)."""
    from handbook.models import ContentTranslation

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
    source = getattr(obj, field) or ""
    language = (language or get_language() or SOURCE_LANGUAGE).split("-")[0]
    if language == SOURCE_LANGUAGE or kind_of(obj) is None or not source.strip():
        return source, False
    row = _rows_for(type(obj), language, cache).get((obj.pk, field))
    if row is None or not row.text.strip():
        return source, True
    return row.text, False


class EnglishText(str):
    """Shared text shown in its English source because it has no translation in the reader's
    language; templates mark it as English (see the shared_text template tag)."""


def translations_of(obj, language: str) -> dict:
    """field -> stored row (or None) for one object and language."""
    from handbook.models import ContentTranslation

    ct = ContentType.objects.get_for_model(type(obj))
    rows = ContentTranslation.objects.filter(content_type=ct, object_id=obj.pk, language=language)
    found = {row.field: row for row in rows}
    return {field: found.get(field) for field in kind_of(obj).fields}


def statuses(objects, kind: Kind, languages: list[str]) -> dict:
    """(object pk, language) -> the worst status over the object's fields, in one query."""
    from handbook.models import ContentTranslation, TranslationStatus

    ct = ContentType.objects.get_for_model(kind.model_class)
    pks = [obj.pk for obj in objects]
    rows = {
        (row.object_id, row.field, row.language): row
        for row in ContentTranslation.objects.filter(
            content_type=ct, object_id__in=pks, language__in=languages
        )
    }
    order = [
        TranslationStatus.MISSING,
        TranslationStatus.OUTDATED,
        TranslationStatus.MACHINE,
        TranslationStatus.REVIEWED,
    ]
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


@transaction.atomic
def content_translation_save(
    *, obj, language: str, values: dict, user, stamp: str | None = None
) -> int:
    """Store the translations of obj's fields; values maps field -> (text, status). Returns count.

    With `stamp` (from translation_stamp when the form was shown), a form made stale by someone
    else's save raises ConflictError carrying the stored rows instead of overwriting them.
    """
    from handbook.models import ContentTranslation
    from regions.services import ConflictError

    kind = kind_of(obj)
    if kind is None or language not in dict(target_languages()):
        raise ValueError("not translatable")
    ct = ContentType.objects.get_for_model(type(obj))
    if stamp is not None:
        locked = ContentTranslation.objects.select_for_update().filter(
            content_type=ct, object_id=obj.pk, language=language
        )
        found = {row.field: row for row in locked}
        current = {field: found.get(field) for field in kind.fields}
        if translation_stamp(current) != stamp:
            raise ConflictError(current)
    saved = 0
    for field, (text, status) in values.items():
        if field not in kind.fields:
            raise ValueError(f"unknown field {field!r}")
        ContentTranslation.objects.update_or_create(
            content_type=ct,
            object_id=obj.pk,
            field=field,
            language=language,
            defaults={
                "text": text.strip(),
                "status": status,
                "source_hash": source_hash(getattr(obj, field) or ""),
                "updated_by": user,
            },
        )
        saved += 1
    return saved


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


def translated_titles(model_label: str, titles: dict, language: str | None = None) -> dict:
    """{pk: title} of shared content read as plain values, in the reader's language."""
    language = (language or get_language() or SOURCE_LANGUAGE).split("-")[0]
    if language == SOURCE_LANGUAGE or not titles:
        return dict(titles)
    rows = _rows_for(apps.get_model(model_label), language, None)
    out = {}
    for pk, title in titles.items():
        row = rows.get((pk, "title"))
        out[pk] = row.text if row is not None and row.text.strip() else title
    return out
