from django.urls import path

from exchange import views_exports

app_name = "exports"

urlpatterns = [
    # /exports/agreements.xlsx: the slug converter stops at the dot; an unknown kind or format is 404.
    path("<slug:kind>.<slug:fmt>", views_exports.export_list, name="list"),
]
