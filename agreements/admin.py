from django import forms
from django.contrib import admin
from django.contrib.auth import admin as auth_admin
from django.contrib.auth import get_user_model
from django.db.models import F, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agreements import services as agreement_services
from common.admin import HistoryAdmin, LargeTableAdminMixin, VersionedAdmin, years_display

from .models import (
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
    Obligation,
    Person,
    Reminder,
    ReportedFigure,
    Sector,
    Source,
)


def _body_names(bodies):
    return ", ".join(body.short_name or body.name for body in bodies)


# Filters


class PeriodEndFilter(admin.SimpleListFilter):
    """The year a figure's period ends: the last ten years, counted from today, and earlier ones.

    A plain filter on the field would list the years found in the table, with a DISTINCT over
    every figure on each page. Any year may still be asked for (``?period_end=2005``).
    """

    title = ReportedFigure._meta.get_field("period_end").verbose_name
    parameter_name = "period_end"
    years = 10
    EARLIER = "earlier"

    def _listed_years(self):
        this_year = timezone.localdate().year
        return range(this_year, this_year - self.years, -1)

    def lookups(self, request, model_admin):
        return [*((str(year), str(year)) for year in self._listed_years()), (self.EARLIER, _("Earlier"))]

    def queryset(self, request, queryset):
        value = self.value()
        if value == self.EARLIER:
            return queryset.filter(period_end__lt=self._listed_years()[-1])
        if value and value.isdigit() and len(value) == 4:
            return queryset.filter(period_end=int(value))
        return queryset


class AgreementStatusFilter(admin.SimpleListFilter):
    """An agreement's status today, derived from its dates and links (Agreement.status_on)."""

    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return Agreement.Status.choices

    def queryset(self, request, queryset):
        if self.value() in Agreement.Status.values:
            return queryset.in_status(self.value(), timezone.localdate())
        return queryset


# Inlines


class PredecessorInline(admin.TabularInline):
    model = LocalitySuccession
    fk_name = "successor"
    fields = ("predecessor", "effective_on")
    autocomplete_fields = ("predecessor",)
    verbose_name = _("merged from")
    verbose_name_plural = _("merged from")
    extra = 0


class SuccessorInline(admin.TabularInline):
    model = LocalitySuccession
    fk_name = "predecessor"
    fields = ("successor", "effective_on")
    autocomplete_fields = ("successor",)
    verbose_name = _("merged into")
    verbose_name_plural = _("merged into")
    extra = 0


class MembershipInline(admin.TabularInline):
    model = Membership
    fields = ("body", "role")
    autocomplete_fields = ("body",)
    extra = 0


class AgreementAliasInline(admin.TabularInline):
    model = AgreementAlias
    fields = ("number",)
    extra = 0


class AgreementPartyInline(admin.TabularInline):
    model = AgreementParty
    fields = ("body", "order")
    autocomplete_fields = ("body",)
    extra = 0


class SignatoryForm(forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].initial = Appearance.Role.SIGNATORY


class SignatoryInline(admin.StackedInline):
    """The officials who signed an agreement, with rank and positions as on that day."""

    model = Appearance
    fk_name = "agreement"
    form = SignatoryForm
    fields = (("person", "role", "order"), ("rank", "honorific"), "positions", ("body", "conference"))
    autocomplete_fields = ("person", "body", "conference")
    verbose_name = _("signatory")
    verbose_name_plural = _("signatories")
    extra = 0


class AttachmentInline(admin.TabularInline):
    model = Attachment
    fields = ("file", "title", "uploaded_by", "uploaded_at")
    readonly_fields = ("uploaded_by", "uploaded_at")
    extra = 0


class AgreementAttachmentInline(AttachmentInline):
    fk_name = "agreement"


class ConferenceAttachmentInline(AttachmentInline):
    fk_name = "conference"


class ConferenceExtraKindInline(admin.TabularInline):
    model = ConferenceExtraKind
    extra = 0


class ConferenceBodyInline(admin.TabularInline):
    model = ConferenceBody
    fields = ("body", "role")
    autocomplete_fields = ("body",)
    extra = 0


class ConferenceAgreementInline(admin.TabularInline):
    model = ConferenceAgreement
    fields = ("agreement", "role")
    autocomplete_fields = ("agreement",)
    extra = 0


