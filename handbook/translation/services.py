"""Writing translations of shared content."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from eubelong.core.locking import ConflictError

from ..models import ContentTranslation
from .kinds import kind_of, target_languages
from .lookup import source_hash, translation_stamp


@transaction.atomic
def content_translation_save(
    *, obj, language: str, values: dict, user, stamp: str | None = None
) -> int:
    """Store the translations of obj's fields; values maps field -> (text, status). Returns count.

    With `stamp` (from translation_stamp when the form was shown), a form made stale by someone
    else's save raises ConflictError carrying the stored rows instead of overwriting them.
    """
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
