"""Every page the benchmark measures answers in a pinned number of queries, at two data sizes.

The pages are the benchmark's own (``bench.Command.pages()``: the dashboard and its filters,
the to-do page, each list first, filtered, searched and late, each kind of detail page), so
the two cannot drift apart. Each page is requested as an administrator, as staff and as a
provincial leader, on a small national data set (``seed_scale``, plus records in Bến Tre and
in the benchmark's filter province, so that every scope, filter and search finds rows but the
search of people, who are searched by name), then again after every kind of row has been
copied twice more (three times the data). The counts must
be the same at both sizes and equal the pinned ones, so a page that starts querying per row,
or that gets cheaper, is seen.

The copies point at the original rows they relate to (a copied conference reviews the
original agreement, a copied decision was handed out at the original conference): the
first record of each kind, whose detail page the benchmark requests, then has three times
as many related rows too.
"""

import datetime
import io
import re
from collections import defaultdict

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from agreements.models import (
    Agreement,
    AgreementParty,
    Appearance,
    Body,
    Conference,
    ConferenceAgreement,
    ConferenceBody,
    ConferenceExtraKind,
    Indicator,
    Locality,
    Membership,
    Movement,
    Person,
    ReportedFigure,
)
from awards.models import AwardDecision, AwardForm, AwardRecipient
from awards.summaries import rebuild_all
from common.derived import touch_now
from devtools.management.commands.bench import Command
from tests.makers import (
    add_authorities,
    make_agreement,
    make_agreement_alias,
    make_agreement_party,
    make_appearance,
    make_award_decision,
    make_award_recipient,
    make_conference,
    make_conference_agreement,
    make_conference_body,
    make_membership,
    make_person,
    make_reported_figure,
    make_user,
)

# At least 54 agreements: seed_scale's central chains alone take that many.
SEED = {"agreements": 60, "conferences": 100, "awards": 300, "figures": 600}
COPIES = 2  # the second size: every row and two copies of it
# The to-do page and the dashboard depend on the date (what is due, what ends soon), and so
# does the seed (meetings held by today): a fixed day, in the last 180 days of a year, when
# every list on those pages has rows, whatever day the test runs.
TODAY = datetime.date(2026, 11, 16)
BEN_TRE = "63-tinhbentre"

PERSONAS = ("admin", "staff", "provincial_leader")
# Queries of one GET of each page by each persona (see _measure): as the first reader after a
# write gets it, and read again (the same for lists and record pages, which are not cached;
# fewer for the dashboard and the to-do page, whose numbers are cached until the next write). The late page of
# each list ("page late") is the benchmark's: a different page number at each size.
EXPECTED = {
    # page: (admin, staff, provincial_leader), each (after a write, read again)
    "dashboard": ((15, 3), (16, 4), (23, 7)),
    "dashboard province": ((20, 4), (21, 5), (26, 8)),
    "dashboard province+sector+years": ((18, 5), (19, 6), (30, 9)),
    "dashboard as recorded+indicator": ((15, 4), (16, 5), (23, 8)),
    "dashboard agreement": ((21, 5), (22, 6), (25, 9)),
    "todo": ((10, 10), (11, 11), (12, 12)),
    "agreements list": ((6, 6), (7, 7), (10, 10)),
    "agreements list filtered": ((7, 7), (8, 8), (8, 8)),
    "agreements list search": ((6, 6), (7, 7), (10, 10)),
    "agreements list page late": ((6, 6), (7, 7), (10, 10)),
    "conferences list": ((6, 6), (7, 7), (10, 10)),
    "conferences list filtered": ((7, 7), (8, 8), (8, 8)),
    "conferences list search": ((6, 6), (7, 7), (10, 10)),
    "conferences list page late": ((6, 6), (7, 7), (10, 10)),
    "decisions list": ((5, 5), (6, 6), (9, 9)),
    "decisions list filtered": ((6, 6), (7, 7), (8, 8)),
    "decisions list search": ((5, 5), (6, 6), (9, 9)),
    "decisions list page late": ((5, 5), (6, 6), (9, 9)),
    "bodies list": ((4, 4), (5, 5), (8, 8)),
    "bodies list filtered": ((5, 5), (6, 6), (8, 8)),
    "bodies list search": ((4, 4), (5, 5), (8, 8)),
    "bodies list page late": ((4, 4), (5, 5), (8, 8)),
    "people list": ((5, 5), (6, 6), (9, 9)),
    "people list filtered": ((6, 6), (7, 7), (8, 8)),
    "people list search": ((3, 3), (4, 4), (7, 7)),
    "people list page late": ((5, 5), (6, 6), (9, 9)),
    "agreement detail": ((19, 19), (20, 20), (7, 7)),
    "conference detail": ((21, 21), (22, 22), (7, 7)),
    "decision detail": ((9, 9), (10, 10), (7, 7)),
    "body detail": ((10, 10), (11, 11), (7, 7)),
    "person detail": ((5, 5), (6, 6), (7, 7)),
    "agreement detail in Bến Tre": ((18, 18), (19, 19), (21, 21)),
    "conference detail in Bến Tre": ((21, 21), (22, 22), (25, 25)),
    "decision detail in Bến Tre": ((10, 10), (11, 11), (15, 15)),
    "body detail in Bến Tre": ((10, 10), (11, 11), (14, 14)),
    "person detail in Bến Tre": ((5, 5), (6, 6), (9, 9)),
}
# The benchmark's detail pages show the first record of each kind, all outside Bến Tre: the
# provincial leader gets 404 (in a pinned number of queries too). Every other page is 200.
NOT_FOUND = {
    "provincial_leader": {f"{kind} detail" for kind in ("agreement", "conference", "decision", "body", "person")}
}


