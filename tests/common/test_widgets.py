"""The project's select template writes the markup Django's own templates write."""

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates


class Everything(forms.Form):
    plain = forms.ChoiceField(choices=[("", "—"), ("a", "Một & hai"), ("b", 'Ba "bốn"')], required=False)
    grouped = forms.ChoiceField(
        choices=[("Tỉnh hiện nay", [("1", "Vĩnh Long"), ("2", "Hải Phòng")]), ("Trước 1/7/2025", [("3", "Bến Tre")])]
    )
    several = forms.MultipleChoiceField(choices=[("x", "X"), ("y", "Y")], required=False)
    attrs = forms.ChoiceField(
        choices=[("1", "Một")], widget=forms.Select(attrs={"class": "form-select", "disabled": True, "data-x": False})
    )


@pytest.mark.parametrize("data", [{}, {"plain": "a", "grouped": "3", "several": ["x", "y"], "attrs": "1"}])
def test_every_select_is_written_as_django_s_templates_write_it(data):
    form = Everything(data or None)
    for name in form.fields:
        ours = form[name].as_widget()
        django_s = Everything(data or None, renderer=DjangoTemplates())[name].as_widget()
        assert str(ours) == str(django_s), name
