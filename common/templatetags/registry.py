"""Small tags of the record pages and lists, in Python rather than an include per row."""

from django import template

register = template.Library()


@register.simple_tag
def years(start, end):
    """A span of years: "2018–2023", "2019" when it is one year, "2018–…" when open; "" when unknown."""
    if start and start == end:
        return str(start)
    if start or end:
        return f"{start or '…'}–{end or '…'}"
    return ""
