import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.makers import make_agreement, make_agreement_party, make_conference, make_conference_body


@pytest.fixture
def ben_tre_work(world):
    """A Bến Tre programme whose period ended last year (overdue reviews), and a Bến Tre draft."""
    year = timezone.localdate().year
    programme = make_agreement(number="09/CTPH", period_start=year - 5, period_end=year - 1)
    make_agreement_party(agreement=programme, body=world.bodies.ben_tre_police)
    draft = make_conference(title="Sơ kết năm (bản nháp)", entry_status="draft", held_on=datetime.date(year, 1, 5))
    make_conference_body(conference=draft, body=world.bodies.ben_tre_police)
    hai_phong = make_agreement(number="77/QC", period_start=year - 5, period_end=year - 1)
    make_agreement_party(agreement=hai_phong, body=world.bodies.hai_phong_police)
    return programme, draft


def test_staff_see_what_their_body_must_do_next(world, login, ben_tre_work):
    page = login(world.users["staff"]).get(reverse("todo")).content.decode()
    assert "09/CTPH" in page
    assert "Final review (tổng kết) of the period ending" in page
    assert "Successor agreement for the period after" in page
    assert "Sơ kết năm (bản nháp)" in page
    assert "77/QC" not in page  # another body's agreement


def test_staff_of_another_body_do_not_see_it(world, login, ben_tre_work):
    page = login(world.users["other_staff"]).get(reverse("todo")).content.decode()
    assert "09/CTPH" not in page and "Sơ kết năm (bản nháp)" not in page
    assert "77/QC" in page


@pytest.mark.parametrize(("persona", "sees_ben_tre"), [("provincial_leader", True), ("other_leader", False)])
def test_leaders_see_what_is_due_in_their_scope(world, login, ben_tre_work, persona, sees_ben_tre):
    page = login(world.users[persona]).get(reverse("todo")).content.decode()
    assert ("09/CTPH" in page) is sees_ben_tre


def test_anonymous_visitors_are_asked_to_log_in(client):
    assert client.get(reverse("todo")).status_code == 302
