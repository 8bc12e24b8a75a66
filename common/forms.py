"""Form fields and widgets shared by the entry forms.

They accept input the way Vietnamese staff type it: "1.291" is 1291, "12,5" is 12.5,
"giai đoạn 2018 - 2023" is the period 2018–2023. Text is stored in one Unicode spelling.
"""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from common.text import clean
from common.years import MAX_YEAR, MIN_YEAR

# 1291 · 1.291 · 1 291 · 90.982 · 1.000.000 (dots or spaces group thousands)
_GROUPED = re.compile(r"^\d{1,3}([. \u00a0]\d{3})+$")
_PLAIN = re.compile(r"^\d+$")
_THOUSANDS_WORDS = {"nghìn": 1000, "ngàn": 1000, "ngan": 1000, "nghin": 1000, "triệu": 1000000, "trieu": 1000000}


def format_vietnamese_number(number) -> str:
    """1291 → "1.291", Decimal("12.50") → "12,5": how a number is shown back in a form."""
    number = Decimal(number).normalize()
    whole, _, fraction = f"{number:f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return f"{grouped},{fraction}" if fraction else grouped


def parse_vietnamese_number(text: str) -> Decimal:
    """ "1.291" → 1291, "12,5" → 12.5, "1.291,5" → 1291.5, "126 ngàn" → 126000.

    Raises ValueError for anything else (including "-5": counts are never negative).
    """
    text = clean(text).lower()
    multiplier = 1
    for word, factor in _THOUSANDS_WORDS.items():
        if text.endswith(" " + word):
            text, multiplier = text[: -len(word) - 1].strip(), factor
            break
    if "," not in text and re.match(r"^\d+\.\d{1,2}$", text):
        # "12.5" or "1291.00": one or two digits after a dot cannot be a thousands group.
        text = text.replace(".", ",")
    whole, _, fraction = text.partition(",")
    if not (_PLAIN.match(whole) or _GROUPED.match(whole)):
        raise ValueError(text)
    if fraction and not _PLAIN.match(fraction):
        raise ValueError(text)
    digits = re.sub(r"\D", "", whole)
    try:
        return Decimal(f"{digits}.{fraction}" if fraction else digits) * multiplier
    except InvalidOperation as error:
        raise ValueError(text) from error


class VietnameseIntegerField(forms.IntegerField):
    """A whole count typed with Vietnamese thousands separators ("1.291")."""

    widget = forms.TextInput
    default_error_messages = {"invalid": _("Enter a whole number, e.g. 1.291.")}

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.update(inputmode="numeric", autocomplete="off")
        attrs.pop("min", None)
        attrs.pop("max", None)
        return attrs

    def prepare_value(self, value):
        return format_vietnamese_number(value) if isinstance(value, int | Decimal) else value

    def to_python(self, value):
        if value in self.empty_values or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, int):
            return value
        try:
            number = parse_vietnamese_number(str(value))
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None
        if number != number.to_integral_value():
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return int(number)


class VietnameseDecimalField(forms.DecimalField):
    """A figure typed the Vietnamese way: "90.982", "12,5", "126 ngàn"."""

    widget = forms.TextInput
    default_error_messages = {"invalid": _("Enter a number, e.g. 1.291 or 12,5.")}

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.update(inputmode="decimal", autocomplete="off")
        for key in ("min", "max", "step"):
            attrs.pop(key, None)
        return attrs

    def prepare_value(self, value):
        return format_vietnamese_number(value) if isinstance(value, int | Decimal) else value

    def to_python(self, value):
        if value in self.empty_values or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, Decimal):
            return value
        try:
            return parse_vietnamese_number(str(value))
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None


_YEAR = r"((?:19|20|21)\d\d)"
_PERIOD = re.compile(
    rf"^(?:giai\s*đoạn|giai\s*doan|năm|nam|từ|tu)?\s*{_YEAR}(?:\s*(?:-|–|—|đến|den|to)\s*{_YEAR})?$", re.I
)


