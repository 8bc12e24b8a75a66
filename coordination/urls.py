from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.templatetags.static import static
from django.urls import include, path
from django.utils.functional import lazy
from django.views.generic import RedirectView

from dashboard import views

urlpatterns = [
    path("", views.home, name="home"),
    # Browsers ask for /favicon.ico on pages that do not name their icon (Django admin). The
    # static URL is looked up on the first request: in production it comes from the manifest
    # collectstatic writes, which does not exist yet when `migrate` or `check` load this file.
    path("favicon.ico", RedirectView.as_view(url=lazy(static, str)("favicon.svg"), permanent=True)),
    path("todo/", views.todo, name="todo"),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("account/", include("accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("browse.urls")),
    path("", include("entry.urls")),
    path("", include("pressimport.urls")),
    path("exports/", include("exchange.urls_exports")),
    path("imports/", include("exchange.urls_imports")),
    path("reports/", include("reports.urls")),
    path("admin/", admin.site.urls),
]
