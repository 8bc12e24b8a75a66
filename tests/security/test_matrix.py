"""The authorization matrix: every URL of the app, for every persona and every method.

The URL patterns are walked from the resolver, so a new view cannot slip through: a pattern
with no row in EXPECTATIONS (and not in the commented SKIPPED list) fails
``test_every_url_pattern_has_an_expectation``. Each row says who may open the page (the
access rule), which methods the view answers, and what a granted request gets; the test
builds real URLs with the ids of records in Bến Tre (the staff's body) and in Hải Phòng,
and checks the status class for every persona and method:

- ``200``; ``login`` (a redirect to the login page); ``redirect`` (elsewhere);
- ``403`` (may read but not change), ``404`` (may not even know it exists), ``405``.

Every 200 is also searched for the marker of a place the persona may not read (pages,
JSON, CSV, and the XML inside .xlsx and .docx files): scoping holds for exports, reports,
the dashboard, search results, lookups and attachments, not only for detail pages. Rows
marked ``shows`` must in turn show what the persona may read, so the test cannot pass on
empty pages.
"""

import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlparse

import pytest
from django.apps import apps
from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from exchange.exports import EXPORTS
from tests.conftest import PERSONAS
from tests.security.conftest import MARKERS

METHODS = ("GET", "HEAD", "POST", "PUT", "DELETE")
PLACES = ("ben_tre", "hai_phong")
TOKEN = "0123456789abcdef0123456789abcdef"

# Who reads and changes the records of each place (agreements.access).
READS = {
    "anonymous": set(),
    "staff": set(PLACES),
    "other_staff": set(PLACES),
    "provincial_leader": {"ben_tre"},  # Vĩnh Long absorbed Bến Tre on 1 July 2025
    "other_leader": {"hai_phong"},
    "central_leader": set(PLACES),
    "admin": set(PLACES),
}
EDITS = {"staff": {"ben_tre"}, "other_staff": {"hai_phong"}, "admin": set(PLACES)}
ENTERS = {"staff", "other_staff", "admin"}


# Access rules: (persona, place) -> "ok" or the outcome of a refusal.


def logged_in(persona, place):
    return "login" if persona == "anonymous" else "ok"


def reads(persona, place):
    if persona == "anonymous":
        return "login"
    return "ok" if place in READS[persona] else "404"


def edits(persona, place):
    if persona == "anonymous":
        return "login"
    if place in EDITS.get(persona, ()):
        return "ok"
    return "403" if place in READS[persona] else "404"


def enters(persona, place):
    if persona == "anonymous":
        return "login"
    return "ok" if persona in ENTERS else "403"


def reads_anything(persona, place):
    if persona == "anonymous":
        return "login"
    return "ok" if READS[persona] else "403"


def admin_site(persona, place):
    # Django admin sends everyone but staff users to its own login page.
    return "ok" if persona == "admin" else "login"


def anyone(persona, place):
    return "ok"


def logged_out(persona, place):
    # The login page sends a logged-in user on to the dashboard.
    return "ok" if persona == "anonymous" else "redirect"


@dataclass(frozen=True)
class Expect:
    """What one URL pattern answers.

    ``target``: the record whose id goes into the URL (tried for both places).
    ``methods``: the methods the view accepts (405 for others, after the login check);
    None when the view treats any method other than POST as GET.
    ``ok``: the outcome of a granted request per method, "200" when not listed.
    ``kwargs``: further URL arguments, one request per dict.
    ``queries``: query strings, formatted with ``r`` (the records) and ``token``.
    ``shows``: a granted GET shows the markers of every place the persona reads.
    ``method_first``: the method is checked before the login (require_POST outside
    login_required), so anonymous visitors get 405 too.
    ``relogin``: the view changes the login itself (logout, two-step off): log in again
    before each request.
    ``read_only``: the view only reads (see ``tried``).
    """

    access: Callable
    target: str | None = None
    methods: tuple | None = None
    ok: dict = field(default_factory=dict)
    kwargs: tuple = ({},)
    queries: tuple = ("",)
    shows: bool = False
    method_first: bool = False
    relogin: bool = False
    read_only: bool = False

    @property
    def tried(self):
        # A read-only page that answers every method as GET: PUT and DELETE would only repeat
        # GET. Wherever a view restricts methods or writes, every method is tried.
        return ("GET", "HEAD", "POST") if self.read_only and self.methods is None else METHODS

    def outcome(self, persona, place, method):
        access = self.access(persona, place)
        wrong_method = self.methods is not None and method not in self.methods
        if self.method_first and wrong_method:
            return "405"
        if access == "login":
            return "login"
        if wrong_method:
            return "405"
        if access != "ok":
            return access
        return self.ok.get(method, "200")