class ConferenceAppearanceInline(admin.StackedInline):
    """Chairs, speakers and guests, with rank and positions as they were that day."""

    model = Appearance
    fk_name = "conference"
    fields = (("person", "role", "order"), ("rank", "honorific"), "positions", ("body", "agreement"))
    autocomplete_fields = ("person", "body", "agreement")
    extra = 0


class ReportedFigureInline(admin.TabularInline):
    model = ReportedFigure
    fields = ("indicator", "value", "body", "period_start", "period_end", "partner_bodies")
    autocomplete_fields = ("indicator", "body", "partner_bodies")
    extra = 0


# Places, bodies, people


@admin.register(Source)
class SourceAdmin(HistoryAdmin):
    list_display = ("__str__", "published_on", "url", "entered_by", "entered_at")
    list_filter = ("published_on", "entered_at")
    list_select_related = ("entered_by",)
    readonly_fields = ("entered_by", "entered_at")


@admin.register(Locality)
class LocalityAdmin(HistoryAdmin):
    list_display = ("name", "short_name", "level", "code", "parent", "valid_to", "merged_into", "merged_from")
    list_filter = ("level", ("valid_to", admin.EmptyFieldListFilter))
    list_select_related = ("parent",)
    autocomplete_fields = ("parent",)
    inlines = (PredecessorInline, SuccessorInline)
    # What a merger changes decides where records count (agreements.summaries); awards.admin
    # puts its own services here, which follow the commendations too.
    services = agreement_services

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("successors", "predecessors")

    def editing(self, pks):
        # The old localities whose records follow a succession: those linked to these now.
        linked = LocalitySuccession.objects.filter(Q(predecessor__in=pks) | Q(successor__in=pks))
        localities = set(pks) | set(linked.values_list("predecessor", flat=True))
        return self.services.editing(localities=localities, touched=[Locality])

    def save_formset(self, request, form, formset, change):
        if formset.model is LocalitySuccession:
            # Old localities newly named in the inline are followed too, before the rows are saved.
            named = {f.cleaned_data.get("predecessor") for f in formset.forms if getattr(f, "cleaned_data", None)}
            with self.services.editing(localities={locality.pk for locality in named if locality}):
                return super().save_formset(request, form, formset, change)
        return super().save_formset(request, form, formset, change)

    @admin.display(description=_("merged into"))
    def merged_into(self, obj):
        return ", ".join(locality.name for locality in obj.successors.all())

    @admin.display(description=_("merged from"))
    def merged_from(self, obj):
        return ", ".join(locality.name for locality in obj.predecessors.all())


@admin.register(LocalitySuccession)
class LocalitySuccessionAdmin(HistoryAdmin):
    list_display = ("predecessor", "successor", "effective_on")
    list_filter = ("effective_on",)
    list_select_related = ("predecessor", "successor")
    autocomplete_fields = ("predecessor", "successor")
    folded_search_fields = ("predecessor__search", "successor__search")
    services = agreement_services

    def editing(self, pks):
        predecessors = LocalitySuccession.objects.filter(pk__in=pks).values_list("predecessor", flat=True)
        return self.services.editing(localities=set(predecessors), touched=[Locality])

    def save_model(self, request, obj, form, change):
        # The old locality this row now names is followed from before the row is saved.
        with self.services.editing(localities=[obj.predecessor_id]):
            super().save_model(request, obj, form, change)


@admin.register(Sector)
class SectorAdmin(HistoryAdmin):
    list_display = ("name", "short_name", "code", "order")


@admin.register(Body)
class BodyAdmin(HistoryAdmin):
    list_display = ("name", "short_name", "sector", "level", "locality", "parent", "valid_to")
    list_filter = ("sector", "level", ("valid_to", admin.EmptyFieldListFilter))
    list_select_related = ("sector", "locality", "parent")
    autocomplete_fields = ("parent", "locality")
    # A body moved to another place or sector moves what it took part in (agreements.summaries).
    services = agreement_services

    def editing(self, pks):
        return self.services.editing(bodies=pks, touched=[Body])

    def get_deleted_objects(self, objs, request):
        # Many-to-many links are dropped silently by a delete; a body that awarded
        # commendations or took part in reported activities is refused like a protected one.
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        for body in objs:
            for decision in body.award_decisions.all():
                protected.append(_("Awarding authority of %(decision)s") % {"decision": decision})
            for figure in body.partner_figures.all():
                protected.append(_("Partner in the reported figure %(figure)s") % {"figure": figure})
        return deleted, counts, perms_needed, protected


