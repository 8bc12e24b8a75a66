"""From what the extractor read to the "Record a conference" form, matched to the registry.

Bodies, people, agreements (by number, alias or title, ignoring tone marks), movements,
indicators and forms of commendation already in the registry are picked rather than typed
again; what is not found is typed into the form's "new …" fields for the user to check.
Values below the confidence threshold are not put in the form: they are listed as
suggestions next to the highlighted text. A conference that looks already recorded (the
same hosts on the same date, or the same source URL) is flagged.
"""

import datetime
import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from agreements.access import access_for, readable
from agreements.models import (
    Agreement,
    AgreementAlias,
    Appearance,
    Body,
    Conference,
    ConferenceAgreement,
    Indicator,
    Locality,
    Movement,
    Person,
    Source,
)
from awards.models import AwardForm
from common.text import clean, fold
from pressimport.extraction.extract import THRESHOLD, name_key
from pressimport.extraction.highlight import marks_of, suggestions_of
from pressimport.extraction.values import proposed_values

CONFERENCE_KINDS = {
    "sơ kết": Conference.Kind.INTERIM_REVIEW,
    "tổng kết": Conference.Kind.FINAL_REVIEW,
    "ký kết": Conference.Kind.SIGNING,
    "biểu dương": Conference.Kind.COMMENDATION,
    "tuyên dương": Conference.Kind.COMMENDATION,
    "giao ban": Conference.Kind.BRIEFING,
}
AWARD_CATEGORIES = {
    "bằng khen": AwardForm.Category.CERTIFICATE_OF_MERIT,
    "giấy khen": AwardForm.Category.CERTIFICATE,
    "cờ thi đua": AwardForm.Category.EMULATION_FLAG,
    "huân chương": AwardForm.Category.ORDER,
    "huy chương": AwardForm.Category.MEDAL,
    "kỷ niệm chương": AwardForm.Category.MEDAL,
    "chiến sĩ thi đua": AwardForm.Category.TITLE,
    "other": AwardForm.Category.OTHER,
}
HONORIFICS = {"ông": Appearance.Honorific.ONG, "bà": Appearance.Honorific.BA, "đồng chí": Appearance.Honorific.DONG_CHI}
_FILLER_WORDS = {"cac", "cua", "va", "cho", "voi", "da", "duoc", "nhung", "trong", "tai", "tren", "hon", "do", "nam"}
_LEVEL_AT_END = re.compile(r"\b(?:tinh|thanh pho|huyen|quan|thi xa|xa|phuong|thi tran)$")


def match_key(name: str) -> str:
    """Name key for matching to the registry: "Việt Nam" in a name is left out."""
    return " ".join(re.sub(r"\bviet nam\b", " ", name_key(name)).split())


def rank_code(rank: str | None) -> str:
    if not rank:
        return ""
    code = fold(rank).replace(" ", "_")
    return code if code in Appearance.Rank.values else ""


@dataclass
class Proposal:
    form: dict
    rows: dict
    marks: list = field(default_factory=list)
    suggestions: list = field(default_factory=list)  # (label, text, confidence, anchor)
    values: list = field(default_factory=list)  # ProposedValue, each accepted or rejected on the page
    duplicates: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    matched: dict = field(default_factory=dict)  # what was found in the registry, for the page


