"""Excel import of a conference's reported figures and of an award decision's recipients."""

from django.urls import path

from exchange import views_imports as views

app_name = "imports"


def _views(prefix, kind):
    """The four steps of an import (``kind`` given to each view): upload, template, preview, confirm."""
    name = kind.name
    return [
        path(f"{prefix}/", views.upload, {"kind": kind}, name=f"{name}-upload"),
        path(f"{prefix}/template/", views.template, {"kind": kind}, name=f"{name}-template"),
        path(f"{prefix}/<slug:token>/", views.preview, {"kind": kind}, name=f"{name}-preview"),
        path(f"{prefix}/<slug:token>/confirm/", views.confirm, {"kind": kind}, name=f"{name}-confirm"),
    ]


urlpatterns = [
    *_views("conferences/<int:pk>/figures", views.FIGURES),
    *_views("decisions/<int:pk>/recipients", views.RECIPIENTS),
]
