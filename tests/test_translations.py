"""All user-visible text goes through Django's translation functions."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE_DIRS = [ROOT / "templates"]
TRANSLATED_ATTRIBUTES = {"alt", "title", "aria-label", "placeholder", "aria-description", "label"}
# Names and codes that read the same in every language.
INVARIANT = {"EU-Belong", "CSV", "XLSX", "JSON", "PDF", "EUR", "AMIF", "ESF+", "NUTS", "TOTP", "ID", "URL", "%"}

DJANGO_CONSTRUCTS = [
    re.compile(r"\{% *comment *%\}.*?\{% *endcomment *%\}", re.S),
    re.compile(r"\{#.*?#\}", re.S),
    re.compile(r"\{% *blocktrans(late)?\b.*?\{% *endblocktrans(late)? *%\}", re.S),
    re.compile(r"\{%.*?%\}", re.S),
    re.compile(r"\{\{.*?\}\}", re.S),
    re.compile(r"<!--.*?-->", re.S),
    re.compile(r"<(script|style)\b.*?</\1>", re.S | re.I),
]
LETTERS = re.compile(r"[^\W\d_]{2,}")


class TextCollector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in TRANSLATED_ATTRIBUTES and value:
                self.found.append(f"{tag}[{name}]={value}")

    def handle_data(self, data):
        if data.strip():
            self.found.append(data.strip())


def untranslated(source: str) -> list[str]:
    for pattern in DJANGO_CONSTRUCTS:
        source = pattern.sub(" ", source)
    collector = TextCollector()
    collector.feed(source)
    leftovers = []
    for text in collector.found:
        words = LETTERS.findall(text.split("=", 1)[-1] if "[" in text else text)
        if any(word not in INVARIANT for word in words):
            leftovers.append(text)
    return leftovers


def templates():
    for directory in TEMPLATE_DIRS:
        for path in sorted(directory.rglob("*.html")):
            yield path


@pytest.mark.parametrize("path", list(templates()), ids=lambda p: str(p.relative_to(ROOT)))
def test_it_has_no_untranslated_text_in_templates(path):
    leftovers = untranslated(path.read_text())
    assert not leftovers, f"wrap in {{% translate %}}: {leftovers[:10]}"


def test_it_detects_untranslated_text():
    assert untranslated("<p>Hello there</p>") == ["Hello there"]
    assert untranslated('<img alt="A chart">') == ["img[alt]=A chart"]
    assert untranslated("<p>{% translate 'Hi' %} · {{ name }} (CSV)</p>") == []
    assert untranslated("{% blocktranslate %}Hi {{ x }}{% endblocktranslate %}") == []
