"""Idempotent row loading for reference and demo data commands."""

from django.db import models


def sync_row(model: type[models.Model], lookup: dict, values: dict | None = None) -> tuple[models.Model, bool]:
    """Get the row matching ``lookup`` or create it; bring ``values`` up to date.

    Unlike ``update_or_create`` it saves only when something differs, so running a loader
    twice writes nothing (and adds no change-history rows). Rows are validated first.
    Returns ``(row, written)``.
    """
    values = values or {}
    row = model.objects.filter(**lookup).first()
    if row is None:
        row = model(**lookup, **values)
    elif all(getattr(row, name) == value for name, value in values.items()):
        return row, False
    else:
        for name, value in values.items():
            setattr(row, name, value)
    row.full_clean()
    row.save()
    return row, True
