import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from agreements.models import Conference, ConferenceAgreement
from tests.entry_posts import entry_post
from tests.makers import (
    make_agreement,
    make_agreement_party,
    make_award_decision,
    make_award_form,
    make_conference,
    make_conference_agreement,
    make_indicator,
    make_reported_figure,
)


@pytest.fixture
def programme(world):
    """A 2018-2020 programme with three yearly reviews that reported figures and awards."""
    agreement = make_agreement(
        kind="programme", number="", title="Chương trình phối hợp 2018-2020", period_start=2018, period_end=2020
    )
    make_agreement_party(agreement=agreement, body=world.bodies.ben_tre_police)
    make_agreement_party(agreement=agreement, body=world.bodies.ben_tre_union, order=1)
    sessions = make_indicator(name="Buổi tuyên truyền", unit="buổi")
    people = make_indicator(name="Lượt người nghe", unit="lượt")
    merit = make_award_form(name="Bằng khen cấp tỉnh")
    for year, (held, heard, commended) in zip(
        (2018, 2019, 2020), ((120, 9000, 5), (135, 10500, 7), (150, 12000, 9)), strict=True
    ):
        review = make_conference(
            kind="interim_review",
            held_on=datetime.date(year + 1, 1, 10),
            reviewed_period_start=year,
            reviewed_period_end=year,
        )
        make_conference_agreement(conference=review, agreement=agreement, role="reviewed")
        make_reported_figure(
            conference=review,
            indicator=sessions,
            body=world.bodies.ben_tre_union,
            value=Decimal(held),
            period_start=year,
            period_end=year,
        )
        make_reported_figure(
            conference=review,
            indicator=people,
            body=world.bodies.ben_tre_union,
            value=Decimal(heard),
            period_start=year,
            period_end=year,
        )
        make_award_decision(
            conference=review, form=merit, total_count=commended, collective_count=None, individual_count=None
        )
    # Not part of it: a review of another agreement, and a figure outside the period.
    other = make_conference(kind="interim_review", reviewed_period_start=2019, reviewed_period_end=2019)
    make_reported_figure(conference=other, indicator=sessions, body=world.bodies.ben_tre_union, value=Decimal(999))
    return agreement


def test_the_final_review_draft_sums_the_yearly_reviews(world, client, programme):
    client.force_login(world.users["staff"])
    response = client.get(reverse("entry:agreement-final-review", args=[programme.pk]))

    assert response.status_code == 200
    figures = {row["value"] for row in response.context["formsets"]["figures"].initial}
    assert figures == {120 + 135 + 150, 9000 + 10500 + 12000}
    form = response.context["form"]
    assert form.initial["kind"] == "final_review"
    assert form.initial["reviewed_period"] == (2018, 2020)
    assert "21 collectives and individuals received: Bằng khen cấp tỉnh." in form.initial["results"]


def test_saving_the_draft_records_the_final_review_with_the_sums(world, client, programme):
    client.force_login(world.users["staff"])
    page = client.get(reverse("entry:agreement-final-review", args=[programme.pk]))
    form = {key: value for key, value in page.context["form"].initial.items() if value is not None}
    form.update(reviewed_period="2018-2020", action="draft", hosts=[str(pk) for pk in form["hosts"]])
    rows = {
        "agreements": [{"role": "reviewed", "agreement": str(programme.pk)}],
        "figures": [
            {**row, "value": str(row["value"]), "indicator": str(row["indicator"]), "body": str(row["body"])}
            for row in page.context["formsets"]["figures"].initial
        ],
    }

    response = client.post(reverse("entry:agreement-final-review", args=[programme.pk]), entry_post(form, rows))

    assert response.status_code == 302
    review = Conference.objects.get(kind="final_review")
    assert review.entry_status == "draft"
    assert review.agreement_links.get().role == ConferenceAgreement.Role.REVIEWED
    assert sorted((f.value, f.period_start, f.period_end) for f in review.figures.all()) == [
        (Decimal(405), 2018, 2020),
        (Decimal(31500), 2018, 2020),
    ]


@pytest.mark.parametrize(
    ("persona", "status"), [("staff", 200), ("other_staff", 403), ("other_leader", 404), ("anonymous", 302)]
)
def test_only_the_parties_staff_draft_the_final_review(world, login, programme, persona, status):
    response = login(world.users[persona]).get(reverse("entry:agreement-final-review", args=[programme.pk]))
    assert response.status_code == status
