from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from eubelong.core.fasthtml import attrs, conditional_escape, escape
from eubelong.core.text import word_diff as text_word_diff
from toolkit import selectors
from toolkit.selectors import change_text

register = template.Library()


@register.inclusion_tag("toolkit/_region_workplans_section.html", takes_context=True)
def region_workplans(context, region):
    """The region's workplans for its home page: one query."""
    request = context.get("request")
    perms = getattr(request, "region_perms", frozenset())
    return {
        "region": region,
        "workplans": selectors.region_workplan_cycles(region),
        "is_coordinator": "review_workplan" in perms,
    }


@register.inclusion_tag("toolkit/_module_use.html", takes_context=True)
def module_use_forms(context, module):
    """On a training module's page: add it to one of the reader's draft workplans."""
    request = context.get("request")
    workplans = selectors.draft_workplans(request.user) if request else []
    return {"module": module, "workplans": workplans, "csrf_token": context.get("csrf_token")}


@register.inclusion_tag("toolkit/_priority_map.html")
def priority_map(region):
    """Who leads or partners the region's workplan actions, by priority and sector, for the
    stakeholder registry page."""
    return {"priority_map": selectors.sector_priority_map(region)}


@register.filter
def field_label(name):
    return change_text.field_label(name)


@register.filter
def own_words(field) -> bool:
    return field in change_text.OWN_WORDS


@register.filter
def change_value(value, field):
    """A recorded value as people read it: choice labels instead of stored codes."""
    return change_text.value_text(value, field)


@register.simple_tag
def quick_control(bound):
    """The control of a select, textarea or one-line input alone, written directly."""
    return mark_safe(control_html(bound))  # noqa: S308 (every value in it is escaped)


def control_html(bound) -> str:
    widget = bound.field.widget
    context = widget.get_context(bound.html_name, bound.value(), bound.build_widget_attrs({}))
    data = context["widget"]
    flat = attrs({**data["attrs"], "id": bound.auto_id})
    name = escape(data["name"])
    template = data["template_name"].rsplit("/", 1)[-1]
    if template == "select.html":
        options = "".join(
            f'<option value="{escape(option["value"])}"'
            f"{' selected' if option['selected'] else ''}>{conditional_escape(option['label'])}</option>"
            for _, group, _ in data["optgroups"]
            for option in group
        )
        control = f'<select name="{name}"{flat}>{options}</select>'
    elif template == "textarea.html":
        control = f'<textarea name="{name}"{flat}>\n{escape(data["value"] or "")}</textarea>'
    elif data.get("type") in ("text", "url", "email", "number", "search", "tel"):
        if data["value"] is not None:
            flat = attrs({"value": data["value"], **data["attrs"], "id": bound.auto_id})
        control = f'<input type="{escape(data["type"])}" name="{name}"{flat}>'
    else:
        # Radios, checkboxes and files have markup of their own: render them the usual way.
        raise TypeError(f"quick_field cannot write a {type(widget).__name__}")
    return control


@register.simple_tag
def quick_field(bound, lang=""):
    """Label, errors and control of a select, textarea or one-line input, written directly.

    The same markup Django's widget templates give, without rendering three templates per field:
    the editor shows 40 checklist items of three fields each on one page.
    """
    auto_id = escape(bound.auto_id)
    control = control_html(bound)
    if lang:
        control = f'<span lang="{escape(lang)}">{control}</span>'
    label = str(bound.label)
    suffix = (
        bound.form.label_suffix if bound.field.label_suffix is None else bound.field.label_suffix
    )
    if suffix and label and label[-1] not in ":?.!":
        label += suffix
    errors = ""
    if bound.errors:
        items = "".join(f"<li>{conditional_escape(error)}</li>" for error in bound.errors)
        errors = f'<ul class="errorlist" id="{auto_id}_error">{items}</ul>'
    # Every value above is escaped.
    return mark_safe(  # noqa: S308
        f'<label for="{auto_id}">{conditional_escape(label)}</label>{errors}{control}'
    )


@register.simple_tag
def word_diff(before, after):
    """The change from `before` to `after`, word by word, as <del> and <ins>."""
    tags = {"same": "{}", "removed": "<del>{}</del>", "added": "<ins>{}</ins>"}
    parts = text_word_diff(str(before or ""), str(after or ""))
    return format_html_join("", "{}", ((format_html(tags[op], text),) for op, text in parts))


@register.filter
def thread_of(threads, uuid):
    """The review notes on one checklist response or action, from `note_threads`."""
    return threads.get(str(uuid), []) if threads else []
