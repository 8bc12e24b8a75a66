"""Excel import of a conference's reported figures and of an award decision's recipients."""

from django.urls import path

from coordination import views_imports as views

app_name = "imports"

urlpatterns = [
    path("conferences/<int:pk>/figures/", views.figures_upload, name="figures-upload"),
    path("conferences/<int:pk>/figures/template/", views.figures_template, name="figures-template"),
    path("conferences/<int:pk>/figures/<slug:token>/", views.figures_preview, name="figures-preview"),
    path("conferences/<int:pk>/figures/<slug:token>/confirm/", views.figures_confirm, name="figures-confirm"),
    path("decisions/<int:pk>/recipients/", views.recipients_upload, name="recipients-upload"),
    path("decisions/<int:pk>/recipients/template/", views.recipients_template, name="recipients-template"),
    path("decisions/<int:pk>/recipients/<slug:token>/", views.recipients_preview, name="recipients-preview"),
    path("decisions/<int:pk>/recipients/<slug:token>/confirm/", views.recipients_confirm, name="recipients-confirm"),
]
