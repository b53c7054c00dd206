from django import template
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import get_language, gettext

from eubelong.core.text import render_markdown

from ..translation.lookup import FALLBACK, OUTDATED, EnglishText, translate_state

register = template.Library()


def _cache(context) -> dict:
    """One load of each model's translations per request (or per render without a request)."""
    holder = context.get("request") or context.render_context.dicts[0]
    if isinstance(holder, dict):
        return holder.setdefault("_content_translations", {})
    if not hasattr(holder, "_content_translations"):
        holder._content_translations = {}
    return holder._content_translations


@register.simple_tag(takes_context=True)
def translated(context, obj, field, markdown=False, plain=False, words=None):
    """A shared content field in the page's language; English, marked as such, when missing.

    `markdown=True` renders the field as Markdown; `plain=True` gives bare text (for titles and
    attributes) without the English marker; `words=30` shortens plain text to that many words.
    """
    text, state = translate_state(obj, field, cache=_cache(context))
    if words and not markdown:
        text = Truncator(text).words(int(words), truncate=" …")
    if plain:
        return text
    return marked(render_markdown(text) if markdown else text, state, block=markdown)


def marked(body, state, *, block: bool = False):
    """`body` as translate_state found it: marked when English stands in or is outdated."""
    if state == OUTDATED:
        return outdated_marked(body, block=block)
    if state == FALLBACK:
        return english_marked(body, block=block)
    return body


def outdated_marked(body, *, block: bool = False):
    """A translation made from an earlier English text, said so to the reader."""
    marker = gettext("(translation of an earlier version)")
    if block:
        return format_html(
            '<div class="outdated">{}<p class="outdated-marker">{}</p></div>', body, marker
        )
    return format_html('{} <span class="outdated-marker">{}</span>', body, marker)


def english_marked(body, *, block: bool = False):
    """`body` (text, or HTML already made safe) marked as English in a page of another language."""
    marker = gettext("(English)")
    if block:
        return format_html(
            '<div lang="en" class="fallback">{}<p class="fallback-marker" lang="{}">{}</p></div>',
            body,
            get_language(),
            marker,
        )
    return format_html(
        '<span lang="en" class="fallback">{} <span class="fallback-marker" lang="{}">{}</span></span>',
        body,
        get_language(),
        marker,
    )


@register.simple_tag
def shared_text(text):
    """Shared content already looked up in the page's language (see toolkit.selectors
    .localise_workplan_data): English, marked as such, when it had no translation."""
    if isinstance(text, EnglishText):
        return english_marked(text)
    return text


@register.simple_tag(takes_context=True)
def can_translate(context) -> bool:
    """Whether the visitor may enter translations of shared content (network coordinators)."""
    from regions.access import is_coordinator

    request = context.get("request")
    return bool(request and is_coordinator(request.user))


@register.filter
def lines(text):
    """The non-empty lines of a text, e.g. a translated list kept one item per line."""
    return [line.strip() for line in str(text or "").splitlines() if line.strip()]