SAFE = ("GET", "HEAD")
GET_ONLY = ("GET",)
FORM = ("GET", "POST")


def _list():
    """A list page: as is, and searched (the search must show what the persona reads)."""
    return (Expect(logged_in, read_only=True), Expect(logged_in, queries=("?q=zz",), shows=True, read_only=True))


EXPECTATIONS = {
    # Start page (dashboard) and to-do list; the dashboard's agreement filter names records.
    "home": Expect(
        logged_in, queries=("", "?year_from=2020&year_to=2024&province={r.hai_phong_province.pk}"), read_only=True
    ),
    "todo": Expect(logged_in, read_only=True),
    # Django's login and logout (LoginView answers PUT as POST; LogoutView takes POST only).
    "login": Expect(logged_out, ok={"DELETE": "405"}),
    "logout": Expect(anyone, methods=("POST",), ok={"POST": "login"}, relogin=True),
    # The user's own account: password, sessions, two-step login. The tests' personas have
    # passed the second step, so its pages send them on.
    "accounts:overview": Expect(logged_in, read_only=True),
    "accounts:password-change": Expect(logged_in, ok={"DELETE": "405"}),
    "accounts:session-end": Expect(
        logged_in, methods=("POST",), ok={"POST": "redirect"}, kwargs=({"pk": 999999},), method_first=True
    ),
    "accounts:other-sessions-end": Expect(
        logged_in, methods=("POST",), ok={"POST": "redirect"}, method_first=True, relogin=True
    ),
    "accounts:two-step-setup": Expect(logged_in, ok=dict.fromkeys(METHODS, "redirect")),
    "accounts:two-step-verify": Expect(logged_in, ok=dict.fromkeys(METHODS, "redirect")),
    "accounts:two-step-off": Expect(
        logged_in, methods=("POST",), ok={"POST": "redirect"}, method_first=True, relogin=True
    ),
    # Lists and search results
    "browse:agreement-list": _list(),
    "browse:conference-list": _list(),
    "browse:body-list": _list(),
    "browse:person-list": _list(),
    "browse:decision-list": _list(),
    # Record pages
    "browse:agreement-detail": Expect(reads, target="agreement", read_only=True),
    "browse:conference-detail": Expect(reads, target="conference", read_only=True),
    "browse:body-detail": Expect(reads, target="police", read_only=True),
    "browse:person-detail": Expect(reads, target="person", read_only=True),
    "browse:decision-detail": Expect(reads, target="decision", read_only=True),
    # Entry (an empty POST shows the form's errors and saves nothing)
    "entry:agreement-create": Expect(enters),
    "entry:conference-create": Expect(enters),
    "entry:decision-create": Expect(enters),
    "pressimport:review": Expect(enters),
    "pressimport:source-detail": Expect(reads, target="source", read_only=True),
    "entry:agreement-update": Expect(edits, target="agreement"),
    "entry:agreement-final-review": Expect(edits, target="agreement"),
    "entry:conference-update": Expect(edits, target="conference"),
    "entry:decision-update": Expect(edits, target="decision"),
    # Attachments are handed out only to those who read their agreement or conference.
    "browse:attachment-download": Expect(reads, target="attachment", methods=GET_ONLY),
    # Lookups behind the pickers
    "entry:agreement-lookup": Expect(logged_in, methods=GET_ONLY, queries=("?q=zz",), shows=True),
    "entry:body-lookup": Expect(logged_in, methods=GET_ONLY, queries=("?q=zz",), shows=True),
    "entry:person-lookup": Expect(logged_in, methods=GET_ONLY, queries=("?q=zz",), shows=True),
    # Exports of every list in every format; an unknown kind or format is 404.
    "exports:list": (
        Expect(
            logged_in,
            methods=SAFE,
            kwargs=tuple({"kind": kind, "fmt": fmt} for kind in EXPORTS for fmt in ("csv", "json", "xlsx")),
            shows=True,
        ),
        Expect(
            lambda persona, place: "login" if persona == "anonymous" else "404",
            methods=SAFE,
            kwargs=({"kind": "users", "fmt": "csv"}, {"kind": "agreements", "fmt": "pdf"}),
        ),
    ),
    # Excel imports into a record the user may change; an unknown token goes back to the upload.
    "imports:figures-upload": Expect(edits, target="conference", methods=FORM),
    "imports:figures-template": Expect(edits, target="conference", methods=GET_ONLY),
    "imports:figures-preview": Expect(edits, target="conference", methods=GET_ONLY, ok={"GET": "redirect"}),
    "imports:figures-confirm": Expect(edits, target="conference", methods=("POST",), ok={"POST": "redirect"}),
    "imports:recipients-upload": Expect(edits, target="decision", methods=FORM),
    "imports:recipients-template": Expect(edits, target="decision", methods=GET_ONLY),
    "imports:recipients-preview": Expect(edits, target="decision", methods=GET_ONLY, ok={"GET": "redirect"}),
    "imports:recipients-confirm": Expect(edits, target="decision", methods=("POST",), ok={"POST": "redirect"}),
    # Reports, in the user's scope (a provincial leader's province is fixed)
    "reports:summary": Expect(reads_anything, queries=("", "?province={r.hai_phong_province.pk}"), read_only=True),
    "reports:summary-docx": Expect(reads_anything, queries=("", "?province={r.hai_phong_province.pk}"), read_only=True),
    # Django admin's door and its autocomplete (a lookup of its own)
    "admin:index": Expect(admin_site, read_only=True),
    "admin:autocomplete": Expect(
        admin_site,
        methods=SAFE,
        queries=("?term=zz&app_label=agreements&model_name=membership&field_name=body",),
        shows=True,
    ),
}

