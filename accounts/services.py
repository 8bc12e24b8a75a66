"""Accounts: the lock-out backend, session limits and the sessions list, two-step login (TOTP).

Each logged-in session carries three values of its own, set at login (``session_start``):
when the user logged in, when activity was last recorded (to the minute, so that an ordinary
request writes nothing), and whether this session must pass the second step. The middleware
in coordination/middleware.py reads them on every request without a database query.
"""

import base64
import datetime
import ipaddress
import re
import time
from importlib import import_module

import segno
from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.db import transaction
from django.dispatch import receiver
from django.utils.safestring import mark_safe
from django_otp import login as otp_login
from django_otp import user_has_device, verify_token
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import UserSession

STARTED = "accounts.started"  # Unix time of the login
SEEN = "accounts.seen"  # Unix time of the last recorded activity
SECOND_STEP = "accounts.second_step"  # True when this session must pass the second step
# Activity is recorded at most this often: the idle limit is exact to the minute.
SEEN_EVERY_SECONDS = 60


def client_ip(request) -> str | None:
    """The client's address: REMOTE_ADDR, or behind a trusted proxy the address it appended."""
    address = request.META.get("REMOTE_ADDR", "")
    if settings.USE_X_FORWARDED_FOR:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").rsplit(",", 1)[-1].strip()
        address = forwarded or address
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


class LockoutBackend(AxesStandaloneBackend):
    """django-axes' lock-out check, for logins made over HTTP.

    ``authenticate()`` without a request (a management command, the shell) cannot be a
    guessing attack from the network; django-axes would refuse it with an error instead.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


# Sessions


def _now() -> int:
    return int(time.time())


def _moment(timestamp: int) -> datetime.datetime:
    return datetime.datetime.fromtimestamp(timestamp, tz=datetime.UTC)


def second_step_required(user) -> bool:
    """Whether ``user`` must enter a one-time code after the password."""
    if settings.OTP_REQUIRED_FOR_SUPERUSERS and user.is_superuser:
        return True
    return user_has_device(user, confirmed=True)


def _session_record(request, user, *, started: int, seen: int) -> None:
    key = request.session.session_key
    if not key:
        return
    UserSession.objects.update_or_create(
        session_id=key,
        defaults={
            "user": user,
            "user_agent": request.META.get("HTTP_USER_AGENT", "")[:300],
            "ip": client_ip(request),
            "created": _moment(started),
            "last_seen": _moment(seen),
        },
    )


def session_start(request, user) -> None:
    """Stamp a session just logged in, list it on the account page, decide on the second step."""
    now = _now()
    request.session[STARTED] = request.session[SEEN] = now
    request.session[SECOND_STEP] = second_step_required(user)
    _session_record(request, user, started=now, seen=now)


# Django's own login() sends this signal, whichever view logged the user in (the login page,
# the admin's), as it does for updating last_login.
@receiver(user_logged_in, dispatch_uid="accounts.services.session_start")
def _on_login(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        session_start(request, user)


def session_check(request) -> str | None:
    """``"idle"`` or ``"expired"`` when the session is past a limit; otherwise notes the activity.

    Writes (the session and its UserSession row) at most once a minute.
    """
    session = request.session
    now = _now()
    started, seen = session.get(STARTED), session.get(SEEN)
    if started is None or seen is None:  # a session from before these limits existed
        session_start(request, request.user)
        return None
    if now - started > settings.SESSION_MAX_SECONDS:
        return "expired"
    if now - seen > settings.SESSION_IDLE_SECONDS:
        return "idle"
    if now - seen >= SEEN_EVERY_SECONDS:
        session[SEEN] = now
        if not UserSession.objects.filter(session_id=session.session_key).update(last_seen=_moment(now)):
            _session_record(request, request.user, started=started, seen=now)
    return None


def sessions_for(user):
    """The user's sessions on the account page, the most recently active first."""
    return UserSession.objects.filter(user=user).order_by("-last_seen", "-pk")


def _session_delete(session_key: str) -> None:
    # Through the session engine, so that a cached session goes too; the database row's
    # deletion takes its UserSession with it.
    import_module(settings.SESSION_ENGINE).SessionStore(session_key=session_key).delete()


def session_end(*, user, pk: int) -> bool:
    """End one of ``user``'s sessions; False when it is not theirs or already over."""
    key = UserSession.objects.filter(user=user, pk=pk).values_list("session_id", flat=True).first()
    if key is None:
        return False
    _session_delete(key)
    return True


