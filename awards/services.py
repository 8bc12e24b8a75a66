"""Writes for the awards app. Views, imports and the admin call these; nothing writes around them.

The derived tables (awards.summaries) follow in the same transaction: each function tracks
the decisions it is about to change.
"""

from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from agreements import summaries as agreement_summaries
from agreements.access import require_editable, require_readable
from agreements.models import EntryStatus
from awards import summaries
from awards.models import AwardDecision, AwardRecipient
from common import derived
from common.listing import choices_area
from common.services import delete_row, lock, lock_for_edit, save_row
from common.text import fold

FIELDS = (
    "form",
    "authorities_text",
    "number",
    "decided_on",
    "total_count",
    "collective_count",
    "individual_count",
    "reason",
    "conference",
    "agreement",
    "movement",
    "revoked_on",
    "revocation_reason",
    "source",
)


def decision_save(*, decision: AwardDecision | None, data: dict, recipients: list[AwardRecipient], submit: bool, by):
    """Create or update an award decision with its authorities and named recipients.

    Named recipients replace the previous list. The counts are checked against the names
    before anything is written (ValidationError otherwise). Raises EditConflict when
    ``data["version"]`` is given and is not the stored version.
    """
    require_editable(decision, by)
    if (
        "conference" in data
        and data["conference"] is not None
        and (decision is None or data["conference"].pk != decision.conference_id)
    ):
        require_editable(data["conference"], by, field="conference")
    require_readable(data.get("agreement"), by, field="agreement")
    with transaction.atomic(), derived.unit():
        if decision is None:
            decision = AwardDecision(created_by=by)
        elif "version" in data:
            decision = lock_for_edit(AwardDecision, decision.pk, data["version"])
        else:
            decision.version += 1
        if decision.pk is not None:
            summaries.track(decisions=[decision.pk])
        new = decision.pk is None
        for name in FIELDS:
            if name in data:
                value = data[name]
                setattr(
                    decision, name, value if value is not None else AwardDecision._meta.get_field(name).get_default()
                )
        decision.entry_status = EntryStatus.SUBMITTED if submit else EntryStatus.DRAFT
        decision.check_recipients(recipients)
        save_row(decision, by)
        if new:
            summaries.track(decisions=[decision.pk], new=True)
        decision.authorities.set(data.get("authorities") or [])
        # Once saved, the decision is still one the user may change: awarded by their body or
        # handed out at a conference it took part in.
        require_editable(
            decision,
            by,
            field="authorities",
            message=_("Your own body must be an awarding authority, or the decision handed out at its conference."),
        )
        current = [(r.kind, r.name) for r in decision.recipients.all()]
        if current != [(r.kind, r.name) for r in recipients]:
            for old in decision.recipients.all():
                delete_row(old, by)
            for recipient in recipients:
                recipient.decision = decision
                save_row(recipient, by)
        return decision


def decision_delete(*, decision: AwardDecision, by) -> None:
    with transaction.atomic(), derived.unit():
        summaries.track(decisions=[decision.pk])
        delete_row(decision, by)


def recipients_add(*, decision: AwardDecision, rows: list[dict], by, reason: str = "") -> list[AwardRecipient]:
    """Add named recipients to ``decision``, all of them or none (an import from a spreadsheet).

    Each row: ``kind``, ``name``, ``body`` (or None). The named list after the addition must
    agree with the decision's counts (ValidationError otherwise). The decision is locked and
    its version raised: an edit form opened before would otherwise replace the list with the
    one it shows. A recipient the decision already names is refused, also when the same rows
    are added twice at once.
    """
    require_editable(decision, by)
    with transaction.atomic(), derived.unit():
        decision = lock(AwardDecision, decision.pk)
        summaries.track(decisions=[decision.pk])
        recipients = [
            AwardRecipient(decision=decision, kind=row["kind"], name=row["name"], body=row.get("body")) for row in rows
        ]
        named = list(decision.recipients.all())
        decision.check_recipients([*named, *recipients])
        recorded = {(r.kind, fold(r.name), r.body_id) for r in named}
        for recipient in recipients:
            key = (recipient.kind, fold(recipient.name), recipient.body_id)
            if key in recorded:
                raise ValidationError(_("The decision already names “%(name)s”.") % {"name": recipient.name})
            recorded.add(key)
        if reason:
            decision._change_reason = reason
        save_row(decision, by)
        return [save_row(recipient, by) for recipient in recipients]


@contextmanager
def editing(*, decisions=(), conferences=(), bodies=(), localities=(), agreements=(), touched=()):
    """The write path of changes made row by row elsewhere (the admin's pages): as
    ``agreements.services.editing``, with the decisions whose place or year follows the
    conferences, bodies and localities named (awards.summaries.track)."""
    with transaction.atomic(), derived.unit():
        derived.touch(*(choices_area(model) for model in touched))
        summaries.track(decisions=decisions, conferences=conferences, bodies=bodies, localities=localities)
        agreement_summaries.track(agreements=agreements)
        yield


def created(*, decisions=(), conferences=(), figures=(), agreements=()):
    """Inside ``editing``: these records were just created."""
    summaries.track(decisions=decisions, conferences=conferences, new=True)
    agreement_summaries.track(figures=figures, agreements=agreements, new=True)
