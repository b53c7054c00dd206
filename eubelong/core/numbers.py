"""Form fields for numbers and amounts typed the reader's way (`45 000,50`, `45.000,50`)."""

from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import format_html
from django.utils.translation import gettext_lazy

from . import l10n


def decimal_or_none(value) -> Decimal | None:
    """A figure kept as text in frozen data (snapshots, reports) as a Decimal; None when it is
    empty or not a number."""
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


class LocalNumberInput(forms.TextInput):
    """A text box with the numeric keyboard on phones; browsers' number boxes refuse a comma
    in some locales and a space in all, so the field is text and the server reads it."""

    def __init__(self, attrs=None):
        super().__init__({"inputmode": "decimal", "autocomplete": "off", **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, str) or value is None:
            return super().format_value(value)
        return l10n.plain_number(value)


class EuroInput(LocalNumberInput):
    """An amount box with "€" beside it where the locale writes it, outside the value (GOV.UK
    prefix/suffix): hidden from screen readers, whose label or hint says "euros"."""

    def render(self, name, value, attrs=None, renderer=None):
        box = super().render(name, value, attrs, renderer)
        sign = format_html('<span class="input-affix-sign" aria-hidden="true">{}</span>', "€")
        first = l10n.euro_first()
        return format_html(
            '<span class="input-affix">{}{}{}</span>',
            sign if first else "",
            box,
            "" if first else sign,
        )


class LocalDecimalField(forms.DecimalField):
    widget = LocalNumberInput
    default_error_messages = {
        "invalid": gettext_lazy("Enter a number, for example %(example)s."),
    }

    def to_python(self, value):
        if value in self.empty_values or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, Decimal):
            return value
        try:
            return l10n.parse_number(str(value))
        except ValueError:
            raise ValidationError(
                self.error_messages["invalid"],
                code="invalid",
                params={"example": l10n.example_amount()},
            ) from None

    def widget_attrs(self, widget):
        # DecimalField would add step/min for a number box; a text box takes neither.
        return {
            key: value
            for key, value in super().widget_attrs(widget).items()
            if key not in {"step", "min", "max"}
        }