class Registry:
    """Lookups into the registry for one proposal (a handful of queries, whatever the text)."""

    def __init__(self, user, places):
        self.user = user
        self.bodies = defaultdict(set)
        self.body_names = {}
        for pk, name, short in Body.objects.values_list("pk", "name", "short_name"):
            self.body_names[pk] = name
            for written in (name, short):
                if written:
                    self.bodies[match_key(written)].add(pk)
        access = access_for(user)
        own = Body.objects.filter(pk__in=access.staff_body_ids).select_related("locality")
        self.places = list(places)
        for body in own:
            if body.locality is not None:
                for place in (body.locality.short_name, body.locality.name):
                    if place and place not in self.places:
                        self.places.append(place)

    def body(self, name):
        key = match_key(name)
        if _LEVEL_AT_END.search(key):
            # "Công an tỉnh": of the province the report is about, else of the user's own.
            for place in self.places:
                place_key = match_key(re.sub(r"^(?:Tỉnh|Thành phố|tỉnh|thành phố)\s+", "", place))
                hits = self.bodies.get(f"{key} {place_key}", set())
                if len(hits) == 1:
                    return next(iter(hits))
        hits = self.bodies.get(key, set())
        return next(iter(hits)) if len(hits) == 1 else None

    def person(self, name):
        hits = list(Person.objects.filter(search=fold(name)).values_list("pk", flat=True)[:2])
        return hits[0] if len(hits) == 1 else None

    def agreement(self, item):
        """An agreement of the registry with the number or an alias (or a number it begins
        with: "Quy chế số 03" for 03/QC-BCA-TLĐLĐ), or, for one reviewed or cited, the title."""
        readable_agreements = readable(Agreement.objects.all(), self.user)
        if item.number:
            key = fold(item.number)
            found = {a.pk for a in readable_agreements.filter(search__contains=key) if fold(a.number) == key}
            found |= set(
                AgreementAlias.objects.filter(search=key, agreement__in=readable_agreements).values_list(
                    "agreement", flat=True
                )
            )
            if len(found) == 1:
                return found.pop()
            if not found:
                prefixed = [
                    a.pk
                    for a in readable_agreements.filter(kind=item.kind, search__startswith=key + "/")
                    if fold(a.number).startswith(key + "/")
                ]
                if len(prefixed) == 1:
                    return prefixed[0]
            return None
        if item.role == ConferenceAgreement.Role.SIGNED or not item.subject:
            return None
        subject = fold(item.subject)
        hits = [
            a.pk
            for a in readable_agreements.filter(kind=item.kind, search__contains=subject)
            if not item.period or not a.period_start or (a.period_start, a.period_end) == tuple(item.period)
        ]
        return hits[0] if len(hits) == 1 else None

    def movements(self, item):
        for name in (item.name, item.canonical):
            if name:
                found = list(Movement.objects.matching(name).values_list("pk", flat=True))
                if found:
                    return found
        return []

    def indicator(self, figure, indicators):
        unit = fold(figure.unit)
        best, best_score = None, 0.0
        what = set(name_key(f"{figure.what} {figure.context}").split()) - _FILLER_WORDS
        for indicator in indicators:
            if fold(indicator.unit).split()[:1] != unit.split()[:1]:
                continue
            words = set(name_key(indicator.name).split()) - _FILLER_WORDS
            score = len(what & words) / len(words) if words else 0
            if score > best_score:
                best, best_score = indicator, score
        return best if best_score >= 0.5 else None

    def award_form(self, label, awarded_by, forms):
        label_key = fold(label)
        for form in forms:
            if fold(form.name) == label_key or (form.short_name and fold(form.short_name) == label_key):
                return form
        category = AWARD_CATEGORIES.get(label.lower()) or next(
            (c for k, c in AWARD_CATEGORIES.items() if label.lower().startswith(k)), None
        )
        candidates = [f for f in forms if f.category == category]
        if awarded_by and "thu tuong" in fold(awarded_by):
            named = [f for f in candidates if "thu tuong" in fold(f.name)]
            candidates = named or candidates
        # The lowest honour of the category is the common one ("Bằng khen" of a ministry or province).
        return max(candidates, key=lambda f: f.rank_order) if candidates else None


