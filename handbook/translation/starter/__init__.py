"""Translations of the starter content the platform ships, into every partner language.

Each language's file maps an English source text to its translation, so one file covers every
kind of shared content and survives renumbering. Loading stores them through the usual
content-translation rows with the status "translated"; it never replaces a translation someone
entered, and a source edited since no longer matches, so it is simply left to the coordinators.
"""

import json
from functools import cache
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from ...models import ContentTranslation, TranslationStatus
from ..kinds import kinds_in_order, target_languages
from ..lookup import source_hash

HERE = Path(__file__).parent


@cache
def table(language: str) -> dict[str, str]:
    """English source -> translation, for one language ({} when none ships)."""
    path = HERE / f"{language}.json"
    if not path.exists():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


@transaction.atomic
def load(languages: list[str] | None = None) -> int:
    """Store the shipped translations that have no row yet; returns how many were stored."""
    created = 0
    for language in languages or [code for code, _name in target_languages()]:
        wanted = table(language)
        if not wanted:
            continue
        for kind in kinds_in_order():
            ct = ContentType.objects.get_for_model(kind.model_class)
            taken = set(
                ContentTranslation.objects.filter(content_type=ct, language=language).values_list(
                    "object_id", "field"
                )
            )
            rows = []
            for obj in kind.objects():
                for field in kind.fields:
                    source = (getattr(obj, field) or "").strip()
                    text = wanted.get(source)
                    if text and (obj.pk, field) not in taken:
                        rows.append(
                            ContentTranslation(
                                content_type=ct,
                                object_id=obj.pk,
                                field=field,
                                language=language,
                                text=text,
                                status=TranslationStatus.TRANSLATED,
                                source_hash=source_hash(source),
                            )
                        )
            ContentTranslation.objects.bulk_create(rows, ignore_conflicts=True)
            created += len(rows)
    return created


def seed(*, stdout=None) -> None:
    created = load()
    if stdout:
        stdout.write(f"Starter content translations: {created} new.")
