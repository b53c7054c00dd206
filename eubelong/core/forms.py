"""One way every form is labelled and its errors summed up (GOV.UK patterns).

- Optional fields say so in their label: "Evidence link (optional)". Checkboxes and hidden
  fields do not; neither do forms that set `mark_optional = False` (filters, where everything
  is optional) nor labels that already say it.
- A page whose context holds a form sent back with errors gets an error summary at the top of
  its main content, linking to each field, and "Error:" in its title (`templates/base.html`).
"""

from django import forms
from django.forms.boundfield import BoundField
from django.forms.renderers import DjangoTemplates
from django.utils.text import format_lazy
from django.utils.translation import gettext, gettext_lazy


class MarkedBoundField(BoundField):
    def marks_optional(self) -> bool:
        field = self.field
        if field.required or self.is_hidden or not self.label:
            return False
        if isinstance(field.widget, forms.CheckboxInput):
            return False
        if not getattr(self.form, "mark_optional", True):
            return False
        return gettext("(optional)") not in str(self.label)

    def label_tag(self, contents=None, attrs=None, label_suffix=None, tag=None):
        if contents is None and self.marks_optional():
            contents = format_lazy("{} {}", self.label, gettext_lazy("(optional)"))
        return super().label_tag(contents, attrs, label_suffix, tag)


class FormRenderer(DjangoTemplates):
    bound_field_class = MarkedBoundField


def invalid_forms(context) -> list:
    """The bound forms with errors among a template context's values, each once; looked up
    once per page, though the title and the summary both ask."""
    cache = context.render_context
    if "invalid_forms" not in cache:
        cache["invalid_forms"] = _invalid_forms(context)
    return cache["invalid_forms"]


def _invalid_forms(context) -> list:
    seen, found = set(), []
    for value in context.flatten().values():
        if isinstance(value, forms.BaseForm) and value.is_bound and id(value) not in seen:
            seen.add(id(value))
            if value.errors:
                found.append(value)
    return found


def error_links(form) -> list[tuple[str, str]]:
    """(link target, message) of each error, in the order the fields appear; a field's message
    is led by its label, so "This field is required." says which field."""
    links = [("", str(message)) for message in form.non_field_errors()]
    for bound in form:
        if bound.errors and not bound.is_hidden:
            target = "#" + (bound.id_for_label or bound.auto_id or "")
            label = str(bound.label or "").rstrip(":")
            links += [
                (target, f"{label}: {message}" if label else str(message))
                for message in bound.errors
            ]
    return links
