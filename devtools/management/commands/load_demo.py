from django.core.management import call_command
from django.core.management.base import BaseCommand

from devtools.demo import load_demo


class Command(BaseCommand):
    help = "Load reference data, the demo bodies and users, and the five demo reports. Idempotent."

    def handle(self, *args, **options):
        call_command("load_reference", stdout=self.stdout)
        loaded = load_demo()
        if loaded:
            self.stdout.write(self.style.SUCCESS(f"Demo data: loaded {len(loaded)} reports."))
        else:
            self.stdout.write("Demo data: already loaded, nothing changed.")
