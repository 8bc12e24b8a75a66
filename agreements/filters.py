"""Filters and sort orders of the agreement, conference, body and people lists."""

import django_filters
from django import forms
from django.db.models import Exists, F, OuterRef, Q
from django.db.models.lookups import GreaterThanOrEqual, LessThanOrEqual
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agreements.access import readable
from agreements.dating import conference_year
from agreements.models import (
    Agreement,
    AgreementAlias,
    AgreementParty,
    Appearance,
    Body,
    Conference,
    ConferenceAgreement,
    ConferenceBody,
    ConferenceExtraKind,
    ConferenceProvince,
    EntryStatus,
    Locality,
    Person,
    Sector,
)
from common.forms import SearchField
from common.listing import BrowseFilterSet, YearFilter, period_choices, split_period
from common.search import every_word, every_word_in_own_text


def current_provinces():
    return Locality.objects.filter(level=Locality.Level.PROVINCE, valid_to__isnull=True).order_by("name")


class ProvinceFilter(django_filters.ModelChoiceFilter):
    """A current province; the method receives the province and filters on ``localities(province)``."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", _("Province"))
        kwargs.setdefault("queryset", current_provinces())
        kwargs.setdefault("empty_label", _("Any province"))
        super().__init__(*args, **kwargs)


def province_localities(province):
    """The province and the old provinces it absorbed, as a subquery of locality ids."""
    return Locality.objects.filter(Q(pk=province.pk) | Q(successors=province)).values("pk")


def allowed_records(user):
    """The records the filters naming one record (``agreement``, ``body``) may name for
    ``user``: those they may read (common.listing.listing)."""
    return {"agreement": readable(Agreement.objects.all(), user), "body": readable(Body.objects.all(), user)}


class SearchFilter(django_filters.CharFilter):
    """The search box: typed text, with control characters (NUL) and excess length dropped."""

    field_class = SearchField


def _search_filter():
    return SearchFilter(label=_("Search"), method="filter_q")


def _sector_filter():
    return django_filters.ModelChoiceFilter(
        label=_("Sector"), queryset=Sector.objects.all(), method="filter_sector", empty_label=_("Any sector")
    )


def _entry_status_filter():
    return django_filters.ChoiceFilter(
        label=_("Entry status"), choices=EntryStatus.choices, empty_label=_("Any"), field_name="entry_status"
    )


def _agreement_filter():
    # Set by the dashboard's links ("the conferences of this agreement"); not offered in the form.
    return django_filters.ModelChoiceFilter(
        queryset=Agreement.objects.all(), method="filter_agreement", widget=forms.HiddenInput, label=_("Agreement")
    )


def _body_filter():
    # Set by the "show all" links of a body's page; not offered in the form.
    return django_filters.ModelChoiceFilter(
        queryset=Body.objects.all(), method="filter_body", widget=forms.HiddenInput, label=_("Body")
    )


class AgreementFilter(BrowseFilterSet):
    q = _search_filter()
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Agreement.Kind.choices, empty_label=_("Any kind"))
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Agreement.Status.choices, empty_label=_("Any status"), method="filter_status"
    )
    entry_status = _entry_status_filter()
    sector = _sector_filter()
    province = ProvinceFilter(method="filter_province")
    year = YearFilter(method="filter_year", help_text=_("Signed that year, or its period covers it."))
    period = django_filters.ChoiceFilter(
        label=_("Period"),
        choices=period_choices(Agreement, "period_start", "period_end"),
        method="filter_period",
        empty_label=_("Any period"),
    )
    ends_from = YearFilter(label=_("Period ends from"), field_name="period_end", lookup_expr="gte")
    ends_to = YearFilter(label=_("Period ends by"), field_name="period_end", lookup_expr="lte")
    body = _body_filter()
    agreement = _agreement_filter()

    class Meta(BrowseFilterSet.Meta):
        model = Agreement

    def filter_agreement(self, queryset, name, value):
        return queryset.filter(Q(pk=value.pk) | Q(implements=value))

    def filter_status(self, queryset, name, value):
        return queryset.in_status(value, timezone.localdate())

    def filter_q(self, queryset, name, value):
        # Every word in the agreement's number or title, one of its other numbers, or a party's name.
        return every_word(
            queryset,
            value,
            lambda word: [
                Agreement.objects.filter(search__matches=word).values("pk"),
                AgreementAlias.objects.filter(search__matches=word).values("agreement"),
                AgreementParty.objects.filter(body__search__matches=word).values("agreement"),
            ],
        )

    def filter_sector(self, queryset, name, value):
        return queryset.filter(Exists(AgreementParty.objects.filter(agreement=OuterRef("pk"), body__sector=value)))

    def filter_province(self, queryset, name, value):
        return queryset.filter(
            Exists(
                AgreementParty.objects.filter(agreement=OuterRef("pk"), body__locality__in=province_localities(value))
            )
        )

    def filter_year(self, queryset, name, value):
        return queryset.filter(Q(signed_on__year=value) | Q(period_start__lte=value, period_end__gte=value))

    def filter_period(self, queryset, name, value):
        start, end = split_period(value)
        return queryset.filter(period_start=start, period_end=end)

    def filter_body(self, queryset, name, value):
        return queryset.filter(Exists(AgreementParty.objects.filter(agreement=OuterRef("pk"), body=value)))


AGREEMENT_SORTS = {
    "-signed": (_("Newest first"), (F("signed_on").desc(nulls_last=True), "-pk")),
    "signed": (_("Oldest first"), (F("signed_on").asc(nulls_last=True), "pk")),
    "number": (_("Number"), ("number", "pk")),
    "-period": (_("Latest period first"), (F("period_end").desc(nulls_last=True), "-pk")),
    "kind": (_("Kind"), ("kind", F("signed_on").desc(nulls_last=True), "-pk")),
}


class ConferenceFilter(BrowseFilterSet):
    q = _search_filter()
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Conference.Kind.choices, method="filter_kind", empty_label=_("Any kind")
    )
    entry_status = _entry_status_filter()
    sector = _sector_filter()
    province = ProvinceFilter(method="filter_province")
    year = YearFilter(method="filter_year", help_text=_("Held that year (undated: the last year it reviewed)."))
    year_from = YearFilter(label=_("From year"), method="filter_year_from")
    year_to = YearFilter(label=_("To year"), method="filter_year_to")
    period = django_filters.ChoiceFilter(
        label=_("Reviewed period"),
        choices=period_choices(Conference, "reviewed_period_start", "reviewed_period_end"),
        method="filter_period",
        empty_label=_("Any period"),
    )
    body = _body_filter()
    agreement = _agreement_filter()

    class Meta(BrowseFilterSet.Meta):
        model = Conference

    def filter_year(self, queryset, name, value):
        return queryset.filter(GreaterThanOrEqual(conference_year(), value), LessThanOrEqual(conference_year(), value))

    def filter_year_from(self, queryset, name, value):
        return queryset.filter(GreaterThanOrEqual(conference_year(), value))

    def filter_year_to(self, queryset, name, value):
        return queryset.filter(LessThanOrEqual(conference_year(), value))

    def filter_agreement(self, queryset, name, value):
        return queryset.filter(Exists(ConferenceAgreement.objects.filter(conference=OuterRef("pk"), agreement=value)))

    def filter_q(self, queryset, name, value):
        # Every word in the conference's title, place or date as written, its locality, or a body's name.
        return every_word(
            queryset,
            value,
            lambda word: [
                Conference.objects.filter(search__matches=word).values("pk"),
                Conference.objects.filter(locality__in=Locality.objects.filter(search__matches=word)).values("pk"),
                ConferenceBody.objects.filter(body__search__matches=word).values("conference"),
            ],
        )

    def filter_kind(self, queryset, name, value):
        return queryset.filter(
            Q(kind=value) | Exists(ConferenceExtraKind.objects.filter(conference=OuterRef("pk"), kind=value))
        )

    def filter_sector(self, queryset, name, value):
        return queryset.filter(Exists(ConferenceBody.objects.filter(conference=OuterRef("pk"), body__sector=value)))

    def filter_province(self, queryset, name, value):
        # The conferences' stored provinces: each locality with what it merged into.
        # (EXISTS: SQLite then reads the list in its order and stops at the page; an IN list
        # made it fetch every conference of the province and sort them.)
        return queryset.filter(Exists(ConferenceProvince.objects.filter(province=value.pk, conference=OuterRef("pk"))))

    def filter_period(self, queryset, name, value):
        start, end = split_period(value)
        return queryset.filter(reviewed_period_start=start, reviewed_period_end=end)

    def filter_body(self, queryset, name, value):
        return queryset.filter(Exists(ConferenceBody.objects.filter(conference=OuterRef("pk"), body=value)))


CONFERENCE_SORTS = {
    "-held": (_("Newest first"), (F("held_on").desc(nulls_last=True), "-pk")),
    "held": (_("Oldest first"), (F("held_on").asc(nulls_last=True), "pk")),
    "title": (_("Title"), ("title", "pk")),
}


class BodyFilter(BrowseFilterSet):
    q = _search_filter()
    sector = django_filters.ModelChoiceFilter(
        label=_("Sector"), queryset=Sector.objects.all(), empty_label=_("Any sector")
    )
    level = django_filters.ChoiceFilter(label=_("Level"), choices=Body.Level.choices, empty_label=_("Any level"))
    province = ProvinceFilter(method="filter_province")

    class Meta(BrowseFilterSet.Meta):
        model = Body

    def filter_q(self, queryset, name, value):
        return every_word_in_own_text(queryset, value)

    def filter_province(self, queryset, name, value):
        return queryset.filter(locality__in=province_localities(value))


BODY_SORTS = {
    "name": (_("Name"), ("name", "pk")),
    "sector": (_("Sector"), ("sector__order", "sector__name", "name", "pk")),
    "level": (_("Level"), ("level", "name", "pk")),
}


class PersonFilter(BrowseFilterSet):
    q = _search_filter()
    sector = _sector_filter()
    province = ProvinceFilter(method="filter_province")
    body = _body_filter()

    class Meta(BrowseFilterSet.Meta):
        model = Person

    def filter_q(self, queryset, name, value):
        return every_word_in_own_text(queryset, value)

    def filter_sector(self, queryset, name, value):
        return queryset.filter(Exists(Appearance.objects.filter(person=OuterRef("pk"), body__sector=value)))

    def filter_province(self, queryset, name, value):
        return queryset.filter(
            Exists(Appearance.objects.filter(person=OuterRef("pk"), body__locality__in=province_localities(value)))
        )

    def filter_body(self, queryset, name, value):
        return queryset.filter(Exists(Appearance.objects.filter(person=OuterRef("pk"), body=value)))


PERSON_SORTS = {
    "name": (_("Name"), ("full_name", "pk")),
    "-seen": (_("Seen most recently"), (F("last_seen").desc(nulls_last=True), "full_name", "pk")),
    "-appearances": (_("Most appearances"), ("-appearance_count", "full_name", "pk")),
}
