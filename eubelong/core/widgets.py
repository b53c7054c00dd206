"""Widgets the stock ones lack."""

from django import forms
from django.utils.html import format_html, format_html_join


class GroupedCheckboxSelectMultiple(forms.CheckboxSelectMultiple):
    """Checkboxes whose grouped choices each get a fieldset and a legend, so a screen reader
    says the group (Django's own template labels a group with a bare `<label>`). The outer
    element keeps the field's id and the widget's `data-*` attributes, which is what the
    error summary links to and what a filter script looks for."""

    def create_option(self, *args, **kwargs):
        option = super().create_option(*args, **kwargs)
        option["attrs"] = {k: v for k, v in option["attrs"].items() if not k.startswith("data-")}
        return option

    def render(self, name, value, attrs=None, renderer=None):
        context = self.get_context(name, value, attrs)["widget"]
        data = {k: v for k, v in context["attrs"].items() if k.startswith("data-")}
        groups = []
        for group, options, _index in context["optgroups"]:
            items = format_html_join(
                "",
                "<div>{}</div>",
                ((self._render(o["template_name"], {"widget": o}, renderer),) for o in options),
            )
            if group:
                items = format_html(
                    '<fieldset class="option-group"><legend>{}</legend>{}</fieldset>', group, items
                )
            groups.append(items)
        return format_html(
            '<div id="{}" class="option-groups"{}>{}</div>',
            context["attrs"].get("id", ""),
            format_html_join("", ' {}="{}"', data.items()),
            format_html_join("", "{}", ((g,) for g in groups)),
        )
