"""``manage.py backup`` and ``manage.py restore``: a round trip keeps every row."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command

from exchange.backup import backed_up_models
from tests.makers import make_body


def _snapshot():
    """Every row of every table a backup holds, as plain values, by table."""
    return {model._meta.label: list(model._base_manager.order_by("pk").values()) for model in backed_up_models()}


@pytest.mark.django_db(transaction=True)
def test_a_backup_of_the_demo_data_restored_into_an_empty_database_gives_back_every_row(tmp_path):
    call_command("flush", interactive=False, verbosity=0)
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    before = _snapshot()
    assert sum(len(rows) for rows in before.values()) > 500
    assert before["agreements.Agreement"] and before["agreements.HistoricalAgreement"]
    backup = tmp_path / "backup.json.gz"

    call_command("backup", str(backup), stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("flush", interactive=False, verbosity=0)
    ContentType.objects.clear_cache()
    assert not any(_snapshot()[label] for label in before if label.startswith(("agreements.", "awards.")))
    call_command("restore", str(backup), stdout=open("/dev/null", "w"))  # noqa: SIM115

    after = _snapshot()
    assert {label for label, rows in after.items() if rows} == {label for label, rows in before.items() if rows}
    for label, rows in before.items():
        assert after[label] == rows, label


@pytest.mark.django_db
def test_restore_refuses_a_database_that_already_holds_records(tmp_path):
    backup = tmp_path / "backup.json"
    call_command("backup", str(backup), stdout=open("/dev/null", "w"))  # noqa: SIM115
    body = make_body(name="Công an tỉnh Bến Tre")

    with pytest.raises(CommandError, match="The database is not empty"):
        call_command("restore", str(backup))

    assert [b.name for b in type(body).objects.all()] == ["Công an tỉnh Bến Tre"]
