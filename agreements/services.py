"""Writes for the agreements app. Views, imports and the admin call these; nothing writes
around them.

Every function runs in one transaction: a conference and everything reported at it is saved
whole or not at all. Rows are validated (``full_clean``) before they are saved, and the
acting user is recorded in the change history. The derived tables (agreements.summaries)
follow in the same transaction: each function tracks what it is about to change.
"""

from contextlib import contextmanager
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agreements import summaries
from agreements.access import require_editable, require_own_body, require_readable
from agreements.models import (
    Agreement,
    AgreementAlias,
    AgreementParty,
    Appearance,
    Attachment,
    Conference,
    ConferenceAgreement,
    ConferenceBody,
    ConferenceExtraKind,
    EntryStatus,
    Indicator,
    ModelPractice,
    Person,
    ReportedFigure,
    Source,
)
from common import derived
from common.listing import choices_area
from common.services import EditConflict, delete_row, lock, lock_for_edit, save_row
from common.text import clean, fold

_SUPERSEDES_REFUSED = gettext_lazy(
    "Only the parties to an agreement may record what supersedes it: your body is not a party to it."
)

__all__ = ["EditConflict", "agreement_create", "agreement_save", "conference_save", "figures_add"]


def person_resolve(*, person: Person | None, new_name: str, by) -> Person:
    """The person picked, or a new one with ``new_name`` (an existing exact name is reused)."""
    if person is not None:
        return person
    name = clean(new_name)
    existing = Person.objects.filter(full_name=name).order_by("pk")
    if existing.count() == 1:
        return existing.get()
    return save_row(Person(full_name=name), by)


def source_resolve(*, url: str, by) -> Source | None:
    if not url:
        return None
    source = Source.objects.filter(url=url).first()
    return source or save_row(Source(url=url, entered_by=by), by)


def model_practices_resolve(*, names: list[str], by) -> list[ModelPractice]:
    """Match each name to a model practice (ignoring tone marks and case) or create it."""
    practices = []
    for name in names:
        name = clean(name)
        match = next(
            (p for p in ModelPractice.objects.filter(search__contains=fold(name)) if fold(p.name) == fold(name)),
            None,
        )
        practices.append(match or save_row(ModelPractice(name=name), by))
    return practices


def _sync_parties(agreement, bodies, by):
    wanted = [b.pk for b in bodies]
    for link in agreement.party_links.all():
        if link.body_id not in wanted:
            delete_row(link, by)
    existing = {link.body_id: link for link in agreement.party_links.all()}
    for order, body_id in enumerate(wanted):
        link = existing.get(body_id) or AgreementParty(agreement=agreement, body_id=body_id)
        if link.pk is None or link.order != order:
            link.order = order
            save_row(link, by)


def agreement_create(*, data: dict, parties, by, source: Source | None = None) -> Agreement:
    """A new agreement with its parties (used inline at a conference, and on its own).

    The acting user's body must be among the parties; what it supersedes must be theirs to
    change (a successor makes it superseded), what it carries out theirs to read."""
    require_own_body(parties, by, field="new_parties", message=_("Your own body must be one of the parties."))
    require_editable(data.get("supersedes"), by, field="new_supersedes", message=_SUPERSEDES_REFUSED)
    require_readable(data.get("implements"), by, field="new_implements")
    with transaction.atomic(), derived.unit():
        derived.touch(choices_area(Agreement))
        period = data.get("period") or (None, None)
        if data.get("supersedes"):
            summaries.track(agreements=[data["supersedes"].pk])
        agreement = save_row(
            Agreement(
                kind=data["kind"],
                number=data.get("number", ""),
                title=data.get("title", ""),
                signed_on=data.get("signed_on"),
                period_start=period[0],
                period_end=period[1],
                supersedes=data.get("supersedes"),
                implements=data.get("implements"),
                source=source,
                created_by=by,
            ),
            by,
        )
        _sync_parties(agreement, parties, by)
        summaries.track(agreements=[agreement.pk])
        return agreement


@dataclass
class AgreementEntry:
    """What the agreement form holds, cleaned."""

    data: dict
    signatories: list[dict] = field(default_factory=list)
    deleted_signatories: list[int] = field(default_factory=list)
    attachment: object = None
    attachment_title: str = ""


