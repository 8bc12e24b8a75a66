"""Accounts: password rules, lock-out, session limits, the sessions list, two-step login."""

import base64
import datetime
import io
import re
import time

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import authenticate
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import services as accounts
from accounts.models import UserSession
from devtools.demo import DEMO_TOTP_SECRET, demo_totp_code
from tests.makers import make_user

pytestmark = pytest.mark.django_db

PASSWORD = "password"  # make_user's
STRONG = "Quy-che-phoi-hop-2024"
FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0"
CHROME_ANDROID = "Mozilla/5.0 (Linux; Android 14; SM-A546E) AppleWebKit/537.36 Chrome/126.0 Mobile Safari/537.36"


@pytest.fixture
def two_step(settings):
    # tests/conftest.py lets everyone in without the second step; here it is on, as deployed.
    settings.TWO_STEP_LOGIN = True
    settings.OTP_REQUIRED_FOR_SUPERUSERS = True


def _log_in(client, username, password=PASSWORD, **extra):
    return client.post(reverse("login"), {"username": username, "password": password}, **extra)


def _logged_in(client):
    return client.get(reverse("accounts:overview")).status_code == 200


def _device(user, **kwargs):
    kwargs.setdefault("name", "phone")
    kwargs.setdefault("confirmed", True)
    return TOTPDevice.objects.create(user=user, **kwargs)


def _code(device, drift=0):
    return f"{totp(device.bin_key, drift=drift):06d}"


def _age_session(client, **seconds_ago):
    """Move the session's login or last-activity time into the past."""
    session = client.session
    now = int(time.time())
    if "started" in seconds_ago:
        session[accounts.STARTED] = now - seconds_ago["started"]
    if "seen" in seconds_ago:
        session[accounts.SEEN] = now - seconds_ago["seen"]
    session.save()


# Passwords


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("Ab3-xyz", "This password is too short. It must contain at least 10 characters."),
        ("password123", "This password is too common."),
        ("4829175360", "This password is entirely numeric."),
        ("nguyen.van.an", "The password is too similar to the username."),
    ],
)
def test_a_weak_password_is_refused_with_the_reason(password, message):
    user = make_user(username="nguyen.van.an")
    with pytest.raises(ValidationError) as refused:
        validate_password(password, user)
    assert message in refused.value.messages


def test_a_long_uncommon_password_is_accepted():
    validate_password(STRONG, make_user(username="nguyen.van.an"))


def test_the_password_change_page_refuses_a_weak_password_and_keeps_the_old_one(client):
    user = make_user()
    client.force_login(user)
    response = client.post(
        reverse("accounts:password-change"),
        {"old_password": PASSWORD, "new_password1": "short1", "new_password2": "short1"},
    )
    assert response.status_code == 200
    assert "This password is too short" in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_the_demo_accounts_keep_the_password_demo_and_the_admin_gets_one_demo_authenticator():
    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())  # idempotent

    admin = authenticate(username="admin", password="demo")
    assert admin.is_superuser
    assert authenticate(username="staff.bentre", password="demo") is not None
    device = TOTPDevice.objects.get(user=admin)
    assert device.confirmed
    assert base64.b32encode(device.bin_key).decode() == DEMO_TOTP_SECRET
    assert device.verify_token(demo_totp_code())


def test_demo_logins_prints_the_administrators_key_and_current_code():
    out = io.StringIO()
    call_command("demo_logins", stdout=out)
    text = out.getvalue()
    assert "COOR DINA TION REGI STRY DEMO ADMI N234" in text
    assert "demo_logins --code" in text
    code = io.StringIO()
    call_command("demo_logins", "--code", stdout=code)
    assert re.fullmatch(r"\d{6}\n", code.getvalue())


# Lock-out after failed logins


def test_five_failed_logins_lock_the_username_out_with_a_message_on_the_login_page(client):
    make_user(username="staff.bentre")
    for _ in range(4):
        assert _log_in(client, "staff.bentre", "wrong").status_code == 200

    fifth = _log_in(client, "staff.bentre", "wrong")
    right_password = _log_in(client, "staff.bentre")

    for response in (fifth, right_password):
        page = response.content.decode()
        assert response.status_code == 429
        assert "Too many failed logins with this username from this computer" in page
        assert "locked for 30 minutes" in page
        assert 'id="id_username"' in page and "navbar" in page  # the login page, in the layout
    assert not _logged_in(client)


