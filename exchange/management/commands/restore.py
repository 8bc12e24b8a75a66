from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

from awards.summaries import rebuild_all
from exchange.backup import rows_held


class Command(BaseCommand):
    help = (
        "Load a file written by `manage.py backup` into an empty, freshly migrated database "
        "(all or nothing). Refuses a database that already holds records."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, **options):
        held = rows_held()
        if held:
            tables = ", ".join(f"{label} ({count})" for label, count in sorted(held.items())[:5])
            raise CommandError(
                "The database is not empty: restore only into a new database after `manage.py migrate`. "
                f"It already holds rows in {tables}{' …' if len(held) > 5 else ''}."
            )
        # The history is restored as it was written; loading a record's many-to-many rows must not
        # add a history entry of its own (simple_history records those changes otherwise).
        with transaction.atomic(), override_settings(SIMPLE_HISTORY_ENABLED=False):
            call_command("loaddata", options["file"], verbosity=0)
            # The summaries and the provinces of each record are not in the file: they are
            # worked out again from what it holds (this also makes cached pages stale).
            rebuild_all()
        restored = rows_held()
        self.stdout.write(f"Restored {sum(restored.values())} rows in {len(restored)} tables from {options['file']}.")
