from django.urls import path

from agreements.views import browse, entry, extract

app_name = "agreements"

urlpatterns = [
    path("agreements/", browse.agreement_list, name="agreement-list"),
    path("agreements/new/", entry.agreement_create, name="agreement-create"),
    path("agreements/<int:pk>/", browse.agreement_detail, name="agreement-detail"),
    path("agreements/<int:pk>/edit/", entry.agreement_update, name="agreement-update"),
    path("agreements/<int:pk>/final-review/", entry.final_review_create, name="agreement-final-review"),
    path("conferences/", browse.conference_list, name="conference-list"),
    path("conferences/new/", entry.conference_create, name="conference-create"),
    path("conferences/<int:pk>/", browse.conference_detail, name="conference-detail"),
    path("conferences/<int:pk>/edit/", entry.conference_update, name="conference-update"),
    path("bodies/", browse.body_list, name="body-list"),
    path("bodies/<int:pk>/", browse.body_detail, name="body-detail"),
    path("people/", browse.person_list, name="person-list"),
    path("people/<int:pk>/", browse.person_detail, name="person-detail"),
    path("attachments/<int:pk>/", entry.attachment_download, name="attachment-download"),
    path("extract/", extract.review, name="extract"),
    path("lookup/agreements/", entry.agreement_lookup, name="agreement-lookup"),
    path("lookup/bodies/", entry.body_lookup, name="body-lookup"),
    path("lookup/people/", entry.person_lookup, name="person-lookup"),
]