def agreement_save(*, agreement: Agreement | None, entry: AgreementEntry, by) -> Agreement:
    """Create or update an agreement with parties, aliases, movements, signatories, attachment.

    Raises EditConflict when ``entry.data["version"]`` is not the stored version.
    """
    data = entry.data
    require_editable(agreement, by)
    require_own_body(data["parties"], by, field="parties", message=_("Your own body must be one of the parties."))
    require_readable(data.get("implements"), by, field="implements")
    with transaction.atomic(), derived.unit():
        derived.touch(choices_area(Agreement))
        if agreement is None:
            agreement = Agreement(created_by=by)
        else:
            agreement = lock_for_edit(Agreement, agreement.pk, data.get("version"))
            summaries.track(agreements=[agreement.pk])
        if data.get("supersedes") and data["supersedes"].pk != agreement.supersedes_id:
            require_editable(data["supersedes"], by, field="supersedes", message=_SUPERSEDES_REFUSED)
        if data.get("supersedes"):
            summaries.track(agreements=[data["supersedes"].pk])
        period = data.get("period") or (None, None)
        for name in ("kind", "number", "title", "signed_on", "terminated_on", "supersedes", "implements", "key_tasks"):
            setattr(agreement, name, data.get(name) or Agreement._meta.get_field(name).get_default())
        agreement.period_start, agreement.period_end = period
        save_row(agreement, by)
        _sync_parties(agreement, data["parties"], by)
        wanted_aliases = [line for line in (data.get("aliases") or "").splitlines() if line]
        for alias in agreement.aliases.all():
            if alias.number not in wanted_aliases:
                delete_row(alias, by)
        known = set(agreement.aliases.values_list("number", flat=True))
        for number in wanted_aliases:
            if number not in known:
                known.add(number)
                save_row(AgreementAlias(agreement=agreement, number=number), by)
        agreement.movements.set(data.get("movements") or [])
        summaries.track(agreements=[agreement.pk])
        _sync_appearances(
            rows=entry.signatories,
            deleted=entry.deleted_signatories,
            existing=Appearance.objects.filter(agreement=agreement, conference__isnull=True),
            build=lambda: Appearance(agreement=agreement, role=Appearance.Role.SIGNATORY),
            by=by,
        )
        if entry.attachment:
            save_row(
                Attachment(agreement=agreement, file=entry.attachment, title=entry.attachment_title, uploaded_by=by), by
            )
        return agreement


def _sync_appearances(*, rows, deleted, existing, build, by, agreement_for=None):
    by_id = {a.pk: a for a in existing}
    for pk in deleted:
        if pk in by_id:
            delete_row(by_id.pop(pk), by)
    for order, row in enumerate(rows):
        appearance = by_id.get(row.get("id")) or build()
        appearance.person = person_resolve(person=row.get("person"), new_name=row.get("new_person", ""), by=by)
        for name in ("honorific", "rank", "positions"):
            setattr(appearance, name, row.get(name) or "")
        appearance.body = row.get("body")
        appearance.order = order
        if "role" in row:
            appearance.role = row["role"]
        if agreement_for is not None:
            appearance.agreement = agreement_for(row)
        save_row(appearance, by)


@dataclass
class ConferenceEntry:
    """A conference and its rows, cleaned: the agreements at it, the people, the figures.

    Each row list holds the cleaned data of the rows kept; ``deleted`` holds the ids of
    existing rows the user removed, per list. (The commendations handed out at it are the
    awards app's: entry.services records both.)
    """

    data: dict
    agreements: list[dict] = field(default_factory=list)
    people: list[dict] = field(default_factory=list)
    figures: list[dict] = field(default_factory=list)
    deleted: dict = field(default_factory=dict)
    submit: bool = False


