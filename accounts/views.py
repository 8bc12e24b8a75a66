"""The account page: password, sessions, two-step login; and the lock-out page of the login."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts import services as accounts


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Six-digit code"),
        max_length=12,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True, "size": 8}
        ),
    )

    def clean_code(self):
        code = accounts.normalise_code(self.cleaned_data["code"])
        if not code.isdigit():
            raise forms.ValidationError(gettext_lazy("Type the digits your authenticator app shows."))
        return code


def _next(request, default):
    target = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure())
    return target if allowed else default


def locked_out(request, response=None, credentials=None):
    """django-axes' answer to a locked-out login: the login page again, saying why."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    form = AuthenticationForm(request, initial={"username": username})
    context = {
        "form": form,
        "next": _next(request, ""),
        "locked_out": True,
        "lockout_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    }
    return render(request, "registration/login.html", context, status=429)


@login_required
def overview(request):
    """Password, two-step login and the sessions logged in with this account."""
    sessions = list(accounts.sessions_for(request.user))
    for session in sessions:
        session.browser = accounts.browser_label(session.user_agent)
    context = {
        "sessions": sessions,
        "current_key": request.session.session_key,
        "device": accounts.confirmed_device(request.user),
        "two_step_required": settings.OTP_REQUIRED_FOR_SUPERUSERS and request.user.is_superuser,
        "idle_minutes": settings.SESSION_IDLE_SECONDS // 60,
    }
    return render(request, "accounts/overview.html", context)


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's password change; this session stays logged in and the others end."""

    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:overview")

    def form_valid(self, form):
        response = super().form_valid(form)  # saves, and keeps this session (update_session_auth_hash)
        ended = accounts.password_changed(self.request)
        message = _("Your password was changed.")
        if ended:
            message += " " + _("You were logged out everywhere else.")
        messages.success(self.request, message)
        return response


@require_POST
@login_required
def session_end(request, pk):
    if accounts.session_end(user=request.user, pk=pk):
        messages.success(request, _("That session was ended: it is logged out."))
    return redirect("accounts:overview")


@require_POST
@login_required
def other_sessions_end(request):
    ended = accounts.other_sessions_end(request)
    messages.success(request, _("Logged out everywhere else (%(count)s sessions).") % {"count": ended})
    return redirect("accounts:overview")


@login_required
def two_step_setup(request):
    """Show a new key as a QR code and as text; turn two-step login on once a code matches."""
    if accounts.confirmed_device(request.user) is not None:
        return redirect("accounts:overview")
    device = accounts.totp_device_for_setup(request.user)
    form = CodeForm(request.POST or None)
    if form.is_valid():
        if accounts.totp_device_confirm(request, device=device, code=form.cleaned_data["code"]):
            messages.success(request, _("Two-step login is on. Each login now asks for a code from your app."))
            return redirect(_next(request, reverse("accounts:overview")))
        form.add_error("code", _("That code is not right. Check the time on your phone and try the next one."))
    context = {
        "form": form,
        "secret": accounts.totp_secret(device),
        "qr": accounts.qr_svg(device.config_url),
        "required": settings.OTP_REQUIRED_FOR_SUPERUSERS and request.user.is_superuser,
        "next": _next(request, ""),
    }
    return render(request, "accounts/two_step_setup.html", context)


@login_required
def two_step_verify(request):
    """The second step of the login: the code of the user's authenticator app."""
    if accounts.second_step_page(request) != "verify":
        return redirect(_next(request, reverse(settings.LOGIN_REDIRECT_URL)))
    form = CodeForm(request.POST or None)
    if form.is_valid():
        if accounts.second_step_throttled(request.user):
            form.add_error("code", _("Too many wrong codes. Wait a little and try again."))
        elif accounts.second_step_verify(request, code=form.cleaned_data["code"]):
            return redirect(_next(request, reverse(settings.LOGIN_REDIRECT_URL)))
        else:
            form.add_error("code", _("That code is not right. Try the one your app shows now."))
    return render(request, "accounts/two_step_verify.html", {"form": form, "next": _next(request, "")})


@require_POST
@login_required
def two_step_off(request):
    accounts.totp_devices_remove(request)
    if settings.OTP_REQUIRED_FOR_SUPERUSERS and request.user.is_superuser:
        messages.info(request, _("Administrators must use two-step login: set up your authenticator app again."))
        return redirect("accounts:two-step-setup")
    messages.success(request, _("Two-step login is off."))
    return redirect("accounts:overview")
