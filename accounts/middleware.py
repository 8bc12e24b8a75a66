from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from accounts import services as accounts


class SessionLimitsMiddleware:
    """Logs the user out after SESSION_IDLE_SECONDS without a request or SESSION_MAX_SECONDS
    after the login, with a message on the login page; otherwise notes the activity (at most
    once a minute, for the sessions list on the account page).

    The request then goes on as an anonymous one, so a page that needs a login sends the user
    to the login page with ``next`` set, as for any visitor.
    """

    MESSAGES = {
        "idle": _("You were logged out after %(minutes)s minutes without activity. Please log in again."),
        "expired": _("Your session ended %(hours)s hours after you logged in. Please log in again."),
    }

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            reason = accounts.session_check(request)
            if reason:
                logout(request)
                messages.info(
                    request,
                    self.MESSAGES[reason]
                    % {
                        "minutes": settings.SESSION_IDLE_SECONDS // 60,
                        "hours": f"{settings.SESSION_MAX_SECONDS / 3600:g}",
                    },
                )
        return self.get_response(request)


class SecondFactorMiddleware:
    """Sends a logged-in user who still owes the one-time code to enter it (or, a superuser
    without an authenticator, to set one up) before any other page, Django admin included.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated and not self._exempt(request.path_info):
            page = accounts.second_step_page(request)
            if page:
                target = reverse(f"accounts:two-step-{page}")
                if request.method == "GET" and request.path_info != "/":
                    target += "?" + urlencode({"next": request.get_full_path()})
                return redirect(target)
        return self.get_response(request)

    @cached_property
    def _open_paths(self):
        # The two-step pages themselves, logging out and the language switch.
        names = ("accounts:two-step-setup", "accounts:two-step-verify", "logout", "set_language")
        return {reverse(name) for name in names} | {"/favicon.ico"}

    def _exempt(self, path):
        return path in self._open_paths or path.startswith("/" + settings.STATIC_URL.lstrip("/"))