@admin.register(Membership)
class MembershipAdmin(HistoryAdmin):
    list_display = ("user", "body", "role")
    list_filter = ("role", "body__sector")
    list_select_related = ("user", "body")
    autocomplete_fields = ("user", "body")
    folded_search_fields = ("body__search",)


@admin.register(Person)
class PersonAdmin(HistoryAdmin):
    list_display = ("full_name", "gender")
    list_filter = ("gender",)


@admin.register(Movement)
class MovementAdmin(HistoryAdmin):
    list_display = ("name",)


@admin.register(ModelPractice)
class ModelPracticeAdmin(HistoryAdmin):
    list_display = ("name", "movement")
    list_filter = ("movement",)
    list_select_related = ("movement",)
    autocomplete_fields = ("movement",)


# Agreements


@admin.register(Agreement)
class AgreementAdmin(LargeTableAdminMixin, VersionedAdmin):
    list_display = ("number", "title", "kind", "signed_on", "period", "status_today", "party_list", "entry_status")
    list_display_links = ("number", "title")
    # Newest first, undated last: the order the agreement_newest_first index is read in.
    ordering = (F("signed_on").desc(nulls_last=True), "-pk")
    list_filter = ("kind", AgreementStatusFilter, "entry_status", "signed_on", "parties__sector")
    folded_search_fields = ("search", "aliases__search")
    autocomplete_fields = ("supersedes", "implements", "movements", "source")
    readonly_fields = ("created_by",)
    fieldsets = (
        (None, {"fields": ("kind", "number", "title", "signed_on", ("period_start", "period_end"), "terminated_on")}),
        (_("Related agreements and movements"), {"fields": ("supersedes", "implements", "movements")}),
        (_("Content"), {"fields": ("key_tasks",)}),
        (_("Entry"), {"fields": ("entry_status", "source", "source_quote", "created_by")}),
    )
    inlines = (AgreementAliasInline, AgreementPartyInline, SignatoryInline, AgreementAttachmentInline)

    def get_queryset(self, request):
        parties = AgreementParty.objects.select_related("body")
        return super().get_queryset(request).prefetch_related(Prefetch("party_links", queryset=parties))

    @admin.display(description=_("period"), ordering="period_start")
    def period(self, obj):
        return years_display(obj.period_start, obj.period_end)

    @admin.display(description=_("parties"))
    def party_list(self, obj):
        return _body_names(link.body for link in obj.party_links.all())

    @admin.display(description=_("status"))
    def status_today(self, obj):
        return obj.get_status_display()

    def editing(self, pks):
        # Its status and its review cycle follow (agreements.obligations), and so does the one
        # it supersedes.
        return agreement_services.editing(agreements=pks, touched=[Agreement])

    def created(self, obj):
        agreement_services.created(agreements=[obj.pk])


# Conferences


@admin.register(Conference)
class ConferenceAdmin(LargeTableAdminMixin, VersionedAdmin):
    list_display = ("__str__", "held_on", "kind", "locality", "host_list", "entry_status")
    # A plain related filter lists the localities; RelatedOnly scans every conference for them.
    list_filter = ("kind", "entry_status", "held_on", "locality")
    list_select_related = ("locality",)
    # Newest first, undated last: the order the conference_newest_first index is read in.
    ordering = (F("held_on").desc(nulls_last=True), "-pk")
    folded_search_fields = ("search", "locality__search")
    autocomplete_fields = ("locality", "movements", "model_practices", "source")
    readonly_fields = ("created_by",)
    fieldsets = (
        (None, {"fields": ("title", "kind", ("held_on", "held_on_text"), "place", "locality")}),
        (
            _("Review"),
            {
                "fields": (
                    ("reviewed_period_start", "reviewed_period_end"),
                    "results",
                    "shortcomings",
                    "remedies",
                    "directions",
                )
            },
        ),
        (_("Movements and model practices"), {"fields": ("movements", "model_practices")}),
        (_("Entry"), {"fields": ("entry_status", "source", "created_by")}),
    )
    inlines = (
        ConferenceExtraKindInline,
        ConferenceBodyInline,
        ConferenceAgreementInline,
        ConferenceAppearanceInline,
        ReportedFigureInline,
        ConferenceAttachmentInline,
    )

    services = agreement_services

    def editing(self, pks):
        return self.services.editing(conferences=pks, touched=[Conference])

    def created(self, obj):
        self.services.created(conferences=[obj.pk])

    def get_queryset(self, request):
        hosts = ConferenceBody.objects.filter(role=ConferenceBody.Role.HOST).select_related("body")
        return super().get_queryset(request).prefetch_related(Prefetch("body_links", queryset=hosts, to_attr="hosts"))

    @admin.display(description=_("hosts"))
    def host_list(self, obj):
        return _body_names(link.body for link in obj.hosts)


