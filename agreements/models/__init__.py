"""The coordination domain: places, bodies, people, agreements, conferences, figures.

Names are stored as written in the source (NFC); each searchable model carries a folded
``search`` key so that "thai binh" finds "Thái Bình". One module per part of the domain;
everything is importable from ``agreements.models``.
"""

from agreements.models.agreements import (
    Agreement,
    AgreementAlias,
    AgreementParty,
    ModelPractice,
    Movement,
    MovementQuerySet,
    Reminder,
)
from agreements.models.base import COUNTED_STATUSES, MAX_YEAR, MIN_YEAR, EntryStatus, Source
from agreements.models.bodies import Body, Membership, Person, Sector
from agreements.models.conferences import (
    Appearance,
    Attachment,
    Conference,
    ConferenceAgreement,
    ConferenceBody,
    ConferenceExtraKind,
    keep_signatories,
)
from agreements.models.derived import ConferenceProvince, ConferenceSummary, FigureSummary
from agreements.models.figures import Indicator, ReportedFigure
from agreements.models.obligations import Obligation
from agreements.models.places import Locality, LocalitySuccession

__all__ = [
    "COUNTED_STATUSES",
    "MAX_YEAR",
    "MIN_YEAR",
    "Agreement",
    "AgreementAlias",
    "AgreementParty",
    "Appearance",
    "Attachment",
    "Body",
    "Conference",
    "ConferenceAgreement",
    "ConferenceBody",
    "ConferenceExtraKind",
    "ConferenceProvince",
    "ConferenceSummary",
    "EntryStatus",
    "FigureSummary",
    "Indicator",
    "Locality",
    "LocalitySuccession",
    "Membership",
    "ModelPractice",
    "Movement",
    "Obligation",
    "MovementQuerySet",
    "Person",
    "Reminder",
    "ReportedFigure",
    "Sector",
    "Source",
    "keep_signatories",
]
