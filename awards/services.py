"""Writes for the awards app."""

from django.db import transaction

from agreements.models import EntryStatus
from awards.models import AwardDecision, AwardRecipient
from common.services import delete_row, lock_for_edit, save_row

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
    with transaction.atomic():
        if decision is None:
            decision = AwardDecision(created_by=by)
        elif "version" in data:
            decision = lock_for_edit(AwardDecision, decision.pk, data["version"])
        else:
            decision.version += 1
        for name in FIELDS:
            if name in data:
                value = data[name]
                setattr(
                    decision, name, value if value is not None else AwardDecision._meta.get_field(name).get_default()
                )
        decision.entry_status = EntryStatus.SUBMITTED if submit else EntryStatus.DRAFT
        decision.check_recipients(recipients)
        save_row(decision, by)
        decision.authorities.set(data.get("authorities") or [])
        current = [(r.kind, r.name) for r in decision.recipients.all()]
        if current != [(r.kind, r.name) for r in recipients]:
            for old in decision.recipients.all():
                delete_row(old, by)
            for recipient in recipients:
                recipient.decision = decision
                save_row(recipient, by)
        return decision
