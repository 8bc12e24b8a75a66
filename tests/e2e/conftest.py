"""End-to-end journeys in a real browser: Playwright driving Debian's Chromium.

The browser is the system one (/usr/bin/chromium, or $CHROMIUM): test tools cannot download
their own browsers on these machines. Without it the journeys are skipped with a clear
reason, unless E2E_REQUIRED=1 (set by .ci/run), which turns its absence into a failure.
"""

import os
import re
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

# Playwright's sync API runs an event loop in this thread; the test body still talks to the
# database synchronously, which is safe here (one thread, no concurrent access).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
REQUIRED = os.environ.get("E2E_REQUIRED") == "1"


def pytest_collection_modifyitems(config, items):
    available = Path(CHROMIUM).exists()
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        available = False
    if available:
        return
    if REQUIRED:
        raise pytest.UsageError(f"E2E_REQUIRED=1 but no Chromium at {CHROMIUM} (apt-get install chromium)")
    skip = pytest.mark.skip(reason=f"end-to-end journeys need Chromium at {CHROMIUM} (apt-get install chromium)")
    for item in items:
        if "e2e" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _english_messages():
    """The journeys see the real interface, in Vietnamese (overrides the suite's English)."""
    yield


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def demo_server(live_server, transactional_db):
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    return live_server


class Problems:
    """Console errors and Content Security Policy violations seen on any page of a journey.

    A journey that expects a refusal says so with ``page.problems.expect_status(403)``: the
    browser reports the refused page itself as a failed load, which is then not a problem.
    """

    def __init__(self):
        self.items = []
        self.expected = set()

    def watch(self, page):
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.items.append(f"page error: {error}"))
        page.on("response", self._response)

    def expect_status(self, status):
        self.expected.add(status)

    def _response(self, response):
        if response.status >= 400 and response.status not in self.expected:
            self.items.append(f"HTTP {response.status}: {response.url}")

    def _console(self, message):
        text = message.text
        expected = any(f"status of {status} " in text for status in self.expected)
        if (message.type == "error" and not expected) or re.search("Content Security Policy|Refused to", text):
            self.items.append(f"{message.type}: {text}")


@pytest.fixture
def page(browser, request, demo_server):
    """A fresh browser page; at the end a screenshot is saved and no console error is allowed."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(15000)
    problems = Problems()
    problems.watch(page)
    page.base = demo_server.url
    page.problems = problems
    yield page
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()
    assert problems.items == [], problems.items


def log_in(page, username, password="demo"):  # noqa: S107 - the demo accounts
    """Log in on the login page; for the demo administrator, enter the one-time code too."""
    from devtools.demo import demo_totp_code

    page.goto(page.base + "/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(re.escape(page.base) + r"/(account/two-step/verify/.*)?$"))
    if "/account/two-step/verify/" in page.url:
        # The code an authenticator app holding the documented demo key shows now.
        page.fill("#id_code", demo_totp_code())
        page.click("main form:has(#id_code) button[type=submit]")
    page.wait_for_url(page.base + "/")


def pick(page, select_id, text, option=None):
    """Type into the search box of a lookup picker and choose the option shown."""
    box = page.locator(f"#{select_id}").locator("xpath=..").locator("input[type=search]")
    box.fill(text)
    menu = page.locator(f"#{select_id}").locator("xpath=..").locator(".picker-menu button")
    menu.filter(has_text=option or "").first.click()
