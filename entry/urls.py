"""The entry pages of staff: agreements, conferences with everything reported at them, decisions."""

from django.urls import path

from entry import views, views_decisions

app_name = "entry"

urlpatterns = [
    path("agreements/new/", views.agreement_create, name="agreement-create"),
    path("agreements/<int:pk>/edit/", views.agreement_update, name="agreement-update"),
    path("agreements/<int:pk>/final-review/", views.final_review_create, name="agreement-final-review"),
    path("conferences/new/", views.conference_create, name="conference-create"),
    path("conferences/<int:pk>/edit/", views.conference_update, name="conference-update"),
    path("awards/decisions/new/", views_decisions.decision_create, name="decision-create"),
    path("awards/decisions/<int:pk>/edit/", views_decisions.decision_update, name="decision-update"),
    path("lookup/agreements/", views.agreement_lookup, name="agreement-lookup"),
    path("lookup/bodies/", views.body_lookup, name="body-lookup"),
    path("lookup/people/", views.person_lookup, name="person-lookup"),
]
