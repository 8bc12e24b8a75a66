from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

from coordination import views

urlpatterns = [
    path("", views.home, name="home"),
    # Browsers ask for /favicon.ico on pages that do not name their icon (Django admin).
    path("favicon.ico", RedirectView.as_view(url=static("favicon.svg"), permanent=True)),
    path("todo/", views.todo, name="todo"),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("agreements.urls")),
    path("awards/", include("awards.urls")),
    path("exports/", include("coordination.urls_exports")),
    path("imports/", include("coordination.urls_imports")),
    path("reports/", include("coordination.urls_reports")),
    path("admin/", admin.site.urls),
]
