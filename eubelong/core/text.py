"""User-written text: Markdown rendered in bounded time and sanitised before it reaches any page
or PDF, and single-line fields kept on one line."""

import difflib
import functools
import logging
import re

import nh3
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.html import escape, linebreaks
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from markdown_it import MarkdownIt

log = logging.getLogger(__name__)

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "ul", "ol", "li", "blockquote", "code", "pre",
    "h2", "h3", "h4", "a", "table", "thead", "tbody", "tr", "th", "td", "hr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}}

# Longest Markdown a field accepts (forms and models). The renderer is linear in its input, so
# these bound the time one field can take.
MARKDOWN_MAX_LENGTH = 20_000
MARKDOWN_LONG_MAX_LENGTH = 50_000
# Block nesting deeper than this renders as text; the parser never recurses further.
MARKDOWN_MAX_NESTING = 20

# markdown-it is a linear-time CommonMark parser with a nesting limit; raw HTML is shown as text.
_PARSER = MarkdownIt(
    "commonmark", {"html": False, "maxNesting": MARKDOWN_MAX_NESTING, "linkify": False}
).enable("table")


def _as_text(source: str) -> str:
    return linebreaks(escape(source))


@functools.lru_cache(maxsize=256)
def _render(source: str) -> str:
    if len(source) > MARKDOWN_LONG_MAX_LENGTH:
        # Stored before the limits existed, or written around the forms: shown, not parsed.
        return _as_text(source)
    try:
        html = _PARSER.render(source)
    except Exception:  # noqa: BLE001 - a hostile value must never break a shared page
        log.warning("Markdown of %d characters could not be rendered; shown as text", len(source))
        return _as_text(source)
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    ).strip()


def render_markdown(source: str) -> SafeString:
    return mark_safe(_render(source or ""))  # noqa: S308 - sanitised by nh3 (or escaped) above


class MarkdownField(models.TextField):
    """A Markdown text column with a length limit that both its forms and full_clean enforce."""

    def __init__(self, *args, long: bool = False, **kwargs):
        self.long = long
        kwargs.setdefault("max_length", MARKDOWN_LONG_MAX_LENGTH if long else MARKDOWN_MAX_LENGTH)
        super().__init__(*args, **kwargs)
        self.validators.append(MaxLengthValidator(self.max_length))

    def deconstruct(self):
        # Migrations see a plain TextField, so they never depend on where this class lives.
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.TextField", args, kwargs


def markdown_form_field(*, long: bool = False, **kwargs) -> forms.CharField:
    """A form field for Markdown that is not backed by a MarkdownField."""
    kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 5}))
    return forms.CharField(
        max_length=MARKDOWN_LONG_MAX_LENGTH if long else MARKDOWN_MAX_LENGTH, **kwargs
    )


# --- Single-line text ---------------------------------------------------------------------------

# C0 and C1 control characters (line breaks and tabs included) and the Unicode line and paragraph
# separators: in a name or title they break e-mail headers, CSV rows and layouts.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def validate_single_line(value) -> None:
    if isinstance(value, str) and _CONTROL.search(value):
        raise ValidationError(
            _("Use one line of text, without line breaks, tabs or control characters."),
            code="control_characters",
        )


class SingleLineField(forms.CharField):
    """A one-line text field of a form that is not a model form."""

    default_validators = [validate_single_line]


def single_line_validators_install(model_classes) -> None:
    """Give every model CharField the single-line check, so every model form and full_clean
    refuses control characters, without touching migrations (the field's own validator list,
    which deconstruct() reads, stays as declared)."""
    for model in model_classes:
        for field in model._meta.get_fields():
            if isinstance(field, models.CharField) and not field.choices:
                current = field.validators
                if validate_single_line not in current:
                    field.__dict__["validators"] = [*current, validate_single_line]


def person_name(user) -> str:
    """How a person is named to others: their full name, else their user name."""
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


_WORDS = re.compile(r"\s+|[^\s]+")


def word_diff(before: str, after: str) -> list[tuple[str, str]]:
    """Word-level differences between two texts: ("same" | "removed" | "added", text) pieces in
    reading order, whitespace kept."""
    old, new = _WORDS.findall(before or ""), _WORDS.findall(after or "")
    pieces = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op == "equal":
            pieces.append(("same", "".join(old[a1:a2])))
            continue
        if a2 > a1:
            pieces.append(("removed", "".join(old[a1:a2])))
        if b2 > b1:
            pieces.append(("added", "".join(new[b1:b2])))
    return pieces