def other_sessions_end(request) -> int:
    """End every session of the current user except this one; return how many ended."""
    keys = list(
        sessions_for(request.user).exclude(session_id=request.session.session_key).values_list("session_id", flat=True)
    )
    for key in keys:
        _session_delete(key)
    return len(keys)


def password_changed(request) -> int:
    """After a password change: keep this session, listed under its new key; end the others.

    Django's session hash already refuses the others at their next request; ending them
    here takes them off the list at once.
    """
    _session_record(request, request.user, started=request.session.get(STARTED, _now()), seen=_now())
    return other_sessions_end(request)


_BROWSERS = [("Edg/", "Edge"), ("OPR/", "Opera"), ("Firefox/", "Firefox"), ("Chrome/", "Chrome"), ("Safari/", "Safari")]
_SYSTEMS = [
    ("Android", "Android"),
    ("iPhone", "iOS"),
    ("iPad", "iOS"),
    ("Windows", "Windows"),
    ("Mac OS X", "macOS"),
    ("CrOS", "ChromeOS"),
    ("Linux", "Linux"),
]


def browser_label(user_agent: str) -> str:
    """A short name for a User-Agent string: "Chrome · Windows"; empty when nothing is known."""
    browser = next((name for marker, name in _BROWSERS if marker in user_agent), "")
    system = next((name for marker, name in _SYSTEMS if marker in user_agent), "")
    return " · ".join(part for part in (browser, system) if part)


# Two-step login


def second_step_page(request) -> str | None:
    """Where this request must go first: ``"verify"``, ``"setup"``, or None to go on."""
    user = request.user
    if not settings.TWO_STEP_LOGIN or not user.is_authenticated or user.is_verified():
        return None
    required = request.session.get(SECOND_STEP)
    if required is None:  # a session from before two-step login existed
        required = request.session[SECOND_STEP] = second_step_required(user)
    must = settings.OTP_REQUIRED_FOR_SUPERUSERS and user.is_superuser
    if not (required or must):
        return None
    if user_has_device(user, confirmed=True):
        return "verify"
    if must:
        return "setup"
    # Two-step login was turned off in another session since this one began.
    request.session[SECOND_STEP] = False
    return None


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def totp_device_for_setup(user) -> TOTPDevice:
    """The user's device being set up (not yet confirmed), made with a new random key."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice(user=user, name="authenticator", confirmed=False)
        device.full_clean()
        device.save()
    return device


def normalise_code(code: str) -> str:
    """Authenticator apps show "123 456"; people type it with the space or a dash."""
    return re.sub(r"[\s-]", "", code or "")


@transaction.atomic
def totp_device_confirm(request, *, device: TOTPDevice, code: str) -> bool:
    """Turn two-step login on with ``device`` once it shows a correct code.

    This session counts as verified; the user's other sessions end, since they began without
    the second step.
    """
    if verify_token(request.user, device.persistent_id, normalise_code(code)) is None:
        return False
    device.refresh_from_db()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=request.user).exclude(pk=device.pk).delete()
    otp_login(request, device)
    request.session[SECOND_STEP] = True
    other_sessions_end(request)
    return True


def second_step_verify(request, *, code: str) -> bool:
    """Check the code of the user's authenticator; on success this session is verified."""
    device = confirmed_device(request.user)
    if device is None:
        return False
    verified = verify_token(request.user, device.persistent_id, normalise_code(code))
    if verified is None:
        return False
    otp_login(request, verified)
    return True


def second_step_throttled(user) -> bool:
    """Whether wrong codes have paused checking (django-otp doubles the pause each time)."""
    device = confirmed_device(user)
    return device is not None and not device.verify_is_allowed()[0]


@transaction.atomic
def totp_devices_remove(request) -> None:
    """Turn two-step login off for the current user (a superuser is asked to set it up again)."""
    TOTPDevice.objects.filter(user=request.user).delete()
    request.session[SECOND_STEP] = second_step_required(request.user)


def totp_secret(device: TOTPDevice) -> str:
    """The key as authenticator apps take it when typed: base32 in groups of four."""
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_svg(text: str) -> str:
    """A QR code as inline SVG drawn here (segno): paths and presentation attributes only."""
    svg = segno.make(text, error="m").svg_inline(scale=4, light="#fff", svgclass="qr-code")
    return mark_safe(svg)  # noqa: S308 - segno's own markup; ``text`` is encoded in the path data