def test_the_lock_out_holds_one_username_from_one_address_only():
    make_user(username="staff.bentre")
    make_user(username="staff.haiphong")
    attacker = Client(REMOTE_ADDR="10.0.0.66")
    for _ in range(5):
        _log_in(attacker, "staff.bentre", "wrong")

    colleague = Client(REMOTE_ADDR="10.0.0.66")
    assert _log_in(colleague, "staff.haiphong").status_code == 302
    owner = Client(REMOTE_ADDR="10.0.0.7")
    assert _log_in(owner, "staff.bentre").status_code == 302


def test_the_lock_out_ends_after_thirty_minutes(client):
    make_user(username="staff.bentre")
    for _ in range(5):
        _log_in(client, "staff.bentre", "wrong")
    assert _log_in(client, "staff.bentre").status_code == 429

    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=31))

    assert _log_in(client, "staff.bentre").status_code == 302


def test_a_successful_login_clears_the_count_of_failures(client):
    make_user(username="staff.bentre")
    for _ in range(4):
        _log_in(client, "staff.bentre", "wrong")
    assert _log_in(client, "staff.bentre").status_code == 302
    client.post(reverse("logout"))
    for _ in range(4):
        _log_in(client, "staff.bentre", "wrong")

    assert _log_in(client, "staff.bentre").status_code == 302


def test_an_administrator_unlocks_a_username_in_django_admin(client, admin_client):
    make_user(username="staff.bentre")
    for _ in range(5):
        _log_in(client, "staff.bentre", "wrong")
    attempt = AccessAttempt.objects.get(username="staff.bentre")
    changelist = admin_client.get(reverse("admin:axes_accessattempt_changelist"))
    assert changelist.status_code == 200
    assert "staff.bentre" in changelist.content.decode()

    delete = reverse("admin:axes_accessattempt_delete", args=[attempt.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 302

    assert _log_in(client, "staff.bentre").status_code == 302


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:axes_accessattempt_changelist",
        "admin:axes_accesslog_changelist",
        "admin:otp_totp_totpdevice_changelist",
        "admin:accounts_usersession_changelist",
    ],
)
def test_the_back_office_lists_lock_outs_authenticators_and_sessions(admin_client, url_name):
    _device(make_user())
    other = Client()
    _log_in(other, make_user(username="staff.bentre").username)

    assert admin_client.get(reverse(url_name)).status_code == 200


