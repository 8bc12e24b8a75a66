"""Cached results that are never stale: keyed by a number that every write raises.

The dashboard reads summaries, yet a national dashboard still runs a dozen queries (the
reviews due among them) and draws three charts. Leaders open it again and again during a
meeting while nobody writes, so its numbers are cached, under the current ``DataVersion``:

- every save or delete of a registry record (the models of the agreements and awards apps,
  their many-to-many links included) raises the number in the same transaction, through
  model signals, as the summaries are kept (coordination/summaries.py says why signals);
- a reader first reads the number (one primary-key lookup), then the cache under it. A
  result computed from older data sits under an older number and is never read again; a
  result cached by another process is found if that process shares the cache (Redis,
  memcached) or computed again if not (the default per-process memory cache).

Writes that skip signals (``bulk_create``, raw SQL) call ``bump()`` themselves, as
``rebuild_summaries`` (which ``seed_scale`` and ``restore`` run) does.
"""

import hashlib

from django.apps import apps
from django.core.cache import cache
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save

from coordination.models import DataVersion

TIMEOUT = 600
DERIVED = {"ConferenceSummary", "FigureSummary", "DecisionSummary"}


def current() -> int:
    return DataVersion.objects.filter(pk=1).values_list("number", flat=True).first() or 0


def bump(raw=False, action=None, **kwargs):
    """Raise the version (a signal receiver, also called after bulk writes).

    Rows loaded as they are (``loaddata``: ``raw``) do not raise it row by row; whoever
    loads them raises it once at the end, as ``restore`` does. A many-to-many change raises
    it once, after the change (``m2m_changed`` also announces it before)."""
    if raw or (action is not None and not action.startswith("post_")):
        return
    if not DataVersion.objects.filter(pk=1).update(number=F("number") + 1):
        DataVersion.objects.get_or_create(pk=1, defaults={"number": 1})


def key(parts) -> str:
    """A cache key for ``parts`` at the current version: a result stored under it is never
    read again once the data changes."""
    digest = hashlib.sha256(repr((current(), *parts)).encode()).hexdigest()
    return f"fresh:{digest}"


def cached(parts, compute):
    """``compute()``, or its cached result for ``parts`` at the current version."""
    key_now = key(parts)
    value = cache.get(key_now)
    if value is None:
        value = compute()
        cache.set(key_now, value, TIMEOUT)
    return value


def _watched():
    for label in ("agreements", "awards"):
        for model in apps.get_app_config(label).get_models():
            if model.__name__ in DERIVED or model.__name__.startswith("Historical"):
                continue
            yield model


def connect():
    """Raise the version on every write of a registry record (called from AppConfig.ready)."""
    for model in _watched():
        uid = f"freshness-{model._meta.label}"
        post_save.connect(bump, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(bump, sender=model, dispatch_uid=f"{uid}-delete")
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(bump, sender=field.remote_field.through, dispatch_uid=f"{uid}-{field.name}")
