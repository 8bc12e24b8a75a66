"""Commendation forms: one line of commendations at a conference, or a decision on its own."""

from django import forms
from django.utils.translation import gettext_lazy as _

from agreements.models import Agreement, Conference, Movement
from awards.models import AwardDecision, AwardForm, AwardRecipient
from common.forms import CleanCharField, LookupSelect, VietnameseIntegerField
from entry.forms import AGREEMENT_LOOKUP, RowForm, body_field, row_formset, text_area


class CommendationForm(RowForm):
    """Who was commended, in which form, by whom: counts, named recipients, or both."""

    form = forms.ModelChoiceField(AwardForm.objects.all(), label=_("Form"))
    authorities = body_field(_("Awarded by"), multiple=True)
    authorities_text = CleanCharField(
        label=_("Awarded by, as written"), max_length=300, required=False, help_text=_("E.g. “Ban tổ chức”.")
    )
    number = CleanCharField(label=_("Decision number"), max_length=100, required=False)
    decided_on = forms.DateField(label=_("Decided on"), required=False)
    total_count = VietnameseIntegerField(label=_("Recipients in all"), required=False, min_value=0)
    collective_count = VietnameseIntegerField(label=_("Collectives"), required=False, min_value=0)
    individual_count = VietnameseIntegerField(label=_("Individuals"), required=False, min_value=0)
    named_collectives = text_area(_("Named collectives"), rows=2, help_text=_("One per line."))
    named_individuals = text_area(_("Named individuals"), rows=2, help_text=_("One per line."))
    reason = text_area(_("Reason"), rows=2)

    def clean(self):
        data = super().clean()
        if not (data.get("authorities") or data.get("authorities_text")):
            self.add_error("authorities", _("Say who awarded it."))
        counts = [data.get(f) for f in ("total_count", "collective_count", "individual_count")]
        names = (data.get("named_collectives") or "") + (data.get("named_individuals") or "")
        if all(c is None for c in counts) and not names.strip():
            self.add_error("total_count", _("Give the number of recipients or name them."))
        total, collectives, individuals = counts
        if total is not None and (collectives or 0) + (individuals or 0) > total:
            self.add_error(
                "total_count", _("Collectives and individuals together cannot exceed the total number of recipients.")
            )
        if not self.errors:
            decision = AwardDecision(total_count=total, collective_count=collectives, individual_count=individuals)
            recipients = self.recipients()
            try:
                decision.check_recipients(recipients)
            except forms.ValidationError as error:
                for field, messages in error.message_dict.items():
                    for message in messages:
                        self.add_error(field, message)
        return data

    def recipients(self):
        """Unsaved AwardRecipient rows for the named collectives and individuals."""
        rows = []
        for field, kind in (
            ("named_collectives", AwardRecipient.Kind.COLLECTIVE),
            ("named_individuals", AwardRecipient.Kind.INDIVIDUAL),
        ):
            for name in (self.cleaned_data.get(field) or "").splitlines():
                rows.append(AwardRecipient(kind=kind, name=name))
        return rows


CommendationFormSet = row_formset(CommendationForm)


class DecisionForm(CommendationForm):
    """An award decision on its own, optionally tied to a conference, agreement and movement."""

    id = None
    conference = forms.ModelChoiceField(Conference.objects.all(), label=_("Handed out at"), required=False)
    agreement = forms.ModelChoiceField(
        Agreement.objects.all(), label=_("Honours work under"), required=False, widget=LookupSelect(AGREEMENT_LOOKUP)
    )
    movement = forms.ModelChoiceField(Movement.objects.all(), label=_("Honours the movement"), required=False)
    revoked_on = forms.DateField(label=_("Revoked on"), required=False)
    revocation_reason = text_area(_("Reason for revocation"), rows=2)
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, user_bodies=None, conferences=None, **kwargs):
        self.user_bodies = user_bodies
        super().__init__(*args, **kwargs)
        if conferences is not None:
            self.fields["conference"].queryset = conferences

    def clean(self):
        data = super().clean()
        if data.get("revoked_on") and not data.get("revocation_reason"):
            self.add_error("revocation_reason", _("A revoked decision needs the reason for revocation."))
        if self.user_bodies is not None:
            authorities = {b.pk for b in data.get("authorities") or []}
            conference = data.get("conference")
            conference_bodies = set(conference.body_links.values_list("body", flat=True)) if conference else set()
            if not (authorities | conference_bodies) & self.user_bodies:
                self.add_error(
                    "authorities",
                    _("Your own body must be an awarding authority, or the decision handed out at its conference."),
                )
        return data
