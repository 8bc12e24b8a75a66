"""Reads for the agreement, conference, body and people pages.

Every queryset goes through ``readable`` (also the related rows a page shows), and carries
the ``select_related``/``prefetch_related`` its page needs, so a page issues the same number
of queries whatever the number of rows.
"""

from django.db import connection
from django.db.models import Count, Exists, F, Max, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce

from agreements.access import access_for, hidden_among, readable
from agreements.filters import (
    AGREEMENT_SORTS,
    BODY_SORTS,
    CONFERENCE_SORTS,
    PERSON_SORTS,
    AgreementFilter,
    BodyFilter,
    ConferenceFilter,
    PersonFilter,
    allowed_records,
)
from agreements.models import (
    Agreement,
    AgreementAlias,
    AgreementParty,
    Appearance,
    Body,
    Conference,
    ConferenceAgreement,
    ConferenceBody,
    Person,
    ReportedFigure,
)
from common.history import history_entries
from common.listing import Listing, listing

# How far the chain of superseded agreements is followed each way (also a guard against a
# cycle entered by mistake: A supersedes B supersedes A).
CHAIN_DEPTH = 30
# Related rows shown on a record's page before "show all" links to the filtered list.
PAGE_ROWS = 20
BODY_PAGE_ROWS = PAGE_ROWS


def _where_readable(queryset, field, model, user):
    """``queryset`` limited to rows whose ``field`` points at a ``model`` row ``user`` may read
    (no subquery at all for those who read everything)."""
    if access_for(user).reads_all:
        return queryset
    return queryset.filter(**{f"{field}__in": readable(model.objects.all(), user)})


# Lists


def agreement_list_for(user, params) -> Listing:
    queryset = readable(Agreement.objects.all(), user).prefetch_related(
        Prefetch("party_links", queryset=AgreementParty.objects.select_related("body")),
        "aliases",
    )
    return listing(AgreementFilter, params, queryset, AGREEMENT_SORTS, "-signed", allowed=allowed_records(user))


def conference_list_for(user, params) -> Listing:
    queryset = (
        readable(Conference.objects.all(), user)
        .select_related("locality")
        .prefetch_related(
            "extra_kinds",
            Prefetch(
                "body_links",
                queryset=ConferenceBody.objects.filter(role=ConferenceBody.Role.HOST).select_related("body"),
                to_attr="host_links",
            ),
        )
    )
    return listing(ConferenceFilter, params, queryset, CONFERENCE_SORTS, "-held", allowed=allowed_records(user))


def body_list_for(user, params) -> Listing:
    queryset = readable(Body.objects.all(), user).select_related("sector", "locality", "parent")
    return listing(BodyFilter, params, queryset, BODY_SORTS, "name", allowed=allowed_records(user))


def person_list_for(user, params) -> Listing:
    # Per-row subqueries rather than a GROUP BY over every appearance, worked out for the 25
    # rows shown (Listing.decorate), unless the list is sorted by them.
    appearances = Appearance.objects.filter(person=OuterRef("pk")).order_by()
    activity = {
        "appearance_count": Coalesce(Subquery(appearances.values("person").annotate(n=Count("pk")).values("n")), 0),
        "last_seen": Subquery(
            appearances.annotate(seen=Coalesce("conference__held_on", "agreement__signed_on"))
            .filter(seen__isnull=False)
            .order_by("-seen")
            .values("seen")[:1]
        ),
    }
    queryset = readable(Person.objects.all(), user)
    return listing(
        PersonFilter, params, queryset, PERSON_SORTS, "name", allowed=allowed_records(user), annotations=activity
    )


# Agreement page


