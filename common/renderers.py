"""The form renderer: Django's own widget templates, with the commonest ones written in Python.

A list's filter bar holds half a dozen selects of 10 to 40 options each. Django renders
every ``<option>`` through two templates (``select_option.html`` and ``attrs.html``): 14 ms
of a 40 ms page. ``FastRenderer`` writes the same markup for inputs, selects and options
directly (under 1 ms) and hands every other widget template to Django, unchanged.
tests/coordination/test_renderers.py checks the markup is the one Django's templates give.
"""

from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

WIDGETS = "django/forms/widgets/"
# Templates that are nothing but {% include "django/forms/widgets/input.html" %}.
INPUT_TEMPLATES = frozenset(
    f"{WIDGETS}{name}.html"
    for name in (
        "input",
        "text",
        "number",
        "hidden",
        "search",
        "email",
        "url",
        "tel",
        "password",
        "date",
        "datetime",
        "time",
        "color",
        "checkbox",
    )
)
SELECT_TEMPLATE = f"{WIDGETS}select.html"
OPTION_TEMPLATE = f"{WIDGETS}select_option.html"


def _attr(name, value) -> str:
    if value is True:
        return f" {conditional_escape(name)}"
    return f' {conditional_escape(name)}="{conditional_escape(value)}"'


def _attrs(attrs) -> str:
    """attrs.html: ` name="value"` for each attribute, ` name` for True, nothing for False."""
    return "".join(_attr(name, value) for name, value in attrs.items() if value is not False)


def _input(widget) -> str:
    value = widget["value"]
    shown = "" if value is None else f' value="{conditional_escape(value)}"'
    kind, name = conditional_escape(widget["type"]), conditional_escape(widget["name"])
    return f'<input type="{kind}" name="{name}"{shown}{_attrs(widget["attrs"])}>'


def _option(option) -> str:
    # The line break ends select_option.html, so the templates' markup has it too.
    return (
        f'<option value="{conditional_escape(option["value"])}"{_attrs(option["attrs"])}>'
        f"{conditional_escape(option['label'])}</option>\n"
    )


def _select(widget) -> str | None:
    parts = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _group_index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
        for option in group_choices:
            if option["template_name"] != OPTION_TEMPLATE:
                return None
            parts.append("\n  " + _option(option))
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


class FastRenderer(DjangoTemplates):
    """Django's default renderer, with inputs and selects rendered without templates."""

    def render(self, template_name, context, request=None):
        widget = context.get("widget") if isinstance(context, dict) else None
        html = None
        if widget is not None and not widget.get("subwidgets"):
            if template_name in INPUT_TEMPLATES:
                html = _input(widget)
            elif template_name == SELECT_TEMPLATE and "optgroups" in widget:
                html = _select(widget)
        if html is None:
            return super().render(template_name, context, request)
        return mark_safe(html.strip())  # noqa: S308 - every value above went through conditional_escape