def test_deleting_a_session_in_django_admin_logs_that_client_out(admin_client):
    user = make_user()
    other = Client()
    other.force_login(user)
    row = UserSession.objects.get(user=user)

    delete = reverse("admin:accounts_usersession_delete", args=[row.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 302

    assert not _logged_in(other)


# Session limits


def test_a_session_idle_for_more_than_thirty_minutes_is_logged_out_with_a_message(client):
    client.force_login(make_user())
    _age_session(client, seen=31 * 60)

    response = client.get(reverse("todo"), follow=True)

    assert response.redirect_chain[-1][0].startswith(reverse("login") + "?next=/todo/")
    assert "You were logged out after 30 minutes without activity." in response.content.decode()
    assert not _logged_in(client)


def test_a_session_active_within_the_idle_limit_stays(client):
    client.force_login(make_user())
    _age_session(client, seen=29 * 60)

    assert client.get(reverse("todo")).status_code == 200


def test_a_session_ends_twelve_hours_after_the_login_however_active(client):
    client.force_login(make_user())
    _age_session(client, started=12 * 3600 + 1, seen=10)

    response = client.get(reverse("home"), follow=True)

    assert "Your session ended 12 hours after you logged in." in response.content.decode()
    assert not _logged_in(client)


def test_the_limits_follow_the_settings(client, settings):
    settings.SESSION_IDLE_SECONDS = 5 * 60
    client.force_login(make_user())
    _age_session(client, seen=6 * 60)

    response = client.get(reverse("home"), follow=True)

    assert "after 5 minutes without activity" in response.content.decode()


def test_an_ordinary_request_writes_nothing_and_activity_is_recorded_once_a_minute(client):
    user = make_user()
    client.force_login(user)
    row = UserSession.objects.get(user=user)

    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("todo")).status_code == 200
    writes = [q["sql"] for q in queries if not q["sql"].lstrip().upper().startswith(("SELECT", "SAVEPOINT", "RELEASE"))]
    assert writes == []

    earlier = timezone.now() - datetime.timedelta(seconds=90)
    UserSession.objects.filter(pk=row.pk).update(created=earlier, last_seen=earlier)
    _age_session(client, seen=90)
    client.get(reverse("todo"))

    assert UserSession.objects.get(pk=row.pk).last_seen > earlier + datetime.timedelta(seconds=80)
    assert int(time.time()) - client.session[accounts.SEEN] < 5


# Sessions list


def test_the_account_page_lists_each_session_with_browser_address_and_activity():
    user = make_user(username="staff.bentre")
    office = Client(REMOTE_ADDR="10.1.2.3", HTTP_USER_AGENT=FIREFOX)
    phone = Client(REMOTE_ADDR="10.9.8.7", HTTP_USER_AGENT=CHROME_ANDROID)
    _log_in(office, user.username)
    _log_in(phone, user.username)

    page = office.get(reverse("accounts:overview")).content.decode()

    assert "Firefox · Windows" in page and "10.1.2.3" in page
    assert "Chrome · Android" in page and "10.9.8.7" in page
    assert page.count("This session") == 1
    assert page.count(">End</button>") == 1
    # Session keys are credentials: the page names sessions by their row, never by key.
    for session in Session.objects.all():
        assert session.session_key not in page


def test_ending_another_session_logs_that_client_out_and_keeps_this_one():
    user = make_user(username="staff.bentre")
    office, phone = Client(HTTP_USER_AGENT=FIREFOX), Client(HTTP_USER_AGENT=CHROME_ANDROID)
    _log_in(office, user.username)
    _log_in(phone, user.username)
    phone_row = UserSession.objects.get(user_agent=CHROME_ANDROID)

    response = office.post(reverse("accounts:session-end", args=[phone_row.pk]), follow=True)

    assert "That session was ended" in response.content.decode()
    assert not _logged_in(phone)
    assert _logged_in(office)
    assert list(UserSession.objects.values_list("user_agent", flat=True)) == [FIREFOX]


def test_a_user_cannot_end_someone_elses_session():
    mine, theirs = Client(), Client()
    mine.force_login(make_user())
    theirs.force_login(make_user())
    their_row = UserSession.objects.get(session_id=theirs.session.session_key)

    mine.post(reverse("accounts:session-end", args=[their_row.pk]))

    assert _logged_in(theirs)


def test_log_out_everywhere_else_ends_every_other_session():
    user = make_user()
    here, *elsewhere = Client(), Client(), Client()
    for client in (here, *elsewhere):
        client.force_login(user)

    response = here.post(reverse("accounts:other-sessions-end"), follow=True)

    assert "Logged out everywhere else (2 sessions)." in response.content.decode()
    assert _logged_in(here)
    assert not any(_logged_in(client) for client in elsewhere)


def test_logging_out_removes_the_session_from_the_list(client):
    user = make_user()
    client.force_login(user)
    assert UserSession.objects.filter(user=user).count() == 1

    client.post(reverse("logout"))

    assert not UserSession.objects.filter(user=user).exists()


# Password change


def test_changing_the_password_keeps_this_session_and_logs_out_the_others():
    user = make_user()
    here, elsewhere = Client(), Client()
    here.force_login(user)
    elsewhere.force_login(user)

    response = here.post(
        reverse("accounts:password-change"),
        {"old_password": PASSWORD, "new_password1": STRONG, "new_password2": STRONG},
        follow=True,
    )

    assert "Your password was changed. You were logged out everywhere else." in response.content.decode()
    assert _logged_in(here)
    assert not _logged_in(elsewhere)
    assert list(UserSession.objects.values_list("session_id", flat=True)) == [here.session.session_key]
    user.refresh_from_db()
    assert user.check_password(STRONG)


def test_a_session_not_on_the_list_is_logged_out_by_the_password_change_too():
    # Django's session hash: a session begun under the old password is refused.
    user = make_user()
    here, untracked = Client(), Client()
    here.force_login(user)
    untracked.force_login(user)
    UserSession.objects.filter(session_id=untracked.session.session_key).delete()

    here.post(
        reverse("accounts:password-change"),
        {"old_password": PASSWORD, "new_password1": STRONG, "new_password2": STRONG},
    )

    assert Session.objects.filter(session_key=untracked.session.session_key).exists()
    assert not _logged_in(untracked)


# Two-step login


def test_an_admin_with_an_authenticator_must_enter_the_code_before_any_page_including_django_admin(client, two_step):
    admin = make_user(username="root", is_staff=True, is_superuser=True)
    device = _device(admin)
    client.force_login(admin)

    for url in (reverse("admin:index"), reverse("admin:auth_user_changelist"), reverse("home")):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:two-step-verify"))
    verify = reverse("accounts:two-step-verify") + "?next=/admin/"
    assert client.get(verify).status_code == 200

    wrong = client.post(verify, {"code": "000000" if _code(device) != "000000" else "111111"})
    assert "That code is not right" in wrong.content.decode()
    assert client.get(reverse("admin:index")).status_code == 302

    device.refresh_from_db()
    device.throttling_failure_timestamp = None  # the pause after a wrong code
    device.save()
    response = client.post(verify, {"code": _code(device)})
    assert response.status_code == 302 and response.url == "/admin/"
    assert client.get(reverse("admin:index")).status_code == 200


def test_an_admin_without_an_authenticator_is_sent_to_set_one_up_first(client, two_step):
    admin = make_user(username="root", is_staff=True, is_superuser=True)
    client.force_login(admin)

    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response.url == reverse("accounts:two-step-setup") + "?next=%2Fadmin%2F"

    page = client.get(response.url)
    html = page.content.decode()
    assert "Administrators must use two-step login" in html
    device = TOTPDevice.objects.get(user=admin, confirmed=False)
    assert accounts.totp_secret(device) in html
    svg = re.search(r"<svg.*?</svg>", html, re.S).group(0)
    assert "<path" in svg and "style" not in svg and "<script" not in svg

    done = client.post(response.url, {"code": _code(device), "next": "/admin/"})
    assert done.status_code == 302 and done.url == "/admin/"
    assert client.get(reverse("admin:index")).status_code == 200
    device.refresh_from_db()
    assert device.confirmed


def test_an_admin_logging_in_with_the_password_alone_reaches_only_the_code_page(client, two_step):
    admin = make_user(username="root", is_staff=True, is_superuser=True)
    _device(admin)

    response = client.post(
        reverse("login") + "?next=/admin/", {"username": "root", "password": PASSWORD, "next": "/admin/"}, follow=True
    )

    assert response.redirect_chain[-1][0] == reverse("accounts:two-step-verify") + "?next=%2Fadmin%2F"
    assert "type the six-digit code" in response.content.decode()


def test_a_staff_user_turns_two_step_login_on_and_is_then_asked_for_a_code_at_login(client, two_step):
    user = make_user(username="staff.bentre")
    client.force_login(user)
    overview = client.get(reverse("accounts:overview")).content.decode()
    assert reverse("accounts:two-step-setup") in overview

    client.get(reverse("accounts:two-step-setup"))
    device = TOTPDevice.objects.get(user=user)
    response = client.post(reverse("accounts:two-step-setup"), {"code": _code(device)}, follow=True)
    assert "Two-step login is on." in response.content.decode()

    client.post(reverse("logout"))
    response = _log_in(client, "staff.bentre")
    assert client.get(reverse("home")).url == reverse("accounts:two-step-verify")
    assert client.get(reverse("todo")).url.startswith(reverse("accounts:two-step-verify"))

    # The code of the next period: the one used to turn it on cannot be used twice.
    response = client.post(reverse("accounts:two-step-verify"), {"code": _code(device, drift=1)})
    assert response.status_code == 302 and response.url == reverse("home")
    assert client.get(reverse("todo")).status_code == 200


def test_a_code_typed_with_a_space_is_accepted(client, two_step):
    user = make_user()
    device = _device(user)
    client.force_login(user)
    code = _code(device)

    response = client.post(reverse("accounts:two-step-verify"), {"code": f"{code[:3]} {code[3:]}"})

    assert response.status_code == 302


def test_after_a_wrong_code_the_next_try_waits(client, settings, two_step):
    settings.OTP_TOTP_THROTTLE_FACTOR = 60  # seconds after the first wrong code, doubling
    user = make_user()
    device = _device(user)
    client.force_login(user)
    client.post(reverse("accounts:two-step-verify"), {"code": "12345x"})  # not digits: not a try
    client.post(reverse("accounts:two-step-verify"), {"code": "000000" if _code(device) != "000000" else "111111"})

    response = client.post(reverse("accounts:two-step-verify"), {"code": _code(device)})

    assert "Too many wrong codes" in response.content.decode()
    assert client.get(reverse("todo")).status_code == 302


def test_turning_two_step_login_on_logs_out_the_other_sessions(client, two_step):
    user = make_user()
    elsewhere = Client()
    elsewhere.force_login(user)
    client.force_login(user)
    client.get(reverse("accounts:two-step-setup"))

    client.post(reverse("accounts:two-step-setup"), {"code": _code(TOTPDevice.objects.get(user=user))})

    assert _logged_in(client)
    assert not _logged_in(elsewhere)


def test_a_staff_user_turns_two_step_login_off(client, two_step):
    user = make_user(username="staff.bentre")
    device = _device(user)
    client.force_login(user)
    client.post(reverse("accounts:two-step-verify"), {"code": _code(device)})

    response = client.post(reverse("accounts:two-step-off"), follow=True)

    assert "Two-step login is off." in response.content.decode()
    assert not TOTPDevice.objects.filter(user=user).exists()
    client.post(reverse("logout"))
    _log_in(client, "staff.bentre")
    assert client.get(reverse("todo")).status_code == 200


def test_an_admin_who_removes_the_authenticator_must_set_up_another(client, two_step):
    admin = make_user(username="root", is_staff=True, is_superuser=True)
    device = _device(admin)
    client.force_login(admin)
    client.post(reverse("accounts:two-step-verify"), {"code": _code(device)})

    response = client.post(reverse("accounts:two-step-off"))

    assert response.url == reverse("accounts:two-step-setup")
    assert client.get(reverse("admin:index")).url.startswith(reverse("accounts:two-step-setup"))


def test_the_code_page_and_logging_out_stay_open_to_a_user_who_owes_the_code(client, two_step):
    user = make_user()
    _device(user)
    client.force_login(user)

    assert client.get(reverse("accounts:two-step-verify")).status_code == 200
    assert client.post(reverse("logout")).status_code == 302
    assert not _logged_in(client)


def test_the_navigation_links_to_the_account_page(client):
    client.force_login(make_user(username="staff.bentre"))

    page = client.get(reverse("home")).content.decode()

    assert f'href="{reverse("accounts:overview")}"' in page


@pytest.mark.parametrize(
    ("user_agent", "label"),
    [
        (FIREFOX, "Firefox · Windows"),
        (CHROME_ANDROID, "Chrome · Android"),
        (
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 Version/17.5 Safari/605.1.15",
            "Safari · macOS",
        ),
        ("Mozilla/5.0 (Windows NT 10.0) AppleWebKit/537.36 Chrome/126.0 Safari/537.36 Edg/126.0", "Edge · Windows"),
        ("curl/8.5.0", ""),
    ],
)
def test_the_browser_is_named_from_its_user_agent(user_agent, label):
    assert accounts.browser_label(user_agent) == label


def test_the_lock_out_message_is_in_vietnamese_by_default(client, settings):
    settings.LANGUAGE_CODE = "vi"
    make_user(username="staff.bentre")
    for _ in range(5):
        response = _log_in(client, "staff.bentre", "wrong")

    page = response.content.decode()
    assert "Đăng nhập sai quá nhiều lần với tên đăng nhập này từ máy tính này" in page
    assert "bị khóa trong 30 phút" in page


def test_the_database_refuses_a_session_seen_before_its_login():
    user = make_user()
    client = Client()
    client.force_login(user)
    row = UserSession.objects.get(user=user)

    with pytest.raises(IntegrityError), transaction.atomic():
        UserSession.objects.filter(pk=row.pk).update(last_seen=row.created - datetime.timedelta(seconds=1))
