"""Compare the derived tables with a full recount of the records; change nothing.

The write services keep the tables exact in the same transaction as the records; a
difference means that something wrote around them (raw SQL, a bulk load without
``rebuild_summaries``). Schedule it (daily, like ``send_reminders``): it exits with status 1
and names the tables that differ, so that cron mails the administrator.
"""

import time

from django.core.management.base import BaseCommand, CommandError

from awards.summaries import differences


class Command(BaseCommand):
    help = "Compare the dashboard's summaries and the provinces of each record with a recount; change nothing."

    def handle(self, *args, **options):
        started = time.monotonic()
        differing = differences()
        if differing:
            names = ", ".join(str(model._meta.verbose_name_plural) for model in differing)
            raise CommandError(f"These tables differ from a recount of the records: {names}. Run rebuild_summaries.")
        self.stdout.write(f"The derived tables equal a recount of the records ({time.monotonic() - started:.1f} s).")