def propose(result, *, user, source_url="") -> Proposal:
    """The entry form's initial data and rows for ``result``, matched to the registry."""
    registry = Registry(user, result.provinces)
    proposed = {name: result.proposed(name) for name in ("agreements", "officials", "commendations", "figures")}

    body_ids = {}
    for body in result.bodies:
        pk = registry.body(body.name)
        if pk:
            body_ids[name_key(body.name)] = pk

    def body_pk(name):
        if not name:
            return None
        key = name_key(name)
        if key not in body_ids:
            body_ids[key] = registry.body(name)
        return body_ids[key]

    hosts = [pk for pk in (body_pk(name) for name in result.hosts) if pk]
    hosts = list(dict.fromkeys(hosts))
    participants = []
    for official in proposed["officials"]:
        pk = body_pk(official.body)
        if pk and pk not in hosts and pk not in participants:
            participants.append(pk)

    conference = result.conference
    kind = CONFERENCE_KINDS.get(conference.kind[0], Conference.Kind.OTHER) if conference.kind else ""
    extra_kinds = [CONFERENCE_KINDS[k[0]] for k in conference.also_kinds if k[0] in CONFERENCE_KINDS]
    movement_ids = []
    for movement in result.proposed("movements"):
        for pk in registry.movements(movement):
            if pk not in movement_ids:
                movement_ids.append(pk)
    form = {
        "kind": kind,
        "extra_kinds": [k for k in extra_kinds if k != kind],
        "held_on": conference.held_on[0] if conference.held_on and conference.held_on[2] >= THRESHOLD else None,
        "held_on_text": conference.held_on_text[0] if conference.held_on_text else "",
        "place": conference.place[0] if conference.place else "",
        "hosts": hosts,
        "participants": participants,
        "reviewed_period": conference.reviewed_period[0] if conference.reviewed_period else None,
        "movements": movement_ids,
        "model_practices": "\n".join(m.name for m in result.proposed("models")),
        "source_url": source_url,
    }
    localities = {fold(p) for p in result.provinces[:1]}
    if localities:
        # Provinces merged on 1 July 2025 share names with their successors: take the one
        # that existed on the day of the conference (today when the day is not known).
        day = form["held_on"] or datetime.date.today()
        candidates = [
            loc
            for loc in Locality.objects.filter(level=Locality.Level.PROVINCE).order_by("pk")
            if fold(loc.short_name or "") in localities or fold(loc.name) in localities
        ]
        valid = [
            loc
            for loc in candidates
            if (loc.valid_from is None or loc.valid_from <= day) and (loc.valid_to is None or day <= loc.valid_to)
        ]
        if valid or candidates:
            form["locality"] = (valid or candidates)[0].pk

    agreement_rows = []
    agreement_ids = {}
    reviewed = [a for a in proposed["agreements"] if a.role == ConferenceAgreement.Role.REVIEWED]
    for item in proposed["agreements"]:
        pk = registry.agreement(item)
        agreement_ids[id(item)] = pk
    for item in proposed["agreements"]:
        pk = agreement_ids[id(item)]
        if pk:
            agreement_rows.append({"role": item.role, "agreement": pk, "_item": item})
            continue
        parties = [pk for pk in (body_pk(b.name) for b in item.party_bodies) if pk]
        row = {
            "role": item.role,
            "new_kind": item.kind,
            "new_number": item.number or "",
            "new_title": _agreement_title(item),
            "new_signed_on": item.signed_on,
            "new_period": item.period,
            "new_parties": list(dict.fromkeys(parties)),
            "_item": item,
        }
        if item.implements is not None and agreement_ids.get(id(item.implements)):
            row["new_implements"] = agreement_ids[id(item.implements)]
        if (
            item.role == ConferenceAgreement.Role.SIGNED
            and len(reviewed) == 1
            and reviewed[0].kind == item.kind
            and agreement_ids.get(id(reviewed[0])) is None
        ):
            row["new_succeeds_reviewed"] = True
        elif item.role == ConferenceAgreement.Role.SIGNED and len(reviewed) == 1 and reviewed[0].kind == item.kind:
            row["new_supersedes"] = agreement_ids[id(reviewed[0])]
        agreement_rows.append(row)
    # Rows the form cannot take are left for the user: the same agreement twice in one role.
    seen = set()
    unique_rows, agreement_items = [], []
    for row in agreement_rows:
        item = row.pop("_item")
        key = (row["role"], row.get("agreement"))
        if row.get("agreement") and key in seen:
            continue
        seen.add(key)
        unique_rows.append(row)
        agreement_items.append(item)

    signed_here = any(row["role"] == ConferenceAgreement.Role.SIGNED for row in unique_rows)
    people_rows = []
    for official in proposed["officials"]:
        role = official.role if official.role in Appearance.Role.values else Appearance.Role.SPEAKER
        if role == Appearance.Role.SIGNATORY and not signed_here:
            role = Appearance.Role.SPEAKER
        person = registry.person(official.name)
        people_rows.append(
            {
                "role": role,
                "person": person,
                "new_person": "" if person else official.name,
                "honorific": HONORIFICS.get(official.honorific or "", ""),
                "rank": rank_code(official.rank),
                "positions": "\n".join(p.text for p in official.positions),
                "body": body_pk(official.body),
                "signs": role == Appearance.Role.SIGNATORY,
            }
        )

    indicators = list(Indicator.objects.all())
    default_body = hosts[0] if hosts else None
    figure_rows = []
    for figure in proposed["figures"]:
        indicator = registry.indicator(figure, indicators)
        figure_rows.append(
            {
                "indicator": indicator.pk if indicator else None,
                "new_indicator": "" if indicator else clean(figure.what)[:300],
                "new_unit": "" if indicator else figure.unit,
                "value": figure.value,
                "body": body_pk(figure.body.name) if figure.body else default_body,
                "source_quote": figure.text[:1000],
            }
        )

    award_forms = list(AwardForm.objects.all())
    commendation_rows = []
    for item in proposed["commendations"]:
        award_form = registry.award_form(item.form, item.awarded_by, award_forms)
        authorities = [pk for pk in (body_pk(b.name) for b in item.authority_bodies) if pk]
        commendation_rows.append(
            {
                "form": award_form.pk if award_form else None,
                "authorities": list(dict.fromkeys(authorities)),
                "authorities_text": (item.awarded_by or "")[:300],
                "total_count": item.recipients_count,
                "collective_count": item.collective_count,
                "individual_count": item.individual_count,
                "reason": item.reason,
            }
        )

    proposal = Proposal(
        form=form,
        rows={
            "agreements": unique_rows,
            "people": people_rows,
            "figures": figure_rows,
            "commendations": commendation_rows,
        },
    )
    proposal.values = proposed_values(
        result,
        form=form,
        row_items={
            "agreements": agreement_items,
            "people": proposed["officials"],
            "figures": proposed["figures"],
            "commendations": proposed["commendations"],
        },
        movements=[(m, registry.movements(m)) for m in result.proposed("movements")],
    )
    proposal.marks = marks_of(result)
    proposal.suggestions = suggestions_of(result)
    proposal.duplicates = possible_duplicates(user=user, held_on=form["held_on"], hosts=hosts, source_url=source_url)
    proposal.matched = {
        "bodies": sum(1 for pk in body_ids.values() if pk),
        "people": sum(1 for row in people_rows if row["person"]),
        "agreements": sum(1 for row in unique_rows if row.get("agreement")),
        "movements": len(movement_ids),
    }
    if not hosts:
        proposal.warnings.append(_("No host of the conference was found in the registry: choose the hosts."))
    return proposal


