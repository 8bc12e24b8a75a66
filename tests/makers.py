"""Small ``make_*`` helpers, one per model: sensible defaults, any field overridable.

Related rows are created when not given (``make_body()`` makes a sector too). Values that
must be unique carry a sequence number. Rows are saved with ``objects.create``, without
``full_clean()``, so a test can also build a row the database must refuse. The derived tables
(summaries, the provinces of each record) follow each row written, through the same write path
as the services and the admin (``awards.services.editing``); a test that changes rows itself
does so inside ``editing`` too (``add_authorities``, ``changing``).
"""

import datetime
import itertools
from contextlib import contextmanager
from decimal import Decimal

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile

from agreements.models import (
    Agreement,
    AgreementAlias,
    AgreementParty,
    Appearance,
    Attachment,
    Body,
    Conference,
    ConferenceAgreement,
    ConferenceBody,
    ConferenceExtraKind,
    Indicator,
    Locality,
    LocalitySuccession,
    Membership,
    ModelPractice,
    Movement,
    Person,
    Reminder,
    ReportedFigure,
    Sector,
    Source,
)
from awards import services as award_services
from awards.models import AwardDecision, AwardForm, AwardRecipient

_sequence = itertools.count(1)


def _written(model, **tracked):
    """The write path of a row of ``model``: its filter choices go stale, ``tracked`` records follow."""
    return award_services.editing(touched=[model], **tracked)


def _next():
    return next(_sequence)


def make_user(**kwargs):
    kwargs.setdefault("username", f"user{_next()}")
    kwargs.setdefault("password", "password")
    return get_user_model().objects.create_user(**kwargs)


def make_group(**kwargs):
    kwargs.setdefault("name", f"Group {_next()}")
    with _written(Group):
        return Group.objects.create(**kwargs)


def make_source(**kwargs):
    kwargs.setdefault("title", "Hội nghị sơ kết Quy chế phối hợp năm 2019")
    kwargs.setdefault("url", f"https://cand.com.vn/bai-viet-{_next()}")
    kwargs.setdefault("published_on", datetime.date(2020, 1, 10))
    with _written(Source):
        return Source.objects.create(**kwargs)


def make_locality(**kwargs):
    n = _next()
    kwargs.setdefault("key", f"test-locality-{n}")
    kwargs.setdefault("name", f"Tỉnh Thái Bình {n}")
    kwargs.setdefault("level", Locality.Level.PROVINCE)
    with _written(Locality):
        return Locality.objects.create(**kwargs)


def make_locality_succession(**kwargs):
    if "predecessor" not in kwargs:
        kwargs["predecessor"] = make_locality(valid_to=datetime.date(2025, 6, 30))
    if "successor" not in kwargs:
        kwargs["successor"] = make_locality(valid_from=datetime.date(2025, 7, 1))
    kwargs.setdefault("effective_on", datetime.date(2025, 7, 1))
    with _written(LocalitySuccession, localities=[kwargs["predecessor"].pk]):
        return LocalitySuccession.objects.create(**kwargs)


def make_sector(**kwargs):
    n = _next()
    kwargs.setdefault("code", f"sector-{n}")
    kwargs.setdefault("name", f"Công an {n}")
    with _written(Sector):
        return Sector.objects.create(**kwargs)


def make_body(**kwargs):
    if "sector" not in kwargs:
        kwargs["sector"] = make_sector()
    kwargs.setdefault("name", "Công an tỉnh Bến Tre")
    kwargs.setdefault("level", Body.Level.PROVINCE)
    with _written(Body):
        return Body.objects.create(**kwargs)


def make_membership(**kwargs):
    if "user" not in kwargs:
        kwargs["user"] = make_user()
    if "body" not in kwargs:
        kwargs["body"] = make_body()
    kwargs.setdefault("role", Membership.Role.STAFF)
    with _written(Membership):
        return Membership.objects.create(**kwargs)


def make_person(**kwargs):
    kwargs.setdefault("full_name", "Nguyễn Văn An")
    with _written(Person):
        return Person.objects.create(**kwargs)


def make_movement(**kwargs):
    kwargs.setdefault("name", f"Toàn dân bảo vệ an ninh Tổ quốc {_next()}")
    with _written(Movement):
        return Movement.objects.create(**kwargs)


