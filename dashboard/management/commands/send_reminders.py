"""E-mail each user's reminders of reviews and successors due: 90, 30 and 7 days before the
due date. Meant for a daily timer; a reminder is recorded and never sent twice, and a day the
timer missed is caught up the next day."""

import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand, CommandError
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from agreements.models import Agreement, Membership, Reminder
from dashboard.selectors import reviews_due

THRESHOLDS = (90, 30, 7)


def threshold_for(days_left):
    """The reminder a due date this many days away calls for (the nearest threshold passed)."""
    passed = [t for t in THRESHOLDS if days_left <= t]
    return min(passed) if passed and days_left >= 0 else None


class Command(BaseCommand):
    help = "E-mail reminders of reviews and successors due in 90, 30 and 7 days to the staff of the parties."

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Act as if today were this date (YYYY-MM-DD).")
        parser.add_argument("--base-url", default="", help="Prefix for links in the e-mails, e.g. https://registry")

    def handle(self, *args, today=None, base_url="", **options):
        try:
            today = datetime.date.fromisoformat(today) if today else timezone.localdate()
        except ValueError as error:
            raise CommandError(f"--today must be YYYY-MM-DD: {error}") from error
        due = reviews_due(Agreement.objects.prefetch_related("party_links"), today, horizon_days=max(THRESHOLDS))
        staff = {}
        for membership in Membership.objects.filter(role=Membership.Role.STAFF).select_related("user"):
            if membership.user.is_active and membership.user.email:
                staff.setdefault(membership.body_id, []).append(membership.user)
        outbox = {}
        for item in due:
            threshold = threshold_for((item.due_on - today).days)
            if threshold is None:
                continue
            users = {u for link in item.agreement.party_links.all() for u in staff.get(link.body_id, [])}
            for user in users:
                outbox.setdefault(user, []).append((item, threshold))
        sent = 0
        for user in sorted(outbox, key=lambda u: u.pk):
            items = []
            for item, threshold in outbox[user]:
                try:
                    with transaction.atomic():
                        Reminder.objects.create(
                            agreement=item.agreement,
                            kind=item.kind,
                            year=item.year,
                            days_before=threshold,
                            user=user,
                            due_on=item.due_on,
                        )
                except IntegrityError:
                    continue  # sent on an earlier day
                items.append(item)
            if not items:
                continue
            with translation.override(settings.LANGUAGE_CODE):
                body = render_to_string(
                    "dashboard/reminder_email.txt",
                    {"user": user, "items": items, "today": today, "todo_url": base_url + reverse("todo")},
                )
                subject = render_to_string("dashboard/reminder_subject.txt", {"count": len(items)}).strip()
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
            sent += 1
        self.stdout.write(f"Reminders: {sent} e-mails sent for {len(due)} items due.")
