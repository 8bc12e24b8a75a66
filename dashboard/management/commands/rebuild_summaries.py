"""Recompute the derived tables (the dashboard's summaries, the provinces of each record)
from the records.

The write services keep them exact; this is for writes that bypassed them (bulk loads such as
``seed_scale``, raw SQL) and for repairs. ``check_summaries`` only compares.
"""

import time

from django.core.management.base import BaseCommand

from awards.summaries import rebuild_all


class Command(BaseCommand):
    help = "Recompute the dashboard's summary tables and the provinces of each record from the records."

    def handle(self, *args, **options):
        started = time.monotonic()
        for model, rows in rebuild_all().items():
            self.stdout.write(f"{model._meta.verbose_name_plural}: {rows} rows")
        self.stdout.write(f"Rebuilt in {time.monotonic() - started:.1f} s.")
