"""Numbers, amounts, percentages and country names as the reader's language writes them.

Pages, charts and PDFs format through here; CSV and JSON downloads keep machine formats.
English is written as in Ireland (day before month, euro sign first).
"""

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from babel import Locale, numbers
from django.template.defaultfilters import floatformat
from django.utils.formats import date_format, localize
from django.utils.translation import get_language, override

LOCALES = {
    "en": "en_IE",
    "ro": "ro_RO",
    "es": "es_ES",
    "ca": "ca_ES",
    "it": "it_IT",
    "de": "de_DE",
    "pl": "pl_PL",
}
CURRENCY = "EUR"

# The partner regions' countries, as stored on regions, by ISO 3166 code.
COUNTRY_CODES = {
    "austria": "AT",
    "belgium": "BE",
    "bulgaria": "BG",
    "croatia": "HR",
    "cyprus": "CY",
    "czechia": "CZ",
    "denmark": "DK",
    "estonia": "EE",
    "finland": "FI",
    "france": "FR",
    "germany": "DE",
    "greece": "GR",
    "hungary": "HU",
    "ireland": "IE",
    "italy": "IT",
    "latvia": "LV",
    "lithuania": "LT",
    "luxembourg": "LU",
    "malta": "MT",
    "netherlands": "NL",
    "norway": "NO",
    "poland": "PL",
    "portugal": "PT",
    "romania": "RO",
    "slovakia": "SK",
    "slovenia": "SI",
    "spain": "ES",
    "sweden": "SE",
    "switzerland": "CH",
    "ukraine": "UA",
    "united kingdom": "GB",
}


def babel_locale(language: str | None = None) -> str:
    code = (language or get_language() or "en").split("-")[0].lower()
    return LOCALES.get(code, LOCALES["en"])


def _decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return value if isinstance(value, Decimal) else Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


# Formatting is pure and babel's is slow next to everything else in a table cell: pages that
# show hundreds of amounts reuse each (value, locale) once formatted in this process.
# Keyed by the decimal's text, so -0 and 0 (equal as numbers) never share an entry.
FORMAT_CACHE = 8192


def money(value, language: str | None = None, *, cents: bool = True) -> str:
    """An amount in euro: `€315,000.00`, `315.000,00 €`, `315 000,00 €`; "" for no value."""
    amount = _decimal(value)
    if amount is None:
        return ""
    return _money(str(amount), babel_locale(language), cents)


@lru_cache(maxsize=FORMAT_CACHE)
def _money(text: str, locale: str, cents: bool) -> str:
    amount = Decimal(text)
    if cents:
        return numbers.format_currency(amount, CURRENCY, locale=locale)
    pattern = Locale.parse(locale).currency_formats["standard"].pattern.replace(".00", "")
    return numbers.format_currency(
        amount.quantize(Decimal(1)), CURRENCY, format=pattern, locale=locale, currency_digits=False
    )


def number(value, language: str | None = None, *, places: int = 2) -> str:
    """A number with the locale's grouping and decimal sign, without trailing zeros
    (`875 000`, `4`, `12,5`); "" for no value."""
    amount = _decimal(value)
    if amount is None:
        return ""
    return _number(str(amount), babel_locale(language), places)


@lru_cache(maxsize=FORMAT_CACHE)
def _number(text: str, locale: str, places: int) -> str:
    amount = Decimal(text)
    rounded = round(amount, places)
    return numbers.format_decimal(rounded, locale=locale, decimal_quantization=False)


def percent(value, language: str | None = None, *, places: int = 1) -> str:
    """A percentage given on a 0-100 scale, as the locale writes it (`45%`, `45 %`, `45,5 %`)."""
    amount = _decimal(value)
    if amount is None:
        return ""
    return _percent(str(amount), babel_locale(language), places)


@lru_cache(maxsize=FORMAT_CACHE)
def _percent(text: str, locale: str, places: int) -> str:
    amount = Decimal(text)
    rounded = round(amount, places).normalize()
    if rounded == rounded.to_integral():
        rounded = rounded.quantize(Decimal(1))
    return numbers.format_percent(rounded / 100, locale=locale, decimal_quantization=False)


