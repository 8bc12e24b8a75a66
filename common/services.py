"""Write helpers shared by the services of both apps."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy

CONFLICT_MESSAGE = gettext_lazy(
    "Someone else changed this record after you opened it. Nothing was saved; your entries are kept below. "
    "Open the record in another tab to see their changes, then save again to replace them with yours."
)


class EditConflict(Exception):
    """The record was changed by someone else since the form was opened."""

    def __init__(self, current_version):
        super().__init__(current_version)
        self.current_version = current_version


def save_row(row: models.Model, by) -> models.Model:
    """Validate and save ``row``, recording ``by`` as the author in its change history."""
    row._history_user = by
    row.full_clean()
    row.save()
    return row


def delete_row(row: models.Model, by) -> None:
    row._history_user = by
    row.delete()


def lock(model: type[models.Model], pk: int) -> models.Model:
    """The row, locked until the transaction ends, its version raised for the save to come
    (an addition that no form opened: rows imported from a file)."""
    row = model.objects.select_for_update().get(pk=pk)
    row.version += 1
    return row


def lock_for_edit(model: type[models.Model], pk: int, expected_version: int | None) -> models.Model:
    """The row, locked until the transaction ends, its version raised for the save to come.

    Raises EditConflict if ``expected_version`` (the version the form was opened at) is not
    the stored one: someone else saved in between. An edit that does not say which version it
    was opened at is refused: it would overwrite unseen changes.
    """
    if expected_version is None:
        raise ValidationError(
            gettext_lazy(
                "This form does not say which version of the record it was opened at. "
                "Nothing was saved: open the record again and make your change there."
            ),
            code="no_version",
        )
    row = model.objects.select_for_update().get(pk=pk)
    if row.version != expected_version:
        raise EditConflict(row.version)
    row.version += 1
    return row