def agreement_detail_queryset(user):
    return (
        readable(Agreement.objects.all(), user)
        .select_related("source", "created_by")
        .prefetch_related(
            "aliases",
            "movements",
            "attachments",
            Prefetch("party_links", queryset=AgreementParty.objects.select_related("body__sector", "body__locality")),
            Prefetch(
                "signatories",
                queryset=Appearance.objects.select_related("person", "body", "conference").order_by("order", "pk"),
            ),
            # The first rows of what can grow without bound (a national regulation carried out by
            # hundreds of local plans); one more than shown tells whether to link to the list.
            Prefetch(
                "implementations",
                queryset=readable(Agreement.objects.all(), user).order_by(F("signed_on").desc(nulls_last=True), "pk")[
                    : PAGE_ROWS + 1
                ],
                to_attr="readable_implementations",
            ),
            Prefetch(
                "conference_links",
                queryset=_where_readable(ConferenceAgreement.objects.all(), "conference", Conference, user)
                .select_related("conference")
                .order_by(F("conference__held_on").desc(nulls_last=True), "-pk")[: PAGE_ROWS + 1],
                to_attr="readable_conference_links",
            ),
        )
    )


def _chain_ids(agreement):
    """Ids of the agreements before (negative depth) and after (positive) ``agreement``.

    One recursive query instead of one query per step; the depth bound ends it even if
    the data hold a cycle.
    """
    quote = connection.ops.quote_name
    table = quote(Agreement._meta.db_table)
    pk = quote(Agreement._meta.pk.column)
    supersedes = quote(Agreement._meta.get_field("supersedes").column)
    # Only model metadata and a constant are formatted in; the record's id is a parameter.
    sql = f"""
        WITH RECURSIVE earlier(id, previous_id, depth) AS (
            SELECT {pk}, {supersedes}, 0 FROM {table} WHERE {pk} = %s
            UNION ALL
            SELECT a.{pk}, a.{supersedes}, earlier.depth - 1
            FROM {table} a JOIN earlier ON a.{pk} = earlier.previous_id
            WHERE earlier.depth > -{CHAIN_DEPTH}
        ),
        later(id, depth) AS (
            SELECT {pk}, 1 FROM {table} WHERE {supersedes} = %s
            UNION ALL
            SELECT a.{pk}, later.depth + 1 FROM {table} a JOIN later ON a.{supersedes} = later.id
            WHERE later.depth < {CHAIN_DEPTH}
        )
        SELECT id, depth FROM earlier WHERE depth < 0
        UNION ALL
        SELECT id, depth FROM later
    """  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [agreement.pk, agreement.pk])
        rows = cursor.fetchall()
    depths = {}
    for object_id, depth in rows:
        # In a cycle an agreement is met again further out: keep the nearest place.
        if object_id != agreement.pk and (object_id not in depths or abs(depth) < abs(depths[object_id])):
            depths[object_id] = depth
    return depths


def agreement_relations(agreement, user):
    """What came before and after ``agreement``, and the agreement it implements, as far as
    ``user`` may read them: ``{"predecessors": [oldest … newest], "successors": [...],
    "implements": Agreement | None}``. Two queries."""
    depths = _chain_ids(agreement)
    wanted = set(depths)
    if agreement.implements_id:
        wanted.add(agreement.implements_id)
    found = {a.pk: a for a in readable(Agreement.objects.filter(pk__in=wanted), user)} if wanted else {}
    chain = sorted((depth, object_id) for object_id, depth in depths.items() if object_id in found)
    return {
        "predecessors": [found[object_id] for depth, object_id in chain if depth < 0],
        "successors": [found[object_id] for depth, object_id in chain if depth > 0],
        "implements": found.get(agreement.implements_id),
    }


def parties_with_signatories(agreement):
    """``[(party body, [its signatories])]`` from the prefetched rows, and the signatories
    who signed for no party (or whose body is not recorded)."""
    signatories = list(agreement.signatories.all())
    parties = []
    for link in agreement.party_links.all():
        parties.append((link.body, [s for s in signatories if s.body_id == link.body_id]))
    party_ids = {link.body_id for link in agreement.party_links.all()}
    others = [s for s in signatories if s.body_id not in party_ids]
    return parties, others


def agreement_history(agreement, user, limit=50):
    return history_entries(
        agreement.history.all(),
        AgreementParty.history.filter(agreement_id=agreement.pk),
        AgreementAlias.history.filter(agreement_id=agreement.pk),
        Appearance.history.filter(agreement_id=agreement.pk),
        hidden_among=hidden_among(user),
        limit=limit,
        exclude=("agreement", "order"),
    )


# Conference page


