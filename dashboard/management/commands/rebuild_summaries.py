"""Recompute the dashboard's summary tables from the raw rows.

Needed after writes that bypass model signals (bulk loads such as ``seed_scale``, raw SQL);
``--check`` only reports whether the stored summaries equal a recount.
"""

import time

from django.core.management.base import BaseCommand, CommandError

from dashboard import summaries


class Command(BaseCommand):
    help = "Recompute the dashboard's summary tables from the raw rows."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="Compare with a recount; change nothing.")

    def handle(self, *args, **options):
        started = time.monotonic()
        if options["check"]:
            if not summaries.recount_matches():
                raise CommandError("The summaries differ from a recount of the raw rows.")
            self.stdout.write("The summaries equal a recount of the raw rows.")
            return
        summaries.rebuild(stdout=self.stdout)
        self.stdout.write(f"Summaries rebuilt in {time.monotonic() - started:.1f} s.")