def make_model_practice(**kwargs):
    kwargs.setdefault("name", f"Tổ công nhân tự quản {_next()}")
    with _written(ModelPractice):
        return ModelPractice.objects.create(**kwargs)


def make_agreement(**kwargs):
    kwargs.setdefault("kind", Agreement.Kind.REGULATION)
    kwargs.setdefault("number", f"{_next():02d}/QC-BCA-TLĐLĐ")
    kwargs.setdefault("title", "Quy chế phối hợp công tác giữa Bộ Công an và Tổng Liên đoàn Lao động Việt Nam")
    kwargs.setdefault("signed_on", datetime.date(2018, 8, 29))
    kwargs.setdefault("period_start", 2018)
    kwargs.setdefault("period_end", 2023)
    with _written(Agreement, agreements=[kwargs["supersedes"].pk] if kwargs.get("supersedes") else []):
        agreement = Agreement.objects.create(**kwargs)
        award_services.created(agreements=[agreement.pk])
    return agreement


def make_agreement_alias(**kwargs):
    if "agreement" not in kwargs:
        kwargs["agreement"] = make_agreement()
    kwargs.setdefault("number", f"{_next():02d}/QCPH-BCA-TLĐLĐVN")
    with _written(AgreementAlias):
        return AgreementAlias.objects.create(**kwargs)


def make_agreement_party(**kwargs):
    if "agreement" not in kwargs:
        kwargs["agreement"] = make_agreement()
    if "body" not in kwargs:
        kwargs["body"] = make_body()
    with _written(AgreementParty):
        return AgreementParty.objects.create(**kwargs)


def make_conference(**kwargs):
    kwargs.setdefault("kind", Conference.Kind.INTERIM_REVIEW)
    kwargs.setdefault("title", "Hội nghị sơ kết Quy chế phối hợp năm 2019")
    kwargs.setdefault("held_on", datetime.date(2020, 1, 10))
    kwargs.setdefault("place", "Bến Tre")
    with _written(Conference):
        conference = Conference.objects.create(**kwargs)
        award_services.created(conferences=[conference.pk])
    return conference


def make_conference_extra_kind(**kwargs):
    if "conference" not in kwargs:
        kwargs["conference"] = make_conference()
    kwargs.setdefault("kind", Conference.Kind.SIGNING)
    with _written(ConferenceExtraKind, conferences=[kwargs["conference"].pk]):
        return ConferenceExtraKind.objects.create(**kwargs)


def make_conference_body(**kwargs):
    if "conference" not in kwargs:
        kwargs["conference"] = make_conference()
    if "body" not in kwargs:
        kwargs["body"] = make_body()
    kwargs.setdefault("role", ConferenceBody.Role.HOST)
    with _written(ConferenceBody, conferences=[kwargs["conference"].pk]):
        return ConferenceBody.objects.create(**kwargs)


def make_conference_agreement(**kwargs):
    if "conference" not in kwargs:
        kwargs["conference"] = make_conference()
    if "agreement" not in kwargs:
        kwargs["agreement"] = make_agreement()
    kwargs.setdefault("role", ConferenceAgreement.Role.REVIEWED)
    with _written(ConferenceAgreement, conferences=[kwargs["conference"].pk]):
        return ConferenceAgreement.objects.create(**kwargs)


def make_appearance(**kwargs):
    """A speaker at a new conference, unless a conference or an agreement is given."""
    if "person" not in kwargs:
        kwargs["person"] = make_person()
    if "conference" not in kwargs and "agreement" not in kwargs:
        kwargs["conference"] = make_conference()
    kwargs.setdefault("role", Appearance.Role.SPEAKER)
    with _written(Appearance):
        return Appearance.objects.create(**kwargs)


def make_indicator(**kwargs):
    kwargs.setdefault("name", f"Buổi tuyên truyền {_next()}")
    kwargs.setdefault("unit", "buổi")
    with _written(Indicator):
        return Indicator.objects.create(**kwargs)


def make_reported_figure(**kwargs):
    if "indicator" not in kwargs:
        kwargs["indicator"] = make_indicator()
    if "body" not in kwargs:
        kwargs["body"] = make_body()
    kwargs.setdefault("value", Decimal("1291"))
    kwargs.setdefault("period_start", 2019)
    kwargs.setdefault("period_end", 2019)
    with _written(ReportedFigure):
        figure = ReportedFigure.objects.create(**kwargs)
        award_services.created(figures=[figure.pk])
    return figure


