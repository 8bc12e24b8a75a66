"""seed_scale: a small national data set of every kind, written in bulk, the same for a seed.

The rows go around the ORM (``devtools.bulkload``), so these tests also check what the
ORM would otherwise guarantee: defaults and search keys filled in, and ids that later
inserts through the ORM do not collide with (PostgreSQL's sequences reset).
"""

import hashlib
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction

from agreements.models import Agreement, Body, Conference, Locality, ReportedFigure
from awards.models import AwardDecision, AwardForm
from devtools.bulkload import TableLoader, next_id, reset_sequences

# At least 54 agreements: the central chains alone (9 sectors × 6 periods) take that many.
SIZES = {"figures": 300, "awards": 200, "conferences": 60, "agreements": 80}


def _seed(seed=1):
    out = io.StringIO()
    call_command("seed_scale", seed=seed, stdout=out, **SIZES)
    return out.getvalue()


def _fingerprint():
    """A digest of the generated rows, by content rather than by the ids of reference rows."""
    digest = hashlib.sha256()
    for queryset in [
        Agreement.objects.values_list("number", "title", "signed_on", "successor_from", "supersedes__title", "search"),
        Conference.objects.values_list("title", "kind", "held_on", "held_on_text", "locality__key", "results"),
        AwardDecision.objects.values_list(
            "number", "decided_on", "form__name", "authorities__name", "conference__title", "total_count", "search"
        ),
        ReportedFigure.objects.values_list("indicator__name", "value", "body__name", "period_end", "conference__title"),
    ]:
        digest.update(repr(list(queryset.order_by("pk"))).encode())
    return digest.hexdigest()


@pytest.mark.django_db
def test_a_small_seed_has_the_requested_rows_of_every_kind():
    output = _seed()

    assert "figures: done at" in output
    assert Agreement.objects.count() == SIZES["agreements"]
    assert Conference.objects.count() == SIZES["conferences"]
    assert AwardDecision.objects.count() == SIZES["awards"]
    assert AwardDecision.authorities.through.objects.count() == SIZES["awards"]
    assert ReportedFigure.objects.count() == SIZES["figures"]
    provinces = Locality.objects.filter(level=Locality.Level.PROVINCE)
    assert provinces.count() == 63 + 34
    assert not provinces.filter(bodies__isnull=True).exists()
    assert Agreement.objects.filter(supersedes__isnull=False, implements__isnull=False).exists()
    kinds = set(Conference.objects.values_list("kind", flat=True))
    assert {Conference.Kind.INTERIM_REVIEW, Conference.Kind.FINAL_REVIEW} <= kinds
    check = io.StringIO()
    call_command("check_summaries", stdout=check)
    assert "equal a recount" in check.getvalue()


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_rows_and_another_seed_others():
    fingerprints = []
    for seed in (1, 1, 2):
        # Each run in a savepoint that is rolled back: seed_scale needs an empty database.
        with transaction.atomic():
            _seed(seed)
            fingerprints.append(_fingerprint())
            transaction.set_rollback(True)

    assert fingerprints[0] == fingerprints[1]
    assert fingerprints[0] != fingerprints[2]


@pytest.mark.django_db
def test_it_refuses_a_database_that_has_data():
    _seed()

    with pytest.raises(CommandError, match="empty database"):
        _seed()


@pytest.mark.django_db
def test_rows_created_through_the_orm_after_the_seed_get_fresh_ids():
    _seed()
    last_conference = Conference.objects.order_by("-pk").values_list("pk", flat=True).first()
    last_decision = AwardDecision.objects.order_by("-pk").values_list("pk", flat=True).first()

    conference = Conference.objects.create(title="Hội nghị sơ kết", kind=Conference.Kind.INTERIM_REVIEW)
    decision = AwardDecision.objects.create(form=AwardForm.objects.first(), conference=conference)
    decision.authorities.add(Body.objects.first())

    assert conference.pk == last_conference + 1
    assert decision.pk == last_decision + 1


@pytest.mark.django_db
def test_the_loader_fills_defaults_and_search_keys_as_the_orm_does():
    title = "Hội nghị Tổng kết\tQuy chế\\phối hợp\nĐắk Lắk"  # COPY's special characters included
    by_orm = Conference.objects.create(title=title, kind=Conference.Kind.FINAL_REVIEW, place="Buôn Ma Thuột")
    first = next_id(Conference)

    TableLoader(Conference, ["id", "title", "kind", "place"]).write(
        [(first, title, Conference.Kind.FINAL_REVIEW, "Buôn Ma Thuột")]
    )
    reset_sequences([Conference])
    loaded = Conference.objects.get(pk=first)
    after = Conference.objects.create(title="Sau", kind=Conference.Kind.BRIEFING)

    fields = ["title", "kind", "place", "held_on", "held_on_text", "results", "entry_status", "version", "search"]
    assert [getattr(loaded, name) for name in fields] == [getattr(by_orm, name) for name in fields]
    assert loaded.search.startswith("hoi nghi tong ket")
    assert after.pk == first + 1
