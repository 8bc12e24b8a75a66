"""Security headers, the Content Security Policy, production settings, the client's address."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import RequestFactory
from django.urls import reverse

from accounts.services import client_ip
from tests.makers import make_user

ROOT = Path(__file__).resolve().parents[2]
POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "object-src": "'none'",
    "base-uri": "'self'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
}
PRODUCTION = {"DEBUG": "false", "SECRET_KEY": "test-" + "x" * 60, "ALLOWED_HOSTS": "registry.example.internal"}


def _policy(response):
    header = response["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in header.split(";") if part.strip())


def _run(args, env):
    # Without the test run's own switches (the end-to-end journeys allow async-unsafe calls).
    unset = {"DEBUG", "SECRET_KEY", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {k: v for k, v in os.environ.items() if k not in unset}
    environment.update(env, DJANGO_SETTINGS_MODULE="coordination.settings")
    return subprocess.run(  # noqa: S603 - this interpreter on constant arguments
        [sys.executable, *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


def _settings(env, expression):
    code = f"import django; django.setup(); from django.conf import settings; print({expression})"
    return _run(["-c", code], env)


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", ["login", "home", "admin:index", "accounts:overview"])
def test_pages_carry_the_strict_content_security_policy(client, admin_client, url_name):
    response = (client if url_name == "login" else admin_client).get(reverse(url_name))

    assert response.status_code == 200
    assert _policy(response) == POLICY
    assert "unsafe" not in response["Content-Security-Policy"]


def test_no_template_has_an_inline_script_style_or_event_handler():
    inline = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle=|\son[a-z]+=\s*[\"']", re.IGNORECASE)
    offenders = [
        f"{path.relative_to(ROOT)}: {match.group(0)}"
        for path in (ROOT / "templates").rglob("*.html")
        for match in inline.finditer(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


@pytest.mark.django_db
def test_production_responses_carry_the_security_headers(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    make_user(username="staff.bentre")

    assert client.get(reverse("login")).url == "https://testserver/login/"
    response = client.get(reverse("login"), secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response.cookies["csrftoken"]["secure"]

    logged_in = client.post(reverse("login"), {"username": "staff.bentre", "password": "password"}, secure=True)
    session = logged_in.cookies["sessionid"]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"
    assert int(session["max-age"]) == 12 * 3600


def test_production_settings_turn_on_https_only_behaviour():
    result = _settings(
        PRODUCTION,
        "settings.SECURE_SSL_REDIRECT, settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE, "
        "settings.SECURE_HSTS_SECONDS, settings.SECURE_HSTS_INCLUDE_SUBDOMAINS, settings.X_FRAME_OPTIONS",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True True True 31536000 True DENY"


def test_the_deployment_check_is_clean_with_production_settings():
    result = _run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_session_limits_and_lock_out_are_read_from_the_environment():
    env = {"SESSION_IDLE_SECONDS": "600", "SESSION_MAX_SECONDS": "28800", "LOGIN_FAILURE_LIMIT": "3"}
    env["LOGIN_LOCKOUT_MINUTES"] = "15"
    result = _settings(
        env,
        "settings.SESSION_IDLE_SECONDS, settings.SESSION_MAX_SECONDS, settings.SESSION_COOKIE_AGE, "
        "settings.AXES_FAILURE_LIMIT, int(settings.AXES_COOLOFF_TIME.total_seconds())",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "600 28800 28800 3 900"


def test_the_defaults_are_thirty_minutes_idle_twelve_hours_at_most_and_five_failures():
    from coordination import settings as project_settings

    assert project_settings.SESSION_IDLE_SECONDS == 30 * 60
    assert project_settings.SESSION_MAX_SECONDS == 12 * 3600
    assert project_settings.AXES_FAILURE_LIMIT == 5
    assert project_settings.AXES_COOLOFF_TIME.total_seconds() == 30 * 60
    assert project_settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]
    assert project_settings.TWO_STEP_LOGIN is True
    assert project_settings.OTP_REQUIRED_FOR_SUPERUSERS is True


def test_the_client_address_is_the_connecting_one_unless_a_proxy_is_trusted(settings):
    request = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 10.2.3.4")
    settings.USE_X_FORWARDED_FOR = False
    assert client_ip(request) == "127.0.0.1"
    settings.USE_X_FORWARDED_FOR = True
    assert client_ip(request) == "10.2.3.4"  # the address the proxy itself appended
    assert client_ip(RequestFactory().get("/", REMOTE_ADDR="not an address")) is None
