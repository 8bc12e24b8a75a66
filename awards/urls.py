from django.urls import path

from awards.views import browse, entry

app_name = "awards"

urlpatterns = [
    path("decisions/", browse.decision_list, name="decision-list"),
    path("decisions/new/", entry.decision_create, name="decision-create"),
    path("decisions/<int:pk>/", browse.decision_detail, name="decision-detail"),
    path("decisions/<int:pk>/edit/", entry.decision_update, name="decision-update"),
]
