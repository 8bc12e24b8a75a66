"""Cached results that are never stale: keyed by a generation number per area of data.

What is worth caching (the dashboard's numbers, the choices of the filter bars) is stored
under a key that holds the current generation of the data it was computed from. A write
raises the generation of its area (and raises it again once its transaction commits,
``transaction.on_commit``), so the next reader computes afresh and nobody reads the old
value again. The number lives in the cache itself: no database row that every writer
would lock, and a write in one area (a province's conference) leaves another area's cache
(the list of sectors) alone.

The generation starts from the clock, so a number evicted from the cache and started again
never meets values cached under its earlier life. With a shared cache (``CACHE_URL``, e.g.
Redis) every process sees every write at once; with the default per-process memory cache a
process sees only its own writes, so values there live at most ``LOCAL_TIMEOUT`` seconds.
"""

import hashlib
import time

from django.core.cache import cache, caches
from django.db import transaction

TIMEOUT = 600
LOCAL_TIMEOUT = 30


def _key(area: str) -> str:
    return f"generation:{area}"


def current(area: str) -> int:
    """The generation of ``area`` (one cache read)."""
    number = cache.get(_key(area))
    if number is None:
        cache.add(_key(area), time.time_ns(), None)
        number = cache.get(_key(area), 0)
    return number


def _raise_now(area: str) -> None:
    try:
        cache.incr(_key(area))
    except ValueError:  # evicted meanwhile: start again from the clock
        cache.set(_key(area), time.time_ns(), None)


def bump(*areas: str) -> None:
    """Raise the generation of ``areas`` now and again when the current transaction commits.

    Now, so that this process (a test, the next request of the same worker) reads afresh at
    once; again on commit, because a reader in another process between the two raises may
    have cached what it read before the commit, under the number raised the first time."""
    for area in dict.fromkeys(areas):
        _raise_now(area)
        transaction.on_commit(lambda area=area: _raise_now(area))


def _shared() -> bool:
    return "LocMemCache" not in type(caches["default"]).__name__


def cached(area: str, parts, compute, timeout: int = TIMEOUT):
    """``compute()``, or its value cached for ``parts`` at ``area``'s current generation."""
    digest = hashlib.sha256(repr((current(area), *parts)).encode()).hexdigest()
    key = f"cached:{area}:{digest}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout if _shared() else min(timeout, LOCAL_TIMEOUT))
    return value
