"""The conference entry: a conference and everything reported at it, commendations included,
saved in one transaction through the services of both apps.

The conference is the agreements app's; the commendations handed out at it are the awards
app's. This is the one place above both that records them together, so that the derived
tables of both follow (awards.summaries tracks a conference's decisions with it).
"""

from dataclasses import dataclass, field

from django.db import transaction

from agreements.models import Conference
from agreements.services import ConferenceEntry, conference_save
from awards import summaries as award_summaries
from awards.services import decision_delete, decision_save
from common import derived
from common.services import delete_row


@dataclass
class ConferenceRecord(ConferenceEntry):
    """What the "Record a conference" page holds: the conference, its rows and the
    commendations handed out at it (``deleted["commendations"]``: ids of those removed)."""

    commendations: list[dict] = field(default_factory=list)


def conference_record(*, conference: Conference | None, entry: ConferenceRecord, by) -> Conference:
    """Record a conference with everything reported at it, or update one, in one transaction.

    Raises EditConflict when the conference changed since the form was opened, and
    ValidationError when a row cannot be saved (nothing is saved then).
    """
    with transaction.atomic(), derived.unit():
        if conference is not None:
            # Where and when the decisions handed out at it count follows the conference.
            conference = Conference.objects.select_for_update().get(pk=conference.pk)
            award_summaries.track(conferences=[conference.pk])
        conference = conference_save(conference=conference, entry=entry, by=by)
        source = conference.source if entry.data.get("source_url") else None
        decisions = {d.pk: d for d in conference.award_decisions.all()}
        for pk in entry.deleted.get("commendations", []):
            if pk in decisions:
                decision_delete(decision=decisions.pop(pk), by=by)
        for row in entry.commendations:
            decision_save(
                decision=decisions.get(row.get("id")),
                data={**row, "conference": conference, "source": source},
                recipients=row["recipients"],
                submit=entry.submit,
                by=by,
            )
        return conference


def conference_delete(*, conference: Conference, by) -> None:
    """Delete a conference with the commendations handed out at it, in one transaction."""
    with transaction.atomic(), derived.unit():
        award_summaries.track(conferences=[conference.pk])
        for decision in conference.award_decisions.all():
            decision_delete(decision=decision, by=by)
        delete_row(conference, by)
