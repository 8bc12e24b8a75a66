from django.core.management.base import BaseCommand

from devtools.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET, DEMO_TOTP_USER, DEMO_USERS, demo_totp_code


class Command(BaseCommand):
    help = "Print the demo accounts created by load_demo, and the administrator's two-step login key."

    def add_arguments(self, parser):
        parser.add_argument(
            "--code", action="store_true", help=f"Print only the current one-time code of `{DEMO_TOTP_USER}`."
        )

    def handle(self, *args, **options):
        if options["code"]:
            self.stdout.write(demo_totp_code())
            return
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for user in DEMO_USERS:
            self.stdout.write(f"  {user.username:<16} {user.description}")
        secret = " ".join(DEMO_TOTP_SECRET[i : i + 4] for i in range(0, len(DEMO_TOTP_SECRET), 4))
        self.stdout.write(
            f"\n`{DEMO_TOTP_USER}` also needs a six-digit code after the password (two-step login).\n"
            f"  Add this key to an authenticator app (time-based, 6 digits, 30 s): {secret}\n"
            f"  or take the current code with: python manage.py demo_logins --code"
            f"  (now: {demo_totp_code()})"
        )