# Patterns outside the matrix, each for a stated reason. Anything else must have a row above.
SKIPPED = {
    # Django's language switch: sets a cookie and redirects back; reads and writes no record.
    "set_language",
    # Sends browsers to the static icon.
    "favicon.ico",
}
# Django admin's own pages (change lists, forms, history, password change …): every one is
# behind the admin's is_staff check and model permissions, and only the administrator
# persona is staff. Its door (index) and its autocomplete are in the table.
SKIPPED_NAMESPACES = {"admin"}


def _walk(resolver, prefix="", namespace=""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}:{pattern.namespace}".strip(":") if pattern.namespace else namespace
            yield from _walk(pattern, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            route = prefix + str(pattern.pattern)
            name = f"{namespace}:{pattern.name or route}".strip(":")
            yield name, route


def url_patterns():
    """``(key, route)`` of every pattern the app serves: "namespace:name" (the route if unnamed)."""
    return list(_walk(get_resolver()))


def _skipped(key, route):
    if key in SKIPPED or (key.split(":")[0] in SKIPPED_NAMESPACES and key not in EXPECTATIONS):
        return True
    # Static files are served by WhiteNoise, not by a URL pattern; should one appear (static()
    # in DEBUG), it is not a view of the app.
    return route.startswith(settings.STATIC_URL.lstrip("/"))


def test_every_url_pattern_has_an_expectation():
    patterns = url_patterns()
    missing = sorted({key for key, route in patterns if key not in EXPECTATIONS and not _skipped(key, route)})
    stale = sorted(set(EXPECTATIONS) - {key for key, _route in patterns})
    assert not missing, f"URL patterns with no row in the authorization matrix: {missing}"
    assert not stale, f"Rows of the matrix with no URL pattern: {stale}"


def test_uploaded_files_are_served_by_no_url_pattern(records, persona_client, world):
    media = settings.MEDIA_URL.lstrip("/")
    assert not [route for _key, route in url_patterns() if route.startswith(media)]
    attachment = records.ben_tre.attachment
    client = persona_client(world.users["admin"])
    assert client.get(f"/{media}{attachment.file.name}").status_code == 404
    response = client.get(reverse("browse:attachment-download", args=[attachment.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4\n"


# The requests


def classify(response):
    if response.status_code in (301, 302):
        path = urlparse(response.url).path
        logins = {resolve_url(settings.LOGIN_URL), reverse("admin:login")}
        return "login" if path in logins else "redirect"
    return str(response.status_code)


def body_text(response):
    """The text a user would see: the page, or the XML inside an .xlsx or .docx file."""
    # Reading a streamed response to its end closes it (and its file) the way the test client
    # expects; closing it by hand would end the database connection of the test on PostgreSQL.
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if content.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return "".join(
                archive.read(name).decode("utf-8", "replace") for name in archive.namelist() if name.endswith(".xml")
            )
    return content.decode("utf-8", "replace")


def _row_counts():
    models = [m for label in ("agreements", "awards", "auth") for m in apps.get_app_config(label).get_models()]
    return {model._meta.label: model.objects.count() for model in models}


def _requests(key, records):
    """``(expect, place, url)`` for every concrete URL of the pattern ``key``."""
    expects = EXPECTATIONS[key]
    context = {"r": records, "token": TOKEN}
    for expect in expects if isinstance(expects, tuple) else (expects,):
        for place in PLACES if expect.target else (None,):
            for kwargs in expect.kwargs:
                kwargs = dict(kwargs)
                if expect.target:
                    kwargs["pk"] = getattr(getattr(records, place), expect.target).pk
                if key.endswith(("-preview", "-confirm")):
                    kwargs["token"] = TOKEN
                path = reverse(key, kwargs=kwargs or None)
                for query in expect.queries:
                    yield expect, place, path + query.format(**context)


@pytest.fixture
def matrix_records(records, world):
    records.ben_tre.police = world.bodies.ben_tre_police
    records.hai_phong.police = world.bodies.hai_phong_police
    records.hai_phong_province = world.localities.hai_phong
    return records


@pytest.mark.parametrize("key", sorted(EXPECTATIONS))
def test_each_url_answers_each_persona_and_method_as_the_table_says(key, matrix_records, world, persona_client):
    before = _row_counts()
    wrong = []
    for persona in PERSONAS:
        user = world.users[persona]
        client = persona_client(user)
        hidden = [MARKERS[place] for place in PLACES if place not in READS[persona]]
        shown = [MARKERS[place] for place in PLACES if place in READS[persona]]
        for expect, place, url in _requests(key, matrix_records):
            for method in expect.tried:
                if expect.relogin:
                    client = persona_client(user)
                response = getattr(client, method.lower())(url)
                wanted, got = expect.outcome(persona, place, method), classify(response)
                if got != wanted:
                    wrong.append(f"{persona:18} {method:6} {url}: expected {wanted}, got {got}")
                    continue
                if got != "200" or method == "HEAD":
                    continue
                text = body_text(response)
                for marker in hidden:
                    if marker in text:
                        wrong.append(f"{persona:18} {method:6} {url}: shows {marker}, which it may not read")
                if expect.shows and method == "GET":
                    for marker in shown:
                        if marker not in text:
                            wrong.append(f"{persona:18} {method:6} {url}: does not show {marker}")
    assert not wrong, "\n" + "\n".join(wrong)
    assert _row_counts() == before


# A filter that names a record by its id (the dashboard's agreement, a list's "agreement" or
# "body" set by the links of the pages) must not reveal that record to someone who may not
# read it: not in the picker, not in "Only records of …", not in the printed "Filtered by".
OUT_OF_SCOPE_FILTERS = [
    ("home", "agreement", "agreement"),
    ("browse:agreement-list", "agreement", "agreement"),
    ("browse:agreement-list", "body", "body"),
    ("browse:conference-list", "agreement", "agreement"),
    ("browse:conference-list", "body", "body"),
    ("browse:person-list", "body", "body"),
    ("browse:decision-list", "agreement", "agreement"),
]
# Known leaks, found by this test; strict, so that the fix turns them into failures to remove.
# Filters naming a record the persona may not read: none may reveal it (was a leak, fixed).
LEAKS = {}


@pytest.mark.parametrize(
    ("key", "param", "attr"),
    [
        pytest.param(*row, marks=pytest.mark.xfail(strict=True, reason=LEAKS[row[0]]) if row[0] in LEAKS else ())
        for row in OUT_OF_SCOPE_FILTERS
    ],
)
def test_a_filter_naming_a_record_out_of_scope_does_not_reveal_it(
    key, param, attr, matrix_records, world, persona_client
):
    shown = []
    for persona, other in (("provincial_leader", "hai_phong"), ("other_leader", "ben_tre")):
        record = getattr(getattr(matrix_records, other), attr)
        response = persona_client(world.users[persona]).get(reverse(key), {param: record.pk})
        assert response.status_code == 200
        if MARKERS[other] in body_text(response):
            shown.append(f"{persona} sees {MARKERS[other]} through ?{param}={record.pk}")
    assert not shown
