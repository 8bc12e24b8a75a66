"""When a conference happened, by one rule shared by the dashboard, the summaries and the
lists' year filters: the year it was held, else the last year of the period it reviewed."""

from django.db.models import F, IntegerField
from django.db.models.functions import Coalesce, ExtractYear


def conference_year(prefix=""):
    return Coalesce(ExtractYear(f"{prefix}held_on"), F(f"{prefix}reviewed_period_end"), output_field=IntegerField())