def fixed(value, places: int = 2) -> str:
    """As `|floatformat:"<places>g"` in the active language (fixed places, the language's
    grouping), kept once formatted: tables of amounts repeat the same few values."""
    amount = _decimal(value)
    if amount is None:
        return floatformat(value, f"{places}g")
    return _fixed(str(amount), get_language() or "en", places)


@lru_cache(maxsize=FORMAT_CACHE)
def _fixed(text: str, language: str, places: int) -> str:
    with override(language):
        return str(floatformat(Decimal(text), f"{places}g"))


def count(n: int) -> str:
    """A whole number as Django's `localize` writes it in the active language, kept once
    formatted: progress tables repeat the same few counts."""
    return _count(int(n), get_language() or "en")


@lru_cache(maxsize=FORMAT_CACHE)
def _count(n: int, language: str) -> str:
    with override(language):
        return str(localize(n))


def short_date(day) -> str:
    """A date in the active language's SHORT_DATE_FORMAT, kept once formatted."""
    return _short_date(day, get_language() or "en")


@lru_cache(maxsize=FORMAT_CACHE)
def _short_date(day, language: str) -> str:
    with override(language):
        return date_format(day, "SHORT_DATE_FORMAT")


def plain_number(value, language: str | None = None, *, places: int = 2) -> str:
    """A number for a form field: the locale's decimal sign, no grouping, no trailing zeros."""
    amount = _decimal(value)
    if amount is None:
        return ""
    text = format(round(amount, places).normalize(), "f")
    return text.replace(".", decimal_symbol(language))


def decimal_symbol(language: str | None = None) -> str:
    return numbers.get_decimal_symbol(babel_locale(language))


def group_symbol(language: str | None = None) -> str:
    return numbers.get_group_symbol(babel_locale(language))


_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']")


def parse_number(text: str, language: str | None = None) -> Decimal:
    """A number typed the locale's way (`45 000,50`, `45.000,50`, `45,000.50`), or plainly
    (`45000.50`); a euro sign around it is ignored. Raises ValueError when it is not a number."""
    value = _SPACES.sub("", str(text)).replace("€", "").replace("EUR", "").replace("−", "-")
    if not value:
        raise ValueError("empty")
    decimal_sign = decimal_symbol(language)
    group = group_symbol(language)
    if decimal_sign == ",":
        if "," in value:
            head, _sep, tail = value.rpartition(",")
            if "," in head or "." in tail:
                raise ValueError(text)
            value = f"{_ungroup(head, '.')}.{tail}"
        elif group == "." and re.fullmatch(r"-?\d{1,3}(\.\d{3})+", value):
            value = value.replace(".", "")
    else:
        head, _sep, tail = value.partition(".")
        value = _ungroup(head, ",") + (f".{tail}" if _sep else "")
    if not re.fullmatch(r"-?\d+(\.\d+)?|-?\.\d+", value):
        raise ValueError(text)
    return Decimal(value)


def _ungroup(digits: str, group: str) -> str:
    """Digits with thousands separators removed, if they sit where thousands separators go."""
    if group not in digits:
        return digits
    if not re.fullmatch(r"-?\d{1,3}(" + re.escape(group) + r"\d{3})+", digits):
        raise ValueError(digits)
    return digits.replace(group, "")


def example_amount(language: str | None = None) -> str:
    """How to type an amount in the locale, for hints and error messages."""
    # Two decimals, as amounts are written ("45,000.50", not "45,000.5").
    return numbers.format_decimal(
        Decimal("45000.50"), format="#,##0.00", locale=babel_locale(language)
    )


def euro_first(language: str | None = None) -> bool:
    """Whether the locale writes the euro sign before the amount (`€45,000`, not `45.000 €`)."""
    pattern = Locale.parse(babel_locale(language)).currency_formats["standard"].pattern
    return pattern.lstrip().startswith("\xa4")


def country_name(name: str, language: str | None = None) -> str:
    """A country stored by its English name, in the reader's language."""
    code = COUNTRY_CODES.get((name or "").strip().lower())
    if code is None:
        return name
    return Locale.parse(babel_locale(language)).territories.get(code, name)
