"""The form renderer writes inputs and selects exactly as Django's widget templates do."""

import pytest
from django import forms
from django.core.cache import cache
from django.forms.renderers import DjangoTemplates

from common.renderers import FastRenderer


class Everything(forms.Form):
    text = forms.CharField(label="Tên <cơ quan>", widget=forms.TextInput(attrs={"placeholder": 'Gõ "Bến Tre" & Enter'}))
    search = forms.CharField(widget=forms.TextInput(attrs={"type": "search", "autofocus": True, "hidden": False}))
    year = forms.IntegerField(min_value=1945, max_value=2100, required=False)
    secret = forms.CharField(widget=forms.HiddenInput)
    agreed = forms.BooleanField(required=False)
    kind = forms.ChoiceField(choices=[("", "Bất kỳ"), ("so_ket", "Sơ kết"), ("tong_ket", "Tổng kết <5 năm>")])
    grouped = forms.ChoiceField(
        choices=[("", "—"), ("Công an", [("1", "Công an tỉnh"), ("2", "Bộ Công an")]), ("Công đoàn", [("3", "LĐLĐ")])]
    )
    many = forms.MultipleChoiceField(choices=[("a", "A"), ("b", "B & C")], required=False)
    note = forms.CharField(widget=forms.Textarea, required=False)


BOUND = {
    "text": 'Công an tỉnh <Bến Tre> & "LĐLĐ"',
    "search": "ben tre",
    "year": "abc",
    "secret": "x'y",
    "agreed": "on",
    "kind": "tong_ket",
    "grouped": "2",
    "many": ["a", "b"],
    "note": "dòng 1\n<dòng 2>",
}


@pytest.mark.parametrize("data", [None, BOUND], ids=["unbound", "bound"])
@pytest.mark.parametrize("name", list(Everything.base_fields))
def test_a_widget_is_rendered_as_djangos_templates_render_it(name, data):
    fast = Everything(data, renderer=FastRenderer())[name]
    templates = Everything(data, renderer=DjangoTemplates())[name]
    assert str(fast) == str(templates)


def _filter_bar(client, url):
    html = client.get(url).content.decode()
    return html[html.index('role="search"') : html.index("</form>", html.index('role="search"'))]


def test_the_filter_bar_of_a_list_is_rendered_as_djangos_templates_render_it(world, login, settings):
    client = login(world.users["admin"])
    url = "/conferences/?kind=so_ket&q=%3Cb%3E&year=abc"
    fast = _filter_bar(client, url)
    settings.FORM_RENDERER = "django.forms.renderers.DjangoTemplates"
    cache.clear()  # the list part of the page, cached by the first request
    assert fast.count("<option") > 5
    assert "is-invalid" in fast  # year "abc"
    assert fast == _filter_bar(client, url)
