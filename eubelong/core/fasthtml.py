"""HTML written in Python for the long lists of hot pages (see docs/architecture.md).

The same escaping and attribute order as Django's `escape` and `flatatt`, without their lazy
string checks, which cost more than the escaping itself when a page writes thousands of values.
"""

import functools
import html

from django.middleware.csrf import get_token
from django.utils.functional import Promise, SimpleLazyObject

# Stands for the CSRF token in markup kept across requests; `with_token` puts the request's in.
CSRF_STAND_IN = "\x00csrf\x00"


def escape(value) -> str:
    """As django.utils.html.escape: &, <, >, " and ' replaced."""
    return html.escape(str(value))


def conditional_escape(value) -> str:
    """As django.utils.html.conditional_escape: what is marked safe already stays as it is."""
    if isinstance(value, Promise):
        # A lazy translation: translated once here, not again by every attribute lookup.
        value = str(value)
    if hasattr(value, "__html__"):
        return str(value.__html__())
    return html.escape(str(value))


def attrs(values: dict) -> str:
    """As django.forms.utils.flatatt: ` key="value"` sorted by key, then boolean ones; False
    and None left out."""
    pairs, flags = [], []
    for key, value in values.items():
        if isinstance(value, bool):
            if value:
                flags.append(key)
        elif value is not None:
            pairs.append((key, value))
    return "".join(f' {k}="{escape(v)}"' for k, v in sorted(pairs)) + "".join(
        f" {k}" for k in sorted(flags)
    )


def with_token(request, markup: str) -> str:
    """`markup` with the request's CSRF token for every stand-in (none without a request)."""
    token = escape(request_token(request)) if request is not None else ""
    return markup.replace(CSRF_STAND_IN, token)


def request_token(request) -> str:
    """The request's CSRF token, masked once per request and reused by every form of its page.

    Django masks the token anew at each use, so that no two responses carry the same bytes
    (BREACH): a page with several forms drew 32 random characters for each. One mask per
    response keeps that; a new secret (after signing in) gets a new mask."""
    kept = request.__dict__.get("_masked_csrf_token")
    if kept is None or kept[0] != request.META.get("CSRF_COOKIE"):
        masked = get_token(request)
        request._masked_csrf_token = kept = (request.META.get("CSRF_COOKIE"), masked)
    return kept[1]


def csrf(request) -> dict:
    """Context processor: `csrf_token` for templates (and {% csrf_token %}) from
    `request_token`, in place of Django's built-in one, which masks again per template."""
    return {"csrf_token": SimpleLazyObject(lambda: request_token(request))}


def label_of(choices, value) -> str:
    """As a model's get_FOO_display() for a field with these choices (a TextChoices or
    IntegerChoices class): the label in the active language, the value itself if unknown.
    Django's builds a dict of every choice on each call."""
    label = _labels(choices).get(value)
    return str(value if label is None else label)


@functools.cache
def _labels(choices) -> dict:
    return dict(choices.choices)  # lazy labels: translated when shown