@pytest.fixture
def today(monkeypatch):
    """``timezone.localdate()`` answers TODAY (the app asks for the date only through it)."""
    real = timezone.localdate
    noon = datetime.datetime.combine(TODAY, datetime.time(12), tzinfo=datetime.UTC)
    monkeypatch.setattr(timezone, "localdate", lambda value=None, timezone=None: real(value or noon, timezone))
    return TODAY


def _provincial_body(key, sector):
    """The seeded body (the first: bodies are copied too) of ``sector`` in province ``key``."""
    bodies = Body.objects.filter(level=Body.Level.PROVINCE, locality__key=key, sector__code=sector)
    return bodies.order_by("pk").first()


def _personas():
    """The users, in the order of PERSONAS."""
    staff = make_user(username="staff")
    make_membership(user=staff, body=_provincial_body(BEN_TRE, "police"), role=Membership.Role.STAFF)
    # Vĩnh Long absorbed Bến Tre on 1 July 2025: its leader reads Bến Tre's records.
    leader = make_user(username="provincial.leader")
    make_membership(user=leader, body=_provincial_body("34-tinhvinhlong", "police"), role=Membership.Role.LEADER)
    return {
        "admin": make_user(username="admin", is_staff=True, is_superuser=True),
        "staff": staff,
        "provincial_leader": leader,
    }


def _province_records(locality, person, form, indicator, *, reviews=1):
    """A police–union agreement of ``locality`` whose period ends this year (so reviews and a
    successor are due), ``reviews`` conferences reviewing it, each with a chair, a decision
    with named recipients and a figure. Returns the agreement, the first conference and
    decision, the police body and ``person``."""
    police, union = (_provincial_body(locality.key, sector) for sector in ("police", "labour_union"))
    year = TODAY.year
    agreement = make_agreement(
        title=f"Quy chế phối hợp giữa {police.name} và {union.name}",
        signed_on=datetime.date(year - 3, 12, 20),
        period_start=year - 2,
        period_end=year,
    )
    for order, body in enumerate((police, union)):
        make_agreement_party(agreement=agreement, body=body, order=order)
    conferences, decisions = [], []
    for day in range(1, reviews + 1):
        conference = make_conference(
            title=f"Hội nghị sơ kết năm {year - 2} Quy chế phối hợp giữa {police.name} và {union.name}",
            held_on=datetime.date(year - 1, 1, day),
            place=f"Hội trường {police.name}",
            locality=locality,
            reviewed_period_start=year - 2,
            reviewed_period_end=year - 2,
        )
        for body in (police, union):
            make_conference_body(conference=conference, body=body)
        make_conference_agreement(conference=conference, agreement=agreement)
        make_appearance(person=person, conference=conference, body=police, role=Appearance.Role.CHAIR)
        decision = make_award_decision(
            form=form,
            authorities_text=police.name,
            decided_on=conference.held_on,
            conference=conference,
            agreement=agreement,
            total_count=2,
            collective_count=1,
            individual_count=1,
        )
        add_authorities(decision, police)
        make_award_recipient(decision=decision, kind=AwardRecipient.Kind.COLLECTIVE, name=union.name, body=union)
        make_award_recipient(
            decision=decision, kind=AwardRecipient.Kind.INDIVIDUAL, name=person.full_name, person=person
        )
        figure = make_reported_figure(
            indicator=indicator, body=police, conference=conference, period_start=year - 2, period_end=year - 2
        )
        figure.partner_bodies.add(union)
        conferences.append(conference)
        decisions.append(decision)
    return agreement, conferences[0], decisions[0], police, person


