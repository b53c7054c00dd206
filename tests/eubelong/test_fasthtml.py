"""The hot pages' own HTML writers escape exactly as Django does."""

import pytest
from django.forms.utils import flatatt
from django.utils import html as django_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from eubelong.core import fasthtml

TEXTS = ["plain", "<script>alert('x')</script>", 'a "quoted" & <b>bold</b>', "", 42, None]


@pytest.mark.parametrize("value", TEXTS)
def test_escape_matches_django(value):
    assert fasthtml.escape(value) == django_html.escape(value)


@pytest.mark.parametrize("value", [*TEXTS, mark_safe("<em>kept</em>"), gettext_lazy("Status")])
def test_conditional_escape_matches_django(value):
    assert fasthtml.conditional_escape(value) == django_html.conditional_escape(value)


def test_attributes_match_flatatt():
    values = {
        "id": "id_evidence",
        "required": True,
        "disabled": False,
        "data-x": '"><script>',
        "aria-describedby": None,
        "class": "wide",
        "autofocus": True,
    }
    assert fasthtml.attrs(values) == flatatt(values)
    assert fasthtml.attrs({}) == flatatt({}) == ""
