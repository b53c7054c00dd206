"""All user-visible text goes through Django's translation functions."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE_DIRS = [ROOT / "templates"]
TRANSLATED_ATTRIBUTES = {"alt", "title", "aria-label", "placeholder", "aria-description", "label"}
# Names and codes that read the same in every language.
INVARIANT = {
    "EU-Belong",
    "CSV",
    "XLSX",
    "JSON",
    "PDF",
    "EUR",
    "AMIF",
    "ESF+",
    "NUTS",
    "TOTP",
    "ID",
    "URL",
    "%",
}

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
        yield from sorted(directory.rglob("*.html"))


@pytest.mark.parametrize("path", list(templates()), ids=lambda p: str(p.relative_to(ROOT)))
def test_it_has_no_untranslated_text_in_templates(path):
    leftovers = untranslated(path.read_text())
    assert not leftovers, f"wrap in {{% translate %}}: {leftovers[:10]}"


def test_it_detects_untranslated_text():
    assert untranslated("<p>Hello there</p>") == ["Hello there"]
    assert untranslated('<img alt="A chart">') == ["img[alt]=A chart"]
    assert untranslated("<p>{% translate 'Hi' %} · {{ name }} (CSV)</p>") == []
    assert untranslated("{% blocktranslate %}Hi {{ x }}{% endblocktranslate %}") == []


# --- catalogs -------------------------------------------------------------------------------------

LOCALE = ROOT / "locale"
SOURCES = ["eubelong", "regions", "toolkit", "handbook", "templates"]


def interface_languages():
    from django.conf import settings

    return [code for code, _name in settings.LANGUAGES if code != "en"]


@pytest.fixture(scope="module")
def extracted_msgids(tmp_path_factory):
    """Messages the code and templates use today, extracted the way makemessages does."""
    import os
    import subprocess
    import sys

    import polib

    work = tmp_path_factory.mktemp("messages")
    for name in SOURCES:
        (work / name).symlink_to(ROOT / name)
    (work / "locale").mkdir()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DJANGO_SETTINGS_MODULE": "eubelong.settings"}
    subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "-l", "xx", "--symlinks", "--no-location"],
        cwd=work,
        env=env,
        check=True,
        capture_output=True,
        timeout=300,
    )
    catalog = polib.pofile(str(work / "locale" / "xx" / "LC_MESSAGES" / "django.po"))
    return {(entry.msgctxt, entry.msgid) for entry in catalog}


def test_it_offers_every_partner_language():
    assert set(interface_languages()) == {"ro", "es", "ca", "it", "de", "pl"}


@pytest.mark.parametrize("language", ["ro", "es", "ca", "it", "de", "pl"])
def test_it_translates_every_message(language, extracted_msgids):
    import subprocess

    import polib

    path = LOCALE / language / "LC_MESSAGES" / "django.po"
    assert path.exists(), f"{path} is missing: run make messages"
    catalog = polib.pofile(str(path))
    known = {(entry.msgctxt, entry.msgid) for entry in catalog if not entry.obsolete}
    missing = extracted_msgids - known
    assert not missing, f"{language}: not in the catalog, run make messages: {sorted(missing)[:5]}"
    untranslated = [entry.msgid for entry in catalog.untranslated_entries()]
    assert not untranslated, f"{language}: untranslated {untranslated[:5]}"
    fuzzy = [entry.msgid for entry in catalog.fuzzy_entries()]
    assert not fuzzy, f"{language}: fuzzy {fuzzy[:5]}"
    check = subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True
    )
    assert check.returncode == 0, check.stderr


TRANSLATION_CALL = re.compile(r"\{[^{}]*(?<![\w.])(_|gettext|ngettext|pgettext|npgettext)\(")


def f_strings_with_translations(source: str) -> list[str]:
    """f-strings that call a translation function: makemessages cannot see inside them, so
    their messages never reach the catalogs (and `make messages` drops them when no other
    place uses them)."""
    import io
    import tokenize

    found = []
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        prefix = re.match(r"[A-Za-z]*", token.string).group(0).lower()
        if (
            token.type == tokenize.STRING
            and "f" in prefix
            and TRANSLATION_CALL.search(token.string)
        ):
            found.append(token.string)
    return found


def test_no_message_is_written_inside_an_f_string():
    offenders = [
        f"{path.relative_to(ROOT)}: {text[:60]}"
        for name in SOURCES
        if name != "templates"
        for path in (ROOT / name).rglob("*.py")
        for text in f_strings_with_translations(path.read_text())
    ]
    assert offenders == []


def test_it_finds_a_message_inside_an_f_string():
    assert f_strings_with_translations("x = f'<p>{_(\"Hello\")}</p>'\n")
    assert not f_strings_with_translations("hello = _('Hello')\nx = f'<p>{hello}</p>'\n")
