"""Assertions that a conference record holds the facts of a report (tests/seed_facts.py).

Used on the demo data and on conferences entered through the web forms.
"""

from agreements.models import Agreement, Conference, Movement

CONFERENCE_PREFETCH = (
    "extra_kinds",
    "agreement_links__agreement__party_links__body",
    "agreement_links__agreement__aliases",
    "agreement_links__agreement__signatories__person",
    "agreement_links__agreement__implements",
    "agreement_links__agreement__supersedes",
    "body_links__body__locality",
    "appearances__person",
    "appearances__body",
    "movements",
    "model_practices",
    "figures__indicator",
    "figures__body__locality",
    "award_decisions__form",
    "award_decisions__authorities",
)


def load_conference(**lookup):
    return Conference.objects.prefetch_related(*CONFERENCE_PREFETCH).get(**lookup)


def find_agreement(conference, fact):
    for link in conference.agreement_links.all():
        agreement = link.agreement
        if link.role != fact["role"] or agreement.kind != fact["kind"] or agreement.number != fact["number"]:
            continue
        if fact.get("title_contains") and fact["title_contains"] not in agreement.title:
            continue
        return agreement
    raise AssertionError(f"no {fact['role']} {fact['kind']} number {fact['number']!r} at {conference}")


def assert_conference(conference, facts):
    expected = facts["conference"]
    assert conference.kind == expected["kind"]
    assert sorted(k.kind for k in conference.extra_kinds.all()) == sorted(expected["extra_kinds"])
    assert conference.held_on == expected["held_on"]
    assert conference.held_on_text == expected.get("held_on_text", "")
    reviewed = expected["reviewed_period"]
    assert (conference.reviewed_period_start, conference.reviewed_period_end) == (reviewed or (None, None))


def assert_agreements(conference, facts):
    for fact in facts["agreements"]:
        agreement = find_agreement(conference, fact)
        assert agreement.signed_on == fact["signed_on"]
        assert (agreement.period_start, agreement.period_end) == (fact["period"] or (None, None))
        assert [p.body.name for p in agreement.party_links.all()] == fact["parties"]
        assert sorted(a.number for a in agreement.aliases.all()) == sorted(fact.get("aliases", []))
        if "implements_number" in fact:
            assert agreement.implements.number == fact["implements_number"]
        if "supersedes_number" in fact:
            assert agreement.supersedes.number == fact["supersedes_number"]
            assert agreement.supersedes.status == Agreement.Status.SUPERSEDED
        if "supersedes_title_contains" in fact:
            assert fact["supersedes_title_contains"] in agreement.supersedes.title
        if "signatories" in fact:
            assert [a.person.full_name for a in agreement.signatories.all()] == fact["signatories"]
    assert conference.agreement_links.count() == len(facts["agreements"])


def assert_bodies(conference, facts):
    named = {link.body.name for link in conference.body_links.all()}
    named |= {p.body.name for link in conference.agreement_links.all() for p in link.agreement.party_links.all()}
    named |= {b.name for d in conference.award_decisions.all() for b in d.authorities.all()}
    assert set(facts["bodies"]) <= named
    assert {link.body.name for link in conference.body_links.all() if link.role == "host"} == set(facts["hosts"])
    assert {link.body.name for link in conference.body_links.all() if link.role == "participant"} == set(
        facts.get("participants", [])
    )


def assert_officials(conference, facts):
    appearances = {a.person.full_name: a for a in conference.appearances.all()}
    for fact in facts["officials"]:
        appearance = appearances[fact["name"]]
        assert appearance.get_rank_display() == fact["rank"]
        assert appearance.position_list == fact["positions"]
        assert appearance.body.name == fact["body"]
    assert len(appearances) == len(facts["officials"])


def assert_commendations(conference, facts):
    decisions = list(conference.award_decisions.all())
    assert len(decisions) == len(facts["commendations"])
    for fact in facts["commendations"]:
        matches = [
            d
            for d in decisions
            if d.form.category == fact["form_category"]
            and d.total_count == fact["total"]
            and d.collective_count == fact["collectives"]
            and d.individual_count == fact["individuals"]
            and d.authorities_text == fact["authorities_text"]
            and sorted(b.name for b in d.authorities.all()) == sorted(fact["authorities"])
        ]
        assert len(matches) == 1, fact


def assert_figures(conference, facts):
    recorded = sorted((int(f.value), f.indicator.unit, f.indicator.name) for f in conference.figures.all())
    assert recorded == sorted((f["value"], f["unit"], f["indicator"]) for f in facts["figures"])


def assert_movements_and_models(conference, facts):
    linked = set(conference.movements.all())
    for name in facts["movements"]:
        assert set(Movement.objects.matching(name)) & linked, name
    assert sorted(m.name for m in conference.model_practices.all()) == sorted(facts["models"])


def assert_report(conference, facts):
    """Every fact of the report has its record at ``conference``."""
    assert_conference(conference, facts)
    assert_agreements(conference, facts)
    assert_bodies(conference, facts)
    assert_officials(conference, facts)
    assert_commendations(conference, facts)
    assert_figures(conference, facts)
    assert_movements_and_models(conference, facts)
