"""When an award decision happened: the year it was decided, else the year of its conference
(agreements.dating)."""

from django.db.models import IntegerField
from django.db.models.functions import Coalesce, ExtractYear

from agreements.dating import conference_year


def decision_year():
    return Coalesce(ExtractYear("decided_on"), conference_year("conference__"), output_field=IntegerField())
