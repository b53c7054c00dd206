"""The kinds of shared content that can be translated, registered by the apps that own them.

Each app says which of its models are shared content, which fields are translated (and which of
those are Markdown), how an object is named in URLs and how coordinators recognise it in lists.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings

SOURCE_LANGUAGE = "en"


@dataclass(frozen=True)
class Kind:
    code: str
    model: str  # "app_label.ModelName"
    fields: tuple[str, ...]
    label: str = ""
    markdown: tuple[str, ...] = ()
    # The fields that name an object in URLs, joined with ".".
    key_fields: tuple[str, ...] = ("uuid",)
    # Relations read with every object of the coordinators' list.
    related: tuple[str, ...] = ()
    # obj -> (where it is, its English wording), for the coordinators' list.
    describe: Callable | None = None
    order: int = 100

    @property
    def model_class(self):
        return apps.get_model(self.model)

    def key(self, obj) -> str:
        return ".".join(str(getattr(obj, name)) for name in self.key_fields)

    def lookup(self, key: str):
        """The object named by key, or None."""
        values = key.split(".", len(self.key_fields) - 1)
        if len(values) != len(self.key_fields):
            return None
        try:
            return self.model_class.objects.filter(
                **dict(zip(self.key_fields, values, strict=True))
            ).first()
        except Exception:  # noqa: BLE001 - a malformed key (e.g. not a UUID) names nothing
            return None

    def objects(self) -> list:
        return list(self.model_class.objects.select_related(*self.related))


KINDS: dict[str, Kind] = {}
_BY_MODEL: dict[str, Kind] = {}


def register_kind(kind: Kind) -> Kind:
    KINDS[kind.code] = kind
    _BY_MODEL[kind.model] = kind
    return kind


def kinds_in_order() -> list[Kind]:
    return sorted(KINDS.values(), key=lambda kind: kind.order)


def kind_of(obj) -> Kind | None:
    return _BY_MODEL.get(obj._meta.label)


def target_languages() -> list[tuple[str, str]]:
    return [(code, name) for code, name in settings.LANGUAGES if code != SOURCE_LANGUAGE]
