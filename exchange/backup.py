"""What ``manage.py backup`` writes and ``manage.py restore`` reads: the registry's data as JSON.

Every table is written except those that ``migrate`` recreates or that hold only transient
state. References to content types, permissions and users are written as natural keys
("agreements.agreement", a username), so a backup loads into any freshly migrated database,
whatever ids that database gave its content types and permissions. It is the JSON of
``dumpdata``, read back by ``loaddata``, with one difference: times keep their microseconds
(``dumpdata`` cuts them to milliseconds, so a restored row would not equal the saved one).
"""

import bz2
import gzip
import lzma
from collections import defaultdict

from django.apps import apps
from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder

# app label, or app_label.ModelName, left out of a backup, each for a reason.
EXCLUDED = {
    "contenttypes": "recreated by migrate",
    "auth.permission": "recreated by migrate",
    "sessions": "a restore logs everybody out",
    "accounts.usersession": "the list of open sessions, which a restore ends",
    "axes": "counters of failed logins (lock-outs end by themselves)",
    # Derived from the records (agreements.summaries, awards.summaries): the restore rebuilds them.
    "agreements.conferencesummary": "derived from the records, rebuilt by the restore",
    "agreements.figuresummary": "derived from the records, rebuilt by the restore",
    "agreements.conferenceprovince": "derived from the records, rebuilt by the restore",
    "awards.decisionsummary": "derived from the records, rebuilt by the restore",
    "awards.decisionprovince": "derived from the records, rebuilt by the restore",
}

OPENERS = {".gz": gzip.open, ".bz2": bz2.open, ".xz": lzma.open, ".lzma": lzma.open}


def open_backup(path, mode):
    """``path`` opened as text, compressed according to its ending (.gz, .bz2, .xz, .lzma)."""
    for ending, opener in OPENERS.items():
        if str(path).endswith(ending):
            return opener(path, mode + "t", encoding="utf-8")
    return open(path, mode, encoding="utf-8")  # noqa: SIM115 - the caller closes it


def _excluded(model):
    return model._meta.app_label in EXCLUDED or model._meta.label_lower in EXCLUDED


def backed_up_models():
    """Every model whose rows a backup holds (many-to-many tables included)."""
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if not _excluded(model) and model._meta.managed and not model._meta.proxy
    ]


def rows_held():
    """``{label: row count}`` of the models a backup holds that have any row."""
    counts = {model._meta.label: model._base_manager.count() for model in backed_up_models()}
    return {label: count for label, count in counts.items() if count}


class FullPrecisionEncoder(DjangoJSONEncoder):
    """DjangoJSONEncoder without its cut of microseconds."""

    def default(self, o):
        if hasattr(o, "isoformat") and hasattr(o, "microsecond"):
            text = o.isoformat()
            return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
        return super().default(o)


def _dumped_models():
    """The models a backup writes, in an order loaddata can follow (natural keys first).

    Many-to-many tables are written with the rows that own them, as dumpdata does.
    """
    by_app = defaultdict(list)
    for model in backed_up_models():
        if not model._meta.auto_created:
            by_app[apps.get_app_config(model._meta.app_label)].append(model)
    return serializers.sort_dependencies(by_app.items(), allow_cycles=True)


def _rows():
    for model in _dumped_models():
        yield from model._base_manager.order_by("pk").iterator(chunk_size=2000)


def write_backup(path):
    with open_backup(path, "w") as stream:
        serializers.serialize("json", _rows(), stream=stream, use_natural_foreign_keys=True, cls=FullPrecisionEncoder)