def _agreement_title(item):
    """The subject as the title; without one, an agreement with no number is named by its
    kind, parties and period (the kind is shown before the title on every page)."""
    if item.subject:
        return clean(item.subject)[:500]
    if item.number:
        return ""
    parts = [f"{item.kind_label.capitalize()} phối hợp"]
    if len(item.parties) >= 2:
        parts.append(f"giữa {' và '.join(item.parties[:3])}")
    if item.period:
        parts.append(f"giai đoạn {item.period[0]}-{item.period[1]}")
    return clean(" ".join(parts))[:500]


def possible_duplicates(*, user, held_on, hosts, source_url):
    """Conferences that look like this one: the same source URL, or the same hosts on the same day."""
    conditions = Q(pk__in=[])
    if source_url:
        conditions |= Q(source__url=source_url)
    if held_on and hosts:
        same_day = (
            Conference.objects.filter(held_on=held_on, body_links__body__in=hosts)
            .annotate(shared=Count("body_links", distinct=True))
            .filter(shared__gte=min(2, len(hosts)))
            .values("pk")
        )
        conditions |= Q(pk__in=same_day)
    return list(readable(Conference.objects.filter(conditions), user).distinct().order_by("-held_on", "-pk")[:5])


def source_already_imported(url):
    return bool(url) and Source.objects.filter(url=url).exclude(text="").exists()