def conference_detail_queryset(user):
    return (
        readable(Conference.objects.all(), user)
        .select_related("locality", "source", "source__entered_by", "created_by")
        .prefetch_related(
            "extra_kinds",
            "movements",
            "model_practices",
            "attachments",
            Prefetch("body_links", queryset=ConferenceBody.objects.select_related("body").order_by("pk")),
            Prefetch(
                "agreement_links",
                queryset=_where_readable(ConferenceAgreement.objects.all(), "agreement", Agreement, user)
                .select_related("agreement")
                .order_by("role", "pk"),
                to_attr="readable_agreement_links",
            ),
            Prefetch(
                "appearances",
                queryset=Appearance.objects.select_related("person", "body").order_by("order", "pk"),
            ),
            Prefetch(
                "figures",
                queryset=readable(ReportedFigure.objects.all(), user)
                .select_related("indicator", "body")
                .prefetch_related("partner_bodies")
                .order_by("indicator__name", "body__name", "pk"),
            ),
        )
    )


def group_by_role(rows, roles):
    """``[(role label, [rows])]`` in the order of ``roles`` (a TextChoices), skipping empty roles."""
    return [(label, group) for value, label in roles.choices if (group := [r for r in rows if r.role == value])]


def conference_history(conference, user, limit=50):
    figures = ReportedFigure.history.filter(conference_id=conference.pk)
    # Figures have a read rule of their own: the history shows no more than the page does
    # (and, to readers limited to a province, nothing of a figure since deleted).
    figures = _where_readable(figures, "id", ReportedFigure, user)
    return history_entries(
        conference.history.all(),
        ConferenceBody.history.filter(conference_id=conference.pk),
        ConferenceAgreement.history.filter(conference_id=conference.pk),
        Appearance.history.filter(conference_id=conference.pk),
        figures,
        hidden_among=hidden_among(user),
        limit=limit,
        exclude=("conference", "order"),
    )


# Body page


def body_detail_queryset(user):
    return readable(Body.objects.all(), user).select_related("sector", "locality", "parent")


def body_relations(body, user, rows=BODY_PAGE_ROWS):
    """The first ``rows`` of each kind of record ``body`` takes part in, readable by
    ``user``, and under ``more`` which kinds have further rows (for a "show all" link).
    The commendations it awarded or received are awards.selectors.body_decisions."""
    appeared = Appearance.objects.filter(person=OuterRef("pk"), body=body)
    # One row more than shown tells whether there are more, without counting.
    first = {
        "agreements": list(
            readable(Agreement.objects.filter(party_links__body=body), user).order_by(
                F("signed_on").desc(nulls_last=True), "-pk"
            )[: rows + 1]
        ),
        "conferences": list(
            readable(Conference.objects.filter(body_links__body=body), user)
            .prefetch_related("extra_kinds")
            .order_by(F("held_on").desc(nulls_last=True), "-pk")[: rows + 1]
        ),
        "people": list(
            readable(Person.objects.filter(Exists(appeared)), user)
            .annotate(
                last_seen=Max(
                    Coalesce("appearances__conference__held_on", "appearances__agreement__signed_on"),
                    filter=Q(appearances__body=body),
                )
            )
            .order_by(F("last_seen").desc(nulls_last=True), "full_name")[: rows + 1]
        ),
    }
    children = readable(Body.objects.filter(parent=body), user).select_related("sector", "locality")
    return {
        "children": list(children.order_by("name")),
        "more": {key: len(found) > rows for key, found in first.items()},
        **{key: found[:rows] for key, found in first.items()},
    }


# Person page


def person_detail_queryset(user):
    return readable(Person.objects.all(), user)


def person_appearances(person, user):
    """The person's appearances at events ``user`` may read, newest first, with the rank,
    positions and body of that day."""
    appearances = Appearance.objects.filter(person=person)
    if not access_for(user).reads_all:
        appearances = appearances.filter(
            Q(conference__in=readable(Conference.objects.all(), user))
            | Q(agreement__in=readable(Agreement.objects.all(), user))
        )
    return list(
        appearances.select_related("conference", "agreement", "body")
        .annotate(event_date=Coalesce("conference__held_on", "agreement__signed_on"))
        .order_by(F("event_date").desc(nulls_last=True), "-pk")
    )
