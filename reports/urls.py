from django.urls import path

from reports import views as views_reports

app_name = "reports"

urlpatterns = [
    path("summary/", views_reports.summary, name="summary"),
    path("summary.docx", views_reports.summary_docx, name="summary-docx"),
]
