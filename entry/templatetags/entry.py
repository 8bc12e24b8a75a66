from django import forms, template

register = template.Library()


@register.filter
def column(field):
    """Bootstrap grid classes for a form field in an entry row, by the kind of its widget."""
    widget = field.field.widget
    if isinstance(widget, forms.Textarea | forms.SelectMultiple | forms.CheckboxSelectMultiple):
        return "col-md-6"
    if isinstance(widget, forms.CheckboxInput):
        return "col-md-3 align-self-end"
    return "col-md-3"
