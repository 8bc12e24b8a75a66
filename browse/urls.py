"""Lists and record pages: what anyone in scope may read."""

from django.urls import path

from browse import views

app_name = "browse"

urlpatterns = [
    path("agreements/", views.agreement_list, name="agreement-list"),
    path("agreements/<int:pk>/", views.agreement_detail, name="agreement-detail"),
    path("conferences/", views.conference_list, name="conference-list"),
    path("conferences/<int:pk>/", views.conference_detail, name="conference-detail"),
    path("bodies/", views.body_list, name="body-list"),
    path("bodies/<int:pk>/", views.body_detail, name="body-detail"),
    path("people/", views.person_list, name="person-list"),
    path("people/<int:pk>/", views.person_detail, name="person-detail"),
    path("attachments/<int:pk>/", views.attachment_download, name="attachment-download"),
    path("awards/decisions/", views.decision_list, name="decision-list"),
    path("awards/decisions/<int:pk>/", views.decision_detail, name="decision-detail"),
]