def conference_save(*, conference: Conference | None, entry: ConferenceEntry, by) -> Conference:
    """Record a conference and everything reported at it but the commendations, or update one,
    in one transaction.

    Raises EditConflict when the conference changed since the form was opened, and
    ValidationError when a row cannot be saved (nothing is saved then).
    """
    data = entry.data
    require_editable(conference, by)
    require_own_body(
        [*data["hosts"], *(data.get("participants") or [])],
        by,
        field="hosts",
        message=_("Your own body must be among the hosts or the participants."),
    )
    for row in entry.agreements:
        require_readable(row.get("agreement"), by, field="agreements")
    with transaction.atomic(), derived.unit():
        derived.touch(choices_area(Conference))
        if conference is None:
            conference = Conference(created_by=by)
        else:
            conference = lock_for_edit(Conference, conference.pk, data.get("version"))
            summaries.track(conferences=[conference.pk])
        new = conference.pk is None
        reviewed = data.get("reviewed_period") or (None, None)
        for name in ("title", "kind", "held_on", "held_on_text", "place", "locality"):
            setattr(conference, name, data.get(name) or Conference._meta.get_field(name).get_default())
        for name in ("results", "shortcomings", "remedies", "directions"):
            setattr(conference, name, data.get(name) or "")
        conference.reviewed_period_start, conference.reviewed_period_end = reviewed
        conference.entry_status = EntryStatus.SUBMITTED if entry.submit else EntryStatus.DRAFT
        source = source_resolve(url=data.get("source_url") or "", by=by)
        if source is not None:
            conference.source = source
        save_row(conference, by)
        if new:
            summaries.track(conferences=[conference.pk], new=True)

        wanted_kinds = set(data.get("extra_kinds") or [])
        for extra in conference.extra_kinds.all():
            if extra.kind not in wanted_kinds:
                delete_row(extra, by)
        for kind in wanted_kinds - {e.kind for e in conference.extra_kinds.all()}:
            save_row(ConferenceExtraKind(conference=conference, kind=kind), by)

        roles = {b.pk: ConferenceBody.Role.PARTICIPANT for b in data.get("participants") or []}
        roles.update({b.pk: ConferenceBody.Role.HOST for b in data["hosts"]})
        for link in conference.body_links.all():
            if link.body_id not in roles:
                delete_row(link, by)
            elif link.role != roles[link.body_id]:
                link.role = roles[link.body_id]
                save_row(link, by)
        for body_id in roles.keys() - set(conference.body_links.values_list("body_id", flat=True)):
            save_row(ConferenceBody(conference=conference, body_id=body_id, role=roles[body_id]), by)

        conference.movements.set(data.get("movements") or [])
        practice_names = [line for line in (data.get("model_practices") or "").splitlines() if line]
        conference.model_practices.set(model_practices_resolve(names=practice_names, by=by))

        signed = _save_agreement_links(conference, entry, source, by)
        _sync_appearances(
            rows=entry.people,
            deleted=entry.deleted.get("people", []),
            existing=conference.appearances.all(),
            build=lambda: Appearance(conference=conference),
            by=by,
            agreement_for=lambda row: _signed_agreement_for(row, signed),
        )
        _save_figures(conference, entry, source, by)
        return conference


def _save_agreement_links(conference, entry, source, by):
    links = {link.pk: link for link in conference.agreement_links.select_related("agreement")}
    for pk in entry.deleted.get("agreements", []):
        if pk in links:
            delete_row(links.pop(pk), by)
    signed = []
    hosts = entry.data["hosts"]
    # Agreements picked or created for review come first, so that a successor created in the
    # same sitting can supersede one that is itself new.
    reviewed = [row["agreement"] for row in entry.agreements if row["role"] == "reviewed" and row.get("agreement")]
    rows = sorted(entry.agreements, key=lambda row: row["role"] != ConferenceAgreement.Role.REVIEWED)
    for row in rows:
        agreement = row.get("agreement")
        if agreement is None:
            new = {key.removeprefix("new_"): value for key, value in row.items() if key.startswith("new_")}
            if new.pop("succeeds_reviewed", False):
                if len(reviewed) != 1:
                    raise ValidationError(
                        _("“Succeeds the agreement reviewed” needs exactly one agreement reviewed at the conference.")
                    )
                new["supersedes"] = reviewed[0]
            agreement = agreement_create(data=new, parties=row.get("new_parties") or hosts, by=by, source=source)
            if row["role"] == ConferenceAgreement.Role.REVIEWED:
                reviewed.append(agreement)
        link = links.get(row.get("id")) or ConferenceAgreement(conference=conference)
        if link.pk is None or (link.agreement_id, link.role) != (agreement.pk, row["role"]):
            link.agreement, link.role = agreement, row["role"]
            save_row(link, by)
        if row["role"] == ConferenceAgreement.Role.SIGNED:
            signed.append(agreement)
    return signed


