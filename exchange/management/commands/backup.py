from django.core.management.base import BaseCommand

from exchange.backup import rows_held, write_backup


class Command(BaseCommand):
    help = (
        "Write every record of the registry (with its change history), the users, groups and "
        "two-step devices to FILE as JSON; FILE ending in .gz, .bz2 or .xz is compressed. "
        "Uploaded files are not included: copy MEDIA_ROOT alongside."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="e.g. backup-2025-07-01.json.gz")

    def handle(self, *args, **options):
        write_backup(options["file"])
        held = rows_held()
        self.stdout.write(f"Wrote {sum(held.values())} rows of {len(held)} tables to {options['file']}.")
