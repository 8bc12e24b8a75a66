"""System checks of the derived tables (``manage.py check --database default``, and ``migrate``)."""

from django.core import checks
from django.db import DatabaseError

from agreements.models import Agreement, Conference, ConferenceProvince, Obligation
from awards.models import AwardDecision, DecisionProvince


@checks.register(checks.Tags.database)
def derived_tables_filled(app_configs=None, databases=None, **kwargs):
    """Records without their derived rows: a database upgraded from a version that had none
    (or loaded around the services) needs ``rebuild_summaries`` once."""
    if not databases:
        return []
    try:
        missing = (
            (Conference.objects.exists() and not ConferenceProvince.objects.exists())
            or (AwardDecision.objects.exists() and not DecisionProvince.objects.exists())
            or (Agreement.objects.filter(period_end__isnull=False).exists() and not Obligation.objects.exists())
        )
    except DatabaseError:  # tables not migrated yet
        return []
    if not missing:
        return []
    return [
        checks.Warning(
            "The registry holds records but not their derived tables (summaries, provinces, reviews due).",
            hint="Run `python manage.py rebuild_summaries` once (after an upgrade, or a load around the services).",
            id="awards.W001",
        )
    ]
