"""Accounts in Chromium: two-step login, the back office and the account page under the CSP."""

import base64
import re

import pytest
from django.contrib.auth.models import User
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from agreements.models import Agreement
from tests.e2e.conftest import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _two_step_login(settings):
    """As deployed: the demo admin (and anyone with an authenticator) enters a code."""
    settings.TWO_STEP_LOGIN = True


def _admin_pages():
    admin = User.objects.get(username="admin")
    return [
        "/admin/",
        "/admin/auth/user/",
        f"/admin/auth/user/{admin.pk}/change/",
        "/admin/agreements/conference/",
        "/admin/agreements/conference/add/",
        f"/admin/agreements/agreement/{Agreement.objects.order_by('pk').first().pk}/change/",
        "/admin/axes/accessattempt/",
        "/admin/axes/accesslog/",
        "/admin/otp_totp/totpdevice/",
        f"/admin/otp_totp/totpdevice/{TOTPDevice.objects.get(user=admin).pk}/config/",
        "/admin/accounts/usersession/",
    ]


def test_the_administrator_passes_the_second_step_and_works_in_django_admin(page):
    log_in(page, "admin")  # the password, then the code of the demo authenticator

    for url in _admin_pages():
        response = page.goto(page.base + url)
        assert response.status == 200, url
        assert page.locator("#content").count() == 1, url
    # The console and the policy reports are checked by the page fixture at the end.

    page.goto(page.base + "/account/")
    assert page.locator("#two-step-heading + p .badge").inner_text() == "Đang bật"  # "On"
    assert page.locator("#sessions tbody tr").count() == 1


def test_staff_turn_two_step_login_on_and_then_log_in_with_a_code(page):
    log_in(page, "staff.bentre")
    page.click("nav a[href='/account/']")
    page.click("main a[href='/account/two-step/']")
    assert page.locator("main svg.qr-code path").count() >= 1
    key = base64.b32decode(page.locator("#totp-secret").inner_text().replace(" ", ""))
    page.fill("#id_code", f"{totp(key):06d}")
    page.click("main form:has(#id_code) button[type=submit]")
    page.wait_for_url(page.base + "/account/")
    assert page.locator(".alert-success").count() == 1

    page.click("nav form[action='/logout/'] button[type=submit]")
    page.wait_for_url(re.compile(r".*/login/$"))
    page.fill("#id_username", "staff.bentre")
    page.fill("#id_password", "demo")
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r".*/account/two-step/verify/$"))
    # The next period's code: the one just used is not accepted twice.
    page.fill("#id_code", f"{totp(key, drift=1):06d}")
    page.click("main form:has(#id_code) button[type=submit]")
    page.wait_for_url(page.base + "/")
    assert page.locator("nav a[href='/account/']").inner_text() == "staff.bentre"


def test_repeated_wrong_passwords_lock_the_login_with_a_message(page):
    page.problems.expect_status(429)
    page.goto(page.base + "/login/")
    for _ in range(5):
        page.fill("#id_username", "staff.haiphong")
        page.fill("#id_password", "not-the-password")
        page.click("main button[type=submit]")
        page.wait_for_load_state()

    alert = page.locator("#locked-out")
    assert alert.count() == 1
    assert "30" in alert.inner_text()
    assert page.locator("#id_username").input_value() == "staff.haiphong"
