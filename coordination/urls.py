from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from coordination import views

urlpatterns = [
    path("", views.home, name="home"),
    path("todo/", views.todo, name="todo"),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("agreements.urls")),
    path("awards/", include("awards.urls")),
    path("admin/", admin.site.urls),
]
