"""Cached results keyed by a generation number per area, raised by writes."""

from django.db import transaction

from common import generations


def test_a_value_is_computed_once_and_read_from_the_cache_until_its_area_is_raised(db):
    computed = []

    def compute():
        computed.append(1)
        return len(computed)

    assert generations.cached("area", ("x",), compute) == 1
    assert generations.cached("area", ("x",), compute) == 1
    generations.bump("area")
    assert generations.cached("area", ("x",), compute) == 2


def test_raising_one_area_leaves_the_others_cached(db):
    generations.cached("sectors", (), lambda: "old sectors")
    generations.bump("records")
    assert generations.cached("sectors", (), lambda: "new sectors") == "old sectors"


def test_a_raise_inside_a_transaction_is_raised_again_when_it_commits(db, django_capture_on_commit_callbacks):
    before = generations.current("area")
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        generations.bump("area")
        during = generations.current("area")
    # At once, for this process, and again on commit: a reader elsewhere may have cached what
    # it read before the commit under the first raise.
    assert len(callbacks) == 1
    assert before < during < generations.current("area")


def test_an_evicted_generation_starts_again_from_the_clock_and_never_meets_old_values(db):
    from django.core.cache import cache

    generations.cached("area", (), lambda: "old")
    cache.delete("generation:area")
    assert generations.cached("area", (), lambda: "new") == "new"