def _catalogue():
    """The award form and indicator the records below use (reference data)."""
    return (
        AwardForm.objects.order_by("rank_order").last(),
        Indicator.objects.filter(is_main=True).order_by("pk").first(),
    )


def _records():
    """Rows the seed may leave out: related rows of every kind for the first record of each
    kind (the benchmark's detail pages), and records in Bến Tre (the staff's and the leader's
    scope, and the search "ben tre") and in the benchmark's filter province. Returns the
    detail pages of the Bến Tre records."""
    form, indicator = _catalogue()
    agreement, conference, decision, body, person = (
        model.objects.order_by("pk").first() for model in (Agreement, Conference, AwardDecision, Body, Person)
    )
    make_agreement_alias(agreement=agreement)
    agreement.movements.add(Movement.objects.order_by("pk").first())
    make_appearance(person=person, agreement=agreement, conference=None, body=body, role=Appearance.Role.SIGNATORY)
    host = conference.body_links.order_by("pk").first().body
    make_appearance(person=person, conference=conference, body=host)
    figure = make_reported_figure(indicator=indicator, body=host, conference=conference)
    figure.partner_bodies.add(body)
    add_authorities(make_award_decision(form=form, conference=conference, agreement=agreement, total_count=1), host)
    make_award_recipient(decision=decision, kind=AwardRecipient.Kind.COLLECTIVE, name=body.name, body=body)
    make_award_recipient(decision=decision, kind=AwardRecipient.Kind.INDIVIDUAL, name=person.full_name, person=person)
    province = Locality.objects.filter(valid_to__isnull=True, level="province").order_by("key").first()
    _province_records(province, make_person(full_name="Trần Thị Mai"), form, indicator)
    ben_tre = Locality.objects.get(key=BEN_TRE)
    rows = _province_records(ben_tre, make_person(full_name="Nguyễn Văn Hùng"), form, indicator)
    prefixes = ["/agreements/", "/conferences/", "/awards/decisions/", "/bodies/", "/people/"]
    names = ["agreement", "conference", "decision", "body", "person"]
    return [
        (f"{name} detail in Bến Tre", f"{prefix}{row.pk}/")
        for name, prefix, row in zip(names, prefixes, rows, strict=True)
    ]


def _copy(instance, **changes):
    fields = {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields if not f.primary_key}
    return type(instance)(**{**fields, **changes})


def _copies(model, rows):
    """COPIES copies of each of ``rows``: ``{original pk: [copy, …]}``."""
    pairs = [(row.pk, _copy(row)) for row in rows for _ in range(COPIES)]
    model.objects.bulk_create([copy for _pk, copy in pairs], batch_size=1000)
    made = defaultdict(list)
    for pk, copy in pairs:
        made[pk].append(copy)
    return made


def _links(model, rows, field, made):
    """Copies of the link ``rows`` for each copy of the row they link through ``field``."""
    model.objects.bulk_create(
        [_copy(row, **{field: copy.pk}) for row in rows for copy in made.get(getattr(row, field), ())],
        batch_size=1000,
    )


