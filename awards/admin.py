from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import F
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from agreements import admin as agreement_admin
from agreements.models import Body, Conference, Locality, LocalitySuccession
from awards import services as award_services
from common.admin import HistoryAdmin, LargeTableAdminMixin, VersionedAdmin

from .models import AwardDecision, AwardForm, AwardRecipient

COUNT_FIELDS = ("total_count", "collective_count", "individual_count")


class RecipientsMatchCountsFormSet(BaseInlineFormSet):
    """Checks the named recipients, as they are about to be saved, against the decision's counts.

    ``self.instance`` is the decision as the main form cleaned it, so new counts and new
    recipients are checked together.
    """

    def clean(self):
        super().clean()
        if any(self.errors):
            return  # the rows' own errors first: their kinds may not be known yet
        recipients = [form.instance for form in self.forms if form.cleaned_data and not form.cleaned_data.get("DELETE")]
        try:
            self.instance.check_recipients(recipients)
        except ValidationError as error:
            # Keyed by count fields of the decision, which this formset does not have.
            raise ValidationError(error.messages) from error


class RecipientInline(admin.TabularInline):
    model = AwardRecipient
    formset = RecipientsMatchCountsFormSet
    fields = ("kind", "name", "body", "person")
    autocomplete_fields = ("body", "person")
    extra = 0


class DecisionAtConferenceForm(forms.ModelForm):
    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk:
            # The recipients are named on the decision's own page; the counts entered here
            # must still agree with them.
            counts = {name: cleaned_data.get(name) for name in COUNT_FIELDS}
            AwardDecision(**counts).check_recipients(self.instance.recipients.all())
        return cleaned_data


class AwardDecisionInline(admin.StackedInline):
    model = AwardDecision
    form = DecisionAtConferenceForm
    fields = (
        ("form", "number", "decided_on"),
        ("authorities_text", "authorities"),
        COUNT_FIELDS,
        "reason",
    )
    autocomplete_fields = ("form", "authorities")
    show_change_link = True
    extra = 0


class AwardRecipientForm(forms.ModelForm):
    def clean(self):
        cleaned_data = super().clean()
        decision, kind = cleaned_data.get("decision"), cleaned_data.get("kind")
        if decision and kind:
            others = decision.recipients.exclude(pk=self.instance.pk)
            try:
                decision.check_recipients([*others, AwardRecipient(decision=decision, kind=kind)])
            except ValidationError as error:
                raise ValidationError(error.messages) from error
        return cleaned_data


@admin.register(AwardForm)
class AwardFormAdmin(HistoryAdmin):
    list_display = ("name", "short_name", "category", "awarded_by", "rank_order")
    list_filter = ("category", "awarded_by")


@admin.register(AwardDecision)
class AwardDecisionAdmin(LargeTableAdminMixin, VersionedAdmin):
    list_display = (
        "form",
        "number",
        "decided_on",
        "authority_list",
        *COUNT_FIELDS,
        "conference",
        "entry_status",
    )
    list_display_links = ("form", "number")
    list_filter = ("form", "entry_status", "decided_on", ("revoked_on", admin.EmptyFieldListFilter))
    list_select_related = ("form", "conference")
    # Newest first, undated last: the order the awarddecision_newest_first index is read in. The
    # model's "-decided_on" puts undated decisions first on PostgreSQL, which that index does
    # not serve, and sorting half a million decisions took most of a second.
    ordering = (F("decided_on").desc(nulls_last=True), "-pk")
    folded_search_fields = ("search", "recipients__search")
    autocomplete_fields = ("form", "authorities", "conference", "agreement", "movement", "source")
    readonly_fields = ("created_by",)
    fieldsets = (
        (None, {"fields": ("form", "number", "decided_on", "authorities", "authorities_text", "reason")}),
        (_("What it honours"), {"fields": ("conference", "agreement", "movement")}),
        (
            _("Recipients counted"),
            {
                "fields": (COUNT_FIELDS,),
                "description": _("Leave a count empty when the report does not give it."),
            },
        ),
        (_("Revocation"), {"fields": ("revoked_on", "revocation_reason"), "classes": ("collapse",)}),
        (_("Entry"), {"fields": ("entry_status", "source", "source_quote", "created_by")}),
    )
    inlines = (RecipientInline,)

    def editing(self, pks):
        return award_services.editing(decisions=pks)

    def created(self, obj):
        award_services.created(decisions=[obj.pk])

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("authorities")

    @admin.display(description=_("awarding authorities"))
    def authority_list(self, obj):
        return ", ".join(body.short_name or body.name for body in obj.authorities.all()) or obj.authorities_text


@admin.register(AwardRecipient)
class AwardRecipientAdmin(LargeTableAdminMixin, HistoryAdmin):
    form = AwardRecipientForm
    list_display = ("name", "kind", "decision", "body", "person")
    list_filter = ("kind", "decision__form")
    list_select_related = ("decision__form", "body", "person")
    # Newest first, by the primary key; the model's order (collectives, then individuals)
    # would sort the whole table, and the kind filter separates them.
    ordering = ("-pk",)
    autocomplete_fields = ("decision", "body", "person")
    folded_search_fields = ("search", "body__search", "person__search")


# The pages of conferences, bodies and localities are declared in agreements.admin. What they
# change decides where and when the commendations handed out at a conference count
# (awards.summaries), so they are registered again here with this app's write path, which
# follows the decisions too; the conference page also lists the decisions handed out there.


class ConferenceWithAwardsAdmin(agreement_admin.ConferenceAdmin):
    inlines = (*agreement_admin.ConferenceAdmin.inlines, AwardDecisionInline)
    services = award_services


class BodyWithAwardsAdmin(agreement_admin.BodyAdmin):
    services = award_services


class LocalityWithAwardsAdmin(agreement_admin.LocalityAdmin):
    services = award_services


class LocalitySuccessionWithAwardsAdmin(agreement_admin.LocalitySuccessionAdmin):
    services = award_services


for model, model_admin in (
    (Conference, ConferenceWithAwardsAdmin),
    (Body, BodyWithAwardsAdmin),
    (Locality, LocalityWithAwardsAdmin),
    (LocalitySuccession, LocalitySuccessionWithAwardsAdmin),
):
    admin.site.unregister(model)
    admin.site.register(model, model_admin)