def make_attachment(**kwargs):
    """A small PDF attached to a new agreement, unless an agreement or a conference is given.

    The file is written to MEDIA_ROOT: point it at a temporary directory in the test.
    """
    if "agreement" not in kwargs and "conference" not in kwargs:
        kwargs["agreement"] = make_agreement()
    kwargs.setdefault("file", ContentFile(b"%PDF-1.4\n", name="quy-che.pdf"))
    kwargs.setdefault("title", "Bản ký kết")
    with _written(Attachment):
        return Attachment.objects.create(**kwargs)


def make_award_form(**kwargs):
    n = _next()
    kwargs.setdefault("name", f"Bằng khen {n}")
    kwargs.setdefault("category", AwardForm.Category.CERTIFICATE_OF_MERIT)
    kwargs.setdefault("awarded_by", AwardForm.AwardedBy.CENTRAL_OR_PROVINCE)
    kwargs.setdefault("rank_order", 100 + n)
    with _written(AwardForm):
        return AwardForm.objects.create(**kwargs)


def make_award_decision(**kwargs):
    if "form" not in kwargs:
        kwargs["form"] = make_award_form()
    kwargs.setdefault("number", f"{_next()}/QĐ-UBND")
    kwargs.setdefault("decided_on", datetime.date(2020, 1, 5))
    kwargs.setdefault("authorities_text", "Chủ tịch UBND tỉnh")
    authorities = kwargs.pop("authorities", [])
    with _written(AwardDecision):
        decision = AwardDecision.objects.create(**kwargs)
        award_services.created(decisions=[decision.pk])
        decision.authorities.set(authorities)
    return decision


def add_authorities(decision, *bodies):
    """``bodies`` become awarding authorities of ``decision``, the derived tables following."""
    with award_services.editing(decisions=[decision.pk]):
        decision.authorities.add(*bodies)


@contextmanager
def changing(*, conferences=(), decisions=(), figures=(), bodies=(), localities=(), agreements=()):
    """Rows changed inside (``conference.save()`` …) are followed by the derived tables, as an
    admin page's are."""
    with award_services.editing(
        conferences=conferences, decisions=decisions, bodies=bodies, localities=localities, agreements=agreements
    ):
        if figures:
            from agreements import summaries

            summaries.track(figures=figures)
        yield


def make_award_recipient(**kwargs):
    if "decision" not in kwargs:
        kwargs["decision"] = make_award_decision()
    kwargs.setdefault("kind", AwardRecipient.Kind.COLLECTIVE)
    kwargs.setdefault("name", "Công đoàn Khu công nghiệp tỉnh")
    with _written(AwardRecipient):
        return AwardRecipient.objects.create(**kwargs)


# Admin forms


def admin_form_data(response):
    """What a browser would post back, unchanged, from an admin add or change page.

    Covers the main form and every inline (management forms included); file inputs are
    left out, which keeps the files already saved. Change a key or two and post it.
    """
    page_forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        page_forms.append(inline.formset.management_form)
        page_forms.extend(inline.formset.forms)
    data = {}
    for form in page_forms:
        for field in form:
            value = field.value()
            if isinstance(field.field, forms.FileField) or value is None or value is False:
                continue
            if value is True:
                data[field.html_name] = "on"
            elif isinstance(value, list | tuple):
                data[field.html_name] = [str(item) for item in value]
            else:
                data[field.html_name] = str(value)
    return data


def make_reminder(**kwargs):
    if "agreement" not in kwargs:
        kwargs["agreement"] = make_agreement()
    if "user" not in kwargs:
        kwargs["user"] = make_user()
    kwargs.setdefault("kind", "final_review")
    kwargs.setdefault("year", 2023)
    kwargs.setdefault("days_before", 30)
    kwargs.setdefault("due_on", datetime.date(2023, 12, 31))
    with _written(Reminder):
        return Reminder.objects.create(**kwargs)


def make_obligation(**kwargs):
    """A review or successor due: one the agreement's period calls for (agreements.obligations
    derives them), the final review unless ``kind`` says otherwise."""
    agreement = kwargs.pop("agreement", None) or make_agreement(period_start=2020, period_end=2022)
    kwargs.setdefault("kind", "final_review")
    return agreement.obligations.get(**kwargs)
