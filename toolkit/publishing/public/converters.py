"""The language of a public page is part of its address, so a cached page never depends on who
asks for it: exactly the interface languages, nothing else."""

from django.conf import settings

CODES = [code for code, _name in settings.LANGUAGES]


class LanguageConverter:
    regex = "|".join(CODES)

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        if value not in CODES:
            raise ValueError(value)
        return value
