"""Filters and sort orders of the award decision list."""

import django_filters
from django import forms
from django.db.models import Exists, F, OuterRef, Q
from django.db.models.lookups import GreaterThanOrEqual, LessThanOrEqual
from django.utils.translation import gettext_lazy as _

from agreements.filters import ProvinceFilter, SearchFilter
from agreements.models import Agreement, Body, ConferenceAgreement, EntryStatus, Sector
from awards.dating import decision_year
from awards.models import AwardDecision, AwardForm, AwardRecipient, DecisionProvince
from common.listing import BrowseFilterSet, YearFilter
from common.search import every_word

_authorities = AwardDecision.authorities.through


class DecisionFilter(BrowseFilterSet):
    q = SearchFilter(label=_("Search"), method="filter_q")
    form = django_filters.ModelChoiceFilter(
        label=_("Form of commendation"), queryset=AwardForm.objects.all(), empty_label=_("Any form")
    )
    category = django_filters.ChoiceFilter(
        label=_("Category"), field_name="form__category", choices=AwardForm.Category.choices, empty_label=_("Any")
    )
    entry_status = django_filters.ChoiceFilter(
        label=_("Entry status"), choices=EntryStatus.choices, empty_label=_("Any")
    )
    sector = django_filters.ModelChoiceFilter(
        label=_("Sector"), queryset=Sector.objects.all(), method="filter_sector", empty_label=_("Any sector")
    )
    province = ProvinceFilter(method="filter_province")
    year = YearFilter(method="filter_year", help_text=_("Decided that year (undated: the year of its conference)."))
    year_from = YearFilter(label=_("From year"), method="filter_year_from")
    year_to = YearFilter(label=_("To year"), method="filter_year_to")
    revoked = django_filters.ChoiceFilter(
        label=_("Revoked"),
        choices=[("no", _("Not revoked")), ("yes", _("Revoked"))],
        method="filter_revoked",
        empty_label=_("Any"),
    )
    body = django_filters.ModelChoiceFilter(
        queryset=Body.objects.all(), method="filter_body", widget=forms.HiddenInput, label=_("Body")
    )
    agreement = django_filters.ModelChoiceFilter(
        queryset=Agreement.objects.all(), method="filter_agreement", widget=forms.HiddenInput, label=_("Agreement")
    )

    class Meta(BrowseFilterSet.Meta):
        model = AwardDecision

    def filter_year(self, queryset, name, value):
        return queryset.filter(GreaterThanOrEqual(decision_year(), value), LessThanOrEqual(decision_year(), value))

    def filter_year_from(self, queryset, name, value):
        return queryset.filter(GreaterThanOrEqual(decision_year(), value))

    def filter_year_to(self, queryset, name, value):
        return queryset.filter(LessThanOrEqual(decision_year(), value))

    def filter_revoked(self, queryset, name, value):
        return queryset.filter(revoked_on__isnull=value == "no")

    def filter_agreement(self, queryset, name, value):
        # The agreement's conferences are read first (a few dozen ids): two index lookups
        # instead of an EXISTS per decision over half a million rows.
        conferences = list(ConferenceAgreement.objects.filter(agreement=value).values_list("conference", flat=True))
        return queryset.filter(Q(agreement=value) | Q(conference__in=conferences))

    def filter_q(self, queryset, name, value):
        # Every word in the decision's number, authorities as written or reason, its form, a
        # recipient's name or an awarding body's name.
        return every_word(
            queryset,
            value,
            lambda word: [
                AwardDecision.objects.filter(search__matches=word).values("pk"),
                AwardDecision.objects.filter(form__in=AwardForm.objects.filter(search__matches=word)).values("pk"),
                AwardRecipient.objects.filter(search__matches=word).values("decision"),
                _authorities.objects.filter(body__search__matches=word).values("awarddecision"),
            ],
        )

    def filter_sector(self, queryset, name, value):
        return queryset.filter(Exists(_authorities.objects.filter(awarddecision=OuterRef("pk"), body__sector=value)))

    def filter_province(self, queryset, name, value):
        # The decisions' stored provinces: each locality with what it merged into.
        # (EXISTS: SQLite then reads the list in its order and stops at the page.)
        return queryset.filter(Exists(DecisionProvince.objects.filter(province=value.pk, decision=OuterRef("pk"))))

    def filter_body(self, queryset, name, value):
        # What the body awarded or received.
        return queryset.filter(
            Exists(_authorities.objects.filter(awarddecision=OuterRef("pk"), body=value))
            | Exists(AwardRecipient.objects.filter(decision=OuterRef("pk"), body=value))
        )


DECISION_SORTS = {
    "-decided": (_("Newest first"), (F("decided_on").desc(nulls_last=True), "-pk")),
    "decided": (_("Oldest first"), (F("decided_on").asc(nulls_last=True), "pk")),
    "form": (_("Form (highest first)"), ("form__rank_order", F("decided_on").desc(nulls_last=True), "-pk")),
    "-total": (_("Most recipients"), (F("total_count").desc(nulls_last=True), "-pk")),
}
