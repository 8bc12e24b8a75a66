"""When a record happened, by one rule shared by the dashboard and the lists' year filters.

- a conference's year is the year it was held, else the last year of the period it reviewed;
- an award decision's year is the year it was decided, else the year of its conference.
"""

from django.db.models import F, IntegerField
from django.db.models.functions import Coalesce, ExtractYear


def conference_year(prefix=""):
    return Coalesce(ExtractYear(f"{prefix}held_on"), F(f"{prefix}reviewed_period_end"), output_field=IntegerField())


def decision_year():
    return Coalesce(ExtractYear("decided_on"), conference_year("conference__"), output_field=IntegerField())