class PeriodField(forms.CharField):
    """A period of years: "2018-2023", "giai đoạn 2018 - 2023", "năm 2019" → (start, end)."""

    default_error_messages = {
        "invalid": _("Write the period as years, e.g. 2018-2023 or 2019."),
        "reversed": _("The period cannot end before it starts."),
        "range": _("Years must lie between %(min)s and %(max)s."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 60)
        kwargs.setdefault("help_text", _("E.g. 2018-2023, or one year: 2019."))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, tuple | list):
            start, end = value
            if start is None:
                return ""
            return str(start) if start == end else f"{start}-{end}"
        return value

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return None
        match = _PERIOD.match(clean(text))
        if not match:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        start = int(match.group(1))
        end = int(match.group(2) or start)
        if not (MIN_YEAR <= start <= MAX_YEAR and MIN_YEAR <= end <= MAX_YEAR):
            raise ValidationError(self.error_messages["range"], code="range", params={"min": MIN_YEAR, "max": MAX_YEAR})
        if end < start:
            raise ValidationError(self.error_messages["reversed"], code="reversed")
        return (start, end)


# Control characters (NUL included: PostgreSQL refuses it in text) and invisible format
# characters (soft hyphens, zero-width spaces, byte order marks, bidirectional overrides):
# Unicode's Cc and Cf less the whitespace (tabs and line breaks are handled as spaces and
# lines). Pasted from PDFs and web pages, they would make "Thái Bình" and "Thái\u200bBình"
# two names that look alike.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\xad\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2\u180e"
    "\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd"
    "\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]"
)


def strip_invisible(text: str) -> str:
    """``text`` without control and invisible format characters (line breaks and tabs kept)."""
    return _INVISIBLE.sub("", text)


MAX_SEARCH_LENGTH = 200


def clean_search_term(text: str) -> str:
    """A search term as typed in a box or a query string, safe to put into a query.

    Invisible characters are dropped and the length is bounded: a search never needs more,
    and NUL would make PostgreSQL refuse the whole query.
    """
    return clean(strip_invisible(text or ""))[:MAX_SEARCH_LENGTH]


class SearchField(forms.CharField):
    """The search box of a list: invisible characters dropped, length bounded (never an error)."""

    def to_python(self, value):
        return clean_search_term(super().to_python(value))


class CleanCharField(forms.CharField):
    """Text stored in one Unicode spelling (NFC), single spaces, no control characters."""

    def to_python(self, value):
        if isinstance(value, str):
            value = strip_invisible(value)
        value = super().to_python(value)
        if value in self.empty_values:
            return value
        if self.widget.__class__ is forms.Textarea or isinstance(self.widget, forms.Textarea):
            lines = [clean(line) for line in value.splitlines()]
            return "\n".join(line for line in lines if line)
        return clean(value)


class LookupMixin:
    """Renders only the chosen options; the rest are found through a JSON lookup URL.

    Lists of bodies, people and agreements grow to tens of thousands of rows: rendering
    them all into every form row would make the page unusable. static/js/entry.js turns
    the select into a search box that calls ``data-lookup-url``.
    """

    def __init__(self, url_name, attrs=None):
        self.url_name = url_name
        super().__init__(attrs=attrs)

    def get_context(self, name, value, attrs):
        from django.urls import reverse

        attrs = {**(attrs or {}), "data-lookup-url": reverse(self.url_name), "class": "form-select"}
        return super().get_context(name, value, attrs)

    def optgroups(self, name, value, attrs=None):
        chosen = [v for v in value if v not in ("", None)]
        options = []
        if chosen:
            # Only ids that can be ids: a forged "99999999999999999999" would overflow the query.
            ids = [int(v) for v in chosen if str(v).isascii() and str(v).isdigit() and int(v) < 2**63]
            queryset = self.choices.queryset.filter(pk__in=ids)
            for index, obj in enumerate(queryset):
                options.append(self.create_option(name, obj.pk, str(obj), True, index, attrs=attrs))
        if not self.allow_multiple_selected:
            options.insert(0, self.create_option(name, "", "", not chosen, 0, attrs=attrs))
        return [(None, options, 0)]


class LookupSelect(LookupMixin, forms.Select):
    pass


class LookupSelectMultiple(LookupMixin, forms.SelectMultiple):
    pass