def _grow():
    """Every row of every kind copied COPIES times; the copies point at the originals."""
    through = {
        "authorities": AwardDecision.authorities.through,
        "partners": ReportedFigure.partner_bodies.through,
    }
    # What exists before any copy is made, so that copies are not copied again.
    rows = {
        model: list(model.objects.order_by("pk"))
        for model in (
            Body,
            Agreement,
            AgreementParty,
            Conference,
            ConferenceBody,
            ConferenceAgreement,
            ConferenceExtraKind,
            AwardDecision,
            AwardRecipient,
            ReportedFigure,
            Person,
            Appearance,
            *through.values(),
        )
    }
    _copies(Body, rows[Body])
    _links(AgreementParty, rows[AgreementParty], "agreement_id", _copies(Agreement, rows[Agreement]))
    conferences = _copies(Conference, rows[Conference])
    for model in (ConferenceBody, ConferenceAgreement, ConferenceExtraKind):
        _links(model, rows[model], "conference_id", conferences)
    # The original people at the copied conferences, the copied people at the original ones.
    _links(Appearance, rows[Appearance], "conference_id", conferences)
    _links(Appearance, rows[Appearance], "person_id", _copies(Person, rows[Person]))
    decisions = _copies(AwardDecision, rows[AwardDecision])
    _links(through["authorities"], rows[through["authorities"]], "awarddecision_id", decisions)
    _links(AwardRecipient, rows[AwardRecipient], "decision_id", decisions)
    # Each named recipient listed again on its own decision: the decision's page grows too.
    AwardRecipient.objects.bulk_create([_copy(row) for row in rows[AwardRecipient] for _ in range(COPIES)])
    figures = _copies(ReportedFigure, rows[ReportedFigure])
    _links(through["partners"], rows[through["partners"]], "reportedfigure_id", figures)
    rebuild_all()
    # The benchmark's "dashboard agreement" is the last agreement (now a copy, reviewed by no
    # conference): the last is again one of Bến Tre, reviewed three times.
    person = Person.objects.filter(full_name="Nguyễn Văn Hùng").order_by("pk").first()
    _province_records(Locality.objects.get(key=BEN_TRE), person, *_catalogue(), reviews=COPIES + 1)


def _key(name):
    return re.sub(r"page \d+", "page late", name)


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response.status_code, len(queries.captured_queries)


def _measure(client, users, pages):
    """``{persona: {page: (status, (queries after a write, queries read again))}}``.

    A first request, not counted, reads the choices of the filter bars into their cache.
    Then the page is counted as the first reader after a write sees it (the write raised the
    generation of the records' cached results) and read again.
    """
    measured = {}
    for persona, user in users.items():
        measured[persona] = {}
        for name, url in pages():
            # Logged in afresh for each page: a session is written at most once a minute,
            # which would add queries to whichever request came a minute after the login.
            client.force_login(user)
            client.get(url)
            touch_now()
            status, fresh = _count(client, url)
            again_status, again = _count(client, url)
            assert again_status == status, name
            measured[persona][_key(name)] = (status, (fresh, again))
    return measured


def _row_counts():
    return {
        model._meta.label: model.objects.count()
        for model in (Body, Agreement, Conference, AwardDecision, AwardRecipient, ReportedFigure, Person, Appearance)
    }


def _problems(small, large):
    """One line per persona and page whose status or query count is not the pinned one."""
    problems = []
    for page in sorted(EXPECTED.keys() | small[PERSONAS[0]].keys() | large[PERSONAS[0]].keys()):
        for persona, queries in zip(PERSONAS, EXPECTED.get(page, [None] * len(PERSONAS)), strict=True):
            expected = (404 if page in NOT_FOUND.get(persona, ()) else 200, queries)
            got = [measured[persona].get(page) for measured in (small, large)]
            if got != [expected, expected]:
                shown = ["absent" if g is None else f"{g[1]} ({g[0]})" for g in got]
                problems.append(
                    f"{persona} · {page}: expected {expected[1]} ({expected[0]}), "
                    f"got {shown[0]} at the small size and {shown[1]} at three times the size"
                )
    return problems


@pytest.mark.django_db
def test_every_page_answers_in_the_same_pinned_number_of_queries_at_two_data_sizes(client, today):
    call_command("seed_scale", seed=1, stdout=io.StringIO(), **SEED)
    users = _personas()
    pages_in_ben_tre = _records()

    def pages():
        # Asked at each size: the late pages and the last agreement depend on the counts.
        return Command().pages() + pages_in_ben_tre

    small = _measure(client, users, pages)
    rows = _row_counts()
    _grow()
    large = _measure(client, users, pages)

    grown = {kind: count >= (COPIES + 1) * rows[kind] for kind, count in _row_counts().items()}
    assert grown == dict.fromkeys(rows, True)
    problems = _problems(small, large)
    assert not problems, "\n".join(problems)
