from django.urls import path

from accounts import views as views_accounts

app_name = "accounts"

urlpatterns = [
    path("", views_accounts.overview, name="overview"),
    path("password/", views_accounts.PasswordChangeView.as_view(), name="password-change"),
    path("sessions/<int:pk>/end/", views_accounts.session_end, name="session-end"),
    path("sessions/end-others/", views_accounts.other_sessions_end, name="other-sessions-end"),
    path("two-step/", views_accounts.two_step_setup, name="two-step-setup"),
    path("two-step/verify/", views_accounts.two_step_verify, name="two-step-verify"),
    path("two-step/off/", views_accounts.two_step_off, name="two-step-off"),
]
