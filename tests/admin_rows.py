"""Rows for the admin changelist tests: each ``populate(n)`` adds n rows with their own
related rows (foreign keys and many-to-many), so that any per-row query would show."""

from agreements.models import ConferenceBody
from awards.models import AwardRecipient
from tests import makers


def bodies(n):
    for _ in range(n):
        makers.make_body(parent=makers.make_body(), locality=makers.make_locality())


def people(n):
    for _ in range(n):
        makers.make_person()


def agreements(n):
    for _ in range(n):
        agreement = makers.make_agreement(source=makers.make_source())
        makers.make_agreement_party(agreement=agreement, order=1)
        makers.make_agreement_party(agreement=agreement, order=2)
        makers.make_agreement_alias(agreement=agreement)
        agreement.movements.add(makers.make_movement())


def conferences(n):
    for _ in range(n):
        conference = makers.make_conference(locality=makers.make_locality())
        makers.make_conference_body(conference=conference)
        makers.make_conference_body(conference=conference, role=ConferenceBody.Role.PARTICIPANT)
        makers.make_conference_extra_kind(conference=conference)
        conference.movements.add(makers.make_movement())


def figures(n):
    for _ in range(n):
        figure = makers.make_reported_figure(conference=makers.make_conference())
        figure.partner_bodies.add(makers.make_body(), makers.make_body())


def decisions(n):
    for _ in range(n):
        decision = makers.make_award_decision(conference=makers.make_conference(), total_count=24)
        makers.add_authorities(decision, makers.make_body(), makers.make_body())
        makers.make_award_recipient(decision=decision)


def recipients(n):
    for _ in range(n):
        makers.make_award_recipient(
            kind=AwardRecipient.Kind.INDIVIDUAL, body=makers.make_body(), person=makers.make_person()
        )


def localities(n):
    for _ in range(n):
        old = makers.make_locality(parent=makers.make_locality())
        makers.make_locality_succession(predecessor=old)
