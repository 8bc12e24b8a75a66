from django.urls import path

from pressimport import views

app_name = "pressimport"

urlpatterns = [
    path("extract/", views.review, name="review"),
    path("sources/<int:pk>/", views.source_detail, name="source-detail"),
]
