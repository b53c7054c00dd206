"""Numbers, amounts, percentages and dates as each reader's locale writes them, on a page, a chart
and a PDF; amounts typed the locale's way are read back exactly."""

import datetime
import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from eubelong.core import l10n
from eubelong.core.numbers import LocalDecimalField
from eubelong.exports.registry import get_kind
from eubelong.exports.rendering import html_to_pdf, render_html
from tests.exports.pdfcheck import inspect
from tests.toolkit import factories as tf
from toolkit.compare import charts

NBSP = "\u00a0"
# (language, amount, percentage, date) for 315 000 EUR, 45.5 % and 8 December 2026.
EXPECTED = {
    "en": ("€315,000.00", "45.5%", "8 Dec 2026"),
    "pl": (f"315{NBSP}000,00{NBSP}€", "45,5%", "08.12.2026"),
    "de": (f"315.000,00{NBSP}€", f"45,5{NBSP}%", "08.12.2026"),
}


@pytest.mark.parametrize("language", sorted(EXPECTED))
def test_the_formatting_functions_follow_the_locale(language):
    amount, percent, _date = EXPECTED[language]
    assert l10n.money(Decimal("315000"), language) == amount
    assert l10n.percent(Decimal("45.5"), language) == percent
    assert l10n.number(Decimal("4.0"), language) == "4"
    assert l10n.number(Decimal("875000.0"), "en") == "875,000"


def test_country_names_are_in_the_readers_language():
    assert l10n.country_name("Germany", "pl") == "Niemcy"
    assert l10n.country_name("Spain", "de") == "Spanien"
    assert l10n.country_name("Atlantis", "de") == "Atlantis"


@pytest.mark.parametrize(
    "language, typed, value",
    [
        ("pl", "45 000,50", Decimal("45000.50")),
        ("pl", f"45{NBSP}000,50 €", Decimal("45000.50")),
        ("de", "45.000,50", Decimal("45000.50")),
        ("de", "1.500", Decimal("1500")),
        ("en", "€45,000.50", Decimal("45000.50")),
        ("es", "45000.5", Decimal("45000.5")),
        ("it", "-3,25", Decimal("-3.25")),
    ],
)
def test_amounts_typed_the_locales_way_are_read_exactly(language, typed, value):
    with translation.override(language):
        assert LocalDecimalField(max_digits=12, decimal_places=2).clean(typed) == value


@pytest.mark.parametrize("language, typed", [("en", "45.000,50"), ("de", "4,5,6"), ("pl", "abc")])
def test_a_number_in_no_known_form_is_refused_with_an_example(language, typed):
    field = LocalDecimalField(max_digits=12, decimal_places=2)
    with translation.override(language), pytest.raises(Exception) as refused:
        field.clean(typed)
    assert l10n.example_amount(language) in " ".join(refused.value.messages)


def test_the_amount_field_is_text_with_the_numeric_keyboard():
    html = LocalDecimalField(max_digits=12, decimal_places=2).widget.render("budget", None)
    assert 'inputmode="decimal"' in html and 'type="text"' in html and "step" not in html


@pytest.mark.parametrize("language", sorted(EXPECTED))
def test_a_chart_draws_its_numbers_in_the_locale(language):
    _amount, percent, _date = EXPECTED[language]
    with translation.override(language):
        chart = charts.bar_chart(
            id="c",
            title="Spent",
            summary="",
            rows=[("Arad", Decimal("45.5")), ("Timiș", Decimal("315000"))],
            unit="%",
        )
    assert f">{percent}</text>" in str(chart.svg)


@pytest.fixture
def planned_action(region, editor):
    workplan = tf.workplan(region)
    return tf.action(
        workplan,
        budget=Decimal("315000"),
        funding_source="regional",
        start_date=datetime.date(2026, 12, 8),
        end_date=datetime.date(2027, 6, 30),
    )


@pytest.mark.parametrize("language", sorted(EXPECTED))
def test_a_page_shows_the_amount_and_the_date_in_the_locale(
    language, login, region, contributor, planned_action
):
    amount, _percent, date = EXPECTED[language]
    client = login(contributor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    url = reverse(
        "toolkit:action-edit",
        kwargs={
            "region": region.slug,
            "workplan": planned_action.workplan.uuid,
            "action": planned_action.uuid,
        },
    )
    page = client.get(url).content.decode()
    assert amount in page
    assert date in page
    assert "315000.00" not in re.sub(r'value="[^"]*"', "", page)


@pytest.mark.parametrize("language", sorted(EXPECTED))
def test_a_pdf_shows_the_amount_and_the_percentage_in_the_locale(
    language, region, editor, planned_action
):
    amount, _percent, _date = EXPECTED[language]
    html, _title = render_html(
        get_kind("workplan"),
        region=region,
        object_id=f"current:{planned_action.workplan.uuid}",
        user=editor,
        language=language,
    )
    assert amount in html
    text = inspect(html_to_pdf(html))["text"].replace(NBSP, " ").replace("\u202f", " ")
    assert amount.replace(NBSP, " ") in text
    # The checklist completeness, as the locale writes a percentage.
    assert re.search(r"\d+(,\d)?\s?%" if language != "en" else r"\d+(\.\d)?%", text)


@pytest.mark.parametrize("language", ["en", "ro", "es", "ca", "it", "de", "pl"])
def test_kept_fixed_amounts_read_as_floatformat_does(language):
    from django.template.defaultfilters import floatformat

    for value in [Decimal("1234567.5"), Decimal("0"), Decimal("-12.345"), 3, None, ""]:
        with translation.override(language):
            assert l10n.fixed(value) == floatformat(value, "2g")
            assert l10n.fixed(value) == floatformat(value, "2g")  # kept
