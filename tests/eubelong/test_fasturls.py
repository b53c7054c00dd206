"""fast_reverse gives what reverse gives, and the {% url %} tag uses it."""

import uuid
from collections import Counter

import pytest
from django.template import Context, Template
from django.urls import NoReverseMatch, get_resolver, reverse, set_script_prefix
from django.utils.html import escape

from eubelong.core.fasturls import fast_reverse


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        ("home", {}),
        ("regions:home", {"region": "donegal"}),
        ("regions:home", {"region": "emilia_romagna-2"}),
        (
            "toolkit:action-edit",
            {"region": "arad", "workplan": uuid.uuid4(), "action": uuid.uuid4()},
        ),
        ("public:network", {"lang": "pl"}),
        ("api:workplan", {"region": "leipzig", "start_year": 2025}),
        # Needs quoting: reverse() itself answers.
        ("notify:unsubscribe", {"token": "ab:c d?é"}),
        ("translations:edit", {"kind": "area", "key": "a b", "language": "de"}),
    ],
)
def test_it_gives_what_reverse_gives(name, kwargs):
    assert fast_reverse(name, kwargs=kwargs) == reverse(name, kwargs=kwargs)
    assert fast_reverse(name, kwargs=kwargs) == reverse(name, kwargs=kwargs)  # kept


def test_a_value_that_looks_like_a_stand_in_is_put_in_as_it_is():
    # A real value equal to another argument's stand-in is never replaced again.
    first, second = uuid.UUID(int=(0xFA57 << 112) + 1), uuid.uuid4()
    kwargs = {"region": "arad", "workplan": first, "action": second}
    assert fast_reverse("toolkit:action-edit", kwargs=kwargs) == reverse(
        "toolkit:action-edit", kwargs=kwargs
    )


def test_it_refuses_what_reverse_refuses():
    with pytest.raises(NoReverseMatch):
        fast_reverse("toolkit:action-edit", kwargs={"region": "arad"})
    with pytest.raises(NoReverseMatch):
        fast_reverse("no-such-page")


def test_it_follows_the_script_prefix():
    try:
        set_script_prefix("/eu-belong/")
        assert fast_reverse("regions:home", kwargs={"region": "arad"}) == (
            "/eu-belong/regions/arad/"
        )
    finally:
        set_script_prefix("/")
    assert fast_reverse("regions:home", kwargs={"region": "arad"}) == "/regions/arad/"


def test_the_url_tag_uses_it_and_escapes():
    page = Template(
        "{% url 'regions:home' region=slug %}|"
        "{% url 'notify:unsubscribe' token=odd as link %}{{ link }}"
    ).render(Context({"slug": "arad", "odd": "a&b"}))
    assert page == "/regions/arad/|" + escape(
        reverse("notify:unsubscribe", kwargs={"token": "a&b"})
    )


def test_every_url_name_has_one_pattern():
    """What makes a stand-in pick the same pattern as the real value would."""

    def counts(resolver, prefix=""):
        found = Counter()
        for key, patterns in resolver.reverse_dict.lists():
            if isinstance(key, str):
                found[prefix + key] += len(patterns)
        for namespace, (_pattern, sub) in resolver.namespace_dict.items():
            found.update(counts(sub, f"{prefix}{namespace}:"))
        return found

    assert [name for name, n in counts(get_resolver()).items() if n > 1] == []