def _signed_agreement_for(row, signed):
    """The agreement a signatory at the conference signed: the signed one their body is party to."""
    if not row.get("signs") and row.get("role") != Appearance.Role.SIGNATORY:
        return None
    if not signed:
        raise ValidationError(
            _("%(person)s is marked as a signatory, but no agreement is signed at this conference.")
            % {"person": row.get("person") or row.get("new_person")}
        )
    body = row.get("body")
    for agreement in signed:
        if body is not None and agreement.party_links.filter(body=body).exists():
            return agreement
    return signed[0]


def _save_figures(conference, entry, source, by):
    figures = {f.pk: f for f in conference.figures.all()}
    for pk in entry.deleted.get("figures", []):
        if pk in figures:
            delete_row(figures.pop(pk), by)
    default_period = (conference.reviewed_period_start, conference.reviewed_period_end)
    if default_period[0] is None and conference.held_on:
        default_period = (conference.held_on.year, conference.held_on.year)
    for row in entry.figures:
        period = row.get("period") or default_period
        if period[0] is None:
            raise ValidationError(
                _("Give the period of the figure “%(value)s”, or the period reviewed.") % {"value": row["value"]}
            )
        indicator = row.get("indicator")
        if indicator is None:
            indicator = Indicator.objects.filter(name=row["new_indicator"]).first() or save_row(
                Indicator(name=row["new_indicator"], unit=row["new_unit"]), by
            )
        figure = figures.get(row.get("id")) or ReportedFigure(conference=conference, source=source)
        figure.indicator = indicator
        figure.value = row["value"]
        figure.body = row["body"]
        figure.period_start, figure.period_end = period
        figure.source_quote = row.get("source_quote") or ""
        save_row(figure, by)


def figures_add(*, conference: Conference, rows: list[dict], by, reason: str = "") -> list[ReportedFigure]:
    """Add figures to ``conference``, all of them or none (an import from a spreadsheet).

    Each row: ``indicator``, ``value``, ``body``, ``period`` (start, end), ``source_quote``.
    The conference is locked and its version raised, so that an entry page opened before
    cannot save over them unawares. A figure the conference already has (same indicator,
    body and period) is refused, also when the same rows are added twice at once.
    """
    with transaction.atomic(), derived.unit():
        require_editable(conference, by)
        conference = lock(Conference, conference.pk)
        summaries.track(conferences=[conference.pk])
        if reason:
            conference._change_reason = reason
        save_row(conference, by)
        recorded = set(conference.figures.values_list("indicator_id", "body_id", "period_start", "period_end"))
        figures = []
        for row in rows:
            start, end = row["period"]
            key = (row["indicator"].pk, row["body"].pk, start, end)
            if key in recorded:
                raise ValidationError(
                    _("The conference already has the figure “%(indicator)s” of %(body)s for %(period)s.")
                    % {"indicator": row["indicator"].name, "body": row["body"], "period": _years(start, end)}
                )
            recorded.add(key)
            figure = ReportedFigure(
                conference=conference,
                source=conference.source,
                indicator=row["indicator"],
                value=row["value"],
                body=row["body"],
                period_start=start,
                period_end=end,
                source_quote=row.get("source_quote") or "",
            )
            figures.append(save_row(figure, by))
        return figures


def _years(start, end):
    return str(start) if start == end else f"{start}–{end}"


@contextmanager
def editing(*, conferences=(), figures=(), bodies=(), localities=(), agreements=(), touched=()):
    """The write path of changes made row by row elsewhere (the admin's pages and their
    inlines): one transaction and one unit of work in which the records named are tracked
    before they change, so that the derived tables follow when it ends. ``touched``: models
    whose filter choices go stale. Rows created inside are announced with ``created``."""
    with transaction.atomic(), derived.unit():
        derived.touch(*(choices_area(model) for model in touched))
        summaries.track(
            conferences=conferences, figures=figures, bodies=bodies, localities=localities, agreements=agreements
        )
        yield


def created(*, conferences=(), figures=(), agreements=()):
    """Inside ``editing``: these records were just created."""
    summaries.track(conferences=conferences, figures=figures, agreements=agreements, new=True)