# Figures and documents


@admin.register(Indicator)
class IndicatorAdmin(HistoryAdmin):
    list_display = ("name", "unit", "is_main")
    list_filter = ("is_main", "unit")


@admin.register(ReportedFigure)
class ReportedFigureAdmin(LargeTableAdminMixin, HistoryAdmin):
    list_display = ("indicator", "value", "body", "period", "conference", "partner_list")
    list_filter = ("indicator__is_main", PeriodEndFilter, "body__sector")
    list_select_related = ("indicator", "body", "conference")
    # Newest entries first, by the primary key. The model's order (period, then the indicator's
    # name) sorts a million rows joined to their indicators for every page: seconds, not
    # milliseconds. The period column still sorts by period when clicked.
    ordering = ("-pk",)
    autocomplete_fields = ("indicator", "body", "conference", "partner_bodies", "source")
    folded_search_fields = ("indicator__search", "body__search")

    def editing(self, pks):
        return agreement_services.editing(figures=pks)

    def created(self, obj):
        agreement_services.created(figures=[obj.pk])

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("partner_bodies")

    @admin.display(description=_("period"), ordering="period_end")
    def period(self, obj):
        return years_display(obj.period_start, obj.period_end)

    @admin.display(description=_("together with"))
    def partner_list(self, obj):
        return _body_names(obj.partner_bodies.all())


@admin.register(Attachment)
class AttachmentAdmin(HistoryAdmin):
    list_display = ("__str__", "agreement", "conference", "uploaded_by", "uploaded_at")
    list_filter = ("uploaded_at",)
    list_select_related = ("agreement", "conference", "uploaded_by")
    autocomplete_fields = ("agreement", "conference")
    readonly_fields = ("uploaded_by", "uploaded_at")
    folded_search_fields = ("search", "agreement__search", "conference__search")


@admin.register(Obligation)
class ObligationAdmin(HistoryAdmin):
    """The reviews and successors due. The rows follow from the agreements and conferences
    (agreements.obligations); an administrator may only dismiss one with a reason, or undo a
    dismissal, and the history says who did."""

    list_display = ("agreement", "kind", "year", "due_on", "fulfilled", "dismissed_at", "dismissed_by")
    list_filter = ("kind", "fulfilled", ("dismissed_at", admin.EmptyFieldListFilter), "due_on")
    list_select_related = ("agreement", "dismissed_by")
    folded_search_fields = ("agreement__search",)
    fields = (
        "agreement",
        "kind",
        "year",
        "due_on",
        "fulfilled",
        "fulfilled_by_conference",
        "fulfilled_by_agreement",
        "dismissed_at",
        "dismissed_by",
        "dismissal_reason",
    )
    readonly_fields = (
        "agreement",
        "kind",
        "year",
        "due_on",
        "fulfilled",
        "fulfilled_by_conference",
        "fulfilled_by_agreement",
        "dismissed_by",
    )

    def has_add_permission(self, request):
        return False

    def save_model(self, request, obj, form, change):
        obj.dismissed_by = request.user if obj.dismissed_at else None
        super().save_model(request, obj, form, change)


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    """The log of reminders sent (read only: send_reminders writes it)."""

    list_display = ("agreement", "kind", "year", "days_before", "user", "due_on", "sent_at")
    list_filter = ("kind", "days_before")
    list_select_related = ("agreement", "user")
    raw_id_fields = ("agreement", "user")
    search_fields = ("agreement__search",)
    show_full_result_count = False

    def has_change_permission(self, request, obj=None):
        return False


# Users: the bodies a user belongs to, and in which role, are set on the user's page.

User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class UserAdmin(auth_admin.UserAdmin):
    inlines = (*auth_admin.UserAdmin.inlines, MembershipInline)
